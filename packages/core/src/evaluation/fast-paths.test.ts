import { describe, expect, it } from "vitest";
import { addMonthsClamped, civilKey, daysFromCivil, parseIsoDay, UNKNOWN_DAY } from "../dates.js";
import { shiftMonths, windowBounds } from "./analyse.js";
import { AGE_BANDS, ageBand, ageBandIndex } from "./profiles.js";

const day = (iso: string) => parseIsoDay(iso)!;

describe("the analysis's allocation-free date helpers", () => {
  it("civilKey spells the civil date as one number", () => {
    expect(civilKey(day("2019-03-31"))).toBe(20190331);
    expect(civilKey(day("2020-02-29"))).toBe(20200229);
    expect(civilKey(day("1969-12-31"))).toBe(19691231);
    expect(civilKey(day("2000-01-01"))).toBe(20000101);
    // Either side of the edges of its table (1900–2199).
    for (const iso of ["1899-12-31", "1900-01-01", "2199-12-31", "2200-01-01", "1600-02-29"]) expect(civilKey(day(iso))).toBe(Number(iso.replaceAll("-", "")));
  });

  it("ageBandIndex turns on the birthday, as ageBand does", () => {
    const born = day("2015-03-31");
    expect(ageBandIndex(born, day("2020-03-30"))).toBe(0); // 4 years old
    expect(ageBandIndex(born, day("2020-03-31"))).toBe(1); // 5 today
    expect(ageBandIndex(day("2002-06-15"), day("2020-06-14"))).toBe(3); // 17
    expect(ageBandIndex(day("2002-06-15"), day("2020-06-15"))).toBe(4); // 18
    expect(ageBandIndex(UNKNOWN_DAY, day("2020-06-15"))).toBe(5);
    expect(ageBandIndex(day("2021-01-01"), day("2020-06-15"))).toBe(5); // born after the start
    // Every pair of a birth date (leap days included) and a start date, against ageBand.
    for (let b = daysFromCivil(1999, 12, 1); b < daysFromCivil(2004, 3, 5); b += 7) {
      for (let on = daysFromCivil(2015, 1, 1); on < daysFromCivil(2021, 12, 31); on += 13) {
        expect(ageBandIndex(b + (on % 3), on)).toBe(AGE_BANDS.indexOf(ageBand(b + (on % 3), on)));
      }
    }
  });

  it("shiftMonths gives addMonthsClamped of every day, also over a wide range of dates", () => {
    expect([...shiftMonths(Int32Array.of(day("2019-08-31"), day("2020-08-31"), day("2019-03-31")), -6)]).toEqual([
      day("2019-02-28"),
      day("2020-02-29"),
      day("2018-09-30"),
    ]);
    expect([...shiftMonths(Int32Array.of(day("2019-03-31")), 1)]).toEqual([day("2019-04-30")]);
    const near = Int32Array.from({ length: 2000 }, (_, i) => day("2017-01-01") + ((i * 37) % 1500));
    const wide = Int32Array.from({ length: 50 }, (_, i) => day("1900-01-31") + i * 5000);
    for (const days of [near, wide]) {
      for (const months of [-6, 6, 12, -25]) expect([...shiftMonths(days, months)]).toEqual([...days].map((d) => addMonthsClamped(d, months)));
    }
  });

  it("windowBounds gives each child's windows from addMonthsClamped, also over a wide range of dates", () => {
    // Hand-worked: start 2019-08-31, end 2020-01-31, 6 months: before from 2019-02-28; after 2020-02-01 to 2020-07-31 (exclusive end 2020-08-01).
    const one = windowBounds(Int32Array.of(day("2019-08-31")), Int32Array.of(day("2020-01-31")), 6);
    expect([one.bStart[0], one.aStart[0], one.aEnd[0]]).toEqual([day("2019-02-28"), day("2020-02-01"), day("2020-08-01")]);
    const near = { start: Int32Array.from({ length: 2000 }, (_, i) => day("2017-01-01") + ((i * 37) % 1500)), end: Int32Array.from({ length: 2000 }, (_, i) => day("2018-06-30") + ((i * 53) % 900)) };
    const wide = { start: Int32Array.from({ length: 50 }, (_, i) => day("1900-01-31") + i * 5000), end: Int32Array.from({ length: 50 }, (_, i) => day("1900-03-31") + i * 5000) };
    for (const { start, end } of [near, wide]) {
      for (const months of [6, 12, 25]) {
        const b = windowBounds(start, end, months);
        expect([...b.bStart]).toEqual([...start].map((d) => addMonthsClamped(d, -months)));
        expect([...b.aStart]).toEqual([...end].map((d) => d + 1));
        expect([...b.aEnd]).toEqual([...end].map((d) => addMonthsClamped(d, months) + 1));
      }
    }
  });
});
