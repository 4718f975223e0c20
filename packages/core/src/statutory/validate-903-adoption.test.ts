/**
 * The adoption and previous-permanence rules (./validate-903-adoption.ts) on
 * the community validator's own XML sample, given as CSV tables (converted
 * from ssda903-fake_903.xml as the validator's ingress.py reads it; see the
 * README of test-fixtures/dfe-validator-samples): of these rules, Evident
 * must fire exactly the codes the validator v0.1.14 fired on that sample
 * (recorded in validator-results.json), and some hand-checked details.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CASES } from "../test/parity-903/adoption.js";
import { csv903, tableCsv } from "../test/returns-903.js";
import { readStatutoryFiles } from "./read.js";
import { isLaPermCode, latestPermDate } from "./validate-903-prev-perm.js";

const DIR = fileURLToPath(new URL("../../test-fixtures/dfe-validator-samples", import.meta.url));
const TABLES = ["header", "episodes", "ad1", "placed-adoption", "prev-perm"];
/** The rules of this module: those with a parity case in its case file. */
const MODULE_RULES = new Set(Object.keys(CASES));

describe("the adoption rules on the validator's XML sample (as CSV tables)", { timeout: 60_000 }, () => {
  const files = TABLES.map((t) => ({ name: `${t}.csv`, text: readFileSync(`${DIR}/fake-903-as-csv/${t}.csv`, "utf8") }));
  const x = readStatutoryFiles(files, { yearEnd: "2025-03-31", maxProblems: 1_000_000 });

  it("reads every table", () => {
    expect(x.files.map((f) => [f.kind, f.rows])).toEqual([
      ["ssda903-header-csv", 253],
      ["ssda903-episodes-csv", 459],
      ["ssda903-ad1-csv", 3],
      ["ssda903-placed-adoption-csv", 3],
      ["ssda903-prev-perm-csv", 253],
    ]);
  });

  it("fires the same adoption and previous-permanence codes as the community validator", () => {
    expect(MODULE_RULES.size).toBe(48);
    const recorded = JSON.parse(readFileSync(`${DIR}/validator-results.json`, "utf8")) as { samples: Record<string, { validator: string[] }> };
    const expected = recorded.samples["ssda903-xml"]!.validator.filter((c) => MODULE_RULES.has(c)).sort();
    expect(expected).toEqual(["118", "120", "514", "525", "551", "553", "557", "602", "634"]);
    const fired = [...new Set(x.problems.map((p) => p.rule).filter((c) => MODULE_RULES.has(c)))].sort();
    expect(fired).toEqual(expected);
  });

  it("reports the reversal reasons XXX (120) on the PlacedAdoption rows, and the L0 couple (514) on AD1 line 2", () => {
    // placed-adoption.csv: all three rows give REASON_PLACED_CEASED XXX; ad1.csv line 2: NB_ADOPTR 1, SEX_ADOPTR MM, LS_ADOPTR L0.
    expect(x.problems.filter((p) => p.rule === "120").map((p) => [p.file, p.row, p.field])).toEqual([2, 3, 4].map((row) => ["placed-adoption.csv", row, "REASON_PLACED_CEASED"]));
    expect(x.problems.filter((p) => p.rule === "514").map((p) => [p.file, p.row, p.field])).toEqual([["ad1.csv", 2, "SEX_ADOPTR"]]);
  });
});

describe("PrevPerm readings", () => {
  it("DATE_PERM: ZZ is the latest day it can mean", () => {
    expect(latestPermDate("15/03/2020")).toBe("2020-03-15");
    expect(latestPermDate("ZZ/02/2024")).toBe("2024-02-29");
    expect(latestPermDate("ZZ/02/2023")).toBe("2023-02-28");
    expect(latestPermDate("ZZ/ZZ/2019")).toBe("2019-12-31");
    expect(latestPermDate("01/01/ZZZZ")).toBe("2000-01-01");
    expect(latestPermDate("ZZ/13/2019")).toBeUndefined();
    expect(latestPermDate("32/01/2019")).toBeUndefined();
    expect(latestPermDate("2019")).toBeUndefined();
  });

  it("LA_PERM: English authorities, 999 and the codes for outside England", () => {
    expect(["316", "201", "943", "999", "WAL", "SCO", "NIR", "NUK"].filter(isLaPermCode)).toHaveLength(8);
    expect(["001", "660", "708", "123", "ENG", "31"].filter(isLaPermCode)).toEqual([]);
  });
});

describe("a clean return with all three tables", () => {
  // Child A (born 01/06/2020): in care from 01/02/2023; placement order (E1) from 01/06/2024, the day of the
  // decision to place for adoption; matched 01/08/2024; placed with the adopters (A4) 01/09/2024; adopted 01/12/2024.
  // Child B: in care from 01/05/2024 (previous permanence: a special guardianship order, P1, in March 2019);
  // a decision to place for adoption of 01/07/2024, reversed on 01/10/2024.
  const { header, episodes } = csv903(
    [{ child: "A", dob: "01/06/2020" }, { child: "B", dob: "01/01/2016" }],
    [
      { child: "A", decom: "01/02/2023", dec: "01/06/2024", rec: "X1" },
      { child: "A", decom: "01/06/2024", rne: "L", ls: "E1", dec: "01/09/2024", rec: "X1" },
      { child: "A", decom: "01/09/2024", rne: "P", ls: "E1", place: "A4", dec: "01/12/2024", rec: "E11" },
      { child: "B", decom: "01/05/2024" },
    ],
  );
  const tables = [
    tableCsv("AD1", [{ CHILD: "A", DOB: "01/06/2020", DATE_INT: "01/06/2024", DATE_MATCH: "01/08/2024", FOSTER_CARE: "0", NB_ADOPTR: "2", SEX_ADOPTR: "MF", LS_ADOPTR: "L11" }]),
    tableCsv("PlacedAdoption", [
      { CHILD: "A", DOB: "01/06/2020", DATE_PLACED: "01/06/2024" },
      { CHILD: "B", DOB: "01/01/2016", DATE_PLACED: "01/07/2024", DATE_PLACED_CEASED: "01/10/2024", REASON_PLACED_CEASED: "RD1" },
    ]),
    tableCsv("PrevPerm", [
      { CHILD: "A", DOB: "01/06/2020", PREV_PERM: "Z1" },
      { CHILD: "B", DOB: "01/01/2016", PREV_PERM: "P1", LA_PERM: "316", DATE_PERM: "ZZ/03/2019" },
    ]),
  ];
  const read = (ad1: string) =>
    readStatutoryFiles(
      [{ name: "h.csv", text: header }, { name: "e.csv", text: episodes }, ...[ad1, tables[1]!, tables[2]!].map((text, i) => ({ name: `t${i}.csv`, text }))],
      { yearEnd: "2025-03-31" },
    );

  it("raises none of these rules", () => {
    expect(read(tables[0]!).problems.filter((p) => MODULE_RULES.has(p.rule))).toEqual([]);
  });

  it("a match on the day of the adoption placement is fine, one day later is 331", () => {
    const matched = (date: string) => read(tables[0]!.replace("01/08/2024", date)).problems.filter((p) => MODULE_RULES.has(p.rule)).map((p) => [p.file, p.row, p.rule]);
    expect(matched("01/09/2024")).toEqual([]);
    expect(matched("02/09/2024")).toEqual([["t0.csv", 2, "331"]]);
  });
});
