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

describe("assessments", () => {
  it("records an assessment with census factors and days from allocation to completion against the 25-day target", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const a = await c.assessments.create({ childId: t.fx.people.child, familyId: t.fx.families.mine, level: "CIN", allocatedAt: "2025-01-01", startedAt: "2025-01-02", completedAt: "2025-01-30", factors: ["3a", " 3B", "16A"] });
    expect(a).toMatchObject({ level: "CIN", allocatedAt: "2025-01-01", startedAt: "2025-01-02", completedAt: "2025-01-30", factors: ["3A", "3B", "16A"], staffId: t.fx.users.practitioner.staffId, version: 1 });
    expect(a.timeliness).toEqual({ days: 29, targetDays: 25, completed: true, withinTarget: false, overdue: false, daysRemaining: null });
    const got = await c.assessments.get({ id: a.id });
    expect(got.timeliness.days).toBe(29);

    const updated = await c.assessments.update({ id: a.id, version: a.version, patch: { completedAt: "2025-01-20", factors: ["21"] } });
    expect(updated).toMatchObject({ completedAt: "2025-01-20", factors: ["21"], version: 2 });
    expect(updated.timeliness).toMatchObject({ days: 19, withinTarget: true });
    expect((await outcome(c.assessments.update({ id: a.id, version: a.version, patch: { level: "EARLY_HELP" } }))).code).toBe("CONFLICT");
    // Dates checked against the stored ones.
    expect((await outcome(c.assessments.update({ id: a.id, version: 2, patch: { completedAt: "2024-12-31" } }))).code).toBe("BAD_REQUEST");
    expect((await c.assessments.get({ id: a.id })).level).toBe("CIN");

    // The fixture's open assessment, allocated 2025-03-01, is long overdue.
    const open = await c.assessments.list({ familyId: t.fx.families.mine, open: true });
    expect(open.items.map((x) => x.id)).toEqual([t.fx.hub.assessment]);
    expect(open.items[0]!.timeliness).toMatchObject({ completed: false, overdue: true });
    // Named for the lists (overdue assessments on the home page and the assessments list).
    expect(open.items[0]).toMatchObject({ child: { firstName: "Chris", lastName: "Tester", restricted: false }, family: { name: "Family A" } });

    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { entityIds: { has: a.id }, outcome: "success" }, orderBy: { at: "asc" } });
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(["assessments.create", "assessments.get", "assessments.update"]));
    expect(audit.every((r) => r.personIds.includes(t.fx.people.child))).toBe(true);
  });

  it("refuses factors outside the CIN census code list and impossible dates, writing nothing", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const before = await t.testDb.db.prisma.assessment.count();
    const base = { childId: t.fx.people.child, familyId: t.fx.families.mine, level: "EARLY_HELP" as const, startedAt: "2025-02-01" };
    expect((await outcome(c.assessments.create({ ...base, factors: ["3D"] }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.assessments.create({ ...base, factors: ["21", "3A"] }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.assessments.create({ ...base, factors: ["3A", "3A"] }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.assessments.create({ ...base, allocatedAt: "2025-02-02" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.assessments.create({ ...base, startedAt: "2025-02-30" }))).code).toBe("BAD_REQUEST");
    // Assessments are of children.
    expect((await outcome(c.assessments.create({ ...base, childId: t.fx.people.victim }))).code).toBe("BAD_REQUEST");
    expect(await t.testDb.db.prisma.assessment.count()).toBe(before);
  });

  it("hides another team's assessments as NOT_FOUND", async () => {
    const theirs = await t.testDb.db.prisma.assessment.create({ data: { childId: t.fx.people.otherChild, familyId: t.fx.families.otherTeam, level: "CIN", startedAt: new Date("2025-01-01"), factors: ["1A"] } });
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.assessments.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.assessments.update({ id: theirs.id, version: 1, patch: { factors: ["2A"] } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.assessments.list({ familyId: t.fx.families.otherTeam }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.assessments.create({ childId: t.fx.people.otherChild, familyId: t.fx.families.otherTeam, level: "CIN", startedAt: "2025-01-01" }))).code).toBe("NOT_FOUND");
    expect((await c.assessments.list({ limit: 100 })).items.some((x) => x.id === theirs.id)).toBe(false);
    expect((await t.testDb.db.prisma.assessment.findUniqueOrThrow({ where: { id: theirs.id } })).factors).toEqual(["1A"]);
  });
});

describe("completed assessments: pages with the total", () => {
  it("pages through every completed assessment once, most recent first, with the total matching", async () => {
    const p = t.testDb.db.prisma;
    const c = await t.as(t.fx.users.practitioner.id);
    // Five completed assessments on distinct days, plus one in progress that must not be listed.
    const days = ["2024-02-10", "2024-02-14", "2024-02-12", "2024-02-16", "2024-02-11"];
    for (const d of days) {
      await p.assessment.create({ data: { childId: t.fx.people.child, familyId: t.fx.families.mine, level: "EARLY_HELP", allocatedAt: new Date("2024-02-01"), startedAt: new Date("2024-02-02"), completedAt: new Date(d), factors: [] } });
    }
    await p.assessment.create({ data: { childId: t.fx.people.child, familyId: t.fx.families.mine, level: "EARLY_HELP", allocatedAt: new Date("2024-02-01"), startedAt: new Date("2024-02-02"), factors: [] } });
    const expected = await p.assessment.count({ where: { familyId: t.fx.families.mine, completedAt: { not: null } } });
    expect(expected).toBeGreaterThanOrEqual(5);

    const seen: string[] = [];
    const completedDays: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await c.assessments.list({ familyId: t.fx.families.mine, open: false, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(expected);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.id));
      completedDays.push(...page.items.map((a) => a.completedAt!));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(expected);
    expect(seen).toHaveLength(expected);
    expect(completedDays).toEqual([...completedDays].sort().reverse());
    // The five made here come in this order among them.
    expect(completedDays.filter((d) => d.startsWith("2024-02"))).toEqual(["2024-02-16", "2024-02-14", "2024-02-12", "2024-02-11", "2024-02-10"]);
  });
});
