import { describe, expect, it } from "vitest";
import { dayOf, formatIsoDay } from "../dates.js";
import { isDomainError } from "../errors.js";
import { computeMeasure, findMeasure, MEASURE_CATALOGUE } from "./catalogue.js";
import {
  assessmentsCompletedPerWeek,
  averageDaysAllocationToCompletion,
  claEscalations,
  claEscalationsWithDaReferral,
  cpCasesWithKnownPerpetrator,
  daCoordinatorConsultations,
  familiesReferredToHub,
  findClaEscalations,
  hubCasesClosed,
  maracReferralCount,
  meanOfValues,
  professionalsTrained,
  programmeCompletions,
  reReferralFlags,
  reReferrals,
} from "./measures.js";
import { financialQuarterPeriod, monthPeriod, periodsBetween, weekCommencingRange } from "./periods.js";
import {
  isDomesticAbuseReferral,
  ZMonitoringAssessment,
  ZMonitoringEpisode,
  ZMonitoringReferral,
  type TMonitoringAssessment,
  type TMonitoringEnrolment,
  type TMonitoringEpisode,
  type TMonitoringHubCase,
  type TMonitoringReferral,
  type TMonitoringTrainingAttendance,
} from "./records.js";

/** The report's Table 5 and stated targets, typed in from the report (also in shared/fixtures/report-tables.json). */
const fixtures = {
  assessmentsPerWeek_table5: {
    periods: { before: ["2015-10-05", "2017-03-20"], during: ["2017-03-27", "2019-03-25"], after: ["2019-04-01", "2019-09-23"] },
    earlyHelpLevel1: { before: 26.2, during: 14.2, after: 20.3 },
    cinLevel2: { before: 48.5, during: 32.6, after: 41.7 },
    targets: { earlyHelpLevel1: 43, cinLevel2: 28 },
  },
  targets: { assessmentDaysFromAllocation: { bid: 25, logicModel: 10 }, cpCasesWithKnownDaPerpetrator: { change: -0.2 } },
} as const;

const ep = (id: string, childId: string, status: "CIN" | "CP" | "CLA", start: string, end: string | null, perpetratorKnown?: boolean): TMonitoringEpisode =>
  perpetratorKnown === undefined ? { id, childId, status, start, end } : { id, childId, status, start, end, perpetratorKnown };
const ref = (id: string, childId: string, date: string, reasons: string[] = [], domesticAbuse?: boolean): TMonitoringReferral =>
  domesticAbuse === undefined ? { id, childId, date, reasons } : { id, childId, date, reasons, domesticAbuse };

const MAR = monthPeriod(2017, 3);
const APR = monthPeriod(2017, 4);
const MAY = monthPeriod(2017, 5);
const JUN = monthPeriod(2017, 6);

describe("Figure 1: CP cases with a known perpetrator of domestic abuse", () => {
  const episodes = [
    ep("e1", "A", "CP", "2017-04-01", null, true), // starts on the first day of April
    ep("e2", "B", "CP", "2017-04-30", "2017-05-15", true), // starts on the last day of April
    ep("e3", "C", "CP", "2017-03-01", "2017-04-30", true), // ends on the last day of April
    ep("e4", "D", "CP", "2017-04-01", null, false), // perpetrator not known
    ep("e5", "E", "CIN", "2017-04-01", null, true), // not a CP episode
    ep("e6", "A", "CP", "2017-04-10", null, true), // a second plan for A: still one child
    ep("e7", "F", "CP", "2017-05-01", null, true), // starts on the first day of May
    ep("e8", "G", "CP", "2017-04-05", null), // flag missing = not known
  ];

  it("counts children on a flagged plan on the last day of each month (default)", () => {
    const r = cpCasesWithKnownPerpetrator(episodes, [MAR, APR, MAY]);
    expect(r.map((v) => v.value)).toEqual([1, 2, 2]);
    expect(r.map((v) => v.recordIds)).toEqual([["e3"], ["e1", "e2"], ["e1", "e7"]]);
  });

  it("can count plans open at any time in the month instead", () => {
    const r = cpCasesWithKnownPerpetrator(episodes, [MAR, APR, MAY], { rule: "open_during" });
    expect(r.map((v) => v.value)).toEqual([1, 3, 3]);
    expect(r.map((v) => v.recordIds)).toEqual([["e3"], ["e3", "e1", "e2"], ["e1", "e2", "e7"]]);
  });
});

