/**
 * The rows of the other 903 tables (./tables-903.ts) read with an extract,
 * kept beside it rather than in it: they are checked, never imported, so they
 * stay out of the extract's schema and its JSON. The collector attaches them;
 * the comparison with last year's return (./previous-year.ts) reads them.
 */
import type { TStatutoryExtract } from "./model.js";
import type { Ssda903Tables } from "./tables-903.js";

const TABLES = new WeakMap<TStatutoryExtract, Ssda903Tables>();

export function attachTables903(extract: TStatutoryExtract, tables: Ssda903Tables): void {
  TABLES.set(extract, tables);
}

/** The 903 tables read with this extract ({} when none, or for an extract not made by the collector). */
export function tables903Of(extract: TStatutoryExtract): Ssda903Tables {
  return TABLES.get(extract) ?? {};
}

const HEADER_UASC = new WeakMap<TStatutoryExtract, ReadonlyMap<string, { flag: string | null; file: string; row: number }>>();

/** The Header's UASC flag of each child, as a 903 XML return gives it (a CSV Header has no such field). */
export function attachHeaderUasc(extract: TStatutoryExtract, flags: ReadonlyMap<string, { flag: string | null; file: string; row: number }>): void {
  if (flags.size > 0) HEADER_UASC.set(extract, flags);
}

/** The XML Header's UASC flags of this extract, or undefined when its Header gave none (CSV). */
export function headerUascOf(extract: TStatutoryExtract): ReadonlyMap<string, { flag: string | null; file: string; row: number }> | undefined {
  return HEADER_UASC.get(extract);
}
