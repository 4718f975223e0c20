/**
 * The DfE community validators' own sample files are deliberately broken
 * (copied into packages/core/test-fixtures/dfe-validator-samples/ with their
 * source and licence, see the README there). The importer
 * must read them without throwing, report problems with file, row and rule,
 * and flag them as not importable.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readStatutoryPaths } from "../node/statutory-files.js";
import { ZStatutoryExtract, hasStatutoryErrors, type TStatutoryExtract } from "./model.js";
import { readStatutoryFiles } from "./read.js";
import { PostcodeReference } from "./reference-903.js";

const DIR = fileURLToPath(new URL("../../test-fixtures/dfe-validator-samples", import.meta.url));
const load = (name: string) => ({ name, text: readFileSync(`${DIR}/${name}`, "utf8") });

function survived(x: TStatutoryExtract, names: string[]): void {
  expect(ZStatutoryExtract.safeParse(x).success).toBe(true);
  expect(hasStatutoryErrors(x)).toBe(true);
  for (const p of x.problems) {
    if (p.rule === "EV999") continue; // "more problems than listed", for no one file
    expect(names).toContain(p.file);
    expect(p.rule).toMatch(/^[0-9A-Z]+$/);
    expect(p.message.length).toBeGreaterThan(5);
  }
}

// Reading the 5,000-row samples takes a few seconds, more on a busy machine.
describe("the DfE validators' sample files are survived", { timeout: 60_000 }, () => {
  it("903 Header + Episodes CSV: every row read, REC-without-DEC reported as 148 on the right line", () => {
    const files = [load("ssda903-header.csv"), load("ssda903-episodes.csv")];
    const x = readStatutoryFiles(files, { maxProblems: 1_000_000 });
    survived(x, files.map((f) => f.name));
    const lines = files[1]!.text.trim().split("\n");
    expect(x.files.map((f) => f.rows)).toEqual([files[0]!.text.trim().split("\n").length - 1, lines.length - 1]);
    // Counted independently: episodes whose DEC (8th column) and REC (9th) are not both blank or both given.
    const mismatched = lines.slice(1).filter((l) => (l.split(",")[7] === "") !== (l.split(",")[8] === "")).length;
    expect(x.problems.filter((p) => p.rule === "148")).toHaveLength(mismatched);
    // Line 3: 566910,14/08/2017,T,...,(blank DEC),X1
    expect(x.problems).toContainEqual(expect.objectContaining({ file: "ssda903-episodes.csv", row: 3, field: "DEC", rule: "148", severity: "error" }));
  });

  it("903 XML", async () => {
    const file = load("ssda903-fake_903.xml");
    const x = readStatutoryFiles([file]);
    survived(x, [file.name]);
    const count = (re: RegExp) => (file.text.match(re) ?? []).length;
    // Header and Episodes, then the other tables: one row per AREVIEW, AMISSING, OC2, PERMANENCE and AD_PLACED, and a UASC, OC3 or AD1 row for each child with a UASC, IN_TOUCH or DATE_INT value.
    const tables = count(/<(AREVIEW|AMISSING|OC2|PERMANENCE|AD_PLACED)>/g) + count(/<(UASC|IN_TOUCH|DATE_INT)>[^<]/g);
    expect(tables).toBe(1206 + 6 + 253 + 253 + 3 + 12 + 6 + 3);
    expect(x.files[0]!.rows).toBe(count(/<CHILD>/g) + count(/<EPISODE>/g) + tables);
    const mismatched = (file.text.match(/<EPISODE>.*?<\/EPISODE>/g) ?? []).filter((e) => /<DEC \/>/.test(e) !== /<REC \/>/.test(e)).length;
    expect(x.problems.filter((p) => p.rule === "148")).toHaveLength(mismatched);
    const streamed = await readStatutoryPaths([`${DIR}/ssda903-fake_903.xml`], { chunkBytes: 1000 });
    expect(streamed.problems).toEqual(x.problems);
  });

  it("CIN census 2024 sample: old numeric Sex (4180) and a 21+ character LAchildID (1570)", () => {
    const file = load("cin-CIN_Census_2024.xml");
    const x = readStatutoryFiles([file]);
    survived(x, [file.name]);
    expect(x.files[0]!.referenceDate).toBe("2024-03-31");
    expect(x.problems).toContainEqual(expect.objectContaining({ row: 18, field: "Sex", rule: "4180", severity: "error" }));
    expect(x.problems.some((p) => p.rule === "1570")).toBe(true);
  });

  it("CIN census 2021 sample: DOB and expected DOB both given (8525Q warning)", () => {
    const file = load("cin-CIN_Census_2021.xml");
    const x = readStatutoryFiles([file]);
    survived(x, [file.name]);
    expect(x.problems).toContainEqual(expect.objectContaining({ row: 18, rule: "8525Q", severity: "warning" }));
    expect(x.problems).toContainEqual(expect.objectContaining({ row: 36, field: "CINclosureDate", rule: "8620", severity: "error" }));
  });

  it("CIN fake data: every child read, closures outside the census year reported (8620)", () => {
    const file = load("cin-fake_CIN_data.xml");
    const x = readStatutoryFiles([file]);
    survived(x, [file.name]);
    expect(x.files[0]!.rows).toBe((file.text.match(/<Child>/g) ?? []).length);
    expect(x.cinEpisodes.length + x.problems.filter((p) => p.rule === "8600" && p.message.includes("missing")).length).toBe((file.text.match(/<CINdetails>/g) ?? []).length);
    // Line 28: a CINdetails whose CINclosureDate 2021-06-11 is before the year starting 2021-07-22.
    expect(x.problems).toContainEqual(expect.objectContaining({ row: 28, field: "CINclosureDate", rule: "8620" }));
    // 271 of its 332 UPNs carry no local-authority code in characters 2–4 (counted with a separate script from rule 1530's list).
    expect(x.problems.filter((p) => p.rule === "1530")).toHaveLength(271);
  });

  it("all of them at once", () => {
    const names = ["ssda903-header.csv", "ssda903-episodes.csv", "ssda903-fake_903.xml", "cin-CIN_Census_2021.xml", "cin-CIN_Census_2024.xml", "cin-fake_CIN_data.xml"];
    const x = readStatutoryFiles(names.map(load));
    survived(x, names);
  });
});

/**
 * Parity with the community validators on their own samples: the codes they
 * fire there were recorded (validator-results.json, with the tool versions);
 * Evident must fire exactly those codes, apart from the differences listed
 * there with their reasons (rules needing tables or reference data Evident
 * does not have, and the validators' own slips).
 */
