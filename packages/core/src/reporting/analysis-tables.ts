/**
 * The report's Appendix 2 tables, built from an analysis or cost-benefit
 * result: referrals (Tables 11-12), statuses (13-14), transitions
 * (Figures 10-13), costs (24-25), difference in differences, profiles (8-10).
 */
import type { AnalysisResult, CohortResult } from "../evaluation/analyse.js";
import type { CbaResult } from "../evaluation/cba.js";
import { DID_MEASURES } from "../evaluation/did.js";
import type { TWarning } from "../evaluation/warnings.js";
import { HIGHEST_STATUSES, STATUSES } from "../statuses.js";
import { matchingTables } from "./matching-tables.js";
import { blank, dec1, dec2, gbp, int, people, percent, text, type Cell, type ReportTable } from "./tables.js";

type CohortKey = "intervention" | "comparison";

function referralTable(key: CohortKey, c: CohortResult): ReportTable {
  return {
    id: `referrals-${key}`,
    title: `Referrals, ${key} cohort (n=${c.n})`,
    columns: ["", "Before", "After", "Change"],
    rows: [
      [text("Referrals"), int(c.before.referrals), int(c.after.referrals), int(c.after.referrals - c.before.referrals)],
      [text("Mean referrals per child"), dec2(c.before.meanReferrals), dec2(c.after.meanReferrals), dec2(c.after.meanReferrals - c.before.meanReferrals)],
    ],
  };
}

function statusTable(key: CohortKey, c: CohortResult): ReportTable {
  const rows: Cell[][] = [];
  for (const s of STATUSES) {
    const b = c.before[s];
    const a = c.after[s];
    rows.push([text(`Children with ${s}`), people(b.children), percent(b.children / c.n), people(a.children), percent(a.children / c.n), int(a.children - b.children)]);
    rows.push([text(`Days in ${s}`), int(b.days), blank(), int(a.days), blank(), int(a.days - b.days)]);
    rows.push([text(`Mean days in ${s} per child`), dec1(b.meanDays), blank(), dec1(a.meanDays), blank(), dec1(a.meanDays - b.meanDays)]);
  }
  return { id: `statuses-${key}`, title: `Statutory status, ${key} cohort (n=${c.n})`, columns: ["", "Before", "Share before", "After", "Share after", "Change"], rows, additive: { rows: false, columns: false } };
}

function transitionTable(key: CohortKey, c: CohortResult): ReportTable {
  const rows = HIGHEST_STATUSES.map((b) => [
    text(b),
    ...HIGHEST_STATUSES.map((a) => people(c.transitions[b][a])),
    people(HIGHEST_STATUSES.reduce((t, a) => t + c.transitions[b][a], 0)),
  ]);
  return {
    id: `transitions-${key}`,
    title: `Highest status before → after, ${key} cohort (n=${c.n})`,
    columns: ["Before \\ after", ...HIGHEST_STATUSES, "Total"],
    rows,
    notes: [`Escalations ${c.escalations}, de-escalations ${c.deEscalations}, unchanged ${c.unchanged}.`],
  };
}

/**
 * The cost-benefit table: each cohort's cost before and after, the comparison scaled to the intervention
 * cohort's size, the saving and the net cost.
 */
export function costTableOf(r: Pick<CbaResult, "cohorts" | "saving" | "programmeCost" | "netCost" | "tariffSet">): ReportTable {
  const i = r.cohorts.intervention;
  const c = r.cohorts.comparison;
  const rows: Cell[][] = [
    [text("Cost in the window before"), gbp(i.before.cost), gbp(c.before.cost), gbp(c.scaledCostBefore)],
    [text("Cost in the window after"), gbp(i.after.cost), gbp(c.after.cost), gbp(c.scaledCostAfter)],
    [text("Cost difference"), gbp(i.costDifference), gbp(c.costDifference), gbp(c.scaledCostDifference)],
    [text("Estimated saving"), gbp(r.saving), blank(), blank()],
  ];
  if (r.programmeCost !== undefined) {
    rows.push([text("Programme cost"), gbp(r.programmeCost), blank(), blank()]);
    rows.push([text("Estimated net cost"), gbp(r.netCost!), blank(), blank()]);
  }
  return {
    id: "costs",
    title: `Cost of statutory care and referrals (tariffs: ${r.tariffSet.name}, ${r.tariffSet.priceYear} prices)`,
    columns: ["", `Intervention (n=${i.n})`, `Comparison (n=${c.n})`, `Comparison scaled to n=${i.n}`],
    rows,
    notes: ["Saving = scaled comparison cost difference − intervention cost difference; net cost = programme cost − saving."],
  };
}

