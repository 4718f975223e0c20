/**
 * The per-byte work of the analysis loader: parses and validates one byte
 * range of children.csv, episodes.csv or referrals.csv (whole lines, after the
 * header) into typed-array columns. The same code runs on the main thread
 * (one thread) or in worker threads (one range each, see load-worker.ts); the
 * loader (load-csv.ts) merges the ranges in file order, so the result does not
 * depend on how the files were split.
 *
 * A range cannot know child indices (children.csv may be split too), so
 * episodes and referrals keep their child id as a *run*: consecutive lines
 * with the same id share one, holding the id's bytes, its hash and its first
 * line; the loader resolves each run against the children once. Problems carry
 * the line number within the range; those that depend on the children (an
 * unknown child, a duplicate child) are found by the loader.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import { growableInt32, growableUint8, type Growable } from "../evaluation/growable.js";
import { OPEN_END, UNKNOWN_DAY } from "../day-numbers.js";
import { Bytes, hashBytes } from "./id-bytes.js";
import { COMMA, CR, dayFromBytes, LF, NO_DAY, parseQuotedLine, QUOTE, SPACE, TAB } from "./csv-bytes.js";

export const MAX_ID = 64;
export type FileKind = 0 | 1 | 2;
export const FILE_NAMES = ["children.csv", "episodes.csv", "referrals.csv"] as const;

/** One range of one file to parse. */
export interface RangeJob {
  kind: FileKind;
  path: string;
  /** Byte offsets: `from` is the start of a line; `to` is just after a line feed, or the end of the file. */
  from: number;
  to: number;
  /**
   * Positions in the header of the file's columns, required then optional (−1 = absent): children
   * [child_id, cohort, start_date, end_date, family_id, birth_date, ethnicity, sibling_group_size],
   * episodes [child_id, status, start_date, end_date], referrals [child_id, referral_date].
   */
  columns: number[];
  /** Children: positions of the numeric user covariates (columns named x_…) and their names. */
  extra: number[];
  extraNames: string[];
  /** Cells in the header: every row must have as many. */
  width: number;
  maxProblems: number;
  /** Bytes per read (the next read runs while this chunk is parsed). */
  chunkBytes: number;
}

export interface RowProblem {
  /** Line within the range (1 = its first line). */
  line: number;
  column: string;
  reason: string;
  /** Set when the row's child must be checked first: an unknown child is reported instead of `reason`. */
  childId?: string;
}

export interface RangeResult {
  kind: FileKind;
  /** Lines in the range, and non-blank ones (rows). */
  lines: number;
  rows: number;
  /** Valid rows kept. */
  count: number;
  problems: RowProblem[];
  /** Whether every byte of `text` is ASCII (then it decodes as latin1, one call for the lot). */
  ascii: boolean;
  /** Children: ids, family ids and unpooled ethnicities; episodes and referrals: the ids of runs. */
  text: Uint8Array;
  /** Children: 3 ends per row in `text` (id, family, ethnicity); runs: 1 end per run. */
  cuts: Int32Array;
  /** Hash of each child id (children) or run id (episodes, referrals): IdIndex.hash for ASCII ids. */
  hash: Int32Array;
  /** Children: the line of each row; runs: the line of the run's first row. */
  line: Int32Array;
  // children
  cohort: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  birth: Int32Array;
  sibling: Int32Array;
  /** Children: 1 when the row has a family id. Episodes: the status (1 CIN, 2 CP, 3 CLA). */
  flags: Uint8Array;
  /** Children: ethnicity as index into `pool`, −1 none, −2 text in `text`. Runs: first row of each run. */
  ref: Int32Array;
  pool: string[];
  /** Episodes and referrals: the run of each row. */
  run: Int32Array;
  runs: number;
  /** Children: the x_ covariates, row by row (RangeJob.extra.length values a row; NaN = empty). */
  extra: Float64Array;
}

const POOL_LIMIT = 256;
/** The fewest bytes a row of each file can plausibly have, to size a range's columns (children, episodes, referrals). */
const ROW_BYTES = [40, 24, 16];

export function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}

