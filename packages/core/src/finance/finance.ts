/**
 * Programme finance: budget and actual cost lines per programme (workstream),
 * financial year and line; totals, cost per participant and per completed
 * participant; and the cost figure an analysis uses (budget or actual, which
 * years, the total), stated with the result.
 *
 * Money is whole pence (integers; BigInt-free so it crosses JSON). A
 * financial year is named by the calendar year it starts in (2017 =
 * April 2017 to March 2018, shown "2017-18"). A line covers fromYear..toYear:
 * the report's figures are two-year totals (2017-18 to 2018-19) and are kept
 * as such rather than split by guesswork.
 *
 * A "reported_total" line is a workstream's whole cost as reported (e.g.
 * Table 23): when a period has one, it stands for that period's actual cost
 * instead of the sum of the other lines' actuals (never both, so nothing is
 * counted twice).
 */
import { z } from "zod";
import { DomainError } from "../errors.js";
import { ZId, ZVersion, zLine } from "../records/common.js";

export const BUDGET_CATEGORIES = ["staff", "management", "training", "venues", "interpreters", "childcare", "evaluation", "other", "reported_total"] as const;
export type TBudgetCategory = (typeof BUDGET_CATEGORIES)[number];
export const BUDGET_CATEGORY_LABEL: Readonly<Record<TBudgetCategory, string>> = {
  staff: "Staff posts",
  management: "Management and support staff",
  training: "Training",
  venues: "Venues",
  interpreters: "Interpreters",
  childcare: "Childcare",
  evaluation: "Evaluation",
  other: "Other",
  reported_total: "Workstream total as reported",
};

export interface BudgetLine {
  id: string;
  fromYear: number;
  toYear: number;
  category: TBudgetCategory;
  description: string;
  fte: number | null;
  budgetPence: number | null;
  actualPence: number | null;
}

