/**
 * Onboarding module quizzes and completion.
 */
import { dayOf } from "../dates.js";
import { DomainError } from "../errors.js";
import type { TModuleCompletion, TOnboardingModule } from "./schemas.js";

export interface QuestionFeedback {
  questionId: string;
  /** The option chosen, or null if unanswered. */
  chosenIndex: number | null;
  correctIndex: number;
  correct: boolean;
  explanation: string;
}

export interface QuizResult {
  moduleId: string;
  correct: number;
  total: number;
  /** correct / total, 0..1. */
  score: number;
  passMark: number;
  passed: boolean;
  feedback: QuestionFeedback[];
}

/**
 * Scores answers (one option index per question, in order; null = unanswered)
 * against a module's quiz. Passed when score ≥ passMark.
 */
export function scoreQuiz(module: TOnboardingModule, answers: readonly (number | null)[]): QuizResult {
  const quiz = module.quiz;
  if (!quiz) throw new DomainError("INVALID_INPUT", `the module ${module.id} has no quiz`);
  if (answers.length !== quiz.questions.length) {
    throw new DomainError("INVALID_INPUT", `expected ${quiz.questions.length} answers, got ${answers.length}`, [{ path: ["answers"], message: "one answer per question" }]);
  }
  const feedback = quiz.questions.map((q, i): QuestionFeedback => {
    const chosen = answers[i] ?? null;
    if (chosen !== null && (!Number.isInteger(chosen) || chosen < 0 || chosen >= q.options.length)) {
      throw new DomainError("INVALID_INPUT", `answer ${i + 1} is not one of the options`, [{ path: ["answers", i], message: "not an option" }]);
    }
    return { questionId: q.id, chosenIndex: chosen, correctIndex: q.correctIndex, correct: chosen === q.correctIndex, explanation: q.explanation };
  });
  const correct = feedback.filter((f) => f.correct).length;
  const total = quiz.questions.length;
  const score = correct / total;
  return { moduleId: module.id, correct, total, score, passMark: quiz.passMark, passed: score >= quiz.passMark, feedback };
}

export interface ModuleCompletionInput {
  module: TOnboardingModule;
  staffId: string;
  /** Required when the module has a quiz. */
  answers?: readonly (number | null)[] | null;
  acknowledged: boolean;
  completedOn: string;
}

export type ModuleCompletionResult =
  | { completed: true; record: TModuleCompletion; quiz: QuizResult | null }
  | { completed: false; reasons: ("quiz_not_passed" | "quiz_not_taken" | "not_acknowledged")[]; quiz: QuizResult | null };

/** A module is complete when its quiz (if any) is passed and its acknowledgement (if required) is given. */
export function moduleCompletion(input: ModuleCompletionInput): ModuleCompletionResult {
  dayOf(input.completedOn);
  const reasons: ("quiz_not_passed" | "quiz_not_taken" | "not_acknowledged")[] = [];
  let quiz: QuizResult | null = null;
  if (input.module.quiz) {
    if (!input.answers) reasons.push("quiz_not_taken");
    else {
      quiz = scoreQuiz(input.module, input.answers);
      if (!quiz.passed) reasons.push("quiz_not_passed");
    }
  }
  if (input.module.requiresAcknowledgement && !input.acknowledged) reasons.push("not_acknowledged");
  if (reasons.length > 0) return { completed: false, reasons, quiz };
  return {
    completed: true,
    quiz,
    record: { staffId: input.staffId, moduleId: input.module.id, completedOn: input.completedOn, score: quiz ? quiz.score : null, acknowledged: input.acknowledged },
  };
}