export const notADate = (column: string, text: string, open = false) =>
  `${column} ${quote(text)} is not a real date written YYYY-MM-DD${open ? " (leave it empty for an open episode)" : ""}`;

const encoder = new TextEncoder();
/** The ASCII characters String.prototype.trim removes: tab, line feed, vertical tab, form feed, carriage return, space. */
const isJsSpace = (c: number) => c === SPACE || (c >= 9 && c <= 13);

class RangeParser {
  // Field bounds of the current row (trimmed of spaces and tabs).
  starts: Int32Array;
  ends: Int32Array;
  readonly problems: RowProblem[] = [];
  lines = 0;
  rows = 0;
  count = 0;
  stopped = false;
  readonly text: Bytes;
  readonly cuts: Growable<Int32Array>;
  readonly hash: Growable<Int32Array>;
  readonly line: Growable<Int32Array>;
  readonly cohort: Growable<Uint8Array>;
  readonly start: Growable<Int32Array>;
  readonly end: Growable<Int32Array>;
  readonly birth: Growable<Int32Array>;
  readonly sibling: Growable<Int32Array>;
  readonly flags: Growable<Uint8Array>;
  readonly ref: Growable<Int32Array>;
  readonly run: Growable<Int32Array>;
  readonly pool: Uint8Array[] = [];
  readonly poolText: string[] = [];
  readonly extraValues: number[] = [];
  runs = 0;
  // The current run: its id's bytes are text[runStart, text.length), and its last line.
  private runStart = 0;
  private runLastLine = -2;
  // Column positions (see RangeJob.columns).
  private readonly c0: number;
  private readonly c1: number;
  private readonly c2: number;
  private readonly c3: number;
  // Children's optional columns: family_id, birth_date, ethnicity, sibling_group_size.
  private readonly c4: number;
  private readonly c5: number;
  private readonly c6: number;
  private readonly c7: number;

