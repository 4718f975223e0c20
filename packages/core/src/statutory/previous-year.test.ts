/**
 * DfE parity for the SSDA903 rules that compare with last year's return
 * (catalogue status needs-previous-year): for each, a minimal pair of returns
 * (last year 2023/24, this year 2024/25) that breaks it and one that does not,
 * written by hand from the rule's wording; and the list of rules skipped when
 * last year's return is not given.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STATUTORY_RULES } from "./catalogue.js";
import { checkPreviousYear, skippedRules } from "./previous-year.js";
import { SSDA903_TABLES } from "./tables-903.js";
import { csv903, tableCsv, xml903, type Ep, type Hd, type TableRow } from "../test/returns-903.js";
import { readStatutoryFiles } from "./read.js";
import type { Reference903 } from "./reference-903.js";
import { REF } from "../test/reference-903.js";

interface Year {
  eps: Ep[];
  header?: Hd[];
  /** PlacedAdoption rows (rules 559–561, 584). */
  placed?: TableRow[];
  /** OC3 rows (rules 1001, 1002, 1010). */
  oc3?: TableRow[];
  /** Missing rows (rule 576). */
  missing?: TableRow[];
  /** UASC rows (rules 205A–D). */
  uasc?: TableRow[];
  /** Instead of CSV files: a 903 XML return (the Header's UASC flag, rules 205A–D). */
  xml?: string;
  /** Postcodes and own authority (test/reference-903.ts), for 452, 453, 503G, 503H, 503J. */
  reference?: Reference903;
}
const girl: Hd = { sex: "F", dob: "01/06/2006", mother: "0" };
/** Last year's decision to place for adoption, made 01/03/2024 and reversed 15/03/2024. */
const reversedLastYear: TableRow = { DATE_PLACED: "01/03/2024", DATE_PLACED_CEASED: "15/03/2024", REASON_PLACED_CEASED: "RD1" };

/** Episodes start on 01/05/2023 unless given: in last year's collection (2023/24). */
function read(y: Year, suffix: string, yearEnd: string) {
  if (y.xml !== undefined) return readStatutoryFiles([{ name: `r${suffix}.xml`, text: y.xml }], { yearEnd });
  const { header, episodes } = csv903(y.header ?? [{}], y.eps.map((e) => ({ decom: "01/05/2023", ...e })));
  const placed = y.placed ? [{ name: `pa${suffix}.csv`, text: tableCsv("PlacedAdoption", y.placed) }] : [];
  const oc3 = y.oc3 ? [{ name: `oc3${suffix}.csv`, text: tableCsv("OC3", y.oc3) }] : [];
  const missing = y.missing ? [{ name: `m${suffix}.csv`, text: tableCsv("Missing", y.missing) }] : [];
  const uasc = y.uasc ? [{ name: `u${suffix}.csv`, text: tableCsv("UASC", y.uasc) }] : [];
  return readStatutoryFiles([{ name: `h${suffix}.csv`, text: header }, { name: `e${suffix}.csv`, text: episodes }, ...placed, ...oc3, ...missing, ...uasc], { yearEnd, ...(y.reference ? { reference: y.reference } : {}) });
}
function compare(last: Year, now: Year) {
  return checkPreviousYear(read(now, "", "2025-03-31"), read(last, "-last", "2024-03-31"), { yearEnd: "2025-03-31" });
}
const codes = (last: Year, now: Year) => [...new Set(compare(last, now).map((p) => p.rule))];
const open2023: Year = { eps: [{ decom: "01/05/2023" }] };
/** A care leaver born 01/06/2006: 14 on 01/06/2020, 16 on 01/06/2022, 18 during this year. */
const leaver: Hd = { dob: "01/06/2006" };
const leaverRow: TableRow = { DOB: "01/06/2006", IN_TOUCH: "YES", ACTIV: "F1", ACCOM: "S" };
/** Last year: looked after for 31 days only (01/05/2023 to 01/06/2023), when over 16. */
const shortCare: Year = { eps: [{ decom: "01/05/2023", dec: "01/06/2023", rec: "E8" }], header: [leaver] };
/** Placed in the own authority 0.6 miles from home (XA1 2BB), or in another 22.4 miles away (XB2 1AA), with the postcodes given. */
const placed = (pl: string, e: Ep = {}): Year => ({ eps: [{ home: "XA1 1AA", pl, ...e }], reference: REF });

