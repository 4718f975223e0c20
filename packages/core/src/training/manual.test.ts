import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { assignForStarter } from "./assignment.js";
import { COURSE_IDS, MODULE_IDS, TRAINING_COURSES, defaultPlanFor } from "./catalogue.js";
import { coverage } from "./coverage.js";
import { assignmentDueState, dueLists, overdueReminders, type DueAssignment } from "./due.js";
import { canFacilitate } from "./facilitators.js";
import { assignmentsClosedBy, assignRefusals, checkNewDueDate, externalCompletion, mayAssignTo, planHandAssignments } from "./manual.js";
import type { TTrainingCompletion, TTrainingStaff } from "./schemas.js";
import { trainingStatus } from "./status.js";

const course = (id: string) => TRAINING_COURSES.find((c) => c.id === id)!;
const FAMILIES = course(COURSE_IDS.familiesAffected); // valid 24 months; mandatory for practitioners
const staff = (id: string, teamId: string | null = "t1", extra: Partial<TTrainingStaff> = {}): TTrainingStaff => ({
  id,
  name: `Person ${id}`,
  role: "practitioner",
  teamId,
  managerId: "boss",
  joinedOn: "2018-01-01",
  leftOn: null,
  languages: ["English"],
  ...extra,
});

describe("a hand assignment joins the due, overdue and reminder rules as a plan assignment does", () => {
  // Starter p1 joins 2019-01-31: the plan makes "Families affected" due on 2019-04-01 (60 days).
  const plan = assignForStarter({ id: "p1", role: "practitioner" }, defaultPlanFor("practitioner")!, "2019-01-31").find((a) => a.itemId === FAMILIES.id)!;
  // A trainer assigns the same course to p2 by hand on 2019-02-15, due the same day.
  const { assign } = planHandAssignments({
    people: [staff("p2")],
    item: { kind: "course", itemId: FAMILIES.id, title: FAMILIES.title },
    course: FAMILIES,
    assignedOn: "2019-02-15",
    dueOn: "2019-04-01",
    assignedBy: "trainer-user",
    note: "Refresher after an incident",
    open: [],
    completions: [],
    moduleCompletions: [],
  });
  const hand = assign[0]!;

  it("is an ordinary assignment, marked as by hand and by whom", () => {
    expect(plan.dueOn).toBe("2019-04-01");
    expect(hand).toEqual({
      staffId: "p2",
      kind: "course",
      itemId: FAMILIES.id,
      assignedOn: "2019-02-15",
      dueOn: "2019-04-01",
      reason: "manual",
      role: "practitioner",
      completedOn: null,
      assignedBy: "trainer-user",
      note: "Refresher after an incident",
    });
  });

  it("has the same state as the plan's on every day: open, due soon from 30 days before, overdue from the day after", () => {
    const days: [string, string][] = [
      ["2019-03-01", "open"], // 31 days before
      ["2019-03-02", "due_soon"], // 30 days before
      ["2019-04-01", "due_soon"], // the due day is still on time
      ["2019-04-02", "overdue"],
    ];
    for (const [asOf, expected] of days) {
      expect(assignmentDueState(false, plan.dueOn, asOf)).toBe(expected);
      expect(assignmentDueState(false, hand.dueOn, asOf)).toBe(expected);
    }
  });

  const lines = (source: "plan" | "manual"): DueAssignment => ({
    kind: "course",
    itemId: FAMILIES.id,
    title: FAMILIES.title,
    dueOn: "2019-04-01",
    state: assignmentDueState(false, "2019-04-01", "2019-04-10"),
    source,
  });

  it("is listed as overdue and reminded about like the plan's; filtering by how it was made keeps only hand assignments", () => {
    const planLists = dueLists([lines("plan")], []);
    const handLists = dueLists([lines("manual")], []);
    expect(handLists).toEqual(planLists);
    expect(handLists.overdue).toEqual([{ kind: "course", itemId: FAMILIES.id, title: FAMILIES.title, dueOn: "2019-04-01", reason: "assignment" }]);
    // Filtering: a plan assignment and an expired refresher drop out, the hand assignment stays.
    const expired = { courseId: COURSE_IDS.vada, title: "VADA", mandatory: true, status: "expired" as const, expiresOn: "2019-03-01", daysToExpiry: -40 };
    const mixed = [lines("plan"), { ...lines("manual"), itemId: "other", title: "Other" }];
    expect(dueLists(mixed, [expired]).overdue.map((l) => l.itemId)).toEqual([COURSE_IDS.vada, "other", FAMILIES.id]); // same day: by title, "Other" before "Working with…"
    expect(dueLists(mixed, [expired], 30, { source: "manual" }).overdue.map((l) => l.itemId)).toEqual(["other"]);

    const reminders = overdueReminders(
      [
        { id: "a-plan", staffId: "p1", staffName: "Person p1", managerId: "boss", title: FAMILIES.title, dueOn: plan.dueOn, state: "overdue" },
        { id: "a-hand", staffId: "p2", staffName: "Person p2", managerId: "boss", title: FAMILIES.title, dueOn: hand.dueOn, state: "overdue" },
      ],
      "2019-04-10",
    );
    expect(reminders.map((r) => r.key)).toEqual([
      "training-overdue:a-hand:2019-04-01:learner",
      "training-overdue:a-hand:2019-04-01:manager",
      "training-overdue:a-plan:2019-04-01:learner",
      "training-overdue:a-plan:2019-04-01:manager",
    ]);
    expect(reminders[1]!.title).toBe(`Person p2's training "${FAMILIES.title}" is overdue`);
  });
});