  constructor(readonly job: RangeJob) {
    // Columns sized once from the range's bytes (rows of at least ROW_BYTES[kind] bytes: real ones are longer), so
    // that they rarely grow: each growth is a new buffer, and new buffers make V8 collect garbage in full.
    const kind = job.kind;
    const rows = Math.ceil((job.to - job.from) / ROW_BYTES[kind]!) + 16;
    const runs = kind === 0 ? rows : (rows >> 1) + 16;
    const rowsOf = (...kinds: FileKind[]) => (kinds.includes(kind) ? rows : 16);
    this.text = new Bytes(kind === 0 ? (job.to - job.from) >> 2 : runs * 12);
    this.cuts = growableInt32(kind === 0 ? 3 * rows : runs);
    this.hash = growableInt32(runs);
    this.line = growableInt32(runs);
    this.ref = growableInt32(runs);
    this.cohort = growableUint8(rowsOf(0));
    this.start = growableInt32(rows);
    this.end = growableInt32(rowsOf(0, 1));
    this.birth = growableInt32(rowsOf(0));
    this.sibling = growableInt32(rowsOf(0));
    this.flags = growableUint8(rowsOf(0, 1));
    this.run = growableInt32(rowsOf(1, 2));
    const cap = Math.max(job.width + 1, 8);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
    [this.c0, this.c1, this.c2, this.c3, this.c4, this.c5, this.c6, this.c7] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => job.columns[i] ?? -1) as [number, number, number, number, number, number, number, number];
  }

  private problem(line: number, column: string, reason: string, childId?: string): void {
    this.problems.push(childId === undefined ? { line, column, reason } : { line, column, reason, childId });
    if (this.problems.length >= this.job.maxProblems) this.stopped = true;
  }

  /** Records field i as buf[s, e) trimmed of spaces and tabs. */
  private field(buf: Uint8Array, i: number, s: number, e: number): void {
    while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
    while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
    this.starts[i] = s;
    this.ends[i] = e;
  }

  /** Parses the complete lines of buf[from, to); returns where the unfinished last line starts (or `to` when `last`). */
  feed(buf: Uint8Array, from: number, to: number, last: boolean): number {
    const starts = this.starts;
    const ends = this.ends;
    const cap = starts.length;
    let lineStart = from;
    let k = from;
    while (k < to) {
      // One line: commas recorded as they come, a quote only noted.
      let fieldStart = k;
      let count = 0;
      let quoted = false;
      for (; k < to; k++) {
        const c = buf[k]!;
        // Line feed (10), quote (34) and comma (44) are all below 45, and most bytes (digits, letters, "-") are not.
        if (c > COMMA) continue;
        if (c === LF) break;
        if (c === COMMA) {
          if (count < cap) this.field(buf, count, fieldStart, k);
          count++;
          fieldStart = k + 1;
        } else if (c === QUOTE) quoted = true;
      }
      // Without a line feed the line is complete only at the end of the range.
      if (k === to && !last) break;
      this.lines++;
      let lineEnd = k;
      if (lineEnd > lineStart && buf[lineEnd - 1] === CR) lineEnd--;
      const line = this.lines;
      if (quoted) {
        this.quotedRow(buf, lineStart, lineEnd, line);
      } else {
        if (count < cap) this.field(buf, count, fieldStart, lineEnd);
        count++;
        // A line of spaces and tabs only is blank.
        if (count > 1 || starts[0] !== ends[0]) {
          this.rows++;
          this.row(buf, count, line);
        }
      }
      lineStart = ++k;
      if (this.stopped) return to;
    }
    return last ? to : lineStart;
  }

  private scratch = new Uint8Array(256);

  /**
   * A line with a double quote. Cells that are plain or wholly quoted ("…", with "" for a quote) are
   * read here; anything else goes to papaparse, as in the one-thread scanner. Either way each cell is
   * then trimmed as JavaScript's trim() does and read as bytes.
   */
  private quotedRow(buf: Uint8Array, s: number, e: number, line: number): void {
    this.rows++;
    if (this.scratch.length < e - s) this.scratch = new Uint8Array(Math.max(e - s, this.scratch.length * 2));
    const out = this.scratch;
    const starts = this.starts;
    const ends = this.ends;
    let at = 0;
    let count = 0;
    let k = s;
    for (;;) {
      const from = at;
      if (k < e && buf[k] === QUOTE) {
        k++;
        for (;;) {
          if (k >= e) return this.papaparseRow(buf, s, e, line);
          const c = buf[k]!;
          if (c === QUOTE) {
            if (k + 1 < e && buf[k + 1] === QUOTE) {
              out[at++] = QUOTE;
              k += 2;
              continue;
            }
            k++;
            break;
          }
          out[at++] = c;
          k++;
        }
        if (k < e && buf[k] !== COMMA) return this.papaparseRow(buf, s, e, line);
      } else {
        while (k < e && buf[k] !== COMMA) {
          if (buf[k] === QUOTE) return this.papaparseRow(buf, s, e, line);
          out[at++] = buf[k++]!;
        }
      }
      let a = from;
      let b = at;
      while (a < b && isJsSpace(out[a]!)) a++;
      while (b > a && isJsSpace(out[b - 1]!)) b--;
      // Other Unicode spaces would be trimmed too: leave those rare cells to the exact path.
      if (a < b && (out[a]! > 127 || out[b - 1]! > 127)) return this.papaparseRow(buf, s, e, line);
      if (count < starts.length) {
        starts[count] = a;
        ends[count] = b;
      }
      count++;
      if (k >= e) break;
      k++;
    }
    this.row(out, count, line);
  }

  private papaparseRow(buf: Uint8Array, s: number, e: number, line: number): void {
    const cells = parseQuotedLine(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("utf8"), ",");
    const bytes = cells.map((cell) => encoder.encode(cell));
    const scratch = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (let i = 0; i < cells.length; i++) {
      scratch.set(bytes[i]!, at);
      if (i < this.starts.length) {
        this.starts[i] = at;
        this.ends[i] = at + bytes[i]!.length;
      }
      at += bytes[i]!.length;
    }
    this.row(scratch, cells.length, line);
  }

  private row(b: Uint8Array, count: number, line: number): void {
    if (count !== this.job.width) return this.problem(line, "", `expected ${this.job.width} cells, found ${count}`);
    if (this.job.kind === 0) this.child(b, line);
    else if (this.job.kind === 1) this.episode(b, line);
    else this.referral(b, line);
  }

  private str(b: Uint8Array, i: number): string {
    return Buffer.from(b.buffer, b.byteOffset, b.length).toString("utf8", this.starts[i]!, this.ends[i]!);
  }

  private eq(b: Uint8Array, i: number, value: string): boolean {
    const s = this.starts[i]!;
    if (this.ends[i]! - s !== value.length) return false;
    for (let k = 0; k < value.length; k++) if (b[s + k] !== value.charCodeAt(k)) return false;
    return true;
  }

  private day(b: Uint8Array, i: number): number {
    return dayFromBytes(b, this.starts[i]!, this.ends[i]!);
  }

  /** Appends field i to `text`, returning its hash over bytes. */
  private keep(b: Uint8Array, i: number): number {
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    this.text.append(b, s, e);
    return hashBytes(b, s, e);
  }

  private child(b: Uint8Array, line: number): void {
    const iId = this.c0;
    const iCohort = this.c1;
    const iStart = this.c2;
    const iEnd = this.c3;
    const iFamily = this.c4;
    const iBirth = this.c5;
    const iEth = this.c6;
    const iSib = this.c7;
    const starts = this.starts;
    const ends = this.ends;
    if (starts[iId] === ends[iId]) return this.problem(line, "child_id", "child_id is empty");
    if (ends[iId]! - starts[iId]! > MAX_ID && this.str(b, iId).length > MAX_ID) return this.problem(line, "child_id", `child_id is longer than ${MAX_ID} characters`);
    let cohort: number;
    if (this.eq(b, iCohort, "intervention")) cohort = 0;
    else if (this.eq(b, iCohort, "comparison")) cohort = 1;
    else {
      const t = this.str(b, iCohort).toLowerCase();
      cohort = t === "intervention" ? 0 : t === "comparison" ? 1 : -1;
      if (cohort < 0) return this.problem(line, "cohort", `cohort must be "intervention" or "comparison", not ${quote(this.str(b, iCohort))}`);
    }
    const start = this.day(b, iStart);
    if (start === NO_DAY) return this.problem(line, "start_date", notADate("start_date", this.str(b, iStart)));
    const end = this.day(b, iEnd);
    if (end === NO_DAY) return this.problem(line, "end_date", notADate("end_date", this.str(b, iEnd)));
    if (end < start) return this.problem(line, "end_date", "end_date is before start_date");
    let birth = UNKNOWN_DAY;
    if (iBirth >= 0 && starts[iBirth] !== ends[iBirth]) {
      birth = this.day(b, iBirth);
      if (birth === NO_DAY) return this.problem(line, "birth_date", notADate("birth_date", this.str(b, iBirth)));
    }
    let siblings = -1;
    if (iSib >= 0 && starts[iSib] !== ends[iSib]) {
      const s = starts[iSib]!;
      const e = ends[iSib]!;
      if (e - s <= 2) {
        siblings = 0;
        for (let k = s; k < e; k++) {
          const d = b[k]! - 48;
          if (d < 0 || d > 9) {
            siblings = -1;
            break;
          }
          siblings = siblings * 10 + d;
        }
      }
      if (siblings < 1) return this.problem(line, "sibling_group_size", `sibling_group_size ${quote(this.str(b, iSib))} must be a whole number from 1`);
    }
    const hasFamily = iFamily >= 0 && starts[iFamily] !== ends[iFamily];
    if (hasFamily && ends[iFamily]! - starts[iFamily]! > MAX_ID && this.str(b, iFamily).length > MAX_ID) {
      return this.problem(line, "family_id", `family_id is longer than ${MAX_ID} characters`);
    }
    let eth = -1;
    if (iEth >= 0 && starts[iEth] !== ends[iEth]) {
      const s = starts[iEth]!;
      const n = ends[iEth]! - s;
      for (let p = 0; p < this.pool.length; p++) {
        const q = this.pool[p]!;
        if (q.length !== n) continue;
        let same = true;
        for (let k = 0; k < n; k++) {
          if (q[k] !== b[s + k]) {
            same = false;
            break;
          }
        }
        if (same) {
          eth = p;
          break;
        }
      }
      if (eth < 0) {
        const t = this.str(b, iEth);
        if (t.length > 8) return this.problem(line, "ethnicity", `ethnicity ${quote(t)} is not a DfE ethnicity code`);
        if (this.pool.length < POOL_LIMIT) {
          eth = this.pool.length;
          this.pool.push(b.slice(s, s + n));
          this.poolText.push(t);
        } else eth = -2;
      }
    }
    // Numeric user covariates (x_ columns): a number, or empty when not known.
    const xs = this.job.extra;
    let xv: number[] | undefined;
    if (xs.length > 0) {
      xv = [];
      for (let j = 0; j < xs.length; j++) {
        const i = xs[j]!;
        if (starts[i] === ends[i]) {
          xv.push(Number.NaN);
          continue;
        }
        const t = this.str(b, i);
        const v = Number(t);
        const name = this.job.extraNames[j]!;
        if (!Number.isFinite(v)) return this.problem(line, name, `${name} ${quote(t)} is not a number (leave it empty when not known)`);
        xv.push(v);
      }
    }
    // Valid (but for duplicates, which the loader finds).
    if (xv) for (const v of xv) this.extraValues.push(v);
    this.hash.push(this.keep(b, iId));
    this.cuts.push(this.text.length);
    if (hasFamily) this.text.append(b, starts[iFamily]!, ends[iFamily]!);
    this.cuts.push(this.text.length);
    if (eth === -2) this.text.append(b, starts[iEth]!, ends[iEth]!);
    this.cuts.push(this.text.length);
    this.line.push(line);
    this.cohort.push(cohort);
    this.start.push(start);
    this.end.push(end);
    this.birth.push(birth);
    this.sibling.push(siblings);
    this.flags.push(hasFamily ? 1 : 0);
    this.ref.push(eth);
    this.count++;
  }

  /** The run of the row's child id (field 0 of the job's columns): the current one if the id and line follow on. */
  private runOf(b: Uint8Array, line: number): number {
    const i = this.c0;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    const n = e - s;
    if (line === this.runLastLine + 1 && this.text.length - this.runStart === n) {
      const t = this.text.buf;
      const r = this.runStart;
      let same = true;
      for (let k = 0; k < n; k++) {
        if (t[r + k] !== b[s + k]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.runLastLine = line;
        return this.runs - 1;
      }
    }
    this.runStart = this.text.length;
    this.hash.push(this.keep(b, i));
    this.cuts.push(this.text.length);
    this.line.push(line);
    this.ref.push(this.count);
    this.runLastLine = line;
    return this.runs++;
  }

  private episode(b: Uint8Array, line: number): void {
    const iId = this.c0;
    const iStatus = this.c1;
    const iStart = this.c2;
    const iEnd = this.c3;
    if (this.starts[iId] === this.ends[iId]) return this.problem(line, "child_id", "child_id is empty");
    let status = this.eq(b, iStatus, "CIN") ? 1 : this.eq(b, iStatus, "CP") ? 2 : this.eq(b, iStatus, "CLA") ? 3 : 0;
    if (status === 0) {
      const t = this.str(b, iStatus).toUpperCase();
      status = t === "CIN" ? 1 : t === "CP" ? 2 : t === "CLA" ? 3 : 0;
    }
    let reason: string | undefined;
    let column = "";
    const start = this.day(b, iStart);
    let end = OPEN_END;
    if (status === 0) [column, reason] = ["status", `status must be CIN, CP or CLA, not ${quote(this.str(b, iStatus))}`];
    else if (start === NO_DAY) [column, reason] = ["start_date", notADate("start_date", this.str(b, iStart))];
    else if (this.starts[iEnd] !== this.ends[iEnd]) {
      end = this.day(b, iEnd);
      if (end === NO_DAY) [column, reason] = ["end_date", notADate("end_date", this.str(b, iEnd), true)];
      else if (end < start) [column, reason] = ["end_date", "end_date is before start_date"];
    }
    if (reason !== undefined) return this.problem(line, column, reason, this.str(b, iId));
    this.run.push(this.runOf(b, line));
    this.flags.push(status);
    this.start.push(start);
    this.end.push(end);
    this.count++;
  }

  private referral(b: Uint8Array, line: number): void {
    const iId = this.c0;
    const iDate = this.c1;
    if (this.starts[iId] === this.ends[iId]) return this.problem(line, "child_id", "child_id is empty");
    const date = this.day(b, iDate);
    if (date === NO_DAY) return this.problem(line, "referral_date", notADate("referral_date", this.str(b, iDate)), this.str(b, iId));
    this.run.push(this.runOf(b, line));
    this.start.push(date);
    this.count++;
  }

  result(): RangeResult {
    return {
      kind: this.job.kind,
      lines: this.lines,
      rows: this.rows,
      count: this.count,
      problems: this.problems,
      ascii: this.text.ascii,
      text: this.text.buf.subarray(0, this.text.length),
      cuts: this.cuts.finish(),
      hash: this.hash.finish(),
      line: this.line.finish(),
      cohort: this.cohort.finish(),
      start: this.start.finish(),
      end: this.end.finish(),
      birth: this.birth.finish(),
      sibling: this.sibling.finish(),
      flags: this.flags.finish(),
      ref: this.ref.finish(),
      pool: this.poolText,
      run: this.run.finish(),
      runs: this.runs,
      extra: Float64Array.from(this.extraValues),
    };
  }
}

