import { describe, expect, it } from "vitest";
import { assessmentFactorLabel, ASSESSMENT_FACTOR_OPTIONS, readAssessmentFactors } from "./assessment-factors.js";
import { CIN_ASSESSMENT_FACTORS } from "./assessments.js";

describe("assessment factors by name", () => {
  it("labels each code with its name and whom it concerns, the code shown", () => {
    expect(assessmentFactorLabel("3A")).toBe("Domestic abuse: the child (3A)");
    expect(assessmentFactorLabel("3B")).toBe("Domestic abuse: a parent or carer (3B)");
    expect(assessmentFactorLabel("16A")).toBe("Neglect (16A)");
    expect(assessmentFactorLabel("19C")).toBe("Sexual abuse: by another child (19C)");
    expect(assessmentFactorLabel("21")).toBe("No factors identified (21)");
    expect(ASSESSMENT_FACTOR_OPTIONS).toHaveLength(CIN_ASSESSMENT_FACTORS.length);
    for (const o of ASSESSMENT_FACTOR_OPTIONS) expect(o.label).toMatch(new RegExp(`^[A-Z][^()]+ \\(${o.value}\\)$`));
  });

  it("accepts names (the finding: 'domestic abuse' was refused as 'DOMESTIC'), codes and the picker's labels", () => {
    expect(readAssessmentFactors("domestic abuse: parent, neglect, 4B")).toEqual({ codes: ["3B", "16A", "4B"], problems: [] });
    expect(readAssessmentFactors("3A 4B; Mental health: another person in the household (4C)")).toEqual({ codes: ["3A", "4B", "4C"], problems: [] });
    expect(readAssessmentFactors("Domestic violence - the child, CSE").codes).toEqual(["3A", "11A"]);
    expect(readAssessmentFactors("physical abuse by an adult").codes).toEqual(["18B"]);
  });

  it("asks whom a name concerns instead of guessing, and keeps the census rules in words", () => {
    const r = readAssessmentFactors("domestic abuse");
    expect(r.codes).toEqual([]);
    expect(r.problems).toEqual(['Say whom "domestic abuse" concerns: Domestic abuse: the child (3A), or Domestic abuse: a parent or carer (3B), or Domestic abuse: another person in the household (3C)']);
    expect(readAssessmentFactors("banana").problems[0]).toMatch(/^"banana" is not an assessment factor/);
    expect(readAssessmentFactors("none, 3A").problems).toEqual(["No factors identified (21) must be the only factor"]);
    expect(readAssessmentFactors("3A, 99Z").problems).toEqual(['"99Z" is not a CIN census assessment factor']);
    expect(readAssessmentFactors("neglect, 16A").problems).toEqual(["Neglect (16A) is listed twice"]);
  });
});
