import { describe, expect, it } from "vitest";
import { authoringFromModule, quizFromAuthoring, ZModuleAuthoring } from "./authoring.js";
import { scoreQuiz } from "./quiz.js";

const question = (prompt: string, correct: number, n = 3) => ({ prompt, explanation: "", options: Array.from({ length: n }, (_, i) => ({ text: `${prompt} option ${i + 1}`, correct: i === correct })) });
const valid = {
  title: "Working with fathers",
  content: "# Working with fathers\n\nSee the father as well as the mother.",
  estimatedMinutes: 20,
  requiresAcknowledgement: true,
  acknowledgementText: "I have read this.",
  quiz: { passMarkPercent: 75, questions: [question("A", 1), question("B", 0), question("C", 2), question("D", 0)] },
};
const issuePaths = (input: unknown) => {
  const r = ZModuleAuthoring.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("ZModuleAuthoring", () => {
  it("accepts a module with a 4-question quiz, and one without a quiz", () => {
    expect(issuePaths(valid)).toEqual([]);
    expect(issuePaths({ ...valid, quiz: null })).toEqual([]);
  });
  it("needs at least one question in a quiz", () => {
    expect(issuePaths({ ...valid, quiz: { passMarkPercent: 50, questions: [] } })).toEqual(["quiz.questions: a quiz needs at least 1 question"]);
  });
  it("needs at least 2 options and exactly one marked correct", () => {
    expect(issuePaths({ ...valid, quiz: { passMarkPercent: 50, questions: [question("A", 0, 1)] } })).toEqual(["quiz.questions.0.options: give at least 2 options"]);
    expect(issuePaths({ ...valid, quiz: { passMarkPercent: 50, questions: [question("A", 5)] } })).toEqual(["quiz.questions.0.options: mark the correct option"]);
    const two = question("B", 0);
    two.options[1]!.correct = true;
    expect(issuePaths({ ...valid, quiz: { passMarkPercent: 50, questions: [question("A", 0), two] } })).toEqual(["quiz.questions.1.options: mark only one option as correct"]);
  });
  it("refuses a repeated option, a pass mark outside 0–100 and empty content", () => {
    const dup = { prompt: "A", explanation: "", options: [{ text: "Yes", correct: true }, { text: " yes", correct: false }] };
    expect(issuePaths({ ...valid, quiz: { passMarkPercent: 50, questions: [dup] } })).toEqual(["quiz.questions.0.options.1.text: the same option is given twice"]);
    expect(issuePaths({ ...valid, quiz: { ...valid.quiz, passMarkPercent: 101 } })).toHaveLength(1);
    expect(issuePaths({ ...valid, quiz: { ...valid.quiz, passMarkPercent: -1 } })).toHaveLength(1);
    expect(issuePaths({ ...valid, content: "  \n " })).toEqual(["content: write the module's content"]);
  });
  it("asks for the acknowledgement text only when an acknowledgement is required", () => {
    expect(issuePaths({ ...valid, acknowledgementText: "" })).toEqual(["acknowledgementText: write what the learner acknowledges"]);
    expect(issuePaths({ ...valid, requiresAcknowledgement: false, acknowledgementText: "" })).toEqual([]);
  });
});

describe("quizFromAuthoring", () => {
  it("numbers the questions, takes the correct option's index and turns 75% into 0.75", () => {
    const q = quizFromAuthoring(valid.quiz)!;
    expect(q.passMark).toBe(0.75);
    expect(q.questions.map((x) => [x.id, x.correctIndex])).toEqual([["q1", 1], ["q2", 0], ["q3", 2], ["q4", 0]]);
    expect(quizFromAuthoring(null)).toBeNull();
  });
  it("scores against the learner rules: 3 of 4 passes at 75%, 2 of 4 does not", () => {
    const module = { id: "m", title: "T", content: "x", requiresAcknowledgement: false, quiz: quizFromAuthoring(valid.quiz) };
    expect(scoreQuiz(module, [1, 0, 2, 1]).passed).toBe(true);
    expect(scoreQuiz(module, [1, 0, 0, 1]).passed).toBe(false);
  });
  it("round-trips through authoringFromModule", () => {
    const quiz = quizFromAuthoring(valid.quiz);
    const back = authoringFromModule({ id: "m", title: valid.title, content: valid.content, estimatedMinutes: 20, requiresAcknowledgement: true, acknowledgementText: "I have read this.", quiz });
    expect(ZModuleAuthoring.parse(back)).toEqual(valid);
  });
});
