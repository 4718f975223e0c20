/**
 * SSDA903 rules on AD1 (the adoption of a child who left care by adoption):
 * its own codes and dates (112–114, 151, 175–177, 333), the adopters' legal
 * status against their sexes (511, 514, 517–520, 524), and AD1 against the
 * child's episodes (331, 334, 335, 521, 582, 601, 602). Conditions as the DfE
 * 2024/25 rules state them (read in the community validator's rule sources);
 * the messages are Evident's own.
 */
import type { TClaEpisode } from "./model.js";
import { badDate, cell, dateCell, reporter, rowsByChild } from "./table-rows.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { show, type ValidationContext, yearStartOf } from "./validate-common.js";

/** The six AD1 items that are all given or all blank (151). */
export const AD1_ITEMS = ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"] as const;

const CODES: [rule: string, column: string, valid: ReadonlySet<string>, what: string][] = [
  ["114", "FOSTER_CARE", new Set(["0", "1"]), "adopted by the former foster carer(s): 0 or 1"],
  ["175", "NB_ADOPTR", new Set(["1", "2"]), "number of adopters: 1 or 2"],
  ["176", "SEX_ADOPTR", new Set(["M1", "F1", "MM", "FF", "MF"]), "sex of the adopter(s): M1, F1, MM, FF or MF"],
  ["177", "LS_ADOPTR", new Set(["L0", "L11", "L12", "L2", "L3", "L4"]), "legal status of the adopter(s): L0, L11, L12, L2, L3 or L4"],
];

/** LS_ADOPTR and the SEX_ADOPTR codes it allows. */
const SEXES_FOR_STATUS: [rule: string, status: string, sexes: readonly string[], meaning: string][] = [
  ["514", "L0", ["M1", "F1"], "a single adopter"],
  ["517", "L3", ["MF"], "an unmarried couple of different sexes"],
  ["518", "L4", ["MM", "FF"], "an unmarried couple of the same sex"],
  ["519", "L2", ["MM", "FF", "MF"], "a couple in a civil partnership"],
  ["520", "L11", ["MF"], "a married couple of different sexes"],
  ["524", "L12", ["MM", "FF"], "a married couple of the same sex"],
];

const ADOPTION_PLACEMENTS = new Set(["A3", "A4", "A5", "A6"]);
/** Placed for adoption (PLACE A3–A6). */
export const placedForAdoption = (e: TClaEpisode) => e.placement !== null && ADOPTION_PLACEMENTS.has(e.placement);
/** Ceased to be looked after by adoption (REC E11 or E12). */
export const adopted = (e: TClaEpisode) => e.reasonEnded === "E11" || e.reasonEnded === "E12";
/** 335: placements with the former foster carer (A2, A3, A5) and with other adopters (A1, A4, A6). */
const WITH_FOSTER_CARER = new Set(["A2", "A3", "A5"]);
const WITH_OTHERS = new Set(["A1", "A4", "A6"]);

export function validateAd1(rows: readonly Ssda903TableRow[], episodesByChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const report = reporter(ctx);
  for (const r of rows) {
    const p = (field: string, rule: string, message: string) => report.row(r, field, rule, message);
    if (badDate(r, "DATE_INT")) p("DATE_INT", "112", `DATE_INT ${show(cell(r, "DATE_INT"))} (date of the decision that the child should be placed for adoption) is not a real date`);
    if (badDate(r, "DATE_MATCH")) p("DATE_MATCH", "113", `DATE_MATCH ${show(cell(r, "DATE_MATCH"))} (date the child was matched with the adopters) is not a real date`);
    for (const [rule, column, valid, what] of CODES) {
      const v = cell(r, column);
      if (v !== null && !valid.has(v)) p(column, rule, `${column} ${show(v)} is not a valid code (${what})`);
    }
    const given = AD1_ITEMS.filter((c) => cell(r, c) !== null);
    if (given.length > 0 && given.length < AD1_ITEMS.length) {
      const blank = AD1_ITEMS.filter((c) => cell(r, c) === null);
      p(blank[0]!, "151", `the adoption items must all be given or all be blank: ${blank.join(", ")} ${blank.length === 1 ? "is" : "are"} blank`);
    }
    const match = dateCell(r, "DATE_MATCH");
    const decided = dateCell(r, "DATE_INT");
    if (match !== undefined && decided === undefined) p("DATE_INT", "333", "DATE_MATCH is given, so DATE_INT (the decision that the child should be placed for adoption) must be given as a date");
    else if (match !== undefined && decided !== undefined && decided > match) p("DATE_INT", "333", `DATE_INT ${decided} is after DATE_MATCH ${match}: the decision to place for adoption comes on or before the match`);
    const number = cell(r, "NB_ADOPTR");
    const sexes = cell(r, "SEX_ADOPTR");
    const status = cell(r, "LS_ADOPTR");
    if (number === "2" && (sexes === "M1" || sexes === "F1")) p("SEX_ADOPTR", "511", `NB_ADOPTR is 2 (a couple) but SEX_ADOPTR is ${sexes} (one adopter): give MM, FF or MF`);
    for (const [rule, code, allowed, meaning] of SEXES_FOR_STATUS) {
      if (status === code && (sexes === null || !allowed.includes(sexes))) {
        p("SEX_ADOPTR", rule, `LS_ADOPTR ${code} (${meaning}) needs SEX_ADOPTR ${allowed.join(" or ")}, not ${show(sexes)}`);
      }
    }
    if (r.child !== null) validateWithEpisodes(r, episodesByChild.get(r.child) ?? [], p);
  }
  validateAdoptedThisYear(rows, episodesByChild, ctx);
}