describe("the DfE validators' sample files fire the same rule codes in Evident as in the community validators", { timeout: 60_000 }, () => {
  const recorded = JSON.parse(readFileSync(`${DIR}/validator-results.json`, "utf8")) as {
    samples: Record<string, { files: string[]; yearEnd?: string; reference?: { localAuthority: string; postcodes: "empty" }; validator: string[]; validatorOnly: Record<string, string>; evidentOnly: Record<string, string> }>;
  };
  it.each(Object.entries(recorded.samples))("%s", (_, s) => {
    // The validator ran with an empty postcode directory; so does Evident here (the rules needing it then fire as the validator's do).
    const reference = s.reference ? { reference: { localAuthority: s.reference.localAuthority, postcodes: new PostcodeReference() } } : {};
    const x = readStatutoryFiles(s.files.map(load), { yearEnd: s.yearEnd, maxProblems: 1_000_000, ...reference });
    const fired = [...new Set(x.problems.map((p) => p.rule))].sort();
    const expected = [...s.validator.filter((c) => !(c in s.validatorOnly)), ...Object.keys(s.evidentOnly)].sort();
    expect(fired).toEqual(expected);
    // Every listed difference is real: the validator fired it and Evident does not, or the other way round.
    for (const c of Object.keys(s.validatorOnly)) expect([s.validator.includes(c), fired.includes(c)]).toEqual([true, false]);
    for (const c of Object.keys(s.evidentOnly)) expect(s.validator).not.toContain(c);
  });
});
