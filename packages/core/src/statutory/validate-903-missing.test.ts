/**
 * The Missing, Reviews and UASC rules against the DfE community validator:
 * made-up returns (test-fixtures/missing-reviews-uasc/, generated at random with
 * a fixed seed) on which csc-validator-be-903 v0.1.14's own rules were run and
 * the codes each fired recorded. Evident must fire exactly those codes, return
 * by return.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readStatutoryFiles } from "./read.js";

const FILE = fileURLToPath(new URL("../../test-fixtures/missing-reviews-uasc/validator-results.json", import.meta.url));
const recorded = JSON.parse(readFileSync(FILE, "utf8")) as { rules: string[]; cases: { csv: Record<string, string>; codes: string[] }[] };
const RULES = new Set(recorded.rules);

describe("Missing, Reviews and UASC rules: the community validator's results on generated returns", () => {
  it("the recorded returns exercise every compared rule, both ways", () => {
    for (const r of recorded.rules) {
      const fired = recorded.cases.filter((c) => c.codes.includes(r)).length;
      expect([r, fired > 0, fired < recorded.cases.length]).toEqual([r, true, true]);
    }
  });

  it("Evident fires exactly the validator's codes on each return", () => {
    const differences: string[] = [];
    recorded.cases.forEach((c, i) => {
      const files = Object.entries(c.csv).map(([table, text]) => ({ name: `${table}.csv`, text }));
      const x = readStatutoryFiles(files, { yearEnd: "2025-03-31" });
      const got = [...new Set(x.problems.map((p) => p.rule).filter((r) => RULES.has(r)))].sort();
      const want = [...c.codes].sort();
      if (got.join() !== want.join()) differences.push(`return ${i}: validator ${want.join(" ") || "-"}, Evident ${got.join(" ") || "-"}`);
    });
    expect(differences).toEqual([]);
  });
});