describe("Figures 2 and 3: children escalated to CLA", () => {
  const Q4 = financialQuarterPeriod(2016, 4); // Jan–Mar 2017
  const Q1 = financialQuarterPeriod(2017, 1); // Apr–Jun 2017
  const episodes = [
    // A: CIN closes the day CLA starts, on 31 March (last day of 2016-17 Q4).
    ep("cin-A", "A", "CIN", "2016-10-01", "2017-03-31"),
    ep("cla-A", "A", "CLA", "2017-03-31", null),
    // B: CP until CLA starts on 1 April (first day of 2017-18 Q1).
    ep("cp-B", "B", "CP", "2017-01-01", "2017-04-01"),
    ep("cla-B", "B", "CLA", "2017-04-01", null),
    // C: CIN closed two days before care: not an escalation with the default one-day look-back.
    ep("cin-C", "C", "CIN", "2017-01-01", "2017-03-30"),
    ep("cla-C", "C", "CLA", "2017-04-01", null),
    // D: escalated in February; a new CLA episode in April is a placement change, not an escalation.
    ep("cin-D", "D", "CIN", "2016-12-01", "2017-02-01"),
    ep("cla-D1", "D", "CLA", "2017-02-01", "2017-04-15"),
    ep("cla-D2", "D", "CLA", "2017-04-15", null),
    // E: looked after with no CIN or CP before.
    ep("cla-E", "E", "CLA", "2017-05-01", null),
    // F: both CIN and CP open the day before: from CP.
    ep("cin-F", "F", "CIN", "2017-04-01", null),
    ep("cp-F", "F", "CP", "2017-04-20", "2017-06-01"),
    ep("cla-F", "F", "CLA", "2017-06-01", null),
    // G: escalated twice in one quarter: one child.
    ep("cp-G1", "G", "CP", "2017-02-01", "2017-05-10"),
    ep("cla-G1", "G", "CLA", "2017-05-10", "2017-05-20"),
    ep("cp-G2", "G", "CP", "2017-05-20", "2017-06-20"),
    ep("cla-G2", "G", "CLA", "2017-06-20", null),
  ];

  it("finds each escalation and where it came from", () => {
    expect(findClaEscalations(episodes).map((x) => [x.episodeId, x.from, formatIsoDay(x.start)])).toEqual([
      ["cla-D1", "CIN", "2017-02-01"],
      ["cla-A", "CIN", "2017-03-31"],
      ["cla-B", "CP", "2017-04-01"],
      ["cla-G1", "CP", "2017-05-10"],
      ["cla-F", "CP", "2017-06-01"],
      ["cla-G2", "CP", "2017-06-20"],
    ]);
  });

  it("counts children per financial quarter, 31 March in Q4 and 1 April in Q1", () => {
    const r = claEscalations(episodes, [Q4, Q1]);
    expect(r.map((v) => v.value)).toEqual([2, 3]);
    expect(r.map((v) => v.recordIds)).toEqual([["cla-D1", "cla-A"], ["cla-B", "cla-G1", "cla-F"]]);
  });

  it("widens the look-back when asked", () => {
    expect(claEscalations(episodes, [Q4, Q1], { lookbackDays: 3 }).map((v) => v.value)).toEqual([2, 4]);
    expect(() => claEscalations(episodes, [Q1], { lookbackDays: 0 })).toThrow(/lookbackDays/);
  });

  it("counts only children whose latest referral before care was for domestic abuse", () => {
    const referrals = [
      ref("r-A", "A", "2016-09-20", ["N1"], true), // flagged
      ref("r-B1", "B", "2016-12-15", ["3B"]), // DA by code, but ...
      ref("r-B2", "B", "2017-03-01", ["N1"]), // ... a later non-DA referral is the latest
      ref("r-B3", "B", "2017-04-02", ["3A"]), // after care started: ignored
      ref("r-D", "D", "2016-11-30", [" 3a "]), // lower case, padded
      ref("r-F", "F", "2017-06-01", [], true), // on the day care started: counts
      // G has no referral at all.
    ];
    const r = claEscalationsWithDaReferral(episodes, referrals, [Q4, Q1]);
    expect(r.map((v) => v.value)).toEqual([2, 1]);
    expect(r.map((v) => v.recordIds)).toEqual([["cla-D1", "cla-A"], ["cla-F"]]);
  });

  it("recognises domestic abuse referrals by flag or by code 3A–3C", () => {
    expect(isDomesticAbuseReferral({ reasons: ["3C"] })).toBe(true);
    expect(isDomesticAbuseReferral({ reasons: ["N1"], domesticAbuse: false })).toBe(false);
    expect(isDomesticAbuseReferral({ reasons: [], domesticAbuse: true })).toBe(true);
    expect(isDomesticAbuseReferral({ reasons: ["3D", "2A"] })).toBe(false);
  });
});

