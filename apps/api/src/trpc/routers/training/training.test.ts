import ExcelJS from "exceljs";
import { ONBOARDING_MODULES } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { moveLegacyCourseMeta } from "./seed.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date("2026-03-10T10:00:00Z");
});
afterAll(async () => {
  await t?.dispose();
});

const trainer = () => t.as(t.fx.users.trainer.id);
const TODAY = "2026-03-10";

async function courseByTitle(title: string) {
  const list = await (await trainer()).training.courses.list();
  const c = list.find((x) => x.title === title);
  if (!c) throw new Error(`no course ${title}`);
  return c;
}

describe("training catalogue", () => {
  it("bootstraps the built-in catalogue: seven courses, six modules with quizzes, a plan for every job role", async () => {
    const c = await trainer();
    const courses = await c.training.courses.list();
    expect(courses.map((x) => x.title)).toContain("Inspiring Families – Train the Trainer");
    expect(courses).toHaveLength(7);
    const ttt = courses.find((x) => x.title === "Inspiring Families – Train the Trainer")!;
    expect(ttt.grantsQualification).toBe("facilitator:inspiring_families");
    expect(ttt.prerequisites).toHaveLength(2);
    expect(ttt.deliveryMode).toBe("classroom");
    const modules = await c.training.modules.list();
    expect(modules).toHaveLength(6);
    expect(modules.every((m) => m.hasQuiz)).toBe(true);
    const plans = await c.training.plans.list();
    expect(plans).toHaveLength(9);
    expect(plans.every((p) => p.plan !== null)).toBe(true);
    // Learners never receive the answers.
    const m = await c.training.modules.get({ id: modules[0]!.id });
    expect(JSON.stringify(m)).not.toMatch(/correctIndex|explanation/);
  });

  it("creates and updates a course with version checks", async () => {
    const c = await trainer();
    const created = await c.training.courses.create({
      code: "MARAC",
      title: "MARAC for practitioners",
      description: "How the MARAC works.",
      deliveryMode: "e_learning",
      durationHours: 2,
      validityMonths: 12,
      requiredFor: ["social_worker"],
      prerequisites: [],
      qualifiesFacilitator: false,
      languages: ["English", "Urdu"],
    });
    expect(created.deliveryMode).toBe("e_learning");
    expect(created.description).toBe("How the MARAC works.");
    const updated = await c.training.courses.update({ id: created.id, version: created.version, patch: { deliveryMode: "blended", durationHours: 3 } });
    expect(updated.deliveryMode).toBe("blended");
    expect(updated.languages).toEqual(["English", "Urdu"]);
    expect(updated.version).toBe(created.version + 1);
    const stale = await outcome(c.training.courses.update({ id: created.id, version: created.version, patch: { title: "Lost" } }));
    expect(stale.code).toBe("CONFLICT");
    await c.training.courses.update({ id: created.id, version: updated.version, patch: { active: false } });
  });

  it("keeps course metadata in columns: edits, prerequisite cycles refused, the legacy description marker moved", async () => {
    const c = await trainer();
    const p = t.testDb.db.prisma;
    const ttt = await courseByTitle("Inspiring Families – Train the Trainer");
    const ifp = await courseByTitle("Inspiring Families Programme");
    const row = await p.course.findUniqueOrThrow({ where: { id: ttt.id } });
    expect(row.deliveryMode).toBe("classroom");
    expect(row.prerequisiteIds).toHaveLength(2);
    expect(row.prerequisiteIds).toContain(ifp.id);
    expect(row.description ?? "").not.toContain("evident-course-meta");
    // IFP cannot require the course it is a prerequisite of.
    const cycle = await outcome(c.training.courses.update({ id: ifp.id, version: ifp.version, patch: { prerequisites: [ttt.id] } }));
    expect(cycle.code).toBe("BAD_REQUEST");
    expect((cycle.error as Error).message).toContain("Inspiring Families Programme → Inspiring Families – Train the Trainer → Inspiring Families Programme");
    const edited = await c.training.courses.update({ id: ifp.id, version: ifp.version, patch: { description: "Edited.", languages: ["English", "Arabic"], deliveryMode: "blended" } });
    expect(edited).toMatchObject({ description: "Edited.", languages: ["English", "Arabic"], deliveryMode: "blended" });
    expect((await p.course.findUniqueOrThrow({ where: { id: ifp.id } })).description).toBe("Edited.");

    const legacy = await p.course.create({
      data: { code: "LEGACY", title: "Legacy course", description: `Old text.\n\n<!-- evident-course-meta {"deliveryMode":"e_learning","prerequisites":["${ifp.id}"],"languages":["Polish"]} -->` },
    });
    expect(await moveLegacyCourseMeta(t.testDb.db.prisma)).toBe(1);
    const moved = await p.course.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(moved).toMatchObject({ description: "Old text.", deliveryMode: "e_learning", prerequisiteIds: [ifp.id], languages: ["Polish"] });
    expect(await moveLegacyCourseMeta(t.testDb.db.prisma)).toBe(0);
    await p.course.update({ where: { id: legacy.id }, data: { active: false } });
  });

  it("updates a plan, refusing an item listed twice", async () => {
    const c = await trainer();
    const plan = await c.training.plans.get({ role: "business_support" });
    const twice = await outcome(c.training.plans.update({ id: plan.id, version: plan.version, items: [plan.items[0]!, plan.items[0]!].map((i) => ({ kind: i.kind, itemId: i.itemId, dueWithinDays: i.dueWithinDays })) }));
    expect(twice.code).toBe("BAD_REQUEST");
    const items = plan.items.map((i) => ({ kind: i.kind, itemId: i.itemId, dueWithinDays: i.dueWithinDays + 1 }));
    const updated = await c.training.plans.update({ id: plan.id, version: plan.version, items });
    expect(updated.items.map((i) => i.dueWithinDays)).toEqual(items.map((i) => i.dueWithinDays));
    expect((await outcome(c.training.plans.update({ id: plan.id, version: plan.version, items }))).code).toBe("CONFLICT");
  });
});

