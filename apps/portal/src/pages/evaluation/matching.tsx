/**
 * The matched comparison of an analysis (result.matching): what was done
 * (method, covariates, caliper, seed), its warnings, the balance plot (SMD
 * before and after per covariate, with the ±0.1 lines), the overlap of the
 * scores, the naive and matched estimates side by side with the sentence
 * saying which to rely on, and the placebo test. Every chart has its numbers
 * in a table. All figures come from @evident/core via the API.
 */
import { matchingVerdict, type AnalysisResult, type MatchingResult } from "@evident/core";
import { Details, Tag } from "@evident/ui";
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { money, num } from "../../lib/format.js";
import { HeadRow } from "./table-parts.js";

const LABEL: Record<string, string> = {
  cinDaysBefore: "Days of CIN before",
  cpDaysBefore: "Days of CP before",
  claDaysBefore: "Days looked after before",
  referralsBefore: "Referrals before",
  ageAtStart: "Age at the start",
  ageAtStartMissing: "Age not recorded",
  highestBefore: "Highest status before",
};
const covariateLabel = (name: string): string => LABEL[name] ?? (name.endsWith("Missing") ? `${covariateLabel(name.slice(0, -7))}: not recorded` : name);

const MEASURES = [
  { key: "CIN", label: "Days of CIN per child", fmt: (n: number) => num(n, 1) },
  { key: "CP", label: "Days of CP per child", fmt: (n: number) => num(n, 1) },
  { key: "CLA", label: "Days of CLA per child", fmt: (n: number) => num(n, 1) },
  { key: "referrals", label: "Referrals per child", fmt: (n: number) => num(n, 2) },
  { key: "cost", label: "Cost per child", fmt: (n: number) => money(n) },
] as const;

const interval = (ci: [number, number] | null, fmt: (n: number) => string) => (ci ? `${fmt(ci[0])} to ${fmt(ci[1])}` : "Not calculated");

