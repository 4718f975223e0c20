/**
 * Import a Standard Safeguarding Dataset extract (docs/ssd.md): choose the
 * extract's folder (one CSV per SSD table) or a zip of it, see the dry run
 * (every problem with file, row and field; what would be added, updated and
 * left unchanged), then import — one transaction, all or nothing.
 */
import { Button, ErrorSummary, InsetText, NotificationBanner, Table, WarningText } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { useState, type ReactElement } from "react";
import { DataTable } from "../../components/data-table.js";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { formatDateTime } from "../../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../../lib/trpc.js";

type DryRun = RouterOutputs["ssd"]["dryRun"];
type Problem = DryRun["problems"][number];
type Counts = NonNullable<DryRun["counts"]>;
type Extract = { files: { name: string; text: string }[] } | { zip: string };

const MAX_TOTAL_BYTES = 38 * 1024 * 1024;

const KIND_LABEL: Record<string, string> = {
  people: "People",
  families: "Families",
  members: "Family members",
  workers: "Workers (staff records)",
  referrals: "Referrals",
  assessments: "Assessments (with factors)",
  episodes: "CIN, CP and CLA episodes",
  events: "Contacts, early help, section 47s, conferences, legal statuses",
  allocations: "Allocations (involvements)",
};

const SEVERITY: Record<string, ReactElement> = {
  error: <strong className="govuk-tag govuk-tag--red">Error</strong>,
  warning: <strong className="govuk-tag govuk-tag--yellow">Warning</strong>,
  info: <strong className="govuk-tag govuk-tag--grey">Note</strong>,
};

