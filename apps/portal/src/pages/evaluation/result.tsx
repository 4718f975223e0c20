/**
 * An analysis result: warnings in plain words first, then cohort sizes, the
 * outcome table, the status-transition Sankey, the cost table and the
 * difference-in-differences with intervals. Every chart has a "Show the
 * numbers" table. All numbers come from `analyse()` in @evident/core via the
 * API; nothing is recomputed here.
 */
import type { AnalysisResult } from "@evident/core";
import { CHART_TOOLTIP, Details, ScrollRegion, Table, Tag, WarningText } from "@evident/ui";
import { Sankey, Tooltip } from "recharts";
import { money, num } from "../../lib/format.js";
import { HeadRow } from "./table-parts.js";
import { MatchingView } from "./matching.js";

const HIGHEST = ["none", "CIN", "CP", "CLA"] as const;
const LABEL: Record<string, string> = { none: "No status", CIN: "CIN", CP: "CP", CLA: "CLA" };
const COLOUR: Record<string, string> = { none: "#505a5f", CIN: "#1d70b8", CP: "#d4351c", CLA: "#4c2c92" };

export function Warnings({ warnings }: { warnings: AnalysisResult["warnings"] }) {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...warnings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <section aria-labelledby="warnings-heading" data-testid="warnings">
      <h2 className="govuk-heading-m" id="warnings-heading">
        Read this before the numbers
      </h2>
      {sorted.length === 0 ? (
        <p className="govuk-body">No data-quality or comparability problems were found. The numbers below still describe association, not proof of cause.</p>
      ) : (
        <ul className="govuk-list app-warning-list">
          {sorted.map((w, i) => (
            <li key={i}>
              <Tag colour={w.severity === "error" ? "red" : w.severity === "warning" ? "orange" : "blue"}>{w.severity === "error" ? "Problem" : w.severity === "warning" ? "Caution" : "Note"}</Tag> {w.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Cohort = AnalysisResult["cohorts"]["intervention"];

function OutcomeTable({ result }: { result: AnalysisResult }) {
  const rows: { label: string; get: (c: Cohort, w: "before" | "after") => string }[] = [
    { label: "Referrals", get: (c, w) => num(c[w].referrals) },
    { label: "Children with CIN", get: (c, w) => num(c[w].CIN.children) },
    { label: "Days of CIN", get: (c, w) => num(c[w].CIN.days) },
    { label: "Children with CP", get: (c, w) => num(c[w].CP.children) },
    { label: "Days of CP", get: (c, w) => num(c[w].CP.days) },
    { label: "Children looked after (CLA)", get: (c, w) => num(c[w].CLA.children) },
    { label: "Days of CLA", get: (c, w) => num(c[w].CLA.days) },
    { label: "Children with no status", get: (c, w) => num(c[w].none) },
    { label: "Cost of the window", get: (c, w) => money(c[w].cost) },
  ];
  const { intervention: a, comparison: b } = result.cohorts;
  return (
    <ScrollRegion labelledBy="outcome-table-caption">
      <table className="govuk-table" data-testid="outcome-table">
        <caption id="outcome-table-caption" className="govuk-table__caption govuk-table__caption--m">
          Outcomes {result.windowMonths} months before and after
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <td className="govuk-table__header" />
            <th scope="colgroup" colSpan={2} className="govuk-table__header">
              Programme cohort ({a.n} children)
            </th>
            <th scope="colgroup" colSpan={2} className="govuk-table__header">
              Comparison cohort ({b.n} children)
            </th>
          </tr>
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Measure
            </th>
            {["Before", "After", "Before", "After"].map((h, i) => (
              <th key={i} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.label}>
              <th scope="row" className="govuk-table__header">
                {r.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.get(a, "before")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.get(a, "after")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.get(b, "before")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.get(b, "after")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Transitions({ cohort, title }: { cohort: Cohort; title: string }) {
  const nodes = [...HIGHEST.map((s) => ({ name: `Before: ${LABEL[s]}`, status: s })), ...HIGHEST.map((s) => ({ name: `After: ${LABEL[s]}`, status: s }))];
  const links: { source: number; target: number; value: number }[] = [];
  HIGHEST.forEach((from, i) =>
    HIGHEST.forEach((to, j) => {
      const v = cohort.transitions[from][to];
      if (v > 0) links.push({ source: i, target: HIGHEST.length + j, value: v });
    }),
  );
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  // Recharts needs every node referenced; keep all nodes but only links with children.
  return (
    <figure className="app-figure">
      <h3 className="govuk-heading-s">{title}</h3>
      {links.length === 0 ? (
        <p className="govuk-body">No children in this cohort.</p>
      ) : (
        <ScrollRegion label={`${title}: chart`}>
        {/* A picture with its words in aria-label and the numbers in the table below: not a focus stop (no role=application). */}
        <div role="img" aria-label={`${title}: highest status before and after. ${cohort.escalations} escalated, ${cohort.deEscalations} de-escalated, ${cohort.unchanged} unchanged.`}>
          <Sankey
            accessibilityLayer={false}
            width={760}
            height={280}
            data={{ nodes: nodes.map((n, i) => ({ name: used.has(i) ? n.name : "" })), links }}
            nodePadding={24}
            margin={{ left: 170, right: 170, top: 10, bottom: 10 }}
            link={{ stroke: "#1d70b8", strokeOpacity: 0.25 }}
            node={(props: { x: number; y: number; width: number; height: number; index: number; payload: { name: string; value: number } }) => {
              const n = nodes[props.index]!;
              if (!used.has(props.index)) return <g />;
              const after = props.index >= HIGHEST.length;
              return (
                <g>
                  <rect x={props.x} y={props.y} width={props.width} height={props.height} fill={COLOUR[n.status]} />
                  <text x={after ? props.x + props.width + 6 : props.x - 6} textAnchor={after ? "start" : "end"} y={props.y + props.height / 2 + 4} fontSize={14} fill="#0b0c0c">
                    {n.name} ({props.payload.value})
                  </text>
                </g>
              );
            }}
          >
            <Tooltip {...CHART_TOOLTIP} />
          </Sankey>
        </div>
        </ScrollRegion>
      )}
      <figcaption className="govuk-body-s">
        {cohort.escalations} escalated, {cohort.deEscalations} de-escalated, {cohort.unchanged} unchanged (highest status in each window; CIN &lt; CP &lt; CLA).
      </figcaption>
      <Details summary={`Show the numbers: ${title.toLowerCase()}`}>
        <ScrollRegion label={`Children by highest status, ${title.toLowerCase()}`}>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Children by highest status before (rows) and after (columns)</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Before \ After
              </th>
              {HIGHEST.map((s) => (
                <th key={s} scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {LABEL[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {HIGHEST.map((from) => (
              <tr key={from} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {LABEL[from]}
                </th>
                {HIGHEST.map((to) => (
                  <td key={to} className="govuk-table__cell govuk-table__cell--numeric">
                    {cohort.transitions[from][to]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollRegion>
      </Details>
    </figure>
  );
}

function CostTable({ result }: { result: AnalysisResult }) {
  const a = result.cohorts.intervention;
  const b = result.cohorts.comparison;
  const rows = [
    { k: "Programme cohort: cost before", v: money(a.before.cost) },
    { k: "Programme cohort: cost after", v: money(a.after.cost) },
    { k: "Programme cohort: change", v: money(a.costDifference) },
    { k: `Comparison cohort scaled to ${a.n} children (× ${num(b.scaleFactor, 3)}): cost before`, v: money(b.scaledCostBefore) },
    { k: "Comparison cohort, scaled: cost after", v: money(b.scaledCostAfter) },
    { k: "Comparison cohort, scaled: change", v: money(b.scaledCostDifference) },
    { k: "Saving (comparison change − programme change)", v: money(result.saving) },
    ...(result.programmeCost !== undefined ? [{ k: "Cost of the programme", v: money(result.programmeCost) }] : []),
    ...(result.netCost !== undefined ? [{ k: "Net cost (programme cost − saving)", v: money(result.netCost) }] : []),
  ];
  return (
    <>
      <Table
        caption="Cost-benefit"
        firstCellIsHeader
        rows={rows}
        rowKey={(r) => r.k}
        columns={[
          { header: "Item", cell: (r) => r.k },
          { header: "Amount", cell: (r) => r.v, numeric: true },
        ]}
      />
      <p className="govuk-body-s">
        Tariffs: {result.tariffSet.name} ({result.tariffSet.source}, {result.tariffSet.priceYear} prices): CLA {money(result.tariffSet.annualPerChild.CLA)}, CP {money(result.tariffSet.annualPerChild.CP)}, CIN{" "}
        {money(result.tariffSet.annualPerChild.CIN)} per child per year; {money(result.tariffSet.referral)} per referral.
      </p>
    </>
  );
}

const DID_LABEL: Record<string, { label: string; fmt: (n: number) => string }> = {
  CIN: { label: "Days of CIN per child", fmt: (n) => num(n, 1) },
  CP: { label: "Days of CP per child", fmt: (n) => num(n, 1) },
  CLA: { label: "Days of CLA per child", fmt: (n) => num(n, 1) },
  referrals: { label: "Referrals per child", fmt: (n) => num(n, 2) },
  cost: { label: "Cost per child", fmt: (n) => money(n) },
};

function IntervalBar({ estimate, ci }: { estimate: number; ci: [number, number] | null }) {
  const lo = Math.min(0, estimate, ci?.[0] ?? estimate);
  const hi = Math.max(0, estimate, ci?.[1] ?? estimate);
  const span = hi - lo || 1;
  const x = (v: number) => 10 + ((v - lo) / span) * 180;
  return (
    <svg width="200" height="24" aria-hidden="true">
      <line x1={x(0)} x2={x(0)} y1={2} y2={22} stroke="#505a5f" strokeDasharray="2 2" />
      {ci ? <line x1={x(ci[0])} x2={x(ci[1])} y1={12} y2={12} stroke="#0b0c0c" strokeWidth={2} /> : null}
      <circle cx={x(estimate)} cy={12} r={5} fill={ci && (ci[0] > 0 || ci[1] < 0) ? "#1d70b8" : "#ffffff"} stroke="#1d70b8" strokeWidth={2} />
    </svg>
  );
}

function Did({ result }: { result: AnalysisResult }) {
  const did = result.differenceInDifferences;
  const measures = Object.entries(did.measures);
  return (
    <>
      <p className="govuk-body">
        The difference-in-differences is the programme cohort&apos;s average change minus the comparison cohort&apos;s. Below zero favours the programme. The line shows the 95% interval (
        {did.method === "bootstrap" ? `bootstrap, ${did.replicates} resamples, seed ${did.seed}` : did.method === "normal" ? "normal approximation" : "not calculated"}); a filled dot means the
        interval does not include zero.
      </p>
      <ScrollRegion labelledBy="did-table-caption">
        <table className="govuk-table" data-testid="did-table">
          <caption id="did-table-caption" className="govuk-table__caption govuk-table__caption--s">Difference-in-differences with 95% intervals</caption>
          <thead className="govuk-table__head">
            <HeadRow headers={["Measure", "Programme change", "Comparison change", "Difference", "95% interval", "Chart"]} numeric={(i) => i > 0 && i < 5} />
          </thead>
          <tbody className="govuk-table__body">
            {measures.map(([k, m]) => {
              const f = DID_LABEL[k] ?? { label: k, fmt: (n: number) => num(n, 2) };
              return (
                <tr className="govuk-table__row" key={k}>
                  <th scope="row" className="govuk-table__header">
                    {f.label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{f.fmt(m.interventionChange)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{f.fmt(m.comparisonChange)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{f.fmt(m.estimate)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{m.ci95 ? `${f.fmt(m.ci95[0])} to ${f.fmt(m.ci95[1])}` : "Not calculated"}</td>
                  <td className="govuk-table__cell">
                    <IntervalBar estimate={m.estimate} ci={m.ci95} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

export function AnalysisView({ result, cohortSizes, exclusions }: { result: AnalysisResult; cohortSizes?: { intervention: number; comparison: number; excludedFamilies: number } | null; exclusions?: Record<string, number> | null }) {
  return (
    <div data-testid="analysis">
      <Warnings warnings={result.warnings} />
      {result.warnings.some((w) => w.severity === "error") ? <WarningText>Some figures are impossible as recorded. Fix the records before publishing these numbers.</WarningText> : null}
      <h2 className="govuk-heading-m">Cohorts</h2>
      <p className="govuk-body">
        Programme cohort: {result.cohorts.intervention.n} children. Comparison cohort: {result.cohorts.comparison.n} children. Figures as at {result.asAt}; windows of {result.windowMonths} months.
        {cohortSizes ? ` ${cohortSizes.excludedFamilies} families were left out.` : ""}
      </p>
      {exclusions && Object.keys(exclusions).length ? (
        <Details summary="Why families were left out">
          <ul className="govuk-list govuk-list--bullet">
            {Object.entries(exclusions).map(([reason, n]) => (
              <li key={reason}>
                {reason}: {n}
              </li>
            ))}
          </ul>
        </Details>
      ) : null}
      <OutcomeTable result={result} />
      <h2 className="govuk-heading-m">Highest status before and after</h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          <Transitions cohort={result.cohorts.intervention} title="Programme cohort" />
          <Transitions cohort={result.cohorts.comparison} title="Comparison cohort" />
        </div>
      </div>
      <h2 className="govuk-heading-m">Costs</h2>
      <CostTable result={result} />
      <h2 className="govuk-heading-m">Difference-in-differences</h2>
      <Did result={result} />
      <MatchingView result={result} />
    </div>
  );
}