/** The buffers of a result, to transfer to the main thread without copying. */
export function transferList(r: RangeResult): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of [r.text, r.cuts, r.hash, r.line, r.cohort, r.start, r.end, r.birth, r.sibling, r.flags, r.ref, r.run, r.extra]) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

/**
 * Parses one range. Reads in `chunkBytes` chunks, asking for the next chunk
 * before parsing the current one so that reading and parsing overlap.
 */
export async function parseRange(job: RangeJob): Promise<RangeResult> {
  const parser = new RangeParser(job);
  const size = job.to - job.from;
  const chunk = Math.max(1, Math.min(job.chunkBytes, size));
  const handle = await open(job.path, "r");
  try {
    let carry: Uint8Array = new Uint8Array(0);
    let pos = job.from;
    // Two buffers in turn: one is read into while the other is parsed (a new buffer per chunk would make V8
    // collect garbage in full again and again). Plain Uint8Arrays, so the parser's byte reads see one kind of array.
    const buffers = [new Uint8Array(chunk), new Uint8Array(size > chunk ? chunk : 0)];
    let turn = 0;
    const next = (): Promise<Uint8Array> => {
      const n = Math.min(chunk, job.to - pos);
      const at = pos;
      pos += n;
      return readFully(handle, buffers[turn++ & 1]!.subarray(0, n), at);
    };
    let pending = size > 0 ? next() : undefined;
    while (pending !== undefined) {
      const view = await pending;
      pending = pos < job.to ? next() : undefined;
      const last = pending === undefined;
      let from = 0;
      if (carry.length > 0) {
        // The line cut at the end of the previous chunk: joined with its end, parsed on its own.
        const lf = view.indexOf(LF);
        const upto = lf < 0 ? view.length : lf + 1;
        const joined = new Uint8Array(carry.length + upto);
        joined.set(carry);
        joined.set(view.subarray(0, upto), carry.length);
        if (lf < 0 && !last) {
          carry = joined;
          continue;
        }
        parser.feed(joined, 0, joined.length, last && upto === view.length);
        if (parser.stopped) break;
        from = upto;
      }
      const stop = parser.feed(view, from, view.length, last);
      if (parser.stopped) break;
      // A copy: the buffer is read into again while the next chunk is parsed.
      carry = view.slice(stop);
    }
  } finally {
    await handle.close();
  }
  return parser.result();
}

async function readFully(handle: import("node:fs/promises").FileHandle, buf: Uint8Array, at: number): Promise<Uint8Array> {
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await handle.read(buf, got, buf.length - got, at + got);
    if (bytesRead === 0) return buf.subarray(0, got);
    got += bytesRead;
  }
  return buf;
}

/** Reads bytes [at, at + n) of a file synchronously (for headers and split points). */
export function readAt(path: string, at: number, n: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const r = readSync(fd, buf, got, n - got, at + got);
      if (r === 0) break;
      got += r;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

