/**
 * Loads an analysis dataset from a folder of three CSV files (children.csv,
 * episodes.csv, referrals.csv) into the columnar `Dataset`. This is the one
 * part of @evident/core that touches the file system; it is exported from
 * `@evident/core/node`, not from the pure library entry point.
 *
 * Parsing is streamed with papaparse (no whole file held as rows), and every
 * problem is reported with file, line, column and reason. Line numbers count
 * the header as line 1 (cells spanning several lines are not expected in
 * these files).
 */
import { createReadStream, statSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { parseIsoDay } from "../dates.js";
import { DatasetBuilder, type Dataset } from "../evaluation/dataset.js";

export interface CsvProblem {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export class CsvInputError extends Error {
  override readonly name = "CsvInputError";
  constructor(readonly problems: CsvProblem[], readonly truncated: boolean) {
    super(problems.map(formatProblem).join("\n") + (truncated ? "\n(further problems not shown)" : ""));
  }
}

export function formatProblem(p: CsvProblem): string {
  return `${p.file}, line ${p.line}${p.column ? `, column ${p.column}` : ""}: ${p.reason}`;
}

export interface LoadTimings {
  childrenMs: number;
  episodesMs: number;
  referralsMs: number;
  totalMs: number;
}

export interface LoadResult {
  dataset: Dataset;
  timings: LoadTimings;
  rows: { children: number; episodes: number; referrals: number };
}

export interface LoadOptions {
  /** Stop after this many problems (default 20). */
  maxProblems?: number;
  /** Refuse files larger than this many bytes (default 4 GiB). */
  maxFileBytes?: number;
}

const CHILD_COLUMNS = ["child_id", "cohort", "start_date", "end_date"] as const;
const OPTIONAL_CHILD_COLUMNS = ["family_id", "birth_date", "ethnicity", "sibling_group_size"] as const;
const EPISODE_COLUMNS = ["child_id", "status", "start_date", "end_date"] as const;
const REFERRAL_COLUMNS = ["child_id", "referral_date"] as const;
const MAX_ID = 64;

type RowHandler = (row: string[], line: number) => void;

class Problems {
  readonly list: CsvProblem[] = [];
  truncated = false;
  constructor(private readonly max: number) {}
  add(file: string, line: number, column: string, reason: string): void {
    if (this.list.length < this.max) this.list.push({ file, line, column, reason });
    else this.truncated = true;
  }
  get full(): boolean {
    return this.list.length >= this.max;
  }
}

async function parseFile(
  path: string,
  file: string,
  required: readonly string[],
  optional: readonly string[],
  problems: Problems,
  maxBytes: number,
  onHeader: (index: Record<string, number>) => RowHandler,
): Promise<number> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    problems.add(file, 0, "", `cannot read ${file}: no such file in the data folder`);
    return 0;
  }
  if (size > maxBytes) {
    problems.add(file, 0, "", `${file} is ${size} bytes, more than the limit of ${maxBytes}`);
    return 0;
  }
  let handler: RowHandler | undefined;
  let line = 0;
  let width = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 4 << 20 });
    stream.on("error", reject);
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      skipEmptyLines: true,
      chunk: (results, parser) => {
        const rows = results.data;
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r]!;
          line++;
          if (handler === undefined) {
            const names = row.map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim().toLowerCase());
            const index: Record<string, number> = {};
            names.forEach((name, i) => {
              if (name) index[name] = i;
            });
            const missing = required.filter((name) => index[name] === undefined);
            if (missing.length > 0) {
              problems.add(file, 1, missing.join(", "), `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header must name ${required.join(", ")}${optional.length ? `; optional: ${optional.join(", ")}` : ""})`);
              parser.abort();
              return;
            }
            width = names.length;
            handler = onHeader(index);
            continue;
          }
          if (row.length !== width) {
            problems.add(file, line, "", `expected ${width} cells, found ${row.length}`);
          } else {
            handler(row, line);
          }
          if (problems.full) {
            problems.truncated = true;
            parser.abort();
            return;
          }
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  if (handler === undefined && !problems.full && problems.list.every((p) => p.file !== file)) {
    problems.add(file, 1, "", `${file} is empty: it needs a header row`);
  }
  return Math.max(0, line - 1);
}

