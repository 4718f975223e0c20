import { Button, ErrorSummary, NotificationBanner, Table, Textarea } from "@evident/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Page } from "../components/page.js";
import { formatDate, plural } from "../lib/format.js";
import { api, errorInfo, type RouterOutputs } from "../lib/trpc.js";

type Report = RouterOutputs["training"]["staff"]["importRoster"];
const EXAMPLE = "name,email,role,job_title,team,start_date,languages\nAsha Khan,asha.khan@example.org,social_worker,Social worker,,2026-04-01,English;Urdu";

export default function RosterPage() {
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = useMutation(api.training.staff.importRoster.mutationOptions());
  const go = async (mode: "dry_run" | "commit") => {
    setProblem(null);
    if (!csv.trim()) {
      setProblem("Choose a CSV file or paste the roster");
      return;
    }
    try {
      const r = await run.mutateAsync({ csv, mode });
      setReport(r);
      if (mode === "dry_run") setChecked(csv);
      if (r.committed) {
        setChecked(null);
        await queryClient.invalidateQueries({ queryKey: api.training.staff.pathKey() });
      }
    } catch (e) {
      setProblem(errorInfo(e).message);
    }
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <ErrorSummary errors={problem ? [{ href: "roster", text: problem }] : []} />
        <Page title="Import a roster" caption="Staff">
          <p className="govuk-body">Add several starters at once from a CSV file. Check the file first: nothing is imported until every line is right, and then every line is imported together.</p>
          <p className="govuk-body">Columns: <code>name, email, role, job_title, team, start_date, languages</code>. Role is a job role such as social_worker or &quot;Family support worker&quot;; dates are YYYY-MM-DD; languages are separated by semicolons.</p>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="roster-file">
              CSV file
            </label>
            <input
              className="govuk-file-upload"
              id="roster-file"
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const f = e.currentTarget.files?.[0];
                if (!f) return;
                if (f.size > 400_000) {
                  setProblem("The file must be smaller than 400 KB");
                  return;
                }
                setCsv(await f.text());
                setReport(null);
              }}
            />
          </div>
          <Textarea id="roster" label="Or paste the roster" hint={`For example:\n${EXAMPLE}`} rows={8} value={csv} onChange={(e) => { setCsv(e.target.value); setReport(null); }} spellCheck={false} />
          <div className="govuk-button-group">
            <Button onClick={() => void go("dry_run")} disabled={run.isPending}>
              Check the roster
            </Button>
            {report && !report.committed && report.problemCount === 0 && report.rows.length > 0 && checked === csv ? (
              <Button variant="warning" onClick={() => void go("commit")} disabled={run.isPending}>
                Import {plural(report.rows.length, "starter")}
              </Button>
            ) : null}
          </div>
          {report ? <RosterReport report={report} /> : null}
        </Page>
      </div>
    </div>
  );
}

function RosterReport({ report }: { report: Report }) {
  if (report.committed) {
    return (
      <NotificationBanner type="success" heading={`${plural(report.created, "starter")} imported`} focusOnMount>
        <p className="govuk-body">
          Each has their role&apos;s onboarding plan. <Link className="govuk-link" to="/staff">See the staff list</Link>.
        </p>
      </NotificationBanner>
    );
  }
  return (
    <div role="status">
      {report.problemCount > 0 ? (
        <>
          <h2 className="govuk-heading-m">{plural(report.problemCount, "problem")} to fix; nothing has been imported</h2>
          <Table
            rows={report.problems}
            rowKey={(p, i) => `${p.line}-${i}`}
            columns={[
              { header: "Line", numeric: true, cell: (p) => p.line },
              { header: "Column", cell: (p) => p.column ?? "–" },
              { header: "Problem", cell: (p) => p.message },
            ]}
          />
        </>
      ) : (
        <h2 className="govuk-heading-m">The roster is ready: {plural(report.rows.length, "starter")} to import</h2>
      )}
      {report.rows.length > 0 ? (
        <Table
          caption="Lines that can be imported"
          captionSize="s"
          rows={report.rows}
          rowKey={(r) => String(r.line)}
          columns={[
            { header: "Line", numeric: true, cell: (r) => r.line },
            { header: "Name", cell: (r) => r.name },
            { header: "Role", cell: (r) => r.roleLabel },
            { header: "Team", cell: (r) => r.team ?? "–" },
            { header: "Starts", cell: (r) => formatDate(r.startDate) },
            { header: "Onboarding plan", cell: (r) => (r.plan ? `${r.plan} (${r.items} items)` : "None") },
          ]}
        />
      ) : null}
    </div>
  );
}
