import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCostBenefit } from "../evaluation/cba.js";
import { cbaTables } from "./analysis-tables.js";
import { dec1, dec2, formatCell, gbp, int, neutraliseFormula, people, percent, suppressSmallNumbers, text, toCsv, type ReportTable } from "./tables.js";

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

  it("prefixes text that begins with a tab or carriage return, after optional spaces", () => {
    expect(neutraliseFormula("\tplain")).toBe("'\tplain");
    expect(neutraliseFormula("  \tplain")).toBe("'  \tplain");
    expect(neutraliseFormula("\rplain")).toBe("'\rplain");
    expect(neutraliseFormula("   =1")).toBe("'   =1");
    expect(neutraliseFormula("plain\ttext")).toBe("plain\ttext");
    expect(neutraliseFormula("a-b")).toBe("a-b");
  });

  it("writes RFC 4180 with numbers rounded as on screen and quoted text", () => {
    const table: ReportTable = {
      id: "t",
      title: "T",
      columns: ["Name", "Cost"],
      rows: [
        [text('Say "hi", =bad'), gbp(1234.5678)],
        [text("=HYPERLINK(1)"), int(-3)],
      ],
    };
    expect(toCsv(table)).toBe('Name,Cost\r\n"Say ""hi"", =bad",1235\r\n\'=HYPERLINK(1),-3\r\n');
  });

  it("rounds each format as the screen does (formatCell), without separators, never '-0'", () => {
    const row = [gbp(-0.4), dec1(2.25), dec2(1 / 3), percent(0.30769), int(1234567.6), dec1(-0.04)];
    const table: ReportTable = { id: "t", title: "T", columns: ["a", "b", "c", "d", "e", "f"], rows: [row] };
    expect(toCsv(table)).toBe("a,b,c,d,e,f\r\n0,2.3,0.33,30.8%,1234568,0.0\r\n");
    // The screen's words for the same cells: the same digits, with separators.
    expect([dec1(2.25), dec2(1 / 3), percent(0.30769), int(1234567.6)].map(formatCell)).toEqual(["2.3", "0.33", "30.8%", "1,234,568"]);
  });
});

describe("small-number suppression", () => {
  it("shows counts of 1-4 people as <5, withholds a second count in the column and the percentages beside them, keeps zero", () => {
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
    // Column n adds up: 3 alone withheld could be recovered from the total, so 26 (the smallest count >= 8) goes too.
    expect(out.rows.map((r) => r.map(formatCell))).toEqual([
      ["CIN", "<5", "[c]"],
      ["CP", "[c]", "[c]"],
      ["CLA", "0", "0.0%"],
    ]);
    expect(out.notes).toContain("<5 = withheld: 1 to 4 people.");
    expect(table.rows[0]![1]!.value).toBe(3);
    expect(toCsv(out)).toBe(",n,'%\r\nCIN,<5,[c]\r\nCP,[c],[c]\r\nCLA,0,0.0%\r\n");
  });

  it("only primary suppression when the table says its lines do not add up", () => {
    const table: ReportTable = { id: "t", title: "T", columns: ["", "n"], rows: [[text("CIN"), people(3)], [text("CP"), people(26)]], additive: { rows: false, columns: false } };
    expect(suppressSmallNumbers(table).rows.map((r) => r.map(formatCell))).toEqual([
      ["CIN", "<5"],
      ["CP", "26"],
    ]);
  });

  it("secondary suppression across rows and columns of a cross-table with totals", () => {
    const table: ReportTable = {
      id: "x",
      title: "Before \\ after",
      columns: ["", "a", "b", "c", "Total"],
      rows: [
        [text("A"), people(10), people(3), people(12), people(25)],
        [text("B"), people(9), people(20), people(0), people(29)],
        [text("C"), people(6), people(7), people(15), people(28)],
      ],
    };
    // Row A: 3 is alone, 10 (smallest >= 8) goes; column a: 10 alone, 9 goes; column b: 3 alone, 20 goes.
    expect(suppressSmallNumbers(table).rows.map((r) => r.map(formatCell))).toEqual([
      ["A", "[c]", "<5", "12", "25"],
      ["B", "[c]", "[c]", "0", "29"],
      ["C", "6", "7", "15", "28"],
    ]);
  });

  it("never leaves a line that adds up with exactly one withheld count (when it has others)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(30), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 6 }), (grid) => {
        const table: ReportTable = { id: "g", title: "G", columns: ["", "x", "y", "z"], rows: grid.map((r) => [text("r"), ...r.map((v) => people(v))]) };
        const out = suppressSmallNumbers(table);
        const hidden = out.rows.map((r) => r.slice(1).map((c) => c.suppressed === true));
        // Every small count is withheld; nothing else that is shown differs from the input.
        grid.forEach((r, i) => r.forEach((v, j) => {
          if (v > 0 && v < 5) expect(hidden[i]![j]).toBe(true);
          if (!hidden[i]![j]) expect(out.rows[i]![j + 1]!.value).toBe(v);
        }));
        for (const line of [...hidden, ...[0, 1, 2].map((j) => hidden.map((r) => r[j]!))]) {
          expect(line.filter(Boolean).length).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
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
