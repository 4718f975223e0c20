/**
 * Monitoring: the report's Figures 1–5 and Table 5 computed from the live
 * records for a chosen period, each with its targets, its definition (exactly
 * what was counted) and its numbers one click away. Lazy-loaded (recharts).
 */
import { Button, CHART_TOOLTIP, chartLine, DateInput, dateRangeErrors, ErrorSummary, EVERY_PERIOD_AXIS, Table, type SummaryError } from "@evident/ui";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { api, type RouterOutputs } from "../../lib/trpc.js";
import { fmt, StatusTag } from "../logic-models/labels.js";

type Computed = RouterOutputs["monitoring"]["compute"];

const FIGURES = [
  { measureId: "cp_cases_known_da_perpetrator", figure: "Figure 1" },
  { measureId: "cla_escalations", figure: "Figure 2" },
  { measureId: "cla_escalations_da_referral", figure: "Figure 3" },
  { measureId: "assessment_days_allocation_to_completion", figure: "Figure 4" },
  { measureId: "re_referrals", figure: "Figure 5" },
] as const;

/** Table 5's three periods (weeks commencing), as the report gives them. */
const TABLE5 = [
  { label: "Before (Oct 2015 – Mar 2017)", from: "2015-10-05", to: "2017-03-26" },
  { label: "During (Mar 2017 – Mar 2019)", from: "2017-03-27", to: "2019-03-31" },
  { label: "After (Apr 2019 – Sep 2019)", from: "2019-04-01", to: "2019-09-29" },
];

function targetLines(c: Computed) {
  return c.indicators.flatMap((i) => i.targets.filter((t) => t.targetValue !== null).map((t) => ({ key: `${i.id}-${t.id}`, value: t.targetValue!, label: t.label ?? "Target" })));
}

