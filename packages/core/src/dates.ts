/**
 * Calendar dates as integer day numbers (days since 1970-01-01, proleptic
 * Gregorian, no time zone). Every analysis in Evident works on whole days, so
 * this representation avoids time-zone and daylight-saving surprises and lets
 * the engine keep millions of dates in typed arrays.
 *
 * The civil-date conversions follow Howard Hinnant's public-domain algorithms
 * ("chrono-compatible low-level date algorithms").
 */
import { z } from "zod";

export * from "./day-numbers.js";
import { civilFromDays, daysFromCivil, daysInMonth, type DayNumber } from "./day-numbers.js";

/**
 * Parses a strict ISO calendar date `YYYY-MM-DD` into a day number.
 * Returns `undefined` for anything else, including impossible dates such as
 * 2019-02-30. Written with char codes because the CSV loader calls it millions
 * of times.
 */
export function parseIsoDay(text: string): DayNumber | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    year = year * 10 + d;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatIsoDay(days: DayNumber): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Adds calendar months, clamping to the last day of the target month:
 * 31 Aug − 6 months = 28 Feb (29 Feb in a leap year); 31 Mar + 1 month = 30 Apr.
 */
export function addMonthsClamped(days: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whole years between a birth date and a later date (the child's age on that day). */
export function ageInYears(birth: DayNumber, on: DayNumber): number {
  const b = civilFromDays(birth);
  const o = civilFromDays(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age -= 1;
  return age;
}

/**
 * The dates an input may name: wide enough for any birth date or plan, narrow enough that date
 * arithmetic on them (a plan's end, a window, a follow-up schedule) stays within what JavaScript
 * and PostgreSQL can hold (year 9999 plus six months is not a date; #21's fuzz found the 500s).
 */
export const MIN_INPUT_DAY = "1900-01-01";
export const MAX_INPUT_DAY = "2199-12-31";
/**
 * Is an ISO date (`YYYY-MM-DD`, or the date part of a longer string) between `MIN_INPUT_DAY` and
 * `MAX_INPUT_DAY`? The bounds of every date a person can enter.
 */
export const inputDayInRange = (isoDay: string) => isoDay.slice(0, 10) >= MIN_INPUT_DAY && isoDay.slice(0, 10) <= MAX_INPUT_DAY;
const DAY_RANGE_MESSAGE = `must be between ${MIN_INPUT_DAY} and ${MAX_INPUT_DAY}`;

/** A zod schema for an ISO calendar date string that must be a real date, within the input range. */
export const ZIsoDate = z
  .string()
  .max(10)
  .refine((value) => parseIsoDay(value) !== undefined, {
    message: "must be a real calendar date written YYYY-MM-DD",
  })
  .refine(inputDayInRange, { message: DAY_RANGE_MESSAGE });
export type TIsoDate = z.infer<typeof ZIsoDate>;

/** Parses a date that has already been validated; throws on programmer error. */
export function dayOf(text: string): DayNumber {
  const day = parseIsoDay(text);
  if (day === undefined) throw new RangeError(`not an ISO date: ${JSON.stringify(text)}`);
  return day;
}
