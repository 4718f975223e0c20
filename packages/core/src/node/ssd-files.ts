/**
 * Reads an SSD extract folder from disk (one `<table>.csv` per table),
 * streaming each file through the byte-level CSV scanner so the file text is
 * never held in memory (the records are). Node only; the pure equivalent for
 * strings is readSsdFiles in @evident/core.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { SsdCollector, ssdReadOrder, ssdTableOfFile, type ReadSsdOptions, type SsdExtract } from "../ssd/read.js";
import type { SsdTableName } from "../ssd/tables.js";
import { scanCsvFile } from "./csv-scan.js";

export class SsdFolderError extends Error {}

/** Reads the SSD tables in a folder. Files that are not SSD tables Evident reads are listed (info) and not read. */
export function readSsdDir(dir: string, options: ReadSsdOptions & { chunkBytes?: number } = {}): SsdExtract {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new SsdFolderError(`${dir} is not a folder; give the folder holding the SSD extract's CSV files`);
    names = readdirSync(dir).sort();
  } catch (error) {
    if (error instanceof SsdFolderError) throw error;
    throw new SsdFolderError(`cannot read the folder ${dir}`);
  }
  const collector = new SsdCollector(options);
  const tables: { table: SsdTableName; name: string }[] = [];
  for (const name of names) {
    const table = ssdTableOfFile(name);
    if (table !== undefined) tables.push({ table, name });
    else if (name.toLowerCase().endsWith(".csv")) collector.skipFile(name);
  }
  const ordered = ssdReadOrder(tables);
  if (ordered[0]?.table !== "ssd_person") collector.noPersonTable();
  for (const f of ordered) {
    let sawHeader = false;
    let reading = false;
    scanCsvFile(
      join(dir, f.name),
      {
        header: (cells) => {
          sawHeader = true;
          reading = collector.table(f.table, f.name, cells);
          return reading;
        },
        row: (row, line) => {
          collector.row(line, (i) => (i < row.count ? row.text(i) : ""));
          return true;
        },
      },
      options.chunkBytes,
    );
    if (!sawHeader) collector.table(f.table, f.name, []);
  }
  return collector.finish();
}