function Figure({ measureId, figure, from, to }: { measureId: string; figure: string; from: string; to: string }) {
  const q = useQuery(api.monitoring.compute.queryOptions({ measureId, from, to }));
  const [showTable, setShowTable] = useState(false);
  const id = `fig-${measureId}`;
  if (q.isPending) return <Loading what={`Computing ${figure}`} />;
  if (q.isError) return <QueryError error={q.error} what={figure} />;
  const c = q.data;
  const data = c.values.map((v) => ({ period: v.period.label, value: v.value }));
  const lines = targetLines(c);
  const line = chartLine(data.map((d) => d.value));
  return (
    <section aria-labelledby={id} className="govuk-!-margin-bottom-9" data-testid={`figure-${measureId}`}>
      <h2 className="govuk-heading-m" id={id}>
        {figure}: {c.measure.title}
      </h2>
      <p className="govuk-body-s" data-testid="definition">
        <strong>What is counted:</strong> {c.measure.definition}
      </p>
      {c.indicators.length ? (
        <p className="govuk-body-s">
          {c.indicators.map((i) => (
            <span key={i.id}>
              {i.title}: <StatusTag status={i.status} />{" "}
            </span>
          ))}
        </p>
      ) : null}
      {c.measure.reportTargets.length ? <p className="govuk-body-s">Report target: {c.measure.reportTargets.map((t) => t.label).join("; ")}</p> : null}
      <div aria-hidden="true" style={{ width: "100%", height: 320 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            {/* Every period labelled (none skipped when crowded); straight lines, never smoothed: see chartLine. */}
            <XAxis dataKey="period" fontSize={11} {...EVERY_PERIOD_AXIS} />
            <YAxis fontSize={11} />
            <Tooltip {...CHART_TOOLTIP} />
            <Line type={line.type} dataKey="value" name={c.measure.unit} stroke="#1d70b8" dot={line.dot} isAnimationActive={false} />
            {lines.map((l) => (
              <ReferenceLine key={l.key} y={l.value} stroke="#d4351c" strokeDasharray="6 3" label={{ value: l.label, fontSize: 10, position: "insideTopRight" }} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Button variant="secondary" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable(!showTable)}>
        {showTable ? "Hide the numbers" : "Show the numbers"}
      </Button>
      {showTable ? (
        <div id={`${id}-table`}>
          <Table
            caption={`${figure} as a table`}
            captionSize="s"
            rows={c.values}
            rowKey={(v) => v.period.label}
            columns={[
              { header: "Period", cell: (v) => v.period.label },
              { header: c.measure.unit, cell: (v) => fmt(v.value), numeric: true },
              { header: "Records counted", cell: (v) => v.count, numeric: true },
            ]}
          />
          {lines.length ? <p className="govuk-body-s">Targets: {lines.map((l) => `${l.label} = ${fmt(l.value)}`).join("; ")}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

function Table5() {
  const runs = TABLE5.flatMap((p) => (["early_help_assessments_per_week", "cin_assessments_per_week"] as const).map((measureId) => ({ ...p, measureId })));
  const qs = useQueries({ queries: runs.map((r) => api.monitoring.compute.queryOptions({ measureId: r.measureId, kind: "range", from: r.from, to: r.to })) });
  const [showTable, setShowTable] = useState(false);
  if (qs.some((q) => q.isPending)) return <Loading what="Computing Table 5" />;
  const failed = qs.find((q) => q.isError);
  if (failed) return <QueryError error={failed.error} what="Table 5" />;
  const value = (i: number) => qs[i]!.data!.values[0]?.value ?? null;
  const rows = TABLE5.map((p, k) => ({ period: p.label, eh: value(k * 2), cin: value(k * 2 + 1) }));
  const defs = [qs[0]!.data!.measure, qs[1]!.data!.measure];
  return (
    <section aria-labelledby="table5" className="govuk-!-margin-bottom-9" data-testid="table-5">
      <h2 className="govuk-heading-m" id="table5">
        Table 5: assessments completed per week
      </h2>
      {defs.map((d) => (
        <p className="govuk-body-s" key={d.id}>
          <strong>{d.title}:</strong> {d.definition}
        </p>
      ))}
      <p className="govuk-body-s">Targets: 43 Early Help (level 1) and 28 CIN (level 2) assessments a week.</p>
      <div aria-hidden="true" style={{ width: "100%", height: 260 }}>
        <ResponsiveContainer>
          <BarChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="period" fontSize={11} />
            <YAxis fontSize={11} />
            <Tooltip {...CHART_TOOLTIP} />
            <Legend />
            <Bar dataKey="eh" name="Early Help (level 1)" fill="#1d70b8" isAnimationActive={false} />
            <Bar dataKey="cin" name="CIN (level 2)" fill="#00703c" isAnimationActive={false} />
            <ReferenceLine y={43} stroke="#1d70b8" strokeDasharray="6 3" />
            <ReferenceLine y={28} stroke="#00703c" strokeDasharray="6 3" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Button variant="secondary" aria-expanded={showTable} onClick={() => setShowTable(!showTable)}>
        {showTable ? "Hide the numbers" : "Show the numbers"}
      </Button>
      {showTable ? (
        <Table
          caption="Table 5 as a table"
          captionSize="s"
          rows={rows}
          rowKey={(r) => r.period}
          columns={[
            { header: "Period", cell: (r) => r.period },
            { header: "Early Help per week (target 43)", cell: (r) => fmt(r.eh), numeric: true },
            { header: "CIN per week (target 28)", cell: (r) => fmt(r.cin), numeric: true },
          ]}
        />
      ) : null}
    </section>
  );
}

/** What is wrong with the period (none when it can be shown): each date, and the end not before the start. */
function periodErrors(from: string, to: string): SummaryError[] {
  return dateRangeErrors({ id: "mon-from", label: "From", value: from }, { id: "mon-to", label: "To", value: to }, { required: true });
}

export default function MonitoringPage() {
  const [from, setFrom] = useState("2017-04-01");
  const [to, setTo] = useState("2020-03-31");
  const [range, setRange] = useState({ from, to });
  // Checked when Show is pressed, then again as the dates are corrected.
  const [tried, setTried] = useState(false);
  const errors = tried ? periodErrors(from, to) : [];
  const errorFor = (id: string) => errors.find((e) => e.href === id)?.text;
  return (
    <Page title="Monitoring">
      <p className="govuk-body">The report's monitoring figures computed from the records now held, against their targets. Each chart says exactly what was counted; its numbers are one click away.</p>
      <form
        noValidate
        aria-label="Choose the period"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (periodErrors(from, to).length === 0) setRange({ from, to });
        }}
        style={{ display: "flex", gap: 16, alignItems: "flex-end", flexWrap: "wrap" }}
      >
        <div style={{ flexBasis: "100%" }}>
          <ErrorSummary errors={errors} />
        </div>
        <DateInput id="mon-from" legend="From" value={from} error={errorFor("mon-from")} onChange={setFrom} />
        <DateInput id="mon-to" legend="To" value={to} error={errorFor("mon-to")} onChange={setTo} />
        <Button type="submit">Show</Button>
      </form>
      {FIGURES.map((f) => (
        <Figure key={`${f.measureId}-${range.from}-${range.to}`} measureId={f.measureId} figure={f.figure} from={range.from} to={range.to} />
      ))}
      <Table5 />
    </Page>
  );
}
