import { describe, expect, it } from "vitest";
import { analyse, computeChildWindows, windowLengthUpperBound } from "./analyse.js";
import { datasetFromRecords, type TChildRecord, type TEpisodeRecord, type TReferralRecord } from "./dataset.js";
import { parseIsoDay } from "../dates.js";

const child = (childId: string, cohort: "intervention" | "comparison", startDate: string, endDate: string, extra: Partial<TChildRecord> = {}): TChildRecord => ({
  childId,
  cohort,
  startDate,
  endDate,
  ...extra,
});
const ep = (childId: string, status: "CIN" | "CP" | "CLA", startDate: string, endDate: string | null): TEpisodeRecord => ({ childId, status, startDate, endDate });
const ref = (childId: string, referralDate: string): TReferralRecord => ({ childId, referralDate });

// A hand-worked example. Intervention child A: start 2018-03-01, end 2018-05-09.
//   before = [2017-09-01, 2018-03-01): 181 days; after = [2018-05-10, 2018-11-10): 184 days.
//   CP 2017-11-01..2018-01-15 and an overlapping CP 2018-01-01..2018-02-01 → union 2017-11-01..2018-02-01 = 92 days before.
//   CIN 2018-06-01..open, asAt 2019-01-01 → after window part 2018-06-01..2018-11-10 = 162 days.
//   referrals 2017-10-10 (before), 2018-03-05 (during: neither), 2018-07-01 (after).
// Comparison child B: start = end = 2018-04-30. before = [2017-10-30, 2018-04-30); after = [2018-05-01, 2018-10-31).
//   CLA 2018-04-01..2018-06-01 → 29 days before, 31 days after. CIN 2016-01-01..2017-01-01 → outside both.
// Comparison child C: no episodes, one referral on 2018-05-01 (first day after).
const data = () =>
  datasetFromRecords({
    children: [
      child("A", "intervention", "2018-03-01", "2018-05-09", { familyId: "F1", birthDate: "2010-03-01", ethnicity: "WBRI", siblingGroupSize: 2 }),
      child("B", "comparison", "2018-04-30", "2018-04-30", { birthDate: "2015-05-01" }),
      child("C", "comparison", "2018-04-30", "2018-04-30"),
    ],
    episodes: [
      ep("A", "CP", "2017-11-01", "2018-01-15"),
      ep("A", "CP", "2018-01-01", "2018-02-01"),
      ep("A", "CIN", "2018-06-01", null),
      ep("B", "CLA", "2018-04-01", "2018-06-01"),
      ep("B", "CIN", "2016-01-01", "2017-01-01"),
    ],
    referrals: [ref("A", "2017-10-10"), ref("A", "2018-03-05"), ref("A", "2018-07-01"), ref("C", "2018-05-01")],
  });

describe("analyse: a hand-worked example", () => {
  const result = analyse(data(), { asAt: "2019-01-01", programmeCost: 1000, bootstrap: { replicates: 200, seed: 1 } });
  const i = result.cohorts.intervention;
  const c = result.cohorts.comparison;

  it("counts days as the union of episodes clipped to each window", () => {
    expect(i.before.CP).toMatchObject({ children: 1, days: 92 });
    expect(i.after.CIN).toMatchObject({ children: 1, days: 162 });
    expect(i.before.CIN.days + i.after.CP.days + i.before.CLA.days + i.after.CLA.days).toBe(0);
    expect(c.before.CLA).toMatchObject({ children: 1, days: 29, meanDays: 14.5 });
    expect(c.after.CLA).toMatchObject({ children: 1, days: 31 });
    expect(c.before.CIN.days).toBe(0);
  });

  it("counts referrals whose date lies in a window", () => {
    expect([i.before.referrals, i.after.referrals]).toEqual([1, 1]);
    expect([c.before.referrals, c.after.referrals]).toEqual([0, 1]);
  });

  it("builds the transition matrix of highest statuses", () => {
    expect(i.transitions.CP.CIN).toBe(1);
    expect(i.deEscalations).toBe(1);
    expect(c.transitions.CLA.CLA).toBe(1);
    expect(c.transitions.none.none).toBe(1);
    expect(c.escalations).toBe(0);
  });

  it("prices the windows with annual/365 tariffs and scales the comparison", () => {
    const cp = 3727 / 365;
    const cin = 3402 / 365;
    const cla = 58663 / 365;
    expect(i.before.cost).toBeCloseTo(92 * cp + 223, 9);
    expect(i.after.cost).toBeCloseTo(162 * cin + 223, 9);
    expect(c.before.cost).toBeCloseTo(29 * cla, 9);
    expect(c.after.cost).toBeCloseTo(31 * cla + 223, 9);
    expect(c.scaleFactor).toBe(0.5);
    const saving = 0.5 * (31 * cla + 223 - 29 * cla) - (162 * cin - 92 * cp);
    expect(result.saving).toBeCloseTo(saving, 9);
    expect(result.netCost).toBeCloseTo(1000 - saving, 9);
  });

  it("profiles the cohorts", () => {
    // A was born 2010-03-01 and started 2018-03-01: 8 years old.
    expect(i.profile.ageBands).toEqual({ "0-4": 0, "5-9": 1, "10-14": 0, "15-17": 0, "18+": 0, Unknown: 0 });
    expect(result.cohorts.intervention.profile).toMatchObject({ ethnicity: { WBRI: 1 }, siblingGroupSize: { "2": 1 } });
    expect(c.profile.ageBands).toMatchObject({ "0-4": 1, Unknown: 1 });
    expect(c.profile.ethnicity).toEqual({ Unknown: 2 });
  });

  it("flags a small cohort and reports the difference in differences", () => {
    expect(result.warnings.map((w) => w.code)).toContain("SMALL_COHORT");
    const cost = result.differenceInDifferences.measures.cost;
    // Mean cost change per child × n_intervention = −saving.
    expect(cost.estimate * i.n).toBeCloseTo(-result.saving, 6);
    // One intervention child, so its resampled mean is always A's change; the comparison's resampled mean
    // is B's, C's or their average. The 2.5% and 97.5% quantiles of 200 replicates are the extremes:
    // A − B (B's change 2 CLA days is the larger) and A − C (C's change is one referral, £223).
    const changeA = (162 * 3402) / 365 - (92 * 3727) / 365;
    const changeB = (2 * 58663) / 365;
    const changeC = 223;
    expect(cost.ci95![0]).toBeCloseTo(changeA - changeB, 6);
    expect(cost.ci95![1]).toBeCloseTo(changeA - changeC, 6);
  });
});

