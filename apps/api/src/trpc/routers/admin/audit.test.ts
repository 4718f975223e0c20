import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe("audit viewer", () => {
  it("filters by person, action and user, exports formula-safe CSV, and audits both", async () => {
    const p = t.testDb.db.prisma;
    const practitioner = await t.as(t.fx.users.practitioner.id);
    await practitioner.families.get({ id: t.fx.families.mine });
    await t.app.deps.auditQueue.drain();
    // A hostile reason, as a sign-in form could have carried it.
    await p.auditLog.create({ data: { action: "test.hostile", outcome: "failure", entityIds: ["x1"], reason: "=HYPERLINK(\"http://evil\",\"x\")", actorId: t.fx.users.practitioner.id } });

    const admin = await t.as(t.fx.users.admin.id);
    // The victim is a member of family A: the family read names her among its people.
    const byPerson = await admin.admin.audit.list({ entityId: t.fx.people.victim, action: "families.get" });
    expect(byPerson.items.map((r) => r.actorId)).toEqual([t.fx.users.practitioner.id]);
    const byUser = await admin.admin.audit.list({ actorId: t.fx.users.practitioner.id, action: "test.hostile" });
    expect(byUser.items).toHaveLength(1);

    const out = await admin.admin.audit.export({ action: "test.hostile" });
    expect(out.rows).toBe(1);
    const lines = out.csv.split("\r\n");
    expect(lines[0]).toBe("When (UTC),User,User id,Role,Action,Outcome,Record type,Records,People,Fields,Reason,Request");
    expect(lines[1]).toContain(`,${t.fx.users.practitioner.email},`);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);

    const audited = await p.auditLog.findMany({ where: { actorId: t.fx.users.admin.id, action: { in: ["admin.audit.list", "admin.audit.export"] } }, select: { action: true, fields: true } });
    expect(audited.filter((a) => a.action === "admin.audit.list").map((a) => a.fields.sort().join(" ")).sort()).toEqual(["action actorId", "action entityId"]);
    expect(audited.filter((a) => a.action === "admin.audit.export")).toHaveLength(1);
  });
});
