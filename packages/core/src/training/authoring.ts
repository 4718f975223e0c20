/**
 * Authoring an onboarding module: the form a trainer fills in (Markdown
 * content, an optional quiz with options marked correct, a pass mark in per
 * cent, an acknowledgement) and its conversion to and from the module the
 * learner rules use (`TOnboardingModule`, pass mark 0..1, one correct option
 * per question as `correctIndex`).
 *
 * Each save makes a new version of the module. A completion records the
 * version it was taken against, so an edited quiz never changes an attempt
 * already recorded.
 */
import { z } from "zod";
import { zLine, zText, ZVersion } from "../records/common.js";
import type { TOnboardingModule, TQuiz } from "./schemas.js";

export const ZAuthoredOption = z.object({ text: zLine(300), correct: z.boolean() }).strict();

export const ZAuthoredQuestion = z
  .object({
    prompt: zLine(500),
    options: z.array(ZAuthoredOption).min(2, "give at least 2 options").max(6, "give at most 6 options"),
    /** Shown after answering, whether right or wrong. */
    explanation: zText(1000).default(""),
  })
  .strict()
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    // A learner chooses one option per question, so exactly one option is the right answer.
    if (correct !== 1) ctx.addIssue({ code: "custom", path: ["options"], message: correct === 0 ? "mark the correct option" : "mark only one option as correct" });
    const seen = new Set<string>();
    q.options.forEach((o, i) => {
      const key = o.text.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["options", i, "text"], message: "the same option is given twice" });
      seen.add(key);
    });
  });
export type TAuthoredQuestion = z.infer<typeof ZAuthoredQuestion>;

export const ZAuthoredQuiz = z
  .object({
    questions: z.array(ZAuthoredQuestion).min(1, "a quiz needs at least 1 question").max(50),
    /** Per cent of questions to answer correctly, 0..100. */
    passMarkPercent: z.number().int("whole per cent").min(0).max(100),
  })
  .strict();
export type TAuthoredQuiz = z.infer<typeof ZAuthoredQuiz>;

export const ZModuleAuthoring = z
  .object({
    title: zLine(200),
    /** Markdown; shown to learners without raw HTML. */
    content: zText(50_000).refine((s) => s.trim().length > 0, { message: "write the module's content" }),
    estimatedMinutes: z.number().int().min(1).max(600),
    quiz: ZAuthoredQuiz.nullable(),
    requiresAcknowledgement: z.boolean(),
    acknowledgementText: zText(500).default(""),
  })
  .strict()
  .refine((m) => !m.requiresAcknowledgement || m.acknowledgementText.trim().length > 0, {
    message: "write what the learner acknowledges",
    path: ["acknowledgementText"],
  });
export type TModuleAuthoring = z.infer<typeof ZModuleAuthoring>;

/** The save request: which module, the version the editor started from (stale → conflict) and the new content. */
export const ZModuleAuthoringSave = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/), version: ZVersion, module: ZModuleAuthoring }).strict();
export type TModuleAuthoringSave = z.infer<typeof ZModuleAuthoringSave>;

/** The quiz the learner rules score: question ids q1…, the correct option's index, pass mark as a share. */
export function quizFromAuthoring(quiz: TAuthoredQuiz | null): TQuiz | null {
  if (!quiz) return null;
  return {
    passMark: quiz.passMarkPercent / 100,
    questions: quiz.questions.map((q, i) => ({
      id: `q${i + 1}`,
      prompt: q.prompt.trim(),
      options: q.options.map((o) => o.text.trim()),
      correctIndex: q.options.findIndex((o) => o.correct),
      explanation: q.explanation.trim(),
    })),
  };
}

/** The authoring form for a stored module (pass mark rounded to a whole per cent). */
export function authoringFromModule(m: TOnboardingModule & { estimatedMinutes: number }): TModuleAuthoring {
  return {
    title: m.title,
    content: m.content,
    estimatedMinutes: m.estimatedMinutes,
    requiresAcknowledgement: m.requiresAcknowledgement,
    acknowledgementText: m.acknowledgementText ?? "",
    quiz: m.quiz
      ? {
          passMarkPercent: Math.round(m.quiz.passMark * 100),
          questions: m.quiz.questions.map((q) => ({ prompt: q.prompt, explanation: q.explanation, options: q.options.map((text, i) => ({ text, correct: i === q.correctIndex })) })),
        }
      : null,
  };
}
