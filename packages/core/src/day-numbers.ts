/**
 * Day numbers (whole days since 1970-01-01, proleptic Gregorian) and the
 * civil-date arithmetic behind them, without dependencies: the CSV loader's
 * worker threads import this and not `dates.ts` (which also holds the zod
 * schemas), so that they start quickly. `dates.ts` re-exports all of it.
 *
 * The civil-date conversions follow Howard Hinnant's public-domain algorithms
 * ("chrono-compatible low-level date algorithms").
 */
/** A day number: whole days since 1970-01-01. */
export type DayNumber = number;

/** Sentinel for "no end date" (an open episode) in typed arrays. */
export const OPEN_END: DayNumber = 2_147_483_647;
/** Sentinel for "unknown date" in typed arrays. */
export const UNKNOWN_DAY: DayNumber = -2_147_483_648;

/** The day number of a calendar date (month 1 to 12); no check that the day exists in the month. */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A calendar date: year, month (1 to 12), day of the month. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

// The last civil date worked out by `toCivil` (module state, so that neither caller allocates for it).
let civilYear = 0;
let civilMonth = 0;
let civilDay = 0;

function toCivil(days: DayNumber): void {
  const z0 = days + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  civilDay = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civilMonth = mp < 10 ? mp + 3 : mp - 9;
  civilYear = yoe + era * 400 + (civilMonth <= 2 ? 1 : 0);
}

/** The calendar date (year, month 1 to 12, day) of a day number. */
export function civilFromDays(days: DayNumber): CivilDate {
  toCivil(days);
  return { year: civilYear, month: civilMonth, day: civilDay };
}

/**
 * The civil date of a day number as one integer, year × 10000 + month × 100 + day (e.g. 20190331), without
 * allocating: such keys order as dates do, and whole years between two dates are ⌊(later − earlier) / 10000⌋.
 */
export function civilKey(days: DayNumber): number {
  const at = days - KEYS_FROM;
  if (at >= 0 && at < KEYS_DAYS) return (civilKeys ??= civilKeyTable())[at]!;
  toCivil(days);
  return civilYear * 10000 + civilMonth * 100 + civilDay;
}

// civilKey of every day of 1900–2199, made on first use (the analysis asks for millions of them).
const KEYS_FROM = -25567; // 1900-01-01
const KEYS_DAYS = 109573; // to 2199-12-31
let civilKeys: Int32Array | undefined;
function civilKeyTable(): Int32Array {
  const table = new Int32Array(KEYS_DAYS);
  let i = 0;
  for (let year = 1900; year < 2200; year++) {
    for (let month = 1; month <= 12; month++) {
      const n = daysInMonth(year, month);
      for (let day = 1; day <= n; day++) table[i++] = year * 10000 + month * 100 + day;
    }
  }
  return table;
}

/** Is the year a leap year in the Gregorian calendar? */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month (month 1 to 12) of a year: 28 to 31. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 31);
}
