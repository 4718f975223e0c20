/**
 * Import statutory returns (SSDA903 and CIN census): choose the files, see
 * the dry-run report (what would be added, updated, skipped; every problem
 * with its DfE rule code), then commit — one transaction, all or nothing.
 */
import { labelOf, STATUTORY_FILE_KIND_LABELS } from "@evident/core";
import { Button, DateInput, dateFieldError, ErrorSummary, InsetText, NotificationBanner, Table, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { DataTable } from "../../components/data-table.js";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDateTime } from "../../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type DryRun = RouterOutputs["statutory"]["dryRun"];
type Problem = DryRun["problems"][number];
type Counts = DryRun["counts"];

const MAX_TOTAL_BYTES = 38 * 1024 * 1024;

const KIND_LABEL: Record<string, string> = {
  children: "Children",
  claEpisodes: "CLA episodes (SSDA903)",
  cinPlans: "CIN plans",
  cpPlans: "Child protection plans",
  referrals: "Referrals",
  assessments: "Assessments",
};

const problemColumns: ColumnDef<Problem, unknown>[] = [
  { accessorKey: "severity", header: "Severity", cell: (c) => (c.getValue() === "error" ? <strong className="govuk-tag govuk-tag--red">Error</strong> : <strong className="govuk-tag govuk-tag--yellow">Warning</strong>) },
  { accessorKey: "rule", header: "Rule" },
  { accessorKey: "file", header: "File" },
  { accessorKey: "row", header: "Row" },
  { accessorKey: "field", header: "Field" },
  { accessorKey: "message", header: "Message", enableSorting: false },
];

function CountsTable({ counts, caption }: { counts: Counts; caption: string }) {
  const rows = Object.entries(KIND_LABEL).map(([k, label]) => ({ k, label, c: (counts as unknown as Record<string, { add: number; update: number; skip: number }>)[k]! }));
  return (
    <Table
      caption={caption}
      captionSize="m"
      rows={rows}
      rowKey={(r) => r.k}
      firstCellIsHeader
      columns={[
        { header: "Records", cell: (r) => r.label },
        { header: "Add", cell: (r) => r.c.add.toLocaleString("en-GB") },
        { header: "Update", cell: (r) => r.c.update.toLocaleString("en-GB") },
        { header: "Unchanged", cell: (r) => r.c.skip.toLocaleString("en-GB") },
      ]}
    />
  );
}

function History() {
  const q = useQuery(api.statutory.history.queryOptions({ take: 10 }));
  if (q.isPending) return <Loading what="Loading past imports" />;
  if (q.isError) return <QueryError error={q.error} what="Past imports" />;
  if (q.data.length === 0) return <p className="govuk-body">Nothing has been imported yet.</p>;
  return (
    <Table
      caption="Past imports"
      captionSize="m"
      rows={q.data}
      rowKey={(r) => r.id}
      columns={[
        { header: "When", cell: (r) => formatDateTime(r.createdAt) },
        { header: "Files", cell: (r) => r.files.map((f) => f.name).join(", ") },
        { header: "Children added", cell: (r) => r.counts.children.add.toLocaleString("en-GB") },
        { header: "Episodes added", cell: (r) => (r.counts.claEpisodes.add + r.counts.cinPlans.add + r.counts.cpPlans.add).toLocaleString("en-GB") },
      ]}
    />
  );
}