describe("Figure 4: days from allocation to completed assessment", () => {
  const a = (id: string, level: "EARLY_HELP" | "CIN", allocatedOn: string, completedOn: string | null): TMonitoringAssessment => ({
    id,
    childId: `child-${id}`,
    level,
    allocatedOn,
    completedOn,
  });
  const assessments = [
    a("a1", "EARLY_HELP", "2017-03-01", "2017-04-01"), // 31 days, completed on the first day of April
    a("a2", "CIN", "2017-04-10", "2017-04-30"), // 20 days, completed on the last day of April
    a("a3", "CIN", "2017-04-30", "2017-04-30"), // same day: 0
    a("a4", "CIN", "2017-04-15", "2017-05-01"), // 16 days, May
    a("a5", "EARLY_HELP", "2017-04-01", null), // still open
    a("a6", "EARLY_HELP", "2017-03-31", "2017-03-31"), // March
  ];

  it("averages over the assessments completed in each month", () => {
    const r = averageDaysAllocationToCompletion(assessments, [APR, MAY, JUN]);
    expect(r[0]).toMatchObject({ value: 17, numerator: 51, denominator: 3, recordIds: ["a1", "a2", "a3"] });
    expect(r[1]).toMatchObject({ value: 16, numerator: 16, denominator: 1, recordIds: ["a4"] });
    expect(r[2]).toMatchObject({ value: null, numerator: 0, denominator: 0, recordIds: [] });
  });

  it("can be limited to one level", () => {
    const r = averageDaysAllocationToCompletion(assessments, [APR], { level: "CIN" });
    expect(r[0]).toMatchObject({ value: 10, numerator: 20, denominator: 2 });
  });

  it("refuses an assessment completed before allocation", () => {
    let caught: unknown;
    try {
      averageDaysAllocationToCompletion([a("bad", "CIN", "2017-04-10", "2017-04-09")], [APR]);
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught) && caught.code === "INVALID_INPUT" && caught.issues[0]?.path).toEqual(["assessments", 0, "completedOn"]);
  });
});

