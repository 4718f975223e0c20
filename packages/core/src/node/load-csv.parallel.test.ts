import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseIsoDay, OPEN_END, UNKNOWN_DAY } from "../dates.js";
import { analyse } from "../evaluation/analyse.js";
import { main } from "../cli/main.js";
import { CsvInputError, loadDatasetDir, type LoadOptions } from "./load-csv.js";

// Many small ranges and reads, so that a few thousand rows cross range and chunk boundaries everywhere.
const SPLIT: LoadOptions = { threads: 3, rangeBytes: 8192, chunkBytes: 1000 };
// A whole file per thread (the default for an extract of 16 MiB or more), on this small one: children.csv on
// the main thread, the other two on a worker each (FILES3) or one on a worker and one on the main thread (FILES2).
const FILES3: LoadOptions = { threads: 3, parallelFromBytes: 0, chunkBytes: 1000 };
const FILES2: LoadOptions = { threads: 2, parallelFromBytes: 0, chunkBytes: 1000 };

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "evident-par-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface Truth {
  children: { id: string; cohort: 0 | 1; start: string; end: string; family?: string; birth?: string; ethnicity?: string; siblings?: number }[];
  episodes: { id: string; status: 1 | 2 | 3; start: string; end?: string }[];
  referrals: { id: string; date: string }[];
}

/**
 * A deterministic extract in the documented format with what real ones have: quoted cells, empty optional
 * columns, CRLF and blank lines, and children whose rows come out of order. Returns the files and the
 * records they hold, in file order (the truth the loader must reproduce).
 */
function generate(n: number): { files: Record<string, string>; truth: Truth } {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const day = (from: number, span: number) => new Date(Date.UTC(2016, 0, 1) + Math.floor(from + rnd() * span) * 86_400_000).toISOString().slice(0, 10);
  const q = (text: string) => (text !== "" && rnd() < 0.05 ? `"${text.replace(/"/g, '""')}"` : text);
  const truth: Truth = { children: [], episodes: [], referrals: [] };
  const order = Array.from({ length: n }, (_, i) => i);
  // About 4 % of children swapped with one up to 300 places away.
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.02) {
      const j = Math.min(n - 1, i + 1 + Math.floor(rnd() * 300));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  const kids = ["child_id,cohort,start_date,end_date,family_id,birth_date,ethnicity,sibling_group_size"];
  const eps = ["child_id,status,start_date,end_date"];
  const refs = ["child_id,referral_date"];
  for (const i of order) {
    const id = `K${String(i).padStart(5, "0")}`;
    const cohort = rnd() < 0.35 ? 0 : 1;
    const start = day(400, 700);
    const end = day(1100, 300);
    const c: Truth["children"][number] = { id, cohort, start, end };
    if (rnd() < 0.9) c.family = `F${Math.floor(i / 3)}`;
    if (rnd() < 0.9) c.birth = day(0, 300);
    if (rnd() < 0.9) c.ethnicity = ["WBRI", "WOTH", "BAFR", "APKN", "MWBC"][Math.floor(rnd() * 5)]!;
    if (rnd() < 0.9) c.siblings = 1 + Math.floor(rnd() * 4);
    truth.children.push(c);
    const cohortText = cohort === 0 ? "intervention" : "comparison";
    kids.push(`${q(id)},${q(cohortText)},${start},${end},${q(c.family ?? "")},${c.birth ?? ""},${q(c.ethnicity ?? "")},${c.siblings ?? ""}${rnd() < 0.05 ? "\r" : ""}`);
    if (rnd() < 0.01) kids.push("");
  }
  for (let i = 0; i < n; i++) {
    // Episodes and referrals of about 3 % of children come a little later.
    const id = `K${String(rnd() < 0.03 ? Math.max(0, i - Math.floor(rnd() * 50)) : i).padStart(5, "0")}`;
    for (let k = Math.floor(rnd() * 5); k > 0; k--) {
      const status = (1 + Math.floor(rnd() * 3)) as 1 | 2 | 3;
      const start = day(0, 1500);
      const e: Truth["episodes"][number] = { id, status, start };
      if (rnd() < 0.8) e.end = day((Date.parse(start) - Date.UTC(2016, 0, 1)) / 86_400_000, 400);
      truth.episodes.push(e);
      eps.push(`${q(id)},${q(["CIN", "CP", "CLA"][status - 1]!)},${start},${e.end ?? ""}`);
    }
    for (let k = Math.floor(rnd() * 3); k > 0; k--) {
      const date = day(0, 1500);
      truth.referrals.push({ id, date });
      refs.push(`${q(id)},${date}`);
    }
  }
  return { files: { "children.csv": kids.join("\n") + "\n", "episodes.csv": eps.join("\r\n"), "referrals.csv": refs.join("\n") + "\n" }, truth };
}

