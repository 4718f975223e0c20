/**
 * Report-style plain-text tables for `evident analyse` and `evident cba`
 * (the layout of the report's Appendix 2). Pure string building.
 */
import type { AnalysisResult, CohortResult, WindowResult } from "../evaluation/analyse.js";
import type { CbaResult } from "../evaluation/cba.js";
import type { TWarning } from "../evaluation/warnings.js";
import { HIGHEST_STATUSES, STATUSES } from "../statuses.js";

const gbp = (n: number) => `${n < 0 ? "-" : ""}£${Math.round(Math.abs(n)).toLocaleString("en-GB")}`;
const num = (n: number, dp = 0) => n.toLocaleString("en-GB", { minimumFractionDigits: dp, maximumFractionDigits: dp });
const signed = (n: number, dp = 0) => `${n > 0 ? "+" : ""}${num(n, dp)}`;
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : "–");

export function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [title, line(header), rule, ...rows.map(line)].join("\n");
}

export function formatWarnings(warnings: TWarning[]): string {
  if (warnings.length === 0) return "No data-quality or comparability warnings.";
  const order = { error: 0, warning: 1, info: 2 } as const;
  return [
    `Read these before the numbers (${warnings.length}):`,
    ...[...warnings].sort((a, b) => order[a.severity] - order[b.severity]).map((w) => `  [${w.severity.toUpperCase()}] ${w.code}: ${w.message}`),
  ].join("\n");
}

function statusRows(c: CohortResult): string[][] {
  const rows: string[][] = [];
  for (const s of STATUSES) {
    const b = c.before[s];
    const a = c.after[s];
    rows.push([`Children with ${s}`, `${num(b.children)} (${pct(b.children, c.n)})`, `${num(a.children)} (${pct(a.children, c.n)})`, `${signed(a.children - b.children)}`]);
    rows.push([`Days in ${s}`, num(b.days), num(a.days), signed(a.days - b.days)]);
    rows.push([`Mean days in ${s}`, num(b.meanDays, 1), num(a.meanDays, 1), signed(a.meanDays - b.meanDays, 1)]);
  }
  return rows;
}

function referralRows(c: CohortResult): string[][] {
  return [
    ["Referrals", num(c.before.referrals), num(c.after.referrals), signed(c.after.referrals - c.before.referrals)],
    ["Mean referrals per child", num(c.before.meanReferrals, 2), num(c.after.meanReferrals, 2), signed(c.after.meanReferrals - c.before.meanReferrals, 2)],
  ];
}

function transitionTable(name: string, c: CohortResult): string {
  const rows = HIGHEST_STATUSES.map((b) => [b, ...HIGHEST_STATUSES.map((a) => num(c.transitions[b][a])), num(HIGHEST_STATUSES.reduce((t, a) => t + c.transitions[b][a], 0))]);
  return (
    table(`Highest status before → after, ${name} (n=${c.n})`, ["before \\ after", ...HIGHEST_STATUSES, "total"], rows) +
    `\nEscalations ${num(c.escalations)}, de-escalations ${num(c.deEscalations)}, unchanged ${num(c.unchanged)}`
  );
}

function profileTables(name: string, c: CohortResult): string {
  const age = Object.entries(c.profile.ageBands).map(([k, v]) => [k, num(v), pct(v, c.n)]);
  const sib = Object.entries(c.profile.siblingGroupSize)
    .sort(([a], [b]) => (a === "Unknown" ? 1 : b === "Unknown" ? -1 : Number(a) - Number(b)))
    .map(([k, v]) => [k, num(v), pct(v, c.n)]);
  const eth = Object.entries(c.profile.ethnicity)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => [k, num(v), pct(v, c.n)]);
  return [
    table(`Age at start, ${name}`, ["Age", "Count", "%"], age),
    table(`Sibling group size, ${name}`, ["Size", "Count", "%"], sib),
    table(`Ethnicity (DfE code), ${name}`, ["Code", "Count", "%"], eth),
  ].join("\n\n");
}

