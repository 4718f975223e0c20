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
