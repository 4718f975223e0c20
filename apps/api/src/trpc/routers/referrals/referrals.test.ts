import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const paths = (error: unknown) => ((error as { cause?: unknown }).cause instanceof ZodError ? (error as { cause: ZodError }).cause.issues.map((i) => i.path.join(".")) : []);

describe("recording a referral's outcome", () => {
  it("saves the outcome with NFA and closing date, refuses inconsistent or stale saves without writing, and audits", async () => {
    const p = t.testDb.db.prisma;
    const child = await p.person.create({ data: { reference: `RO${Date.now().toString(36)}`, firstName: "Rory", lastName: "Outcome", kind: "child", birthDate: new Date("2018-05-01") } });
    await p.familyMember.create({ data: { familyId: t.fx.families.mine, personId: child.id, role: "child" } });
    const referral = await p.referral.create({ data: { childId: child.id, familyId: t.fx.families.mine, date: new Date("2025-06-02"), source: "5A", reasons: [] } });
    const worker = await t.as(t.fx.users.practitioner.id);

    // NFA flag and outcome disagree: 400 naming the field, nothing written.
    const mismatch = await outcome(worker.referrals.update({ id: referral.id, version: 1, patch: { outcome: "Strategy discussion", nfa: true } }));
    expect(mismatch.code).toBe("BAD_REQUEST");
    expect(paths(mismatch.error)).toEqual(["outcome"]);
    // Closed the day before the referral was made.
    const early = await outcome(worker.referrals.update({ id: referral.id, version: 1, patch: { outcome: "No further action", nfa: true, closedAt: "2025-06-01" } }));
    expect(paths(early.error)).toEqual(["closedAt"]);
    expect(await p.referral.findUniqueOrThrow({ where: { id: referral.id }, select: { version: true, outcome: true, nfa: true } })).toEqual({ version: 1, outcome: null, nfa: false });

    const saved = await worker.referrals.update({ id: referral.id, version: 1, patch: { outcome: "No further action", nfa: true, closedAt: "2025-06-03" } });
    expect(saved).toMatchObject({ outcome: "No further action", nfa: true, closedAt: "2025-06-03", version: 2 });

    // A second tab still holding version 1: CONFLICT, and the first save stands.
    const stale = await outcome(worker.referrals.update({ id: referral.id, version: 1, patch: { outcome: "Assessment (CIN)", nfa: false, closedAt: null } }));
    expect(stale.code).toBe("CONFLICT");
    expect((await worker.referrals.get({ id: referral.id })).outcome).toBe("No further action");

    // Changing the outcome on the current version clears NFA with it.
    const changed = await worker.referrals.update({ id: referral.id, version: 2, patch: { outcome: "Assessment (CIN)", nfa: false, closedAt: null } });
    expect(changed).toMatchObject({ outcome: "Assessment (CIN)", nfa: false, closedAt: null, version: 3 });

    const audit = await p.auditLog.findMany({ where: { action: "referrals.update", outcome: "success", entityIds: { has: referral.id } } });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.personIds.includes(child.id))).toBe(true);
  });

  it("a referral outside the caller's families is not found", async () => {
    const other = await t.testDb.db.prisma.referral.findFirstOrThrow({ where: { familyId: t.fx.families.otherTeam } });
    const worker = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(worker.referrals.update({ id: other.id, version: other.version, patch: { outcome: "Information and advice" } }))).code).toBe("NOT_FOUND");
  });
});
