import { getISOWeek, getISOWeekYear } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDays, dayOf } from "../dates.js";
import {
  financialQuarterPeriod,
  financialYearOf,
  isInPeriod,
  isoWeekOf,
  isoWeekPeriod,
  isoWeeksInYear,
  monthPeriod,
  periodContaining,
  periodLengthDays,
  periodsBetween,
  rangePeriod,
  weekCommencingRange,
  ZReportingPeriod,
} from "./periods.js";

describe("calendar months", () => {
  it("runs from the first to the last day, leap years included", () => {
    expect(monthPeriod(2016, 2)).toEqual({ kind: "month", start: "2016-02-01", end: "2016-02-29", label: "2016-02" });
    expect(monthPeriod(2017, 2).end).toBe("2017-02-28");
    expect(monthPeriod(2017, 12)).toMatchObject({ start: "2017-12-01", end: "2017-12-31" });
    expect(() => monthPeriod(2017, 13)).toThrow(/not a month/);
  });

  it("includes both the first and the last day, and nothing outside", () => {
    const april = monthPeriod(2017, 4);
    expect(isInPeriod("2017-04-01", april)).toBe(true);
    expect(isInPeriod("2017-04-30", april)).toBe(true);
    expect(isInPeriod("2017-03-31", april)).toBe(false);
    expect(isInPeriod("2017-05-01", april)).toBe(false);
    expect(periodLengthDays(april)).toBe(30);
  });
});

describe("financial quarters (April to March)", () => {
  it("labels and bounds the four quarters", () => {
    expect(financialQuarterPeriod(2017, 1)).toEqual({ kind: "financial_quarter", start: "2017-04-01", end: "2017-06-30", label: "2017-18 Q1" });
    expect(financialQuarterPeriod(2017, 2)).toMatchObject({ start: "2017-07-01", end: "2017-09-30", label: "2017-18 Q2" });
    expect(financialQuarterPeriod(2017, 3)).toMatchObject({ start: "2017-10-01", end: "2017-12-31", label: "2017-18 Q3" });
    expect(financialQuarterPeriod(2017, 4)).toMatchObject({ start: "2018-01-01", end: "2018-03-31", label: "2017-18 Q4" });
    expect(financialQuarterPeriod(1999, 4)).toMatchObject({ start: "2000-01-01", end: "2000-03-31", label: "1999-00 Q4" });
  });

  it("puts 31 March in Q4 of the old year and 1 April in Q1 of the new", () => {
    expect(periodContaining("financial_quarter", "2018-03-31").label).toBe("2017-18 Q4");
    expect(periodContaining("financial_quarter", "2018-04-01").label).toBe("2018-19 Q1");
    expect(periodContaining("financial_quarter", "2018-01-01").label).toBe("2017-18 Q4");
    expect(periodContaining("financial_quarter", "2017-12-31").label).toBe("2017-18 Q3");
    expect(financialYearOf("2018-03-31")).toBe(2017);
    expect(financialYearOf("2018-04-01")).toBe(2018);
  });
});

describe("ISO weeks (Monday start)", () => {
  it("numbers weeks by the Thursday rule", () => {
    expect(isoWeekOf("2017-01-01")).toEqual({ isoYear: 2016, week: 52 }); // a Sunday
    expect(isoWeekOf("2017-01-02")).toEqual({ isoYear: 2017, week: 1 }); // a Monday
    expect(isoWeekOf("2015-12-31")).toEqual({ isoYear: 2015, week: 53 });
    expect(isoWeekOf("2018-12-31")).toEqual({ isoYear: 2019, week: 1 });
    expect(isoWeeksInYear(2015)).toBe(53);
    expect(isoWeeksInYear(2016)).toBe(52);
    expect(isoWeekPeriod(2015, 53)).toEqual({ kind: "iso_week", start: "2015-12-28", end: "2016-01-03", label: "2015-W53" });
    expect(() => isoWeekPeriod(2016, 53)).toThrow(/no ISO week 53/);
  });

  it("agrees with date-fns on any day", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayOf("1990-01-01"), max: dayOf("2040-12-31") }), (day) => {
        const { year, month, day: d } = civilFromDays(day);
        const local = new Date(year, month - 1, d);
        const { isoYear, week } = isoWeekOf(day);
        expect(isoYear).toBe(getISOWeekYear(local));
        expect(week).toBe(getISOWeek(local));
        const p = periodContaining("iso_week", day);
        expect(isInPeriod(day, p)).toBe(true);
        expect(periodLengthDays(p)).toBe(7);
      }),
      { numRuns: 300 },
    );
  });
});

