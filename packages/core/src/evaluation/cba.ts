/**
 * Cost-benefit from aggregates (report Tables 3, 4, 24 and 25):
 *   window cost        = Σ days × tariff per day + referrals × referral tariff
 *   scaled comparison  = comparison cost × n_intervention / n_comparison
 *   saving             = scaled comparison cost difference − intervention cost difference
 *   net cost           = programme cost − saving
 * The same function serves `evident cba` (published totals only) and the
 * child-level analysis, which aggregates first and then calls it.
 */
import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import { STATUSES, type TStatus } from "../statuses.js";
import { dailyTariffs, resolveTariffSet, ZTariffRates, ZTariffSet, type TTariffSet } from "./tariffs.js";
import {
  baselineImbalanceWarning,
  checkWindowCounts,
  smallCohortWarnings,
  standardisedMeanDifference,
  type TWarning,
} from "./warnings.js";

const count = z.number().finite().nonnegative().max(1e12);
const statusCounts = z.object({ CIN: count, CP: count, CLA: count }).strict();

export const ZWindowAggregate = z
  .object({
    referrals: count,
    days: statusCounts,
    children: statusCounts.optional(),
  })
  .strict();
export type TWindowAggregate = z.infer<typeof ZWindowAggregate>;

export const ZCohortAggregate = z
  .object({
    n: z.number().int().positive().max(1e9),
    before: ZWindowAggregate,
    after: ZWindowAggregate,
  })
  .strict();
export type TCohortAggregate = z.infer<typeof ZCohortAggregate>;

/** Longest possible window of 6 calendar months (e.g. 1 July to 31 December). */
export const DEFAULT_MAX_WINDOW_DAYS = 184;

export const ZCbaInput = z
  .object({
    $comment: z.string().max(4000).optional(),
    tariffs: z.union([z.string().min(1).max(64), ZTariffSet, ZTariffRates]).default("gmca-2019"),
    programmeCost: z.number().finite().nonnegative().max(1e12).optional(),
    windowDays: z.number().int().positive().max(3660).optional(),
    intervention: ZCohortAggregate,
    comparison: ZCohortAggregate,
  })
  .strict();
export type TCbaInput = z.input<typeof ZCbaInput>;

/** A cohort's referrals, children and days per status in one window, and their cost in pounds. */
export interface WindowSummary {
  referrals: number;
  CIN: { children: number | null; days: number };
  CP: { children: number | null; days: number };
  CLA: { children: number | null; days: number };
  cost: number;
}

/** A cohort's size, its two windows and the change in cost from before to after (after − before). */
export interface CohortCosts {
  n: number;
  before: WindowSummary;
  after: WindowSummary;
  costDifference: number;
}

/**
 * The comparison cohort's costs, also scaled to the intervention cohort's size (`scaleFactor` = intervention
 * n / comparison n).
 */
export interface ComparisonCosts extends CohortCosts {
  scaleFactor: number;
  scaledCostBefore: number;
  scaledCostAfter: number;
  scaledCostDifference: number;
}

/**
 * A cost-benefit result: tariffs used, both cohorts' costs, the saving (scaled comparison cost difference −
 * intervention cost difference), the net cost (programme cost − saving) and warnings.
 */
export interface CbaResult {
  tariffSet: Pick<TTariffSet, "id" | "name" | "source" | "priceYear" | "annualPerChild" | "referral">;
  cohorts: { intervention: CohortCosts; comparison: ComparisonCosts };
  saving: number;
  programmeCost?: number;
  netCost?: number;
  warnings: TWarning[];
}

/** Cost of one window: Σ days × (annual / 365) + referrals × referral tariff. Unrounded pounds. */
export function windowCost(tariffs: Pick<TTariffSet, "annualPerChild" | "referral">, window: { referrals: number; days: Record<TStatus, number> }): number {
  const daily = dailyTariffs(tariffs);
  let cost = window.referrals * daily.referral;
  for (const status of STATUSES) cost += window.days[status] * daily.perDay[status];
  return cost;
}

function summarise(tariffs: TTariffSet, window: TWindowAggregate): WindowSummary {
  const status = (s: TStatus) => ({ children: window.children?.[s] ?? null, days: window.days[s] });
  return { referrals: window.referrals, CIN: status("CIN"), CP: status("CP"), CLA: status("CLA"), cost: windowCost(tariffs, window) };
}

