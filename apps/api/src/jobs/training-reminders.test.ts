import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/harness.js";
import { runTrainingReminders, startTrainingReminderScheduler } from "./training-reminders.js";

// A fixed clock: 2026-03-10. The practitioner (team A, managed by the fixture's team manager) has
// - "Working with Families Affected by DA" (24 months) completed 2024-04-01: expires 2026-04-01, 22 days away,
//   so the 30-day refresher reminder is due (learner + manager);
// - a module assignment due 2026-03-05: overdue by 5 days (learner + manager);
// - a module assignment due 2025-11-30: overdue by 100 days, too old to remind (limit 30 days).
let t: TestApp;
const NOW = new Date("2026-03-10T07:00:00Z");
let courseId = "";

beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = NOW;
  const trainer = await t.as(t.fx.users.trainer.id);
  const courses = await trainer.training.courses.list(); // bootstraps the catalogue
  courseId = courses.find((c) => c.title === "Working with Families Affected by DA")!.id;
  const modules = await trainer.training.modules.list();
  const p = t.testDb.db.prisma;
  const staffId = t.fx.users.practitioner.staffId!;
  await p.trainingCompletion.create({ data: { staffId, courseId, completedAt: new Date("2024-04-01T00:00:00Z") } });
  await p.trainingAssignment.create({ data: { staffId, moduleId: modules[0]!.id, assignedAt: new Date("2026-02-01T09:00:00Z"), dueDate: new Date("2026-03-05") } });
  await p.trainingAssignment.create({ data: { staffId, moduleId: modules[1]!.id, assignedAt: new Date("2025-11-01T09:00:00Z"), dueDate: new Date("2025-11-30") } });
});
afterAll(async () => {
  await t?.dispose();
});

const run = (asOf: string, now = NOW) => runTrainingReminders(t.testDb.db.prisma, { asOf, trigger: "schedule", now, logger: t.logger });

describe("training reminder job", () => {
  it("creates the refresher and overdue reminders once each, with notifications and outbox emails", async () => {
    const p = t.testDb.db.prisma;
    const first = await run("2026-03-10");
    expect(first).toMatchObject({ skipped: false, due: 4, notifications: 4, emails: 4, noContact: 0 });
    const keys = (await p.trainingReminderSent.findMany({ select: { key: true } })).map((r: { key: string }) => r.key).sort();
    const staffId = t.fx.users.practitioner.staffId!;
    expect(keys.filter((k: string) => k.startsWith("training-expiry:"))).toEqual([
      `training-expiry:${staffId}:${courseId}:2026-04-01:30:learner`,
      `training-expiry:${staffId}:${courseId}:2026-04-01:30:manager`,
    ]);
    expect(keys.filter((k: string) => k.startsWith("training-overdue:")).map((k: string) => k.split(":").slice(2).join(":"))).toEqual(["2026-03-05:learner", "2026-03-05:manager"]);
    const mine = await p.notification.findMany({ where: { userId: t.fx.users.practitioner.id }, select: { kind: true, title: true } });
    expect(mine.map((n: { kind: string }) => n.kind).sort()).toEqual(["training_overdue", "training_reminder"]);
    expect(mine.find((n: { kind: string }) => n.kind === "training_reminder")!.title).toBe("Your Working with Families Affected by DA training expires in 22 days");
    const managerNotes = await p.notification.count({ where: { userId: t.fx.users.manager.id } });
    expect(managerNotes).toBe(2);
    expect(await p.emailOutbox.count({ where: { to: t.fx.users.practitioner.email } })).toBe(2);

    // Same day again, and the next day (same lead time, same overdue assignment): nothing new.
    expect(await run("2026-03-10")).toMatchObject({ due: 4, notifications: 0, emails: 0 });
    expect(await run("2026-03-11", new Date("2026-03-11T07:00:00Z"))).toMatchObject({ notifications: 0, emails: 0 });
    expect(await p.notification.count({ where: { kind: { in: ["training_reminder", "training_overdue"] } } })).toBe(4);
  });

  it("two runs at once create each new reminder once (the 7-day reminder on 2026-03-26)", async () => {
    const p = t.testDb.db.prisma;
    const before = await p.emailOutbox.count();
    const at = new Date("2026-03-26T07:00:00Z");
    const [a, b] = await Promise.all([run("2026-03-26", at), run("2026-03-26", at)]);
    // expires 2026-04-01: 6 days away → the 7-day reminder, learner and manager.
    expect(a.notifications + b.notifications).toBe(2);
    expect(a.emails + b.emails).toBe(2);
    expect((await p.emailOutbox.count()) - before).toBe(2);
  });

  it("the scheduler runs once at start and records each run; an overlapping tick is refused", async () => {
    const p = t.testDb.db.prisma;
    const scheduler = startTrainingReminderScheduler({ db: t.testDb.db, logger: t.logger, now: () => new Date("2026-03-27T07:00:00Z"), firstRunMs: 0, intervalMs: 3_600_000 });
    try {
      for (let i = 0; i < 100 && (await p.trainingReminderRun.count({ where: { trigger: "start" } })) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      const start = await p.trainingReminderRun.findFirstOrThrow({ where: { trigger: "start" } });
      expect(start.asOf.toISOString().slice(0, 10)).toBe("2026-03-27");
      expect(start.notifications).toBe(0);
      const [x, y] = await Promise.all([scheduler.tick("schedule"), scheduler.tick("schedule")]);
      expect([x, y].filter((r) => r === null)).toHaveLength(1);
    } finally {
      scheduler.stop();
    }
    expect(await scheduler.tick("schedule")).toBeNull();
  });

  it("admins run it now and see the last run; staff cannot", async () => {
    t.clock.now = new Date("2026-04-01T08:00:00Z");
    const admin = await t.as(t.fx.users.admin.id);
    const r = await admin.training.reminders.run();
    // Expired on 2026-04-01: the "expired" notice, learner and manager.
    expect(r).toMatchObject({ trigger: "admin", asOf: "2026-04-01", notifications: 2, emails: 2 });
    const status = await admin.training.reminders.status();
    expect(status.lastRun).toMatchObject({ id: r.runId, trigger: "admin", asOf: "2026-04-01", notifications: 2, emails: 2, failed: false });
    expect(status.remindersSent).toBe(8);
    const audit = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "training.reminders.run", actorId: t.fx.users.admin.id } });
    expect(audit?.entityIds).toEqual([r.runId]);
    const staff = await t.as(t.fx.users.staff.id);
    await expect(staff.training.reminders.status()).rejects.toMatchObject({ code: "FORBIDDEN" });
    t.clock.now = NOW;
  });
});