/** Loads `children.csv`, `episodes.csv` and `referrals.csv` from a folder. Throws CsvInputError listing problems. */
export async function loadDatasetDir(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems = new Problems(options.maxProblems ?? 20);
  const maxBytes = options.maxFileBytes ?? 4 * 1024 ** 3;
  const builder = new DatasetBuilder();
  const t0 = performance.now();

  const childRows = await parseFile(join(dir, "children.csv"), "children.csv", CHILD_COLUMNS, OPTIONAL_CHILD_COLUMNS, problems, maxBytes, (ix) => {
    const F = "children.csv";
    const iId = ix.child_id!;
    const iCohort = ix.cohort!;
    const iStart = ix.start_date!;
    const iEnd = ix.end_date!;
    const iFamily = ix.family_id;
    const iBirth = ix.birth_date;
    const iEth = ix.ethnicity;
    const iSib = ix.sibling_group_size;
    return (row, line) => {
      const id = row[iId]!.trim();
      if (!id) return problems.add(F, line, "child_id", "child_id is empty");
      if (id.length > MAX_ID) return problems.add(F, line, "child_id", `child_id is longer than ${MAX_ID} characters`);
      const cohortText = row[iCohort]!.trim().toLowerCase();
      if (cohortText !== "intervention" && cohortText !== "comparison") {
        return problems.add(F, line, "cohort", `cohort must be "intervention" or "comparison", not ${quote(row[iCohort]!)}`);
      }
      const start = parseIsoDay(row[iStart]!.trim());
      if (start === undefined) return problems.add(F, line, "start_date", `start_date ${quote(row[iStart]!)} is not a real date written YYYY-MM-DD`);
      const end = parseIsoDay(row[iEnd]!.trim());
      if (end === undefined) return problems.add(F, line, "end_date", `end_date ${quote(row[iEnd]!)} is not a real date written YYYY-MM-DD`);
      if (end < start) return problems.add(F, line, "end_date", "end_date is before start_date");
      let birth: number | undefined;
      if (iBirth !== undefined && row[iBirth]!.trim() !== "") {
        birth = parseIsoDay(row[iBirth]!.trim());
        if (birth === undefined) return problems.add(F, line, "birth_date", `birth_date ${quote(row[iBirth]!)} is not a real date written YYYY-MM-DD`);
      }
      let siblings: number | undefined;
      if (iSib !== undefined && row[iSib]!.trim() !== "") {
        const text = row[iSib]!.trim();
        siblings = Number(text);
        if (!/^\d{1,2}$/.test(text) || siblings < 1) return problems.add(F, line, "sibling_group_size", `sibling_group_size ${quote(text)} must be a whole number from 1`);
      }
      const family = iFamily === undefined ? "" : row[iFamily]!.trim();
      if (family.length > MAX_ID) return problems.add(F, line, "family_id", `family_id is longer than ${MAX_ID} characters`);
      const ethnicity = iEth === undefined ? "" : row[iEth]!.trim();
      if (ethnicity.length > 8) return problems.add(F, line, "ethnicity", `ethnicity ${quote(ethnicity)} is not a DfE ethnicity code`);
      const added = builder.addChild({
        childId: id,
        cohort: cohortText,
        start,
        end,
        familyId: family || undefined,
        birth,
        ethnicity: ethnicity || undefined,
        siblingGroupSize: siblings,
      });
      if (!added) problems.add(F, line, "child_id", `child ${quote(id)} appears more than once`);
    };
  });
  const t1 = performance.now();
  // Episodes and referrals refer to children: without a valid children file their problems would only be noise.
  if (problems.list.length > 0) throw new CsvInputError(problems.list, problems.truncated);

  const episodeRows = await parseFile(join(dir, "episodes.csv"), "episodes.csv", EPISODE_COLUMNS, [], problems, maxBytes, (ix) => {
    const F = "episodes.csv";
    const iId = ix.child_id!;
    const iStatus = ix.status!;
    const iStart = ix.start_date!;
    const iEnd = ix.end_date!;
    return (row, line) => {
      const id = row[iId]!.trim();
      const child = builder.childIndex(id);
      if (child === undefined) return problems.add(F, line, "child_id", id ? `no child ${quote(id)} in children.csv` : "child_id is empty");
      const s = row[iStatus]!.trim().toUpperCase();
      const status = s === "CIN" ? 1 : s === "CP" ? 2 : s === "CLA" ? 3 : 0;
      if (status === 0) return problems.add(F, line, "status", `status must be CIN, CP or CLA, not ${quote(row[iStatus]!)}`);
      const start = parseIsoDay(row[iStart]!.trim());
      if (start === undefined) return problems.add(F, line, "start_date", `start_date ${quote(row[iStart]!)} is not a real date written YYYY-MM-DD`);
      const endText = row[iEnd]!.trim();
      let end: number | undefined;
      if (endText !== "") {
        end = parseIsoDay(endText);
        if (end === undefined) return problems.add(F, line, "end_date", `end_date ${quote(endText)} is not a real date written YYYY-MM-DD (leave it empty for an open episode)`);
        if (end < start) return problems.add(F, line, "end_date", "end_date is before start_date");
      }
      builder.addEpisode(child, status as 1 | 2 | 3, start, end);
    };
  });
  const t2 = performance.now();

  const referralRows = await parseFile(join(dir, "referrals.csv"), "referrals.csv", REFERRAL_COLUMNS, [], problems, maxBytes, (ix) => {
    const F = "referrals.csv";
    const iId = ix.child_id!;
    const iDate = ix.referral_date!;
    return (row, line) => {
      const id = row[iId]!.trim();
      const child = builder.childIndex(id);
      if (child === undefined) return problems.add(F, line, "child_id", id ? `no child ${quote(id)} in children.csv` : "child_id is empty");
      const date = parseIsoDay(row[iDate]!.trim());
      if (date === undefined) return problems.add(F, line, "referral_date", `referral_date ${quote(row[iDate]!)} is not a real date written YYYY-MM-DD`);
      builder.addReferral(child, date);
    };
  });
  const t3 = performance.now();
  if (problems.list.length > 0) throw new CsvInputError(problems.list, problems.truncated);

  return {
    dataset: builder.build(),
    timings: { childrenMs: t1 - t0, episodesMs: t2 - t1, referralsMs: t3 - t2, totalMs: t3 - t0 },
    rows: { children: childRows, episodes: episodeRows, referrals: referralRows },
  };
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}
