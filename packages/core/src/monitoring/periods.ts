/**
 * Reporting periods for monitoring measures: calendar months, ISO weeks
 * (Monday to Sunday), English public-sector financial quarters (April to
 * March) and arbitrary date ranges.
 *
 * Every period is a closed range of whole days: `start` and `end` are both
 * INCLUSIVE (`end` is the period's last day). A record dated on `end` belongs
 * to the period; a record dated the day after does not.
 */
import { z } from "zod";
import { civilFromDays, daysFromCivil, daysInMonth, dayOf, formatIsoDay, parseIsoDay, ZIsoDate, type DayNumber } from "../dates.js";
import { DomainError } from "../errors.js";

export const REPORTING_PERIOD_KINDS = ["month", "iso_week", "financial_quarter", "range"] as const;
export const ZReportingPeriodKind = z.enum(REPORTING_PERIOD_KINDS);
export type TReportingPeriodKind = z.infer<typeof ZReportingPeriodKind>;

/** The kinds that tile the calendar (every day belongs to exactly one period). */
export type TCalendarPeriodKind = Exclude<TReportingPeriodKind, "range">;

export const ZReportingPeriod = z
  .object({
    kind: ZReportingPeriodKind,
    /** First day, inclusive. */
    start: ZIsoDate,
    /** Last day, inclusive. */
    end: ZIsoDate,
    /** "2017-04", "2017-W14", "2017-18 Q1", or free text for a range. */
    label: z.string().min(1).max(200),
  })
  .strict()
  .refine((p) => isNotBefore(p.end, p.start), { message: "the period ends before it starts", path: ["end"] });
export type TReportingPeriod = z.infer<typeof ZReportingPeriod>;

/**
 * For schema refinements: whether ISO date `later` is on or after `earlier`.
 * True when either is not a real date, because the field's own check already
 * reports that (zod runs object refinements even after a field has failed).
 */
export function isNotBefore(later: string, earlier: string): boolean {
  const a = parseIsoDay(later);
  const b = parseIsoDay(earlier);
  return a === undefined || b === undefined || a >= b;
}

const toDay = (d: string | DayNumber): DayNumber => (typeof d === "number" ? d : dayOf(d));

/** Day of the week with Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function isoWeekdayIndex(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The Monday on or before a day. */
export function mondayOnOrBefore(day: DayNumber): DayNumber {
  return day - isoWeekdayIndex(day);
}

function isoWeekOneMonday(isoYear: number): DayNumber {
  // Week 1 is the week containing 4 January.
  return mondayOnOrBefore(daysFromCivil(isoYear, 1, 4));
}

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year. */
export function isoWeeksInYear(isoYear: number): number {
  return (isoWeekOneMonday(isoYear + 1) - isoWeekOneMonday(isoYear)) / 7;
}

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeekOf(date: string | DayNumber): { isoYear: number; week: number } {
  const monday = mondayOnOrBefore(toDay(date));
  const isoYear = civilFromDays(monday + 3).year; // the Thursday decides the year
  return { isoYear, week: (monday - isoWeekOneMonday(isoYear)) / 7 + 1 };
}

/** The financial year (April to March) a day falls in, by its starting calendar year: 2018-03-31 → 2017. */
export function financialYearOf(date: string | DayNumber): number {
  const { year, month } = civilFromDays(toDay(date));
  return month >= 4 ? year : year - 1;
}

/** "2017-18" for the financial year starting April 2017. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;
}

function make(kind: TReportingPeriodKind, start: DayNumber, end: DayNumber, label: string): TReportingPeriod {
  return { kind, start: formatIsoDay(start), end: formatIsoDay(end), label };
}

/** A calendar month, labelled "YYYY-MM". */
export function monthPeriod(year: number, month: number): TReportingPeriod {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new DomainError("INVALID_INPUT", `not a month: ${year}-${month}`);
  }
  return make(
    "month",
    daysFromCivil(year, month, 1),
    daysFromCivil(year, month, daysInMonth(year, month)),
    `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`,
  );
}

/** An ISO week (Monday to Sunday), labelled "YYYY-Www". */
export function isoWeekPeriod(isoYear: number, week: number): TReportingPeriod {
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksInYear(isoYear)) {
    throw new DomainError("INVALID_INPUT", `${isoYear} has no ISO week ${week}`);
  }
  const monday = isoWeekOneMonday(isoYear) + (week - 1) * 7;
  return make("iso_week", monday, monday + 6, `${isoYear}-W${String(week).padStart(2, "0")}`);
}

/**
 * A financial quarter of the financial year starting 1 April `startYear`:
 * Q1 = April–June, Q2 = July–September, Q3 = October–December,
 * Q4 = January–March of the next calendar year. Labelled "2017-18 Q1".
 */
