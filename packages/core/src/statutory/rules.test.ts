/**
 * Every DfE rule the importer checks has a failing case in the fixtures
 * (one child per rule, named after it). The expected codes are written by
 * hand from the fixture rows, not taken from the code's output.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readStatutoryFiles } from "./read.js";
import type { TStatutoryProblem } from "./model.js";

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8") });

/** Maps each problem to the child whose row it is on (CSV: first cell; XML: the enclosing <Child>'s LAchildID). */
function byChild(problems: TStatutoryProblem[], files: { name: string; text: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    if (p.row === 0) {
      // A problem about the whole file (2883: counts over the census).
      out.set("(whole file)", [...(out.get("(whole file)") ?? []), p.rule]);
      continue;
    }
    const file = files.find((f) => f.name === p.file)!;
    const lines = file.text.split("\n");
    let id: string;
    if (file.name.endsWith(".csv")) id = lines[p.row - 1]!.split(",")[0]!;
    else {
      let i = p.row - 1;
      while (i > 0 && !lines[i]!.includes("<Child>")) i--;
      while (!lines[i]!.includes("<LAchildID>")) i++;
      id = /<LAchildID>(.*)<\/LAchildID>/.exec(lines[i]!)![1]!;
    }
    const list = out.get(id) ?? [];
    list.push(`${p.rule}${p.severity === "warning" ? " (warning)" : ""}`);
    out.set(id, list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

describe("SSDA903 rules", () => {
  const files = [fixture("rules-903-header.csv"), fixture("rules-903-episodes.csv")];
  const extract = readStatutoryFiles(files, { yearEnd: "2025-03-31" });
  const found = byChild(extract.problems, files);

  it.each([
    ["R101", ["101", "EPI (warning)"]],
    ["R102", ["102", "EPI (warning)"]],
    ["R103", ["103", "EPI (warning)"]],
    ["R301", ["301", "EPI (warning)"]],
    ["INT32", ["EPI (warning)", "INT32"]],
    ["R141", ["141"]],
    ["R147", ["147"]],
    ["R143", ["143"]],
    ["R144", ["144"]],
    ["R145", ["145"]],
    ["R146", ["146"]],
    ["R149", ["149"]],
    ["R148", ["148"]],
    ["R356", ["356"]],
    ["R355", ["355"]],
    ["R142", ["142"]],
    ["R501", ["431", "501"]],
    ["R433", ["388", "433"]],
    ["R431", ["431"]],
    ["R432", ["388", "432"]],
    ["R357", ["357"]],
    ["R354", ["354"]],
    ["R302", ["302"]],
    ["R437", ["437"]],
    ["INT03", ["INT03"]],
  ])("%s reports exactly %j", (child, rules) => {
    expect(found.get(child)).toEqual(rules);
  });

  it("reports nothing else, and nothing for the clean child", () => {
    expect(found.has("OK1")).toBe(false);
    expect([...found.keys()].sort()).toHaveLength(25);
  });

  it("gives file, row, field, severity and a plain message", () => {
    const p = extract.problems.find((x) => x.rule === "356")!;
    expect(p).toEqual({ file: "rules-903-episodes.csv", row: 11, field: "DEC", rule: "356", severity: "error", message: "DEC 2024-05-01 is before DECOM 2024-05-10" });
    expect(extract.problems.find((x) => x.rule === "142")).toMatchObject({ row: 13, field: "DEC" });
  });

  it("upper-cases values (R301's m / wbri are valid codes)", () => {
    const c = extract.children.find((x) => x.childId === "R301")!;
    expect([c.sex, c.sexLegacy, c.ethnicity]).toEqual(["M", "1", "WBRI"]);
  });
});

describe("CIN census rules", () => {
  const files = [fixture("rules-cin.xml")];
  const extract = readStatutoryFiles(files);
  const found = byChild(extract.problems, files);

  it.each([
    ["", ["8500"]],
    ["C1570XXXXXXXXXXXXXXXX", ["1570"]],
    ["C1580-X", ["1580"]],
    ["C8510", ["8510"]],
    ["C8520", ["8520", "8606"]],
    ["C8525", ["8525Q (warning)", "8530Q (warning)"]],
    ["C4180", ["4180"]],
    ["C4220", ["4220"]],
    ["C8600", ["8600"]],
    ["C8620", ["8620"]],
    ["C8630", ["8630"]],
    ["C8805", ["8805"]],
    ["C8810", ["8810"]],
    ["C8640", ["8640"]],
    ["C8866", ["8866"]],
    ["C8650", ["8650"]],
    ["C8820", ["8820"]],
    ["C8815", ["8815", "8816"]],
    ["C8816", ["8816"]],
    ["C1103", ["1103"]],
    ["C1105", ["1105", "2885"]],
    ["C2889", ["2889", "2991Q (warning)", "8675Q (warning)"]],
    ["C4015", ["4015"]],
    ["C8608", ["8608"]],
    ["C8863", ["8863Q (warning)"]],
    ["C8896", ["8670Q (warning)", "8670Q (warning)", "8896"]],
    ["C8897", ["8897Q (warning)"]],
    ["C8869", ["8869"]],
    ["C8898", ["8898"]],
    ["CEV12", ["EV12"]],
    ["C8925", ["2885", "8925"]],
    ["C8840", ["2885", "8840"]],
    ["C8935", ["2885", "2885", "8935"]],
    ["C8940", ["2885", "2885", "8940"]],
    ["C8905", ["2885", "8905", "8910"]],
    ["C4011", ["4011"]],
    ["C4014", ["4014"]],
    ["C4017", ["2885", "4017"]],
    // 10 CP plans start in 2024/25 (CPPstartDate 2024-04-20 … 2024-07-10) and one initial conference is recorded;
    // so every plan but the clean child's also starts on no conference day (2885).
    // No child has a disability other than NONE: fewer than 8 codes are used in the return (2887Q), and no
    // child has two (2888Q stays silent: it asks for a second code only of children who have one).
    ["(whole file)", ["2883", "2887Q"]],
  ])("%s reports exactly %j", (child, rules) => {
    expect(found.get(child)).toEqual(rules);
  });

  it("reports nothing for the clean child and nothing unexpected", () => {
    expect(found.has("OKC")).toBe(false);
    expect(found.size).toBe(39);
  });
});