export default function StatutoryImportPage() {
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<{ name: string; text: string }[]>([]);
  const [yearEnd, setYearEnd] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const dryRun = useMutation(api.statutory.dryRun.mutationOptions());
  const commit = useMutation({ ...api.statutory.commit.mutationOptions(), onSuccess: () => void queryClient.invalidateQueries({ queryKey: api.statutory.pathKey() }) });
  const input = () => ({ files, ...(yearEnd ? { yearEnd } : {}) });

  const choose = async (list: FileList | null) => {
    setProblem(null);
    dryRun.reset();
    commit.reset();
    const chosen = [...(list ?? [])];
    const total = chosen.reduce((t, f) => t + f.size, 0);
    if (total > MAX_TOTAL_BYTES) {
      setFiles([]);
      setProblem("The files are larger than 38 MB together. Import fewer years at a time.");
      return;
    }
    setReading(true);
    try {
      setFiles(await Promise.all(chosen.map(async (f) => ({ name: f.name, text: await f.text() }))));
    } finally {
      setReading(false);
    }
  };

  const report = dryRun.data;
  const yearEndError = dateFieldError({ id: "statutory-year-end", label: "Last day of the collection year", value: yearEnd });
  const yearEndValid = yearEndError === null;
  return (
    <Page title="Import statutory returns" caption="Data">
      <p className="govuk-body">
        Read SSDA903 (children looked after: Header and Episodes CSV, or XML) and CIN census returns (XML, or the flattened CSV tables). The other SSDA903 tables (Reviews, UASC, OC2, OC3, AD1 and the rest, as CSV) are checked against the rules but not imported. Several years can be imported at once. A dry run shows
        what would change and every problem found; nothing is written until you import, and then all of it is written or none of it.
      </p>
      <InsetText>Each new child gets a family record of its own (the returns do not say who lives together); link families afterwards. Children&apos;s names are not in the returns.</InsetText>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      {dryRun.error ? <ErrorSummary errors={[]} description={errorInfo(dryRun.error).message} /> : null}
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="statutory-files">
          Return files
        </label>
        <div className="govuk-hint" id="statutory-files-hint">
          CSV or XML, up to 38 MB together.
        </div>
        <input className="govuk-file-upload" id="statutory-files" name="files" type="file" multiple accept=".csv,.xml,text/csv,text/xml,application/xml" aria-describedby="statutory-files-hint" onChange={(e) => void choose(e.target.files)} />
      </div>
      <DateInput
        id="statutory-year-end"
        legend="Last day of the collection year (optional)"
        hint="For example, 31 3 2025. Left blank, it is the CIN census reference date, or the 31 March after the latest date in the files."
        value={yearEnd}
        error={yearEndError?.text}
        onChange={setYearEnd}
      />
      <Button disabled={files.length === 0 || reading || dryRun.isPending || !yearEndValid} onClick={() => dryRun.mutate(input())}>
        {dryRun.isPending ? "Checking the files…" : "Check the files (dry run)"}
      </Button>
      {reading ? <Loading what="Reading the files" /> : null}
      {dryRun.isPending ? <Loading what="Checking the files" /> : null}

      {report ? (
        <section aria-labelledby="dry-run-heading" data-testid="dry-run-report">
          <h2 className="govuk-heading-l" id="dry-run-heading">
            Dry run
          </h2>
          <Table
            caption="Files read"
            captionSize="m"
            rows={report.files}
            rowKey={(f) => f.name}
            columns={[
              { header: "File", cell: (f) => f.name },
              { header: "Recognised as", cell: (f) => labelOf(STATUTORY_FILE_KIND_LABELS, f.kind) },
              { header: "Rows", cell: (f) => f.rows.toLocaleString("en-GB") },
            ]}
          />
          <CountsTable counts={report.counts} caption="What the import would do" />
          {report.counts.notImported.section47s + report.counts.notImported.carePeriods > 0 ? (
            <p className="govuk-body-s">
              Read but not stored: {report.counts.notImported.section47s} section 47 enquiries, {report.counts.notImported.carePeriods} rebuilt periods of care (analysis rebuilds them from the episodes).
            </p>
          ) : null}
          <h3 className="govuk-heading-m">
            Problems: {report.errors} {report.errors === 1 ? "error" : "errors"}, {report.warnings} {report.warnings === 1 ? "warning" : "warnings"}
          </h3>
          {report.problems.length > 0 ? <DataTable id="statutory-problems" caption="Problems found in the files" columns={problemColumns} data={report.problems} filterLabel="Filter problems (rule, file, field, message)" /> : <p className="govuk-body">No problems found.</p>}
          {report.canCommit ? (
            <>
              {commit.error ? <ErrorSummary errors={[]} description={errorInfo(commit.error).message} /> : null}
              {commit.data ? null : (
                <Button disabled={commit.isPending} onClick={() => commit.mutate({ ...input(), digest: report.digest })}>
                  {commit.isPending ? "Importing…" : "Import these records"}
                </Button>
              )}
              {commit.isPending ? (
                <div role="status" aria-live="polite" className="govuk-body">
                  <progress aria-label="Importing" /> Importing: all of it is written in one go, or none of it.
                </div>
              ) : null}
            </>
          ) : (
            <WarningText>The files have errors. Correct them in the source system, export the returns again and run the dry run again. Nothing has been imported.</WarningText>
          )}
          {commit.data ? (
            <div data-testid="import-result">
              <NotificationBanner type="success" heading="The records were imported" focusOnMount>
                <p className="govuk-body">Import {commit.data.importId.slice(0, 8)}: one transaction, all records written.</p>
              </NotificationBanner>
              <CountsTable counts={commit.data.counts} caption="What was imported" />
            </div>
          ) : null}
        </section>
      ) : null}

      <h2 className="govuk-heading-l govuk-!-margin-top-8">Past imports</h2>
      <History />
    </Page>
  );
}
