/**
 * Byte-level pieces shared by the CSV readers (csv-scan.ts, and the analysis
 * loader's ranges in load-ranges.ts, which run in worker threads): this
 * module imports no schema library, and papaparse only when a line needs it,
 * so that a worker starts quickly.
 */
import { createRequire } from "node:module";
import { daysFromCivil, daysInMonth } from "../day-numbers.js";

export const COMMA = 44;
export const QUOTE = 34;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const TAB = 9;

/** What `dayFromBytes` returns for a field that is not a real date. */
export const NO_DAY = -2_147_483_647;
const TABLE_FROM_YEAR = 1900;
const TABLE_YEARS = 300;
/**
 * For each month of 1900–2199, at (year − 1900) × 13 + month: the day number of its first day, and its length
 * (a small table, built in microseconds when a worker thread starts).
 */
const MONTH_FIRST = new Int32Array(TABLE_YEARS * 13);
const MONTH_DAYS = new Uint8Array(TABLE_YEARS * 13);
for (let y = 0; y < TABLE_YEARS; y++) {
  for (let m = 1; m <= 12; m++) {
    MONTH_FIRST[y * 13 + m] = daysFromCivil(TABLE_FROM_YEAR + y, m, 1);
    MONTH_DAYS[y * 13 + m] = daysInMonth(TABLE_FROM_YEAR + y, m);
  }
}

/** The bytes b[s, e) as an ISO date `YYYY-MM-DD` (a day number), or NO_DAY when they are not a real date. */
export function dayFromBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || b[s + 4] !== 45 || b[s + 7] !== 45) return NO_DAY;
  const y0 = b[s]! - 48;
  const y1 = b[s + 1]! - 48;
  const y2 = b[s + 2]! - 48;
  const y3 = b[s + 3]! - 48;
  const m1 = b[s + 5]! - 48;
  const m2 = b[s + 6]! - 48;
  const d1 = b[s + 8]! - 48;
  const d2 = b[s + 9]! - 48;
  // A byte that is not a digit is outside 0–9 (negative ones too, read unsigned).
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m1 >>> 0 > 9 || m2 >>> 0 > 9 || d1 >>> 0 > 9 || d2 >>> 0 > 9) return NO_DAY;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NO_DAY;
  const y = year - TABLE_FROM_YEAR;
  if (y >= 0 && y < TABLE_YEARS) {
    const i = y * 13 + month;
    return day > MONTH_DAYS[i]! ? NO_DAY : MONTH_FIRST[i]! + day - 1;
  }
  return day > daysInMonth(year, month) ? NO_DAY : daysFromCivil(year, month, day);
}


let papa: typeof import("papaparse") | undefined;

/** Splits one line with quoted cells as RFC 4180 says (papaparse), trimming each cell. */
export function parseQuotedLine(text: string, delimiter?: ","): string[] {
  papa ??= createRequire(import.meta.url)("papaparse") as typeof import("papaparse");
  // Without a delimiter papaparse guesses one (the statutory files' historical behaviour); the analysis files are comma-separated.
  const parsed = papa.parse<string[]>(text, delimiter ? { header: false, delimiter } : { header: false });
  return (parsed.data[0] ?? []).map((cell) => cell.trim());
}
