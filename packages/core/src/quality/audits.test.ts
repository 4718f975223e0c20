import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import {
  agreement,
  auditReport,
  checkAnswers,
  countedAnswer,
  describeKappa,
  formatShare,
  isPositive,
  roundAgreement,
  sampleCases,
  smallNumberCaution,
  ZAuditRoundCreateInput,
  ZAuditTemplateInput,
  type TAuditCaseAnswers,
  type TAuditQuestion,
} from "./audits.js";
import { REPORT_AUDIT_FIGURES, REPORT_AUDIT_TEMPLATE } from "./audits-template.js";

const Q: TAuditQuestion[] = [
  { id: "holistic_support", section: "Practice", text: "Holistic family support?", scale: "evidence", guidance: "" },
  { id: "quality", section: "Practice", text: "Quality?", scale: "graded", guidance: "" },
];

const file = (caseId: string, period: string, first: TAuditCaseAnswers["first"], second: TAuditCaseAnswers["second"] = null, moderated: TAuditCaseAnswers["moderated"] = null): TAuditCaseAnswers => ({ caseId, period, first, second, moderated });

/** What `fn` throws (undefined when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("answer scales", () => {
  it("counts yes and partly (and graded requires improvement or better) as at least partial evidence; not applicable is left out", () => {
    expect(["yes", "partly", "no", "not_applicable"].map((a) => isPositive("evidence", a as never))).toEqual([true, true, false, null]);
    expect(["outstanding", "good", "requires_improvement", "inadequate"].map((a) => isPositive("graded", a as never))).toEqual([true, true, true, false]);
    expect(() => isPositive("evidence", "good")).toThrow(DomainError);
  });

  it("checks answers against the template, naming each bad question", () => {
    expect(checkAnswers(Q, { holistic_support: "yes" }, false)).toEqual({ holistic_support: "yes" });
    // The error is caught outside the try, so a call that does not throw fails here rather than in a catch.
    const e = thrown(() => checkAnswers(Q, { holistic_support: "good", nope: "yes" }, true));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).issues.map((i) => i.path!.join("."))).toEqual(["answers.holistic_support", "answers.nope", "answers.quality"]);
  });
});

describe("which answer counts when auditors disagree", () => {
  it("takes the moderated answer, else the first auditor's, else the second's", () => {
    expect(countedAnswer(file("a", "p", { holistic_support: "yes" }, { holistic_support: "no" }, { holistic_support: "no" }), "holistic_support")).toBe("no");
    expect(countedAnswer(file("b", "p", { holistic_support: "partly" }, { holistic_support: "no" }), "holistic_support")).toBe("partly");
    expect(countedAnswer(file("c", "p", null, { holistic_support: "yes" }), "holistic_support")).toBe("yes");
    expect(countedAnswer(file("d", "p", {}, {}), "holistic_support")).toBeUndefined();
  });

  it("aggregates counted answers: moderation changes the share, the second auditor alone does not", () => {
    const cases = [
      file("c1", "during", { holistic_support: "yes" }, { holistic_support: "no" }, { holistic_support: "no" }), // moderated to no
      file("c2", "during", { holistic_support: "partly" }, { holistic_support: "no" }), // unmoderated: first auditor's partly counts
      file("c3", "during", { holistic_support: "no" }, { holistic_support: "yes" }), // unmoderated: first auditor's no counts
      file("c4", "during", { holistic_support: "not_applicable" }), // left out of n
      file("c5", "during", { holistic_support: "yes" }, { holistic_support: "yes" }),
      file("c6", "during", null), // not answered yet
    ];
    const r = auditReport(Q.slice(0, 1), cases);
    // Counted: no, partly, no, n/a, yes, missing → 2 of 4 with at least partial evidence.
    expect(r.questions[0]!.byPeriod[0]).toMatchObject({ period: "during", n: 4, positive: 2, share: 0.5, missing: 1, answers: { no: 2, partly: 1, not_applicable: 1, yes: 1 } });
    const a = roundAgreement(Q.slice(0, 1), cases);
    // Pairs: c1 (yes,no) c2 (partly,no) c3 (no,yes) c5 (yes,yes): 1 of 4 agree; c2 and c3 unresolved.
    expect(a.questions[0]).toMatchObject({ pairs: 4, agreed: 1, percentAgreement: 0.25, unresolved: ["c2", "c3"] });
    expect(a.unresolved).toBe(2);
  });
});

describe("Cohen's kappa", () => {
  it("matches a hand-computed example", () => {
    // 4 (yes,yes), 1 (yes,no), 2 (no,yes), 3 (no,no): p_o = 7/10; first yes 5/10, second yes 6/10;
    // p_e = 0.5×0.6 + 0.5×0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    const pairs = [...Array(4).fill(["yes", "yes"]), ["yes", "no"], ...Array(2).fill(["no", "yes"]), ...Array(3).fill(["no", "no"])] as [string, string][];
    const a = agreement(pairs);
    expect(a.pairs).toBe(10);
    expect(a.agreed).toBe(7);
    expect(a.percentAgreement).toBeCloseTo(0.7, 12);
    expect(a.kappa).toBeCloseTo(0.4, 12);
    expect(describeKappa(a.kappa)).toBe("fair");
  });

  it("three categories: p_o = 0.6, p_e = 0.36, κ = 0.24/0.64", () => {
    // first: yes yes yes partly partly no no no no no ; second: yes yes partly partly no no no no yes yes
    const first = ["yes", "yes", "yes", "partly", "partly", "no", "no", "no", "no", "no"];
    const second = ["yes", "yes", "partly", "partly", "no", "no", "no", "no", "yes", "yes"];
    // agree: 1,2,4,6,7,8 = 6 → 0.6; first yes .3 partly .2 no .5; second yes .4 partly .2 no .4
    // p_e = .3×.4 + .2×.2 + .5×.4 = .12 + .04 + .20 = .36
    const a = agreement(first.map((f, i) => [f, second[i]!] as const));
    expect(a.percentAgreement).toBeCloseTo(0.6, 12);
    expect(a.kappa).toBeCloseTo((0.6 - 0.36) / (1 - 0.36), 12);
  });

  it("is 1 for perfect agreement and undefined when both auditors gave one answer only", () => {
    expect(agreement([["yes", "yes"], ["no", "no"]]).kappa).toBe(1);
    expect(agreement([["yes", "yes"], ["yes", "yes"]])).toMatchObject({ percentAgreement: 1, kappa: null });
    expect(agreement([])).toEqual({ pairs: 0, agreed: 0, percentAgreement: null, kappa: null });
  });
});

describe("the report's case-file review", () => {
  it("reproduces 16 of 20 (80%) during against 2 of 10 (20%) before for holistic family support, with a caution on both", () => {
    const cases = [
      ...Array.from({ length: 10 }, (_, i) => file(`b${i}`, "before", { holistic_support: i < 2 ? "yes" : "no" })),
      ...Array.from({ length: 20 }, (_, i) => file(`d${i}`, "during", { holistic_support: i < 12 ? "yes" : i < 16 ? "partly" : "no" })),
    ];
    const r = auditReport(Q.slice(0, 1), cases, ["before", "during"]);
    const [before, during] = r.questions[0]!.byPeriod;
    expect(formatShare(before!)).toBe("2 of 10 (20%)");
    expect(formatShare(during!)).toBe("16 of 20 (80%)");
    expect(r.questions[0]!.changes).toEqual([{ from: "before", to: "during", points: 60 }]);
    expect(r.caseCounts).toEqual({ before: 10, during: 20 });
    expect(before!.caution).toMatch(/Only 10 case files: treat with caution/);
    expect(during!.caution).toBeNull();
  });

  it("says so in plain words when the numbers are small", () => {
    expect(smallNumberCaution(0)).toBe("No case files answered this question.");
    expect(smallNumberCaution(1)).toBe("Only 1 case file: treat with great caution — one case file changes the share by about 100 percentage points.");
    expect(smallNumberCaution(9)).toMatch(/^Only 9 case files: treat with great caution — one case file changes the share by about 11 percentage points\.$/);
    expect(smallNumberCaution(14)).toMatch(/^Only 14 case files: treat with caution — .* about 7 percentage points\.$/);
    expect(smallNumberCaution(20)).toBeNull();
  });

  it("seeds a valid template with every question the report's figures refer to", () => {
    const t = ZAuditTemplateInput.parse(REPORT_AUDIT_TEMPLATE);
    const ids = t.questions.map((q) => q.id);
    for (const id of Object.keys(REPORT_AUDIT_FIGURES)) expect(ids).toContain(id);
    expect(t.questions.filter((q) => q.section === "DfE practice features")).toHaveLength(7);
    expect(REPORT_AUDIT_FIGURES.holistic_support).toEqual({ before: { positive: 2, n: 10 }, during: { positive: 16, n: 20 } });
  });
});

describe("sampling case files", () => {
  const ids = Array.from({ length: 12 }, (_, i) => `f${String(i).padStart(2, "0")}`);
  it("draws without replacement, the same sample for the same seed, another for another seed", () => {
    const a = sampleCases([{ period: "before", size: 3, candidates: ids.slice(0, 6) }, { period: "during", size: 4, candidates: ids.slice(6) }], 42);
    expect(a).toHaveLength(7);
    expect(new Set(a.map((x) => x.item)).size).toBe(7);
    expect(a.filter((x) => x.period === "before").every((x) => ids.slice(0, 6).includes(x.item))).toBe(true);
    expect(sampleCases([{ period: "before", size: 3, candidates: ids.slice(0, 6) }, { period: "during", size: 4, candidates: ids.slice(6) }], 42)).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((s) => sampleCases([{ period: "all", size: 6, candidates: ids }], s).map((x) => x.item).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it("refuses a sample larger than the candidates", () => {
    expect(() => sampleCases([{ period: "before", size: 3, candidates: ["a", "b"] }], 1)).toThrow(/Only 2 case files match "before"/);
  });

  it("validates a round: distinct auditors, each case file once", () => {
    const base = { templateId: "t1", name: "Round", firstAuditorId: "u1" };
    expect(ZAuditRoundCreateInput.safeParse({ ...base, secondAuditorId: "u1", sample: { method: "random", seed: 1, groups: [{ period: "before", size: 2 }] } }).error?.issues[0]?.path).toEqual(["secondAuditorId"]);
    expect(ZAuditRoundCreateInput.safeParse({ ...base, sample: { method: "chosen", cases: [{ familyId: "f1", period: "a" }, { familyId: "f1", period: "b" }] } }).error?.issues[0]?.path).toEqual(["sample", "cases", 1, "familyId"]);
    expect(ZAuditRoundCreateInput.safeParse({ ...base, sample: { method: "random", seed: 7, groups: [{ period: "before", size: 10, openedTo: "2017-03-31" }, { period: "during", size: 20, openedFrom: "2017-04-01" }] } }).success).toBe(true);
  });
});

describe("round administration", () => {
  it("an open round accepts work; a closed one refuses each action with a 400 naming it", async () => {
    const { assertRoundOpen } = await import("./audits.js");
    expect(() => assertRoundOpen("open", "answer")).not.toThrow();
    expect(() => assertRoundOpen("closed", "answer")).toThrow("This round is closed: you cannot answer any more");
    expect(() => assertRoundOpen("closed", "close")).toThrow("This round is already closed");
    const e = thrown(() => assertRoundOpen("closed", "moderate"));
    expect(e, "a closed round must refuse moderation").toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("INVALID_INPUT");
  });
  it("adds only the case files not already in the round", async () => {
    const { newCaseFiles } = await import("./audits.js");
    const r = newCaseFiles(["f1", "f2"], [{ familyId: "f2", period: "during" }, { familyId: "f3", period: "during" }]);
    expect(r.add).toEqual([{ familyId: "f3", period: "during" }]);
    expect(r.already).toEqual([{ familyId: "f2", period: "during" }]);
  });
  it("refuses the same reference twice (case-insensitive) and an empty list", async () => {
    const { ZAuditRoundAddCasesInput } = await import("./audits.js");
    const bad = ZAuditRoundAddCasesInput.safeParse({ roundId: "r", version: 1, cases: [{ familyReference: "F000001", period: "during" }, { familyReference: "f000001", period: "during" }] });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["cases.1.familyReference"]);
    expect(ZAuditRoundAddCasesInput.safeParse({ roundId: "r", version: 1, cases: [] }).success).toBe(false);
  });
});
