import { describe, expect, it } from "vitest";
import { ROLES } from "../access/roles.js";
import { GROUP_LANGUAGES, GROUP_TRACKS } from "../records/schemas.js";
import { planGaps } from "./assignment.js";
import { COURSE_IDS, DEFAULT_ONBOARDING_PLANS, IFP_FACILITATOR_QUALIFICATION, ONBOARDING_MODULES, TABLE_26_RECORDED, TRAINING_COURSES, defaultPlanFor } from "./catalogue.js";
import { FACILITATOR_TRACKS, PROGRAMME_LANGUAGES, ZCourse, ZOnboardingModule, ZOnboardingPlan, ZTrainingStaff } from "./schemas.js";
import { qualificationCovers } from "./status.js";

/** Table 26 titles as published (shared/fixtures/report-tables.json, training_table26). */
const TABLE_26_TITLES = [
  "Inspiring Families Programme",
  "Inspiring Families – Train the Trainer",
  "Adult and Children and Young People DA Recovery Toolkit",
  "Group Managers and CSWs DA Training Day",
  "How to Manage Risk and Work with Abusive Men",
  "Working with Families Affected by DA",
];

describe("built-in catalogue", () => {
  it("has Table 26's six courses with their exact titles, in order, then the VADA course", () => {
    expect(TRAINING_COURSES.map((c) => c.title)).toEqual([...TABLE_26_TITLES, "VADA tool"]);
    expect(new Set(TRAINING_COURSES.map((c) => c.id)).size).toBe(7);
  });

  it("records Table 26's courses delivered and participants per course (report: 13 courses, 144 participants)", () => {
    const byTitle = Object.fromEntries(TRAINING_COURSES.filter((c) => TABLE_26_RECORDED[c.id]).map((c) => [c.title, TABLE_26_RECORDED[c.id]]));
    expect(byTitle).toEqual({
      "Inspiring Families Programme": { courses: 2, participants: 23 },
      "Inspiring Families – Train the Trainer": { courses: 1, participants: 6 },
      "Adult and Children and Young People DA Recovery Toolkit": { courses: 2, participants: 22 },
      "Group Managers and CSWs DA Training Day": { courses: 1, participants: 5 },
      "How to Manage Risk and Work with Abusive Men": { courses: 4, participants: 56 },
      "Working with Families Affected by DA": { courses: 3, participants: 32 },
    });
    const rows = Object.values(TABLE_26_RECORDED);
    expect(rows.reduce((n, r) => n + r.courses, 0)).toBe(13);
    expect(rows.reduce((n, r) => n + r.participants, 0)).toBe(144);
    expect(TABLE_26_RECORDED[COURSE_IDS.vada]).toBeUndefined();
  });

  it("keeps the durations the course descriptions state (Train the Trainer: three days; the managers' training day: one day)", () => {
    const byId = new Map(TRAINING_COURSES.map((c) => [c.id, c]));
    expect(byId.get(COURSE_IDS.ifpTrainTheTrainer)!.durationHours).toBe(18);
    expect(byId.get(COURSE_IDS.managersDaDay)!.durationHours).toBe(6);
  });

  it("parses with its own schemas", () => {
    for (const c of TRAINING_COURSES) expect(ZCourse.parse(c)).toEqual(c);
    for (const m of ONBOARDING_MODULES) expect(ZOnboardingModule.parse(m)).toEqual(m);
    for (const p of DEFAULT_ONBOARDING_PLANS) expect(ZOnboardingPlan.parse(p)).toEqual(p);
  });

  it("refreshes the DA courses every 24 months, and Train the Trainer qualifies a facilitator for both tracks", () => {
    const byId = new Map(TRAINING_COURSES.map((c) => [c.id, c]));
    expect(byId.get(COURSE_IDS.familiesAffected)!.validityMonths).toBe(24);
    expect(byId.get(COURSE_IDS.abusiveMen)!.validityMonths).toBe(24);
    const ttt = byId.get(COURSE_IDS.ifpTrainTheTrainer)!;
    expect(ttt.grantsQualification).toBe(IFP_FACILITATOR_QUALIFICATION);
    expect(qualificationCovers(ttt.grantsQualification!, "facilitator:inspiring_families:victims")).toBe(true);
    expect(qualificationCovers(ttt.grantsQualification!, "facilitator:inspiring_families:perpetrators")).toBe(true);
    expect(TRAINING_COURSES.filter((c) => c.grantsQualification !== null)).toHaveLength(1);
  });

  it("has prerequisites that exist and no cycles", () => {
    const ids = new Set(TRAINING_COURSES.map((c) => c.id));
    const byId = new Map(TRAINING_COURSES.map((c) => [c.id, c]));
    const visit = (id: string, path: string[]): void => {
      expect(path).not.toContain(id);
      for (const p of byId.get(id)!.prerequisites) visit(p, [...path, id]);
    };
    for (const c of TRAINING_COURSES) {
      for (const p of c.prerequisites) expect(ids.has(p)).toBe(true);
      visit(c.id, []);
    }
  });

  it("has six onboarding modules with several paragraphs and a three-question quiz each", () => {
    expect(ONBOARDING_MODULES).toHaveLength(6);
    for (const m of ONBOARDING_MODULES) {
      expect(m.content.startsWith(`# ${m.title}`)).toBe(true);
      expect(m.content.split(/\n\s*\n/).length).toBeGreaterThanOrEqual(4);
      expect(m.quiz?.questions).toHaveLength(3);
      // The right answer is not always the same option.
    }
    const positions = new Set(ONBOARDING_MODULES.flatMap((m) => m.quiz!.questions.map((q) => q.correctIndex)));
    expect(positions.size).toBeGreaterThan(1);
  });

  it("has a plan for every role, referring only to known modules and courses", () => {
    expect(DEFAULT_ONBOARDING_PLANS.map((p) => p.role).sort()).toEqual([...ROLES].sort());
    const modules = new Set(ONBOARDING_MODULES.map((m) => m.id));
    const courses = new Set(TRAINING_COURSES.map((c) => c.id));
    for (const p of DEFAULT_ONBOARDING_PLANS) {
      for (const i of p.items) expect(i.kind === "module" ? modules.has(i.itemId) : courses.has(i.itemId)).toBe(true);
    }
    expect(defaultPlanFor("dv_worker")!.id).toBe("onboarding-dv_worker");
  });

  it("plans cover each role's mandatory courses and schedule prerequisites no later than what needs them", () => {
    for (const p of DEFAULT_ONBOARDING_PLANS) {
      expect(planGaps(p).map((c) => c.id), p.role).toEqual([]);
      const due = new Map(p.items.filter((i) => i.kind === "course").map((i) => [i.itemId, i.dueWithinDays]));
      for (const [courseId, days] of due) {
        for (const pre of TRAINING_COURSES.find((c) => c.id === courseId)!.prerequisites) {
          expect(due.get(pre), `${p.role}: ${pre} before ${courseId}`).toBeLessThanOrEqual(days);
        }
      }
    }
  });

  it("planGaps reports a mandatory course a plan leaves out", () => {
    const plan = { ...defaultPlanFor("manager")!, items: [] };
    expect(planGaps(plan).map((c) => c.id).sort()).toEqual([COURSE_IDS.abusiveMen, COURSE_IDS.familiesAffected, COURSE_IDS.managersDaDay].sort());
  });

  it("uses the same tracks and languages as the programme records", () => {
    expect([...FACILITATOR_TRACKS]).toEqual([...GROUP_TRACKS]);
    expect([...PROGRAMME_LANGUAGES]).toEqual([...GROUP_LANGUAGES]);
  });

  it("rejects a member of staff who leaves before joining, and defaults languages to English", () => {
    const base = { id: "s1", name: "A", role: "staff", teamId: null, managerId: null, joinedOn: "2019-05-01", leftOn: null };
    expect(ZTrainingStaff.parse(base).languages).toEqual(["English"]);
    expect(ZTrainingStaff.safeParse({ ...base, leftOn: "2019-04-30" }).success).toBe(false);
    expect(ZTrainingStaff.safeParse({ ...base, leftOn: "2019-05-01" }).success).toBe(true);
    expect(ZTrainingStaff.safeParse({ ...base, joinedOn: "2019-02-30" }).success).toBe(false);
  });

  it("rejects a quiz question whose answer is not an option, and a course that requires itself", () => {
    const c = TRAINING_COURSES[0]!;
    expect(ZCourse.safeParse({ ...c, prerequisites: [c.id] }).success).toBe(false);
    const m = ONBOARDING_MODULES[0]!;
    const q = m.quiz!.questions[0]!;
    expect(ZOnboardingModule.safeParse({ ...m, quiz: { ...m.quiz!, questions: [{ ...q, correctIndex: 3 }] } }).success).toBe(false);
  });
});
