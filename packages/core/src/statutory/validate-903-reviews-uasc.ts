/**
 * SSDA903 rules on Reviews (looked-after reviews and how the child took part)
 * and UASC (unaccompanied asylum-seeking children). Conditions as the DfE
 * 2024/25 rules state them (read in the community validator's rule sources,
 * csc-validator-be-903 v0.1.14); the messages are Evident's own. A child is
 * UASC when the UASC table has a row for them (as the validators read the CSV
 * return).
 */
import { daysFromCivil, daysInMonth, formatIsoDay } from "../dates.js";
import type { TClaEpisode } from "./model.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears, show, type ValidationContext, yearStartOf } from "./validate-common.js";

/** A table row's date as the validators read these tables (DD/MM/YYYY only): the ISO day, or null when blank or not a real date. */
export function dateOf(r: Ssda903TableRow, field: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(r.values[field] ?? "");
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ? null : formatIsoDay(daysFromCivil(year, month, day));
}

const PARTICIPATION = new Set(["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]);
const respite = (e: TClaEpisode) => e.legalStatus === "V3" || e.legalStatus === "V4";

/** `byChild`: each child's episodes, keyed by CHILD upper-cased. */
export function validateReviewsAndUasc(byChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const reviews = ctx.tables903.Reviews;
  if (reviews) {
    for (const r of reviews) {
      const p = (field: string, rule: string, message: string) => ctx.problem(r.file, r.row, field, rule, "error", message);
      const text = r.values.REVIEW ?? null;
      const code = r.values.REVIEW_CODE ?? null;
      const review = dateOf(r, "REVIEW");
      const dob = dateOf(r, "DOB");
      if (review === null) p("REVIEW", "166", `REVIEW ${text === null ? "is blank" : `${show(text)} is not a real date`}: give the date of the review (DD/MM/YYYY)`);
      const consistent = (text !== null && code !== null && PARTICIPATION.has(code)) || (text === null && code === null);
      if (!consistent) p("REVIEW_CODE", "167", `REVIEW_CODE ${show(code)} is not a participation code (PN0–PN7)${text === null ? " for a review with no date" : ""}`);
      if (review !== null && dob !== null) {
        const fourth = addYears(dob, 4);
        if (code === "PN0" && review > fourth) p("REVIEW_CODE", "440", `REVIEW_CODE is PN0 (child under 4) but the child was 4 or over on the review date ${review} (4th birthday ${fourth})`);
        if (code !== null && code !== "PN0" && PARTICIPATION.has(code) && review < fourth) p("REVIEW_CODE", "441", `REVIEW_CODE ${code} is for a child of 4 or over but the child was under 4 on the review date ${review} (4th birthday ${fourth})`);
      }
    }
    // 399: a child only ever on short breaks (LS V3/V4) has no MOTHER, reviews or participation.
    if (ctx.has903Header) {
      const respiteOnly = (id: string) => {
        const eps = byChild.get(id);
        return eps !== undefined && eps.length > 0 && eps.every(respite);
      };
      for (const h of ctx.headerRows) {
        if (h.mother !== null && respiteOnly(h.child.childId.toUpperCase())) {
          ctx.problem(h.file, h.row, "MOTHER", "399", "error", "MOTHER is given but every episode of the child is a short break (LS V3 or V4): leave MOTHER blank");
        }
      }
      for (const r of reviews) {
        if ((r.values.REVIEW != null || r.values.REVIEW_CODE != null) && respiteOnly(r.child ?? "")) {
          ctx.problem(r.file, r.row, "REVIEW", "399", "error", "a review is recorded but every episode of the child is a short break (LS V3 or V4): reviews are not returned for short breaks");
        }
      }
    }
  }

  const uasc = ctx.tables903.UASC;
  if (uasc) {
    for (const r of uasc) {
      const p = (field: string, rule: string, message: string) => ctx.problem(r.file, r.row, field, rule, "error", message);
      const yearEnd = ctx.yearEndOf(r.file);
      const text = r.values.DUC ?? null;
      const duc = dateOf(r, "DUC");
      const dob = dateOf(r, "DOB");
      if (text !== null && duc === null) p("DUC", "104", `DUC ${show(text)} is not a real date (DD/MM/YYYY)`);
      else if (duc !== null && duc < yearStartOf(yearEnd)) p("DUC", "104", `DUC ${duc} is before the start of the collection year (${yearStartOf(yearEnd)})`);
      if (duc !== null && dob !== null && duc > addYears(dob, 18)) p("DUC", "304", `DUC ${duc} is after the child's 18th birthday (${addYears(dob, 18)}): UASC status ends at 18 at the latest`);
    }
    // 231: UASC children are expected to be 11 or over at the end of the year.
    const children = new Set(uasc.map((r) => r.child));
    for (const h of ctx.headerRows) {
      const yearEnd = ctx.yearEndOf(h.file);
      const dob = h.child.birthDate;
      if (dob !== null && children.has(h.child.childId.toUpperCase()) && dob > addYears(yearEnd, -11)) {
        ctx.problem(h.file, h.row, "DOB", "231", "error", `the child is UASC but was under 11 at the end of the collection year (DOB ${dob}): check the date of birth, and if it is right explain in a bypass request`);
      }
    }
  }
}

/**
 * The Header's UASC flag, which only a 903 XML return gives (a CSV Header has no
 * such column, so these rules do not arise there):
 * - 105: UASC must be 0 or 1;
 * - 303: a child with a date UASC status ceased (DUC in the UASC table) must have UASC 1
 *   (reported on the UASC row and on the Header row).
 */
export function validateHeaderUasc(ctx: ValidationContext): void {
  const withFlag = ctx.headerRows.filter((h) => h.uasc !== undefined);
  if (withFlag.length === 0) return;
  const flagOf = new Map<string, string | null>();
  for (const h of withFlag) {
    const flag = h.uasc ?? null;
    flagOf.set(h.child.childId, flag);
    const n = flag === null ? Number.NaN : Number(flag);
    if (n !== 0 && n !== 1) ctx.problem(h.file, h.row, "UASC", "105", "error", `UASC ${show(flag)} is not valid: 1 for an unaccompanied asylum-seeking child, 0 otherwise`);
  }
  for (const r of ctx.tables903.UASC ?? []) {
    if (r.child === null || (r.values.DUC ?? null) === null || !flagOf.has(r.child)) continue;
    const flag = flagOf.get(r.child) ?? null;
    if (flag !== null && Number(flag) === 1) continue;
    ctx.problem(r.file, r.row, "DUC", "303", "error", `DUC (the date UASC status ceased) is given but the Header's UASC is ${show(flag)}, not 1`);
    const h = withFlag.find((x) => x.child.childId === r.child)!;
    ctx.problem(h.file, h.row, "UASC", "303", "error", `UASC is ${show(flag)} but the UASC table gives a date UASC status ceased (DUC): UASC must be 1`);
  }
}
