import { describe, expect, it } from "vitest";
import { COURSE_IDS, TRAINING_COURSES } from "./catalogue.js";
import { canFacilitate, facilitatorPipeline } from "./facilitators.js";
import type { TCourse, TTrainingStaff } from "./schemas.js";

const TTT = COURSE_IDS.ifpTrainTheTrainer; // valid 36 months, grants both tracks
const person = (id: string, languages: string[], leftOn: string | null = null, joinedOn = "2015-01-01"): TTrainingStaff => ({
  id,
  name: `Facilitator ${id}`,
  role: "dv_worker",
  teamId: "DA",
  managerId: null,
  joinedOn,
  leftOn,
  languages,
});
const asOf = "2019-01-15";
const staff = [
  person("F1", ["English", "Urdu"]),
  person("F2", ["English"]),
  person("F3", ["English", "Polish"], "2019-02-28"), // leaving within the 60-day horizon
  person("F4", ["English"]),
  person("F5", ["Arabic"]),
  person("F6", ["English"], "2018-12-31"), // already left
];
const completions = [
  { staffId: "F1", courseId: TTT, completedOn: "2017-02-01" }, // until 2020-02-01
  { staffId: "F2", courseId: TTT, completedOn: "2016-01-20" }, // expires 2019-01-20
  { staffId: "F3", courseId: TTT, completedOn: "2018-06-01" },
  { staffId: "F4", courseId: TTT, completedOn: "2015-06-01" }, // expired 2018-06-01
  { staffId: "F5", courseId: COURSE_IDS.familiesAffected, completedOn: "2018-06-01" },
  { staffId: "F6", courseId: TTT, completedOn: "2018-09-01" },
];

describe("facilitatorPipeline", () => {
  const report = facilitatorPipeline({ staff, completions, asOf });
  const row = (track: string, language: string) => report.rows.find((r) => r.track === track && r.language === language)!;

  it("has one row per track and language by default, each needing 2 facilitators", () => {
    expect(report.rows).toHaveLength(8);
    expect(report.rows.every((r) => r.required === 2)).toBe(true);
  });

  it("counts current, qualified facilitators who work in the language", () => {
    expect(row("victims", "English")).toMatchObject({ qualified: 3, projected: 1, horizonDate: "2019-03-16", status: "at_risk" });
    expect(row("victims", "English").facilitators.map((f) => [f.staffId, f.validUntil])).toEqual([
      ["F1", "2020-02-01"],
      ["F2", "2019-01-20"],
      ["F3", "2021-06-01"],
    ]);
    expect(row("perpetrators", "Urdu")).toMatchObject({ qualified: 1, status: "below" });
    expect(row("victims", "Polish")).toMatchObject({ qualified: 1, projected: 0, status: "below" });
    expect(row("victims", "Arabic")).toMatchObject({ qualified: 0, status: "below" });
  });

  it("warns for every track and language below or about to fall below", () => {
    expect(report.warnings).toHaveLength(8);
    expect(row("victims", "English").warning).toBe("The victims track in English will fall to 1 qualified facilitator by 2019-03-16 (leavers and expiring training); 2 needed.");
    expect(row("victims", "Arabic").warning).toBe("Only 0 qualified facilitators for the victims track in Arabic; 2 needed to run a group.");
  });

  it("takes the needs as input: groups × facilitators per group", () => {
    const r = facilitatorPipeline({ staff, completions, asOf, needs: [{ track: "perpetrators", language: "English", groups: 2 }, { track: "victims", language: "English", facilitatorsPerGroup: 1 }], horizonDays: 3 });
    expect(r.rows.map((x) => [x.required, x.qualified, x.projected, x.status])).toEqual([
      [4, 3, 3, "below"],
      [1, 3, 3, "ok"],
    ]);
    expect(r.warnings).toEqual(["Only 3 qualified facilitators for the perpetrators track in English; 4 needed to run 2 groups."]);
  });

  it("is ok when enough facilitators stay qualified", () => {
    const r = facilitatorPipeline({ staff, completions, asOf: "2018-12-01", needs: [{ track: "victims", language: "English" }], horizonDays: 30 });
    // on 2018-12-01: F1, F2, F3, F6 (leaves 31 Dec); on 2018-12-31: the same four
    expect(r.rows[0]).toMatchObject({ qualified: 4, projected: 4, status: "ok", warning: null });
  });

  it("respects track-specific qualifications", () => {
    const victimsOnly: TCourse = { ...TRAINING_COURSES.find((c) => c.id === TTT)!, id: "victims-only", grantsQualification: "facilitator:inspiring_families:victims" };
    const r = facilitatorPipeline({
      staff,
      completions: [{ staffId: "F5", courseId: "victims-only", completedOn: "2018-01-01" }],
      asOf,
      courses: [victimsOnly],
      needs: [{ track: "victims", language: "Arabic" }, { track: "perpetrators", language: "Arabic" }],
    });
    expect(r.rows.map((x) => x.qualified)).toEqual([1, 0]);
  });
});

describe("canFacilitate", () => {
  const by = (id: string) => staff.find((s) => s.id === id)!;
  const group = { track: "victims" as const, language: "English" };

  it("allows a current, qualified facilitator who works in the language", () => {
    expect(canFacilitate(by("F1"), group, completions, asOf)).toEqual({ allowed: true, courseId: TTT, validUntil: "2020-02-01", warnings: [] });
    expect(canFacilitate(by("F1"), { track: "perpetrators", language: "urdu" }, completions, asOf).allowed).toBe(true);
  });

  it("warns when the qualification expires or the person leaves before the group ends", () => {
    const r = canFacilitate(by("F1"), { ...group, endDate: "2020-03-01" }, completions, asOf);
    expect(r.allowed && r.warnings).toEqual(["Facilitator F1's facilitator training expires on 2020-02-01, before the group ends on 2020-03-01."]);
    const r3 = canFacilitate(by("F3"), { ...group, endDate: "2019-03-25" }, completions, asOf);
    expect(r3.allowed && r3.warnings).toEqual(["Facilitator F3 leaves on 2019-02-28, before the group ends on 2019-03-25."]);
  });

  it("refuses with a reason", () => {
    expect(canFacilitate(by("F4"), group, completions, asOf)).toMatchObject({ allowed: false, reason: "qualification_expired" });
    expect(canFacilitate(by("F5"), { ...group, language: "Arabic" }, completions, asOf)).toMatchObject({ allowed: false, reason: "not_qualified" });
    expect(canFacilitate(by("F6"), group, completions, asOf)).toMatchObject({ allowed: false, reason: "not_current_staff" });
    expect(canFacilitate(by("F1"), { ...group, language: "Polish" }, completions, asOf)).toMatchObject({ allowed: false, reason: "language" });
  });

  it("refuses on the day the qualification expires, allows the day before", () => {
    expect(canFacilitate(by("F2"), group, completions, "2019-01-19").allowed).toBe(true);
    expect(canFacilitate(by("F2"), group, completions, "2019-01-20")).toMatchObject({ allowed: false, reason: "qualification_expired" });
  });

  it("does not count a completion of a course that grants no qualification", () => {
    expect(canFacilitate(by("F5"), { track: "victims", language: "Arabic" }, completions, asOf, TRAINING_COURSES)).toMatchObject({ allowed: false, reason: "not_qualified" });
  });
});
