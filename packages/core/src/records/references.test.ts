import { describe, expect, it } from "vitest";
import { nextReference } from "./common.js";

describe("nextReference", () => {
  it("gives the number after the highest reference written the system's way, leaving typed ones alone", () => {
    expect(nextReference("F", 6, ["F000122", "F000123", "FAM-9", "F99", "F1234567"])).toBe("F000124");
    expect(nextReference("F", 6, [])).toBe("F000001");
    expect(nextReference("P", 7, ["P0001500", "P0900001"])).toBe("P0900002");
  });
});
