/**
 * SSDA903 rules on OC3 (care leavers, IN_TOUCH / ACTIV / ACCOM): its codes,
 * the young person's age, and OC3 compared with the Header (MOTHER, DOB),
 * the Episodes, OC2, AD1 and UASC. Conditions as the DfE 2024/25 rules state
 * them (read in the community validator's rule sources, v0.1.14); the
 * messages are Evident's own. Called from ./validate-903-outcomes.ts.
 */
import { rowsByChild } from "./table-rows.js";
import type { TClaEpisode } from "./model.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears, show, type ValidationContext, yearStartOf } from "./validate-common.js";
import { OC2_ITEMS, continuouslyLookedAfter, rowView } from "./validate-903-outcomes-shared.js";

const IN_TOUCH = new Set(["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"]);
const ACTIV = new Set(["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"]);
const ACCOM = new Set(["B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2", "0"]);
const OC3_ITEMS = ["IN_TOUCH", "ACTIV", "ACCOM"] as const;
const AD1_ITEMS = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"] as const;

type Values = Ssda903TableRow["values"];
const anyGiven = (v: Values, fields: readonly string[]) => fields.some((f) => v[f] !== null && v[f] !== undefined);
const val = (v: Values, f: string) => v[f] ?? null;

export function validateCareLeavers(eps: Map<string, TClaEpisode[]>, withEpisodes: boolean, ctx: ValidationContext): void {
  const oc3 = ctx.tables903.OC3;
  if (oc3 === undefined) return;
  const oc3ByChild = rowsByChild(oc3);
  for (const r of oc3) {
    const { v, dob, yearStart, yearEnd, p } = rowView(r, ctx);
    const touch = val(v, "IN_TOUCH");
    const activ = val(v, "ACTIV");
    const accom = val(v, "ACCOM");
    const some = touch !== null || activ !== null || accom !== null;
    if (touch === null || !IN_TOUCH.has(touch)) p("IN_TOUCH", "131", `IN_TOUCH ${show(touch)} is not a valid code (YES, NO, DIED, REFU, NREQ, RHOM)`);
    if (activ === null || !ACTIV.has(activ)) p("ACTIV", "132", `ACTIV ${show(activ)} is not a valid activity code`);
    if (accom === null || !ACCOM.has(accom)) p("ACCOM", "133", `ACCOM ${show(accom)} is not a valid accommodation code`);
    if (some && (touch === null || activ === null || accom === null)) p(touch === null ? "IN_TOUCH" : activ === null ? "ACTIV" : "ACCOM", "153", "IN_TOUCH, ACTIV and ACCOM must all be given or all left blank");
    if ((touch === "DIED" || touch === "RHOM") && (activ !== "0" || accom !== "0")) p(activ !== "0" ? "ACTIV" : "ACCOM", "344", `IN_TOUCH is ${touch} (died, or returned home for 6 months or more): ACTIV and ACCOM must be 0`);
    if (touch === "YES" && (activ === "0" || accom === "0")) p(activ === "0" ? "ACTIV" : "ACCOM", "345", "IN_TOUCH is YES but ACTIV or ACCOM is 0: give the young person's activity and accommodation");
    if (dob !== null) {
      if (accom === "T" && addYears(dob, 18) > yearStart) p("ACCOM", "347", `ACCOM is T (Foyer) but the young person was under 18 at the start of the year (DOB ${dob})`);
      if (addYears(dob, 17) > yearEnd && some) p("DOB", "391", `care leaver information is given but the young person was not yet 17 at ${yearEnd} (DOB ${dob})`);
    }
    const birth = ctx.has903Header ? ctx.birthDates.get(r.child ?? "") : undefined;
    if ((accom === "Z1" || accom === "Z2") && birth) {
      const dob17 = addYears(birth, 17);
      if (dob17 >= yearStart && dob17 <= yearEnd) p("ACCOM", "3001", `ACCOM is ${accom} (with former foster carers) but the young person turned 17 this year (${dob17}): that is not a care leaver's accommodation yet`);
    }
    if (!withEpisodes) continue;
    const list = eps.get(r.child ?? "") ?? [];
    if (list.some((e) => e.reasonEnded === "E2")) p("IN_TOUCH", "1000", "the young person died while looked after (an episode ended with REC E2): there is no care leaver information to return");
    if (!some) continue;
    if (dob !== null) checkAgeWithEpisodes(list, dob, yearEnd, p);
    const last = lastEpisode(list);
    if (last?.reasonEnded === "E3") p("IN_TOUCH", "1011", "the last episode ended with care transferred to another local authority (REC E3): leave the care leaver information blank");
  }
  if (withEpisodes && ctx.tables903.UASC !== undefined) checkUasc(oc3ByChild, eps, ctx);
  if (ctx.tables903.OC2 !== undefined) checkOc2(oc3ByChild, ctx);
  if (ctx.tables903.AD1 !== undefined) checkAd1(oc3ByChild, eps, withEpisodes, ctx);
  if (withEpisodes && ctx.has903Header) checkMother(oc3ByChild, eps, ctx);
}

