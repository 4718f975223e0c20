import { parseIsoDay } from "@evident/core";
import { Button, DateInput, ErrorSummary, Table } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, QueryError } from "../components/errors.js";
import { Page } from "../components/page.js";
import { downloadBase64, formatDate } from "../lib/format.js";
import { client, errorInfo } from "../lib/trpc.js";
import { api } from "../lib/trpc.js";

const ok = (s: string) => parseIsoDay(s) !== undefined;

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
          <DateInput id="from" legend="From" value={from} onChange={setFrom} error={ok(from) ? undefined : from ? "From must be a real date" : "Enter a start date"} />
        </div>
        <div className="govuk-grid-column-one-quarter">
          <DateInput id="to" legend="To" value={to} onChange={setTo} error={!ok(to) ? (to ? "To must be a real date" : "Enter an end date") : ok(from) && from > to ? "The end date must be on or after the start date" : undefined} />
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
