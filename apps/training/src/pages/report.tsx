import { Button, ErrorSummary, Input, Table } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { downloadBase64, formatDate } from "../lib/format.js";
import { client, errorInfo } from "../lib/trpc.js";
import { api } from "../lib/trpc.js";

const ok = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export default function ReportPage() {
  // Default: financial years 2017-18 and 2018-19, the period of the report's Table 26.
  const [from, setFrom] = useState("2017-04-01");
  const [to, setTo] = useState("2019-03-31");
  const [problem, setProblem] = useState<string | null>(null);
  const valid = ok(from) && ok(to) && from <= to;
  const q = useQuery({ ...api.training.reports.table26.queryOptions({ from, to }), enabled: valid });
  const download = async (format: "csv" | "xlsx") => {
    setProblem(null);
    try {
      downloadBase64(await client.training.reports.table26Export.query({ from, to, format }));
    } catch (e) {
      setProblem(errorInfo(e).message);
    }
  };
  return (
    <Page title="Table 26: training delivered">
      <p className="govuk-body">Courses delivered and recorded participants for any period, as in Appendix 3, Table 26 of the evaluation report. Participants are people marked present on a session&apos;s register.</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <Input id="from" label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} error={ok(from) ? undefined : "Enter a start date"} />
        </div>
        <div className="govuk-grid-column-one-quarter">
          <Input id="to" label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} error={!ok(to) ? "Enter an end date" : from > to ? "The end date must be on or after the start date" : undefined} />
        </div>
      </div>
      <ErrorSummary errors={[]} description={problem ?? undefined} />
      {!valid ? null : q.isPending ? <Loading /> : q.isError ? <QueryError error={q.error} what="Table 26" /> : (
        <>
          <Table
            caption={`${formatDate(q.data.from)} to ${formatDate(q.data.to)}`}
            captionSize="s"
            rows={[...q.data.rows.map((r) => ({ ...r, total: false })), { courseId: "total", course: "Total", courses: q.data.total.courses, participants: q.data.total.participants, total: true }]}
            rowKey={(r) => r.courseId}
            firstCellIsHeader
            columns={[
              { header: "Training Course", cell: (r) => r.course },
              { header: "Recorded number of courses delivered", numeric: true, cell: (r) => (r.total ? <strong>{r.courses}</strong> : r.courses) },
              { header: "Number of recorded participants", numeric: true, cell: (r) => (r.total ? <strong>{r.participants}</strong> : r.participants) },
            ]}
          />
          {q.data.rows.length === 0 ? <p className="govuk-body">No sessions in this period.</p> : null}
          <div className="govuk-button-group">
            <Button variant="secondary" onClick={() => void download("csv")}>
              Download CSV
            </Button>
            <Button variant="secondary" onClick={() => void download("xlsx")}>
              Download Excel (XLSX)
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}