describe("duplicates are reported, not made again", () => {
  const people = [staff("valid"), staff("open"), staff("expired"), staff("new"), staff("left", "t1", { leftOn: "2020-01-31" }), staff("new")];
  const completions: TTrainingCompletion[] = [
    { staffId: "valid", courseId: FAMILIES.id, completedOn: "2019-06-01" }, // valid until 2021-06-01
    { staffId: "expired", courseId: FAMILIES.id, completedOn: "2017-06-01" }, // expired 2019-06-01
  ];
  const r = planHandAssignments({
    people,
    item: { kind: "course", itemId: FAMILIES.id, title: "Families" },
    course: FAMILIES,
    assignedOn: "2020-03-01",
    dueOn: "2020-04-30",
    assignedBy: "u",
    open: [{ staffId: "open", kind: "course", itemId: FAMILIES.id, dueOn: "2020-03-20" }],
    completions,
    moduleCompletions: [],
  });

  it("assigns the expired and the new person once each, and says why the others were left out", () => {
    expect(r.assign.map((a) => a.staffId)).toEqual(["expired", "new"]);
    expect(r.skipped).toEqual([
      { staffId: "valid", name: "Person valid", why: "already_valid", message: 'Person valid already holds "Families", valid until 2021-06-01.' },
      { staffId: "open", name: "Person open", why: "already_open", message: 'Person open already has "Families" assigned, due on 2020-03-20.' },
      { staffId: "left", name: "Person left", why: "not_in_post", message: "Person left is not in post on 2020-03-01." },
    ]);
  });

  it("leaves out a module already completed", () => {
    const m = planHandAssignments({
      people: [staff("a"), staff("b")],
      item: { kind: "module", itemId: MODULE_IDS.consentAndSharing, title: "Consent" },
      assignedOn: "2020-03-01",
      dueOn: "2020-03-01",
      assignedBy: "u",
      open: [],
      completions: [],
      moduleCompletions: [{ staffId: "a", moduleId: MODULE_IDS.consentAndSharing, completedOn: "2019-01-01", score: 1, acknowledged: true }],
    });
    expect(m.assign.map((a) => a.staffId)).toEqual(["b"]);
    expect(m.skipped.map((s) => s.why)).toEqual(["module_done"]);
  });

  it("refuses a due date before the day of assigning, naming the field", () => {
    try {
      planHandAssignments({ people: [staff("a")], item: { kind: "course", itemId: FAMILIES.id, title: "F" }, course: FAMILIES, assignedOn: "2020-03-01", dueOn: "2020-02-29", assignedBy: "u", open: [], completions: [], moduleCompletions: [] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).issues[0]!.path).toEqual(["dueOn"]);
    }
    expect(() => checkNewDueDate({ assignedOn: "2020-03-01", open: true }, "2020-02-28")).toThrow(/cannot be before the day it was assigned \(2020-03-01\)/);
    expect(() => checkNewDueDate({ assignedOn: "2020-03-01", open: false }, "2020-05-01")).toThrow(/Only an open assignment/);
    expect(() => checkNewDueDate({ assignedOn: "2020-03-01", open: true }, "2020-03-01")).not.toThrow();
  });
});

