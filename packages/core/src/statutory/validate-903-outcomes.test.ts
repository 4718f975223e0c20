/**
 * Where the OC2/OC3 rules report (file, row, field) when a rule ties two rows
 * together, and that each faulty row is reported once. Rows are CSV lines
 * (header = line 1), listed by file then row; the year is 2024/25. The parity cases (parity.test.ts)
 * check each rule's condition.
 */
import { describe, expect, it } from "vitest";
import { csv903, tableCsv, type Ep, type TableRow } from "../test/returns-903.js";
import type { TSsda903Table } from "./tables-903.js";
import { readStatutoryFiles } from "./read.js";

function problems(eps: Ep[], tables: Partial<Record<TSsda903Table, TableRow[]>>, rule: string) {
  const { header, episodes } = csv903([{}, { child: "B" }], eps);
  const files = Object.entries(tables).map(([t, rows]) => ({ name: `${t}.csv`, text: tableCsv(t as TSsda903Table, rows) }));
  const x = readStatutoryFiles([{ name: "h.csv", text: header }, { name: "e.csv", text: episodes }, ...files], { yearEnd: "2025-03-31" });
  const found = x.problems.filter((p) => p.rule === rule).map(({ file, row, field }) => ({ file, row, field }));
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.row - b.row);
}
const LEAVER: TableRow = { DOB: "01/06/2005", IN_TOUCH: "YES", ACTIV: "F1", ACCOM: "B1" };

describe("OC2 and OC3 rules report the rows at fault", () => {
  it("215: the OC2 row and the OC3 row of the same young person, not the other child's", () => {
    const got = problems([{}, { child: "B" }], { OC3: [LEAVER, { ...LEAVER, CHILD: "B" }], OC2: [{ CHILD: "B" }, { CONVICTED: "0" }] }, "215");
    expect(got).toEqual([
      { file: "OC2.csv", row: 3, field: "CONVICTED" },
      { file: "OC3.csv", row: 2, field: "IN_TOUCH" },
    ]);
  });

  it("191: a child looked after for 12 months without an OC2 row is reported on the first episode", () => {
    // A: looked after since 2023 (line 2, then a placement change on line 3); B entered care this year (line 4).
    const eps: Ep[] = [{ decom: "01/01/2023", dec: "01/02/2024", rec: "X1" }, { decom: "01/02/2024", rne: "P" }, { child: "B" }];
    expect(problems(eps, { OC2: [{ CHILD: "B" }] }, "191")).toEqual([{ file: "e.csv", row: 2, field: "CHILD" }]);
  });

  it("1014: the UASC row and the OC3 row of a care leaver with no episode this year", () => {
    const eps: Ep[] = [{ decom: "01/01/2022", dec: "31/03/2024", rec: "E8" }, { child: "B" }];
    const got = problems(eps, { OC3: [LEAVER], UASC: [{ SEX: "M", DUC: "01/06/2023" }, { CHILD: "B", SEX: "M", DUC: "01/06/2023" }] }, "1014");
    expect(got).toEqual([
      { file: "OC3.csv", row: 2, field: "IN_TOUCH" },
      { file: "UASC.csv", row: 2, field: "DUC" },
    ]);
  });

  it("131–133: each invalid or blank code once, on its own row", () => {
    // Lines 2–5: valid; IN_TOUCH blank (and the row incomplete); ACTIV F3 and ACCOM S1; all three blank.
    const rows = [LEAVER, { ...LEAVER, IN_TOUCH: "" }, { ...LEAVER, ACTIV: "F3", ACCOM: "S1" }, { DOB: "01/06/2005" }];
    expect(problems([{}], { OC3: rows }, "131").map((p) => p.row)).toEqual([3, 5]);
    expect(problems([{}], { OC3: rows }, "132").map((p) => p.row)).toEqual([4, 5]);
    expect(problems([{}], { OC3: rows }, "133").map((p) => p.row)).toEqual([4, 5]);
    expect(problems([{}], { OC3: rows }, "153").map((p) => p.row)).toEqual([3]);
  });
});
