/**
 * Reading the reference files the SSDA903 reference rules need
 * (../statutory/reference-903.ts): the postcode directory (the ONS Postcode
 * Directory's CSV as published, or any CSV with its column names) and Ofsted's
 * provider list saved as CSV. Streamed, so the full directory (over a
 * gigabyte) can be given as it is.
 */
import { OfstedProviders, PostcodeReference, type Reference903 } from "../statutory/reference-903.js";
import { scanCsvFile } from "./csv-scan.js";

export class ReferenceFileError extends Error {}

function scanInto<T extends { addRow(cell: (i: number) => string | undefined): void }>(path: string, what: string, make: (header: string[]) => T): T {
  let built: T | undefined;
  try {
    scanCsvFile(path, {
      header: (names) => {
        built = make(names);
        return true;
      },
      row: (row) => {
        built!.addRow((i) => (i < row.count ? row.text(i) : undefined));
        return true;
      },
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
