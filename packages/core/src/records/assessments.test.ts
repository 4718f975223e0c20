import { describe, expect, it } from "vitest";
import { assessmentDateProblems, assessmentFactorProblems, assessmentTimeliness, CIN_ASSESSMENT_FACTORS, ZAssessmentCreateInput } from "./assessments.js";

describe("CIN census assessment factors", () => {
  it("accepts the code list and refuses anything else", () => {
    expect(assessmentFactorProblems(["3A", "3B", "4B", "16A", "24A"])).toEqual([]);
    expect(assessmentFactorProblems(["3D"])).toHaveLength(1);
    expect(assessmentFactorProblems(["7B"])).toHaveLength(1);
    expect(assessmentFactorProblems(["8A"])).toHaveLength(1);
    expect(assessmentFactorProblems(["3A", "3A"])).toEqual([`"3A" is listed twice`]);
    expect(assessmentFactorProblems(["21", "3A"])).toEqual([`"21" (no factors identified) must be the only factor`]);
    expect(assessmentFactorProblems(["21"])).toEqual([]);
    expect(CIN_ASSESSMENT_FACTORS).toContain("20");
  });

  it("normalises and validates in the input schema", () => {
    const ok = ZAssessmentCreateInput.parse({ childId: "c", familyId: "f", level: "CIN", startedAt: "2025-01-02", factors: [" 3a", "4B"] });
    expect(ok.factors).toEqual(["3A", "4B"]);
    expect(ZAssessmentCreateInput.safeParse({ childId: "c", familyId: "f", level: "CIN", startedAt: "2025-01-02", factors: ["99Z"] }).success).toBe(false);
    expect(ZAssessmentCreateInput.safeParse({ childId: "c", familyId: "f", level: "CIN", startedAt: "2025-01-02", completedAt: "2025-01-01" }).success).toBe(false);
    expect(ZAssessmentCreateInput.safeParse({ childId: "c", familyId: "f", level: "L3", startedAt: "2025-01-02" }).success).toBe(false);
  });
});

describe("assessment dates and the 25-day target", () => {
  it("orders allocation, start and completion", () => {
    expect(assessmentDateProblems({ allocatedAt: "2025-01-01", startedAt: "2025-01-02", completedAt: "2025-01-20" })).toEqual([]);
    expect(assessmentDateProblems({ allocatedAt: "2025-01-03", startedAt: "2025-01-02", completedAt: null }).map((p) => p.path)).toEqual(["startedAt"]);
    expect(assessmentDateProblems({ allocatedAt: "2025-01-10", startedAt: "2025-01-10", completedAt: "2025-01-09" }).map((p) => p.path)).toEqual(["completedAt", "completedAt"]);
  });

  it("counts calendar days from allocation to completion", () => {
    expect(assessmentTimeliness({ allocatedAt: "2025-01-01", completedAt: "2025-01-26" }, "2025-06-01")).toEqual({ days: 25, targetDays: 25, completed: true, withinTarget: true, overdue: false, daysRemaining: null });
    expect(assessmentTimeliness({ allocatedAt: "2025-01-01", completedAt: "2025-01-27" }, "2025-06-01").withinTarget).toBe(false);
    expect(assessmentTimeliness({ allocatedAt: "2025-01-01", completedAt: "2025-01-01" }, "2025-06-01").days).toBe(0);
    // Across a leap day.
    expect(assessmentTimeliness({ allocatedAt: "2024-02-20", completedAt: "2024-03-01" }, "2025-06-01").days).toBe(10);
  });

  it("reports an open assessment's days so far and whether it is overdue", () => {
    expect(assessmentTimeliness({ allocatedAt: "2025-01-01", completedAt: null }, "2025-01-21")).toMatchObject({ days: 20, overdue: false, daysRemaining: 5, completed: false, withinTarget: null });
    expect(assessmentTimeliness({ allocatedAt: "2025-01-01", completedAt: null }, "2025-02-01")).toMatchObject({ days: 31, overdue: true, daysRemaining: -6 });
    expect(assessmentTimeliness({ allocatedAt: null, completedAt: "2025-02-01" }, "2025-02-01")).toMatchObject({ days: null, withinTarget: null });
  });
});