export function financialQuarterPeriod(startYear: number, quarter: 1 | 2 | 3 | 4): TReportingPeriod {
  if (![1, 2, 3, 4].includes(quarter)) throw new DomainError("INVALID_INPUT", `not a quarter: ${quarter}`);
  const firstMonthIndex = startYear * 12 + 3 + (quarter - 1) * 3; // April = index 3
  const y1 = Math.floor(firstMonthIndex / 12);
  const m1 = firstMonthIndex - y1 * 12 + 1;
  const lastIndex = firstMonthIndex + 2;
  const y2 = Math.floor(lastIndex / 12);
  const m2 = lastIndex - y2 * 12 + 1;
  return make(
    "financial_quarter",
    daysFromCivil(y1, m1, 1),
    daysFromCivil(y2, m2, daysInMonth(y2, m2)),
    `${financialYearLabel(startYear)} Q${quarter}`,
  );
}

/** An arbitrary range of days, both ends inclusive. */
export function rangePeriod(start: string | DayNumber, end: string | DayNumber, label?: string): TReportingPeriod {
  const s = toDay(start);
  const e = toDay(end);
  if (e < s) throw new DomainError("INVALID_INPUT", `the range ends (${formatIsoDay(e)}) before it starts (${formatIsoDay(s)})`);
  return make("range", s, e, label ?? `${formatIsoDay(s)} to ${formatIsoDay(e)}`);
}

/**
 * A range written the way the report's Table 5 writes it, "w/c 05/10/15 – w/c
 * 20/03/17": from the first week-commencing Monday to the Sunday that ends the
 * last week-commencing Monday's week.
 */
export function weekCommencingRange(firstMonday: string, lastMonday: string, label?: string): TReportingPeriod {
  const a = dayOf(firstMonday);
  const b = dayOf(lastMonday);
  if (isoWeekdayIndex(a) !== 0 || isoWeekdayIndex(b) !== 0) {
    throw new DomainError("INVALID_INPUT", "week-commencing dates must be Mondays");
  }
  return rangePeriod(a, b + 6, label ?? `w/c ${firstMonday} to w/c ${lastMonday}`);
}

/** The month, ISO week or financial quarter that contains a day. */
export function periodContaining(kind: TCalendarPeriodKind, date: string | DayNumber): TReportingPeriod {
  const day = toDay(date);
  switch (kind) {
    case "month": {
      const { year, month } = civilFromDays(day);
      return monthPeriod(year, month);
    }
    case "iso_week": {
      const { isoYear, week } = isoWeekOf(day);
      return isoWeekPeriod(isoYear, week);
    }
    case "financial_quarter": {
      const { month } = civilFromDays(day);
      const quarter = (month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4) as 1 | 2 | 3 | 4;
      return financialQuarterPeriod(financialYearOf(day), quarter);
    }
  }
}

/** Most periods `periodsBetween` will produce (about 190 years of weeks). */
export const MAX_REPORTING_PERIODS = 10_000;

/**
 * Consecutive periods of one kind covering `from` … `to` (both inclusive):
 * the first period contains `from`, the last contains `to`, so the first and
 * last may extend beyond the range. For `range`, the single range itself.
 */
export function periodsBetween(kind: TReportingPeriodKind, from: string | DayNumber, to: string | DayNumber): TReportingPeriod[] {
  const a = toDay(from);
  const b = toDay(to);
  if (b < a) throw new DomainError("INVALID_INPUT", `${formatIsoDay(b)} is before ${formatIsoDay(a)}`);
  if (kind === "range") return [rangePeriod(a, b)];
  const out: TReportingPeriod[] = [];
  let current = periodContaining(kind, a);
  for (;;) {
    out.push(current);
    const end = dayOf(current.end);
    if (end >= b) break;
    if (out.length >= MAX_REPORTING_PERIODS) throw new DomainError("INVALID_INPUT", `more than ${MAX_REPORTING_PERIODS} periods requested`);
    current = periodContaining(kind, end + 1);
  }
  return out;
}

/** Inclusive bounds of a period as day numbers. */
export function periodBounds(period: TReportingPeriod): { start: DayNumber; end: DayNumber } {
  return { start: dayOf(period.start), end: dayOf(period.end) };
}

/** Number of days in a period (both ends counted). */
export function periodLengthDays(period: TReportingPeriod): number {
  const { start, end } = periodBounds(period);
  return end - start + 1;
}

/** Whether a day lies in a period (both ends inclusive). */
export function isInPeriod(date: string | DayNumber, period: TReportingPeriod): boolean {
  const d = toDay(date);
  const { start, end } = periodBounds(period);
  return d >= start && d <= end;
}
