import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, listProcedures, outcome } from "../../../test/procedures.js";
import { CANARY_PHONE, CANARY_POSTCODE, createTestApp, signIn, type TestApp } from "../../../test/harness.js";

let t: TestApp;
/** A MARAC referral of the victim: behind the barrier like her contact details. */
let maracId: string;
beforeAll(async () => {
  t = await createTestApp();
  maracId = (await t.testDb.db.prisma.maracReferral.create({ data: { personId: t.fx.people.victim, familyId: t.fx.families.mine, referredOn: new Date("2025-06-01"), referringAgency: "police", dashScore: 17, criteria: ["visible_high_risk"] } })).id;
});
afterAll(async () => {
  await t?.dispose();
});

const CANARIES = [CANARY_PHONE, CANARY_POSTCODE, "07700900999", "SL19ZZ", "Canary Row"];

function leaks(value: unknown): string[] {
  const text = JSON.stringify(value ?? null, (_k, v) => (v instanceof Error ? { message: v.message, cause: String(v.cause ?? "") } : v));
  return CANARIES.filter((c) => text.includes(c));
}

/** Every query procedure with every id the fixture knows, in every input shape the API uses. */
function readCalls() {
  const f = t.fx;
  const ids = [...Object.values(f.people), ...Object.values(f.families), ...Object.values(f.groups), f.session, f.programme];
  const inputs: unknown[] = [{}];
  for (const id of ids) inputs.push({ id }, { personId: id }, { childId: id }, { familyId: id }, { sessionId: id }, { programmeId: id });
  // Hub, assessment, questionnaire and consent records of the victim's family.
  for (const id of Object.values(f.hub)) inputs.push({ id }, { hubCaseId: id });
  return listProcedures()
    .filter((p) => p.type === "query")
    .flatMap((p) => inputs.map((input) => ({ path: p.path, input })));
}

describe("information barrier", () => {
  it("the canary is really there: the family's lead worker can read it", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const contact = await c.people.contact.get({ personId: t.fx.people.victim });
    expect(contact?.phone).toBe(CANARY_PHONE);
    expect(contact?.postcode).toBe(CANARY_POSTCODE);
    expect((await c.marac.list({ personId: t.fx.people.victim })).items.map((r) => r.id)).toEqual([maracId]);
  });

  for (const who of ["dv_worker", "perpWorker"] as const) {
    it(`${who} (working with the perpetrator) never receives the victim's contact details through any read path`, async () => {
      const userId = who === "dv_worker" ? t.fx.users.dv_worker.id : t.fx.perpWorker.id;
      const caller = await t.as(userId);
      let reached = 0;
      for (const { path, input } of [...readCalls(), { path: "marac.get", input: { id: maracId } }]) {
        const result = await outcome(callPath(caller, path, input));
        if (result.code === "OK") reached++;
        expect(leaks(result), `${path} ${JSON.stringify(input)}`).toEqual([]);
        // Nor her MARAC referral.
        expect(JSON.stringify(result ?? null).includes(maracId), `MARAC referral through ${path} ${JSON.stringify(input)}`).toBe(false);
      }
      expect(reached).toBeGreaterThan(0);
      // The perpetrator's worker can see the victim as a person (same family or group), but not how to reach her.
      expect((await outcome(caller.people.contact.get({ personId: t.fx.people.victim }))).code).toBe("NOT_FOUND");
    }, 240_000);
  }

  it("over HTTP too (batch of every read path)", async () => {
    const s = await signIn(t, t.fx.users.dv_worker.email);
    for (const { path, input } of readCalls()) {
      const res = await t.app.app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie: s.cookie! } });
      const body = await res.text();
      expect(CANARIES.filter((c) => body.includes(c)), path).toEqual([]);
      expect(res.status).toBeLessThan(500);
    }
  }, 240_000);

  it("cannot write through the barrier either", async () => {
    const c = await t.as(t.fx.users.dv_worker.id);
    const r = await outcome(c.people.contact.update({ personId: t.fx.people.victim, version: 1, patch: { phone: "07700 900000" } }));
    expect(r.code).toBe("NOT_FOUND");
  });

  it("a manager's override lets a named worker through, audited and time-limited", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    expect((await outcome(manager.people.overrides.create({ personId: t.fx.people.victim, userId: t.fx.users.dv_worker.id, reason: "too short", minutes: 60 }))).code).toBe("BAD_REQUEST");
    const override = await manager.people.overrides.create({
      personId: t.fx.people.victim,
      userId: t.fx.users.dv_worker.id,
      reason: "Child at immediate risk; police need a safe contact route",
      minutes: 60,
    });
    const dv = await t.as(t.fx.users.dv_worker.id);
    const contact = await dv.people.contact.get({ personId: t.fx.people.victim });
    expect(contact?.phone).toBe(CANARY_PHONE);
    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: { startsWith: "people." }, personIds: { has: t.fx.people.victim } }, orderBy: { at: "asc" } });
    const created = audit.find((a) => a.action === "people.overrides.create" && a.outcome === "success");
    expect(created?.reason).toMatch(/immediate risk/);
    const read = audit.find((a) => a.action === "people.contact.get" && a.actorId === t.fx.users.dv_worker.id && a.outcome === "success");
    expect(read?.reason).toBe("safeguarding override: Child at immediate risk; police need a safe contact route");
    expect(read?.entityIds).toContain(override.id);
    expect(JSON.stringify(audit)).not.toContain(CANARY_PHONE);
    // Other people are not let through by someone else's override.
    expect((await outcome((await t.as(t.fx.perpWorker.id)).people.contact.get({ personId: t.fx.people.victim }))).code).toBe("NOT_FOUND");
    // After it expires, the barrier is back.
    t.clock.now = new Date(t.clock.now.getTime() + 61 * 60_000);
    const later = await t.as(t.fx.users.dv_worker.id);
    expect((await outcome(later.people.contact.get({ personId: t.fx.people.victim }))).code).toBe("NOT_FOUND");
    t.clock.now = new Date();
    // Revoked overrides stop at once.
    await manager.people.overrides.revoke({ id: override.id });
    const second = await manager.people.overrides.create({ personId: t.fx.people.victim, userId: t.fx.users.dv_worker.id, reason: "Second review of the safety plan", minutes: 30 });
    await manager.people.overrides.revoke({ id: second.id });
    expect((await outcome((await t.as(t.fx.users.dv_worker.id)).people.contact.get({ personId: t.fx.people.victim }))).code).toBe("NOT_FOUND");
  });

  it("admins can query the audit log; it holds field names, never values", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const page = await admin.admin.audit.list({ action: "people.contact.get", limit: 100 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.some((row) => row.outcome === "denied")).toBe(true);
    expect(JSON.stringify(page)).not.toContain(CANARY_PHONE);
    // Admins still cannot read the case record itself.
    expect((await outcome(admin.people.contact.get({ personId: t.fx.people.victim }))).code).toBe("FORBIDDEN");
    expect((await outcome(admin.families.get({ id: t.fx.families.mine }))).code).toBe("FORBIDDEN");
  });

  it("audits every barrier denial", async () => {
    const n = await t.testDb.db.prisma.auditLog.count({ where: { action: "people.contact.get", outcome: "denied", actorId: t.fx.perpWorker.id } });
    expect(n).toBeGreaterThan(0);
  });
});
