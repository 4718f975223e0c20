/**
 * Pseudonymised evaluation extracts: choose which children (all, or members
 * of cohorts), create the extract, download it as CSV files or a workbook.
 */
import { COHORT_LABELS, labelOf } from "@evident/core";
import { Button, Checkboxes, downloadBase64, ErrorSummary, Input, InsetText, NotificationBanner, Table } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDateTime } from "../../lib/format.js";
import { api, client, errorInfo } from "../../lib/trpc.js";

function ExtractList() {
  const q = useQuery(api.extracts.list.queryOptions({ take: 50 }));
  const [problem, setProblem] = useState<string | null>(null);
  if (q.isPending) return <Loading what="Loading extracts" />;
  if (q.isError) return <QueryError error={q.error} what="Extracts" />;
  if (q.data.length === 0) return <p className="govuk-body">No extracts have been created yet.</p>;
  const get = async (id: string, format: "csv" | "xlsx") => {
    setProblem(null);
    try {
      const out = await client.extracts.download.mutate({ id, format });
      for (const f of out.files) downloadBase64(f);
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  };
  return (
    <>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      <Table
        caption="Extracts"
        captionSize="m"
        rows={q.data}
        rowKey={(r) => r.id}
        columns={[
          { header: "Title", cell: (r) => r.title },
          { header: "Created", cell: (r) => formatDateTime(r.createdAt) },
          { header: "Children", cell: (r) => (r.counts.children ?? 0).toLocaleString("en-GB") },
          {
            header: "Download",
            cell: (r) => (
              <div className="govuk-button-group govuk-!-margin-bottom-0">
                <button type="button" className="app-sort-button" onClick={() => void get(r.id, "csv")}>
                  CSV<span className="govuk-visually-hidden"> files of {r.title}</span>
                </button>
                <button type="button" className="app-sort-button" onClick={() => void get(r.id, "xlsx")}>
                  XLSX<span className="govuk-visually-hidden"> workbook of {r.title}</span>
                </button>
              </div>
            ),
          },
        ]}
      />
    </>
  );
}

export default function ExtractsPage() {
  const queryClient = useQueryClient();
  const cohorts = useQuery(api.extracts.cohorts.queryOptions({}));
  const [title, setTitle] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const create = useMutation({ ...api.extracts.create.mutationOptions(), onSuccess: () => void queryClient.invalidateQueries({ queryKey: api.extracts.pathKey() }) });
  const info = create.error ? errorInfo(create.error) : null;
  const titleError = info?.fieldErrors.find((f) => f.path === "title")?.message;
  return (
    <Page title="Evaluation extracts" caption="Evidence">
      <p className="govuk-body">
        An extract is the evaluation dataset — children, status episodes, referrals and cohort membership — for analysts and outside evaluators. Children and families are shown by pseudonyms that are
        the same throughout one extract and different in every other; dates of birth are given as the month; there are no names, addresses, postcodes, contact details or notes.
      </p>
      <InsetText>Every extract and every download is recorded in the audit log with the children it covers.</InsetText>
      {info ? <ErrorSummary errors={titleError ? [{ href: "extract-title", text: titleError }] : []} description={titleError ? undefined : info.message} /> : null}
      {create.data ? <NotificationBanner type="success" heading={`Extract created: ${create.data.counts.children ?? 0} children`} /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ title, cohortIds: chosen });
        }}
      >
        <Input id="extract-title" label="Title" labelSize="s" hint="For example, IFP evaluation for the university, March 2026" value={title} onChange={(e) => setTitle(e.target.value)} error={titleError} width={30} />
        {cohorts.isPending ? <Loading what="Loading cohorts" /> : null}
        {cohorts.isError ? <QueryError error={cohorts.error} what="Cohorts" /> : null}
        {cohorts.data && cohorts.data.length > 0 ? (
          <Checkboxes
            id="extract-cohorts"
            legend="Only members of these cohorts"
            legendSize="s"
            hint="Leave all unticked for every child with a status episode or referral."
            small
            items={cohorts.data.map((c) => ({ value: c.id, label: `${c.name} (${labelOf(COHORT_LABELS, c.kind).toLowerCase()}, ${c.members} children)` }))}
            inputProps={{
              name: "cohorts",
              onChange: (e: ChangeEvent<HTMLInputElement>) => setChosen((now) => (e.target.checked ? [...now, e.target.value] : now.filter((x) => x !== e.target.value))),
            }}
          />
        ) : null}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create extract"}
        </Button>
      </form>
      <ExtractList />
    </Page>
  );
}
