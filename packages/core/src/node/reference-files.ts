/**
 * Reading the reference files the SSDA903 reference rules need
 * (../statutory/reference-903.ts): the postcode directory (the ONS Postcode
 * Directory's CSV as published, or any CSV with its column names) and Ofsted's
 * provider list saved as CSV. Streamed, so the full directory (over a
 * gigabyte) can be given as it is.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { OfstedProviders } from "../statutory/ofsted-providers.js";
import { PostcodeReference, type Reference903 } from "../statutory/reference-903.js";

export class ReferenceFileError extends Error {}

/**
 * The cells of one CSV line (RFC 4180 quoting: a quoted cell may hold commas
 * and doubled quotes), trimmed. The ONS Postcode Directory quotes every cell,
 * so this is on the hot path: a plain scan, much faster than a general parser.
 */
export function splitCsvLine(line: string, keep?: readonly boolean[]): string[] {
  const cells: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (keep !== undefined && !keep[cells.length]) {
      // A cell not needed: skip it without making its string.
      if (cells.length >= keep.length) return cells;
      if (i < n && line.charCodeAt(i) === 34) {
        let q = line.indexOf('"', i + 1);
        while (q >= 0 && line.charCodeAt(q + 1) === 34) q = line.indexOf('"', q + 2);
        i = q < 0 ? n : q + 1;
      }
      const comma = line.indexOf(",", i);
      cells.push("");
      if (comma < 0) return cells;
      i = comma + 1;
    } else if (i < n && line.charCodeAt(i) === 34) {
      let cell = "";
      let from = ++i;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) {
          cell += line.slice(from);
          i = n;
          break;
        }
        cell += line.slice(from, q);
        if (line.charCodeAt(q + 1) === 34) {
          cell += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(",", i);
      cells.push(cell.trim());
      if (comma < 0) return cells;
      i = comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      cells.push((comma < 0 ? line.slice(i) : line.slice(i, comma)).trim());
      if (comma < 0) return cells;
      i = comma + 1;
    }
  }
}

/** Calls `onLine` with each non-blank line of a file, read in chunks (a file may be larger than a string can be). */
function eachLine(path: string, onLine: (line: string) => void): void {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    const decoder = new StringDecoder("utf8");
    let carry = "";
    for (;;) {
      const read = readSync(fd, buf, 0, buf.length, null);
      const text = carry + (read > 0 ? decoder.write(buf.subarray(0, read)) : decoder.end());
      const lines = text.split("\n");
      carry = read > 0 ? lines.pop()! : "";
      for (const l of lines) {
        const line = l.endsWith("\r") ? l.slice(0, -1) : l;
        if (line.trim() !== "") onLine(line);
      }
      if (read === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

function scanInto<T extends { readonly usedColumns: number[]; addRow(cell: (i: number) => string | undefined): void }>(path: string, what: string, make: (header: string[]) => T): T {
  let built: T | undefined;
  let keep: boolean[] = [];
  try {
    eachLine(path, (line) => {
      if (built === undefined) {
        built = make(splitCsvLine(line).map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c)));
        keep = [];
        for (const i of built.usedColumns) keep[i] = true;
        for (let i = 0; i < keep.length; i++) keep[i] ??= false;
        return;
      }
      const cells = splitCsvLine(line, keep);
      built.addRow((i) => cells[i]);
    });
  } catch (error) {
    if (error instanceof Error && !("code" in error)) throw new ReferenceFileError(`${what} ${path}: ${error.message}`);
    throw new ReferenceFileError(`cannot read ${what} ${path}`);
  }
  if (built === undefined) throw new ReferenceFileError(`${what} ${path} is empty`);
  return built;
}

/** Reads the postcode directory and, if given, Ofsted's provider list; `la` is the return's own authority code. */
export function readReferenceFiles(postcodesPath: string, la: string, ofstedPath?: string): Reference903 {
  const postcodes = scanInto(postcodesPath, "--postcodes", (h) => new PostcodeReference(h));
  const providers = ofstedPath === undefined ? undefined : scanInto(ofstedPath, "--ofsted-urns", (h) => new OfstedProviders(h));
  return { localAuthority: la.trim().toUpperCase(), postcodes, ...(providers ? { providers } : {}) };
}