describe("Table 5: assessments completed per week", () => {
  const table5 = fixtures.assessmentsPerWeek_table5;
  const before = weekCommencingRange(table5.periods.before[0], table5.periods.before[1]);

  /** Hand-made weekly counts for the 77 weeks w/c 5 Oct 2015 – w/c 20 Mar 2017. */
  const earlyHelpWeeks = [...Array<number>(62).fill(26), ...Array<number>(15).fill(27)]; // 1,612 + 405 = 2,017
  const cinWeeks = [...Array<number>(38).fill(48), ...Array<number>(39).fill(49)]; // 1,824 + 1,911 = 3,735

  function build(level: "EARLY_HELP" | "CIN", weeks: number[]): TMonitoringAssessment[] {
    const firstMonday = dayOf(before.start);
    return weeks.flatMap((count, w) =>
      Array.from({ length: count }, (_, k) => {
        const completed = firstMonday + w * 7 + (k % 7); // Monday … Sunday of week w
        return { id: `${level}-${w}-${k}`, childId: `c-${level}-${w}-${k}`, level, allocatedOn: formatIsoDay(completed - 12), completedOn: formatIsoDay(completed) };
      }),
    );
  }
  const outside: TMonitoringAssessment[] = [
    { id: "early-sunday", childId: "x1", level: "EARLY_HELP", allocatedOn: "2015-09-01", completedOn: "2015-10-04" },
    { id: "late-monday", childId: "x2", level: "EARLY_HELP", allocatedOn: "2017-03-01", completedOn: "2017-03-27" },
    { id: "late-cin", childId: "x3", level: "CIN", allocatedOn: "2017-03-01", completedOn: "2017-03-27" },
  ];
  const assessments = [...build("EARLY_HELP", earlyHelpWeeks), ...build("CIN", cinWeeks), ...outside];

  it("reproduces the report's 'before the Hub' averages from weekly counts", () => {
    expect(earlyHelpWeeks.reduce((x, y) => x + y, 0)).toBe(2017);
    expect(cinWeeks.reduce((x, y) => x + y, 0)).toBe(3735);
    const [eh] = assessmentsCompletedPerWeek(assessments, [before], { level: "EARLY_HELP" });
    const [cin] = assessmentsCompletedPerWeek(assessments, [before], { level: "CIN" });
    expect(eh).toMatchObject({ numerator: 2017, denominator: 77 });
    expect(cin).toMatchObject({ numerator: 3735, denominator: 77 });
    expect(Math.round(eh!.value! * 10) / 10).toBe(table5.earlyHelpLevel1.before); // 26.2
    expect(Math.round(cin!.value! * 10) / 10).toBe(table5.cinLevel2.before); // 48.5
  });

  it("gives the hand-made count for every ISO week and their mean over the range", () => {
    const weeks = periodsBetween("iso_week", before.start, before.end);
    expect(weeks).toHaveLength(77);
    const weekly = assessmentsCompletedPerWeek(assessments, weeks, { level: "EARLY_HELP" });
    expect(weekly.map((v) => v.value)).toEqual(earlyHelpWeeks);
    expect(meanOfValues(weekly)).toBeCloseTo(2017 / 77, 12);
  });

  it("divides by the period's length in weeks for any period", () => {
    const r = assessmentsCompletedPerWeek(
      [
        { id: "m1", childId: "c", level: "CIN", allocatedOn: "2017-03-01", completedOn: "2017-03-01" },
        { id: "m2", childId: "c", level: "CIN", allocatedOn: "2017-03-01", completedOn: "2017-03-31" },
        { id: "m3", childId: "c", level: "EARLY_HELP", allocatedOn: "2017-03-01", completedOn: "2017-03-15" },
      ],
      [MAR],
      { level: "CIN" },
    );
    expect(r[0]).toMatchObject({ numerator: 2, denominator: 31 / 7, recordIds: ["m1", "m2"] });
    expect(r[0]!.value).toBeCloseTo(14 / 31, 12);
  });

  it("carries the report's targets in the catalogue", () => {
    expect(findMeasure("early_help_assessments_per_week")!.reportTargets[0]!.value).toBe(table5.targets.earlyHelpLevel1);
    expect(findMeasure("cin_assessments_per_week")!.reportTargets[0]!.value).toBe(table5.targets.cinLevel2);
    expect(findMeasure("assessment_days_allocation_to_completion")!.reportTargets.map((t) => t.value)).toEqual([
      fixtures.targets.assessmentDaysFromAllocation.bid,
      fixtures.targets.assessmentDaysFromAllocation.logicModel,
    ]);
    expect(findMeasure("cp_cases_known_da_perpetrator")!.reportTargets[0]!.change).toBe(fixtures.targets.cpCasesWithKnownDaPerpetrator.change);
  });
});

