/**
 * Loads an analysis dataset from a folder of three CSV files (children.csv,
 * episodes.csv, referrals.csv) into the columnar `Dataset`. This is the one
 * part of @evident/core that touches the file system; it is exported from
 * `@evident/core/node`, not from the pure library entry point.
 *
 * The files are parsed a whole file per thread (the main thread and one or
 * two worker threads), or cut into byte ranges at line ends for a pool of
 * workers on a machine with many cores (all cores by default, `threads` to
 * choose; one thread parses on the main thread), then merged here in file
 * order, so the dataset and the problems are the same whatever the number of
 * threads. Every problem is reported with file, line, column and reason, and
 * nothing is returned when there is one. Line numbers count every line of the file (cells spanning
 * several lines are not expected in these files).
 */
import { availableParallelism } from "node:os";
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Dataset } from "../evaluation/dataset.js";
import { lazyStrings } from "./id-bytes.js";
import { ChildMerge, resolveRuns } from "./load-merge.js";
import { CR, LF, parseQuotedLine } from "./csv-bytes.js";
import { fileLanes, inline, workerPool } from "./load-pool.js";
import { FILE_NAMES, quote, readAt, type FileKind, type RangeJob, type RangeResult } from "./load-ranges.js";

import type { CsvProblem } from "./load-merge.js";
export type { CsvProblem } from "./load-merge.js";

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
  /** Until the children are merged (episodes and referrals are being parsed meanwhile when there are workers). */
  childrenMs: number;
  /** Then waiting for the episodes' ranges and placing their children (the file parsed first is placed first). */
  episodesMs: number;
  /** The same for the referrals. */
  referralsMs: number;
  totalMs: number;
  /** Threads that parsed: 1 = the main thread alone. */
  threads: number;
}

export interface LoadResult {
  dataset: Dataset;
  timings: LoadTimings;
  rows: { children: number; episodes: number; referrals: number };
}

export interface LoadOptions {
  /**
   * Threads parsing the files, at most (default: all cores, `os.availableParallelism()`). With 1 the main
   * thread parses; with more, worker threads too (when worker threads are not available the main thread alone).
   * An extract under `parallelFromBytes` is parsed on the main thread.
   */
  threads?: number;
  /** Read files in chunks of this many bytes (default 4 MiB; small values are for tests). */
  chunkBytes?: number;
  /**
   * Cut the files into ranges of about this many bytes for a pool of worker threads (default: only with 4 threads
   * or more and 48 MiB of data or more, ranges from the sizes and threads; with fewer, a whole file per thread).
   */
  rangeBytes?: number;
  /** Below this many bytes in all, parse on the main thread alone whatever `threads` says (default 16 MiB). */
  parallelFromBytes?: number;
  /** Stop after this many problems (default 20). */
  maxProblems?: number;
  /** Refuse files larger than this many bytes (default 4 GiB). */
  maxFileBytes?: number;
}

const REQUIRED = [
  ["child_id", "cohort", "start_date", "end_date"],
  ["child_id", "status", "start_date", "end_date"],
  ["child_id", "referral_date"],
] as const;
const OPTIONAL = [["family_id", "birth_date", "ethnicity", "sibling_group_size"], [], []] as const;

/** Below this many bytes in all, the main thread parses everything: starting a worker costs more than it saves. */
const PARALLEL_FROM_BYTES = 16 << 20;
/** With this many threads or more, the files are cut into ranges for the workers (fewer: a file per thread). */
const RANGES_FROM_THREADS = 4;
/** ... and only from this many bytes in all. */
const RANGES_FROM_BYTES = 48 << 20;

/**
 * How the files are parsed:
 * - "main": on the main thread alone (one thread, or a small extract);
 * - "files": a whole file per thread. The main thread parses children.csv (and merges it as the others go on),
 *   a worker the larger of episodes.csv and referrals.csv, and the other a second worker or, with two threads,
 *   the main thread after children.csv. Measured on two cores this beats ranges at every size
 *   (docs/benchmarks.md): no range's columns to copy together, and the main thread parses instead of waiting.
 * - "ranges": the files cut into ranges of about `rangeBytes` for a pool of `threads` workers, the main thread
 *   merging: for machines with many cores and a large extract, and for tests (`rangeBytes`).
 */
