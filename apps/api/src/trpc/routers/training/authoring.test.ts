/** Authoring an onboarding module: versions, conflicts, validation, and attempts that keep the version they were taken against. */
import { ONBOARDING_MODULES } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date("2026-03-10T10:00:00Z");
});
afterAll(async () => {
  await t?.dispose();
});

describe("module authoring", () => {
  it("edits the quiz as a new version; a stale save conflicts; a learner's completion keeps its version", async () => {
    const trainer = await t.as(t.fx.users.trainer.id);
    const learner = await t.as(t.fx.users.practitioner.id);
    const consent = (await trainer.training.modules.list()).find((m) => m.code === "consent-and-information-sharing")!;
    const builtIn = ONBOARDING_MODULES.find((m) => m.id === consent.code)!;

    // The learner passes version 1 (the built-in quiz: 3 questions, pass mark 100%).
    const right = builtIn.quiz!.questions.map((q) => q.correctIndex);
    expect((await learner.training.my.completeModule({ moduleId: consent.id, answers: right, acknowledged: true })).completed).toBe(true);

    const form = await trainer.training.modules.authoring({ id: consent.id });
    expect(form).toMatchObject({ version: 1, authored: false, completionsByVersion: [{ version: 1, count: 1 }] });
    expect(form.module.quiz!.passMarkPercent).toBe(100);
    expect(form.module.quiz!.questions).toHaveLength(3);
    expect(form.module.quiz!.questions[0]!.options.filter((o) => o.correct)).toHaveLength(1);

    // Not a trainer: refused. Bad quizzes: 400 naming the field, nothing written.
    expect((await outcome(learner.training.modules.save({ id: consent.id, version: 1, module: form.module }))).code).toBe("FORBIDDEN");
    const noCorrect = { ...form.module, quiz: { ...form.module.quiz!, questions: [{ prompt: "Q", explanation: "", options: [{ text: "a", correct: false }, { text: "b", correct: false }] }] } };
    const bad = await outcome(trainer.training.modules.save({ id: consent.id, version: 1, module: noCorrect }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(JSON.stringify((bad.error as { data?: unknown }).data ?? bad.error)).toContain("mark the correct option");
    expect((await outcome(trainer.training.modules.save({ id: consent.id, version: 1, module: { ...form.module, quiz: { passMarkPercent: 50, questions: [] } } }))).code).toBe("BAD_REQUEST");
    expect(await t.testDb.db.prisma.onboardingModuleRevision.count()).toBe(0);

    // A fourth question and a 75% pass mark.
    const added = { prompt: "Who decides whether to share without consent?", explanation: "An authorised manager records the reason.", options: [{ text: "Any worker", correct: false }, { text: "An authorised manager, with a recorded reason", correct: true }] };
    const saved = await trainer.training.modules.save({ id: consent.id, version: 1, module: { ...form.module, content: "# Consent\n\nUpdated **guidance**.", quiz: { passMarkPercent: 75, questions: [...form.module.quiz!.questions, added] } } });
    expect(saved).toMatchObject({ version: 2, authored: true });
    expect(saved.module.quiz!.questions).toHaveLength(4);
    // Someone else saving from version 1 now gets a conflict.
    expect((await outcome(trainer.training.modules.save({ id: consent.id, version: 1, module: form.module }))).code).toBe("CONFLICT");

    // Both versions are kept: 1 as it was (3 questions), 2 as saved.
    const revisions = await t.testDb.db.prisma.onboardingModuleRevision.findMany({ where: { moduleId: consent.id }, orderBy: { version: "asc" } });
    expect(revisions.map((r) => [r.version, (r.quiz as { questions: unknown[] }).questions.length, (r.quiz as { passMark: number }).passMark])).toEqual([
      [1, 3, 1],
      [2, 4, 0.75],
    ]);

    // Learners see the new question (without its answer) and the new content.
    const seen = await learner.training.my.module({ id: consent.id });
    expect(seen.version).toBe(2);
    expect(seen.content).toBe("# Consent\n\nUpdated **guidance**.");
    expect(seen.quiz!.questions.map((q) => q.prompt)).toContain("Who decides whether to share without consent?");
    expect(JSON.stringify(seen)).not.toContain("correct");

    // The earlier completion stays recorded against version 1; a new learner's is recorded against version 2.
    const completions = await t.testDb.db.prisma.trainingCompletion.findMany({ where: { moduleId: consent.id }, select: { moduleVersion: true } });
    expect(completions.map((c) => c.moduleVersion)).toEqual([1]);
    const other = await t.as(t.fx.users.dv_worker.id);
    const r = await other.training.my.completeModule({ moduleId: consent.id, answers: [...right, 1], acknowledged: true });
    expect(r).toMatchObject({ completed: true, quiz: { correct: 4, total: 4 } });
    expect((await trainer.training.modules.authoring({ id: consent.id })).completionsByVersion).toEqual([
      { version: 1, count: 1 },
      { version: 2, count: 1 },
    ]);

    const actions = (await t.testDb.db.prisma.auditLog.findMany({ where: { action: { in: ["training.modules.save", "training.modules.authoring"] }, outcome: "success" }, select: { action: true } })).map((a) => a.action);
    expect(actions.filter((a) => a === "training.modules.save")).toHaveLength(1);
    expect(actions).toContain("training.modules.authoring");
  });

  it("removes a quiz and the acknowledgement: the module then completes without answers", async () => {
    const trainer = await t.as(t.fx.users.trainer.id);
    const m = (await trainer.training.modules.list()).find((x) => x.code !== "consent-and-information-sharing")!;
    const form = await trainer.training.modules.authoring({ id: m.id });
    await trainer.training.modules.save({ id: m.id, version: form.version, module: { ...form.module, quiz: null, requiresAcknowledgement: false, acknowledgementText: "" } });
    const listed = (await trainer.training.modules.list()).find((x) => x.id === m.id)!;
    expect(listed).toMatchObject({ hasQuiz: false, questions: 0, requiresAcknowledgement: false });
    const learner = await t.as(t.fx.users.practitioner.id);
    expect((await learner.training.my.completeModule({ moduleId: m.id, answers: null, acknowledged: false })).completed).toBe(true);
  });
});
