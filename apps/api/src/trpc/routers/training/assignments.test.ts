/**
 * Training assigned by hand and completions from outside providers: each
 * procedure as each role (the access matrix), a manager's scope (own team
 * only), duplicates reported, bad input refused naming the field with nothing
 * written, and an external completion counting for status, coverage and
 * closing the open assignment. Dates are relative to the test clock.
 */
import { ROLES, type TRole } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { ACCESS_MATRIX } from "../../access-matrix.js";

let t: TestApp;
const TODAY = "2026-03-10";
const IN_30 = "2026-04-09";
let courseId = "";
let courseTitle = "";
let ann = ""; // team A (the manager's team)
let ben = ""; // team B
let cal = ""; // team A, for external completions

beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date(`${TODAY}T10:00:00Z`);
  const trainer = await t.as(t.fx.users.trainer.id);
  const tag = Date.now().toString(36);
  courseTitle = `Safe sleep refresher ${tag}`;
  const course = await trainer.training.courses.create({
    code: `SAFE-${tag}`.toUpperCase(),
    title: courseTitle,
    description: "After an incident.",
    deliveryMode: "e_learning",
    durationHours: 1,
    validityMonths: 12,
    requiredFor: ["social_worker"],
    prerequisites: [],
    qualifiesFacilitator: false,
    languages: ["English"],
  });
  courseId = course.id;
  ann = (await trainer.training.staff.addStarter({ name: `Ann ${tag}`, role: "social_worker", teamId: t.fx.teams.a, startDate: "2026-01-05" })).staffId;
  ben = (await trainer.training.staff.addStarter({ name: `Ben ${tag}`, role: "social_worker", teamId: t.fx.teams.b, startDate: "2026-01-05" })).staffId;
  cal = (await trainer.training.staff.addStarter({ name: `Cal ${tag}`, role: "social_worker", teamId: t.fx.teams.a, startDate: "2026-01-05" })).staffId;
});
afterAll(async () => {
  await t?.dispose();
});

const as = (role: TRole) => t.as(t.fx.users[role].id);
const denied = ROLES.filter((r) => !["admin", "manager", "trainer"].includes(r));
/** Fields named by a 400 (from the schema or the core's rules). */
const fields = (error: unknown) => ((error as { cause?: { issues?: { path: (string | number)[] }[] } }).cause?.issues ?? []).map((i) => i.path.join("."));
const manualCount = () => t.testDb.db.prisma.trainingAssignment.count({ where: { courseId, source: "manual" } });
const auditCount = (action: string) => t.testDb.db.prisma.auditLog.count({ where: { action: `training.${action}`, outcome: "success" } });

describe("the access matrix for assigning and recording", () => {
  it("allows admins, managers and trainers, and nobody else", () => {
    for (const p of ["assignments.create", "assignments.update", "assignments.cancel", "completions.record", "completions.correct", "completions.withdraw"]) {
      expect([...ACCESS_MATRIX[`training.${p}`]!].sort()).toEqual(["admin", "manager", "trainer"]);
    }
  });
});

