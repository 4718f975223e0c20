import { REPORT_AUDIT_TEMPLATE } from "@evident/core";
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

const all = (answer: string) => Object.fromEntries(REPORT_AUDIT_TEMPLATE.questions.map((q) => [q.id, q.scale === "graded" ? "good" : answer]));

describe("case-file audits", () => {
  it("runs a round with two auditors: sample, independent findings, agreement, moderation, report, the worker's view", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const manager = await t.as(t.fx.users.manager.id);
    const practitioner = await t.as(t.fx.users.practitioner.id);
    const template = await admin.audits.templates.create(REPORT_AUDIT_TEMPLATE);
    expect((await outcome(admin.audits.templates.create(REPORT_AUDIT_TEMPLATE))).code).toBe("CONFLICT");

    const base = { templateId: template.id, name: "June audit", firstAuditorId: t.fx.users.practitioner.id, secondAuditorId: t.fx.users.manager.id };
    // Another team's case file is not found; an analyst is not an auditor; a sample bigger than the caseload is refused.
    expect((await outcome(manager.audits.rounds.create({ ...base, sample: { method: "chosen", cases: [{ familyId: t.fx.families.otherTeam, period: "during" }] } }))).code).toBe("NOT_FOUND");
    expect((await outcome(manager.audits.rounds.create({ ...base, secondAuditorId: t.fx.users.analyst.id, sample: { method: "chosen", cases: [{ familyId: t.fx.families.mine, period: "during" }] } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(manager.audits.rounds.create({ ...base, sample: { method: "random", seed: 7, groups: [{ period: "during", size: 2 }] } }))).code).toBe("PRECONDITION_FAILED");
    expect(await t.testDb.db.prisma.auditRound.count()).toBe(0);

    const round = await manager.audits.rounds.create({ ...base, sample: { method: "random", seed: 7, groups: [{ period: "during", size: 1 }] } });
    expect(round).toMatchObject({ sampleMethod: "random", sampleSeed: 7, caseCount: 1 });
    const detail = await manager.audits.rounds.get({ id: round.id });
    expect(detail.cases).toHaveLength(1);
    const caseId = detail.cases[0]!.id;
    expect(detail.cases[0]).toMatchObject({ period: "during", first: { userId: t.fx.users.practitioner.id, submitted: false }, second: { userId: t.fx.users.manager.id, submitted: false } });
    // The analyst sees the round but not which case files.
    expect((await (await t.as(t.fx.users.analyst.id)).audits.rounds.get({ id: round.id })).cases[0]!.familyReference).toBeNull();

    // First auditor: draft, then an incomplete submit is refused naming the question, then a full submit.
    const mine = await practitioner.audits.my.list();
    expect(mine.map((m) => [m.caseId, m.role, m.submitted])).toEqual([[caseId, "first", false]]);
    const form = await practitioner.audits.my.get({ caseId });
    expect(form.questions).toHaveLength(18);
    const draft = await practitioner.audits.my.save({ caseId, version: form.version, answers: { holistic_support: "yes" } });
    const incomplete = await outcome(practitioner.audits.my.save({ caseId, version: draft.version, answers: { holistic_support: "yes" }, submit: true }));
    expect(incomplete.code).toBe("BAD_REQUEST");
    expect((await outcome(practitioner.audits.my.save({ caseId, version: draft.version, answers: { holistic_support: "good" } }))).code).toBe("BAD_REQUEST");
    const firstAnswers = { ...all("yes"), child_safety: "partly", vada_used: "no" };
    const submitted = await practitioner.audits.my.save({ caseId, version: draft.version, answers: firstAnswers, summary: "Plan considers each member", actions: ["Record the child's voice at each visit"], submit: true });
    expect(submitted.submittedAt).not.toBeNull();
    expect((await outcome(practitioner.audits.my.save({ caseId, version: draft.version, answers: firstAnswers }))).code).toBe("BAD_REQUEST");

    // Second auditor works independently: they do not see the first auditor's answers.
    const second = await manager.audits.my.get({ caseId });
    expect(second).toMatchObject({ role: "second", answers: {} });
    expect((await outcome(manager.audits.my.save({ caseId, version: second.version + 1, answers: {} }))).code).toBe("CONFLICT");
    // Disagrees on child safety (no v partly) and VADA (yes v no): 16 of 18 questions agree.
    await manager.audits.my.save({ caseId, version: second.version, answers: { ...all("yes"), child_safety: "no", vada_used: "yes" }, submit: true });

    const mod = await manager.audits.rounds.moderation({ roundId: round.id });
    expect(mod.overall).toMatchObject({ pairs: 18, agreed: 16 });
    expect(mod.overall.percentAgreement).toBeCloseTo(16 / 18, 12);
    expect(mod.unresolved).toBe(2);
    expect(mod.disagreements[0]!.items).toEqual([
      { questionId: "child_safety", first: "partly", second: "no", moderated: null },
      { questionId: "vada_used", first: "no", second: "yes", moderated: null },
    ]);
    expect((await outcome((await t.as(t.fx.users.practitioner.id)).audits.rounds.moderation({ roundId: round.id }))).code).toBe("FORBIDDEN");

    // Before moderation the first auditor's answer counts (child safety: partly → positive; VADA: no).
    let report = await manager.audits.rounds.report({ roundId: round.id });
    const share = (r: typeof report, q: string) => r.questions.find((x) => x.questionId === q)!.byPeriod[0]!;
    expect(share(report, "child_safety")).toMatchObject({ n: 1, positive: 1 });
    expect(share(report, "vada_used")).toMatchObject({ n: 1, positive: 0 });
    expect(share(report, "vada_used").caution).toMatch(/^Only 1 case file: treat with great caution/);

    // Moderation: an agreed question is refused; the disputed ones are recorded; a stale version is a conflict.
    const caseVersion = mod.disagreements[0]!.version;
    expect((await outcome(manager.audits.cases.moderate({ caseId, version: caseVersion, answers: { holistic_support: "no" } }))).code).toBe("BAD_REQUEST");
    await manager.audits.cases.moderate({ caseId, version: caseVersion, answers: { child_safety: "no", vada_used: "yes" }, note: "Agreed at moderation" });
    expect((await outcome(manager.audits.cases.moderate({ caseId, version: caseVersion, answers: { child_safety: "partly" } }))).code).toBe("CONFLICT");
    report = await manager.audits.rounds.report({ roundId: round.id });
    expect(share(report, "child_safety")).toMatchObject({ n: 1, positive: 0, answers: { no: 1 } });
    expect(share(report, "vada_used")).toMatchObject({ n: 1, positive: 1 });
    expect((await manager.audits.rounds.moderation({ roundId: round.id })).unresolved).toBe(0);

    // The case's worker (the practitioner leads family A) sees the findings and actions.
    const findings = await practitioner.audits.my.findings();
    expect(findings).toHaveLength(1);
    expect(findings[0]!.actions).toEqual(["Record the child's voice at each visit"]);
    expect(findings[0]!.answers.find((a) => a.questionId === "child_safety")!.answer).toBe("no");
    expect(await (await t.as(t.fx.otherTeam.id)).audits.my.findings()).toEqual([]);

    // Reads and writes of findings are audited.
    const actions = (await t.testDb.db.prisma.auditLog.findMany({ where: { action: { startsWith: "audits." }, outcome: "success" }, select: { action: true } })).map((a) => a.action);
    for (const a of ["audits.rounds.create", "audits.my.get", "audits.my.save", "audits.rounds.moderation", "audits.cases.moderate", "audits.my.findings"]) expect(actions).toContain(a);
  });

  it("hides another auditor's case file as NOT_FOUND", async () => {
    const c = await t.as(t.fx.otherTeam.id);
    const anyCase = await t.testDb.db.prisma.auditCase.findFirst({ select: { id: true } });
    expect((await outcome(c.audits.my.get({ caseId: anyCase!.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.audits.my.save({ caseId: anyCase!.id, version: 1, answers: {} }))).code).toBe("NOT_FOUND");
  });
});
