/** `evident convert --postcodes FILE --la CODE [--ofsted-urns FILE]`: the SSDA903 rules needing reference data. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OFSTED_CSV, OWN_LA, POSTCODES_CSV } from "../test/reference-903.js";
import { csv903 } from "../test/returns-903.js";
import { OFSTED_RULES, POSTCODE_RULES } from "../statutory/validate-903-reference.js";
import { main } from "./main.js";

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A one-child return placed in a K2 home of the authority (URN 1000001), and the reference files, written to a new folder. */
function setUp(placement = "XA1 2BB") {
  const dir = mkdtempSync(join(tmpdir(), "evident-reference-"));
  const { header, episodes } = csv903([{}], [{ home: "XA1 1AA", pl: placement, place: "K2", urn: "1000001" }]);
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  // The postcode file quoted in every cell, as the ONS Postcode Directory's CSV is.
  const quoted = POSTCODES_CSV.trim().split("\n").map((l) => l.split(",").map((c) => `"${c}"`).join(",")).join("\r\n");
  return {
    dir,
    returnArgs: ["--ssda903-header", file("header.csv", header), "--ssda903-episodes", file("episodes.csv", episodes), "--year-end", "2025-03-31"],
    postcodes: file("postcodes.csv", `${quoted}\r\n`),
    ofsted: file("ofsted.csv", OFSTED_CSV),
  };
}
type Listed = { file: string; row: number; field: string; rule: string; severity: string; message: string }[];
const listed = (dir: string) => JSON.parse(readFileSync(join(dir, "validation.json"), "utf8")) as Listed;
const skippedCodes = (dir: string) => listed(dir).filter((p) => p.severity === "skipped" && [...POSTCODE_RULES, ...OFSTED_RULES].includes(p.rule as never)).map((p) => p.rule).sort();

describe("evident convert with reference data", () => {
  it("without it, lists the 18 rules needing it as skipped", async () => {
    const s = setUp();
    const r = await run(["convert", "--out", s.dir, ...s.returnArgs]);
    expect(r.code).toBe(0);
    expect(skippedCodes(s.dir)).toEqual([...POSTCODE_RULES, ...OFSTED_RULES].sort());
    expect(listed(s.dir).find((p) => p.rule === "169")?.message).toContain("--postcodes FILE --la CODE");
    expect(r.stdout).toContain("18 rules needing reference data were skipped");
  });

  it("with the postcodes and the authority, checks the postcode rules (a clean return passes) and skips only the URN rules", async () => {
    const s = setUp();
    const r = await run(["convert", "--out", s.dir, ...s.returnArgs, "--postcodes", s.postcodes, "--la", OWN_LA]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(skippedCodes(s.dir)).toEqual([...OFSTED_RULES].sort());
    expect(r.stdout).toContain("give --ofsted-urns FILE");
  });

  it("with Ofsted's list too, reports the episode at fault without writing any postcode out", async () => {
    const s = setUp("XB2 1AA");
    const r = await run(["convert", "--out", s.dir, ...s.returnArgs, "--postcodes", s.postcodes, "--la", OWN_LA, "--ofsted-urns", s.ofsted]);
    expect(r.code).toBe(2);
    expect(skippedCodes(s.dir)).toEqual([]);
    // Placed in another authority (XB2 1AA, county E10000098) in own provision (PR1): 1015; the URN's home is at XA1 2BB: 221.
    const found = listed(s.dir).filter((p) => p.severity === "error").map((p) => [p.row, p.field, p.rule]);
    expect(found).toEqual([
      [2, "PL_LA", "1015"],
      [2, "PL_POST", "221"],
    ]);
    for (const name of ["validation.json", "validation.csv"]) expect(readFileSync(join(s.dir, name), "utf8")).not.toMatch(/X[A-Z]\d ?\d[A-Z]{2}/);
    expect(r.stderr).not.toMatch(/X[A-Z]\d ?\d[A-Z]{2}/);
  });

  it("compares the placement with last year's open episode (503H, 503J, 503G, 452, 453) when both last year's return and the postcodes are given", async () => {
    const s = setUp("XB2 1AA");
    // Last year (2023/24): the same episode, open, placed in the own authority (XA1 2BB) instead.
    const last = csv903([{}], [{ home: "XA1 1AA", pl: "XA1 2BB", place: "K2", urn: "1000001" }]);
    writeFileSync(join(s.dir, "last-h.csv"), last.header);
    writeFileSync(join(s.dir, "last-e.csv"), last.episodes);
    const previous = ["--ssda903-previous", join(s.dir, "last-h.csv"), "--ssda903-previous", join(s.dir, "last-e.csv")];
    await run(["convert", "--out", s.dir, ...s.returnArgs, ...previous, "--postcodes", s.postcodes, "--la", OWN_LA]);
    expect(listed(s.dir).filter((p) => ["452", "453", "503G", "503H", "503J"].includes(p.rule)).map((p) => [p.row, p.rule, p.severity])).toEqual([
      [2, "503H", "error"],
      [2, "452", "error"],
      [2, "503J", "error"],
      [2, "503G", "error"],
      [2, "453", "error"],
    ]);
    // Without the postcodes they are skipped, saying what is missing.
    await run(["convert", "--out", s.dir, ...s.returnArgs, ...previous]);
    const skipped = listed(s.dir).filter((p) => ["452", "453", "503G", "503H", "503J"].includes(p.rule));
    expect(skipped.map((p) => [p.rule, p.severity]).sort()).toEqual([["452", "skipped"], ["453", "skipped"], ["503G", "skipped"], ["503H", "skipped"], ["503J", "skipped"]]);
    expect(skipped[0]!.message).toContain("--postcodes FILE --la CODE");
  });

  it("refuses incomplete or wrong reference arguments with a plain message", async () => {
    const s = setUp();
    expect((await run(["convert", "--out", s.dir, ...s.returnArgs, "--postcodes", s.postcodes])).stderr).toContain("--postcodes FILE and --la CODE go together");
    expect((await run(["convert", "--out", s.dir, ...s.returnArgs, "--postcodes", s.postcodes, "--la", "Camden"])).stderr).toContain("9-character code");
    expect((await run(["convert", "--out", s.dir, ...s.returnArgs, "--ofsted-urns", s.ofsted])).stderr).toContain("--ofsted-urns needs --postcodes");
    const r = await run(["convert", "--out", s.dir, ...s.returnArgs, "--postcodes", s.ofsted, "--la", OWN_LA]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining("the postcode file has no postcode column")]);
    expect((await run(["convert", "--out", s.dir, ...s.returnArgs, "--postcodes", join(s.dir, "none.csv"), "--la", OWN_LA])).stderr).toContain("cannot read --postcodes");
  });
});