function BalancePlot({ m }: { m: MatchingResult }) {
  const rows = m.balance.filter((b) => b.smdAfter !== null).map((b) => ({ name: covariateLabel(b.covariate), before: b.smdBefore ?? 0, after: b.smdAfter ?? 0 }));
  const worstBefore = Math.max(0, ...rows.map((r) => Math.abs(r.before)));
  const worstAfter = Math.max(0, ...rows.map((r) => Math.abs(r.after)));
  return (
    <figure className="app-figure" data-testid="balance-plot">
      <h3 className="govuk-heading-s">Balance before and after matching</h3>
      <div role="img" aria-label={`Standardised mean differences per covariate: largest ${num(worstBefore, 2)} before matching, ${num(worstAfter, 2)} after; 0.1 or less counts as balanced.`} style={{ width: "100%", height: 60 + rows.length * 44 }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ top: 10, right: 30, bottom: 10, left: 10 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" fontSize={12} domain={[(min: number) => Math.min(-0.2, min), (max: number) => Math.max(0.2, max)]} tickFormatter={(v: number) => v.toFixed(1)} />
            <YAxis type="category" dataKey="name" width={190} fontSize={12} />
            <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(2) : String(v))} />
            <Legend />
            <ReferenceLine x={0.1} stroke="#d4351c" strokeDasharray="6 3" label={{ value: "0.1", fontSize: 11, position: "top" }} />
            <ReferenceLine x={-0.1} stroke="#d4351c" strokeDasharray="6 3" label={{ value: "−0.1", fontSize: 11, position: "top" }} />
            <ReferenceLine x={0} stroke="#505a5f" />
            <Bar dataKey="before" name="Before matching" fill="#b1b4b6" />
            <Bar dataKey="after" name="After matching" fill="#1d70b8" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="govuk-body-s">
        Standardised mean difference (programme − comparison) of each covariate. Between the dashed lines (−0.1 to 0.1) the cohorts are alike on it.
      </figcaption>
      <Details summary="Show the numbers: balance">
        <table className="govuk-table" data-testid="balance-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Balance per covariate</caption>
          <thead className="govuk-table__head">
            <HeadRow headers={["Covariate", "Before", "After", "Variance ratio after", ""]} numeric={(i) => i > 0 && i < 4} />
          </thead>
          <tbody className="govuk-table__body">
            {m.balance.map((b) => (
              <tr key={b.covariate} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {covariateLabel(b.covariate)}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{b.smdBefore === null ? "–" : num(b.smdBefore, 2)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{b.smdAfter === null ? "–" : num(b.smdAfter, 2)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{b.varianceRatioAfter === null ? "–" : num(b.varianceRatioAfter, 2)}</td>
                <td className="govuk-table__cell">{b.smdAfter === null ? <Tag colour="grey">Not used</Tag> : b.imbalanced ? <Tag colour="orange">Above 0.1</Tag> : <Tag colour="green">Balanced</Tag>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Details>
    </figure>
  );
}

function OverlapPlot({ m }: { m: MatchingResult }) {
  const o = m.overlap;
  const rows = o.bins.map((lo, i) => ({ bin: `${lo.toFixed(2)}–${(lo + 1 / o.bins.length).toFixed(2)}`, intervention: o.intervention[i]! * 100, comparison: o.comparison[i]! * 100 }));
  return (
    <figure className="app-figure" data-testid="overlap-plot">
      <h3 className="govuk-heading-s">Overlap of the scores</h3>
      <div role="img" aria-label="Share of each cohort by propensity score. Matching can only work where both cohorts have children." style={{ width: "100%", height: 260 }}>
        <ResponsiveContainer>
          <BarChart data={rows} margin={{ top: 10, right: 20, bottom: 30, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="bin" fontSize={10} angle={-40} textAnchor="end" interval={1} />
            <YAxis fontSize={11} unit="%" />
            <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)}%` : String(v))} />
            <Legend verticalAlign="top" />
            <Bar dataKey="intervention" name="Programme cohort" fill="#1d70b8" />
            <Bar dataKey="comparison" name="Comparison pool" fill="#f47738" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="govuk-body-s">The propensity score is the modelled chance of being in the programme given the covariates. Where only one cohort has children, no honest comparison is possible.</figcaption>
      <Details summary="Show the numbers: overlap">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Share of each cohort by score</caption>
          <thead className="govuk-table__head">
            <HeadRow headers={["Score", "Programme cohort", "Comparison pool"]} numeric={(i) => i > 0} />
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((r) => (
              <tr key={r.bin} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {r.bin}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{num(r.intervention, 1)}%</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{num(r.comparison, 1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Details>
    </figure>
  );
}

export function MatchingView({ result }: { result: AnalysisResult }) {
  const m = result.matching;
  if (!m) return null;
  const did = m.differenceInDifferences;
  return (
    <section aria-labelledby="matching-heading" data-testid="matching">
      <h2 className="govuk-heading-m" id="matching-heading">
        Matched comparison
      </h2>
      <p className="govuk-body" data-testid="matching-method">
        Each programme child was matched to its {m.ratio === 1 ? "nearest comparison child" : `${m.ratio} nearest comparison children`} on a propensity score (with replacement
        {m.caliper === null ? ", no caliper" : `, caliper ${m.caliper} standard deviations of the score's logit`}
        {m.exact.length ? ", within the same highest status before" : ""}; seed {m.seed}). Covariates: {m.covariates.map(covariateLabel).join(", ")}.
        {m.dropped.length ? ` Not used: ${m.dropped.map((d) => `${covariateLabel(d.covariate)} (${d.reason === "constant" ? "the same for every child" : "not recorded for anyone"})`).join(", ")}.` : ""}
      </p>
      <p className="govuk-body">
        {m.n.interventionMatched} of {m.n.intervention} programme children matched; {m.n.comparisonUsed} of {m.n.comparisonPool} comparison children used (worth {num(m.n.effectiveComparison, 1)} children once their reuse
        is counted).
      </p>
      {m.warnings.length ? (
        <ul className="govuk-list app-warning-list" data-testid="matching-warnings">
          {m.warnings.map((w, i) => (
            <li key={i}>
              <Tag colour={w.severity === "warning" ? "orange" : "blue"}>{w.severity === "warning" ? "Caution" : "Note"}</Tag> {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      <BalancePlot m={m} />
      <OverlapPlot m={m} />
      <div className="app-table-scroll">
        <table className="govuk-table" data-testid="side-by-side">
          <caption className="govuk-table__caption govuk-table__caption--s">Difference-in-differences: naive and matched, side by side</caption>
          <thead className="govuk-table__head">
            <HeadRow headers={["Measure", "Naive (all comparison children)", "95% interval", "Matched", "95% interval"]} numeric={(i) => i > 0} />
          </thead>
          <tbody className="govuk-table__body">
            {MEASURES.map((x) => {
              const naive = result.differenceInDifferences.measures[x.key];
              const matched = did.measures[x.key];
              return (
                <tr key={x.key} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {x.label}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{x.fmt(naive.estimate)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{interval(naive.ci95, x.fmt)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{matched.estimate === null ? "–" : x.fmt(matched.estimate)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{interval(matched.ci95, x.fmt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="govuk-body-s">
        Matched interval:{" "}
        {did.method === "bootstrap"
          ? `bootstrap re-fitting the score and re-matching in each of ${did.replicates} resamples, seed ${did.seed}.`
          : did.method === "analytic"
            ? "estimate ± 1.96 standard errors with the matching weights held fixed (too many children to re-match in every resample)."
            : "not calculated."}{" "}
        Matched saving for the {m.n.interventionMatched} matched children: {m.costBenefit.saving === null ? "–" : money(m.costBenefit.saving)}
        {m.costBenefit.netCost === null ? "" : `; net cost ${money(m.costBenefit.netCost)}`}.
      </p>
      <div className="govuk-inset-text" data-testid="matching-verdict">
        {matchingVerdict(m)}
      </div>
      <table className="govuk-table" data-testid="placebo">
        <caption className="govuk-table__caption govuk-table__caption--s">Placebo test: the same comparison {result.windowMonths} months earlier, when nothing happened (should be near zero)</caption>
        <thead className="govuk-table__head">
          <HeadRow headers={["Measure", "Estimate", "95% interval", "Result"]} numeric={(i) => i === 1 || i === 2} />
        </thead>
        <tbody className="govuk-table__body">
          {MEASURES.slice(0, 3).map((x) => {
            const p = m.placebo.measures[x.key as "CIN" | "CP" | "CLA"];
            const fails = p.ci95 !== null && (p.ci95[0] > 0 || p.ci95[1] < 0);
            return (
              <tr key={x.key} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {x.label}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{p.estimate === null ? "–" : x.fmt(p.estimate)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{interval(p.ci95, x.fmt)}</td>
                <td className="govuk-table__cell">{p.ci95 === null ? "" : fails ? <Tag colour="orange">Not zero</Tag> : <Tag colour="green">Consistent with zero</Tag>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