function threadMode(threads: number, bytes: number, options: LoadOptions): "main" | "files" | "ranges" {
  if (threads === 1) return "main";
  if (options.rangeBytes !== undefined) return "ranges";
  if (bytes < (options.parallelFromBytes ?? PARALLEL_FROM_BYTES)) return "main";
  return threads >= RANGES_FROM_THREADS && bytes >= RANGES_FROM_BYTES ? "ranges" : "files";
}

interface FilePlan {
  kind: FileKind;
  file: string;
  path: string;
  /** Problems found before parsing rows (missing file, header), in order. */
  problems: CsvProblem[];
  /** The header's line number: the first data line is the next one. */
  headerLine: number;
  ranges: RangeJob[];
}

/** Finds the header (the first line that is not blank) and checks its columns. */
function planFile(kind: FileKind, dir: string, maxBytes: number, maxProblems: number, chunkBytes: number): FilePlan & { dataStart: number; size: number } {
  const file = FILE_NAMES[kind];
  const path = join(dir, file);
  const plan = { kind, file, path, problems: [] as CsvProblem[], headerLine: 0, ranges: [] as RangeJob[], dataStart: 0, size: 0 };
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    plan.problems.push({ file, line: 0, column: "", reason: `cannot read ${file}: no such file in the data folder` });
    return plan;
  }
  if (size > maxBytes) {
    plan.problems.push({ file, line: 0, column: "", reason: `${file} is ${size} bytes, more than the limit of ${maxBytes}` });
    return plan;
  }
  plan.size = size;
  let pos = 0;
  let line = 0;
  let carry: Buffer = Buffer.alloc(0);
  for (;;) {
    const read = readAt(path, pos, 1 << 16);
    pos += read.length;
    const view = carry.length ? Buffer.concat([carry, read]) : read;
    const base = pos - view.length;
    let from = 0;
    for (;;) {
      let to = view.indexOf(LF, from);
      const atEnd = to < 0;
      if (atEnd) {
        if (read.length > 0 || from === view.length) break;
        to = view.length;
      }
      line++;
      let s = from;
      let e = to > from && view[to - 1] === CR ? to - 1 : to;
      if (line === 1 && e - s >= 3 && view[s] === 0xef && view[s + 1] === 0xbb && view[s + 2] === 0xbf) s += 3;
      from = to + 1;
      let blank = true;
      for (let k = s; k < e; k++) {
        if (view[k] !== 32 && view[k] !== 9) {
          blank = false;
          break;
        }
      }
      if (blank) continue;
      const names = parseQuotedLine(view.toString("utf8", s, e), ",").map((cell) => cell.toLowerCase());
      const index: Record<string, number> = {};
      names.forEach((name, i) => {
        if (name) index[name] = i;
      });
      const required: readonly string[] = REQUIRED[kind];
      const optional: readonly string[] = OPTIONAL[kind];
      const missing = required.filter((name) => index[name] === undefined);
      if (missing.length > 0) {
        plan.problems.push({ file, line: 1, column: missing.join(", "), reason: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (the header must name ${required.join(", ")}${optional.length ? `; optional: ${optional.join(", ")}` : ""})` });
        return plan;
      }
      plan.headerLine = line;
      plan.dataStart = Math.min(size, base + from);
      const columns = [...required, ...optional].map((name) => index[name] ?? -1);
      // Children: numeric user covariates, any column named x_… (e.g. x_assessment_factors).
      const extraNames = kind === 0 ? names.filter((name, i) => name.startsWith("x_") && name.length > 2 && index[name] === i) : [];
      plan.ranges.push({ kind, path, from: plan.dataStart, to: size, columns, extra: extraNames.map((name) => index[name]!), extraNames, width: names.length, maxProblems, chunkBytes });
      return plan;
    }
    carry = view.subarray(from);
    if (read.length === 0) break;
  }
  plan.problems.push({ file, line: 1, column: "", reason: `${file} is empty: it needs a header row` });
  return plan;
}

/** Cuts a file's data into ranges of about `target` bytes, each ending just after a line feed. */
function split(job: RangeJob, target: number): RangeJob[] {
  const out: RangeJob[] = [];
  let from = job.from;
  while (job.to - from > target * 1.5) {
    let at = from + target;
    let cut = -1;
    while (at < job.to) {
      const window = readAt(job.path, at, 1 << 16);
      const lf = window.indexOf(LF);
      if (lf >= 0) {
        cut = at + lf + 1;
        break;
      }
      at += window.length;
    }
    if (cut < 0 || cut >= job.to) break;
    out.push({ ...job, from, to: cut });
    from = cut;
  }
  out.push({ ...job, from });
  return out;
}

/** Loads `children.csv`, `episodes.csv` and `referrals.csv` from a folder. Throws CsvInputError listing problems. */
export async function loadDatasetDir(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const t0 = performance.now();
  const maxProblems = options.maxProblems ?? 20;
  const maxBytes = options.maxFileBytes ?? 4 * 1024 ** 3;
  const chunkBytes = options.chunkBytes ?? 4 << 20;
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const plans = ([0, 1, 2] as const).map((kind) => planFile(kind, dir, maxBytes, maxProblems, chunkBytes));
  const bytes = plans.reduce((n, p) => n + (p.size - p.dataStart), 0);
  const mode = threadMode(threads, bytes, options);
  const target = mode === "ranges" ? (options.rangeBytes ?? Math.max(1 << 20, Math.min(16 << 20, Math.ceil(bytes / (threads * 4))))) : Infinity;
  for (const plan of plans) if (plan.ranges.length === 1 && Number.isFinite(target)) plan.ranges = split(plan.ranges[0]!, target);
  // Episodes and referrals refer to children: without a valid children file their problems would only be noise.
  if (plans[0]!.problems.length > 0) throw fail(plans[0]!.problems, maxProblems);

  const jobs = plans.flatMap((p) => p.ranges);
  const runner = mode === "main" || jobs.length < 2 ? inline : mode === "ranges" ? await workerPool(Math.min(threads, jobs.length)) : await fileLanes(plans, threads);
  try {
    // Every range is asked for at once (the pool queues them, in file order); results are merged in order.
    const results = plans.map((p) => p.ranges.map((job) => runner.run(job)));
    for (const list of results) for (const r of list) r.catch(() => {});

    // ---- children: each range's ids (and the index), family ids and ethnicities as soon as it arrives,
    // while the workers go on; the typed columns once all are in.
    // The ids and family ids are kept as bytes (compared as bytes to find duplicates and to place the episodes
    // and referrals), and made strings only when read: the analysis does not read them.
    let merge: ChildMerge | undefined;
    const childRanges: RangeResult[] = [];
    for (const pending of results[0]!) {
      const r = await pending;
      childRanges.push(r);
      // Sized once from the first range's bytes per line (it grows if the guess is short).
      merge ??= new ChildMerge(plans[0]!.headerLine, Math.ceil((plans[0]!.size - plans[0]!.dataStart) / Math.max(1, (r.lines > 0 ? r.text.length / r.lines : 0) + 40)), maxProblems);
      merge.add(r);
    }
    merge ??= new ChildMerge(plans[0]!.headerLine, 0, maxProblems);
    const { index, family, hasFamily, ethnicity, problems: childProblems, rows: childRows } = merge;
    // A duplicate is a problem: from here on every row of every range is kept.
    if (childProblems.length > 0) throw fail(childProblems, maxProblems);
    const n = index.size;
    const cohort = concat(childRanges, (r) => r.cohort, Uint8Array);
    const cStart = concat(childRanges, (r) => r.start, Int32Array);
    const cEnd = concat(childRanges, (r) => r.end, Int32Array);
    const birth = concat(childRanges, (r) => r.birth, Int32Array);
    const sibling = concat(childRanges, (r) => r.sibling, Int32Array);
    const extraNames = plans[0]!.ranges[0]?.extraNames ?? [];
    const m = extraNames.length;
    const extraValues = extraNames.map(() => new Float64Array(n));
    if (m > 0) {
      let at = 0;
      for (const r of childRanges) {
        for (let i = 0; i < r.count; i++) for (let j = 0; j < m; j++) extraValues[j]![at + i] = r.extra[i * m + j]!;
        at += r.count;
      }
    }
    const t1 = performance.now();

    // ---- episodes and referrals: each run's child id is looked up once, range by range as they arrive
    const ids = index.ids;
    const merged = [undefined, undefined, undefined] as ({ child: Int32Array; a: Int32Array; b: Int32Array; status: Uint8Array; count: number; rows: number } | undefined)[];
    const perFile: CsvProblem[][] = [[], [], []];
    const ms = [0, 0, 0];
    // A whole file per thread: the one parsed first is placed first (the main thread's, while a worker
    // finishes the other). Ranges: episodes then referrals, each range as it arrives. Problems in file order either way.
    const firstDone = mode === "files" ? await Promise.race(([1, 2] as const).map((kind) => Promise.all(results[kind]!).then(() => kind, () => kind))) : 1;
    for (const kind of firstDone === 2 ? ([2, 1] as const) : ([1, 2] as const)) {
      const from = performance.now();
      const plan = plans[kind]!;
      const problems = perFile[kind]!;
      problems.push(...plan.problems);
      const ranges: RangeResult[] = [];
      const fileProblems: CsvProblem[] = [];
      let base = plan.headerLine;
      let last = -1;
      let rows = 0;
      for (const pending of results[kind]!) {
        const r = await pending;
        ranges.push(r);
        last = resolveRuns(r, index, last, plan.file, base, maxProblems, fileProblems);
        base += r.lines;
        rows += r.rows;
      }
      problems.push(...fileProblems.sort((p, q) => p.line - q.line));
      const count = ranges.reduce((k, r) => k + r.count, 0);
      merged[kind] = {
        child: concat(ranges, (r) => r.run, Int32Array),
        a: concat(ranges, (r) => r.start, Int32Array),
        b: kind === 1 ? concat(ranges, (r) => r.end, Int32Array) : new Int32Array(0),
        status: kind === 1 ? concat(ranges, (r) => r.flags, Uint8Array) : new Uint8Array(0),
        count,
        rows,
      };
      ms[kind] = performance.now() - from;
    }
    const problems = [...perFile[1]!, ...perFile[2]!];
    if (problems.length > 0) throw fail(problems, maxProblems);
    const e = merged[1]!;
    const r = merged[2]!;
    const familyIds = family;
    const familyPresent = hasFamily.finish();
    const children: Dataset["children"] = {
      count: n,
      ids: [],
      cohort: cohort.subarray(0, n),
      start: cStart.subarray(0, n),
      end: cEnd.subarray(0, n),
      familyId: [],
      birth: birth.subarray(0, n),
      ethnicity,
      siblingGroupSize: sibling.subarray(0, n),
      ...(extraNames.length > 0 ? { extra: extraNames.map((name, j) => ({ name, values: extraValues[j]!.slice(0, n) })) } : {}),
    };
    lazyStrings(children, "ids", () => ids.strings() as string[]);
    lazyStrings(children, "familyId", () => familyIds.strings(familyPresent));
    const t3 = performance.now();
    return {
      dataset: {
        children,
        episodes: { count: e.count, child: e.child.subarray(0, e.count), status: e.status.subarray(0, e.count), start: e.a.subarray(0, e.count), end: e.b.subarray(0, e.count) },
        referrals: { count: r.count, child: r.child.subarray(0, r.count), date: r.a.subarray(0, r.count) },
      },
      timings: { childrenMs: t1 - t0, episodesMs: ms[1]!, referralsMs: ms[2]!, totalMs: t3 - t0, threads: runner.threads },
      rows: { children: childRows, episodes: e.rows, referrals: r.rows },
    };
  } finally {
    runner.close();
  }
}

/** The first `count` entries of each range's column, one after another (the column itself when there is one range). */
function concat<T extends Int32Array | Uint8Array>(ranges: RangeResult[], column: (r: RangeResult) => T, Type: { new (n: number): T }): T {
  if (ranges.length === 1) return column(ranges[0]!);
  const out = new Type(ranges.reduce((k, r) => k + r.count, 0));
  let at = 0;
  for (const r of ranges) {
    out.set(column(r).subarray(0, r.count), at);
    at += r.count;
  }
  return out;
}

function fail(problems: CsvProblem[], max: number): CsvInputError {
  return new CsvInputError(problems.slice(0, max), problems.length >= max);
}
