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

const today = () => t.clock.now.toISOString().slice(0, 10);
const REASON = "Child at risk of significant harm: police must be told today";

describe("consent", () => {
  it("records consent, checks it, and a withdrawal blocks the next share", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const given = await c.consent.create({ personId: t.fx.people.child, purpose: "hub_multi_agency", recipientAgency: "school", status: "given", decidedAt: "2025-01-10", notes: "Mother consented for the school" });
    expect(given).toMatchObject({ status: "given", decidedAt: "2025-01-10", inForce: true, state: "in_force", version: 1 });
    expect(await c.consent.check({ personId: t.fx.people.child, purpose: "hub_multi_agency", recipientAgency: "school" })).toMatchObject({ allowed: true, basis: "consent", consentId: given.id });
    // Another agency or purpose is not covered.
    expect((await c.consent.check({ personId: t.fx.people.child, purpose: "hub_multi_agency", recipientAgency: "police" })).allowed).toBe(false);
    expect((await c.consent.check({ personId: t.fx.people.child, purpose: "evaluation", recipientAgency: "school" })).allowed).toBe(false);

    const withdrawn = await c.consent.withdraw({ id: given.id, version: given.version, withdrawnAt: today() });
    expect(withdrawn).toMatchObject({ status: "withdrawn", inForce: false, state: "withdrawn", version: 2 });
    expect(await c.consent.check({ personId: t.fx.people.child, purpose: "hub_multi_agency", recipientAgency: "school" })).toMatchObject({ allowed: false, gap: "withdrawn" });
    // A stale withdrawal is refused.
    expect((await outcome(c.consent.withdraw({ id: given.id, version: given.version, withdrawnAt: today() }))).code).toBe("CONFLICT");

    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: { in: ["consent.create", "consent.withdraw", "consent.check"] }, actorId: t.fx.users.practitioner.id } });
    expect(audit.filter((a) => a.action === "consent.create" && a.outcome === "success")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "consent.withdraw" && a.outcome === "success")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "consent.check" && a.outcome === "denied").length).toBeGreaterThanOrEqual(3);
  });

  it("a refusal, or a later decision, replaces the earlier one", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    await c.consent.create({ personId: t.fx.people.perpetrator, purpose: "onward_referral", recipientAgency: "probation", status: "given", decidedAt: "2025-01-01" });
    await c.consent.create({ personId: t.fx.people.perpetrator, purpose: "onward_referral", recipientAgency: "probation", status: "refused", decidedAt: "2025-02-01" });
    expect(await c.consent.check({ personId: t.fx.people.perpetrator, purpose: "onward_referral", recipientAgency: "probation" })).toMatchObject({ allowed: false, gap: "refused" });
  });

  it("expires", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const start = t.clock.now;
    const tomorrow = new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10);
    await c.consent.create({ personId: t.fx.people.victim, purpose: "programme_referral", recipientAgency: "domestic_abuse_service", status: "given", decidedAt: "2025-01-01", expiresAt: tomorrow });
    expect((await c.consent.check({ personId: t.fx.people.victim, purpose: "programme_referral", recipientAgency: "domestic_abuse_service" })).allowed).toBe(true);
    t.clock.now = new Date(start.getTime() + 2 * 86_400_000);
    try {
      const later = await t.as(t.fx.users.practitioner.id);
      expect(await later.consent.check({ personId: t.fx.people.victim, purpose: "programme_referral", recipientAgency: "domestic_abuse_service" })).toMatchObject({ allowed: false, gap: "expired" });
    } finally {
      t.clock.now = start;
    }
  });

  it("without consent: refused, unless a manager records a safeguarding reason (audited)", async () => {
    const practitioner = await t.as(t.fx.users.practitioner.id);
    const manager = await t.as(t.fx.users.manager.id);
    const input = { personId: t.fx.people.child, purpose: "hub_multi_agency" as const, recipientAgency: "housing" as const };
    expect(await practitioner.consent.check(input)).toMatchObject({ allowed: false, gap: "no_consent" });
    const tried = await practitioner.consent.check({ ...input, override: { reason: REASON } });
    expect(tried.allowed).toBe(false);
    expect(tried.message).toMatch(/only a manager/);
    expect((await outcome(manager.consent.check({ ...input, override: { reason: "too short" } }))).code).toBe("BAD_REQUEST");
    expect(await manager.consent.check({ ...input, override: { reason: REASON } })).toMatchObject({ allowed: true, basis: "override", gap: "no_consent" });
    const row = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "consent.check", actorId: t.fx.users.manager.id, outcome: "success" } });
    expect(row?.reason).toContain(REASON);
    expect(row?.personIds).toEqual([t.fx.people.child]);
  });

  it("refuses future decisions and bad dates, writing nothing", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const before = await t.testDb.db.prisma.consentToShare.count();
    expect((await outcome(c.consent.create({ personId: t.fx.people.child, purpose: "evaluation", recipientAgency: "other", status: "given", decidedAt: "2999-01-01" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.consent.create({ personId: t.fx.people.child, purpose: "evaluation", recipientAgency: "other", status: "refused", decidedAt: "2025-01-01", expiresAt: "2026-01-01" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.consent.create({ personId: t.fx.people.child, purpose: "gossip" as never, recipientAgency: "other", status: "given", decidedAt: "2025-01-01" }))).code).toBe("BAD_REQUEST");
    expect(await t.testDb.db.prisma.consentToShare.count()).toBe(before);
  });

  it("hides another team's consent records as NOT_FOUND", async () => {
    const other = await t.testDb.db.prisma.consentToShare.create({ data: { personId: t.fx.people.otherChild, purpose: "hub_multi_agency", recipientAgency: "police", status: "given", decidedAt: new Date("2025-01-01") } });
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.consent.get({ id: other.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.consent.withdraw({ id: other.id, version: 1, withdrawnAt: "2025-02-01" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.consent.check({ personId: t.fx.people.otherChild, purpose: "hub_multi_agency", recipientAgency: "police" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.consent.create({ personId: t.fx.people.otherChild, purpose: "hub_multi_agency", recipientAgency: "police", status: "given", decidedAt: "2025-01-01" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.consent.list({ personId: t.fx.people.otherChild }))).code).toBe("NOT_FOUND");
    const all = await c.consent.list({ limit: 100 });
    expect(all.items.some((r) => r.id === other.id)).toBe(false);
    expect((await t.testDb.db.prisma.consentToShare.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("given");
    // The other team's worker sees it.
    const theirs = await t.as(t.fx.otherTeam.id);
    expect((await theirs.consent.get({ id: other.id })).id).toBe(other.id);
  });
});
