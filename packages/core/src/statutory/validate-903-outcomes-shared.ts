/**
 * What the SSDA903 rules on OC2 (./validate-903-outcomes.ts) and OC3
 * (./validate-903-care-leavers.ts) share: a table row with its DOB and
 * collection year, each child's episodes, and the DfE's "looked after
 * continuously for 12 months".
 */
import type { TClaEpisode, TStatutoryExtract } from "./model.js";
import { parseStatutoryDate } from "./collect.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { type ValidationContext, yearStartOf } from "./validate-common.js";

/** The OC2 items for children looked after continuously for 12 months (rules 181, 190, 215). */
export const OC2_ITEMS = ["CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"] as const;

/** What the OC2/OC3 rules share: the row reporter, the row's DOB and the collection year of its file. */
export interface TableRowView {
  v: Readonly<Record<string, string | null>>;
  dob: string | null;
  yearStart: string;
  yearEnd: string;
  p: (field: string, rule: string, message: string) => void;
}

export function rowView(r: Ssda903TableRow, ctx: ValidationContext): TableRowView {
  const yearEnd = ctx.yearEndOf(r.file);
  const dobText = r.values.DOB ?? null;
  return {
    v: r.values,
    dob: dobText === null ? null : (parseStatutoryDate(dobText) ?? null),
    yearStart: yearStartOf(yearEnd),
    yearEnd,
    p: (field, rule, message) => ctx.problem(r.file, r.row, field, rule, "error", message),
  };
}

/**
 * Looked after continuously for the 12 months to the end of the year, as the
 * DfE defines it for OC2: looked after at some time in the year, and no
 * episode starting the care this year (RNE S), none ending with a REC other
 * than X1 before the last day, and no short-break (V3/V4) episode in the year.
 */
export function continuouslyLookedAfter(eps: readonly TClaEpisode[] | undefined, yearStart: string, yearEnd: string): boolean {
  if (eps === undefined) return false;
  let during = false;
  for (const e of eps) {
    const inYear = e.start <= yearEnd && (e.end === null || e.end >= yearStart);
    if (inYear) during = true;
    if (e.reasonNewEpisode === "S" && e.start > yearStart && e.start <= yearEnd) return false;
    if (e.end !== null && e.reasonEnded !== "X1" && e.end >= yearStart && e.end < yearEnd) return false;
    if ((e.legalStatus === "V3" || e.legalStatus === "V4") && inYear) return false;
  }
  return during;
}

export function episodesGiven(extract: TStatutoryExtract): boolean {
  return extract.files.some((f) => f.kind === "ssda903-episodes-csv" || f.kind === "ssda903-xml");
}