/** "2017-18" for 2017. */
export const fyLabel = (year: number) => `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
/** "2017-18" or "2017-18 to 2018-19". */
export const yearsLabel = (fromYear: number, toYear: number) => (fromYear === toYear ? fyLabel(fromYear) : `${fyLabel(fromYear)} to ${fyLabel(toYear)}`);

/** Pence as pounds for people to read: £1,234 or £1,234.50. */
export const formatPounds = (pence: number) => `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: pence % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`;

export interface YearRange {
  fromYear: number;
  toYear: number;
}

/** Lines wholly inside the range; lines that straddle its edge are reported separately (never pro-rated). */
export function linesInRange<L extends BudgetLine>(lines: readonly L[], range: YearRange | null): { inside: L[]; straddling: L[] } {
  if (!range) return { inside: [...lines], straddling: [] };
  const inside: L[] = [];
  const straddling: L[] = [];
  for (const l of lines) {
    if (l.fromYear >= range.fromYear && l.toYear <= range.toYear) inside.push(l);
    else if (l.toYear >= range.fromYear && l.fromYear <= range.toYear) straddling.push(l);
  }
  return { inside, straddling };
}

export interface FinanceTotals {
  budgetPence: number;
  /** null when no actual cost is recorded. */
  actualPence: number | null;
  /** How the actual was arrived at. */
  actualFrom: "reported_total" | "lines" | "none";
  fte: number;
  byCategory: { category: TBudgetCategory; budgetPence: number; actualPence: number | null; fte: number; lines: number }[];
  byYears: { fromYear: number; toYear: number; label: string; budgetPence: number; actualPence: number | null }[];
  lineCount: number;
  /** Lines outside the chosen years that overlap them (not counted). */
  straddling: number;
}

const sumOrNull = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null);

function actualOf(lines: readonly BudgetLine[]): { pence: number | null; from: FinanceTotals["actualFrom"] } {
  // Per period (fromYear..toYear), a reported total replaces the sum of that period's line actuals.
  const periods = new Map<string, BudgetLine[]>();
  for (const l of lines) {
    const k = `${l.fromYear}-${l.toYear}`;
    (periods.get(k) ?? periods.set(k, []).get(k)!).push(l);
  }
  let total: number | null = null;
  let usedReported = false;
  let usedLines = false;
  for (const group of periods.values()) {
    const reported = group.filter((l) => l.category === "reported_total" && l.actualPence !== null);
    const v = reported.length ? sumOrNull(reported.map((l) => l.actualPence)) : sumOrNull(group.filter((l) => l.category !== "reported_total").map((l) => l.actualPence));
    if (v === null) continue;
    if (reported.length) usedReported = true;
    else usedLines = true;
    total = (total ?? 0) + v;
  }
  return { pence: total, from: usedReported ? "reported_total" : usedLines ? "lines" : "none" };
}

/** Totals of a programme's lines, optionally within a range of financial years. */
export function financeTotals(lines: readonly BudgetLine[], range: YearRange | null = null): FinanceTotals {
  const { inside, straddling } = linesInRange(lines, range);
  const costLines = inside.filter((l) => l.category !== "reported_total");
  const budgetPence = costLines.reduce((s, l) => s + (l.budgetPence ?? 0), 0);
  const actual = actualOf(inside);
  const byCategory = BUDGET_CATEGORIES.map((category) => {
    const ls = inside.filter((l) => l.category === category);
    return {
      category,
      budgetPence: ls.reduce((s, l) => s + (l.budgetPence ?? 0), 0),
      actualPence: sumOrNull(ls.map((l) => l.actualPence)),
      fte: round2(ls.reduce((s, l) => s + (l.fte ?? 0), 0)),
      lines: ls.length,
    };
  }).filter((c) => c.lines > 0);
  const periodKeys = [...new Set(inside.map((l) => `${l.fromYear}:${l.toYear}`))].sort();
  const byYears = periodKeys.map((k) => {
    const [f, t] = k.split(":").map(Number) as [number, number];
    const ls = inside.filter((l) => l.fromYear === f && l.toYear === t);
    return { fromYear: f, toYear: t, label: yearsLabel(f, t), budgetPence: ls.filter((l) => l.category !== "reported_total").reduce((s, l) => s + (l.budgetPence ?? 0), 0), actualPence: actualOf(ls).pence };
  });
  return { budgetPence, actualPence: actual.pence, actualFrom: actual.from, fte: round2(costLines.reduce((s, l) => s + (l.fte ?? 0), 0)), byCategory, byYears, lineCount: inside.length, straddling: straddling.length };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Cost per head in whole pence (rounded half up), or null when there is nobody to divide by. */
export function costPerHead(costPence: number, people: number): number | null {
  if (!Number.isFinite(costPence) || !Number.isInteger(people) || people <= 0) return null;
  return Math.round(costPence / people);
}

export interface UnitCosts {
  participants: number;
  completed: number;
  perParticipantPence: number | null;
  perCompletedPence: number | null;
}

/** Cost per participant (everyone who started) and per completed participant. */
export function unitCosts(costPence: number, participants: number, completed: number): UnitCosts {
  if (completed > participants) throw new DomainError("INVALID_INPUT", "more completed than took part", [{ path: ["completed"], message: "must not exceed participants" }]);
  return { participants, completed, perParticipantPence: costPerHead(costPence, participants), perCompletedPence: costPerHead(costPence, completed) };
}

// ---------------------------------------------------------------- the cost figure an analysis uses
export const ZCostFigureChoice = z
  .object({
    basis: z.enum(["budget", "actual"]),
    /** Omit both for every year recorded. */
    fromYear: z.number().int().min(2000).max(2100).optional(),
    toYear: z.number().int().min(2000).max(2100).optional(),
  })
  .strict()
  .refine((c) => (c.fromYear === undefined) === (c.toYear === undefined), { message: "give both years or neither", path: ["toYear"] })
  .refine((c) => c.fromYear === undefined || c.toYear! >= c.fromYear, { message: "must not be before the first year", path: ["toYear"] });
export type TCostFigureChoice = z.infer<typeof ZCostFigureChoice>;

/** What an analysis states about the programme cost it used. */
export interface CostFigureUsed {
  source: "budget" | "actual" | "entered" | "recorded_costs";
  /** e.g. "2017-18 to 2018-19", or "all years", or null when entered by hand. */
  years: string | null;
  pence: number;
  pounds: number;
  label: string;
}

/** The cost figure for an analysis from the programme's lines. Throws PRECONDITION_FAILED when nothing is recorded for the choice. */
export function chooseCostFigure(lines: readonly BudgetLine[], choice: TCostFigureChoice): CostFigureUsed {
  const range = choice.fromYear === undefined ? null : { fromYear: choice.fromYear, toYear: choice.toYear! };
  const totals = financeTotals(lines, range);
  const years = range ? yearsLabel(range.fromYear, range.toYear) : lines.length ? `all years (${yearsLabel(Math.min(...lines.map((l) => l.fromYear)), Math.max(...lines.map((l) => l.toYear)))})` : "all years";
  const pence = choice.basis === "budget" ? (totals.lineCount > 0 && totals.budgetPence > 0 ? totals.budgetPence : null) : totals.actualPence;
  if (pence === null) {
    const why = totals.straddling > 0 ? ` (${totals.straddling} line(s) span years outside the choice and are not counted)` : "";
    throw new DomainError("PRECONDITION_FAILED", `No ${choice.basis} cost is recorded for ${years}${why}`, [{ path: ["costFigure"], message: `no ${choice.basis} cost recorded for ${years}` }]);
  }
  const label = `${choice.basis === "budget" ? "Budget" : "Actual cost"}, ${years}: ${formatPounds(pence)}`;
  return { source: choice.basis, years, pence, pounds: pence / 100, label };
}

/** The statement for a cost typed into the analysis, or for the programme's recorded costs. */
export function statedCost(source: "entered" | "recorded_costs", pounds: number): CostFigureUsed {
  const pence = Math.round(pounds * 100);
  return { source, years: null, pence, pounds, label: `${source === "entered" ? "Cost entered for this analysis" : "Recorded programme cost"}: ${formatPounds(pence)}` };
}

// ---------------------------------------------------------------- input schemas
const ZYear = z.number().int().min(2000).max(2100);
const ZPence = z.number().int().min(0).max(100_000_000_000);

const lineFields = {
  fromYear: ZYear,
  toYear: ZYear,
  category: z.enum(BUDGET_CATEGORIES),
  description: zLine(300),
  fte: z.number().min(0).max(1000).multipleOf(0.01).nullable().optional(),
  budgetPence: ZPence.nullable().optional(),
  actualPence: ZPence.nullable().optional(),
  source: zLine(300).nullable().optional(),
};

export const ZBudgetLineCreateInput = z
  .object({ programmeId: ZId, ...lineFields })
  .strict()
  .refine((l) => l.toYear >= l.fromYear, { message: "must not be before the first year", path: ["toYear"] })
  .refine((l) => l.toYear - l.fromYear <= 10, { message: "a line may cover at most ten years", path: ["toYear"] })
  .refine((l) => l.budgetPence != null || l.actualPence != null || l.fte != null, { message: "give a budget, an actual cost or an FTE", path: ["budgetPence"] });

export const ZBudgetLineUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z.object({ fromYear: ZYear.optional(), toYear: ZYear.optional(), category: z.enum(BUDGET_CATEGORIES).optional(), description: zLine(300).optional(), fte: lineFields.fte, budgetPence: lineFields.budgetPence, actualPence: lineFields.actualPence, source: lineFields.source }).strict(),
  })
  .strict();

export const ZBudgetLineDeleteInput = z.object({ id: ZId, version: ZVersion }).strict();

export const ZFinanceSummaryInput = z
  .object({ programmeId: ZId, fromYear: ZYear.optional(), toYear: ZYear.optional() })
  .strict()
  .refine((c) => (c.fromYear === undefined) === (c.toYear === undefined), { message: "give both years or neither", path: ["toYear"] })
  .refine((c) => c.fromYear === undefined || c.toYear! >= c.fromYear, { message: "must not be before the first year", path: ["toYear"] });

/** A line after a patch must still make sense (years in order, something recorded). */
export function checkLine(l: Pick<BudgetLine, "fromYear" | "toYear" | "fte" | "budgetPence" | "actualPence">): void {
  if (l.toYear < l.fromYear) throw new DomainError("INVALID_INPUT", "the last year is before the first", [{ path: ["patch", "toYear"], message: "must not be before the first year" }]);
  if (l.toYear - l.fromYear > 10) throw new DomainError("INVALID_INPUT", "a line may cover at most ten years", [{ path: ["patch", "toYear"], message: "a line may cover at most ten years" }]);
  if (l.budgetPence === null && l.actualPence === null && l.fte === null) throw new DomainError("INVALID_INPUT", "give a budget, an actual cost or an FTE", [{ path: ["patch", "budgetPence"], message: "give a budget, an actual cost or an FTE" }]);
}
