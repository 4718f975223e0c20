/** `evident convert --ssda903-table`: the other SSDA903 tables given as CSV are checked (here the INT rules against the Header), never imported. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const f = (name: string) => fileURLToPath(new URL(`../statutory/fixtures/${name}`, import.meta.url));
const BASE = ["--year-end", "2025-03-31", "--ssda903-header", f("clean-903-header.csv"), "--ssda903-episodes", f("clean-903-episodes-2024.csv")];

async function convert(dir: string, args: string[]) {
  let stderr = "";
  const code = await main(["convert", "--out", dir, ...BASE, ...args], { stdout: () => {}, stderr: (t) => (stderr += t) });
  const problems = JSON.parse(readFileSync(join(dir, "validation.json"), "utf8")) as { file: string; row: number; field: string; rule: string; severity: string }[];
  return { code, stderr, problems };
}

describe("evident convert --ssda903-table", () => {
  it("checks a Reviews table against the Header: a child not in it (INT08), a DOB differing from it (INT17)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evident-tables-"));
    const reviews = join(dir, "reviews.csv");
    // A1 is in the Header born 15/03/2012; Z9 is not in it; A2 is, born 02/11/2016, not 03/11/2016.
    writeFileSync(reviews, "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,15/03/2012,01/06/2024,PN1\nZ9,01/01/2015,01/06/2024,PN1\nA2,03/11/2016,01/06/2024,PN1\n");
    const { code, problems } = await convert(dir, ["--ssda903-table", reviews]);
    expect(code).toBe(2);
    const links = problems.filter((p) => p.rule.startsWith("INT")).map((p) => [p.file, p.row, p.field, p.rule]);
    expect(links).toEqual([
      [reviews, 3, "CHILD", "INT08"],
      [reviews, 4, "DOB", "INT17"],
    ]);
    expect(problems.some((p) => p.rule === "EV27")).toBe(false);
  });

  it("refuses a file that is not one of these tables (EV27) and accepts them as last year's return too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evident-tables-"));
    const wrong = await convert(dir, ["--ssda903-table", f("clean-903-episodes-2023.csv")]);
    expect(wrong.problems.filter((p) => p.rule === "EV27")).toEqual([expect.objectContaining({ file: f("clean-903-episodes-2023.csv"), severity: "error" })]);
    const missing = join(dir, "missing-last-year.csv");
    writeFileSync(missing, "CHILD,DOB,MISSING,MIS_START,MIS_END\nA1,15/03/2012,M,01/06/2023,02/06/2023\n");
    const previous = await convert(dir, ["--ssda903-previous", missing]);
    expect(previous.problems.filter((p) => p.rule === "EV27")).toEqual([]);
  });
});
