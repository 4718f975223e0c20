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

describe("the safeguarding override screen's data", () => {
  it("offers a manager the case-work staff other than themselves, and names who was let through and by whom", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    const { items } = await manager.people.overrides.grantees();
    const ids = items.map((i) => i.id);
    expect(ids).toContain(t.fx.users.dv_worker.id);
    expect(ids).toContain(t.fx.users.practitioner.id);
    expect(ids).not.toContain(t.fx.users.manager.id);
    expect(ids).not.toContain(t.fx.users.admin.id);
    expect(ids).not.toContain(t.fx.users.trainer.id);
    expect(items.find((i) => i.id === t.fx.users.dv_worker.id)).toEqual({ id: t.fx.users.dv_worker.id, name: "dv_worker user", role: "dv_worker", sameTeam: true });
    expect(items.find((i) => i.id === t.fx.otherTeam.id)?.sameTeam).toBe(false);

    await manager.people.overrides.create({ personId: t.fx.people.victim, userId: t.fx.users.dv_worker.id, reason: "Child at risk: the worker must call the mother today", minutes: 60 });
    const [row] = await manager.people.overrides.list({ personId: t.fx.people.victim });
    expect(row).toMatchObject({ grantedTo: { name: "dv_worker user" }, authorisedBy: { name: "manager user" }, revokedAt: null });
    expect(new Date(row!.expiresAt).getTime() - new Date(row!.createdAt).getTime()).toBeGreaterThan(59 * 60_000);

    const practitioner = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(practitioner.people.overrides.grantees())).code).toBe("FORBIDDEN");
  });
});
