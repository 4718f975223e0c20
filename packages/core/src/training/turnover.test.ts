import { describe, expect, it } from "vitest";
import { COURSE_IDS, TRAINING_COURSES } from "./catalogue.js";
import type { TTrainingStaff } from "./schemas.js";
import { financialQuarter, financialQuarterOf, financialQuartersBetween, turnoverLoss } from "./turnover.js";

const families = TRAINING_COURSES.find((c) => c.id === COURSE_IDS.familiesAffected)!; // 24 months
const ttt = TRAINING_COURSES.find((c) => c.id === COURSE_IDS.ifpTrainTheTrainer)!; // 36 months

describe("financial quarters", () => {
  it("runs April to March, Q1 = April–June", () => {
    expect(financialQuarter({ startYear: 2018, quarter: 1 })).toEqual({ startYear: 2018, quarter: 1, label: "2018-19 Q1", start: "2018-04-01", end: "2018-06-30" });
    expect(financialQuarter({ startYear: 2018, quarter: 3 })).toMatchObject({ start: "2018-10-01", end: "2018-12-31" });
    expect(financialQuarter({ startYear: 2018, quarter: 4 })).toMatchObject({ label: "2018-19 Q4", start: "2019-01-01", end: "2019-03-31" });
    expect(financialQuarter({ startYear: 1999, quarter: 4 })).toMatchObject({ label: "1999-00 Q4", start: "2000-01-01", end: "2000-03-31" });
  });
  it("finds the quarter of a day at the year's turn", () => {
    expect(financialQuarterOf("2019-03-31").label).toBe("2018-19 Q4");
    expect(financialQuarterOf("2019-04-01").label).toBe("2019-20 Q1");
    expect(financialQuarterOf("2019-12-31").label).toBe("2019-20 Q3");
  });
  it("lists the quarters in a range", () => {
    expect(financialQuartersBetween("2018-05-01", "2019-01-01").map((q) => q.label)).toEqual(["2018-19 Q1", "2018-19 Q2", "2018-19 Q3", "2018-19 Q4"]);
    expect(financialQuartersBetween("2018-06-30", "2018-06-30").map((q) => q.label)).toEqual(["2018-19 Q1"]);
    expect(() => financialQuartersBetween("2019-01-01", "2018-01-01")).toThrow();
  });
});

const person = (id: string, joinedOn: string, leftOn: string | null, role: TTrainingStaff["role"] = "practitioner"): TTrainingStaff => ({
  id,
  name: id,
  role,
  teamId: "T",
  managerId: null,
  joinedOn,
  leftOn,
  languages: ["English"],
});

describe("turnoverLoss", () => {
  const staff = [
    person("P1", "2017-01-01", "2018-06-30"), // trained, leaves on the last day of Q1
    person("P2", "2017-01-01", "2018-05-15"), // training expired on 2018-04-01
    person("P3", "2017-01-01", "2018-07-01"), // trained, leaves on the first day of Q2
    person("P4", "2017-01-01", "2018-04-01"), // untrained, leaves on the first day of Q1
    person("P5", "2017-01-01", null),
    person("P6", "2017-01-01", null),
    person("P7", "2018-05-01", null), // joins during Q1
  ];
  const completions = [
    { staffId: "P1", courseId: families.id, completedOn: "2017-05-01" },
    { staffId: "P1", courseId: ttt.id, completedOn: "2017-06-01" },
    { staffId: "P2", courseId: families.id, completedOn: "2016-04-01" },
    { staffId: "P3", courseId: families.id, completedOn: "2017-09-01" },
    { staffId: "P5", courseId: families.id, completedOn: "2018-01-01" },
    { staffId: "P7", courseId: families.id, completedOn: "2018-05-10" },
  ];
  const [q1, q2, q3] = turnoverLoss({
    staff,
    completions,
    courses: [families, ttt],
    quarters: [
      { startYear: 2018, quarter: 1 },
      { startYear: 2018, quarter: 2 },
      { startYear: 2018, quarter: 3 },
    ],
  });

  it("puts a leaver on the last day of a quarter in that quarter", () => {
    expect(q1!.quarter.label).toBe("2018-19 Q1");
    expect(q1!.leavers).toBe(3); // P1, P2, P4
    expect(q1!.trainedLeavers).toBe(1);
    expect(q1!.courses[0]).toEqual({
      courseId: families.id,
      trainedLeavers: 1,
      trainedLeaverIds: ["P1"],
      headcountAtStart: 6, // P1–P6 (P4 leaves on 1 April, so still counts that day)
      coverageAtStart: 0.5, // P1, P3, P5 (P2 expired on 1 April)
      coverageAtEnd: 0.8, // 30 June: P1, P3, P5, P7 of P1, P3, P5, P6, P7
      shareLost: 1 / 6,
      pointsLost: 100 / 6,
    });
    expect(q1!.courses[1]).toMatchObject({ courseId: ttt.id, trainedLeaverIds: ["P1"], headcountAtStart: 6 });
  });

  it("puts a leaver on the first day of the next quarter in the next quarter", () => {
    expect(q2!.leavers).toBe(1);
    expect(q2!.courses[0]).toMatchObject({ trainedLeaverIds: ["P3"], headcountAtStart: 4, shareLost: 0.25, pointsLost: 25 });
    expect(q2!.courses[1]).toMatchObject({ trainedLeavers: 0, shareLost: 0, coverageAtStart: 0 });
  });

  it("reports a quarter with no leavers as no loss", () => {
    expect(q3).toMatchObject({ leavers: 0, trainedLeavers: 0 });
    expect(q3!.courses[0]).toMatchObject({ trainedLeavers: 0, headcountAtStart: 3, pointsLost: 0 });
  });

  it("counts only the roles a course is mandatory for when asked", () => {
    const [r] = turnoverLoss({ staff: [...staff, person("X", "2017-01-01", "2018-06-01", "analyst")], completions: [...completions, { staffId: "X", courseId: families.id, completedOn: "2018-01-01" }], courses: [families], quarters: [{ startYear: 2018, quarter: 1 }], population: "mandatory_roles" });
    expect(r!.leavers).toBe(4);
    expect(r!.courses[0]).toMatchObject({ trainedLeaverIds: ["P1"], headcountAtStart: 6 });
  });
});