describe("periodsBetween", () => {
  it("covers the range with whole periods of the kind", () => {
    expect(periodsBetween("month", "2017-01-15", "2017-04-01").map((p) => p.label)).toEqual(["2017-01", "2017-02", "2017-03", "2017-04"]);
    expect(periodsBetween("financial_quarter", "2017-03-31", "2017-04-01").map((p) => p.label)).toEqual(["2016-17 Q4", "2017-18 Q1"]);
    expect(periodsBetween("financial_quarter", "2017-04-01", "2018-03-31").map((p) => p.label)).toEqual([
      "2017-18 Q1",
      "2017-18 Q2",
      "2017-18 Q3",
      "2017-18 Q4",
    ]);
    expect(periodsBetween("iso_week", "2017-03-20", "2017-04-02").map((p) => p.label)).toEqual(["2017-W12", "2017-W13"]);
    expect(periodsBetween("iso_week", "2017-03-26", "2017-03-27").map((p) => p.start)).toEqual(["2017-03-20", "2017-03-27"]);
    expect(periodsBetween("range", "2017-01-15", "2017-04-01")).toEqual([rangePeriod("2017-01-15", "2017-04-01")]);
    expect(() => periodsBetween("month", "2017-04-01", "2017-03-31")).toThrow(/before/);
  });

  it("produces contiguous periods with no gaps or overlaps", () => {
    for (const kind of ["month", "iso_week", "financial_quarter"] as const) {
      const periods = periodsBetween(kind, "2015-10-05", "2019-09-29");
      for (let i = 1; i < periods.length; i++) expect(dayOf(periods[i]!.start)).toBe(dayOf(periods[i - 1]!.end) + 1);
      for (const p of periods) expect(ZReportingPeriod.safeParse(p).success).toBe(true);
    }
  });
});

describe("week-commencing ranges (Table 5)", () => {
  it("runs from the first Monday to the Sunday of the last week", () => {
    const before = weekCommencingRange("2015-10-05", "2017-03-20");
    expect(before).toMatchObject({ kind: "range", start: "2015-10-05", end: "2017-03-26" });
    expect(periodLengthDays(before) / 7).toBe(77);
    expect(periodLengthDays(weekCommencingRange("2017-03-27", "2019-03-25")) / 7).toBe(105);
    expect(periodLengthDays(weekCommencingRange("2019-04-01", "2019-09-23")) / 7).toBe(26);
    expect(() => weekCommencingRange("2015-10-04", "2017-03-20")).toThrow(/Mondays/);
  });

  it("rejects a range that ends before it starts", () => {
    expect(() => rangePeriod("2017-02-01", "2017-01-31")).toThrow(/before it starts/);
    expect(ZReportingPeriod.safeParse({ kind: "range", start: "2017-02-01", end: "2017-01-31", label: "x" }).success).toBe(false);
  });
});

describe("schemas with impossible dates", () => {
  it("report the bad date instead of throwing", () => {
    expect(ZReportingPeriod.safeParse({ kind: "range", start: "2017-02-30", end: "2017-03-01", label: "x" }).success).toBe(false);
    expect(ZReportingPeriod.safeParse({ kind: "range", start: "2017-03-01", end: "soon", label: "x" }).success).toBe(false);
  });
});
