import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { MODULE_IDS, ONBOARDING_MODULES } from "./catalogue.js";
import { moduleCompletion, scoreQuiz } from "./quiz.js";

const mod = (id: string) => ONBOARDING_MODULES.find((m) => m.id === id)!;
const da = mod(MODULE_IDS.daAndChildren); // answers 1, 2, 0; pass mark 0.6
const consent = mod(MODULE_IDS.consentAndSharing); // answers 1, 0, 2; pass mark 1
const tools = mod(MODULE_IDS.assessmentTools); // no acknowledgement needed

describe("scoreQuiz", () => {
  it("scores all correct", () => {
    const r = scoreQuiz(da, [1, 2, 0]);
    expect(r).toMatchObject({ correct: 3, total: 3, score: 1, passed: true });
    expect(r.feedback.every((f) => f.correct)).toBe(true);
  });

  it("passes 2 of 3 at a 0.6 pass mark and gives per-question feedback", () => {
    const r = scoreQuiz(da, [1, 2, 1]);
    expect(r.correct).toBe(2);
    expect(r.score).toBeCloseTo(2 / 3, 12);
    expect(r.passed).toBe(true);
    expect(r.feedback[2]).toMatchObject({ questionId: "q3", chosenIndex: 1, correctIndex: 0, correct: false });
    expect(r.feedback[2]!.explanation.length).toBeGreaterThan(10);
  });

  it("fails 1 of 3, and counts an unanswered question as wrong", () => {
    expect(scoreQuiz(da, [1, null, 1])).toMatchObject({ correct: 1, passed: false });
    expect(scoreQuiz(da, [null, null, null]).feedback[0]).toMatchObject({ chosenIndex: null, correct: false });
  });

  it("needs every answer right when the pass mark is 1", () => {
    expect(scoreQuiz(consent, [1, 0, 2]).passed).toBe(true);
    expect(scoreQuiz(consent, [1, 0, 0]).passed).toBe(false);
  });

  it("rejects the wrong number of answers and answers that are not options", () => {
    expect(() => scoreQuiz(da, [1, 2])).toThrow(DomainError);
    expect(() => scoreQuiz(da, [1, 2, 3])).toThrow(/not one of the options/);
    expect(() => scoreQuiz(da, [1, 2, -1])).toThrow(DomainError);
    expect(() => scoreQuiz({ ...da, quiz: null }, [])).toThrow(/no quiz/);
  });
});

describe("moduleCompletion", () => {
  it("completes with a passed quiz and the acknowledgement", () => {
    const r = moduleCompletion({ module: da, staffId: "s1", answers: [1, 2, 1], acknowledged: true, completedOn: "2019-02-01" });
    expect(r.completed).toBe(true);
    if (r.completed) expect(r.record).toEqual({ staffId: "s1", moduleId: da.id, completedOn: "2019-02-01", score: 2 / 3, acknowledged: true });
  });

  it("gives every reason it is not complete", () => {
    const failed = moduleCompletion({ module: da, staffId: "s1", answers: [0, 0, 1], acknowledged: false, completedOn: "2019-02-01" });
    expect(failed).toMatchObject({ completed: false, reasons: ["quiz_not_passed", "not_acknowledged"] });
    expect(moduleCompletion({ module: da, staffId: "s1", acknowledged: true, completedOn: "2019-02-01" })).toMatchObject({ completed: false, reasons: ["quiz_not_taken"], quiz: null });
  });

  it("does not need an acknowledgement when the module does not ask for one", () => {
    const r = moduleCompletion({ module: tools, staffId: "s1", answers: [0, 1, 1], acknowledged: false, completedOn: "2019-02-01" });
    expect(r.completed).toBe(true);
  });

  it("completes a module without a quiz on acknowledgement alone", () => {
    const noQuiz = { ...da, quiz: null };
    expect(moduleCompletion({ module: noQuiz, staffId: "s1", acknowledged: true, completedOn: "2019-02-01" })).toMatchObject({ completed: true, record: { score: null } });
  });
});
