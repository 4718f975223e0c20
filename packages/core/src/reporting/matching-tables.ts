/**
 * Tables of a matched comparison (AnalysisResult.matching): sizes, balance
 * per covariate, the naive and matched estimates side by side, the placebo
 * test, and one plain sentence saying which estimate to rely on and why.
 */
import type { AnalysisResult } from "../evaluation/analyse.js";
import { DID_MEASURES } from "../evaluation/did.js";
import { PLACEBO_MEASURES, type MatchedEstimate, type MatchingResult } from "../evaluation/matched.js";
import { BALANCE_THRESHOLD } from "../evaluation/matching.js";
import { blank, dec2, gbp, people, text, type Cell, type ReportTable } from "./tables.js";

const LABEL = { CIN: "CIN days per child", CP: "CP days per child", CLA: "CLA days per child", referrals: "Referrals per child", cost: "Cost per child" } as const;

const pounds = (v: number) => `${v < 0 ? "-" : ""}£${Math.round(Math.abs(v)).toLocaleString("en-GB")}`;
const num = (v: number | null, f: (n: number) => Cell = dec2): Cell => (v === null ? blank() : f(v));

/** Which estimate to rely on, and why, in one sentence. */
export function matchingVerdict(m: MatchingResult): string {
  const codes = new Set(m.warnings.map((w) => w.code));
  if (m.n.interventionMatched === 0) return "Rely on neither estimate: no programme child could be matched to a comparison child that looked like it before the programme.";
  const problems: string[] = [];
  if (codes.has("RESIDUAL_IMBALANCE")) problems.push("the matched cohorts still differ on some covariates");
  if (codes.has("POOR_OVERLAP")) problems.push("few comparison children resemble the programme children");
  if (codes.has("PLACEBO_NONZERO")) problems.push("the placebo test finds an effect where there should be none");
  if (codes.has("MATCHING_DROPPED_INTERVENTION")) problems.push(`it describes only the ${m.n.interventionMatched} of ${m.n.intervention} programme children who could be matched`);
  const base =
    "Rely on the matched estimate rather than the naive one: it compares programme children with comparison children chosen to look like them before the programme " +
    "on what the records show, while the naive estimate compares cohorts that were different to begin with";
  return problems.length === 0 ? `${base}. It still assumes nothing unrecorded decided who joined.` : `${base} — but with caution, because ${problems.join("; ")}.`;
}

/**
 * The matched comparison's tables (sizes, balance, naive and matched estimates, placebo); none when matching
 * was not asked for.
 */
export function matchingTables(r: AnalysisResult): ReportTable[] {
  const m = r.matching;
  if (!m) return [];
  const sizes: ReportTable = {
    id: "matching-sizes",
    title: `Matched comparison: nearest neighbour ${m.ratio}:1 with replacement, caliper ${m.caliper === null ? "none" : `${m.caliper} SD of the logit`}${m.exact.length ? `, exact on ${m.exact.join(", ")}` : ""}, seed ${m.seed}`,
    columns: ["", "Children"],
    rows: [
      [text("Programme children"), people(m.n.intervention)],
      [text("  matched"), people(m.n.interventionMatched)],
      [text("  left out (no comparison child within the caliper)"), people(m.n.interventionUnmatched)],
      [text("Comparison pool"), people(m.n.comparisonPool)],
      [text("  comparison children used"), people(m.n.comparisonUsed)],
      [text("  effective number (weights)"), dec2(m.n.effectiveComparison)],
    ],
    notes: m.dropped.length ? [`Not used: ${m.dropped.map((d) => `${d.covariate} (${d.reason === "constant" ? "the same for every child" : "missing for every child"})`).join(", ")}.`] : [],
    additive: { rows: false, columns: false },
  };
  const balance: ReportTable = {
    id: "matching-balance",
    title: "Balance: standardised mean difference (programme − comparison) before and after matching",
    columns: ["Covariate", "Before", "After", "Variance ratio after", `Above ${BALANCE_THRESHOLD}`],
    rows: m.balance.map((b) => [text(b.covariate), num(b.smdBefore), num(b.smdAfter), num(b.varianceRatioAfter), text(b.smdAfter === null ? "not used" : b.imbalanced ? "yes" : "no")]),
  };
  const ci = (e: { ci95: [number, number] | null }, f: (n: number) => Cell) => (e.ci95 ? [f(e.ci95[0]), f(e.ci95[1])] : [blank(), blank()]);
  const did = m.differenceInDifferences;
  const sideBySide: ReportTable = {
    id: "matching-estimates",
    title: "Difference in differences: naive (all comparison children) and matched, side by side",
    columns: ["Measure", "Naive", "from", "to", "Matched", "from", "to"],
    rows: DID_MEASURES.map((k) => {
      const f = k === "cost" ? gbp : dec2;
      const naive = r.differenceInDifferences.measures[k];
      const matched: MatchedEstimate = did.measures[k];
      return [text(LABEL[k]), f(naive.estimate), ...ci(naive, f), num(matched.estimate, f), ...ci(matched, f)];
    }),
    notes: [
      did.method === "bootstrap"
        ? `Matched 95% interval: percentile bootstrap re-fitting the score and re-matching in each of ${did.replicates} replicates, seed ${did.seed}.`
        : did.method === "analytic"
          ? "Matched 95% interval: estimate ± 1.96 analytic standard errors with the matching weights held fixed (too many children to re-match in every bootstrap replicate)."
          : "No matched interval.",
      `Matched saving: ${m.costBenefit.saving === null ? "–" : pounds(m.costBenefit.saving)} for the ${m.n.interventionMatched} matched programme children` +
        (m.costBenefit.netCost === null ? "." : `; net cost ${pounds(m.costBenefit.netCost)}.`),
      matchingVerdict(m),
    ],
  };
  const placebo: ReportTable = {
    id: "matching-placebo",
    title: `Placebo test: the matched estimate with both windows moved back ${r.windowMonths} months (should be near zero)`,
    columns: ["Measure", "Estimate", "95% interval from", "to", "Interval excludes zero"],
    rows: PLACEBO_MEASURES.map((k) => {
      const e = m.placebo.measures[k];
      return [text(LABEL[k]), num(e.estimate), ...ci(e, dec2), text(e.ci95 ? (e.ci95[0] > 0 || e.ci95[1] < 0 ? "yes" : "no") : "")];
    }),
  };
  return [sizes, balance, sideBySide, placebo];
}
