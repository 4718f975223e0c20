import { describe, expect, it } from "vitest";
import { analyse } from "../evaluation/analyse.js";
import { datasetFromRecords } from "../evaluation/dataset.js";
import { analysisTables } from "./analysis-tables.js";
import { neutraliseFormula, toCsv } from "./tables.js";

// Two children a cohort, one CP episode: enough for every table to have rows.
const dataset = () =>
  datasetFromRecords({
    children: [
      { childId: "A", cohort: "intervention", startDate: "2018-03-01", endDate: "2018-05-09", birthDate: "2010-03-01", ethnicity: "WBRI", siblingGroupSize: 2 },
      { childId: "B", cohort: "intervention", startDate: "2018-03-01", endDate: "2018-05-09", birthDate: "2012-03-01", ethnicity: "WBRI", siblingGroupSize: 1 },
      { childId: "C", cohort: "comparison", startDate: "2018-04-30", endDate: "2018-04-30", birthDate: "2015-05-01" },
      { childId: "D", cohort: "comparison", startDate: "2018-04-30", endDate: "2018-04-30" },
    ],
    episodes: [{ childId: "A", status: "CP", startDate: "2017-11-01", endDate: "2018-01-15" }],
    referrals: [{ childId: "C", referralDate: "2018-05-01" }],
  });

describe("analysis tables in a CSV", () => {
  it("has no header a spreadsheet would take for a formula (no stray '% column) and no unrounded number", () => {
    const tables = analysisTables(analyse(dataset(), { asAt: "2019-01-01", programmeCost: 1000 }));
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) for (const c of t.columns) expect(neutraliseFormula(c), `${t.id}: ${c}`).toBe(c);
    const csv = tables.map(toCsv).join("");
    expect(csv).not.toContain("'%");
    // Every number in the file has at most 2 decimal places (the screen's rounding), e.g. no 0.3333333333333333.
    expect(csv.match(/\d+\.\d{3,}/g)).toBeNull();
  });
});
