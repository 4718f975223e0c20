import { describe, expect, it } from "vitest";
import { dayFromBytes, NO_DAY } from "./csv-bytes.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string) => {
  // Padded on both sides, so that the offsets matter.
  const b = bytes(`xx${text}yy`);
  return dayFromBytes(b, 2, 2 + text.length);
};
/** The oracle: JavaScript's own calendar (proleptic Gregorian, UTC). */
function expected(year: number, month: number, day: number): number {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return NO_DAY;
  return Math.round(d.getTime() / 86_400_000);
}
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

describe("dayFromBytes", () => {
  it("reads every date of 1899–2200 as JavaScript's calendar does, and refuses the impossible ones", () => {
    let checked = 0;
    for (let y = 1899; y <= 2200; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          expect.soft(read(iso(y, m, d)), iso(y, m, d)).toBe(expected(y, m, d));
          checked++;
        }
      }
    }
    expect(checked).toBe(302 * 12 * 31);
  });

  it("uses the calendar outside the table's years too", () => {
    expect(read("1800-02-29")).toBe(NO_DAY); // not a leap year
    expect(read("2400-02-29")).toBe(expected(2400, 2, 29)); // a leap year
    expect(read("0001-01-01")).toBe(expected(1, 1, 1));
    expect(read("9999-12-31")).toBe(expected(9999, 12, 31));
  });

  it("refuses what is not a date written YYYY-MM-DD", () => {
    for (const text of ["2021-00-10", "2021-13-01", "2021-01-00", "2021-01-32", "2021-02-29", "2021-04-31", "2021-1-01", "2021/01/01", "20210101", "2021-01-0a", " 2021-01-01", "2021-01-011", ""]) {
      expect.soft(read(text), JSON.stringify(text)).toBe(NO_DAY);
    }
  });
});
