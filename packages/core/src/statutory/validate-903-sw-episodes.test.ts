/**
 * The social worker episode rules on larger tables: the community validator's
 * own examples for SW08STG2 and SW10STG2 (csc-validator-be-903 v0.1.14, its
 * test_validate data, rows flagged there: SW08 rows 5 and 13, SW10 rows 3 and 7),
 * each row written here as CSV (line = row + 2).
 */
import { describe, expect, it } from "vitest";
import { readStatutoryFiles } from "./read.js";

const COLUMNS = "CHILD,SW_ID,SW_DECOM,SW_DEC,SW_REASON";
function flagged(rule: string, rows: [child: string, start: string, end: string, reason?: string][]): number[] {
  const text = [COLUMNS, ...rows.map(([c, s, e, r]) => [c, "SW1", s, e, r ?? "MANAGE"].join(","))].join("\n");
  const x = readStatutoryFiles([{ name: "sw.csv", text }], { yearEnd: "2025-03-31" });
  return x.problems.filter((p) => p.rule === rule).map((p) => p.row - 2);
}

describe("social worker episodes", () => {
  it("SW08STG2: an open episode followed by a later one (rows 5 and 13); a last open one, a nonsense date or a blank child are not flagged", () => {
    const rows: [string, string, string][] = [
      ["111", "01/06/2020", "04/06/2020"],
      ["111", "05/06/2020", "06/06/2020"],
      ["111", "06/06/2020", "08/06/2020"],
      ["111", "08/06/2020", "05/06/2020"],
      ["222", "05/06/2020", "06/06/2020"],
      ["333", "06/06/2020", ""],
      ["333", "07/06/2020", "08/06/2020"],
      ["444", "08/06/2020", "09/06/2020"],
      ["444", "09/06/2020", "10/06/2020"],
      ["444", "15/06/2020", ""],
      ["555", "11/06/2020", "12/06/2020"],
      ["6666", "12/06/2020", "13/06/2020"],
      ["6666", "13/06/2020", "14/06/2020"],
      ["6666", "14/06/2020", ""],
      ["6666", "15/06/2020", "16/06/2020"],
      ["77777", "16/06/2020", "17/06/2020"],
      ["77777", "17/06/2020", "18/06/2020"],
      ["77777", "18/06/2020", ""],
      ["999", "31/06/2020", ""],
      ["123", "", ""],
      ["", "", ""],
    ];
    expect(flagged("SW08STG2", rows)).toEqual([5, 13]);
  });

  it("SW10STG2: a new episode more than 7 days before or after the previous one's end (rows 3 and 7), unless SW_REASON is FCONTA", () => {
    const rows: [string, string, string, string][] = [
      ["1", "01/01/2000", "09/01/2000", "OTHERS"],
      ["1", "02/01/2000", "03/01/2000", "OTHERS"],
      ["2", "01/01/1999", "09/01/2000", "OTHERS"],
      ["2", "01/01/2000", "10/01/2000", "OTHERS"],
      ["3", "10/01/2000", "20/01/2000", "OTHERS"],
      ["3", "10/01/2000", "11/01/2000", "OTHERS"],
      ["3", "18/01/2000", "20/01/2000", "OTHERS"],
      ["3", "30/01/2000", "31/01/2000", "OTHERS"],
      ["6", "01/01/1999", "09/01/2000", "OTHERS"],
      ["6", "01/01/2000", "10/01/2000", "FCONTA"],
    ];
    expect(flagged("SW10STG2", rows)).toEqual([3, 7]);
  });
});
