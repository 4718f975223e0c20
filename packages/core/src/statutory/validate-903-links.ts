/**
 * SSDA903 rules on every table against the Header (the INT rules: a child in
 * a table but not in the Header, a DOB or SEX differing from the Header's, a
 * child given twice in a table of one row per child) and, through
 * ./validate-903-sw-episodes.ts, the social worker episode rules.
 */
import { parseStatutoryDate } from "./collect.js";
import type { TStatutoryExtract } from "./model.js";
import type { Ssda903TableRow, TSsda903Table } from "./tables-903.js";
import { validateSwEpisodes } from "./validate-903-sw-episodes.js";
import { show, type ValidationContext } from "./validate-common.js";

/** Per table: the code for a child not in the Header, for a DOB differing from the Header's, and for a child given more than once (tables of one row per child only). */
const INT_CODES: [table: TSsda903Table, notInHeader: string, dobDiffers: string, once: string | null][] = [
  ["AD1", "INT01", "INT11", "INT31"],
  ["PlacedAdoption", "INT02", "INT12", null],
  ["Missing", "INT04", "INT13", null],
  ["OC2", "INT05", "INT14", "INT33"],
  ["OC3", "INT06", "INT15", "INT34"],
  ["PrevPerm", "INT07", "INT16", "INT35"],
  ["Reviews", "INT08", "INT17", null],
  ["UASC", "INT09", "INT18", "INT36"],
];

/** What the Header says of a child (upper-cased CHILD, as the tables' cells are): each Header row's date of birth and SEX as given. */
interface HeaderFacts {
  births: (string | null)[];
  sexes: (string | null)[];
}

export function validateTableLinks(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const header = new Map<string, HeaderFacts>();
  for (const h of ctx.headerRows) {
    const id = h.child.childId.trim().toUpperCase();
    let facts = header.get(id);
    if (!facts) header.set(id, (facts = { births: [], sexes: [] }));
    facts.births.push(h.child.birthDate);
    facts.sexes.push(h.sexText);
  }
  for (const [table, notInHeader, dobDiffers, once] of INT_CODES) {
    const rows = ctx.tables903[table];
    if (!rows) continue;
    if (ctx.has903Header) for (const r of rows) checkAgainstHeader(ctx, r, header, notInHeader, dobDiffers);
    if (once) checkOnce(ctx, rows, once);
  }
  validateSwEpisodes(extract, ctx);
}

function checkAgainstHeader(ctx: ValidationContext, r: Ssda903TableRow, header: Map<string, HeaderFacts>, notInHeader: string, dobDiffers: string): void {
  const facts = r.child === null ? undefined : header.get(r.child);
  if (!facts) {
    ctx.problem(r.file, r.row, "CHILD", notInHeader, "error", `child ${show(r.child)} is in the ${r.table} table but not in the Header`);
    return;
  }
  const dob = r.values.DOB ? parseStatutoryDate(r.values.DOB) : undefined;
  if (dob !== undefined && facts.births.some((b) => b !== null && b !== dob)) {
    ctx.problem(r.file, r.row, "DOB", dobDiffers, "error", `DOB ${show(r.values.DOB ?? null)} in the ${r.table} table differs from the date of birth in the Header`);
  }
  // SEX is only in UASC: compared as given (INT21).
  const sex = r.values.SEX;
  if (r.table === "UASC" && sex && facts.sexes.some((s) => s !== null && s !== sex)) {
    ctx.problem(r.file, r.row, "SEX", "INT21", "error", `SEX ${show(sex)} in the UASC table differs from SEX in the Header`);
  }
}

function checkOnce(ctx: ValidationContext, rows: Ssda903TableRow[], code: string): void {
  const count = new Map<string, number>();
  for (const r of rows) if (r.child !== null) count.set(r.child, (count.get(r.child) ?? 0) + 1);
  for (const r of rows) {
    const n = r.child === null ? 0 : count.get(r.child)!;
    if (n > 1) ctx.problem(r.file, r.row, "CHILD", code, "error", `child ${show(r.child)} has ${n} rows in the ${r.table} table: it should have one`);
  }
}
