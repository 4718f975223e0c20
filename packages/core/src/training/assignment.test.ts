import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { assignForRoleChange, assignForStarter } from "./assignment.js";
import { COURSE_IDS, MODULE_IDS, defaultPlanFor } from "./catalogue.js";
import type { TOnboardingPlan, TTrainingAssignment } from "./schemas.js";

const practitioner = { id: "p1", role: "practitioner" as const };

describe("assignForStarter", () => {
  const assigned = assignForStarter(practitioner, defaultPlanFor("practitioner")!, "2019-01-31");
  const due = Object.fromEntries(assigned.map((a) => [a.itemId, a.dueOn]));

  it("assigns every plan item on the joining day", () => {
    expect(assigned).toHaveLength(9);
    for (const a of assigned) expect(a).toMatchObject({ staffId: "p1", assignedOn: "2019-01-31", reason: "starter", role: "practitioner", completedOn: null });
  });

  it("dates each item dueWithinDays after joining (across a short February)", () => {
    expect(due[MODULE_IDS.consentAndSharing]).toBe("2019-02-14");
    expect(due[MODULE_IDS.daAndChildren]).toBe("2019-03-02");
    expect(due[COURSE_IDS.familiesAffected]).toBe("2019-04-01");
    expect(due[COURSE_IDS.abusiveMen]).toBe("2019-05-01");
    expect(due[COURSE_IDS.vada]).toBe("2019-05-01");
  });

  it("refuses another role's plan", () => {
    expect(() => assignForStarter(practitioner, defaultPlanFor("manager")!, "2019-01-31")).toThrow(DomainError);
  });
});

describe("assignForRoleChange", () => {
  const starter = assignForStarter(practitioner, defaultPlanFor("practitioner")!, "2019-01-31");

  it("adds only what the new role needs that is not already assigned or valid", () => {
    const completions = [
      { staffId: "p1", courseId: COURSE_IDS.familiesAffected, completedOn: "2019-02-20" },
      // expired on 2019-01-10, but the starter assignment for it is still open
      { staffId: "p1", courseId: COURSE_IDS.abusiveMen, completedOn: "2017-01-10" },
    ];
    const added = assignForRoleChange(practitioner, "practitioner", "dv_worker", starter, completions, "2019-06-01");
    expect(added.map((a) => [a.kind, a.itemId, a.dueOn])).toEqual([
      ["course", COURSE_IDS.ifpProgramme, "2019-08-30"],
      ["course", COURSE_IDS.recoveryToolkit, "2019-09-29"],
    ]);
    for (const a of added) expect(a).toMatchObject({ assignedOn: "2019-06-01", reason: "role_change", role: "dv_worker", staffId: "p1" });
  });

  it("assigns again a course whose completion has expired, but not one still valid (even if expiring soon)", () => {
    const done: TTrainingAssignment[] = starter.map((a) => ({ ...a, completedOn: "2019-04-01" }));
    const completions = [
      { staffId: "p1", courseId: COURSE_IDS.familiesAffected, completedOn: "2019-02-20" }, // expired 2021-02-20
      { staffId: "p1", courseId: COURSE_IDS.abusiveMen, completedOn: "2019-04-01" }, // valid until 2021-04-01
    ];
    const added = assignForRoleChange(practitioner, "practitioner", "manager", done, completions, "2021-03-01");
    expect(added.map((a) => [a.itemId, a.dueOn])).toEqual([
      [COURSE_IDS.familiesAffected, "2021-04-30"],
      [COURSE_IDS.managersDaDay, "2021-05-30"],
    ]);
  });

  it("ignores other people's assignments and completions", () => {
    const others = starter.map((a) => ({ ...a, staffId: "someone-else" }));
    const added = assignForRoleChange({ id: "s9" }, "staff", "analyst", others, [], "2019-06-01");
    expect(added.map((a) => a.itemId)).toEqual([MODULE_IDS.consentAndSharing, MODULE_IDS.daAndChildren, MODULE_IDS.assessmentTools, MODULE_IDS.theoryOfChange]);
  });

  it("skips modules already assigned or completed", () => {
    const staffStarter = assignForStarter({ id: "s9", role: "staff" }, defaultPlanFor("staff")!, "2019-01-01");
    expect(assignForRoleChange({ id: "s9" }, "staff", "analyst", staffStarter, [], "2019-06-01").map((a) => [a.itemId, a.dueOn])).toEqual([
      [MODULE_IDS.assessmentTools, "2019-07-01"],
    ]);
    const moduleCompletions = [{ staffId: "s9", moduleId: MODULE_IDS.assessmentTools, completedOn: "2019-02-01", score: 1, acknowledged: false }];
    expect(assignForRoleChange({ id: "s9" }, "staff", "analyst", staffStarter, [], "2019-06-01", { moduleCompletions })).toEqual([]);
  });

  it("adds a course mandatory for the new role even when its plan leaves it out", () => {
    const plans: TOnboardingPlan[] = [{ id: "t", role: "trainer", title: "Trainer", items: [] }];
    const added = assignForRoleChange({ id: "s9" }, "staff", "trainer", [], [], "2019-06-01", { plans, mandatoryDueWithinDays: 45 });
    expect(added.map((a) => [a.itemId, a.dueOn])).toEqual([[COURSE_IDS.familiesAffected, "2019-07-16"]]);
  });

  it("adds nothing when the role does not change", () => {
    expect(assignForRoleChange(practitioner, "practitioner", "practitioner", [], [], "2019-06-01")).toEqual([]);
  });
});
