import { describe, expect, it } from "vitest";
import { completedPeriods, indicatorReport } from "./indicator-series.js";
import type { TIndicator, TIndicatorTarget } from "./targets.js";

const assessments = (level: "EARLY_HELP" | "CIN", dates: string[]) => dates.map((d, i) => ({ id: `${level}${i}`, childId: `c${i}`, level, allocatedOn: "2019-01-01", completedOn: d }));

describe("completedPeriods", () => {
  it("leaves out the period still under way", () => {
    expect(completedPeriods("month", "2019-01-15", "2019-03-30").map((p) => p.label)).toEqual(["2019-01", "2019-02"]);
    expect(completedPeriods("month", "2019-03-15", "2019-03-30")).toEqual([]);
  });
});

describe("indicatorReport", () => {
  const ind: TIndicator = { id: "eh", title: "EH per week", measureId: "early_help_assessments_per_week", unit: "per week" };
  const target: TIndicatorTarget = { id: "t", indicatorId: "eh", baseline: 2, baselineDate: "2019-01-06", direction: "higher_is_better", value: { kind: "absolute", value: 4 }, dueDate: "2019-01-20" };

  it("computes the measure per completed week and assesses the target", () => {
    // ISO weeks: 2019-W02 = 7–13 Jan, W03 = 14–20 Jan, W04 = 21–27 Jan.
    const data = { assessments: assessments("EARLY_HELP", ["2019-01-08", "2019-01-15", "2019-01-16", "2019-01-21", "2019-01-22", "2019-01-23", "2019-01-24", "2019-01-28"]) };
    const r = indicatorReport(ind, [target], data, [], "2019-01-27");
    // Baseline week W01 (31 Dec–6 Jan) has none; W02 1; W03 2; W04 4 (28 Jan is in W05, under way → left out).
    expect(r.measurements.map((m) => [m.date, m.value])).toEqual([["2019-01-06", 0], ["2019-01-13", 1], ["2019-01-20", 2], ["2019-01-27", 4]]);
    expect(r.status).toBe("on_track");
    expect(r.targets[0]!.assessment.actual).toBe(4);
  });

  it("a hand-entered value on the same day wins; no target → null status", () => {
    const data = { assessments: assessments("EARLY_HELP", ["2019-01-22", "2019-01-23", "2019-01-24"]) };
    const r = indicatorReport(ind, [target], data, [{ date: "2019-01-27", value: 3.5 }], "2019-01-27");
    expect(r.measurements.at(-1)).toEqual({ date: "2019-01-27", value: 3.5 });
    // Target 4 by 20 Jan: 3.5 misses by 0.5, within 10%? No: 10% of 4 = 0.4 → off track.
    expect(r.status).toBe("off_track");
    expect(indicatorReport(ind, [], data, [], "2019-01-27").status).toBeNull();
    const manual: TIndicator = { id: "cost", title: "Cost", measureId: null };
    const mt: TIndicatorTarget = { id: "c", indicatorId: "cost", baseline: 0, baselineDate: "2019-04-01", direction: "higher_is_better", value: { kind: "absolute", value: 100 }, dueDate: "2020-03-31" };
    expect(indicatorReport(manual, [mt], {}, [], "2020-06-01").status).toBe("no_data");
    expect(indicatorReport(manual, [mt], {}, [{ date: "2020-03-31", value: 95 }], "2020-06-01").status).toBe("at_risk");
  });
});
