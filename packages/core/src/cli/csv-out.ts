/** Writing the `evident convert` CSVs: written to a temporary file, then renamed, so a failure never leaves half a file. */
import { closeSync, openSync, renameSync, writeSync } from "node:fs";

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(path: string, columns: string[], rows: Record<string, string>[]): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    let chunk = `${columns.join(",")}\n`;
    for (const row of rows) {
      let line = "";
      for (let i = 0; i < columns.length; i++) {
        const value = row[columns[i]!] ?? "";
        line += (i === 0 ? "" : ",") + (SAFE.test(value) ? value : csvCell(value));
      }
      chunk += `${line}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const SAFE = /^[\w\-. /]*$/;
