/**
 * An indicator's series and status from live records: the measure computed
 * per period (at the measure's frequency) from the records, merged with values
 * entered by hand, then each target assessed. Pure: the API loads the rows.
 *
 * RULES
 * - Periods: from the period containing the earliest target's baseline date
 *   (or, with no target, `defaultFrom`) to the last period that has ENDED on
 *   or before `asOf` — a period still under way is not used, so a half-counted
 *   week never makes an indicator look off track.
 * - Values entered by hand (manual or imported) are dated on their period's
 *   last day; where a hand-entered value and a computed value fall on the
 *   same day, the hand-entered value wins (it is a correction).
 * - Overall status: with no target, null; otherwise the worst status among the
 *   targets that have data (off track > at risk > on track), or no data when
 *   none does.
 */
import { findMeasure, type TMeasureFrequency } from "./catalogue.js";
import type { TMeasureValue } from "./measures.js";
import { periodsBetween, periodContaining, type TCalendarPeriodKind } from "./periods.js";
import type { TMonitoringData } from "./records.js";
import { assessIndicator, measurementsFromValues, type IndicatorAssessment, type TIndicator, type TIndicatorMeasurement, type TIndicatorStatus, type TIndicatorTarget } from "./targets.js";
import { dayOf, formatIsoDay } from "../dates.js";

/** The calendar period a measure of this frequency is counted in: ISO weeks, financial quarters or months. */
export function periodKindForFrequency(frequency: TMeasureFrequency): TCalendarPeriodKind {
  return frequency === "weekly" ? "iso_week" : frequency === "quarterly" ? "financial_quarter" : "month";
}

/** Whole periods of `kind` from the one containing `from` to the last one ending on or before `asOf` (may be empty). */
export function completedPeriods(kind: TCalendarPeriodKind, from: string, asOf: string) {
  const first = periodContaining(kind, from);
  if (dayOf(first.end) > dayOf(asOf)) return [];
  return periodsBetween(kind, first.start, asOf).filter((p) => dayOf(p.end) <= dayOf(asOf));
}

export interface IndicatorSeries {
  measurements: TIndicatorMeasurement[];
  /** The computed values (empty for a hand-entered indicator). */
  computed: TMeasureValue[];
}

/**
 * An indicator's values per completed period from `from` to `asOf` (its measure computed from the records,
 * with hand-entered values taking precedence) and each target's assessment.
 */
export function indicatorSeries(
  indicator: TIndicator,
  data: TMonitoringData,
  manual: readonly TIndicatorMeasurement[],
  from: string,
  asOf: string,
): IndicatorSeries {
  let computed: TMeasureValue[] = [];
  if (indicator.measureId !== null) {
    const measure = findMeasure(indicator.measureId);
    if (measure) computed = measure.compute(data, completedPeriods(periodKindForFrequency(measure.frequency), from, asOf), indicator.params ?? {});
  }
  const byDate = new Map<string, TIndicatorMeasurement>();
  for (const m of measurementsFromValues(computed)) byDate.set(m.date, m);
  for (const m of manual) byDate.set(m.date, m);
  const measurements = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { measurements, computed };
}

const SEVERITY: Record<TIndicatorStatus, number> = { no_data: 0, on_track: 1, at_risk: 2, off_track: 3 };

export interface IndicatorReport {
  indicatorId: string;
  status: TIndicatorStatus | null;
  targets: { targetId: string; label: string | null; assessment: IndicatorAssessment }[];
  measurements: TIndicatorMeasurement[];
}

/** The indicator's series and each target's assessment on `asOf` (rules in the module comment). */
export function indicatorReport(
  indicator: TIndicator,
  targets: readonly TIndicatorTarget[],
  data: TMonitoringData,
  manual: readonly TIndicatorMeasurement[],
  asOf: string,
  options: { defaultFrom?: string } = {},
): IndicatorReport {
  const mine = targets.filter((t) => t.indicatorId === indicator.id);
  const earliest = mine.map((t) => t.baselineDate).sort()[0];
  const from = earliest ?? options.defaultFrom ?? formatIsoDay(dayOf(asOf) - 365);
  const { measurements } = indicatorSeries(indicator, data, manual, from <= asOf ? from : asOf, asOf);
  const assessed = mine.map((t) => ({ targetId: t.id, label: t.label ?? null, assessment: assessIndicator(measurements, t, asOf) }));
  let status: TIndicatorStatus | null = null;
  if (assessed.length > 0) {
    status = "no_data";
    for (const a of assessed) if (SEVERITY[a.assessment.status] > SEVERITY[status]) status = a.assessment.status;
  }
  return { indicatorId: indicator.id, status, targets: assessed, measurements };
}
