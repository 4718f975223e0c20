/**
 * Small readers for the rows of the other 903 tables (./tables-903.ts), whose
 * cells are kept raw (trimmed, upper-cased, blank as null): a cell, a cell as
 * a date, the rows of each child, and a reporter for a row or an episode.
 */
import type { TClaEpisode } from "./model.js";
import { parseStatutoryDate } from "./statutory-date.js";
import type { Ssda903TableRow } from "./tables-903.js";
import type { ValidationContext } from "./validate-common.js";

/** A cell as given (trimmed, upper-cased), null when blank. */
export const cell = (r: Ssda903TableRow, column: string): string | null => r.values[column] ?? null;

/** A cell read as a date (DD/MM/YYYY, or YYYY-MM-DD as Evident also accepts); undefined when blank or not a real date. */
export function dateCell(r: Ssda903TableRow, column: string): string | undefined {
  const text = cell(r, column);
  return text === null ? undefined : parseStatutoryDate(text);
}

/** A cell that is given but is not a real date. */
export const badDate = (r: Ssda903TableRow, column: string): boolean => cell(r, column) !== null && dateCell(r, column) === undefined;

/** A table's rows by CHILD (rows with a blank CHILD left out), in the order given. */
export function rowsByChild(rows: readonly Ssda903TableRow[] | undefined): Map<string, Ssda903TableRow[]> {
  const map = new Map<string, Ssda903TableRow[]>();
  for (const r of rows ?? []) {
    if (r.child === null) continue;
    const list = map.get(r.child);
    if (list) list.push(r);
    else map.set(r.child, [r]);
  }
  return map;
}

/** Reports an error on a table row or on an episode. */
export function reporter(ctx: ValidationContext) {
  return {
    row: (r: Ssda903TableRow, field: string, rule: string, message: string) => ctx.problem(r.file, r.row, field, rule, "error", message),
    episode: (e: TClaEpisode, field: string, rule: string, message: string) => ctx.problem(e.source.file, e.source.row, field, rule, "error", message),
  };
}