describe("starters, sessions and coverage", () => {
  let starterId = "";

  it("adds a starter with the plan's assignments and due dates", async () => {
    const c = await trainer();
    const plan = await c.training.plans.get({ role: "social_worker" });
    const r = await c.training.staff.addStarter({ name: "Sam Starter", email: "sam.starter@test.evident.local", role: "social_worker", teamId: t.fx.teams.a, startDate: "2026-03-02" });
    starterId = r.staffId;
    expect(r.plan?.id).toBe(plan.id);
    expect(r.assignments).toHaveLength(plan.items.length);
    const consent = plan.items.find((i) => i.dueWithinDays === 14)!;
    expect(r.assignments.find((a) => a.itemId === consent.itemId)?.dueOn).toBe("2026-03-16");
    const detail = await c.training.staff.get({ id: starterId });
    expect(detail.assignments).toHaveLength(plan.items.length);
    expect(detail.assignments.every((a) => a.state !== "done")).toBe(true);
    const dup = await outcome(c.training.staff.addStarter({ name: "Sam Again", email: "sam.starter@test.evident.local", role: "social_worker", startDate: "2026-03-02" }));
    expect(dup.code).toBe("CONFLICT");
  });

  it("runs a session register: completions for everyone present, coverage moves", async () => {
    const c = await trainer();
    const course = await courseByTitle("Working with Families Affected by DA");
    const before = await c.training.dashboard.coverage({ asOf: TODAY, groupBy: "course" });
    const row0 = before.rows.find((r) => r.group === course.id)!;
    const s = await c.training.sessions.create({ courseId: course.id, date: TODAY, venue: "Training room", capacity: 10 });
    const detail = await c.training.sessions.get({ id: s.id });
    expect(detail.toInvite.map((x) => x.staffId)).toContain(starterId);
    await c.training.sessions.invite({ id: s.id, version: s.version, staffIds: [starterId, t.fx.users.practitioner.staffId!] });
    const booked = await c.training.sessions.get({ id: s.id });
    expect(booked.register).toHaveLength(2);
    const marked = await c.training.sessions.mark({
      id: s.id,
      version: booked.version,
      marks: [
        { staffId: starterId, attended: true },
        { staffId: t.fx.users.practitioner.staffId!, attended: false },
      ],
    });
    expect((await outcome(c.training.sessions.complete({ id: s.id, version: booked.version }))).code).toBe("CONFLICT");
    const done = await c.training.sessions.complete({ id: s.id, version: marked.version });
    expect(done.added).toBe(1);
    expect(done.expiresOn).toBe("2028-03-10");
    const after = await c.training.dashboard.coverage({ asOf: TODAY, groupBy: "course" });
    const row1 = after.rows.find((r) => r.group === course.id)!;
    expect(row1.numerator).toBe(row0.numerator + 1);
    expect(after.trend.at(-1)?.asOf).toBe(TODAY);
    const staff = await c.training.staff.get({ id: starterId });
    expect(staff.assignments.find((a) => a.itemId === course.id)?.state).toBe("done");
    const report = await c.training.reports.table26({ from: "2026-01-01", to: "2026-12-31" });
    expect(report.rows).toEqual([{ courseId: course.id, course: course.title, courses: 1, participants: 1 }]);
  });

  it("refuses a register for a future session", async () => {
    const c = await trainer();
    const course = await courseByTitle("VADA tool");
    const s = await c.training.sessions.create({ courseId: course.id, date: "2026-04-01" });
    expect((await outcome(c.training.sessions.mark({ id: s.id, version: s.version, marks: [{ staffId: starterId, attended: true }] }))).code).toBe("BAD_REQUEST");
  });

  it("cancels a session with a reason and tells everyone booked (in-app and email)", async () => {
    const c = await trainer();
    const p = t.testDb.db.prisma;
    const course = await courseByTitle("VADA tool");
    const s = await c.training.sessions.create({ courseId: course.id, date: "2026-04-20", venue: "Room 2" });
    await c.training.sessions.invite({ id: s.id, version: s.version, staffIds: [starterId, t.fx.users.practitioner.staffId!] });
    const booked = await c.training.sessions.get({ id: s.id });
    const emailsBefore = await p.emailOutbox.count({ where: { template: "training_session_cancelled" } });
    expect((await outcome(c.training.sessions.cancel({ id: s.id, version: s.version, reason: "Trainer ill" }))).code).toBe("CONFLICT");
    expect((await outcome(c.training.sessions.cancel({ id: s.id, version: booked.version, reason: "   " }))).code).toBe("BAD_REQUEST");
    const done = await c.training.sessions.cancel({ id: s.id, version: booked.version, reason: "Trainer ill" });
    // The practitioner has a login (1 notification); the starter has only an email; the practitioner's login email is used for them.
    expect(done).toMatchObject({ cancelled: true, cancelReason: "Trainer ill", notified: 1, emails: 2 });
    expect((await p.emailOutbox.count({ where: { template: "training_session_cancelled" } })) - emailsBefore).toBe(2);
    expect(await p.emailOutbox.count({ where: { template: "training_session_cancelled", to: "sam.starter@test.evident.local" } })).toBe(1);
    const notes = await (await t.as(t.fx.users.practitioner.id)).training.notifications.list();
    const note = notes.find((n) => n.kind === "training_session_cancelled")!;
    expect(note.title).toBe("Cancelled: VADA tool on 2026-04-20");
    expect(note.body).toContain("Reason: Trainer ill.");
    const after = await c.training.sessions.get({ id: s.id });
    expect(after.cancelled).toBe(true);
    expect((await outcome(c.training.sessions.cancel({ id: s.id, version: after.version, reason: "Again" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.training.sessions.invite({ id: s.id, version: after.version, staffIds: [starterId] }))).code).toBe("BAD_REQUEST");
    // Their assignment of the course stays open.
    expect((await c.training.staff.get({ id: starterId })).assignments.find((a) => a.itemId === course.id)?.state).not.toBe("done");
    const audit = await p.auditLog.findFirst({ where: { action: "training.sessions.cancel" } });
    expect(audit?.entityIds).toContain(s.id);
  });

  it("refuses to cancel a session whose completions are recorded", async () => {
    const c = await trainer();
    const course = await courseByTitle("Working with Families Affected by DA");
    const s = (await c.training.sessions.list({ courseId: course.id })).find((x) => x.completed)!;
    expect((await outcome(c.training.sessions.cancel({ id: s.id, version: s.version, reason: "Too late" }))).code).toBe("BAD_REQUEST");
  });

  it("changes a role and assigns what the new role needs", async () => {
    const c = await trainer();
    const before = await c.training.staff.get({ id: starterId });
    const r = await c.training.staff.changeRole({ id: starterId, version: before.staff.version, role: "domestic_abuse_worker", date: TODAY });
    const titles = (await c.training.courses.list()).filter((x) => r.added.some((a) => a.itemId === x.id)).map((x) => x.title);
    expect(titles).toContain("Inspiring Families Programme");
    expect(titles).not.toContain("Working with Families Affected by DA"); // held valid
    expect((await outcome(c.training.staff.changeRole({ id: starterId, version: before.staff.version, role: "hub_worker", date: TODAY }))).code).toBe("CONFLICT");
  });
});

describe("my training", () => {
  it("takes a module: wrong answers fail with feedback, right answers and the acknowledgement complete it", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const modules = await c.training.modules.list();
    const consent = modules.find((m) => m.code === "consent-and-information-sharing")!;
    const builtIn = ONBOARDING_MODULES.find((m) => m.id === consent.code)!;
    const right = builtIn.quiz!.questions.map((q) => q.correctIndex);
    const wrong = right.map((i) => (i + 1) % 3);
    const fail = await c.training.my.completeModule({ moduleId: consent.id, answers: wrong, acknowledged: true });
    expect(fail.completed).toBe(false);
    expect(fail.reasons).toContain("quiz_not_passed");
    expect(fail.quiz?.feedback[0]?.explanation).toBeTruthy();
    const noAck = await c.training.my.completeModule({ moduleId: consent.id, answers: right, acknowledged: false });
    expect(noAck.reasons).toEqual(["not_acknowledged"]);
    const ok = await c.training.my.completeModule({ moduleId: consent.id, answers: right, acknowledged: true });
    expect(ok.completed).toBe(true);
    const mine = await c.training.my.get();
    expect(mine.modulesDone).toContain(consent.id);
    expect((await c.training.my.module({ id: consent.id })).completedOn).toBe(TODAY);
  });

  it("an account without a staff record sees no training and cannot complete a module", async () => {
    const c = await t.as(t.fx.users.admin.id);
    expect((await c.training.my.get()).staff).toBeNull();
    const m = (await c.training.modules.list())[0]!;
    expect((await outcome(c.training.my.completeModule({ moduleId: m.id, answers: null, acknowledged: true }))).code).toBe("PRECONDITION_FAILED");
  });
});

describe("roster import", () => {
  const header = "name,email,role,job_title,team,start_date,languages";

  it("dry run lists problems with line numbers and writes nothing; a bad file is never half imported", async () => {
    const c = await trainer();
    const before = await t.testDb.db.prisma.staff.count();
    const teamName = (await t.testDb.db.prisma.team.findUniqueOrThrow({ where: { id: t.fx.teams.a } })).name;
    const csv = [header, `Ann One,ann@x.test,social_worker,,${teamName},2026-03-01,English;Urdu`, "Bob Two,bob@x.test,wizard,,,2026-03-01,", "Cat Three,ann@x.test,Trainer,,Nowhere,2026-02-30,"].join("\n");
    const dry = await c.training.staff.importRoster({ csv, mode: "dry_run" });
    expect(dry.committed).toBe(false);
    expect(dry.rows).toHaveLength(1);
    expect(dry.problems.map((p) => [p.line, p.column])).toEqual([
      [3, "role"],
      [4, "team"],
      [4, "start_date"],
    ]);
    const commit = await c.training.staff.importRoster({ csv, mode: "commit" });
    expect(commit.committed).toBe(false);
    expect(await t.testDb.db.prisma.staff.count()).toBe(before);
    const good = [header, `Ann One,ann@x.test,social_worker,,${teamName},2026-03-01,English;Urdu`, "Dan Four,,Family support worker,,,2026-03-03,"].join("\r\n");
    const ok = await c.training.staff.importRoster({ csv: good, mode: "commit" });
    expect(ok.committed).toBe(true);
    expect(ok.created).toBe(2);
    expect(await t.testDb.db.prisma.staff.count()).toBe(before + 2);
    const again = await c.training.staff.importRoster({ csv: good, mode: "dry_run" });
    expect(again.problems[0]).toMatchObject({ line: 2, column: "email" });
  });
});

describe("access and dashboards", () => {
  it("managers see their own team only; staff see only their own training", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const list = await m.training.staff.list();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((s) => s.teamId === t.fx.teams.a)).toBe(true);
    expect((await outcome(m.training.staff.get({ id: t.fx.otherTeam.staffId }))).code).toBe("NOT_FOUND");
    const due = await m.training.dashboard.due({ asOf: TODAY });
    expect(due.teams.every((x) => x.teamId === t.fx.teams.a)).toBe(true);
    const s = await t.as(t.fx.users.staff.id);
    expect((await outcome(s.training.staff.list())).code).toBe("FORBIDDEN");
    expect((await outcome(s.training.dashboard.coverage())).code).toBe("FORBIDDEN");
  });

  it("staff see their own training only; managers see their team's overdue and due-soon lists", async () => {
    const me = await t.as(t.fx.users.practitioner.id);
    const mine = await me.training.my.get({ asOf: TODAY });
    expect(mine.staff?.id).toBe(t.fx.users.practitioner.staffId);
    expect(mine.assignments.every((a) => a.staffId === t.fx.users.practitioner.staffId)).toBe(true);
    expect((await outcome(me.training.staff.get({ id: t.fx.otherTeam.staffId }))).code).toBe("FORBIDDEN");
    expect((await outcome(me.training.dashboard.due())).code).toBe("FORBIDDEN");
    // The starter (team A, started 2026-03-02) has the plan's 7-day item due 2026-03-09: overdue on 2026-03-10.
    const m = await t.as(t.fx.users.manager.id);
    const due = await m.training.dashboard.due({ asOf: TODAY, soonDays: 30 });
    expect(due.teams.map((x) => x.teamId)).toEqual([t.fx.teams.a]);
    const teamA = due.teams[0]!;
    const plan = await (await trainer()).training.plans.get({ role: "social_worker" });
    const sevenDay = plan.items.filter((i) => i.dueWithinDays <= 7).map((i) => i.title).sort();
    expect(teamA.overdue.filter((l) => l.name === "Sam Starter").map((l) => l.title).sort()).toEqual(sevenDay);
    expect(teamA.overdue.every((l) => l.dueOn < TODAY)).toBe(true);
    expect(teamA.dueSoon.every((l) => l.dueOn >= TODAY && l.dueOn <= "2026-04-09")).toBe(true);
    // A manager of another team (none here) or the other team's practitioner never appears.
    expect([...teamA.overdue, ...teamA.dueSoon].some((l) => l.staffId === t.fx.otherTeam.staffId)).toBe(false);
  });

  it("reminds before expiry once (notification and outbox), and counts turnover and facilitators", async () => {
    const p = t.testDb.db.prisma;
    const course = await courseByTitle("Inspiring Families – Train the Trainer");
    // The dv_worker trained 35 months ago (36-month validity): a reminder is due.
    await p.trainingCompletion.create({ data: { staffId: t.fx.users.dv_worker.staffId!, courseId: course.id, completedAt: new Date("2023-04-01T00:00:00Z") } });
    await p.staff.update({ where: { id: t.fx.users.dv_worker.staffId! }, data: { email: "dv@test.evident.local" } });
    const c = await trainer();
    const first = await c.training.reminders.run({ asOf: TODAY });
    expect(first.notifications).toBeGreaterThan(0);
    expect(first.emails).toBeGreaterThan(0);
    const second = await c.training.reminders.run({ asOf: TODAY });
    expect(second.notifications + second.emails).toBe(0);
    const dv = await t.as(t.fx.users.dv_worker.id);
    const notes = await dv.training.notifications.list();
    const reminder = notes.find((n) => n.kind === "training_reminder")!;
    expect(reminder.title).toMatch(/Train the Trainer/);
    expect((await dv.training.notifications.markRead({ ids: [reminder.id] })).marked).toBe(1);
    expect(await p.emailOutbox.count({ where: { template: "training_reminder", to: "dv@test.evident.local" } })).toBe(1);

    const pipeline = await c.training.dashboard.facilitators({ asOf: TODAY });
    const english = pipeline.rows.find((r) => r.track === "victims" && r.language === "English")!;
    expect(english.qualified).toBe(1);
    expect(english.status).toBe("below");
    expect(pipeline.warnings.length).toBeGreaterThan(0);

    await p.staff.update({ where: { id: t.fx.users.dv_worker.staffId! }, data: { leaveDate: new Date("2026-02-20T00:00:00Z") } });
    const turnover = await c.training.dashboard.turnover({ from: "2025-10-01", to: TODAY, population: "all_current" });
    const q4 = turnover.quarters.find((q) => q.label === "2025-26 Q4")!;
    expect(q4.leavers).toBe(1);
    expect(q4.courses.find((x) => x.courseId === course.id)?.trainedLeavers).toBe(1);
  });

  it("exports Table 26 as CSV and XLSX", async () => {
    const c = await trainer();
    const csv = await c.training.reports.table26Export({ from: "2026-01-01", to: "2026-12-31", format: "csv" });
    const text = Buffer.from(csv.base64, "base64").toString("utf8");
    expect(text).toContain("Training Course,Recorded number of courses delivered,Number of recorded participants");
    expect(text).toContain("Working with Families Affected by DA,1,1");
    const xlsx = await c.training.reports.table26Export({ from: "2026-01-01", to: "2026-12-31", format: "xlsx" });
    expect(Buffer.from(xlsx.base64, "base64").subarray(0, 2).toString()).toBe("PK");
    expect((await outcome(c.training.reports.table26({ from: "2026-12-31", to: "2026-01-01" }))).code).toBe("BAD_REQUEST");
  });

  it("writes Table 26's XLSX formula-safe: course titles =1+1, +1+1, -2, @SUM(1) (#15 finding 7)", async () => {
    const c = await trainer();
    const hostile = ["=1+1", "+1+1", "-2", "@SUM(1)"];
    for (const [i, title] of hostile.entries()) {
      const course = await c.training.courses.create({ code: `HOSTILE${i}`, title, description: "Export test.", deliveryMode: "classroom", durationHours: 1, validityMonths: 12, requiredFor: [], prerequisites: [], qualifiesFacilitator: false, languages: ["English"] });
      const s = await c.training.sessions.create({ courseId: course.id, date: TODAY, venue: "Room 9", capacity: 5 });
      await c.training.sessions.invite({ id: s.id, version: s.version, staffIds: [t.fx.users.practitioner.staffId!] });
      const booked = await c.training.sessions.get({ id: s.id });
      const marked = await c.training.sessions.mark({ id: s.id, version: booked.version, marks: [{ staffId: t.fx.users.practitioner.staffId!, attended: true }] });
      await c.training.sessions.complete({ id: s.id, version: marked.version });
    }
    const xlsx = await c.training.reports.table26Export({ from: "2026-01-01", to: "2026-12-31", format: "xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, "base64") as unknown as ArrayBuffer);
    const firstColumn: unknown[] = [];
    wb.worksheets[0]!.eachRow((row) => firstColumn.push(row.getCell(1).value));
    for (const title of hostile) {
      expect(firstColumn).toContain(`'${title}`);
      expect(firstColumn).not.toContain(title);
    }
    const csv = Buffer.from((await c.training.reports.table26Export({ from: "2026-01-01", to: "2026-12-31", format: "csv" })).base64, "base64").toString("utf8");
    for (const title of hostile) expect(csv).toContain(`\r\n'${title},1,1`);
  });

  it("audits reads and writes", async () => {
    const n = await t.testDb.db.prisma.auditLog.count({ where: { action: { startsWith: "training." }, outcome: "success" } });
    expect(n).toBeGreaterThan(20);
  });
});
