import { describe, expect, it } from "vitest";
import { selectCohorts, type CandidateAssessment, type CandidateChild, type CandidateEnrolment } from "./cohorts.js";

const children: CandidateChild[] = [
  { childId: "a1", familyId: "A" },
  { childId: "a2", familyId: "A" },
  { childId: "b1", familyId: "B" },
  { childId: "c1", familyId: "C" },
  { childId: "c2", familyId: "C" },
  { childId: "d1", familyId: "D" },
  { childId: "e1", familyId: "E" },
];
const enrolments: CandidateEnrolment[] = [
  { familyId: "A", programmeId: "ifp", startDate: "2018-01-08", endDate: "2018-03-12" },
  { familyId: "A", programmeId: "ifp", startDate: "2018-09-03", endDate: "2018-11-05" },
  { familyId: "B", programmeId: "ifp", startDate: "2018-02-01", endDate: null },
  { familyId: "E", programmeId: "ifp", startDate: "2016-01-01", endDate: "2016-03-01" },
];
const assessments: CandidateAssessment[] = [
  { childId: "c1", completedDate: "2018-05-01", factors: ["3B", "4A"] },
  { childId: "c2", completedDate: "2018-04-01", factors: ["3A"] },
  { childId: "d1", completedDate: "2018-06-01", factors: ["1A", "2B", "4A", "5C", "6A"] },
  { childId: "e1", completedDate: "2018-06-01", factors: ["3C"] },
  { childId: "b1", completedDate: "2018-06-01", factors: ["3C"] },
];

describe("selectCohorts", () => {
  const def = { programmeId: "ifp", from: "2017-04-01", to: "2019-03-31", seed: 42 };

  it("takes the first enrolment in the period and one child per family", () => {
    const s = selectCohorts({ ...def, comparison: { kind: "factors_not_enrolled", anyOfFactors: ["3A", "3B", "3C"] } }, children, enrolments, assessments);
    expect(s.intervention).toHaveLength(1);
    expect(s.intervention[0]).toMatchObject({ familyId: "A", startDate: "2018-01-08", endDate: "2018-03-12", cohort: "intervention" });
    expect(s.excluded).toEqual([{ familyId: "B", reason: "still in the programme: no end date yet" }]);
  });

  it("compares with domestic-abuse assessments of families never enrolled", () => {
    const s = selectCohorts({ ...def, comparison: { kind: "factors_not_enrolled", anyOfFactors: ["3A", "3B", "3C"] } }, children, enrolments, assessments);
    // C qualifies (both children); D has no DA factor; E and B were enrolled at some time.
    expect(s.comparison.map((c) => c.familyId)).toEqual(["C"]);
    const chosen = s.comparison[0]!;
    expect(chosen.startDate).toBe(chosen.childId === "c1" ? "2018-05-01" : "2018-04-01");
    expect(chosen.endDate).toBe(chosen.startDate);
  });

  it("compares with children of 5+ factors for the hub rule", () => {
    const s = selectCohorts({ ...def, comparison: { kind: "factor_count_not_enrolled", minFactors: 5 } }, children, enrolments, assessments);
    expect(s.comparison.map((c) => c.childId)).toEqual(["d1"]);
  });

  it("is reproducible from the seed and independent of input order", () => {
    const rule = { kind: "factors_not_enrolled" as const, anyOfFactors: ["3A", "3B", "3C"] };
    const a = selectCohorts({ ...def, comparison: rule }, children, enrolments, assessments);
    const b = selectCohorts({ ...def, comparison: rule }, [...children].reverse(), [...enrolments].reverse(), [...assessments].reverse());
    expect(b).toEqual(a);
    const picks = new Set(Array.from({ length: 20 }, (_, seed) => selectCohorts({ ...def, seed, comparison: rule }, children, enrolments, assessments).intervention[0]!.childId));
    expect(picks).toEqual(new Set(["a1", "a2"]));
  });
});