const day = (iso: string | undefined, none: number) => (iso === undefined ? none : parseIsoDay(iso)!);

async function problemsOf(dir: string, options: LoadOptions): Promise<{ problems: unknown; truncated: boolean }> {
  const error = await loadDatasetDir(dir, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CsvInputError);
  return { problems: (error as CsvInputError).problems, truncated: (error as CsvInputError).truncated };
}

// Under vitest each worker compiles the TypeScript sources (tsx) as it starts: seconds on a busy machine.
describe("loadDatasetDir on several threads", { timeout: 120_000 }, () => {
  const { files, truth } = generate(3000);
  const dir = folder(files);

  it("reads what the files hold, the same on one thread and on several", async () => {
    const one = await loadDatasetDir(dir, { threads: 1 });
    const many = await loadDatasetDir(dir, SPLIT);
    expect(one.timings.threads).toBe(1);
    expect(many.timings.threads).toBe(3);
    expect(many.dataset).toEqual(one.dataset);
    expect(many.rows).toEqual(one.rows);
    for (const options of [FILES2, FILES3]) {
      const files = await loadDatasetDir(dir, options);
      expect(files.timings.threads).toBe(options.threads);
      expect(files.dataset).toEqual(one.dataset);
      expect(files.rows).toEqual(one.rows);
    }

    // Both against the generator's records.
    const d = many.dataset;
    expect(many.rows).toEqual({ children: 3000, episodes: truth.episodes.length, referrals: truth.referrals.length });
    expect(d.children.ids).toEqual(truth.children.map((c) => c.id));
    expect(Array.from(d.children.cohort)).toEqual(truth.children.map((c) => c.cohort));
    expect(Array.from(d.children.start)).toEqual(truth.children.map((c) => parseIsoDay(c.start)));
    expect(Array.from(d.children.birth)).toEqual(truth.children.map((c) => day(c.birth, UNKNOWN_DAY)));
    expect(d.children.familyId).toEqual(truth.children.map((c) => c.family));
    expect(d.children.ethnicity).toEqual(truth.children.map((c) => c.ethnicity));
    expect(Array.from(d.children.siblingGroupSize)).toEqual(truth.children.map((c) => c.siblings ?? -1));
    expect(Array.from(d.episodes.child, (c) => d.children.ids[c])).toEqual(truth.episodes.map((e) => e.id));
    expect(Array.from(d.episodes.status)).toEqual(truth.episodes.map((e) => e.status));
    expect(Array.from(d.episodes.end)).toEqual(truth.episodes.map((e) => day(e.end, OPEN_END)));
    expect(Array.from(d.referrals.child, (c) => d.children.ids[c])).toEqual(truth.referrals.map((r) => r.id));
    expect(Array.from(d.referrals.date)).toEqual(truth.referrals.map((r) => parseIsoDay(r.date)));
  });

  it("reports bad input found by a worker exactly as one thread does", async () => {
    const kids = files["children.csv"]!.split("\n");
    const eps = files["episodes.csv"]!.split("\r\n");
    const refs = files["referrals.csv"]!.split("\n");
    // Late in each file, so that a worker other than the first finds them.
    const dupLine = 2900;
    const badKids = [...kids];
    badKids[dupLine - 1] = `${truth.children[10]!.id},comparison,2018-01-01,2018-02-01,,,,`;
    const badEps = [...eps];
    badEps[eps.length - 10] = "Z999,CP,2018-01-01,";
    badEps[eps.length - 5] = `Z998,XX,2018-01-01,`; // both wrong: the unknown child is what is reported
    badEps[eps.length - 3] = `${truth.children[5]!.id},CP,2018-01-01,2017-01-01`;
    const badRefs = [...refs];
    badRefs[refs.length - 4] = `${truth.children[7]!.id},31/12/2018`;
    badRefs[refs.length - 3] = `${truth.children[7]!.id},2018-01-01,extra`;

    const duplicate = folder({ ...files, "children.csv": badKids.join("\n") });
    const expected = [{ file: "children.csv", line: dupLine, column: "child_id", reason: `child "${truth.children[10]!.id}" appears more than once` }];
    expect(await problemsOf(duplicate, { threads: 1 })).toEqual({ problems: expected, truncated: false });
    expect(await problemsOf(duplicate, SPLIT)).toEqual({ problems: expected, truncated: false });
    expect(await problemsOf(duplicate, FILES2)).toEqual({ problems: expected, truncated: false });

    const rows = folder({ ...files, "episodes.csv": badEps.join("\r\n"), "referrals.csv": badRefs.join("\n") });
    const all = [
      { file: "episodes.csv", line: eps.length - 9, column: "child_id", reason: 'no child "Z999" in children.csv' },
      { file: "episodes.csv", line: eps.length - 4, column: "child_id", reason: 'no child "Z998" in children.csv' },
      { file: "episodes.csv", line: eps.length - 2, column: "end_date", reason: "end_date is before start_date" },
      { file: "referrals.csv", line: refs.length - 3, column: "referral_date", reason: 'referral_date "31/12/2018" is not a real date written YYYY-MM-DD' },
      { file: "referrals.csv", line: refs.length - 2, column: "", reason: "expected 2 cells, found 3" },
    ];
    expect(await problemsOf(rows, { threads: 1 })).toEqual({ problems: all, truncated: false });
    expect(await problemsOf(rows, SPLIT)).toEqual({ problems: all, truncated: false });
    expect(await problemsOf(rows, { ...SPLIT, maxProblems: 3 })).toEqual({ problems: all.slice(0, 3), truncated: true });
    for (const options of [FILES2, FILES3]) {
      expect(await problemsOf(rows, options)).toEqual({ problems: all, truncated: false });
      expect(await problemsOf(rows, { ...options, maxProblems: 3 })).toEqual({ problems: all.slice(0, 3), truncated: true });
    }
    expect(await problemsOf(rows, { threads: 1, maxProblems: 3 })).toEqual({ problems: all.slice(0, 3), truncated: true });

    // The command line prints the same message whatever the threads, and nothing on stdout.
    const outputs = [];
    for (const threads of ["1", "3"]) {
      let stdout = "";
      let stderr = "";
      const code = await main(["analyse", "--data", rows, "--as-at", "2020-01-01", "--threads", threads], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      outputs.push({ code, stdout, stderr });
    }
    expect(outputs[0]).toEqual({ code: 2, stdout: "", stderr: `evident: the data cannot be analysed:\n${all.map((p) => `${p.file}, line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.reason}`).join("\n")}\n` });
    expect(outputs[1]).toEqual(outputs[0]);
  });

  it("reports only the first problems when every row is wrong, on any number of threads", async () => {
    // A children file for other children: every episode is of an unknown child, every child of children.csv twice.
    const other = folder({ ...files, "children.csv": "child_id,cohort,start_date,end_date\nX1,comparison,2018-01-01,2018-02-01\n" });
    const first = truth.episodes.slice(0, 20).map((e, i) => ({ file: "episodes.csv", line: i + 2, column: "child_id", reason: `no child "${e.id}" in children.csv` }));
    expect(await problemsOf(other, { threads: 1 })).toEqual({ problems: first, truncated: true });
    expect(await problemsOf(other, SPLIT)).toEqual({ problems: first, truncated: true });
    expect(await problemsOf(other, FILES3)).toEqual({ problems: first, truncated: true });
    const twice = folder({ ...files, "children.csv": files["children.csv"]! + files["children.csv"]!.split("\n").slice(1).join("\n") });
    const lines = files["children.csv"]!.split("\n").length - 1; // the first copy's lines, header included
    const one = await problemsOf(twice, { threads: 1 });
    expect(one.truncated).toBe(true);
    expect((one.problems as { line: number }[])[0]!.line).toBe(lines + 1);
    expect(await problemsOf(twice, SPLIT)).toEqual(one);
  });

  it("gives the same analysis of the report-table example on one thread and on several", async () => {
    const example = fileURLToPath(new URL("../../../../examples/ifp-like", import.meta.url));
    const options = { asAt: "2020-03-01", programmeCost: 501597, bootstrap: { replicates: 50, seed: 7 } };
    const one = analyse((await loadDatasetDir(example, { threads: 1 })).dataset, options);
    const many = analyse((await loadDatasetDir(example, { threads: 2, rangeBytes: 1024, chunkBytes: 300 })).dataset, options);
    expect(many).toEqual(one);
    // Tables 11–14 of the report, as the example data follow them.
    expect([many.cohorts.intervention.n, many.cohorts.comparison.n]).toEqual([78, 116]);
    expect(many.cohorts.intervention.before.referrals).toBe(43);
  });

  it("reads an extract under 16 MiB on the main thread, however many threads are allowed", async () => {
    // Starting a worker costs more than it saves on a small extract: all cores is the default, but not used here.
    const auto = await loadDatasetDir(dir);
    expect(auto.timings.threads).toBe(1);
    const allowed = await loadDatasetDir(dir, { threads: 2 });
    expect(allowed.timings.threads).toBe(1);
    const lowered = await loadDatasetDir(dir, { threads: 2, parallelFromBytes: 1024 });
    expect(lowered.timings.threads).toBe(2);
    expect(lowered.dataset).toEqual(auto.dataset);
  });

  it("reads an extract of 16 MiB or more a file per thread, and the command line prints a worker's problems as one thread does", async () => {
    // About 17 MiB: 90,000 children with three episodes and two referrals each.
    const n = 90_000;
    const kids = ["child_id,cohort,start_date,end_date,family_id,birth_date,ethnicity,sibling_group_size"];
    const eps = ["child_id,status,start_date,end_date"];
    const refs = ["child_id,referral_date"];
    for (let i = 0; i < n; i++) {
      const id = `L${String(i).padStart(6, "0")}`;
      kids.push(`${id},${i % 3 === 0 ? "intervention" : "comparison"},2018-0${1 + (i % 9)}-15,2018-12-31,F${Math.floor(i / 2)},2010-05-0${1 + (i % 9)},WBRI,2`);
      eps.push(`${id},CIN,2017-01-01,2017-06-30`, `${id},CP,2018-02-01,`, `${id},CLA,2019-03-01,2019-09-30`);
      refs.push(`${id},2017-11-20`, `${id},2019-02-02`);
    }
    const clean = { "children.csv": kids.join("\n") + "\n", "episodes.csv": eps.join("\n") + "\n", "referrals.csv": refs.join("\n") + "\n" };
    const bytes = Object.values(clean).reduce((k, text) => k + text.length, 0);
    expect(bytes).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    const whole = await loadDatasetDir(folder(clean), { threads: 2 });
    expect(whole.timings.threads).toBe(2);
    expect(whole.rows).toEqual({ children: n, episodes: 3 * n, referrals: 2 * n });

    // Wrong rows near the end of both files: episodes.csv is the worker's, referrals.csv the main thread's.
    eps[eps.length - 7] = "L999999,CP,2018-01-01,";
    eps[eps.length - 2] = "L000005,CP,2018-01-01,2017-01-01";
    refs[refs.length - 3] = "L000007,31/12/2018";
    const bad = folder({ ...clean, "episodes.csv": eps.join("\n") + "\n", "referrals.csv": refs.join("\n") + "\n" });
    const expected = [
      `episodes.csv, line ${eps.length - 6}, column child_id: no child "L999999" in children.csv`,
      `episodes.csv, line ${eps.length - 1}, column end_date: end_date is before start_date`,
      `referrals.csv, line ${refs.length - 2}, column referral_date: referral_date "31/12/2018" is not a real date written YYYY-MM-DD`,
    ];
    for (const threads of ["2", "1"]) {
      let stdout = "";
      let stderr = "";
      const code = await main(["analyse", "--data", bad, "--as-at", "2020-01-01", "--threads", threads], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      expect({ threads, code, stdout, stderr }).toEqual({ threads, code: 2, stdout: "", stderr: `evident: the data cannot be analysed:\n${expected.join("\n")}\n` });
    }
  });

  it("refuses a --threads that is not a whole number from 1", async () => {
    let stderr = "";
    const code = await main(["analyse", "--data", dir, "--as-at", "2020-01-01", "--threads", "0"], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toBe("evident: --threads must be between 1 and 256 (got 0)\n");
  });
});