describe("Figure 5: re-referrals within 12 months", () => {
  const referrals = [
    ref("rA1", "A", "2016-04-01"),
    ref("rA2", "A", "2017-04-01"), // exactly 12 months later: a re-referral
    ref("rA3", "A", "2018-04-02"), // 12 months and a day after rA2: not
    ref("rB1", "B", "2016-02-29"),
    ref("rB2", "B", "2017-02-28"), // anniversary of 29 Feb is 28 Feb: a re-referral
    ref("rC1", "C", "2016-02-29"),
    ref("rC2", "C", "2017-03-01"), // a day past the anniversary: not
    ref("rD1", "D", "2017-05-01"),
    ref("rD2", "D", "2017-05-01"), // same day: neither is a re-referral of the other
    ref("rD3", "D", "2017-06-01"), // a re-referral
    ref("rE1", "E", "2017-01-10"),
    ref("rE2", "E", "2017-03-31"), // re-referral in 2016-17 Q4
    ref("rE3", "E", "2017-04-01"), // re-referral in 2017-18 Q1
  ];

  it("flags each referral", () => {
    const flags = reReferralFlags(referrals);
    expect(Object.fromEntries(flags)).toEqual({
      rA1: false,
      rA2: true,
      rA3: false,
      rB1: false,
      rB2: true,
      rC1: false,
      rC2: false,
      rD1: false,
      rD2: false,
      rD3: true,
      rE1: false,
      rE2: true,
      rE3: true,
    });
  });

  it("counts re-referrals per financial quarter with all referrals as the denominator", () => {
    const r = reReferrals(referrals, [financialQuarterPeriod(2016, 4), financialQuarterPeriod(2017, 1), financialQuarterPeriod(2018, 1)]);
    expect(r.map((v) => [v.value, v.numerator, v.denominator])).toEqual([
      [2, 2, 4],
      [3, 3, 5],
      [0, 0, 1],
    ]);
    expect(r.map((v) => v.recordIds)).toEqual([["rB2", "rE2"], ["rA2", "rE3", "rD3"], []]);
    expect(meanOfValues(r)).toBeCloseTo(5 / 3, 12);
  });
});

describe("output counts from the logic models", () => {
  const en = (id: string, personId: string, programme: TMonitoringEnrolment["programme"], role: TMonitoringEnrolment["role"], completedOn: string | null): TMonitoringEnrolment => ({
    id,
    personId,
    programme,
    role,
    referredOn: "2017-01-01",
    completedOn,
  });
  const enrolments = [
    en("en1", "p1", "INSPIRING_FAMILIES", "victim", "2017-04-30"),
    en("en2", "p2", "INSPIRING_FAMILIES", "perpetrator", "2017-05-01"),
    en("en3", "p1", "INSPIRING_FAMILIES", "victim", "2017-05-20"),
    en("en4", "p3", "INSPIRING_FAMILIES", "victim", null),
    en("en5", "p4", "ONE_TO_ONE_MEN", "perpetrator", "2017-05-05"),
    en("en6", "p2", "INSPIRING_FAMILIES", "perpetrator", "2017-05-25"),
  ];

  it("counts distinct people completing a programme, optionally by role", () => {
    const all = programmeCompletions(enrolments, [APR, MAY], { programme: "INSPIRING_FAMILIES" });
    expect(all.map((v) => v.recordIds)).toEqual([["en1"], ["en2", "en3"]]);
    expect(programmeCompletions(enrolments, [MAY], { programme: "INSPIRING_FAMILIES", role: "victim" })[0]!.recordIds).toEqual(["en3"]);
    expect(programmeCompletions(enrolments, [MAY], { programme: "INSPIRING_FAMILIES", role: "perpetrator" })[0]!.value).toBe(1);
    expect(computeMeasure("one_to_one_completions", { enrolments }, [APR, MAY]).map((v) => v.value)).toEqual([0, 1]);
  });

  it("counts consultations and MARAC referrals one by one", () => {
    const consultations = [
      { id: "c1", date: "2017-04-01" },
      { id: "c2", date: "2017-04-01", familyId: "f1" },
      { id: "c3", date: "2017-05-01" },
    ];
    expect(daCoordinatorConsultations(consultations, [APR, MAY]).map((v) => v.value)).toEqual([2, 1]);
    expect(maracReferralCount([{ id: "m1", date: "2017-04-30" }, { id: "m2", date: "2017-05-01" }], [APR]).map((v) => v.recordIds)).toEqual([["m1"]]);
  });

  it("counts families referred to the hub and cases closed by reason", () => {
    const cases: TMonitoringHubCase[] = [
      { id: "h1", familyId: "f1", referredOn: "2017-04-03", closedOn: "2017-04-10", closureReason: "NO_FURTHER_ACTION" },
      { id: "h2", familyId: "f1", referredOn: "2017-04-20", closedOn: "2017-05-01", closureReason: "SIGNPOSTING_ONLY" },
      { id: "h3", familyId: "f2", referredOn: "2017-04-30", closedOn: null, closureReason: null },
      { id: "h4", familyId: "f3", referredOn: "2017-03-01", closedOn: "2017-04-30", closureReason: "NO_FURTHER_ACTION" },
    ];
    expect(familiesReferredToHub(cases, [MAR, APR]).map((v) => v.recordIds)).toEqual([["h4"], ["h1", "h3"]]);
    expect(hubCasesClosed(cases, [APR, MAY], { reasons: ["NO_FURTHER_ACTION"] }).map((v) => v.recordIds)).toEqual([["h1", "h4"], []]);
    expect(computeMeasure("hub_cases_closed_signposting", { hubCases: cases }, [APR, MAY]).map((v) => v.value)).toEqual([0, 1]);
  });

  it("counts distinct professionals who attended training", () => {
    const attendances: TMonitoringTrainingAttendance[] = [
      { id: "t1", staffId: "s1", courseId: "HWAM", date: "2017-04-05", attended: true },
      { id: "t2", staffId: "s1", courseId: "VADA", date: "2017-04-06", attended: true },
      { id: "t3", staffId: "s2", courseId: "HWAM", date: "2017-04-07", attended: false },
      { id: "t4", staffId: "s3", courseId: "HWAM", date: "2017-04-30", attended: true },
    ];
    expect(professionalsTrained(attendances, [APR])[0]!.recordIds).toEqual(["t1", "t4"]);
    expect(professionalsTrained(attendances, [APR], { courseIds: ["VADA"] })[0]!.recordIds).toEqual(["t2"]);
    expect(computeMeasure("professionals_trained", { trainingAttendances: attendances }, [APR], { courseIds: "HWAM" })[0]!.recordIds).toEqual(["t1", "t4"]);
  });
});

