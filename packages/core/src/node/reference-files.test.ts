import { describe, expect, it } from "vitest";
import { splitCsvLine } from "./reference-files.js";

describe("splitCsvLine", () => {
  it("reads quoted cells with commas and doubled quotes, and blank cells", () => {
    expect(splitCsvLine('"AB1 0AA", "Home, ""The Oaks""",,x ,"" ')).toEqual(["AB1 0AA", 'Home, "The Oaks"', "", "x", ""]);
    expect(splitCsvLine("a,b,")).toEqual(["a", "b", ""]);
  });

  it("skips the cells not kept (blank in their place) and stops after the last kept", () => {
    expect(splitCsvLine('"a","b, c","d","e"', [false, false, true])).toEqual(["", "", "d"]);
    expect(splitCsvLine('"a ""q"", r",b,c', [false, true])).toEqual(["", "b"]);
  });
});