describe("an external completion counts exactly as a session completion", () => {
  // Five practitioners, "Families affected" mandatory for them; three trained at sessions.
  const team = ["a", "b", "c", "d", "e"].map((id) => staff(id));
  const sessions: TTrainingCompletion[] = ["a", "b", "c"].map((id) => ({ staffId: id, courseId: FAMILIES.id, completedOn: "2025-01-10", sessionId: "s1" }));
  const recorded = externalCompletion({ staff: team[3]!, course: FAMILIES, completedOn: "2025-11-20", today: "2026-01-05", provider: "Local Safeguarding Partnership" });

  it("expires by the course's validity (24 months)", () => {
    expect(recorded.expiresOn).toBe("2027-11-20");
    expect(recorded.completion).toEqual({ staffId: "d", courseId: FAMILIES.id, completedOn: "2025-11-20", sessionId: null, provider: "Local Safeguarding Partnership" });
    expect(trainingStatus(team[3]!, FAMILIES, [recorded.completion], "2026-01-05")).toMatchObject({ status: "valid", expiresOn: "2027-11-20", daysToExpiry: 684 });
  });

  it("moves coverage from 3 of 5 (short of 80% by one) to 4 of 5 (target met)", () => {
    const before = coverage({ staff: team, courses: [FAMILIES], completions: sessions, asOf: "2026-01-05", groupBy: "course" });
    expect(before.rows[0]).toMatchObject({ numerator: 3, denominator: 5, share: 0.6, meetsTarget: false, shortfall: 1 });
    const after = coverage({ staff: team, courses: [FAMILIES], completions: [...sessions, recorded.completion], asOf: "2026-01-05", groupBy: "course" });
    expect(after.rows[0]).toMatchObject({ numerator: 4, denominator: 5, share: 0.8, meetsTarget: true, shortfall: 0 });
  });

  it("qualifies a facilitator as a session of the qualifying course does", () => {
    const ttt = course(COURSE_IDS.ifpTrainTheTrainer);
    const person = staff("f");
    const group = { track: "victims" as const, language: "English" };
    expect(canFacilitate(person, group, [], "2026-01-05").allowed).toBe(false);
    const ext = externalCompletion({ staff: person, course: ttt, completedOn: "2025-06-01", today: "2026-01-05", provider: "Inspiring Families programme owners" });
    expect(canFacilitate(person, group, [ext.completion], "2026-01-05")).toEqual({ allowed: true, courseId: ttt.id, validUntil: "2028-06-01", warnings: [] });
  });

  it("closes the person's open assignment of that course, and nothing else", () => {
    const assignments = [
      { id: "x1", staffId: "d", kind: "course" as const, itemId: FAMILIES.id, open: true },
      { id: "x2", staffId: "d", kind: "course" as const, itemId: COURSE_IDS.vada, open: true },
      { id: "x3", staffId: "e", kind: "course" as const, itemId: FAMILIES.id, open: true },
      { id: "x4", staffId: "d", kind: "course" as const, itemId: FAMILIES.id, open: false },
    ];
    expect(assignmentsClosedBy(recorded.completion, FAMILIES, assignments, "2026-01-05")).toEqual(["x1"]);
  });

  it("an old certificate that has already expired is recorded but leaves the refresher open", () => {
    // Completed 2023-11-20, valid 24 months: expired on 2025-11-20, before 2026-01-05.
    const old = externalCompletion({ staff: team[3]!, course: FAMILIES, completedOn: "2023-11-20", today: "2026-01-05", provider: "LSP" });
    expect(old.expiresOn).toBe("2025-11-20");
    const open = [{ id: "x1", staffId: "d", kind: "course" as const, itemId: FAMILIES.id, open: true }];
    expect(assignmentsClosedBy(old.completion, FAMILIES, open, "2026-01-05")).toEqual([]);
    expect(assignmentsClosedBy(old.completion, FAMILIES, open, "2025-11-19")).toEqual(["x1"]); // the last valid day
  });

  it("refuses a completion in the future or without a provider, naming the field", () => {
    const at = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).issues[0]!.path;
      }
      return null;
    };
    expect(at(() => externalCompletion({ staff: team[0]!, course: FAMILIES, completedOn: "2026-01-06", today: "2026-01-05", provider: "X" }))).toEqual(["completedOn"]);
    expect(at(() => externalCompletion({ staff: team[0]!, course: FAMILIES, completedOn: "2026-01-05", today: "2026-01-05", provider: "  " }))).toEqual(["provider"]);
  });
});

describe("who may assign to whom", () => {
  const inT1 = { id: "s1", name: "Ann", teamId: "t1" };
  const inT2 = { id: "s2", name: "Bob", teamId: "t2" };
  const noTeam = { id: "s3", name: "Cy", teamId: null };

  it("trainers and admins: anyone", () => {
    for (const role of ["trainer", "admin"] as const) {
      expect([inT1, inT2, noTeam].map((s) => mayAssignTo({ role, teamIds: [] }, s))).toEqual([true, true, true]);
    }
  });

  it("a manager: only the people in their own team(s)", () => {
    expect([inT1, inT2, noTeam].map((s) => mayAssignTo({ role: "manager", teamIds: ["t1"] }, s))).toEqual([true, false, false]);
    expect([inT1, inT2, noTeam].map((s) => mayAssignTo({ role: "manager", teamIds: ["t1", "t2"] }, s))).toEqual([true, true, false]);
    expect(mayAssignTo({ role: "manager", teamIds: [] }, inT1)).toBe(false);
    expect(assignRefusals({ role: "manager", teamIds: ["t1"] }, [inT1, inT2])).toEqual([{ staffId: "s2", name: "Bob", message: "Bob is not in your team, so you cannot assign training to them." }]);
  });

  it("nobody else", () => {
    for (const role of ["practitioner", "dv_worker", "analyst", "staff"] as const) {
      expect([inT1, inT2, noTeam].map((s) => mayAssignTo({ role, teamIds: ["t1"] }, s))).toEqual([false, false, false]);
    }
  });
});