describe("the measure catalogue", () => {
  it("has unique ids, a definition, a unit and a compute for each measure", () => {
    const ids = MEASURE_CATALOGUE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MEASURE_CATALOGUE) {
      expect(m.definition.length).toBeGreaterThan(60);
      expect(m.definition).toMatch(/period/);
      expect(m.unit).not.toBe("");
      // Every measure runs on empty data and returns one value per period.
      const params: Record<string, string> = m.params.some((p) => p.required) ? { programme: "INSPIRING_FAMILIES" } : {};
      expect(computeMeasure(m.id, {}, [APR, MAY], params)).toHaveLength(2);
    }
  });

  it("refuses unknown measures and bad parameters", () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return isDomainError(error) ? error.code : "other";
      }
      return "none";
    };
    expect(codeOf(() => computeMeasure("nope", {}, [APR]))).toBe("NOT_FOUND");
    expect(codeOf(() => computeMeasure("programme_completions", {}, [APR]))).toBe("INVALID_INPUT");
    expect(codeOf(() => computeMeasure("programme_completions", {}, [APR], { programme: "INSPIRING_FAMILIES", role: "judge" }))).toBe("INVALID_INPUT");
    expect(codeOf(() => computeMeasure("re_referrals", {}, [APR], { colour: "red" }))).toBe("INVALID_INPUT");
  });
});

describe("record schemas", () => {
  it("accept good records and refuse impossible ones without throwing", () => {
    expect(ZMonitoringEpisode.safeParse({ id: "e", childId: "c", status: "CP", start: "2017-01-01", end: null, perpetratorKnown: true }).success).toBe(true);
    expect(ZMonitoringEpisode.safeParse({ id: "e", childId: "c", status: "CP", start: "2017-01-02", end: "2017-01-01" }).success).toBe(false);
    expect(ZMonitoringEpisode.safeParse({ id: "e", childId: "c", status: "CP", start: "2017-02-30", end: "2017-03-01" }).success).toBe(false);
    expect(ZMonitoringAssessment.safeParse({ id: "a", childId: "c", level: "CIN", allocatedOn: "2017-01-02", completedOn: "2017-01-01" }).success).toBe(false);
    expect(ZMonitoringAssessment.safeParse({ id: "a", childId: "c", level: "LEVEL_3", allocatedOn: "2017-01-02", completedOn: null }).success).toBe(false);
    expect(ZMonitoringReferral.safeParse({ id: "r", childId: "c", date: "2017-01-01", reasons: ["3A"], extra: 1 }).success).toBe(false);
  });
});
