/**
 * A fast, byte-level reader for the simple CSV files the analysis takes
 * (comma-separated, one record per line, mostly unquoted). It reads the file
 * in large chunks, splits lines and fields on bytes, and lets the caller read
 * dates and compare ids without creating a string per cell — the analysis of
 * national data (millions of rows) spends most of its load time otherwise in
 * string allocation and garbage collection.
 *
 * Lines that contain a double quote are handed to papaparse, which handles
 * every RFC 4180 quoting case; the fast path never sees them.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { parseIsoDay, type DayNumber } from "../dates.js";
import { COMMA, CR, dayFromBytes, LF, NO_DAY, parseQuotedLine, QUOTE, SPACE, TAB } from "./csv-bytes.js";

/** One record, read field by field (fields are already trimmed of spaces and tabs). */
export interface CsvRow {
  readonly count: number;
  text(i: number): string;
  isEmpty(i: number): boolean;
  /** The field as an ISO date `YYYY-MM-DD`, or undefined if it is not a real date. */
  day(i: number): DayNumber | undefined;
  /** True when the field is exactly `value` (compared without creating a string). */
  equals(i: number, value: string): boolean;
  /** The field as a whole number of at most `maxDigits` digits, or -1 when it is not one. */
  int(i: number, maxDigits: number): number;
  /** The field's text, reusing an equal string from `pool` (and adding new ones while the pool is small). */
  intern(i: number, pool: string[]): string;
}

const MAX_FIELDS = 64;

class ByteRow implements CsvRow {
  buf: Buffer = Buffer.alloc(0);
  readonly starts = new Int32Array(MAX_FIELDS);
  readonly ends = new Int32Array(MAX_FIELDS);
  count = 0;

  text(i: number): string {
    return this.buf.toString("utf8", this.starts[i]!, this.ends[i]!);
  }
  isEmpty(i: number): boolean {
    return this.starts[i] === this.ends[i];
  }
  day(i: number): DayNumber | undefined {
    const day = dayFromBytes(this.buf, this.starts[i]!, this.ends[i]!);
    return day === NO_DAY ? undefined : day;
  }
  equals(i: number, value: string): boolean {
    const s = this.starts[i]!;
    const len = this.ends[i]! - s;
    if (len !== value.length) return false;
    const b = this.buf;
    for (let k = 0; k < len; k++) if (b[s + k] !== value.charCodeAt(k)) return false;
    return true;
  }
  int(i: number, maxDigits: number): number {
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (e === s || e - s > maxDigits) return -1;
    let n = 0;
    for (let k = s; k < e; k++) {
      const d = this.buf[k]! - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }
  intern(i: number, pool: string[]): string {
    for (let p = 0; p < pool.length; p++) if (this.equals(i, pool[p]!)) return pool[p]!;
    const text = this.text(i);
    if (pool.length < POOL_LIMIT) pool.push(text);
    return text;
  }
}

function parseWholeNumber(text: string, maxDigits: number): number {
  if (text.length === 0 || text.length > maxDigits || !/^\d+$/.test(text)) return -1;
  return Number(text);
}

const POOL_LIMIT = 256;

class StringRow implements CsvRow {
  constructor(private readonly cells: string[]) {}
  get count(): number {
    return this.cells.length;
  }
  text(i: number): string {
    return this.cells[i] ?? "";
  }
  isEmpty(i: number): boolean {
    return (this.cells[i] ?? "") === "";
  }
  day(i: number): DayNumber | undefined {
    return parseIsoDay(this.cells[i] ?? "");
  }
  equals(i: number, value: string): boolean {
    return this.cells[i] === value;
  }
  int(i: number, maxDigits: number): number {
    return parseWholeNumber(this.cells[i] ?? "", maxDigits);
  }
  intern(i: number, pool: string[]): string {
    const text = this.cells[i] ?? "";
    const found = pool.find((p) => p === text);
    if (found !== undefined) return found;
    if (pool.length < POOL_LIMIT) pool.push(text);
    return text;
  }
}

export interface ScanHandlers {
  /** Called with the header's cells (BOM removed, trimmed). Return false to stop. */
  header(names: string[]): boolean;
  /** Called for each non-empty record after the header, with its 1-based line number. Return false to stop. */
  row(row: CsvRow, line: number): boolean;
}


/**
 * Reads a CSV file and calls the handlers for the header and each record.
 * Returns the number of lines read. Reads synchronously in `chunkBytes`
 * chunks (default 16 MiB); a line longer than a chunk grows the buffer.
 */
export function scanCsvFile(path: string, handlers: ScanHandlers, chunkBytes = 16 << 20): number {
  const fd = openSync(path, "r");
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let carry = 0;
    let line = 0;
    let sawHeader = false;
    let first = true;
    let stopped = false;
    const row = new ByteRow();

    // Whether the current chunk holds any double quote: most extracts have none, and then the
    // per-byte loop below need not look for one.
    let chunkHasQuote = true;
    const onLine = (view: Buffer, from: number, to: number): boolean => {
      line++;
      if (to > from && view[to - 1] === CR) to--;
      if (first) {
        first = false;
        if (to - from >= 3 && view[from] === 0xef && view[from + 1] === 0xbb && view[from + 2] === 0xbf) from += 3;
      }
      // Skip blank lines (only spaces or tabs).
      let blank = true;
      for (let k = from; k < to; k++) {
        const c = view[k]!;
        if (c !== SPACE && c !== TAB) {
          blank = false;
          break;
        }
      }
      if (blank) return true;
      if (!sawHeader) {
        sawHeader = true;
        return handlers.header(parseQuotedLine(view.toString("utf8", from, to), ","));
      }
      // Split on commas; a quote anywhere sends the line to papaparse.
      let count = 0;
      let start = from;
      for (let k = from; k <= to; k++) {
        const c = k < to ? view[k]! : COMMA;
        if (c === QUOTE && chunkHasQuote) return handlers.row(new StringRow(parseQuotedLine(view.toString("utf8", from, to), ",")), line);
        if (c !== COMMA) continue;
        if (count === MAX_FIELDS) return handlers.row(new StringRow(view.toString("utf8", from, to).split(",").map((x) => x.trim())), line);
        let s = start;
        let e = k;
        while (s < e && (view[s] === SPACE || view[s] === TAB)) s++;
        while (e > s && (view[e - 1] === SPACE || view[e - 1] === TAB)) e--;
        row.starts[count] = s;
        row.ends[count] = e;
        count++;
        start = k + 1;
      }
      row.buf = view;
      row.count = count;
      return handlers.row(row, line);
    };

    for (;;) {
      const read = readSync(fd, buf, carry, buf.length - carry, null);
      const end = carry + read;
      const view = buf.subarray(0, end);
      chunkHasQuote = view.indexOf(QUOTE) !== -1;
      let pos = 0;
      for (;;) {
        const nl = view.indexOf(LF, pos);
        if (nl === -1) break;
        if (!onLine(view, pos, nl)) {
          stopped = true;
          break;
        }
        pos = nl + 1;
      }
      if (stopped) break;
      if (read === 0) {
        if (pos < end) onLine(view, pos, end);
        break;
      }
      carry = end - pos;
      if (carry === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      } else if (carry > 0) {
        buf.copy(buf, 0, pos, end);
      }
    }
    return line;
  } finally {
    closeSync(fd);
  }
}
