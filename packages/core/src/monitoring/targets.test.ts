import { describe, expect, it } from "vitest";
import { cpCasesWithKnownPerpetrator } from "./measures.js";
import { periodsBetween } from "./periods.js";
import {
  assessIndicator,
  indicatorStatus,
  measurementsFromValues,
  targetValueOf,
  trajectoryAt,
  ZIndicatorTarget,
  type TIndicatorMeasurement,
  type TIndicatorTarget,
} from "./targets.js";

// Baseline 100 on 2017-01-01, target 80 due 100 days later (2017-04-11): the
// trajectory falls by 0.2 a day, so on 2017-02-20 (day 50) it is 90.
const lower: TIndicatorTarget = {
  id: "t",
  indicatorId: "i",
  baseline: 100,
  baselineDate: "2017-01-01",
  direction: "lower_is_better",
  value: { kind: "absolute", value: 80 },
  dueDate: "2017-04-11",
};
const at = (date: string, value: number | null): TIndicatorMeasurement => ({ date, value });

describe("trajectory", () => {
  it("runs straight from baseline to target and stays flat after the due date", () => {
    expect(trajectoryAt(lower, 100, "2016-12-01")).toBe(100);
    expect(trajectoryAt(lower, 100, "2017-01-01")).toBe(100);
    expect(trajectoryAt(lower, 100, "2017-02-20")).toBeCloseTo(90, 12);
    expect(trajectoryAt(lower, 100, "2017-04-11")).toBe(80);
    expect(trajectoryAt(lower, 100, "2018-01-01")).toBe(80);
    expect(targetValueOf({ value: { kind: "relative", change: -0.2 } }, 50)).toBeCloseTo(40, 12);
  });
});

describe("indicatorStatus: lower is better", () => {
  const status = (value: number, date = "2017-02-20") => indicatorStatus([at("2016-12-31", 500), at(date, value)], lower, "2017-12-31");

  it("is on track at or below the trajectory", () => {
    expect(status(90)).toBe("on_track");
    expect(status(85)).toBe("on_track");
  });

  it("is at risk up to 10% of the trajectory value above it (inclusive), off track beyond", () => {
    expect(status(95)).toBe("at_risk");
    expect(status(99)).toBe("at_risk"); // 9 = 10% of 90
    expect(status(99.5)).toBe("off_track");
  });

  it("judges against the target itself after the due date", () => {
    expect(status(80, "2017-05-01")).toBe("on_track");
    expect(status(81, "2017-05-01")).toBe("at_risk");
    expect(status(90, "2017-05-01")).toBe("off_track");
  });

  it("uses the latest measurement up to asOf and reports the numbers", () => {
    const m = [at("2017-02-20", 99.5), at("2017-03-01", 70), at("2017-03-02", null)];
    const r = assessIndicator(m, lower, "2017-02-28");
    expect(r).toMatchObject({ status: "off_track", actual: 99.5, measuredOn: "2017-02-20", baseline: 100, targetValue: 80 });
    expect(r.expected).toBeCloseTo(90, 12);
    expect(r.shortfall).toBeCloseTo(9.5, 12);
    expect(assessIndicator(m, lower, "2017-03-10")).toMatchObject({ status: "on_track", measuredOn: "2017-03-01" });
  });

  it("has no data without a measurement after the baseline date, or when it is too old", () => {
    expect(indicatorStatus([], lower, "2017-12-31")).toBe("no_data");
    expect(indicatorStatus([at("2017-01-01", 50)], lower, "2017-12-31")).toBe("no_data");
    expect(indicatorStatus([at("2017-02-20", 90)], lower, "2017-02-19")).toBe("no_data");
    expect(indicatorStatus([at("2017-02-20", 90)], lower, "2017-06-01", { maxAgeDays: 30 })).toBe("no_data");
    expect(indicatorStatus([at("2017-02-20", 90)], lower, "2017-03-22", { maxAgeDays: 30 })).toBe("on_track");
  });

  it("takes a different tolerance", () => {
    expect(indicatorStatus([at("2017-02-20", 95)], lower, "2017-12-31", { atRiskTolerance: 0.05 })).toBe("off_track");
  });
});