/**
 * A cohort's cost in each window (days × daily tariff + referrals × referral tariff) and the change from
 * before to after.
 */
export function cohortCosts(tariffs: TTariffSet, cohort: TCohortAggregate): CohortCosts {
  const before = summarise(tariffs, cohort.before);
  const after = summarise(tariffs, cohort.after);
  return { n: cohort.n, before, after, costDifference: after.cost - before.cost };
}

/** Costs, scaled comparison, saving and net cost from cohort aggregates. */
export function costBenefit(
  tariffs: TTariffSet,
  intervention: TCohortAggregate,
  comparison: TCohortAggregate,
  programmeCost?: number,
): Omit<CbaResult, "warnings" | "tariffSet"> {
  const int = cohortCosts(tariffs, intervention);
  const comp = cohortCosts(tariffs, comparison);
  const scaleFactor = intervention.n / comparison.n;
  const scaledCostBefore = comp.before.cost * scaleFactor;
  const scaledCostAfter = comp.after.cost * scaleFactor;
  const scaledCostDifference = scaledCostAfter - scaledCostBefore;
  const saving = scaledCostDifference - int.costDifference;
  return {
    cohorts: {
      intervention: int,
      comparison: { ...comp, scaleFactor, scaledCostBefore, scaledCostAfter, scaledCostDifference },
    },
    saving,
    ...(programmeCost === undefined ? {} : { programmeCost, netCost: programmeCost - saving }),
  };
}

/** Impossible figures: more days than the window can hold, more children than the cohort. */
export function plausibilityWarnings(intervention: TCohortAggregate, comparison: TCohortAggregate, maxWindowDays: number): TWarning[] {
  const warnings: TWarning[] = [];
  for (const [name, cohort] of [
    ["intervention", intervention],
    ["comparison", comparison],
  ] as const) {
    warnings.push(...checkWindowCounts(name, "before", cohort.n, cohort.before, maxWindowDays));
    warnings.push(...checkWindowCounts(name, "after", cohort.n, cohort.after, maxWindowDays));
  }
  return warnings;
}

/** Plausibility and comparability checks that need only aggregates. */
export function aggregateWarnings(intervention: TCohortAggregate, comparison: TCohortAggregate, maxWindowDays: number): TWarning[] {
  const warnings = plausibilityWarnings(intervention, comparison, maxWindowDays);
  // With only counts of children, the baseline can be compared as the share of children holding each status.
  for (const status of STATUSES) {
    const a = intervention.before.children?.[status];
    const b = comparison.before.children?.[status];
    if (a === undefined || b === undefined) continue;
    const p1 = Math.min(1, a / intervention.n);
    const p2 = Math.min(1, b / comparison.n);
    const smd = standardisedMeanDifference(p1, p1 * (1 - p1), p2, p2 * (1 - p2));
    const w = baselineImbalanceWarning(status, "share of children", smd, p1, p2);
    if (w) warnings.push(w);
  }
  warnings.push(...smallCohortWarnings({ intervention: intervention.n, comparison: comparison.n }));
  return warnings;
}

/** `evident cba`: the cost-benefit from published totals alone. */
export function runCostBenefit(input: TCbaInput): CbaResult {
  const parsed = parseOrThrow(ZCbaInput, input, "cost-benefit input");
  const { intervention, comparison, programmeCost } = parsed;
  const tariffSet = resolveTariffSet(parsed.tariffs);
  const result = costBenefit(tariffSet, intervention, comparison, programmeCost);
  return {
    tariffSet: describeTariffSet(tariffSet),
    ...result,
    warnings: aggregateWarnings(intervention, comparison, parsed.windowDays ?? DEFAULT_MAX_WINDOW_DAYS),
  };
}

/** The parts of a tariff set that a result records: which set it was and its rates. */
export function describeTariffSet(set: TTariffSet): CbaResult["tariffSet"] {
  return { id: set.id, name: set.name, source: set.source, priceYear: set.priceYear, annualPerChild: { ...set.annualPerChild }, referral: set.referral };
}
