import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../dates.js";
import { CsvInputError, loadDatasetDir } from "./load-csv.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "evident-load-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const children = "child_id,cohort,start_date,end_date,family_id,birth_date,ethnicity,sibling_group_size\nA,intervention,2018-03-01,2018-05-09,F1,2010-03-01,WBRI,2\nB,comparison,2018-04-30,2018-04-30,,,,\n";

describe("loadDatasetDir", () => {
  it("reads quoted cells, CRLF, a BOM, blank lines and a last line without a newline", async () => {
    const dir = folder({
      "children.csv": "\uFEFF" + children.replace(/\n/g, "\r\n"),
      "episodes.csv": 'child_id,status,start_date,end_date\r\n"A","CP","2017-11-01",2018-01-15\r\n\r\n B , CIN ,2018-06-01, \r\n',
      "referrals.csv": "child_id,referral_date\nA,2017-10-10",
    });
    const { dataset, rows } = await loadDatasetDir(dir);
    expect(rows).toEqual({ children: 2, episodes: 2, referrals: 1 });
    expect(dataset.children.ids).toEqual(["A", "B"]);
    expect(dataset.children.ethnicity).toEqual(["WBRI", undefined]);
    expect(Array.from(dataset.children.siblingGroupSize)).toEqual([2, -1]);
    expect(Array.from(dataset.episodes.child)).toEqual([0, 1]);
    expect(Array.from(dataset.episodes.status)).toEqual([2, 1]);
    expect(dataset.episodes.start[0]).toBe(parseIsoDay("2017-11-01"));
    expect(dataset.episodes.end[1]).toBe(2_147_483_647);
    expect(Array.from(dataset.referrals.date)).toEqual([parseIsoDay("2017-10-10")]);
  });

  it("gives the same result whatever the chunk size and row order", async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `C${i}`);
    const kids = ["child_id,cohort,start_date,end_date", ...ids.map((id, i) => `${id},${i % 3 ? "comparison" : "intervention"},2018-01-${String(1 + (i % 28)).padStart(2, "0")},2018-03-01`)].join("\n");
    const eps = ids.flatMap((id, i) => [`${id},CIN,2017-0${1 + (i % 9)}-01,2017-12-01`, `${id},CP,2017-06-01,`]);
    const shuffled = [...eps].sort((a, b) => (a.length * 7919 + a.charCodeAt(3)) % 13 - (b.length * 7919 + b.charCodeAt(3)) % 13 || a.localeCompare(b));
    const a = await loadDatasetDir(folder({ "children.csv": kids, "episodes.csv": ["child_id,status,start_date,end_date", ...eps].join("\n"), "referrals.csv": "child_id,referral_date\n" }));
    const b = await loadDatasetDir(folder({ "children.csv": kids, "episodes.csv": ["child_id,status,start_date,end_date", ...shuffled].join("\n"), "referrals.csv": "child_id,referral_date\n" }), { chunkBytes: 7 });
    expect(b.dataset.children).toEqual(a.dataset.children);
    const key = (d: typeof a.dataset) => Array.from(d.episodes.child, (c, i) => `${c}:${d.episodes.status[i]}:${d.episodes.start[i]}:${d.episodes.end[i]}`).sort();
    expect(key(b.dataset)).toEqual(key(a.dataset));
    expect(a.rows.episodes).toBe(400);
  });

  it("lists every problem with file, line and column, up to the limit", async () => {
    const dir = folder({
      "children.csv": children,
      "episodes.csv": "child_id,status,start_date,end_date\nA,CP,2017-11-01,2017-01-01\nZ,CP,2017-11-01,\nA,CP\n",
      "referrals.csv": "child_id,referral_date\nA,10/10/2017\n",
    });
    const error = await loadDatasetDir(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvInputError);
    expect((error as CsvInputError).problems).toEqual([
      { file: "episodes.csv", line: 2, column: "end_date", reason: "end_date is before start_date" },
      { file: "episodes.csv", line: 3, column: "child_id", reason: 'no child "Z" in children.csv' },
      { file: "episodes.csv", line: 4, column: "", reason: "expected 4 cells, found 2" },
      { file: "referrals.csv", line: 2, column: "referral_date", reason: 'referral_date "10/10/2017" is not a real date written YYYY-MM-DD' },
    ]);
    const many = folder({ "children.csv": children, "episodes.csv": "child_id,status,start_date,end_date\n" + "A,XX,2017-01-01,\n".repeat(50), "referrals.csv": "child_id,referral_date\n" });
    const capped = (await loadDatasetDir(many, { maxProblems: 5 }).catch((e: unknown) => e)) as CsvInputError;
    expect(capped.problems).toHaveLength(5);
    expect(capped.truncated).toBe(true);
  });

  it("refuses duplicate children and empty files", async () => {
    const dup = await loadDatasetDir(folder({ "children.csv": children + "A,comparison,2018-01-01,2018-01-01,,,,\n", "episodes.csv": "child_id,status,start_date,end_date\n", "referrals.csv": "child_id,referral_date\n" })).catch((e: unknown) => e);
    expect((dup as CsvInputError).problems[0]).toMatchObject({ line: 4, column: "child_id", reason: 'child "A" appears more than once' });
    const empty = await loadDatasetDir(folder({ "children.csv": "", "episodes.csv": "", "referrals.csv": "" })).catch((e: unknown) => e);
    expect((empty as CsvInputError).problems[0]!.reason).toBe("children.csv is empty: it needs a header row");
  });
});
