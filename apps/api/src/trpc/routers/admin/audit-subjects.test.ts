import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe("audit log: the record picker and the date range", () => {
  it("finds a staff account, its training record and its team by name, never a person in a case, and audits the search", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    // The fixture's practitioner is "practitioner user" with a training record "practitioner staff".
    const found = await admin.admin.audit.subjects({ search: "PRACTITIONER" });
    expect(found).toContainEqual({ id: t.fx.users.practitioner.id, kind: "Staff account", name: `practitioner user (${t.fx.users.practitioner.email})` });
    expect(found).toContainEqual({ id: t.fx.users.practitioner.staffId, kind: "Training record", name: "practitioner staff" });
    const teams = await admin.admin.audit.subjects({ search: "Team A" });
    expect(teams.map((x) => x.id)).toContain(t.fx.teams.a);
    // The fixture's victim, Vicky Tester, is in a case record: not found.
    expect(await admin.admin.audit.subjects({ search: "Vicky" })).toEqual([]);
    await t.app.deps.auditQueue.drain();
    const audited = await t.testDb.db.prisma.auditLog.count({ where: { actorId: t.fx.users.admin.id, action: "admin.audit.subjects" } });
    expect(audited).toBe(3);
  });

  it("refuses a one-letter search and a To date before the From date, naming the field", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    await expect(admin.admin.audit.subjects({ search: "a" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const wrong = admin.admin.audit.list({ from: "2026-03-10", to: "2026-03-09" });
    await expect(wrong).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The message names the field ("to") and says what is wrong.
    await expect(wrong).rejects.toThrow(/must be the same as or after the From date/);
    await expect(wrong).rejects.toThrow(/"path":\s*\[\s*"to"\s*\]/);
    await expect(admin.admin.audit.export({ from: "2026-03-10", to: "2026-03-09" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The same day is a range of one day.
    await expect(admin.admin.audit.list({ from: "2026-03-10", to: "2026-03-10" })).resolves.toBeDefined();
  });

  it("is refused to every role but the administrator", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    await expect(manager.admin.audit.subjects({ search: "team" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