describe("analyse: age bands as of the intervention start", () => {
  it("puts 4-year-olds in 0-4 and 5-year-olds in 5-9", () => {
    const d = datasetFromRecords({
      children: [
        child("a", "intervention", "2018-01-10", "2018-01-10", { birthDate: "2013-01-11" }),
        child("b", "intervention", "2018-01-10", "2018-01-10", { birthDate: "2013-01-10" }),
        child("c", "comparison", "2018-01-10", "2018-01-10", { birthDate: "2000-01-10" }),
      ],
      episodes: [],
      referrals: [],
    });
    const r = analyse(d, { asAt: "2019-01-01", bootstrap: { replicates: 0, seed: 1 } });
    expect(r.cohorts.intervention.profile.ageBands).toMatchObject({ "0-4": 1, "5-9": 1 });
    expect(r.cohorts.comparison.profile.ageBands["18+"]).toBe(1);
  });
});

describe("analyse: as-at and incomplete follow-up", () => {
  it("runs open episodes to asAt (exclusive) and warns when the after window is not over", () => {
    const d = datasetFromRecords({
      children: [child("a", "intervention", "2019-01-01", "2019-03-31"), child("b", "comparison", "2019-03-31", "2019-03-31")],
      episodes: [ep("a", "CP", "2019-04-10", null), ep("b", "CP", "2019-04-10", "2030-01-01")],
      referrals: [ref("b", "2019-06-01")],
    });
    // after window = [2019-04-01, 2019-10-01); asAt 2019-05-01 → CP from 04-10 to 04-30 inclusive = 21 days; the referral after asAt is not counted.
    const r = analyse(d, { asAt: "2019-05-01", bootstrap: { replicates: 0, seed: 1 } });
    expect(r.cohorts.intervention.after.CP.days).toBe(21);
    expect(r.cohorts.comparison.after.CP.days).toBe(21);
    expect(r.cohorts.comparison.after.referrals).toBe(0);
    const incomplete = r.warnings.filter((w) => w.code === "INCOMPLETE_FOLLOW_UP");
    expect(incomplete.map((w) => w.cohort).sort()).toEqual(["comparison", "intervention"]);
  });
});

describe("analyse: bad input", () => {
  it("refuses an empty cohort, naming it", () => {
    const d = datasetFromRecords({ children: [child("a", "intervention", "2019-01-01", "2019-01-02")], episodes: [], referrals: [] });
    expect(() => analyse(d, { asAt: "2020-01-01" })).toThrowError(/comparison cohort has no children/);
  });
  it("refuses impossible dates and names the record and field", () => {
    try {
      datasetFromRecords({ children: [child("a", "intervention", "2019-02-30", "2019-03-01")], episodes: [], referrals: [] });
      expect.unreachable();
    } catch (error) {
      expect((error as { issues: { path: unknown[] }[] }).issues[0]!.path).toEqual(["children", 0, "startDate"]);
    }
    expect(() => analyse(data(), { asAt: "2019-02-30" })).toThrowError(/invalid analysis options/);
  });
  it("refuses episodes of unknown children", () => {
    expect(() => datasetFromRecords({ children: [], episodes: [ep("zz", "CP", "2019-01-01", null)], referrals: [] })).toThrowError(/1 problem/);
  });
});

describe("windows", () => {
  it("windowLengthUpperBound is the longest calendar span", () => {
    expect(windowLengthUpperBound(6)).toBe(184);
    expect(windowLengthUpperBound(12)).toBe(366);
    expect(windowLengthUpperBound(1)).toBe(31);
  });
  it("31 August start gives a before window from 28 February", () => {
    const d = datasetFromRecords({
      children: [child("a", "intervention", "2019-08-31", "2019-08-31")],
      episodes: [ep("a", "CIN", "2019-01-01", null)],
      referrals: [],
    });
    const w = computeChildWindows(d, parseIsoDay("2030-01-01")!, 6);
    // [2019-02-28, 2019-08-31) = 184 days.
    expect(w.days[0]![0]).toBe(184);
  });
});
