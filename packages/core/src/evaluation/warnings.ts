/**
 * Data-quality and comparability warnings. They are structured so that a
 * screen can show them in plain words before any number, and a machine can
 * filter them by code.
 */
import { z } from "zod";
import { STATUSES, type TStatus } from "../statuses.js";

export const WARNING_CODES = [
  "DAYS_EXCEED_WINDOW",
  "CHILDREN_EXCEED_COHORT",
  "BASELINE_IMBALANCE",
  "INCOMPLETE_FOLLOW_UP",
  "SMALL_COHORT",
  "MATCHING_DROPPED_INTERVENTION",
  "RESIDUAL_IMBALANCE",
  "POOR_OVERLAP",
  "PLACEBO_NONZERO",
  "MATCHING_NOT_CONVERGED",
] as const;
export type TWarningCode = (typeof WARNING_CODES)[number];

export const ZWarning = z.object({
  code: z.enum(WARNING_CODES),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  cohort: z.enum(["intervention", "comparison"]).optional(),
  window: z.enum(["before", "after"]).optional(),
  status: z.enum(STATUSES).optional(),
  values: z.record(z.string(), z.number()),
});
export type TWarning = z.infer<typeof ZWarning>;

export type CohortName = "intervention" | "comparison";
export type WindowName = "before" | "after";

/** Standardised mean differences above this are flagged as baseline imbalance. */
export const SMD_THRESHOLD = 0.25;
/** Cohorts smaller than this give unstable estimates. */
export const SMALL_COHORT = 20;

export interface WindowCounts {
  referrals: number;
  days: Record<TStatus, number>;
  children?: Partial<Record<TStatus, number>> | undefined;
}

/**
 * Checks that aggregate figures are possible: the days of a status cannot
 * exceed (children with that status) × (window length), nor the number of
 * children with a status exceed the cohort.
 */
export function checkWindowCounts(
  cohort: CohortName,
  window: WindowName,
  n: number,
  counts: WindowCounts,
  maxWindowDays: number,
): TWarning[] {
  const warnings: TWarning[] = [];
  for (const status of STATUSES) {
    const days = counts.days[status];
    const children = counts.children?.[status];
    if (children !== undefined && children > n) {
      warnings.push({
        code: "CHILDREN_EXCEED_COHORT",
        severity: "error",
        message: `${cap(cohort)} cohort, ${window} window: ${children} children are recorded with ${status} status but the cohort has only ${n} children.`,
        cohort,
        window,
        status,
        values: { children, n },
      });
    }
    const holders = children ?? n;
    const limit = holders * maxWindowDays;
    if (days > limit) {
      warnings.push({
        code: "DAYS_EXCEED_WINDOW",
        severity: "error",
        message:
          `${cap(cohort)} cohort, ${window} window: ${fmt(days)} days of ${status} are impossible — ` +
          `${fmt(holders)} ${children === undefined ? "children in the cohort" : `child${holders === 1 ? "" : "ren"} with ${status}`} can have at most ${fmt(limit)} days in a window of at most ${maxWindowDays} days. ` +
          `The days were probably counted over whole episodes rather than clipped to the window.`,
        cohort,
        window,
        status,
        values: { days, children: holders, maxWindowDays, maxPossibleDays: limit },
      });
    }
  }
  return warnings;
}

/** Standardised mean difference between two groups from their means and variances. */
export function standardisedMeanDifference(mean1: number, var1: number, mean2: number, var2: number): number {
  const pooled = Math.sqrt((var1 + var2) / 2);
  if (pooled === 0) return mean1 === mean2 ? 0 : Number.POSITIVE_INFINITY * Math.sign(mean1 - mean2);
  return (mean1 - mean2) / pooled;
}

/**
 * A `BASELINE_IMBALANCE` warning when the cohorts' standardised mean difference on a measure in the before
 * window exceeds `SMD_THRESHOLD`, else undefined.
 */
export function baselineImbalanceWarning(
  measure: TStatus | "referrals",
  basis: "days per child" | "share of children",
  smd: number,
  interventionValue: number,
  comparisonValue: number,
): TWarning | undefined {
  if (!(Math.abs(smd) > SMD_THRESHOLD)) return undefined;
  const what = measure === "referrals" ? "referrals" : `${measure} ${basis}`;
  return {
    code: "BASELINE_IMBALANCE",
    severity: "warning",
    message:
      `The cohorts were not alike before the intervention: ${what} differ by a standardised mean difference of ${Number.isFinite(smd) ? smd.toFixed(2) : "∞"} ` +
      `(intervention ${round2(interventionValue)}, comparison ${round2(comparisonValue)}; above ${SMD_THRESHOLD} is a material imbalance). ` +
      `Changes in the comparison cohort are a weak guide to what would have happened without the intervention.`,
    ...(measure === "referrals" ? {} : { status: measure }),
    window: "before",
    values: { smd: Number.isFinite(smd) ? smd : Math.sign(smd) * Number.MAX_VALUE, intervention: interventionValue, comparison: comparisonValue, threshold: SMD_THRESHOLD },
  };
}

/** A `SMALL_COHORT` warning for each cohort with fewer than `SMALL_COHORT` children. */
export function smallCohortWarnings(sizes: Record<CohortName, number>): TWarning[] {
  const out: TWarning[] = [];
  for (const cohort of ["intervention", "comparison"] as const) {
    const n = sizes[cohort];
    if (n < SMALL_COHORT) {
      out.push({
        code: "SMALL_COHORT",
        severity: "warning",
        message: `The ${cohort} cohort has only ${n} children; estimates from fewer than ${SMALL_COHORT} children are unstable and may identify individuals if published.`,
        cohort,
        values: { n, minimum: SMALL_COHORT },
      });
    }
  }
  return out;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function fmt(n: number): string {
  return n.toLocaleString("en-GB");
}
function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
