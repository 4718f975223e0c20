/**
 * The SSDA903 rules comparing a child's UASC status (unaccompanied asylum-seeking
 * child) with last year's (205A–D), run by ./previous-year.ts when last year's
 * return is given. A child's UASC flag for a year is, as the DfE validator reads
 * it: the Header's UASC field in an XML return; with a CSV Header and a UASC
 * table, 1 for a child in the UASC table and 0 otherwise; with a UASC table but
 * no Header, 1 for a row giving SEX or DUC. Conditions as the DfE 2024/25 rules
 * state them (read in the community validator's rule sources); messages are
 * Evident's own.
 *
 * - 205A: UASC last year but not this year, while this year's UASC row gives a
 *   date ceased (DUC) or last year's DUC was not in last year's collection year.
 * - 205B: UASC both years, while last year's DUC is not the 18th birthday (as
 *   last year's UASC row gives the birth date), or this year's DUC is neither in
 *   this collection year nor last year's.
 * - 205C: UASC in neither year (0 or not given), while a DUC is given in one of them.
 * - 205D: UASC this year but not last year, for a child in both years' Headers.
 * 205A–C look at this year's UASC rows and need both years' UASC tables; errors
 * are reported on the UASC row and on the Header row.
 */
import { headerUascOf, tables903Of } from "./extract-tables.js";
import type { TStatutoryExtract } from "./model.js";
import { cell, dateCell, rowsByChild } from "./table-rows.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears, yearStartOf } from "./validate-common.js";

type Error = (file: string, row: number, field: string, rule: string, message: string) => void;
interface Flag {
  flag: string | null;
  /** Where to report on the Header (or the UASC row when there is no Header). */
  file: string;
  row: number;
}

function headerChildren(x: TStatutoryExtract): Map<string, { file: string; row: number }> {
  const files = new Set(x.files.filter((f) => f.kind === "ssda903-header-csv" || f.kind === "ssda903-xml").map((f) => f.name));
  const out = new Map<string, { file: string; row: number }>();
  for (const c of x.children) {
    const at = c.sources.find((s) => files.has(s.file));
    if (at) out.set(c.childId, at);
  }
  return out;
}

/** Each child's UASC flag for the year, or undefined when the return does not say (no UASC table and no XML flag). */
export function uascFlags(x: TStatutoryExtract): Map<string, Flag> | undefined {
  const xml = headerUascOf(x);
  if (xml) return new Map(xml);
  const uasc = tables903Of(x).UASC;
  if (uasc === undefined) return undefined;
  const header = headerChildren(x);
  const out = new Map<string, Flag>();
  if (header.size > 0) {
    const inTable = new Set(uasc.map((r) => r.child));
    for (const [child, at] of header) out.set(child, { flag: inTable.has(child) ? "1" : "0", ...at });
  } else {
    for (const r of uasc) if (r.child !== null) out.set(r.child, { flag: cell(r, "SEX") !== null || cell(r, "DUC") !== null ? "1" : "0", file: r.file, row: r.row });
  }
  return out;
}

export function compareUasc(current: TStatutoryExtract, previous: TStatutoryExtract, yearEnd: string, error: Error): void {
  const now = uascFlags(current);
  const last = uascFlags(previous);
  if (now === undefined || last === undefined) return;
  for (const [child, f] of now) {
    const before = last.get(child);
    if (f.flag === "1" && before !== undefined && before.flag !== "1") {
      error(f.file, f.row, "UASC", "205D", "the child is UASC this year but was not in last year's return");
    }
  }
  const uNow = tables903Of(current).UASC;
  const uLast = tables903Of(previous).UASC;
  if (uNow === undefined || uLast === undefined) return;
  const lastRows = rowsByChild(uLast);
  const yearStart = yearStartOf(yearEnd);
  const lastEnd = addYears(yearEnd, -1);
  const lastStart = yearStartOf(lastEnd);
  const both = (r: Ssda903TableRow, rule: string, message: string) => {
    error(r.file, r.row, "DUC", rule, message);
    const h = now.get(r.child!);
    if (h && (h.file !== r.file || h.row !== r.row)) error(h.file, h.row, "UASC", rule, message);
  };
  for (const r of uNow) {
    if (r.child === null) continue;
    const prev = lastRows.get(r.child)?.[0];
    const flag = now.get(r.child)?.flag ?? null;
    const flagLast = last.get(r.child)?.flag ?? null;
    const duc = dateCell(r, "DUC");
    const ducGiven = cell(r, "DUC") !== null;
    const ducLast = prev ? dateCell(prev, "DUC") : undefined;
    const ducLastGiven = prev ? cell(prev, "DUC") !== null : false;
    if (flag !== "1" && flagLast === "1" && (ducGiven || ducLast === undefined || ducLast < lastStart || ducLast > lastEnd)) {
      both(r, "205A", "the child was UASC last year and is not this year, but the dates UASC ceased do not show it ending last year (this year's DUC should be blank, last year's in last year)");
    }
    if (flag === "1" && flagLast === "1") {
      const dobLast = prev ? dateCell(prev, "DOB") : undefined;
      const lastIs18th = ducLast !== undefined && dobLast !== undefined && ducLast === addYears(dobLast, 18);
      const inYear = duc !== undefined && duc >= yearStart && duc <= yearEnd;
      const sameAsLast = duc !== undefined && duc === ducLast;
      if ((!inYear && !sameAsLast) || !lastIs18th) {
        both(r, "205B", "the child is UASC this year and was last year, but the dates UASC ceased do not agree (last year's should be the 18th birthday; this year's in this year or the same as last year's)");
      }
    }
    const notUasc = (x: string | null) => x === null || x === "0";
    if (notUasc(flag) && notUasc(flagLast) && (ducGiven || ducLastGiven)) {
      both(r, "205C", "the child is UASC in neither this year's nor last year's return, but a date UASC ceased (DUC) is given");
    }
  }
}
