import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const saved = t.clock.now;
  t.clock.now = new Date(iso);
  try {
    return await fn();
  } finally {
    t.clock.now = saved;
  }
}

describe("follow-ups", () => {
  it("plans monthly contacts for six months once the hub case has ended, lists due and overdue, marks them done", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    // Not before the case has ended.
    expect((await outcome(c.followUps.schedule({ hubCaseId: t.fx.hub.hubCase }))).code).toBe("BAD_REQUEST");
    const hub = await c.hub.get({ id: t.fx.hub.hubCase });
    await c.hub.update({ id: hub.id, version: hub.version, patch: { status: "closed", endDate: "2025-08-20" } });
    const planned = await c.followUps.schedule({ hubCaseId: t.fx.hub.hubCase });
    expect(planned.from).toBe("2025-08-20");
    expect(planned.items.map((f) => f.dueDate)).toEqual(["2025-09-20", "2025-10-20", "2025-11-20", "2025-12-20", "2026-01-20", "2026-02-20"]);
    expect(planned.items.every((f) => f.kind === "contact" && f.staffId === t.fx.users.practitioner.staffId && f.familyId === t.fx.families.mine)).toBe(true);
    expect((await outcome(c.followUps.schedule({ hubCaseId: t.fx.hub.hubCase }))).code).toBe("CONFLICT");

    const due = await at("2025-10-15T09:00:00Z", async () => (await t.as(t.fx.users.practitioner.id)).followUps.due({}));
    expect(due.overdue.map((f) => [f.dueDate, f.daysOverdue])).toEqual([["2025-09-20", 25]]);
    expect(due.due.map((f) => f.dueDate)).toEqual(["2025-10-20"]);
    // Someone else's list does not include them; a manager's team list does.
    expect((await at("2025-10-15T09:00:00Z", async () => (await t.as(t.fx.perpWorker.id)).followUps.due({}))).overdue).toEqual([]);
    expect((await at("2025-10-15T09:00:00Z", async () => (await t.as(t.fx.users.manager.id)).followUps.due({ scope: "team" }))).overdue).toHaveLength(1);
    expect((await outcome(c.followUps.due({ scope: "team" }))).code).toBe("FORBIDDEN");

    const first = planned.items[0]!;
    expect((await outcome(c.followUps.complete({ id: first.id, version: first.version, doneDate: "2025-09-22", outcome: "Spoke to mother", takenUp: true }))).code).toBe("BAD_REQUEST");
    const done = await c.followUps.complete({ id: first.id, version: first.version, doneDate: "2025-09-22", outcome: "Spoke to mother: doing well" });
    expect(done).toMatchObject({ state: "done", doneDate: "2025-09-22", outcome: "Spoke to mother: doing well", version: first.version + 1 });
    expect((await outcome(c.followUps.complete({ id: first.id, version: first.version, doneDate: "2025-09-23", outcome: "lost" }))).code).toBe("CONFLICT");
    const second = planned.items[1]!;
    const moved = await c.followUps.update({ id: second.id, version: second.version, patch: { dueDate: "2025-10-27" } });
    expect(moved.dueDate).toBe("2025-10-27");
    expect((await outcome(c.followUps.update({ id: second.id, version: second.version, patch: { dueDate: "2025-10-28" } }))).code).toBe("CONFLICT");
    expect((await c.followUps.list({ hubCaseId: t.fx.hub.hubCase, state: "done" })).items.map((f) => f.id)).toEqual([first.id]);
    const audit = await t.testDb.db.prisma.auditLog.count({ where: { action: { in: ["followUps.schedule", "followUps.complete", "followUps.update"] }, outcome: "success" } });
    expect(audit).toBe(3);
  });

  it("an onward referral needs consent to share with the service, and records take-up", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const input = { familyId: t.fx.families.mine, personId: t.fx.people.victim, kind: "onward_referral" as const, service: "housing" as const, dueDate: "2025-09-01" };
    const before = await t.testDb.db.prisma.followUp.count();
    expect((await outcome(c.followUps.create(input))).code).toBe("FORBIDDEN");
    expect((await outcome(c.followUps.create({ ...input, personId: undefined }))).code).toBe("BAD_REQUEST");
    expect(await t.testDb.db.prisma.followUp.count()).toBe(before);
    const consent = await c.consent.create({ personId: t.fx.people.victim, purpose: "onward_referral", recipientAgency: "housing", status: "given", decidedAt: "2025-08-01" });
    const referral = await c.followUps.create(input);
    expect(referral).toMatchObject({ kind: "onward_referral", service: "housing", takenUp: null });
    const row = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "followUps.create", outcome: "success", entityIds: { has: referral.id } } });
    expect(row?.entityIds).toContain(consent.id);
    const done = await c.followUps.complete({ id: referral.id, version: referral.version, doneDate: "2025-09-10", outcome: "Housing assessment booked", takenUp: true });
    expect(done.takenUp).toBe(true);
  });

  it("hides another team's follow-ups as NOT_FOUND", async () => {
    const theirs = await t.testDb.db.prisma.followUp.create({ data: { familyId: t.fx.families.otherTeam, staffId: t.fx.otherTeam.staffId, kind: "contact", dueDate: new Date("2025-01-01") } });
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.followUps.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.followUps.update({ id: theirs.id, version: 1, patch: { dueDate: "2025-02-01" } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.followUps.complete({ id: theirs.id, version: 1, doneDate: "2025-02-01", outcome: "x" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.followUps.create({ familyId: t.fx.families.otherTeam, kind: "contact", dueDate: "2025-02-01" }))).code).toBe("NOT_FOUND");
    expect((await c.followUps.list({ limit: 100 })).items.some((f) => f.id === theirs.id)).toBe(false);
    const m = await t.as(t.fx.users.manager.id);
    const team = await m.followUps.due({ scope: "team", withinDays: 90 });
    expect([...team.overdue, ...team.due].some((f) => f.id === theirs.id)).toBe(false);
    expect((await (await t.as(t.fx.otherTeam.id)).followUps.due({})).overdue.map((f) => f.id)).toContain(theirs.id);
  });
});
