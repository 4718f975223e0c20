/**
 * The audit log (administrators): who did what to which record or person, when,
 * and with what outcome; filtered by user, person or record, action, outcome and
 * dates; exported as CSV (formula-safe). Viewing and exporting are audited too.
 */
import { Button, ErrorSummary, Input, Select, Table, Tag } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, client, errorInfo, type RouterInputs, type RouterOutputs } from "../../lib/trpc.js";

type Row = RouterOutputs["admin"]["audit"]["list"]["items"][number];
type Filters = Omit<RouterInputs["admin"]["audit"]["list"], "cursor" | "limit">;
const OUTCOME = { success: "green", denied: "red", failure: "orange" } as const;

export default function AuditLogPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [problem, setProblem] = useState<string | null>(null);
  const users = useQuery(api.admin.users.list.queryOptions({ limit: 100 }));
  const q = useQuery({ ...api.admin.audit.list.queryOptions({ limit: 100, ...filters }), retry: false });
  const emailOf = new Map((users.data?.items ?? []).map((u) => [u.id, u.email]));

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const v = (k: string) => String(d.get(k) ?? "").trim() || undefined;
    setFilters({ actorId: v("actorId"), entityId: v("entityId"), action: v("action"), outcome: v("outcome") as Filters["outcome"], from: v("from"), to: v("to") });
  }

  async function exportCsv() {
    setProblem(null);
    try {
      const out = await client.admin.audit.export.mutate(filters);
      const url = URL.createObjectURL(new Blob([out.csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = out.filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  }

  return (
    <Page title="Audit log" caption="Administration">
      <ErrorSummary errors={[]} description={problem ?? (q.isError ? errorInfo(q.error).message : undefined)} />
      <form noValidate onSubmit={apply}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select id="actorId" name="actorId" label="User" options={[{ value: "", label: "Anyone" }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.email }))]} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Input id="entityId" name="entityId" label="Person or record id" spellCheck={false} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Input id="action" name="action" label="Action" hint="For example families.get" spellCheck={false} />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select id="outcome" name="outcome" label="Outcome" options={[{ value: "", label: "Any" }, { value: "success", label: "Success" }, { value: "denied", label: "Denied" }, { value: "failure", label: "Failure" }]} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Input id="from" name="from" label="From (YYYY-MM-DD)" width={10} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Input id="to" name="to" label="To (YYYY-MM-DD)" width={10} />
          </div>
        </div>
        <div className="govuk-button-group">
          <Button type="submit">Show</Button>
          <Button variant="secondary" onClick={() => void exportCsv()}>
            Export as CSV
          </Button>
        </div>
      </form>
      {q.isPending ? (
        <Loading what="Loading the audit log" />
      ) : q.isError ? (
        <QueryError error={q.error} what="The audit log" />
      ) : (
        <Table<Row>
          caption={`${q.data.items.length}${q.data.nextCursor ? "+" : ""} entries, newest first`}
          captionSize="s"
          rows={q.data.items}
          rowKey={(r) => r.id}
          columns={[
            { header: "When", cell: (r) => new Date(r.at).toLocaleString("en-GB") },
            { header: "User", cell: (r) => (r.actorId ? (emailOf.get(r.actorId) ?? r.actorId) : "—") },
            { header: "Action", cell: (r) => r.action },
            { header: "Records", cell: (r) => `${r.entityType ?? ""} ${r.entityIds.length ? `(${r.entityIds.length})` : ""}` },
            { header: "Outcome", cell: (r) => <Tag colour={OUTCOME[r.outcome as keyof typeof OUTCOME] ?? "grey"}>{r.outcome}</Tag> },
            { header: "Reason", cell: (r) => r.reason ?? "" },
          ]}
        />
      )}
    </Page>
  );
}