/** The episode with the latest DECOM (the first of equals, as the DfE validators pick it). */
function lastEpisode(list: readonly TClaEpisode[]): TClaEpisode | undefined {
  let last: TClaEpisode | undefined;
  for (const e of list) if (last === undefined || e.start > last.start) last = e;
  return last;
}

/** 1007 and 1016: a 17- or 18-year-old still looked after on, or leaving care after, the last birthday. */
function checkAgeWithEpisodes(list: readonly TClaEpisode[], dob: string, yearEnd: string, p: (field: string, rule: string, message: string) => void): void {
  if (!(addYears(dob, 17) <= yearEnd && addYears(dob, 19) > yearEnd)) return;
  const years = Number(yearEnd.slice(0, 4)) - Number(dob.slice(0, 4));
  const bday = addYears(dob, years) > yearEnd ? addYears(dob, years - 1) : addYears(dob, years);
  if (list.some((e) => e.start <= bday && e.end !== null && e.end > bday)) {
    p("IN_TOUCH", "1007", `the young person was still looked after on the birthday on ${bday}: care leaver information is not required`);
  }
  const age = addYears(dob, 18) <= yearEnd ? 18 : 17;
  const birthday = addYears(dob, age);
  if (list.some((e) => e.end !== null && e.end >= birthday)) {
    p("IN_TOUCH", "1016", `the young person ceased to be looked after on or after the ${age}th birthday (${birthday}): care leaver information is not required`);
  }
}

/** 1014: a UASC child with episodes, none of them this year, who has care leaver information. */
function checkUasc(oc3: Map<string, Ssda903TableRow[]>, eps: Map<string, TClaEpisode[]>, ctx: ValidationContext): void {
  for (const u of ctx.tables903.UASC ?? []) {
    const list = eps.get(u.child ?? "");
    if (list === undefined) continue;
    const yearEnd = ctx.yearEndOf(u.file);
    const yearStart = yearStartOf(yearEnd);
    if (list.some((e) => e.start <= yearEnd && (e.end === null || e.end >= yearStart))) continue;
    const rows = (oc3.get(u.child!) ?? []).filter((r) => anyGiven(r.values, OC3_ITEMS));
    if (rows.length === 0) continue;
    ctx.problem(u.file, u.row, "DUC", "1014", "error", "UASC information is given for a care leaver (no episode this year, with OC3 information): it is not required");
    for (const r of rows) ctx.problem(r.file, r.row, "IN_TOUCH", "1014", "error", "care leaver information is given for a UASC child with no episode this year: UASC information is not required for care leavers");
  }
}

