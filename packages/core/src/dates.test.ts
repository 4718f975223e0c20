import { addMonths } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsClamped, ageInYears, civilFromDays, daysFromCivil, formatIsoDay, parseIsoDay, ZIsoDate } from "./dates.js";
import { ZDateTime } from "./records/schemas.js";

describe("dates", () => {
  it("parses real ISO dates and refuses impossible ones", () => {
    expect(parseIsoDay("1970-01-01")).toBe(0);
    expect(parseIsoDay("2020-02-29")).toBe(18321);
    expect(parseIsoDay("2019-02-29")).toBeUndefined();
    expect(parseIsoDay("2019-02-30")).toBeUndefined();
    expect(parseIsoDay("2019-13-01")).toBeUndefined();
    expect(parseIsoDay("2019-1-01")).toBeUndefined();
    expect(parseIsoDay("01/02/2019")).toBeUndefined();
    expect(parseIsoDay("2019-01-01T00:00")).toBeUndefined();
  });

  it("clamps month arithmetic to the month's last day", () => {
    expect(formatIsoDay(addMonthsClamped(parseIsoDay("2019-08-31")!, -6))).toBe("2019-02-28");
    expect(formatIsoDay(addMonthsClamped(parseIsoDay("2020-08-31")!, -6))).toBe("2020-02-29");
    expect(formatIsoDay(addMonthsClamped(parseIsoDay("2019-03-31")!, 1))).toBe("2019-04-30");
    expect(formatIsoDay(addMonthsClamped(parseIsoDay("2019-12-15")!, 6))).toBe("2020-06-15");
  });

  it("round-trips civil dates", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const { year, month, day } = civilFromDays(d);
        return daysFromCivil(year, month, day) === d && parseIsoDay(formatIsoDay(d)) === (year >= 0 && year <= 9999 ? d : undefined);
      }),
    );
  });

  it("agrees with date-fns addMonths (which also clamps) on any date and month count", () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 40_000 }), fc.integer({ min: -120, max: 120 }), (d, m) => {
        const viaDateFns = addMonths(new Date(d * 86_400_000), m);
        // date-fns works in local time; these tests run with TZ unset (UTC) or any zone: compare the calendar fields.
        const expected = daysFromCivil(viaDateFns.getFullYear(), viaDateFns.getMonth() + 1, viaDateFns.getDate());
        const start = new Date(d * 86_400_000);
        const startLocal = daysFromCivil(start.getFullYear(), start.getMonth() + 1, start.getDate());
        return addMonthsClamped(startLocal, m) === expected;
      }),
    );
  });

  it("computes ages on birthdays and the day before", () => {
    expect(ageInYears(parseIsoDay("2010-06-15")!, parseIsoDay("2015-06-14")!)).toBe(4);
    expect(ageInYears(parseIsoDay("2010-06-15")!, parseIsoDay("2015-06-15")!)).toBe(5);
    expect(ageInYears(parseIsoDay("2012-02-29")!, parseIsoDay("2013-02-28")!)).toBe(0);
  });
});

describe("input dates (#21: the fuzz's 500s from year 9999 plus a plan, year 1 minus a window)", () => {
  it("accepts real dates from 1900-01-01 to 2199-12-31 and refuses others, naming the range", () => {
    for (const ok of ["1900-01-01", "2024-02-29", "2199-12-31"]) expect(ZIsoDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["1899-12-31", "2200-01-01", "9999-12-31", "0001-01-01"]) {
      const r = ZIsoDate.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("must be between 1900-01-01 and 2199-12-31");
    }
    expect(ZIsoDate.safeParse("2019-02-30").error?.issues[0]?.message).toBe("must be a real calendar date written YYYY-MM-DD");
    expect(ZDateTime.safeParse("2199-12-31T23:59:59Z").success).toBe(true);
    expect(ZDateTime.safeParse("9999-12-31T23:59:59.999Z").success).toBe(false);
    expect(ZDateTime.safeParse("0001-01-01T00:00:00.000Z").success).toBe(false);
  });
});
