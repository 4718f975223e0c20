import { auditReport, REPORT_AUDIT_FIGURES, REPORT_AUDIT_TEMPLATE, responseRates, roundAgreement, type TAuditAnswers } from "@evident/core";
import { describe, expect, it } from "vitest";
import { buildDemo } from "./demo.js";
import { DEFAULT_SEED } from "./index.js";
import { QUALITY_IDS, REPORT_ROUND_SEED } from "./quality.js";

describe("demo practice-quality rows", () => {
  const rows = buildDemo({ seed: DEFAULT_SEED });

  it("seeds the report's round: 10 before, 20 during, recorded seed, two auditors per case file", () => {
    expect(rows.auditRound).toEqual([expect.objectContaining({ id: QUALITY_IDS.reportRound, sampleMethod: "random", sampleSeed: REPORT_ROUND_SEED })]);
    expect(rows.auditCase.filter((c) => c.period === "before")).toHaveLength(10);
    expect(rows.auditCase.filter((c) => c.period === "during")).toHaveLength(20);
    expect(new Set(rows.auditCase.map((c) => c.familyId)).size).toBe(30);
    expect(rows.auditAssignment).toHaveLength(60);
  });

  it("its counted answers reproduce the report's published shares", () => {
    const cases = rows.auditCase.map((c) => {
      const a = (role: string) => (rows.auditAssignment.find((x) => x.caseId === c.id && x.role === role)?.answers ?? null) as TAuditAnswers | null;
      return { caseId: c.id!, period: c.period, first: a("first"), second: a("second"), moderated: (c.moderatedAnswers ?? null) as TAuditAnswers | null };
    });
    const report = auditReport(REPORT_AUDIT_TEMPLATE.questions, cases, ["before", "during"]);
    const holistic = report.questions.find((q) => q.questionId === "holistic_support")!;
    expect(holistic.byPeriod.map((s) => [s.positive, s.n])).toEqual([[2, 10], [16, 20]]);
    for (const [qid, fig] of Object.entries(REPORT_AUDIT_FIGURES)) {
      const q = report.questions.find((x) => x.questionId === qid)!;
      if (fig.before) expect([q.byPeriod[0]!.positive, q.byPeriod[0]!.n], `${qid} before`).toEqual([fig.before.positive, fig.before.n]);
      expect([q.byPeriod[1]!.positive, q.byPeriod[1]!.n], `${qid} during`).toEqual([fig.during.positive, fig.during.n]);
    }
    // 6 disagreements, 4 moderated.
    expect(roundAgreement(REPORT_AUDIT_TEMPLATE.questions, cases).unresolved).toBe(2);
  });

  it("seeds the staff e-survey with the report's 18 then 5 responses", () => {
    const byWave = (w: string) => rows.surveyResponse.filter((r) => r.waveId === w).length;
    expect([byWave(QUALITY_IDS.wavePhase2), byWave(QUALITY_IDS.wavePhase3)]).toEqual([18, 5]);
    const inv = rows.surveyInvitation.filter((i) => i.waveId === QUALITY_IDS.wavePhase2);
    expect(inv).toHaveLength(112);
    expect(responseRates(inv.map((i) => ({ group: i.teamId ?? null, responded: !!i.respondedOn })))[0]).toMatchObject({ key: "all", invited: 112, responded: 18 });
    // Responses carry no respondent.
    expect(rows.surveyResponse.every((r) => !("staffId" in r) && !("userId" in r))).toBe(true);
  });
});