const CASES: Record<string, [last: Year, failing: Year, passing: Year]> = {
  "502": [open2023, { eps: [{ decom: "01/06/2023" }] }, { eps: [{ decom: "01/05/2023" }] }],
  "503A": [open2023, { eps: [{ rne: "P" }] }, { eps: [{}] }],
  "503B": [open2023, { eps: [{ ls: "C1" }] }, { eps: [{}] }],
  "503C": [open2023, { eps: [{ cin: "N2" }] }, { eps: [{}] }],
  "503D": [open2023, { eps: [{ place: "U3" }] }, { eps: [{}] }],
  "503E": [open2023, { eps: [{ prov: "PR2" }] }, { eps: [{}] }],
  "503F": [open2023, { eps: [{ urn: "SC123456" }] }, { eps: [{}] }],
  "503G": [placed("XA1 2BB"), placed("XB2 1AA"), placed("XA1 2BB")],
  "503H": [placed("XA1 2BB"), placed("XB2 1AA"), placed("XA1 2BB")],
  "503J": [placed("XA1 2BB"), placed("XB2 1AA"), placed("XA1 2BB")],
  // The same move with another RNE is not 452 or 453 (it is 503A).
  "452": [placed("XA1 2BB"), placed("XB2 1AA"), placed("XB2 1AA", { rne: "P" })],
  "453": [placed("XA1 2BB"), placed("XB2 1AA"), placed("XB2 1AA", { rne: "P" })],
  "562": [{ eps: [{ decom: "01/05/2023", dec: "01/06/2023", rec: "E8" }] }, { eps: [{ decom: "01/03/2024" }] }, { eps: [{ decom: "01/05/2023", dec: "01/06/2023", rec: "E8" }, { decom: "01/03/2024" }] }],
  NoE: [{ eps: [{ child: "B" }], header: [{ child: "B" }] }, { eps: [{ decom: "01/03/2024" }] }, { eps: [{ decom: "01/05/2024" }] }],
  "207": [{ eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/02/2023" }] }, { eps: [{}], header: [{ ...girl, mcDob: "01/02/2023" }] }, { eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/02/2023" }] }],
  "624": [{ eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/02/2023" }] }, { eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/03/2023" }] }, { eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/02/2023" }] }],
  "626": [{ eps: [{}], header: [girl] }, { eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/02/2024" }] }, { eps: [{}], header: [{ ...girl, mother: "1", mcDob: "01/05/2024" }] }],
  // PlacedAdoption against last year's (this year runs from 01/04/2024)
  "559": [{ eps: [{}], placed: [] }, { eps: [{}], placed: [{ DATE_PLACED: "01/03/2024" }] }, { eps: [{}], placed: [{ DATE_PLACED: "01/04/2024" }] }],
  "560": [{ eps: [{}], placed: [{ DATE_PLACED: "01/03/2024" }] }, { eps: [{}], placed: [{ DATE_PLACED: "02/03/2024" }] }, { eps: [{}], placed: [{ DATE_PLACED: "01/03/2024" }] }],
  "561": [{ eps: [{}], placed: [reversedLastYear] }, { eps: [{}], placed: [{ DATE_PLACED: "01/03/2024" }] }, { eps: [{}], placed: [{ DATE_PLACED: "01/06/2024" }] }],
  // UASC status against last year's. Child A (XML: born 01/06/2015, 18 on 01/06/2033); last year ran 01/04/2023–31/03/2024.
  "205A": [{ eps: [], xml: xml903("<UASC>1</UASC><DUC>15/01/2024</DUC>") }, { eps: [], xml: xml903("<UASC>0</UASC><DUC>01/06/2024</DUC>") }, { eps: [], xml: xml903("<UASC>0</UASC>") }],
  "205B": [{ eps: [], xml: xml903("<UASC>1</UASC><DUC>01/06/2033</DUC>") }, { eps: [], xml: xml903("<UASC>1</UASC><DUC>02/06/2033</DUC>") }, { eps: [], xml: xml903("<UASC>1</UASC><DUC>01/06/2033</DUC>") }],
  "205C": [{ eps: [], xml: xml903("<UASC>0</UASC>") }, { eps: [], xml: xml903("<UASC>0</UASC><DUC>01/06/2024</DUC>") }, { eps: [], xml: xml903("<UASC>0</UASC>") }],
  // With CSV: a child in this year's UASC table (flag 1) but not in last year's (flag 0).
  "205D": [{ eps: [{}], uasc: [] }, { eps: [{}], uasc: [{ SEX: "M" }] }, { eps: [{}], uasc: [] }],
  // 576: a missing period open since 10/03/2024 at the end of last year; this year's first period must start that day.
  "576": [
    { eps: [{}], missing: [{ MISSING: "M", MIS_START: "10/03/2024" }] },
    { eps: [{}], missing: [{ MISSING: "M", MIS_START: "11/03/2024", MIS_END: "20/04/2024" }] },
    { eps: [{}], missing: [{ MISSING: "M", MIS_START: "10/03/2024", MIS_END: "20/04/2024" }, { MISSING: "A", MIS_START: "01/06/2024", MIS_END: "02/06/2024" }] },
  ],
  // OC3 against both years' episodes. 1001: 31 days after 14 last year, and 153 more this year in the passing pair.
  "1001": [shortCare, { eps: [{ child: "B" }], header: [leaver, { child: "B" }], oc3: [leaverRow] }, { eps: [{ decom: "01/07/2024", dec: "01/12/2024", rec: "E8" }], header: [leaver], oc3: [leaverRow] }],
  // 1002: C has no episodes in either year; A has episodes this year.
  "1002": [open2023, { eps: [{}], oc3: [{ ...leaverRow, CHILD: "C" }] }, { eps: [{}], oc3: [leaverRow] }],
  // 1010: A was still looked after at the end of last year; this year only B has episodes.
  "1010": [open2023, { eps: [{ child: "B" }], header: [{}, { child: "B" }], oc3: [leaverRow] }, { eps: [{}], oc3: [leaverRow] }],
  "584": [{ eps: [{}], placed: [reversedLastYear] }, { eps: [{}], placed: [{ DATE_PLACED: "28/02/2024" }] }, { eps: [{}], placed: [{ DATE_PLACED: "02/03/2024" }] }],
};

describe("DfE parity: the SSDA903 rules that compare with last year's return", () => {
  it.each(Object.entries(CASES))("%s: the failing pair reports it, the passing pair does not", (code, [last, fail, pass]) => {
    expect(codes(last, fail)).toContain(code);
    expect(codes(last, pass)).not.toContain(code);
  });

  it("every rule the catalogue marks needs-previous-year has a case", () => {
    const needs = STATUTORY_RULES.filter((r) => r.status === "needs-previous-year").map((r) => r.code).sort();
    expect(Object.keys(CASES).sort()).toEqual(needs);
  });

  it("reports this year's file, row and field, and checks 202–204 and 208 against last year's Header too", () => {
    const problems = compare({ eps: [{}], header: [{ dob: "02/06/2015", upn: "A123456789012" }] }, { eps: [{ decom: "01/06/2023" }], header: [{ upn: "B123456789012" }] });
    expect(problems.map((p) => [p.file, p.row, p.field, p.rule])).toEqual([
      ["h.csv", 2, "DOB", "203"],
      ["h.csv", 2, "UPN", "208"],
      ["e.csv", 2, "DECOM", "502"],
      // the first episode starts before the year but is not last year's latest episode (2023-05-01)
      ["e.csv", 2, "DECOM", "562"],
    ]);
  });

  it("lets PLACE H5 become K3 in 2024/25 (503D)", () => {
    expect(codes({ eps: [{ place: "H5" }] }, { eps: [{ place: "K3" }] })).not.toContain("503D");
  });

  it("lists the rules skipped without last year's return: only for the SSDA903, none for the CIN census", () => {
    const all = { ssda903: true, cin: true, ssda903Previous: false, cinPrevious: false, tables903: SSDA903_TABLES };
    expect(skippedRules(all).map((r) => r.code).sort()).toEqual(Object.keys(CASES).sort());
    // A rule on another table with last year's is skipped only when this year's table is given (559–561, 584: PlacedAdoption).
    const withoutTables = skippedRules({ ...all, tables903: [] }).map((r) => r.code);
    expect(withoutTables).not.toContain("559");
    expect(withoutTables).toContain("502");
    expect(skippedRules({ ...all, ssda903Previous: true })).toEqual([]);
    expect(skippedRules({ ...all, ssda903: false })).toEqual([]);
  });
});

describe("the community validator's verdict on a made-up pair of years (test-fixtures/previous-year)", () => {
  const dir = new URL("../../test-fixtures/previous-year/", import.meta.url);
  const load = (name: string) => ({ name, text: readFileSync(new URL(name, dir), "utf8") });
  const recorded = JSON.parse(readFileSync(new URL("validator-results.json", dir), "utf8")) as { flagged: Record<string, string[]> };

  it("Evident flags exactly the children the validator flags, rule by rule", () => {
    const now = [load("header-2025.csv"), load("episodes-2025.csv")];
    const problems = checkPreviousYear(readStatutoryFiles(now, { yearEnd: "2025-03-31" }), readStatutoryFiles([load("header-2024.csv"), load("episodes-2024.csv")], { yearEnd: "2024-03-31" }), { yearEnd: "2025-03-31" });
    const childOn = (file: string, row: number) => now.find((f) => f.name === file)!.text.split("\n")[row - 1]!.split(",")[0]!;
    const flagged: Record<string, string[]> = {};
    for (const p of problems) flagged[p.rule] = [...new Set([...(flagged[p.rule] ?? []), childOn(p.file, p.row)])].sort();
    expect(flagged).toEqual(recorded.flagged);
  });
});
