import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { checkSurveyAnswers, responseRates, suppressGroups, surveyResults, waveChange, type TSurveyQuestion } from "./surveys.js";

const Q: TSurveyQuestion[] = [
  { id: "confident", text: "I feel confident working with families affected by domestic abuse", kind: "agree5" },
  { id: "trained", text: "I have had training on working with abusive men", kind: "yes_no" },
  { id: "comments", text: "Anything else?", kind: "text" },
];

const sets = (r: ReturnType<typeof suppressGroups>) => ({ shown: [...r.shown].sort(), hidden: [...r.hidden].sort(), totalShown: r.totalShown });

describe("the anonymity threshold (groups of 5 or more)", () => {
  it("shows groups of 5 or more", () => {
    expect(sets(suppressGroups([{ key: "A", n: 5 }, { key: "B", n: 5 }]))).toEqual({ shown: ["A", "B"], hidden: [], totalShown: true });
  });

  it("hides a group of 4, and the next smallest group too, so the 4 cannot be found by subtracting from the total", () => {
    // Total 17 is shown; hiding only C (4) would leave 17 − 7 − 6 = C. Hiding B (6) as well leaves B + C = 10 together.
    expect(sets(suppressGroups([{ key: "A", n: 7 }, { key: "B", n: 6 }, { key: "C", n: 4 }]))).toEqual({ shown: ["A"], hidden: ["B", "C"], totalShown: true });
  });

  it("needs no second group when the hidden groups already hold 5 or more together", () => {
    expect(sets(suppressGroups([{ key: "A", n: 7 }, { key: "B", n: 3 }, { key: "C", n: 2 }]))).toEqual({ shown: ["A"], hidden: ["B", "C"], totalShown: true });
    expect(sets(suppressGroups([{ key: "A", n: 7 }, { key: "B", n: 3 }, { key: "C", n: 3 }]))).toEqual({ shown: ["A"], hidden: ["B", "C"], totalShown: true });
  });

  it("hides everything when the hidden groups and every other group together are the total", () => {
    expect(sets(suppressGroups([{ key: "A", n: 10 }, { key: "B", n: 2 }, { key: "C", n: 2 }]))).toEqual({ shown: [], hidden: ["A", "B", "C"], totalShown: true });
  });

  it("hides everything when the total is under 5, and treats empty groups as revealing nothing", () => {
    expect(sets(suppressGroups([{ key: "A", n: 4 }]))).toEqual({ shown: [], hidden: ["A"], totalShown: false });
    expect(sets(suppressGroups([{ key: "A", n: 6 }, { key: "B", n: 0 }]))).toEqual({ shown: ["A", "B"], hidden: [], totalShown: true });
  });

  it("surveyResults applies it overall and per team, with the message instead of the numbers", () => {
    const r = (group: string, confident: number) => ({ group, answers: { confident, trained: confident >= 4 } });
    const responses = [...[5, 4, 4, 3, 2, 4].map((c) => r("Hub", c)), ...[5, 5, 4, 4, 4].map((c) => r("DA", c)), ...[1, 2].map((c) => r("Early Help", c))];
    const out = surveyResults(Q, responses);
    expect(out.overall.shown).toBe(true);
    const overallConfident = out.overall.questions!.find((q) => q.questionId === "confident")!;
    // 13 answers: 5,4,4,3,2,4,5,5,4,4,4,1,2 → sum 47, mean 47/13; agree (4 or 5): 9 of 13.
    expect(overallConfident).toMatchObject({ n: 13, counts: { "1": 1, "2": 2, "3": 1, "4": 6, "5": 3 } });
    expect(overallConfident.mean).toBeCloseTo(47 / 13, 12);
    expect(overallConfident.agree).toBeCloseTo(9 / 13, 12);
    // Early Help (2) is hidden, so the next smallest (DA, 5) is hidden too.
    expect(out.groups.map((g) => [g.key, g.shown])).toEqual([["DA", false], ["Early Help", false], ["Hub", true]]);
    expect(out.groups[0]!.message).toMatch(/groups of 5 or more/);
    expect(out.groups[0]!.questions).toBeUndefined();
    const hub = out.groups[2]!.questions!.find((q) => q.questionId === "trained")!;
    expect(hub).toMatchObject({ n: 6, counts: { yes: 4, no: 2 } });
  });

  it("shows free-text answers only in a group of 5 or more, alphabetically (not in the order given)", () => {
    const four = ["zeta", "alpha", "mid", "beta"].map((c) => ({ group: null, answers: { comments: c } }));
    expect(surveyResults(Q, four).overall).toMatchObject({ shown: false, responses: 4 });
    const five = [...four, { group: null, answers: { comments: "gamma" } }];
    expect(surveyResults(Q, five).overall.questions!.find((q) => q.kind === "text")!.texts).toEqual(["alpha", "beta", "gamma", "mid", "zeta"]);
  });
});

describe("waves", () => {
  const wave = (n: number, value: number) => Array.from({ length: n }, () => ({ confident: value }));
  it("compares the report's waves of 18 then 5 responses, and hides the change when a wave has 4", () => {
    const change = waveChange(Q, { wave: "Phase 2", answers: [...wave(9, 4), ...wave(9, 2)] }, { wave: "Phase 3", answers: wave(5, 4) });
    // Phase 2: mean 3, agree 9/18 = 50%; phase 3: mean 4, agree 100%.
    expect(change).toEqual([{ questionId: "confident", from: { wave: "Phase 2", n: 18, mean: 3, agree: 0.5 }, to: { wave: "Phase 3", n: 5, mean: 4, agree: 1 }, meanChange: 1, agreeChangePoints: 50 }]);
    const hidden = waveChange(Q, { wave: "Phase 2", answers: wave(18, 4) }, { wave: "Phase 3", answers: wave(4, 4) })[0]!;
    expect(hidden).toMatchObject({ to: { n: 4, mean: null, agree: null }, meanChange: null, agreeChangePoints: null });
    expect(hidden.message).toMatch(/groups of 5 or more/);
  });

  it("response rates per team from invitations", () => {
    const inv = [
      ...Array.from({ length: 10 }, (_, i) => ({ group: "Hub", responded: i < 4 })),
      ...Array.from({ length: 5 }, (_, i) => ({ group: "DA", responded: i < 1 })),
    ];
    expect(responseRates(inv)).toEqual([
      { key: "all", invited: 15, responded: 5, rate: 5 / 15 },
      { key: "DA", invited: 5, responded: 1, rate: 0.2 },
      { key: "Hub", invited: 10, responded: 4, rate: 0.4 },
    ]);
  });

  it("checks answers by question kind and drops blank text", () => {
    expect(checkSurveyAnswers(Q, { confident: 4, trained: false, comments: "  " })).toEqual({ confident: 4, trained: false });
    try {
      checkSurveyAnswers(Q, { confident: 6, trained: "yes", other: 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).issues.map((i) => i.path!.join("."))).toEqual(["answers.confident", "answers.trained", "answers.other"]);
    }
  });
});
