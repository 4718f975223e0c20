import { describe, expect, it } from "vitest";
import { LA_CODES, isLaCode } from "./la-codes.js";

describe("the local-authority codes of rule 1530", () => {
  it("holds the codes the rule lists, as three digits", () => {
    // 5 + 13 + 20 + 7 + 5 + 10 + 4 + 5 + 5 + 1 + 22 + 8 + 4+4+4+2+4+2+2+7+2+3+3+2+32 + 2+1+1+1+2+2+1+1+4+4, counted by hand from the rule's wording.
    expect(LA_CODES.size).toBe(5 + 13 + 20 + 7 + 5 + 10 + 4 + 5 + 5 + 1 + 22 + 8 + 4 + 4 + 4 + 2 + 4 + 2 + 2 + 7 + 2 + 3 + 3 + 2 + 32 + 2 + 1 + 1 + 1 + 2 + 2 + 1 + 1 + 4 + 4);
    for (const code of ["001", "005", "201", "420", "815", "896", "909", "942", "943"]) expect(isLaCode(code)).toBe(true);
    for (const code of ["000", "006", "123", "214", "804", "897", "904", "944", "1", "20"]) expect(isLaCode(code)).toBe(false);
  });
});