/** 215: care leaver information and OC2 items for the same child. */
function checkOc2(oc3: Map<string, Ssda903TableRow[]>, ctx: ValidationContext): void {
  const flagged = new Set<Ssda903TableRow>();
  for (const o2 of ctx.tables903.OC2 ?? []) {
    if (!anyGiven(o2.values, OC2_ITEMS)) continue;
    const rows = (oc3.get(o2.child ?? "") ?? []).filter((r) => anyGiven(r.values, OC3_ITEMS));
    if (rows.length === 0) continue;
    ctx.problem(o2.file, o2.row, "CONVICTED", "215", "error", "OC2 items are given for a young person who also has care leaver information (OC3)");
    for (const r of rows) {
      if (flagged.has(r)) continue;
      flagged.add(r);
      ctx.problem(r.file, r.row, "IN_TOUCH", "215", "error", "care leaver information is given for a child who also has OC2 items (looked after for 12 months)");
    }
  }
}

/** 134: adoption information and care leaver information for the same child; 187: either for a child looked after for 12 months. */
function checkAd1(oc3: Map<string, Ssda903TableRow[]>, eps: Map<string, TClaEpisode[]>, withEpisodes: boolean, ctx: ValidationContext): void {
  const cla = (child: string | null, file: string) => {
    const yearEnd = ctx.yearEndOf(file);
    return withEpisodes && continuouslyLookedAfter(eps.get(child ?? ""), yearStartOf(yearEnd), yearEnd);
  };
  for (const a of ctx.tables903.AD1 ?? []) {
    if (!anyGiven(a.values, AD1_ITEMS)) continue;
    if ((oc3.get(a.child ?? "") ?? []).some((r) => anyGiven(r.values, OC3_ITEMS))) {
      ctx.problem(a.file, a.row, "DATE_INT", "134", "error", "adoption information (AD1) is given for a young person who also has care leaver information (OC3)");
    }
    if (cla(a.child, a.file)) ctx.problem(a.file, a.row, "DATE_INT", "187", "error", "adoption information (AD1) is given for a child looked after continuously for the 12 months to 31 March (an OC2 child)");
  }
  for (const rows of oc3.values()) {
    for (const r of rows) {
      if (anyGiven(r.values, OC3_ITEMS) && cla(r.child, r.file)) ctx.problem(r.file, r.row, "IN_TOUCH", "187", "error", "care leaver information is given for a child looked after continuously for the 12 months to 31 March (an OC2 child)");
    }
  }
}

/** 165 (MOTHER with the episodes and OC3) and 628 (MOTHER for a care leaver with no episodes). */
function checkMother(oc3: Map<string, Ssda903TableRow[]>, eps: Map<string, TClaEpisode[]>, ctx: ValidationContext): void {
  for (const { file, row, child, sexText, mother } of ctx.headerRows) {
    const rows = oc3.get(child.childId) ?? [];
    const leaverRows = rows.filter((r) => anyGiven(r.values, OC3_ITEMS));
    if (!ctx.episodeChildren.has(child.childId)) {
      if (mother !== null && leaverRows.length > 0) ctx.problem(file, row, "MOTHER", "628", "error", "MOTHER is given for a care leaver who was not looked after this year: leave it blank");
      continue;
    }
    const yearEnd = ctx.yearEndOf(file);
    const yearStart = yearStartOf(yearEnd);
    const care = (eps.get(child.childId) ?? []).filter((e) => e.legalStatus !== "V3" && e.legalStatus !== "V4");
    if (care.length === 0) continue;
    const inYear = care.some((e) => (e.end ?? yearEnd) >= yearStart && e.start <= yearEnd);
    // The validators read SEX as the pre-2024/25 codes 1 (male) and 2 (female).
    const base = (mother !== null && mother !== "0" && mother !== "1") || (mother !== null && sexText === "1") || (mother === null && sexText === "2" && inYear);
    const leaverCase = mother !== null && sexText === "2" && !inYear && leaverRows.length > 0;
    if (!base && !leaverCase) continue;
    ctx.problem(file, row, "MOTHER", "165", "error", `MOTHER ${show(mother)} does not fit: it is 0 or 1, given for girls looked after this year and not for boys or for care leavers not looked after this year`);
    for (const r of base ? rows : leaverRows) ctx.problem(r.file, r.row, "IN_TOUCH", "165", "error", "the young person's MOTHER entry in the Header does not fit (see the Header row)");
  }
}
