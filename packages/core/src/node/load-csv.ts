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
import { statSync } from "node:fs";
import { join } from "node:path";
import { DatasetBuilder, type Dataset } from "../evaluation/dataset.js";
import { scanCsvFile, type CsvRow } from "./csv-scan.js";

export interface CsvProblem {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export class CsvInputError extends Error {
  override readonly name = "CsvInputError";
  constructor(readonly problems: CsvProblem[], readonly truncated: boolean) {
    super(problems.map(formatProblem).join("\n") + (truncated ? `\n(stopped after ${problems.length} problems; there may be more)` : ""));
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
  /** Read files in chunks of this many bytes (default 16 MiB; small values are for tests). */
  chunkBytes?: number;
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

class Problems {
  readonly list: CsvProblem[] = [];
  truncated = false;
  constructor(private readonly max: number) {}
  /** Records a problem; returns false once the list is full (so a scan can stop). */
  add(file: string, line: number, column: string, reason: string): boolean {
    if (this.list.length < this.max) this.list.push({ file, line, column, reason });
    // At the limit the scan stops, so later problems (if any) go unreported.
    if (this.list.length >= this.max) this.truncated = true;
    return !this.truncated;
  }
}

type RowHandler = (row: CsvRow, line: number) => boolean;

function parseFile(
  path: string,
  file: string,
  required: readonly string[],
  optional: readonly string[],
  problems: Problems,
  maxBytes: number,
  chunkBytes: number,
  onHeader: (index: Record<string, number>) => RowHandler,
): number {
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
  let width = 0;
  let rows = 0;
  scanCsvFile(
    path,
    {
    header: (cells) => {
      const names = cells.map((cell) => cell.toLowerCase());
      const index: Record<string, number> = {};
      names.forEach((name, i) => {
        if (name) index[name] = i;
      });
      const missing = required.filter((name) => index[name] === undefined);
      if (missing.length > 0) {
        problems.add(file, 1, missing.join(", "), `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header must name ${required.join(", ")}${optional.length ? `; optional: ${optional.join(", ")}` : ""})`);
        return false;
      }
      width = names.length;
      handler = onHeader(index);
      return true;
    },
    row: (row, line) => {
      rows++;
      if (row.count !== width) return problems.add(file, line, "", `expected ${width} cells, found ${row.count}`);
      return handler!(row, line);
    },
    },
    chunkBytes,
  );
  if (handler === undefined && problems.list.every((p) => p.file !== file)) {
    problems.add(file, 1, "", `${file} is empty: it needs a header row`);
  }
  return rows;
}

/** Loads `children.csv`, `episodes.csv` and `referrals.csv` from a folder. Throws CsvInputError listing problems. */
export async function loadDatasetDir(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const problems = new Problems(options.maxProblems ?? 20);
  const maxBytes = options.maxFileBytes ?? 4 * 1024 ** 3;
  const chunkBytes = options.chunkBytes ?? 16 << 20;
  const builder = new DatasetBuilder();
  const t0 = performance.now();
  // Extracts list a child's episodes and referrals together and in child order: try the last child
  // and the next one before the hash lookup, comparing bytes without making a string.
  let last = -1;
  const lookup = (row: CsvRow, i: number): number => {
    if (last >= 0 && row.equals(i, builder.childId(last))) return last;
    if (last + 1 < builder.childCount && row.equals(i, builder.childId(last + 1))) return ++last;
    const found = builder.childIndex(row.text(i));
    if (found === undefined) return -1;
    last = found;
    return found;
  };

  // Numeric user covariates (columns named x_…), one value per child (NaN = empty).
  const extra: { name: string; index: number; values: number[] }[] = [];
  const childRows = parseFile(join(dir, "children.csv"), "children.csv", CHILD_COLUMNS, OPTIONAL_CHILD_COLUMNS, problems, maxBytes, chunkBytes, (ix) => {
    const F = "children.csv";
    const iId = ix.child_id!;
    const iCohort = ix.cohort!;
    const iStart = ix.start_date!;
    const iEnd = ix.end_date!;
    const iFamily = ix.family_id;
    const iBirth = ix.birth_date;
    const iEth = ix.ethnicity;
    const iSib = ix.sibling_group_size;
    const ethnicityPool: string[] = [];
    let lastFamily: string | undefined;
    for (const [name, index] of Object.entries(ix)) if (name.startsWith("x_") && name.length > 2) extra.push({ name, index, values: [] });
    return (row, line) => {
      if (row.isEmpty(iId)) return problems.add(F, line, "child_id", "child_id is empty");
      const id = row.text(iId);
      if (id.length > MAX_ID) return problems.add(F, line, "child_id", `child_id is longer than ${MAX_ID} characters`);
      const cohort = row.equals(iCohort, "intervention") ? "intervention" : row.equals(iCohort, "comparison") ? "comparison" : lowerCohort(row.text(iCohort));
      if (cohort === undefined) return problems.add(F, line, "cohort", `cohort must be "intervention" or "comparison", not ${quote(row.text(iCohort))}`);
      const start = row.day(iStart);
      if (start === undefined) return problems.add(F, line, "start_date", `start_date ${quote(row.text(iStart))} is not a real date written YYYY-MM-DD`);
      const end = row.day(iEnd);
      if (end === undefined) return problems.add(F, line, "end_date", `end_date ${quote(row.text(iEnd))} is not a real date written YYYY-MM-DD`);
      if (end < start) return problems.add(F, line, "end_date", "end_date is before start_date");
      let birth: number | undefined;
      if (iBirth !== undefined && !row.isEmpty(iBirth)) {
        birth = row.day(iBirth);
        if (birth === undefined) return problems.add(F, line, "birth_date", `birth_date ${quote(row.text(iBirth))} is not a real date written YYYY-MM-DD`);
      }
      let siblings: number | undefined;
      if (iSib !== undefined && !row.isEmpty(iSib)) {
        siblings = row.int(iSib, 2);
        if (siblings < 1) return problems.add(F, line, "sibling_group_size", `sibling_group_size ${quote(row.text(iSib))} must be a whole number from 1`);
      }
      let family: string | undefined;
      if (iFamily !== undefined && !row.isEmpty(iFamily)) {
        // Siblings usually sit on adjacent rows: reuse the previous row's family id string.
        family = lastFamily !== undefined && row.equals(iFamily, lastFamily) ? lastFamily : row.text(iFamily);
        if (family.length > MAX_ID) return problems.add(F, line, "family_id", `family_id is longer than ${MAX_ID} characters`);
        lastFamily = family;
      }
      let ethnicity: string | undefined;
      if (iEth !== undefined && !row.isEmpty(iEth)) {
        ethnicity = row.intern(iEth, ethnicityPool);
        if (ethnicity.length > 8) return problems.add(F, line, "ethnicity", `ethnicity ${quote(ethnicity)} is not a DfE ethnicity code`);
      }
      for (const x of extra) {
        if (row.isEmpty(x.index)) continue;
        const value = Number(row.text(x.index));
        if (!Number.isFinite(value)) return problems.add(F, line, x.name, `${x.name} ${quote(row.text(x.index))} is not a number (leave it empty when not known)`);
      }
      const added = builder.addChild({ childId: id, cohort, start, end, familyId: family, birth, ethnicity, siblingGroupSize: siblings });
      if (!added) return problems.add(F, line, "child_id", `child ${quote(id)} appears more than once`);
      for (const x of extra) x.values.push(row.isEmpty(x.index) ? Number.NaN : Number(row.text(x.index)));
      return true;
    };
  });
  const t1 = performance.now();
  // Episodes and referrals refer to children: without a valid children file their problems would only be noise.
  if (problems.list.length > 0) throw new CsvInputError(problems.list, problems.truncated);

  const episodeRows = parseFile(join(dir, "episodes.csv"), "episodes.csv", EPISODE_COLUMNS, [], problems, maxBytes, chunkBytes, (ix) => {
    const F = "episodes.csv";
    const iId = ix.child_id!;
    const iStatus = ix.status!;
    const iStart = ix.start_date!;
    const iEnd = ix.end_date!;
    return (row, line) => {
      const child = lookup(row, iId);
      if (child < 0) return problems.add(F, line, "child_id", row.isEmpty(iId) ? "child_id is empty" : `no child ${quote(row.text(iId))} in children.csv`);
      const status = row.equals(iStatus, "CIN") ? 1 : row.equals(iStatus, "CP") ? 2 : row.equals(iStatus, "CLA") ? 3 : statusCode(row.text(iStatus));
      if (status === 0) return problems.add(F, line, "status", `status must be CIN, CP or CLA, not ${quote(row.text(iStatus))}`);
      const start = row.day(iStart);
      if (start === undefined) return problems.add(F, line, "start_date", `start_date ${quote(row.text(iStart))} is not a real date written YYYY-MM-DD`);
      let end: number | undefined;
      if (!row.isEmpty(iEnd)) {
        end = row.day(iEnd);
        if (end === undefined) return problems.add(F, line, "end_date", `end_date ${quote(row.text(iEnd))} is not a real date written YYYY-MM-DD (leave it empty for an open episode)`);
        if (end < start) return problems.add(F, line, "end_date", "end_date is before start_date");
      }
      builder.addEpisode(child, status as 1 | 2 | 3, start, end);
      return true;
    };
  });
  const t2 = performance.now();

  const referralRows = parseFile(join(dir, "referrals.csv"), "referrals.csv", REFERRAL_COLUMNS, [], problems, maxBytes, chunkBytes, (ix) => {
    const F = "referrals.csv";
    const iId = ix.child_id!;
    const iDate = ix.referral_date!;
    return (row, line) => {
      const child = lookup(row, iId);
      if (child < 0) return problems.add(F, line, "child_id", row.isEmpty(iId) ? "child_id is empty" : `no child ${quote(row.text(iId))} in children.csv`);
      const date = row.day(iDate);
      if (date === undefined) return problems.add(F, line, "referral_date", `referral_date ${quote(row.text(iDate))} is not a real date written YYYY-MM-DD`);
      builder.addReferral(child, date);
      return true;
    };
  });
  const t3 = performance.now();
  if (problems.list.length > 0) throw new CsvInputError(problems.list, problems.truncated);

  const dataset = builder.build();
  if (extra.length > 0) dataset.children.extra = extra.map((x) => ({ name: x.name, values: Float64Array.from(x.values) }));
  return {
    dataset,
    timings: { childrenMs: t1 - t0, episodesMs: t2 - t1, referralsMs: t3 - t2, totalMs: t3 - t0 },
    rows: { children: childRows, episodes: episodeRows, referrals: referralRows },
  };
}

function lowerCohort(text: string): "intervention" | "comparison" | undefined {
  const t = text.toLowerCase();
  return t === "intervention" || t === "comparison" ? t : undefined;
}

function statusCode(text: string): 0 | 1 | 2 | 3 {
  const t = text.toUpperCase();
  return t === "CIN" ? 1 : t === "CP" ? 2 : t === "CLA" ? 3 : 0;
}

function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}
