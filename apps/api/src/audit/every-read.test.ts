/**
 * #15 finding 5: reads that returned personal or sensitive data wrote no audit row (36 procedures,
 * e.g. admin.users.list, surveys.results, decisions.*, finance.*, logicModels.*, monitoring.compute),
 * and out-of-scope reads ending in 404 left no trace. The access-matrix test walks every procedure;
 * this file checks the named ones and the 404s directly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, seedLogicModels, type TestApp } from "../test/harness.js";
import { outcome } from "../test/procedures.js";
import { AUDIT_EXEMPT } from "./exempt.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedLogicModels(t);
});
afterAll(async () => {
  await t?.dispose();
});

const rows = (actorId: string, action: string, outcome?: "success" | "failure" | "denied") =>
  t.testDb.db.prisma.auditLog.count({ where: { actorId, action, ...(outcome ? { outcome } : {}) } });

describe("every read is audited", () => {
  it("reads named in the finding each write a row", async () => {
    const { admin, manager, analyst } = t.fx.users;
    const calls: [string, string, (c: Awaited<ReturnType<TestApp["as"]>>) => Promise<unknown>][] = [
      [admin.id, "admin.users.list", (c) => c.admin.users.list({})],
      [manager.id, "decisions.list", (c) => c.decisions.list({})],
      [manager.id, "finance.programmes", (c) => c.finance.programmes()],
      [manager.id, "finance.summary", (c) => c.finance.summary({ programmeId: t.fx.programme })],
      [analyst.id, "logicModels.list", (c) => c.logicModels.list({})],
      [analyst.id, "monitoring.compute", (c) => c.monitoring.compute({ measureId: "cp_cases_known_da_perpetrator", from: "2018-12-01", to: "2019-02-28" })],
      [manager.id, "surveys.list", (c) => c.surveys.list()],
      [manager.id, "audits.rounds.list", (c) => c.audits.rounds.list()],
    ];
    for (const [actor, action, call] of calls) {
      const before = await rows(actor, action, "success");
      await call(await t.as(actor));
      expect(await rows(actor, action, "success"), action).toBe(before + 1);
    }
  });

  it("a read of another team's record ends in 404 and is audited as a failed attempt naming the id (one caller, two calls: each audited)", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.families.get({ id: t.fx.families.otherTeam }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.people.get({ id: t.fx.people.otherChild }))).code).toBe("NOT_FOUND");
    const failures = await t.testDb.db.prisma.auditLog.findMany({ where: { actorId: t.fx.users.practitioner.id, outcome: "failure" }, select: { action: true, entityIds: true } });
    expect(failures).toEqual(expect.arrayContaining([{ action: "families.get", entityIds: [t.fx.families.otherTeam] }]));
    // people.get records its own refusal (the barrier's router); either way the attempt leaves a row naming the person.
    const people = await t.testDb.db.prisma.auditLog.count({ where: { actorId: t.fx.users.practitioner.id, action: "people.get", outcome: { in: ["failure", "denied"] }, entityIds: { has: t.fx.people.otherChild } } });
    const peopleByPerson = await t.testDb.db.prisma.auditLog.count({ where: { actorId: t.fx.users.practitioner.id, action: "people.get", outcome: { in: ["failure", "denied"] }, personIds: { has: t.fx.people.otherChild } } });
    expect(people + peopleByPerson).toBeGreaterThan(0);
  });

  it("exemptions are few and each has a reason", () => {
    expect(Object.keys(AUDIT_EXEMPT)).toEqual(["session.me"]);
    for (const reason of Object.values(AUDIT_EXEMPT)) expect(reason.length).toBeGreaterThan(40);
  });
});
