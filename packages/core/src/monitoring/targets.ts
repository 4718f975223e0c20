/**
 * Indicators, targets and status.
 *
 * An indicator is a named series: bound to a measure of the catalogue (with
 * parameters) or entered by hand per period. A target says where the series
 * should be by a due date, starting from a baseline.
 *
 * STATUS RULE (`assessIndicator`):
 * 1. Baseline: the target's `baseline`, or — when it is null, e.g. "−20% on
 *    the April 2017 level" — the latest measurement dated on or before the
 *    baseline date. No such measurement → no_data.
 * 2. Current value: the latest measurement with a value, dated after the
 *    baseline date and on or before `asOf` (and, if `maxAgeDays` is given, no
 *    older than that on `asOf`). None → no_data.
 * 3. Trajectory: a straight line from the baseline (at the baseline date) to
 *    the target value (at the due date), flat at the target value afterwards.
 *    `expected` is the trajectory at the current measurement's date.
 * 4. Shortfall = how far the value is on the wrong side of `expected`
 *    (value − expected when lower is better, expected − value when higher is).
 *    Shortfall ≤ 0 → on_track; shortfall ≤ tolerance × |expected| (default
 *    10%) → at_risk; otherwise off_track. After the due date the same rule
 *    judges the value against the target itself.
 */
import { z } from "zod";
import { dayOf, ZIsoDate } from "../dates.js";
import type { TMeasureValue } from "./measures.js";
import { isNotBefore } from "./periods.js";

const id = z.string().min(1).max(200);

export const TARGET_DIRECTIONS = ["lower_is_better", "higher_is_better"] as const;
export const ZTargetDirection = z.enum(TARGET_DIRECTIONS);
export type TTargetDirection = z.infer<typeof ZTargetDirection>;

export const ZIndicator = z
  .object({
    id,
    title: z.string().min(1).max(500),
    /** A measure id from MEASURE_CATALOGUE, or null for values entered by hand. */
    measureId: z.string().max(200).nullable(),
    /** Parameters for the measure (e.g. programme, role). */
    params: z.record(z.string(), z.string()).optional(),
    unit: z.string().max(100).optional(),
  })
  .strict();
export type TIndicator = z.infer<typeof ZIndicator>;

export const ZTargetValue = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("absolute"), value: z.number().finite() }).strict(),
  /** A proportional change on the baseline: −0.2 = a 20% reduction. */
  z.object({ kind: z.literal("relative"), change: z.number().finite().gt(-1) }).strict(),
]);
export type TTargetValue = z.infer<typeof ZTargetValue>;

