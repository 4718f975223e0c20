/**
 * Reads statutory return files from disk without holding them in memory as
 * text: 903/CIN CSVs are streamed through the fast byte-level CSV scanner
 * (csv-scan.ts), XML through saxes in chunks. Node only; the pure
 * equivalent for strings is readStatutoryFiles in @evident/core.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { StatutoryCollector, type RawRow } from "../statutory/collect.js";
import type { ReadStatutoryOptions, TStatutoryExtract, TStatutoryFileKind } from "../statutory/model.js";
import { addCsvRow, assembleFlatCin, detectCsvKind, detectStatutoryFileKind, reportUnusedFile, StatutoryXmlReader, type FlatCinTables } from "../statutory/read.js";
import { scanCsvFile, type CsvRow } from "./csv-scan.js";

/**
 * Row builders for the two big 903 tables: a fixed-shape object, codes taken
 * from small per-column pools and the child id reused from the previous row,
 * so that a million rows make few strings.
 */
function fastRow(kind: TStatutoryFileKind, columns: string[]): ((row: CsvRow) => RawRow) | undefined {
  const at = (name: string) => columns.indexOf(name);
  const child = at("CHILD");
  let lastChild = "";
  const id = (row: CsvRow) => (row.equals(child, lastChild) ? lastChild : (lastChild = row.text(child)));
  const code = (i: number) => {
    const pool: string[] = [];
    return (row: CsvRow) => row.intern(i, pool);
  };
  if (kind === "ssda903-episodes-csv") {
    const [iDecom, iDec, iUrn, iHome, iPl] = [at("DECOM"), at("DEC"), at("URN"), at("HOME_POST"), at("PL_POST")];
    const rne = code(at("RNE"));
    const ls = code(at("LS"));
    const cin = code(at("CIN"));
    const place = code(at("PLACE"));
    const provider = code(at("PLACE_PROVIDER"));
    const rec = code(at("REC"));
    const change = code(at("REASON_PLACE_CHANGE"));
    return (row) => ({
      CHILD: id(row),
      DECOM: row.text(iDecom),
      RNE: rne(row),
      LS: ls(row),
      CIN: cin(row),
      PLACE: place(row),
      PLACE_PROVIDER: provider(row),
      DEC: row.text(iDec),
      REC: rec(row),
      REASON_PLACE_CHANGE: change(row),
      URN: row.text(iUrn),
      // Postcodes are kept in memory for the rules on them (214, 392b–d, 398, 434–436, the reference rules), never written out.
      ...(iHome < 0 || row.isEmpty(iHome) ? {} : { HOME_POST: row.text(iHome) }),
      ...(iPl < 0 || row.isEmpty(iPl) ? {} : { PL_POST: row.text(iPl) }),
    });
  }
  if (kind === "ssda903-header-csv") {
    const [iDob, iUpn, iMcDob] = [at("DOB"), at("UPN"), at("MC_DOB")];
    const sex = code(at("SEX"));
    const ethnic = code(at("ETHNIC"));
    const mother = code(at("MOTHER"));
    return (row) => ({ CHILD: id(row), SEX: sex(row), DOB: row.text(iDob), ETHNIC: ethnic(row), UPN: row.text(iUpn), MOTHER: mother(row), MC_DOB: row.text(iMcDob) });
  }
  return undefined;
}

export interface StatutoryPath {
  path: string;
  /** The name shown in problems (default: the file's base name). */
  name?: string;
  /** Force a kind instead of detecting it. */
  kind?: TStatutoryFileKind;
}

export class StatutoryFileError extends Error {
  override readonly name = "StatutoryFileError";
}

/** The first `bytes` bytes of a file as text (for recognising its kind). Throws StatutoryFileError when unreadable. */
export function readHead(path: string, bytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    throw new StatutoryFileError(`cannot read ${path}`);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.toString("utf8", 0, n);
  } finally {
    closeSync(fd);
  }
}

function streamXml(path: string, reader: StatutoryXmlReader, chunkBytes: number): void {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(chunkBytes);
    const decoder = new StringDecoder("utf8");
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, null);
      if (n === 0) break;
      let text = decoder.write(buf.subarray(0, n));
      if (first) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      if (!reader.write(text)) return;
    }
    reader.write(decoder.end());
    reader.close();
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads SSDA903 / CIN census files from disk (kinds detected from their
 * columns or root element), validates them and returns the extract. Throws
 * StatutoryFileError only when a file cannot be read at all.
 */
export async function readStatutoryPaths(paths: (string | StatutoryPath)[], options: ReadStatutoryOptions & { chunkBytes?: number } = {}): Promise<TStatutoryExtract> {
  const collector = new StatutoryCollector(options);
  const flat: FlatCinTables = { rows: [] };
  const chunkBytes = options.chunkBytes ?? 16 << 20;
  for (const entry of paths) {
    const { path, name = basename(path), kind: forced } = typeof entry === "string" ? { path: entry } : entry;
    const head = readHead(path, 65_536);
    const kind = forced ?? options.kinds?.[name] ?? detectStatutoryFileKind(name, head);
    if (kind === "ssda903-xml" || kind === "cin-census-xml") {
      streamXml(path, new StatutoryXmlReader(collector, name), Math.min(chunkBytes, 4 << 20));
      continue;
    }
    if (head.trimStart().startsWith("<") || head.replace(/^\uFEFF/, "").trim() === "") {
      collector.beginFile(name, kind);
      if (head.trim() === "") collector.problem(name, 0, "", "EV25", "error", "the file is empty");
      else reportUnusedFile(collector, name, kind);
      continue;
    }
    let columns: string[] = [];
    let fast: ((row: CsvRow) => RawRow) | undefined;
    let fileKind: TStatutoryFileKind = kind;
    scanCsvFile(
      path,
      {
        header: (cells) => {
          columns = cells.map((c) => c.toUpperCase());
          fast = fastRow(fileKind, columns);
          fileKind = forced ?? options.kinds?.[name] ?? detectCsvKind(columns);
          collector.beginFile(name, fileKind);
          if (fileKind === "unknown" || fileKind === "ssda903-other-csv") {
            reportUnusedFile(collector, name, fileKind);
            return false;
          }
          return true;
        },
        row: (row, line) => {
          if (row.count !== columns.length) {
            collector.problem(name, line, "", "EV26", "error", `expected ${columns.length} cells, found ${row.count}`);
            return true;
          }
          let raw: RawRow;
          if (fast) raw = fast(row);
          else {
            raw = {};
            for (let i = 0; i < columns.length; i++) raw[columns[i]!] = row.text(i);
          }
          addCsvRow(collector, flat, fileKind, name, line, raw);
          return true;
        },
      },
      chunkBytes,
    );
  }
  assembleFlatCin(collector, flat);
  return collector.finish();
}