describe("indicatorStatus: higher is better (Table 5 Early Help target)", () => {
  const eh: TIndicatorTarget = {
    id: "eh",
    indicatorId: "ind-eh",
    baseline: 26.2,
    baselineDate: "2017-03-26",
    direction: "higher_is_better",
    value: { kind: "absolute", value: 43 },
    dueDate: "2019-03-31",
  };
  it("is on track at 43, at risk within 4.3 below, off track further below", () => {
    expect(indicatorStatus([at("2019-03-31", 43)], eh, "2019-12-31")).toBe("on_track");
    expect(indicatorStatus([at("2019-03-31", 40)], eh, "2019-12-31")).toBe("at_risk");
    expect(indicatorStatus([at("2019-03-31", 38)], eh, "2019-12-31")).toBe("off_track");
    // The report's "during the Hub" average, 14.2, is far below even the starting point.
    expect(indicatorStatus([at("2019-03-31", 14.2)], eh, "2019-12-31")).toBe("off_track");
  });
});

describe("relative target on a measured baseline (Figure 1: −20% on April 2017)", () => {
  const minus20: TIndicatorTarget = {
    id: "cp",
    indicatorId: "ind-cp",
    baseline: null,
    baselineDate: "2017-04-30",
    direction: "lower_is_better",
    value: { kind: "relative", change: -0.2 },
    dueDate: "2018-04-30",
  };

  it("takes the baseline from the measurement at the baseline date", () => {
    const m = [at("2017-03-31", 70), at("2017-04-30", 50), at("2018-04-30", 41)];
    const r = assessIndicator(m, minus20, "2018-05-31");
    expect(r).toMatchObject({ status: "at_risk", baseline: 50, actual: 41 });
    expect(r.targetValue).toBeCloseTo(40, 12);
    expect(indicatorStatus([at("2017-04-30", 50), at("2018-04-30", 40)], minus20, "2018-05-31")).toBe("on_track");
    expect(indicatorStatus([at("2017-04-30", 50), at("2017-10-30", 44)], minus20, "2018-05-31")).toBe("on_track");
    expect(indicatorStatus([at("2017-04-30", 50), at("2017-10-30", 52)], minus20, "2018-05-31")).toBe("off_track");
  });

  it("has no data when the baseline month was not measured", () => {
    expect(assessIndicator([at("2017-05-31", 45)], minus20, "2018-05-31")).toMatchObject({ status: "no_data", baseline: null });
  });

  it("works end to end from a measure's monthly values", () => {
    const episodes = [
      { id: "e1", childId: "A", status: "CP" as const, start: "2017-01-01", end: null, perpetratorKnown: true },
      { id: "e2", childId: "B", status: "CP" as const, start: "2017-01-01", end: "2017-06-15", perpetratorKnown: true },
      { id: "e3", childId: "C", status: "CP" as const, start: "2017-01-01", end: "2018-03-01", perpetratorKnown: true },
      { id: "e4", childId: "D", status: "CP" as const, start: "2017-01-01", end: "2018-04-01", perpetratorKnown: true },
      { id: "e5", childId: "E", status: "CP" as const, start: "2017-01-01", end: "2017-12-01", perpetratorKnown: true },
    ];
    const values = cpCasesWithKnownPerpetrator(episodes, periodsBetween("month", "2017-04-01", "2018-04-30"));
    const m = measurementsFromValues(values);
    expect(m[0]).toEqual({ date: "2017-04-30", value: 5, label: "2017-04" });
    // April 2018: only A is still on a plan: 1 ≤ 4 (−20% of 5).
    expect(m[m.length - 1]).toEqual({ date: "2018-04-30", value: 1, label: "2018-04" });
    expect(indicatorStatus(m, minus20, "2018-04-30")).toBe("on_track");
  });
});

describe("target schema", () => {
  it("needs a due date after the baseline date and a relative change above −100%", () => {
    expect(ZIndicatorTarget.safeParse(lower).success).toBe(true);
    expect(ZIndicatorTarget.safeParse({ ...lower, dueDate: "2017-01-01" }).success).toBe(false);
    expect(ZIndicatorTarget.safeParse({ ...lower, value: { kind: "relative", change: -1 } }).success).toBe(false);
    expect(ZIndicatorTarget.safeParse({ ...lower, dueDate: "2017-02-30" }).success).toBe(false);
  });
});
