/**
 * SSDA903 rules on OC2 (outcomes of children looked after continuously for
 * 12 months) and OC3 (care leavers): each table's own codes, ages against the
 * collection year, and both compared with the Header, the Episodes, AD1 and
 * UASC. Conditions as the DfE 2024/25 rules state them (read in the community
 * validator's rule sources, v0.1.14); the messages are Evident's own. Dates
 * of birth are the table row's own DOB, as the DfE validators read them (the
 * Header's for 3001). OC3's rules are in ./validate-903-care-leavers.ts.
 */
import type { TClaEpisode, TStatutoryExtract } from "./model.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears, show, type ValidationContext, yearStartOf } from "./validate-common.js";
import { validateCareLeavers } from "./validate-903-care-leavers.js";
import { OC2_ITEMS, type TableRowView, continuouslyLookedAfter, episodesGiven, rowView } from "./validate-903-outcomes-shared.js";

/** The four OC2 items every such child needs (rules 182, 191, 544, 547). */
const CORE_ITEMS = ["IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE"] as const;
const SDQ_REASONS = new Set(["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"]);

const given = (v: TableRowView["v"], fields: readonly string[]) => fields.filter((f) => v[f] !== null && v[f] !== undefined);
const blank = (v: TableRowView["v"], fields: readonly string[]) => fields.filter((f) => v[f] === null || v[f] === undefined);

/** SDQ_SCORE as the DfE validators read it: a whole number from 0 to 40. */
function validScore(s: string): boolean {
  if (!/^\d+(\.0*)?$/.test(s)) return false;
  const n = Number(s);
  return n >= 0 && n <= 40;
}

export function validateOutcomeTables(extract: TStatutoryExtract, episodesByChild: Map<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const oc2 = ctx.tables903.OC2;
  const withEpisodes = episodesGiven(extract);
  if (withEpisodes) validateNoEpisodes(ctx);
  if (oc2 === undefined && ctx.tables903.OC3 === undefined) return;
  const eps = withEpisodes ? episodesByChild : new Map<string, TClaEpisode[]>();
  if (oc2 !== undefined) validateOc2(oc2, eps, withEpisodes, ctx);
  validateCareLeavers(eps, withEpisodes, ctx);
}

