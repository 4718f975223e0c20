/** Round administration: case files chosen by hand added to a sampled round, and closing a round. */
import { REPORT_AUDIT_TEMPLATE } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome as rawOutcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

/** The error code and its message (what the client shows). */
async function outcome(p: Promise<unknown>) {
  const r = await rawOutcome(p);
  return { code: r.code, message: (r.error as { message?: string } | undefined)?.message };
}

const all = (answer: string) => Object.fromEntries(REPORT_AUDIT_TEMPLATE.questions.map((q) => [q.id, q.scale === "graded" ? "good" : answer]));

describe("audit round administration", () => {
  it("adds chosen case files to a round, then closes it: no more work, and the report says closed", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const manager = await t.as(t.fx.users.manager.id);
    const practitioner = await t.as(t.fx.users.practitioner.id);
    const prisma = t.testDb.db.prisma;
    const template = await admin.audits.templates.create({ ...REPORT_AUDIT_TEMPLATE, code: "ADMIN_TEST" });
    const ref = async (id: string) => (await prisma.family.findUniqueOrThrow({ where: { id }, select: { reference: true } })).reference;
    const mineRef = await ref(t.fx.families.mine);
    const otherRef = await ref(t.fx.families.otherTeam);

    const round = await manager.audits.rounds.create({ templateId: template.id, name: "Admin round", firstAuditorId: t.fx.users.practitioner.id, secondAuditorId: t.fx.users.manager.id, sample: { method: "chosen", cases: [{ familyId: t.fx.families.mine, period: "during" }] } });
    expect(round.caseCount).toBe(1);

    // Another team's case file is not found (naming the line), the same one twice is refused by the schema, one already in the round is refused.
    const notMine = await outcome(manager.audits.rounds.addCases({ roundId: round.id, version: round.version, cases: [{ familyReference: otherRef, period: "before" }] }));
    expect(notMine.code).toBe("NOT_FOUND");
    expect(notMine.message).toMatch(/^cases\.0\.familyReference/);
    expect((await outcome(manager.audits.rounds.addCases({ roundId: round.id, version: round.version, cases: [{ familyReference: mineRef, period: "before" }, { familyReference: mineRef.toLowerCase(), period: "before" }] }))).code).toBe("BAD_REQUEST");
    const dup = await outcome(manager.audits.rounds.addCases({ roundId: round.id, version: round.version, cases: [{ familyReference: mineRef, period: "before" }] }));
    expect(dup.code).toBe("BAD_REQUEST");
    expect(dup.message).toContain("is already in this round");
    expect(await prisma.auditCase.count({ where: { roundId: round.id } })).toBe(1);

    // A second family in the manager's scope, added by hand with the round's two auditors.
    const teamId = (await prisma.family.findUniqueOrThrow({ where: { id: t.fx.families.mine } })).teamId;
    const other = await prisma.family.create({ data: { reference: "FADDED01", name: "Family C", teamId, openedAt: new Date("2025-02-01") }, select: { id: true, reference: true } });
    expect(other).not.toBeNull();
    const added = await manager.audits.rounds.addCases({ roundId: round.id, version: round.version, cases: [{ familyReference: other!.reference, period: "before" }] });
    expect(added).toEqual({ id: round.id, version: round.version + 1, added: 1 });
    expect((await outcome(manager.audits.rounds.addCases({ roundId: round.id, version: round.version, cases: [{ familyReference: other!.reference, period: "before" }] }))).code).toBe("BAD_REQUEST");
    const detail = await manager.audits.rounds.get({ id: round.id });
    expect(detail.cases.map((c) => [c.familyReference, c.period, c.first?.userId, c.second?.userId]).sort()).toEqual(
      [
        [mineRef, "during", t.fx.users.practitioner.id, t.fx.users.manager.id],
        [other!.reference, "before", t.fx.users.practitioner.id, t.fx.users.manager.id],
      ].sort(),
    );
    const caseId = detail.cases.find((c) => c.familyReference === mineRef)!.id;
    const form = await practitioner.audits.my.get({ caseId });
    await practitioner.audits.my.save({ caseId, version: form.version, answers: all("yes"), submit: true });

    // Close: a stale version is a conflict; then closed, and every further action is refused with a 400 saying so.
    expect((await outcome(manager.audits.rounds.close({ id: round.id, version: round.version }))).code).toBe("CONFLICT");
    const closed = await manager.audits.rounds.close({ id: round.id, version: added.version });
    expect(closed).toMatchObject({ status: "closed", version: added.version + 1 });
    expect((await outcome(manager.audits.rounds.close({ id: round.id, version: closed.version }))).message).toBe("This round is already closed");
    const secondForm = await manager.audits.my.get({ caseId });
    const save = await outcome(manager.audits.my.save({ caseId, version: secondForm.version, answers: all("no"), submit: true }));
    expect(save).toMatchObject({ code: "BAD_REQUEST", message: "This round is closed: you cannot answer any more" });
    expect((await outcome(manager.audits.rounds.addCases({ roundId: round.id, version: closed.version, cases: [{ familyReference: mineRef, period: "x" }] }))).message).toBe("This round is closed: you cannot add case files any more");
    expect((await outcome(manager.audits.cases.reassign({ caseId, version: 1, firstAuditorId: t.fx.users.practitioner.id, secondAuditorId: null }))).message).toBe("This round is closed: you cannot reassign any more");

    const report = await manager.audits.rounds.report({ roundId: round.id });
    expect(report.status).toBe("closed");
    expect(report).toMatchObject({ cases: 2, submitted: 1 });
    expect((await manager.audits.rounds.list()).find((r) => r.id === round.id)!.status).toBe("closed");

    const actions = (await prisma.auditLog.findMany({ where: { action: { in: ["audits.rounds.close", "audits.rounds.addCases"] }, outcome: "success" }, select: { action: true } })).map((a) => a.action).sort();
    expect(actions).toEqual(["audits.rounds.addCases", "audits.rounds.close"]);
  });
});