export const ZIndicatorTarget = z
  .object({
    id,
    indicatorId: id,
    label: z.string().max(500).optional(),
    /** Null = take the baseline from the measurements at the baseline date. */
    baseline: z.number().finite().nullable(),
    baselineDate: ZIsoDate,
    direction: ZTargetDirection,
    value: ZTargetValue,
    dueDate: ZIsoDate,
    /** Where the target comes from and any assumption made. */
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((t) => t.dueDate !== t.baselineDate && isNotBefore(t.dueDate, t.baselineDate), { message: "the due date must be after the baseline date", path: ["dueDate"] });
export type TIndicatorTarget = z.infer<typeof ZIndicatorTarget>;

export const ZIndicatorMeasurement = z
  .object({
    /** The day the value describes (for a period: its last day). */
    date: ZIsoDate,
    value: z.number().finite().nullable(),
    label: z.string().max(200).optional(),
  })
  .strict();
export type TIndicatorMeasurement = z.infer<typeof ZIndicatorMeasurement>;

export const INDICATOR_STATUSES = ["on_track", "at_risk", "off_track", "no_data"] as const;
export type TIndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** Measure values as measurements dated on each period's last day. */
export function measurementsFromValues(values: readonly TMeasureValue[]): TIndicatorMeasurement[] {
  return values.map((v) => ({ date: v.period.end, value: v.value, label: v.period.label }));
}

/** The value the target aims for, given the baseline. */
export function targetValueOf(target: Pick<TIndicatorTarget, "value">, baseline: number): number {
  return target.value.kind === "absolute" ? target.value.value : baseline * (1 + target.value.change);
}

/** The straight-line trajectory from baseline to target at a day (flat before the baseline date and after the due date). */
export function trajectoryAt(target: TIndicatorTarget, baseline: number, date: string): number {
  const t0 = dayOf(target.baselineDate);
  const t1 = dayOf(target.dueDate);
  const t = dayOf(date);
  const goal = targetValueOf(target, baseline);
  const fraction = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
  return baseline + (goal - baseline) * fraction;
}

export interface IndicatorAssessment {
  status: TIndicatorStatus;
  /** Why, in one plain-English sentence. */
  reason: string;
  baseline: number | null;
  targetValue: number | null;
  expected: number | null;
  actual: number | null;
  measuredOn: string | null;
  shortfall: number | null;
}

export interface IndicatorStatusOptions {
  /** Fraction of the expected value within which a shortfall is "at risk" (default 0.1). */
  atRiskTolerance?: number;
  /** A latest measurement older than this many days on `asOf` counts as no data. */
  maxAgeDays?: number;
}

const EPSILON = 1e-9;

/** Status of an indicator against a target on a day, with the numbers behind it (rule in the module comment). */
export function assessIndicator(
  measurements: readonly TIndicatorMeasurement[],
  target: TIndicatorTarget,
  asOf: string,
  options: IndicatorStatusOptions = {},
): IndicatorAssessment {
  const tolerance = options.atRiskTolerance ?? 0.1;
  const baselineDay = dayOf(target.baselineDate);
  const asOfDay = dayOf(asOf);
  const dated = measurements
    .filter((m) => m.value !== null && Number.isFinite(m.value))
    .map((m) => ({ day: dayOf(m.date), value: m.value as number, date: m.date }))
    .sort((a, b) => a.day - b.day);
  const none = (reason: string, baseline: number | null = null): IndicatorAssessment => ({
    status: "no_data",
    reason,
    baseline,
    targetValue: baseline === null ? null : targetValueOf(target, baseline),
    expected: null,
    actual: null,
    measuredOn: null,
    shortfall: null,
  });

  let baseline = target.baseline;
  if (baseline === null) {
    const before = dated.filter((m) => m.day <= baselineDay && m.day <= asOfDay);
    if (before.length === 0) return none(`no measurement on or before the baseline date ${target.baselineDate}`);
    baseline = before[before.length - 1]!.value;
  }
  const current = dated.filter((m) => m.day > baselineDay && m.day <= asOfDay);
  if (current.length === 0) return none(`no measurement after the baseline date ${target.baselineDate} up to ${asOf}`, baseline);
  const latest = current[current.length - 1]!;
  if (options.maxAgeDays !== undefined && asOfDay - latest.day > options.maxAgeDays) {
    return none(`the latest measurement (${latest.date}) is older than ${options.maxAgeDays} days`, baseline);
  }
  const expected = trajectoryAt(target, baseline, latest.date);
  const shortfall = target.direction === "lower_is_better" ? latest.value - expected : expected - latest.value;
  const margin = tolerance * Math.abs(expected);
  const status: TIndicatorStatus = shortfall <= EPSILON ? "on_track" : shortfall <= margin + EPSILON ? "at_risk" : "off_track";
  const reason =
    status === "on_track"
      ? `${latest.value} on ${latest.date} is at or better than the trajectory value ${round(expected)}`
      : status === "at_risk"
        ? `${latest.value} on ${latest.date} misses the trajectory value ${round(expected)} by ${round(shortfall)}, within ${tolerance * 100}%`
        : `${latest.value} on ${latest.date} misses the trajectory value ${round(expected)} by ${round(shortfall)}, more than ${tolerance * 100}%`;
  return {
    status,
    reason,
    baseline,
    targetValue: targetValueOf(target, baseline),
    expected,
    actual: latest.value,
    measuredOn: latest.date,
    shortfall,
  };
}

/** on_track | at_risk | off_track | no_data for an indicator against a target on a day. */
export function indicatorStatus(
  measurements: readonly TIndicatorMeasurement[],
  target: TIndicatorTarget,
  asOf: string,
  options: IndicatorStatusOptions = {},
): TIndicatorStatus {
  return assessIndicator(measurements, target, asOf, options).status;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
