import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readStatutoryPaths } from "../node/statutory-files.js";
import { REF, REF_EMPTY, REF_OFSTED } from "../test/reference-903.js";
import { csv903 } from "../test/returns-903.js";
import { OfstedProviders } from "./ofsted-providers.js";
import { PostcodeReference, placementDistance } from "./reference-903.js";
import { readStatutoryFiles } from "./read.js";
import { OFSTED_RULES, POSTCODE_RULES, skippedReferenceRules } from "./validate-903-reference.js";

const place = (pc: string) => REF.postcodes.get(pc)!;

describe("the postcode reference", () => {
  it("gives the upper-tier authority: the county in a two-tier area, the district otherwise, the country outside England", () => {
    expect(place("XA1 1AA").la).toBe("E09000099");
    expect(place("XB2 1AA").la).toBe("E10000098");
    expect(place("XW3 1AA").la).toBe("WAL");
    expect(place("XN0 0AA").la).toBeNull();
    expect(REF.postcodes.get("xa11aa")?.la).toBe("E09000099");
    expect(REF.postcodes.get("XQ9 9QQ")).toBeUndefined();
  });

  it("measures distances as the DfE does (grid km / 1.6093, one decimal), or from latitude and longitude", () => {
    // Hand-computed: 1 km → 0.62; hypot(30 km, 20 km) = 36.06 km → 22.40; 2,000 km → 1242.78; 1° of latitude = 111.19 km → 69.10.
    expect(placementDistance(place("XA1 1AA"), place("XA1 2BB"))).toBe(0.6);
    expect(placementDistance(place("XA1 1AA"), place("XB2 1AA"))).toBe(22.4);
    expect(placementDistance(place("XA1 1AA"), place("XF9 9ZZ"))).toBe(1242.8);
    expect(placementDistance(place("XL1 1AA"), place("XL2 2AA"))).toBe(69.1);
  });

  it("says which column is missing", () => {
    expect(() => new PostcodeReference(["postcode", "oseast1m", "osnrth1m"])).toThrow(/local authority column/);
    expect(() => new PostcodeReference(["pcds", "oslaua"])).toThrow(/grid reference/);
    expect(() => new OfstedProviders(["URN", "Placement code"])).toThrow(/Placement provider code, Deregistration date, Setting address postcode/);
  });

  it("reads Ofsted's list: several codes in a cell, dates in either form", () => {
    expect(REF_OFSTED.providers!.get("1000002")).toEqual({ placeCodes: ["K2"], providerCodes: ["PR1", "PR2"], regEnd: "2024-06-30", postcode: "XB21AA" });
  });
});

describe("the reference rules", () => {
  const { header, episodes } = csv903([{}], [{ home: "XA1 1AA", pl: "XA1 2BB", place: "K2", urn: "1000001" }, { decom: "01/07/2024", home: "XA1 1AA", pl: "XQ9 9QQ", place: "K2", urn: "1000009" }]);
  const files = [{ name: "h.csv", text: header }, { name: "e.csv", text: episodes }];
  const codes = (x: ReturnType<typeof readStatutoryFiles>) => [...new Set(x.problems.map((p) => p.rule))].sort();

  it("do not run without the reference, and are then listed as skipped", () => {
    const x = readStatutoryFiles(files, { yearEnd: "2025-03-31" });
    expect(codes(x).filter((c) => [...POSTCODE_RULES, ...OFSTED_RULES].includes(c as never))).toEqual([]);
    expect(skippedReferenceRules({ ssda903: true, postcodes: false, providers: false }).map((r) => r.code).sort()).toEqual([...POSTCODE_RULES, ...OFSTED_RULES].sort());
    expect(skippedReferenceRules({ ssda903: true, postcodes: true, providers: false }).map((r) => r.code).sort()).toEqual([...OFSTED_RULES].sort());
    expect(skippedReferenceRules({ ssda903: true, postcodes: true, providers: true })).toEqual([]);
    expect(skippedReferenceRules({ ssda903: false, postcodes: false, providers: false })).toEqual([]);
    // With last year's return but no postcodes, the rules comparing the placement with last year's are skipped too.
    expect(skippedReferenceRules({ ssda903: true, postcodes: false, providers: false, previous: true })).toHaveLength(23);
  });

  it("flag the episode at fault and never show a postcode", () => {
    const x = readStatutoryFiles(files, { yearEnd: "2025-03-31", reference: REF_OFSTED });
    // Row 2 is clean; row 3's placement postcode is unknown (169, 179, 392c, 1015 as PR1) and its URN is not Ofsted's
    // (1008; and, as in the validator, 219, 224, 229 and — a K2 placement with PL_POST — 221, having nothing to match).
    const reference = x.problems.filter((p) => [...POSTCODE_RULES, ...OFSTED_RULES].includes(p.rule as never));
    expect(reference.filter((p) => p.row === 2)).toEqual([]);
    expect(reference.map((p) => p.rule).sort()).toEqual(["1008", "1015", "169", "179", "219", "221", "224", "229", "392c"]);
    for (const p of x.problems) expect(`${p.field} ${p.message}`).not.toMatch(/X[A-Z]\d\s?\d[A-Z]{2}/);
  });
});

describe("the streamed reader (evident convert) sees the postcodes as the string reader does", { timeout: 60_000 }, () => {
  it("gives the same problems on the validator's CSV sample, with an empty postcode directory", async () => {
    const dir = fileURLToPath(new URL("../../test-fixtures/dfe-validator-samples/", import.meta.url));
    const names = ["ssda903-header.csv", "ssda903-episodes.csv"];
    const options = { yearEnd: "2025-03-31", maxProblems: 1_000_000, reference: REF_EMPTY("E09000027") };
    const streamed = await readStatutoryPaths(names.map((n) => ({ path: `${dir}${n}`, name: n })), options);
    const inMemory = readStatutoryFiles(names.map((n) => ({ name: n, text: readFileSync(`${dir}${n}`, "utf8") })), options);
    expect(streamed.problems).toEqual(inMemory.problems);
    // Rules on postcodes the streamed reader used to miss (it dropped HOME_POST and PL_POST): 392c needs them given.
    expect(streamed.problems.some((p) => p.rule === "392c")).toBe(true);
  });
});
