import { describe, expect, it } from "vitest";
import { runCostBenefit } from "../evaluation/cba.js";
import { cbaTables } from "./analysis-tables.js";
import { formatCell, gbp, int, neutraliseFormula, people, percent, suppressSmallNumbers, text, toCsv, type ReportTable } from "./tables.js";

describe("CSV export", () => {
  it("prefixes text that a spreadsheet would run as a formula", () => {
    expect(neutraliseFormula("=1+1")).toBe("'=1+1");
    expect(neutraliseFormula("\t+1")).toBe("'\t+1");
    expect(neutraliseFormula("\u0000=1")).toBe("'\u0000=1");
    expect(neutraliseFormula("\uFEFF@SUM(A1)")).toBe("'\uFEFF@SUM(A1)");
    expect(neutraliseFormula(" -2")).toBe("' -2");
    expect(neutraliseFormula("|cmd")).toBe("'|cmd");
    expect(neutraliseFormula("Smith, Jo")).toBe("Smith, Jo");
  });

  it("writes RFC 4180 with raw numbers and quoted text", () => {
    const table: ReportTable = {
      id: "t",
      title: "T",
      columns: ["Name", "Cost"],
      rows: [
        [text('Say "hi", =bad'), gbp(1234.5678)],
        [text("=HYPERLINK(1)"), int(-3)],
      ],
    };
    expect(toCsv(table)).toBe('Name,Cost\r\n"Say ""hi"", =bad",1234.5678\r\n\'=HYPERLINK(1),-3\r\n');
  });
});

describe("small-number suppression", () => {
  it("withholds counts of 1-4 people and the percentages beside them, keeps zero", () => {
    const table: ReportTable = {
      id: "t",
      title: "T",
      columns: ["", "n", "%"],
      rows: [
        [text("CIN"), people(3), percent(3 / 78)],
        [text("CP"), people(26), percent(26 / 78)],
        [text("CLA"), people(0), percent(0)],
      ],
    };
    const out = suppressSmallNumbers(table);
    expect(out.rows.map((r) => r.map(formatCell))).toEqual([
      ["CIN", "[c]", "[c]"],
      ["CP", "26", "33.3%"],
      ["CLA", "0", "0.0%"],
    ]);
    expect(out.notes).toContain("[c] = withheld: fewer than 5 people.");
    expect(table.rows[0]![1]!.value).toBe(3);
  });
});

describe("cost table", () => {
  it("formats the report's Table 25 figures in pounds", () => {
    const r = runCostBenefit({
      tariffs: "gmca-2019",
      programmeCost: 909730,
      intervention: { n: 228, before: { referrals: 138, days: { CIN: 1440, CP: 76, CLA: 823 } }, after: { referrals: 13, days: { CIN: 4554, CP: 1307, CLA: 863 } } },
      comparison: { n: 64, before: { referrals: 41, days: { CIN: 0, CP: 385, CLA: 3 } }, after: { referrals: 3, days: { CIN: 443, CP: 2478, CLA: 544 } } },
    });
    const cost = cbaTables(r).find((t) => t.id === "costs")!;
    const net = cost.rows.find((row) => row[0]!.value === "Estimated net cost")!;
    // Report: £559,468; annual/365 tariffs give £559,4xx.
    expect(formatCell(net[1]!)).toMatch(/^£559,4\d\d$/);
  });
});