function validateOc2(rows: readonly Ssda903TableRow[], eps: Map<string, TClaEpisode[]>, withEpisodes: boolean, ctx: ValidationContext): void {
  for (const r of rows) {
    const { v, dob, yearStart, yearEnd, p } = rowView(r, ctx);
    const score = v.SDQ_SCORE ?? null;
    const reason = v.SDQ_REASON ?? null;
    const bad01 = OC2_ITEMS.filter((f) => v[f] !== null && v[f] !== undefined && v[f] !== "0" && v[f] !== "1");
    const core = blank(v, CORE_ITEMS);
    if (score !== null && !validScore(score)) p("SDQ_SCORE", "180", `SDQ_SCORE ${show(score)} is not a whole number from 0 to 40`);
    if (bad01.length > 0) p(bad01[0]!, "181", `${bad01.map((f) => `${f} ${show(v[f]!)}`).join(", ")}: these items take 0 or 1`);
    if (core.length > 0 && given(v, ["CONVICTED", "HEALTH_CHECK", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"]).length > 0) {
      p(core[0]!, "182", `${core.join(", ")} blank while other OC2 items are given: complete immunisations, teeth check, health assessment and substance misuse, or leave every OC2 item blank`);
    }
    const sm = v.SUBSTANCE_MISUSE ?? null;
    const ir = v.INTERVENTION_RECEIVED ?? null;
    const io = v.INTERVENTION_OFFERED ?? null;
    if (ir === "1" && io !== null) p("INTERVENTION_OFFERED", "158", "INTERVENTION_OFFERED is given but INTERVENTION_RECEIVED is 1: leave it blank when an intervention was received");
    if (sm === "1" && ir === "0" && io === null) p("INTERVENTION_OFFERED", "159", "INTERVENTION_OFFERED is blank but the child has a substance misuse problem and received no intervention: say whether one was offered");
    if (sm === "1" && ir === null) p("INTERVENTION_RECEIVED", "192", "INTERVENTION_RECEIVED is blank but SUBSTANCE_MISUSE is 1: say whether an intervention was received");
    if ((sm === null || sm === "0") && (ir !== null || io !== null)) p(ir !== null ? "INTERVENTION_RECEIVED" : "INTERVENTION_OFFERED", "193", "an intervention for substance misuse is recorded but SUBSTANCE_MISUSE is not 1");
    if (reason !== null && !SDQ_REASONS.has(reason)) p("SDQ_REASON", "196", `SDQ_REASON ${show(reason)} is not a valid code (SDQ1–SDQ5)`);
    if (score !== null && reason !== null) p("SDQ_REASON", "197a", "SDQ_REASON is given although SDQ_SCORE is: give a reason only when there is no score");
    const v544 = v.CONVICTED === "1" ? core : [];
    if (v544.length > 0) p(v544[0]!, "544", `CONVICTED is 1 but ${v544.join(", ")} ${v544.length === 1 ? "is" : "are"} blank`);
    const v547 = v.HEALTH_CHECK === "1" ? core : [];
    if (v547.length > 0) p(v547[0]!, "547", `HEALTH_CHECK is 1 but ${v547.join(", ")} ${v547.length === 1 ? "is" : "are"} blank`);
    if (dob !== null) {
      if (addYears(dob, 4) > yearEnd && (score !== null || reason !== null)) p(score !== null ? "SDQ_SCORE" : "SDQ_REASON", "188", `the child was under 4 at the end of the year (DOB ${dob}) but an SDQ score or reason is given`);
      if (addYears(dob, 17) < yearStart && (score !== null || reason !== null)) p(score !== null ? "SDQ_SCORE" : "SDQ_REASON", "189", `the child was over 17 at the start of the year (DOB ${dob}) but an SDQ score or reason is given`);
      if (addYears(dob, 10) > yearEnd && v.CONVICTED !== null && v.CONVICTED !== undefined) p("CONVICTED", "542", `CONVICTED is given but the child was under 10 at ${yearEnd} (DOB ${dob})`);
    }
    if (!withEpisodes) continue;
    const cla = continuouslyLookedAfter(eps.get(r.child ?? ""), yearStart, yearEnd);
    if (!cla) {
      if (score !== null) p("SDQ_SCORE", "185", "an SDQ score is given but the child was not looked after continuously for the 12 months to 31 March");
      if (reason !== null) p("SDQ_REASON", "198", "a reason for no SDQ score is given but the child was not looked after continuously for the 12 months to 31 March");
      const items = given(v, OC2_ITEMS);
      if (items.length > 0) p(items[0]!, "190", `${items.join(", ")} given but the child was not looked after continuously for the 12 months to 31 March`);
      continue;
    }
    if (core.length > 0) p(core[0]!, "191", `${core.join(", ")} blank but the child was looked after continuously for the 12 months to 31 March`);
    if (dob === null) continue;
    const noSdq = score === null && reason === null;
    if (addYears(dob, 4) <= yearStart && addYears(dob, 16) >= yearEnd && score === null && reason === "SDQ1") {
      p("SDQ_REASON", "157", "SDQ_REASON is SDQ1 (child under 4 or over 17) but the child was 4 or over at the start of the year and 16 or under at its end");
    }
    if (addYears(dob, 4) <= yearStart && addYears(dob, 17) > yearEnd && noSdq) p("SDQ_SCORE", "186", `no SDQ score or reason for a child aged 4 to 16 looked after for 12 months (DOB ${dob})`);
    const turns = (n: number) => addYears(dob, n) >= yearStart && addYears(dob, n) <= yearEnd;
    if ((turns(4) || turns(17)) && noSdq) p("SDQ_REASON", "197B", `the child turned ${turns(4) ? 4 : 17} this year: give an SDQ score or a reason for none`);
    if (yearEnd > addYears(dob, 10) && (v.CONVICTED ?? null) === null) p("CONVICTED", "543", `CONVICTED is blank for a child aged 10 or over at ${yearEnd} looked after for 12 months`);
    if (yearEnd < addYears(dob, 5) && (v.HEALTH_CHECK ?? null) === null) p("HEALTH_CHECK", "545", `HEALTH_CHECK is blank for a child under 5 at ${yearEnd} looked after for 12 months`);
    if (yearEnd >= addYears(dob, 5) && (v.HEALTH_CHECK ?? null) !== null) p("HEALTH_CHECK", "546", `HEALTH_CHECK is given but the child was 5 or over at ${yearEnd}: it is only for children under 5`);
  }
  validateMissingOc2(rows, eps, ctx);
}

/** 191 (second part): a child looked after continuously for 12 months with no OC2 row; reported on the child's first episode. */
function validateMissingOc2(rows: readonly Ssda903TableRow[], eps: Map<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const inOc2 = new Set(rows.map((r) => r.child));
  for (const [child, list] of eps) {
    if (inOc2.has(child)) continue;
    const first = list[0]!;
    const yearEnd = ctx.yearEndOf(first.source.file);
    if (continuouslyLookedAfter(list, yearStartOf(yearEnd), yearEnd)) {
      ctx.problem(first.source.file, first.source.row, "CHILD", "191", "error", "the child was looked after continuously for the 12 months to 31 March but has no OC2 row");
    }
  }
}

/** 1012: rows of the tables for children looked after this year (OC2, AD1, PlacedAdoption, PrevPerm, Reviews, Missing) whose child has no episode. */
function validateNoEpisodes(ctx: ValidationContext): void {
  for (const table of ["PlacedAdoption", "Missing", "Reviews", "AD1", "PrevPerm", "OC2"] as const) {
    for (const r of ctx.tables903[table] ?? []) {
      if (r.child !== null && !ctx.episodeChildren.has(r.child)) {
        ctx.problem(r.file, r.row, "CHILD", "1012", "error", `CHILD ${r.child} has no episodes: a ${table} row is only for a child looked after this year (a care leaver without episodes goes only in OC3)`);
      }
    }
  }
}