type Report = (field: string, rule: string, message: string) => void;

/** 331, 334, 335, 521, 582: one AD1 row against the child's episodes (sorted by DECOM). */
function validateWithEpisodes(r: Ssda903TableRow, eps: readonly TClaEpisode[], p: Report): void {
  const match = dateCell(r, "DATE_MATCH");
  const decided = dateCell(r, "DATE_INT");
  const foster = cell(r, "FOSTER_CARE");
  if (match !== undefined) {
    const placedBefore = eps.find((e) => adopted(e) && match > e.start);
    if (placedBefore) p("DATE_MATCH", "331", `DATE_MATCH ${match} is after the start (${placedBefore.start}) of the episode that ended in adoption: the child is matched on or before the placement`);
    const sameDay = eps.find((e) => adopted(e) && e.end === match);
    if (sameDay) p("DATE_MATCH", "582", `DATE_MATCH ${match} is the day the child was adopted (DEC with REC ${sameDay.reasonEnded}): the match normally comes before the adoption`);
  }
  if (decided !== undefined) {
    const lastStart = eps.findLast((e) => e.reasonNewEpisode === "S");
    if (lastStart && decided < lastStart.start) p("DATE_INT", "334", `DATE_INT ${decided} is before the start of the latest period of care (${lastStart.start})`);
    const placement = eps.find((e) => placedForAdoption(e) && decided > e.start);
    if (placement) p("DATE_INT", "521", `DATE_INT ${decided} is after the child was placed for adoption (PLACE ${placement.placement} from ${placement.start})`);
  }
  if (foster === "0" || foster === "1") {
    const others = foster === "0" ? WITH_FOSTER_CARER : WITH_OTHERS;
    const clash = eps.find((e) => (e.reasonEnded === "E1" || adopted(e)) && e.placement !== null && others.has(e.placement));
    if (clash) {
      const said = foster === "0" ? "0 (not adopted by the former foster carer)" : "1 (adopted by the former foster carer)";
      p("FOSTER_CARE", "335", `FOSTER_CARE is ${said} but the child left care by adoption from placement ${clash.placement}`);
    }
  }
}

/** 601, 602: AD1 and the episodes ending in adoption (REC E11 or E12) during the collection year. */
function validateAdoptedThisYear(rows: readonly Ssda903TableRow[], episodesByChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const report = reporter(ctx);
  for (const [child, childRows] of rowsByChild(rows)) {
    const adoption = (episodesByChild.get(child) ?? []).find((e) => {
      const yearEnd = ctx.yearEndOf(e.source.file);
      return adopted(e) && e.end !== null && e.end >= yearStartOf(yearEnd) && e.end <= yearEnd;
    });
    for (const r of childRows) {
      const blank = AD1_ITEMS.filter((c) => cell(r, c) === null);
      if (adoption && blank.length > 0) report.row(r, blank[0]!, "601", `the child was adopted this year (DEC ${adoption.end}, REC ${adoption.reasonEnded}) but ${blank.join(", ")} ${blank.length === 1 ? "is" : "are"} blank`);
      if (!adoption && blank.length < AD1_ITEMS.length) report.row(r, "CHILD", "602", "adoption details are given but the child's episodes show no adoption this year (no episode ending with REC E11 or E12 in the year)");
    }
  }
}