describe("training.assignments.create", () => {
  it("refuses every other role, writing nothing", async () => {
    for (const role of denied) {
      const r = await outcome((await as(role)).training.assignments.create({ staffIds: [ann], courseId, dueOn: IN_30 }));
      expect(r.code, role).toBe("FORBIDDEN");
    }
    expect(await manualCount()).toBe(0);
  });

  it("a manager may assign only to their own team: anyone outside it refuses the whole request", async () => {
    const m = await as("manager");
    expect((await outcome(m.training.assignments.create({ staffIds: [ben], courseId, dueOn: IN_30 }))).code).toBe("FORBIDDEN");
    const mixed = await outcome(m.training.assignments.create({ staffIds: [ann, ben], courseId, dueOn: IN_30 }));
    expect(mixed.code).toBe("FORBIDDEN");
    expect((mixed.error as Error).message).toMatch(/^Ben .* is not in your team, so you cannot assign training to them\.$/);
    expect(await manualCount()).toBe(0);

    const before = await auditCount("assignments.create");
    const r = await m.training.assignments.create({ staffIds: [ann], courseId, dueOn: IN_30, reason: "Refresher after an incident" });
    expect(r.assigned.map((a) => a.staffId)).toEqual([ann]);
    expect(r.skipped).toEqual([]);
    expect(await manualCount()).toBe(1);
    expect(await auditCount("assignments.create")).toBe(before + 1);
  });

  it("a trainer assigns anyone; what is already open is reported, not made again", async () => {
    const r = await (await as("trainer")).training.assignments.create({ staffIds: [ann, ben, ben], courseId, dueOn: IN_30 });
    expect(r.assigned.map((a) => a.staffId)).toEqual([ben]);
    expect(r.skipped).toEqual([{ staffId: ann, name: expect.stringMatching(/^Ann /), why: "already_open", message: expect.stringMatching(new RegExp(`already has "${courseTitle}" assigned, due on ${IN_30}\\.$`)) }]);
    const again = await (await as("admin")).training.assignments.create({ staffIds: [ben], courseId, dueOn: IN_30 });
    expect(again.assigned).toEqual([]);
    expect(again.skipped.map((s) => s.why)).toEqual(["already_open"]);
    expect(await manualCount()).toBe(2);
  });

  it("shows on the person's record as assigned by hand, by whom and why, due soon (30 days)", async () => {
    const rec = await (await as("trainer")).training.staff.get({ id: ann });
    const a = rec.assignments.find((x) => x.itemId === courseId)!;
    expect(a).toMatchObject({ source: "manual", assignedBy: "manager user", note: "Refresher after an incident", assignedOn: TODAY, dueOn: IN_30, state: "due_soon", open: true });
  });

  it("refuses bad input with a 400 naming the field, writing nothing", async () => {
    const c = await as("trainer");
    const cases: [unknown, string][] = [
      [{ staffIds: [ann], courseId, dueOn: "2026-02-30" }, "dueOn"],
      [{ staffIds: [cal], courseId, dueOn: "2026-03-09" }, "dueOn"], // before today (the core's rule)
      [{ staffIds: [], courseId, dueOn: IN_30 }, "staffIds"],
      [{ staffIds: ["00000000-0000-4000-8000-000000000000"], courseId, dueOn: IN_30 }, "staffIds"],
      [{ staffIds: [cal], dueOn: IN_30 }, "courseId"],
      [{ staffIds: [cal], courseId, moduleId: courseId, dueOn: IN_30 }, "courseId"],
      [{ staffIds: [cal], courseId: "00000000-0000-4000-8000-000000000000", dueOn: IN_30 }, "courseId"],
      [{ staffIds: [cal], moduleId: "00000000-0000-4000-8000-000000000000", dueOn: IN_30 }, "moduleId"],
    ];
    for (const [input, field] of cases) {
      const r = await outcome(c.training.assignments.create(input as never));
      expect(r.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(fields(r.error), JSON.stringify(input)).toContain(field);
    }
    expect(await manualCount()).toBe(2);
  });
});

describe("training.assignments.update and cancel", () => {
  const annAssignment = async () => (await (await as("trainer")).training.staff.get({ id: ann })).assignments.find((x) => x.itemId === courseId && x.source === "manual")!;
  const benAssignment = async () => (await (await as("trainer")).training.staff.get({ id: ben })).assignments.find((x) => x.itemId === courseId && x.source === "manual")!;

  it("changes the due date (version checked, not before the day assigned), by role and scope", async () => {
    const a = await annAssignment();
    for (const role of denied) expect((await outcome((await as(role)).training.assignments.update({ id: a.id, version: a.version, dueOn: "2026-03-12" }))).code, role).toBe("FORBIDDEN");
    const b = await benAssignment();
    expect((await outcome((await as("manager")).training.assignments.update({ id: b.id, version: b.version, dueOn: "2026-03-12" }))).code).toBe("FORBIDDEN");

    const early = await outcome((await as("manager")).training.assignments.update({ id: a.id, version: a.version, dueOn: "2026-03-09" }));
    expect(early.code).toBe("BAD_REQUEST");
    expect(fields(early.error)).toEqual(["dueOn"]);
    const r = await (await as("manager")).training.assignments.update({ id: a.id, version: a.version, dueOn: "2026-03-12" });
    expect(r).toEqual({ id: a.id, dueOn: "2026-03-12", version: a.version + 1 });
    expect((await outcome((await as("trainer")).training.assignments.update({ id: a.id, version: a.version, dueOn: "2026-03-13" }))).code).toBe("CONFLICT");
    const admin = await (await as("admin")).training.assignments.update({ id: b.id, version: b.version, dueOn: "2026-03-20" });
    expect(admin.version).toBe(b.version + 1);
    expect((await annAssignment()).dueOn).toBe("2026-03-12");
  });

  it("joins the overdue list and the filter by how it was made, the day after its due date", async () => {
    t.clock.now = new Date("2026-03-13T10:00:00Z");
    try {
      const c = await as("trainer");
      const all = await c.training.dashboard.due({ teamId: t.fx.teams.a });
      const mine = (d: typeof all) => d.teams.flatMap((x) => x.overdue).filter((l) => l.staffId === ann && l.title === courseTitle);
      expect(mine(all)).toEqual([{ staffId: ann, name: expect.stringMatching(/^Ann /), title: courseTitle, kind: "course", dueOn: "2026-03-12", reason: "assignment", source: "manual" }]);
      const byHand = await c.training.dashboard.due({ teamId: t.fx.teams.a, source: "manual" });
      expect(mine(byHand)).toHaveLength(1);
      expect(byHand.teams.flatMap((x) => [...x.overdue, ...x.dueSoon]).every((l) => l.source === "manual")).toBe(true);
      const byPlan = await c.training.dashboard.due({ teamId: t.fx.teams.a, source: "plan" });
      expect(mine(byPlan)).toEqual([]);
      expect(byPlan.teams.flatMap((x) => [...x.overdue, ...x.dueSoon]).every((l) => l.source === "plan")).toBe(true);
    } finally {
      t.clock.now = new Date(`${TODAY}T10:00:00Z`);
    }
  });

  it("cancels with a reason, by role and scope; a cancelled assignment leaves the open lists and cannot be cancelled again", async () => {
    const b = await benAssignment();
    for (const role of denied) expect((await outcome((await as(role)).training.assignments.cancel({ id: b.id, reason: "Not needed" }))).code, role).toBe("FORBIDDEN");
    expect((await outcome((await as("manager")).training.assignments.cancel({ id: b.id, reason: "Not needed" }))).code).toBe("FORBIDDEN");
    const empty = await outcome((await as("trainer")).training.assignments.cancel({ id: b.id, reason: "  " }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(fields(empty.error)).toEqual(["reason"]);
    expect(await (await as("trainer")).training.assignments.cancel({ id: b.id, reason: "Moved to another team's rota" })).toEqual({ id: b.id, cancelled: true });
    expect((await outcome((await as("admin")).training.assignments.cancel({ id: b.id, reason: "Again" }))).code).toBe("PRECONDITION_FAILED");
    const rec = await (await as("trainer")).training.staff.get({ id: ben });
    expect(rec.assignments.filter((x) => x.itemId === courseId)).toEqual([]);
    const row = await t.testDb.db.prisma.trainingAssignment.findUniqueOrThrow({ where: { id: b.id } });
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "Moved to another team's rota", cancelledById: t.fx.users.trainer.id });
    // Cancelled: a new hand assignment is no longer a duplicate.
    const r = await (await as("admin")).training.assignments.create({ staffIds: [ben], courseId, dueOn: IN_30 });
    expect(r.assigned.map((a) => a.staffId)).toEqual([ben]);
  });
});

describe("training.completions.record, correct and withdraw", () => {
  let completionId = "";
  let version = 0;

  it("refuses other roles and a manager outside their team, writing nothing", async () => {
    const input = { staffId: cal, courseId, completedOn: "2026-02-20", provider: "Local Safeguarding Partnership", evidence: "Certificate LSP-2291" };
    for (const role of denied) expect((await outcome((await as(role)).training.completions.record(input))).code, role).toBe("FORBIDDEN");
    expect((await outcome((await as("manager")).training.completions.record({ ...input, staffId: ben }))).code).toBe("FORBIDDEN");
    expect(await t.testDb.db.prisma.trainingCompletion.count({ where: { courseId } })).toBe(0);
  });

  it("refuses bad input naming the field", async () => {
    const c = await as("trainer");
    const base = { staffId: cal, courseId, completedOn: "2026-02-20", provider: "LSP" };
    const cases: [unknown, string][] = [
      [{ ...base, completedOn: "2026-03-11" }, "completedOn"], // tomorrow
      [{ ...base, completedOn: "20-02-2026" }, "completedOn"],
      [{ ...base, provider: "" }, "provider"],
      [{ ...base, staffId: "00000000-0000-4000-8000-000000000000" }, "staffId"],
      [{ ...base, courseId: "00000000-0000-4000-8000-000000000000" }, "courseId"],
    ];
    for (const [input, field] of cases) {
      const r = await outcome(c.training.completions.record(input as never));
      expect(r.code, JSON.stringify(input)).toBe("BAD_REQUEST");
      expect(fields(r.error), JSON.stringify(input)).toContain(field);
    }
    expect(await t.testDb.db.prisma.trainingCompletion.count({ where: { courseId } })).toBe(0);
  });

  it("a manager records one for their team: it closes the open assignment, the course turns valid until 12 months on, coverage counts it", async () => {
    const m = await as("manager");
    await (await as("trainer")).training.assignments.create({ staffIds: [cal], courseId, dueOn: IN_30 });
    const before = await (await as("trainer")).training.dashboard.coverage({ teamId: t.fx.teams.a, courseIds: [courseId], groupBy: "course", population: "all_current" });
    const row = (d: typeof before) => d.rows.find((r) => r.group === courseId)!;
    const r = await m.training.completions.record({ staffId: cal, courseId, completedOn: "2026-02-20", provider: "Local Safeguarding Partnership", evidence: "Certificate LSP-2291" });
    expect(r).toMatchObject({ staffId: cal, courseId, completedOn: "2026-02-20", expiresOn: "2027-02-20", closedAssignments: 1 });
    completionId = r.id;
    version = r.version;
    const rec = await (await as("trainer")).training.staff.get({ id: cal });
    expect(rec.courses.find((c) => c.courseId === courseId)).toMatchObject({ status: "valid", completedOn: "2026-02-20", expiresOn: "2027-02-20" });
    expect(rec.assignments.find((a) => a.itemId === courseId)).toMatchObject({ state: "done", open: false });
    expect(rec.externalCompletions).toEqual([
      { id: r.id, courseId, title: courseTitle, completedOn: "2026-02-20", expiresOn: "2027-02-20", provider: "Local Safeguarding Partnership", evidence: "Certificate LSP-2291", version: r.version, correctionReason: null, withdrawn: false, withdrawReason: null },
    ]);
    const after = await (await as("trainer")).training.dashboard.coverage({ teamId: t.fx.teams.a, courseIds: [courseId], groupBy: "course", population: "all_current" });
    expect(row(after).numerator).toBe(row(before).numerator + 1);
    expect(row(after).denominator).toBe(row(before).denominator);
    // Now valid: assigning it again is reported, not made.
    const again = await (await as("trainer")).training.assignments.create({ staffIds: [cal], courseId, dueOn: IN_30 });
    expect(again.skipped).toEqual([{ staffId: cal, name: expect.stringMatching(/^Cal /), why: "already_valid", message: expect.stringMatching(new RegExp(`already holds "${courseTitle}", valid until 2027-02-20\\.$`)) }]);
    expect(await auditCount("completions.record")).toBe(1);
  });

  it("corrects it with a reason (the expiry follows the new date), version checked", async () => {
    for (const role of denied) expect((await outcome((await as(role)).training.completions.correct({ id: completionId, version, completedOn: "2026-02-21", reason: "Typo" }))).code, role).toBe("FORBIDDEN");
    const noReason = await outcome((await as("trainer")).training.completions.correct({ id: completionId, version, completedOn: "2026-02-21" } as never));
    expect(fields(noReason.error)).toEqual(["reason"]);
    const future = await outcome((await as("trainer")).training.completions.correct({ id: completionId, version, completedOn: "2026-04-01", reason: "Typo" }));
    expect(fields(future.error)).toEqual(["completedOn"]);
    const r = await (await as("admin")).training.completions.correct({ id: completionId, version, completedOn: "2026-02-21", reason: "Date on the certificate is 21 February" });
    expect(r).toEqual({ id: completionId, version: version + 1, completedOn: "2026-02-21", expiresOn: "2027-02-21" });
    expect((await outcome((await as("trainer")).training.completions.correct({ id: completionId, version, evidence: "x", reason: "stale" }))).code).toBe("CONFLICT");
    version = r.version;
    const rec = await (await as("trainer")).training.staff.get({ id: cal });
    expect(rec.courses.find((c) => c.courseId === courseId)).toMatchObject({ status: "valid", completedOn: "2026-02-21", expiresOn: "2027-02-21" });
    expect(rec.externalCompletions[0]!.correctionReason).toBe("Date on the certificate is 21 February");
  });

  it("withdraws it with a reason: it counts no more and the assignment it closed is open again", async () => {
    for (const role of denied) expect((await outcome((await as(role)).training.completions.withdraw({ id: completionId, version, reason: "Forged" }))).code, role).toBe("FORBIDDEN");
    const r = await (await as("manager")).training.completions.withdraw({ id: completionId, version, reason: "The provider says the certificate is not theirs" });
    expect(r).toEqual({ id: completionId, withdrawn: true, reopenedAssignments: 1 });
    expect((await outcome((await as("trainer")).training.completions.withdraw({ id: completionId, version: version + 1, reason: "Again" }))).code).toBe("PRECONDITION_FAILED");
    const rec = await (await as("trainer")).training.staff.get({ id: cal });
    expect(rec.courses.find((c) => c.courseId === courseId)).toMatchObject({ status: "never_completed" });
    expect(rec.assignments.find((a) => a.itemId === courseId)).toMatchObject({ state: "due_soon", open: true, dueOn: IN_30 });
    expect(rec.externalCompletions[0]).toMatchObject({ withdrawn: true, withdrawReason: "The provider says the certificate is not theirs" });
    expect(await auditCount("completions.withdraw")).toBe(1);
  });

  it("an old certificate that has already expired is kept on the record but leaves the assignment open", async () => {
    // 2024-01-10 + 12 months = 2025-01-10, before today (2026-03-10).
    const r = await (await as("trainer")).training.completions.record({ staffId: cal, courseId, completedOn: "2024-01-10", provider: "Previous employer" });
    expect(r).toMatchObject({ expiresOn: "2025-01-10", closedAssignments: 0 });
    const rec = await (await as("trainer")).training.staff.get({ id: cal });
    expect(rec.courses.find((c) => c.courseId === courseId)).toMatchObject({ status: "expired", expiresOn: "2025-01-10" });
    expect(rec.assignments.find((a) => a.itemId === courseId)).toMatchObject({ state: "due_soon", open: true });
  });
});

describe("My training", () => {
  it("shows a hand assignment to the learner, marked as by hand and by whom", async () => {
    const staffId = t.fx.users.practitioner.staffId!;
    await (await as("trainer")).training.assignments.create({ staffIds: [staffId], courseId, dueOn: IN_30, reason: "Team refresher" });
    const mine = await (await as("practitioner")).training.my.get();
    expect(mine.assignments.find((a) => a.itemId === courseId)).toMatchObject({ title: courseTitle, source: "manual", assignedBy: "trainer user", note: "Team refresher", dueOn: IN_30, state: "due_soon" });
  });
});