export function costTable(r: Pick<CbaResult, "cohorts" | "saving" | "programmeCost" | "netCost" | "tariffSet">): string {
  const i = r.cohorts.intervention;
  const c = r.cohorts.comparison;
  const rows = [
    ["Cost in the window before", gbp(i.before.cost), gbp(c.before.cost), gbp(c.scaledCostBefore)],
    ["Cost in the window after", gbp(i.after.cost), gbp(c.after.cost), gbp(c.scaledCostAfter)],
    ["Cost difference", gbp(i.costDifference), gbp(c.costDifference), gbp(c.scaledCostDifference)],
    ["Estimated saving", gbp(r.saving), "", ""],
  ];
  if (r.programmeCost !== undefined) {
    rows.push(["Programme cost", gbp(r.programmeCost), "", ""]);
    rows.push(["Estimated net cost", gbp(r.netCost!), "", ""]);
  }
  return (
    table(
      `Cost of statutory care and referrals (tariffs: ${r.tariffSet.name}, ${r.tariffSet.priceYear} prices)`,
      ["", `Intervention (n=${i.n})`, `Comparison (n=${c.n})`, `Comparison scaled to n=${i.n}`],
      rows,
    ) + "\nSaving = scaled comparison cost difference − intervention cost difference; net cost = programme cost − saving."
  );
}

function windowLine(w: WindowResult): string {
  return `${num(w.referrals)} referrals; CIN ${num(w.CIN.days)} d, CP ${num(w.CP.days)} d, CLA ${num(w.CLA.days)} d`;
}

export function formatAnalysis(r: AnalysisResult): string {
  const { intervention: i, comparison: c } = r.cohorts;
  const did = r.differenceInDifferences;
  const ci = (v: [number, number] | null, f: (n: number) => string) => (v ? `${f(v[0])} to ${f(v[1])}` : "not computed");
  const didRows = (["CIN", "CP", "CLA", "referrals", "cost"] as const).map((k) => {
    const m = did.measures[k];
    const f = k === "cost" ? gbp : (n: number) => num(n, 2);
    return [k === "cost" ? "Cost per child" : k === "referrals" ? "Referrals per child" : `${k} days per child`, f(m.interventionChange), f(m.comparisonChange), f(m.estimate), ci(m.ci95, f)];
  });
  return [
    `Evident analysis as at ${r.asAt}: ${r.windowMonths}-month windows before the start and after the end of the intervention.`,
    `Intervention n=${i.n} (before: ${windowLine(i.before)}); comparison n=${c.n} (before: ${windowLine(c.before)}).`,
    "",
    formatWarnings(r.warnings),
    "",
    table(`Referrals, intervention (n=${i.n})`, ["", "Before", "After", "Change"], referralRows(i)),
    "",
    table(`Referrals, comparison (n=${c.n})`, ["", "Before", "After", "Change"], referralRows(c)),
    "",
    table(`Statutory status, intervention (n=${i.n})`, ["", "Before", "After", "Change"], statusRows(i)),
    "",
    table(`Statutory status, comparison (n=${c.n})`, ["", "Before", "After", "Change"], statusRows(c)),
    "",
    transitionTable("intervention", i),
    "",
    transitionTable("comparison", c),
    "",
    costTable(r),
    "",
    table(
      `Difference in differences (after − before, intervention − comparison; 95% bootstrap interval, ${did.replicates} replicates, seed ${did.seed})`,
      ["Measure", "Intervention change", "Comparison change", "Difference", "95% interval"],
      didRows,
    ),
    "",
    profileTables("intervention", i),
    "",
    profileTables("comparison", c),
  ].join("\n");
}

export function formatCba(r: CbaResult): string {
  return [formatWarnings(r.warnings), "", costTable(r)].join("\n");
}
