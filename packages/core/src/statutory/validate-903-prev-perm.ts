/**
 * SSDA903 rules on PrevPerm (the child's previous permanence option before
 * this period of care): its codes (631, 633, 635) and PrevPerm against the
 * child's episodes (630, 632, 634). Conditions as the DfE 2024/25 rules state
 * them (read in the community validator's rule sources); the messages are
 * Evident's own.
 */
import { daysInMonth } from "../dates.js";
import { isLaCode } from "./la-codes.js";
import type { TClaEpisode } from "./model.js";
import { parseStatutoryDate } from "./statutory-date.js";
import { cell, reporter, rowsByChild } from "./table-rows.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { show, type ValidationContext, yearStartOf } from "./validate-common.js";

const PREV_PERM = new Set(["P1", "P2", "P3", "P4", "Z1"]);
/** Outside England: Wales, Scotland, Northern Ireland, outside the UK. */
const OUTSIDE_ENGLAND = new Set(["WAL", "SCO", "NIR", "NUK"]);

/**
 * LA_PERM (633): an English local authority's three-digit DfE code (the list
 * of ./la-codes.ts without its pseudo-LA codes below 201 and from 660 to 708),
 * 999, or a code for outside England.
 */
export function isLaPermCode(code: string): boolean {
  if (OUTSIDE_ENGLAND.has(code) || code === "999") return true;
  return isLaCode(code) && code >= "201" && !(code >= "660" && code <= "708");
}

/**
 * DATE_PERM as the latest day it can mean: DD/MM/YYYY, where an unknown day
 * or month may be ZZ (the last day of the month, or of the year) and an
 * unknown year ZZZZ (read as 2000, as the community validator does).
 * undefined = not a valid date.
 */
export function latestPermDate(text: string): string | undefined {
  const whole = parseStatutoryDate(text);
  if (whole !== undefined) return whole;
  const parts = text.split("/");
  if (parts.length !== 3) return undefined;
  const [d, m, y] = parts as [string, string, string];
  const year = y === "ZZZZ" ? "2000" : y;
  const month = m === "ZZ" ? "12" : m;
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12) return undefined;
  const day = d === "ZZ" ? String(daysInMonth(Number(year), Number(month))) : d;
  return parseStatutoryDate(`${day}/${month}/${year}`);
}

export function validatePrevPerm(rows: readonly Ssda903TableRow[], episodesByChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const report = reporter(ctx);
  for (const r of rows) {
    const p = (field: string, rule: string, message: string) => report.row(r, field, rule, message);
    const prev = cell(r, "PREV_PERM");
    const la = cell(r, "LA_PERM");
    const date = cell(r, "DATE_PERM");
    if (prev !== null && !PREV_PERM.has(prev)) p("PREV_PERM", "631", `PREV_PERM ${show(prev)} is not a valid code (P1, P2, P3, P4 or Z1)`);
    if (la !== null && !isLaPermCode(la)) p("LA_PERM", "633", `LA_PERM ${show(la)} is not a local authority code (three digits), nor WAL, SCO, NIR or NUK`);
    if ((la !== null || date !== null) && prev === null) p("PREV_PERM", "635", "LA_PERM or DATE_PERM is given but PREV_PERM (the previous permanence option) is blank");
    const eps = r.child === null ? [] : (episodesByChild.get(r.child) ?? []);
    const first = eps[0];
    if (first && date !== null) {
      const latest = latestPermDate(date);
      if (latest === undefined) p("DATE_PERM", "632", `DATE_PERM ${show(date)} is not a valid date (DD/MM/YYYY, with ZZ for an unknown day or month)`);
      else if (latest >= first.start) p("DATE_PERM", "632", `DATE_PERM ${date} is not before the child's first episode (DECOM ${first.start})`);
    }
    const last = eps.at(-1);
    const yearStart = yearStartOf(ctx.yearEndOf(r.file));
    if (last && (prev !== null || la !== null || date !== null) && last.start < yearStart) {
      p("CHILD", "634", `previous permanence is given but the child's latest episode started before this collection year (${last.start}): give it only for a child who started to be looked after this year`);
    }
  }
  const byChild = rowsByChild(rows);
  for (const [child, eps] of episodesByChild) {
    const perm = byChild.get(child) ?? [];
    for (const e of eps) {
      if (e.reasonNewEpisode !== "S" || e.start < yearStartOf(ctx.yearEndOf(e.source.file))) continue;
      const missing =
        perm.length === 0 ? "the child has no PrevPerm row"
        : perm.some((r) => cell(r, "PREV_PERM") === null) ? "PREV_PERM is blank"
        : perm.some((r) => cell(r, "PREV_PERM") !== "Z1" && (cell(r, "LA_PERM") === null || cell(r, "DATE_PERM") === null)) ? "LA_PERM and DATE_PERM must be given unless PREV_PERM is Z1"
        : undefined;
      if (missing !== undefined) report.episode(e, "RNE", "630", `the child started to be looked after this year (RNE S on ${e.start}) so the previous permanence option must be given: ${missing}`);
    }
  }
}