const problemColumns: ColumnDef<Problem, unknown>[] = [
  { accessorKey: "severity", header: "Severity", cell: (c) => SEVERITY[String(c.getValue())] ?? String(c.getValue()) },
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
  const q = useQuery(api.ssd.history.queryOptions({ take: 10 }));
  if (q.isPending) return <Loading what="Loading past imports" />;
  if (q.isError) return <QueryError error={q.error} what="Past imports" />;
  if (q.data.length === 0) return <p className="govuk-body">No SSD extract has been imported yet.</p>;
  return (
    <Table
      caption="Past SSD imports"
      captionSize="m"
      rows={q.data}
      rowKey={(r) => r.id}
      columns={[
        { header: "When", cell: (r) => formatDateTime(r.createdAt) },
        { header: "Tables", cell: (r) => r.files.length.toLocaleString("en-GB") },
        { header: "People added", cell: (r) => r.counts.people.add.toLocaleString("en-GB") },
        { header: "Referrals added", cell: (r) => r.counts.referrals.add.toLocaleString("en-GB") },
        { header: "Assessments added", cell: (r) => r.counts.assessments.add.toLocaleString("en-GB") },
      ]}
    />
  );
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function SsdImportPage() {
  const queryClient = useQueryClient();
  const [extract, setExtract] = useState<Extract | null>(null);
  const [chosen, setChosen] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const dryRun = useMutation(api.ssd.dryRun.mutationOptions());
  const commit = useMutation({ ...api.ssd.commit.mutationOptions(), onSuccess: () => void queryClient.invalidateQueries({ queryKey: api.ssd.pathKey() }) });

  const choose = async (list: FileList | null, as: "folder" | "zip") => {
    setProblem(null);
    dryRun.reset();
    commit.reset();
    setExtract(null);
    const files = [...(list ?? [])].filter((f) => (as === "zip" ? true : f.name.toLowerCase().endsWith(".csv")));
    if (files.length === 0) {
      setProblem(as === "zip" ? "Choose a zip file." : "The folder has no CSV files. Choose the folder the SSD extract was exported to.");
      return;
    }
    if (files.reduce((t, f) => t + f.size, 0) > MAX_TOTAL_BYTES) {
      setProblem("The extract is larger than 38 MB. Zip the folder and upload the zip, or import it with the command line (see docs/ssd.md).");
      return;
    }
    setReading(true);
    try {
      if (as === "zip") setExtract({ zip: await base64Of(files[0]!) });
      else setExtract({ files: await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))) });
      setChosen(as === "zip" ? files[0]!.name : `${files.length} CSV files`);
    } finally {
      setReading(false);
    }
  };

  const report = dryRun.data;
  return (
    <Page title="Import an SSD extract" caption="Data">
      <p className="govuk-body">
        Read an extract of the Standard Safeguarding Dataset, as made by the SSD project&apos;s scripts for your case management system: one CSV file per table (ssd_person.csv, ssd_cin_episodes.csv
        and so on). A dry run shows every problem and what would change; nothing is written until you import, and then all of it is written or none of it. Importing the same extract again changes
        nothing; a later extract adds only what is new.
      </p>
      <InsetText>Only ssd_person.csv is required. Workers become staff records (linked to an existing one with the same email) and can never sign in because of an import.</InsetText>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      {dryRun.error ? <ErrorSummary errors={[]} description={errorInfo(dryRun.error).message} /> : null}
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="ssd-folder">
          The extract&apos;s folder
        </label>
        <div className="govuk-hint" id="ssd-folder-hint">
          The folder holding the CSV files.
        </div>
        <input
          className="govuk-file-upload"
          id="ssd-folder"
          name="folder"
          type="file"
          multiple
          {...({ webkitdirectory: "" } as Record<string, string>)}
          aria-describedby="ssd-folder-hint"
          onChange={(e) => void choose(e.target.files, "folder")}
        />
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="ssd-files">
          Or the CSV files
        </label>
        <input className="govuk-file-upload" id="ssd-files" name="files" type="file" multiple accept=".csv,text/csv" onChange={(e) => void choose(e.target.files, "folder")} />
      </div>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="ssd-zip">
          Or a zip of the folder
        </label>
        <input className="govuk-file-upload" id="ssd-zip" name="zip" type="file" accept=".zip,application/zip" onChange={(e) => void choose(e.target.files, "zip")} />
      </div>
      {extract ? <p className="govuk-body">Chosen: {chosen}.</p> : null}
      <Button disabled={!extract || reading || dryRun.isPending} onClick={() => extract && dryRun.mutate(extract)}>
        {dryRun.isPending ? "Checking the extract…" : "Check the extract (dry run)"}
      </Button>
      {reading ? <Loading what="Reading the files" /> : null}
      {dryRun.isPending ? <Loading what="Checking the extract" /> : null}

      {report && extract ? (
        <section aria-labelledby="dry-run-heading" data-testid="ssd-dry-run-report">
          <h2 className="govuk-heading-l" id="dry-run-heading">
            Dry run
          </h2>
          <Table
            caption="Tables read"
            captionSize="m"
            rows={report.files}
            rowKey={(f) => f.name}
            columns={[
              { header: "File", cell: (f) => f.name },
              { header: "Rows", cell: (f) => f.rows.toLocaleString("en-GB") },
            ]}
          />
          {report.counts ? <CountsTable counts={report.counts} caption="What the import would do" /> : null}
          <h3 className="govuk-heading-m">
            Problems: {report.errors} {report.errors === 1 ? "error" : "errors"}, {report.warnings} {report.warnings === 1 ? "warning" : "warnings"}
          </h3>
          {report.problems.length > 0 ? <DataTable id="ssd-problems" caption="Problems and notes" columns={problemColumns} data={report.problems} filterLabel="Filter problems (rule, file, field, message)" /> : <p className="govuk-body">No problems found.</p>}
          {report.canCommit ? (
            <>
              {commit.error ? <ErrorSummary errors={[]} description={errorInfo(commit.error).message} /> : null}
              {commit.data ? null : (
                <Button disabled={commit.isPending} onClick={() => commit.mutate({ extract, digest: report.digest })}>
                  {commit.isPending ? "Importing…" : "Import these records"}
                </Button>
              )}
              {commit.isPending ? (
                <div role="status" aria-live="polite" className="govuk-body">
                  <progress aria-label="Importing" /> Importing: people, families, workers, referrals, assessments, episodes, events and allocations, all in one go or none of it.
                </div>
              ) : null}
            </>
          ) : (
            <WarningText>The extract has errors. Correct them (or run the SSD script again) and run the dry run again. Nothing has been imported.</WarningText>
          )}
          {commit.data ? (
            <div data-testid="ssd-import-result">
              <NotificationBanner type="success" heading="The extract was imported" focusOnMount>
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