function didTable(r: AnalysisResult): ReportTable {
  const did = r.differenceInDifferences;
  const label = { CIN: "CIN days per child", CP: "CP days per child", CLA: "CLA days per child", referrals: "Referrals per child", cost: "Cost per child" } as const;
  return {
    id: "difference-in-differences",
    title: `Difference in differences (after − before, intervention − comparison)`,
    columns: ["Measure", "Intervention change", "Comparison change", "Difference", "95% interval from", "95% interval to"],
    rows: DID_MEASURES.map((k) => {
      const m = did.measures[k];
      const f = k === "cost" ? gbp : dec2;
      return [text(label[k]), f(m.interventionChange), f(m.comparisonChange), f(m.estimate), m.ci95 ? f(m.ci95[0]) : blank(), m.ci95 ? f(m.ci95[1]) : blank()];
    }),
    notes: [
      did.method === "bootstrap"
        ? `95% interval: percentile bootstrap, ${did.replicates} replicates, seed ${did.seed}.`
        : did.method === "normal"
          ? "95% interval: estimate ± 1.96 standard errors (too many children for the bootstrap's work budget; at this size the two agree)."
          : "No interval (0 bootstrap replicates asked for).",
    ],
  };
}

function profileTables(key: CohortKey, c: CohortResult): ReportTable[] {
  const rowsOf = (entries: [string, number][]) => entries.map(([k, v]) => [text(k), people(v), percent(v / c.n)]);
  const sib = Object.entries(c.profile.siblingGroupSize).sort(([a], [b]) => (a === "Unknown" ? 1 : b === "Unknown" ? -1 : Number(a) - Number(b)));
  const eth = Object.entries(c.profile.ethnicity).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return [
    { id: `age-${key}`, title: `Age at the start, ${key} cohort`, columns: ["Age", "Children", "Share"], rows: rowsOf(Object.entries(c.profile.ageBands)) },
    { id: `siblings-${key}`, title: `Sibling group size, ${key} cohort`, columns: ["Size", "Children", "Share"], rows: rowsOf(sib) },
    { id: `ethnicity-${key}`, title: `Ethnicity (DfE code), ${key} cohort`, columns: ["Code", "Children", "Share"], rows: rowsOf(eth) },
  ];
}

/** The warnings as a table (severity, code, message), to be read before the numbers. */
export function warningsTable(warnings: TWarning[]): ReportTable {
  return {
    id: "warnings",
    title: "Warnings",
    columns: ["Severity", "Code", "Message"],
    rows: warnings.map((w) => [text(w.severity), text(w.code), text(w.message)]),
  };
}

/** Every table of an analysis, in reading order (warnings first). */
export function analysisTables(r: AnalysisResult): ReportTable[] {
  const { intervention: i, comparison: c } = r.cohorts;
  return [
    warningsTable(r.warnings),
    referralTable("intervention", i),
    referralTable("comparison", c),
    statusTable("intervention", i),
    statusTable("comparison", c),
    transitionTable("intervention", i),
    transitionTable("comparison", c),
    costTableOf(r),
    didTable(r),
    ...profileTables("intervention", i),
    ...profileTables("comparison", c),
    ...matchingTables(r),
  ];
}

/** The tables of `evident cba`: the warnings, then the cost-benefit. */
export function cbaTables(r: CbaResult): ReportTable[] {
  return [warningsTable(r.warnings), costTableOf(r)];
}
