/**
 * The DfE validation rules an importer needs (spec §3), run on the stitched
 * history, and the rebuilding of care periods from 903 episodes. Every rule
 * is listed with its code and meaning in docs/statutory.md.
 */
import { parseIsoDay } from "../dates.js";
import {
  CATEGORY_OF_NEED_CODES,
  CONTINUATION_RNE,
  LEGAL_STATUS_CODES,
  PLACEMENT_CODES_ADDED_2026,
  PLACEMENT_CODES_REMOVED_2026,
  PLACEMENT_CODES_TO_2025,
  PLACE_PROVIDER_CODES,
  REASON_PLACE_CHANGE_CODES,
  REC_CODES,
  RESPITE_LEGAL_STATUS,
  RNE_CODES,
  codeSet,
} from "./codes.js";
import { statutoryKey, type TCarePeriod, type TClaEpisode, type TStatutoryExtract } from "./model.js";
import { validateCin } from "./validate-cin.js";
import { validateHeaderWithEpisodes } from "./validate-903-child.js";
import { validateTables903 } from "./validate-903-tables.js";
import { validateReference903 } from "./validate-903-reference.js";
import { ETHNIC, addYears, show, yearStartOf, type ValidationContext } from "./validate-common.js";

export type { ValidationContext } from "./validate-common.js";

const RNE = codeSet(RNE_CODES);
const CONTINUATION = codeSet(CONTINUATION_RNE);
const LS = codeSet(LEGAL_STATUS_CODES);
const NEED = codeSet(CATEGORY_OF_NEED_CODES);
const REC = codeSet(REC_CODES);
const PLACE_OLD = codeSet(PLACEMENT_CODES_TO_2025);
const PLACE_REMOVED = codeSet(PLACEMENT_CODES_REMOVED_2026);
const PLACE_ADDED = codeSet(PLACEMENT_CODES_ADDED_2026);
const RESPITE = codeSet(RESPITE_LEGAL_STATUS);

export function validateExtract(extract: TStatutoryExtract, ctx: ValidationContext): void {
  validateHeader(ctx);
  const episodesGiven = extract.files.some((f) => f.kind === "ssda903-episodes-csv" || f.kind === "ssda903-xml");
  if (episodesGiven) {
    for (const { file, row, child } of ctx.headerRows) {
      if (!ctx.episodeChildren.has(child.childId)) ctx.problem(file, row, "CHILD", "EPI", "warning", "the child is in the Header but has no episodes (expected only for care leavers returned in OC3)");
    }
  }
  validateEpisodes(extract.claEpisodes, ctx);
  validateHeaderWithEpisodes(extract.claEpisodes, ctx);
  validateTables903(extract, ctx);
  validateReference903(extract, ctx);
  validateCin(extract, ctx);
}

function validateHeader(ctx: ValidationContext): void {
  for (const { file, row, child, sexText, mother, mcDobGiven } of ctx.headerRows) {
    const yearEnd = ctx.yearEndOf(file);
    if (sexText === null || !["1", "2", "M", "F", "U"].includes(sexText)) {
      ctx.problem(file, row, "SEX", "101", "error", `SEX ${sexText === null ? "is missing" : JSON.stringify(sexText) + " is not a valid code"} (M, F or U from 2024/25; 1 or 2 before)`);
    } else if ((sexText === "1" || sexText === "2") && yearEnd >= "2025-03-31") {
      ctx.problem(file, row, "SEX", "101", "warning", `SEX ${sexText} is the old coding; from 2024/25 use M, F or U`);
    } else if ((sexText === "M" || sexText === "F" || sexText === "U") && yearEnd < "2025-03-31") {
      ctx.problem(file, row, "SEX", "101", "warning", `SEX ${sexText} is the 2024/25 coding; before 2024/25 the return uses 1 or 2`);
    }
    if (child.ethnicity === null || !ETHNIC.has(child.ethnicity)) {
      ctx.problem(file, row, "ETHNIC", "103", "error", `ETHNIC ${child.ethnicity === null ? "is missing" : JSON.stringify(child.ethnicity) + " is not a DfE ethnicity code"}`);
    }
    if (child.birthDate !== null && child.birthDate > yearEnd) {
      ctx.problem(file, row, "DOB", "301", "error", `DOB ${child.birthDate} is after the end of the collection year (${yearEnd})`);
    }
    if (child.birthDate !== null && yearStartOf(yearEnd) > addYears(child.birthDate, 25)) {
      ctx.problem(file, row, "DOB", "351", "error", `the child was over 25 at the start of the collection year (DOB ${child.birthDate})`);
    }
    const mcDob = child.motherChildBirthDate;
    if (mcDob !== null && sexText === "M") ctx.problem(file, row, "MC_DOB", "174", "error", "MC_DOB (the date of birth of the mother's child) is given but SEX is M");
    if (mother === "1" && !mcDobGiven) ctx.problem(file, row, "MC_DOB", "611", "error", "MOTHER is 1 but MC_DOB (the date of birth of her child) is blank");
    if ((mother === "0" || mother === null) && sexText === "F" && mcDobGiven) ctx.problem(file, row, "MOTHER", "612", "error", "MC_DOB is given but MOTHER is not 1");
    const upn = child.upn ?? child.upnUnknown;
    if (upn !== null && !/^[A-HJ-NP-RT-Z](?:\d{12}|\d{11}[A-Z])$/.test(upn) && !/^UN[1-5]$/.test(upn)) {
      ctx.problem(file, row, "UPN", "168", "error", `UPN ${show(upn)} is not valid: a letter and 12 characters, or UN1–UN5 when unknown`);
    }
  }
}

function validateEpisodes(episodes: TClaEpisode[], ctx: ValidationContext): void {
  let i = 0;
  while (i < episodes.length) {
    let j = i;
    const childId = episodes[i]!.childId;
    while (j < episodes.length && episodes[j]!.childId === childId) j++;
    validateChildEpisodes(episodes, i, j, ctx);
    i = j;
  }
}

function validateChildEpisodes(eps: TClaEpisode[], from: number, to: number, ctx: ValidationContext): void {
  const childId = eps[from]!.childId;
  const birth = ctx.birthDates.get(childId) ?? null;
  if (ctx.has903Header && !ctx.children903.has(childId)) {
    const s = eps[from]!.source;
    ctx.problem(s.file, s.row, "CHILD", "INT03", "error", `child ${JSON.stringify(childId)} has episodes but is not in the Header`);
  }
  const post = ctx.placementPostcodes;
  const hasPost = ctx.postcodesGiven;
  let adopted: string | null = null;
  for (let k = from; k < to; k++) {
    const e = eps[k]!;
    const { file, row } = e.source;
    const yearEnd = ctx.yearEndOf(file);
    const p = (field: string, rule: string, message: string) => ctx.problem(file, row, field, rule, "error", message);
    const rne = e.reasonNewEpisode;
    const rec = e.reasonEnded;
    if (rne === null || !RNE.has(rne)) p("RNE", "143", `RNE ${show(rne)} is not a valid reason for new episode (S, L, P, T, B, U)`);
    if (e.legalStatus === null || !LS.has(e.legalStatus)) p("LS", "144", `LS ${show(e.legalStatus)} is not a valid legal status`);
    if (e.categoryOfNeed === null || !NEED.has(e.categoryOfNeed)) p("CIN", "145", `CIN ${show(e.categoryOfNeed)} is not a valid category of need (N1–N8)`);
    checkPlacement(e, yearEnd, p);
    if (rec !== null && !REC.has(rec)) p("REC", "149", `REC ${show(rec)} is not a valid reason episode ceased`);
    if ((e.end === null) !== (rec === null) && !ctx.invalidEnd.has(e.key)) {
      p(e.end === null ? "DEC" : "REC", "148", e.end === null ? "REC is given but DEC is blank: give both or neither" : "DEC is given but REC is blank: give both or neither");
    }
    if (e.end !== null && e.end < e.start) p("DEC", "356", `DEC ${e.end} is before DECOM ${e.start}`);
    else if (e.end !== null && e.end === e.start) p("DEC", "355", "the episode lasted less than 24 hours (DEC equals DECOM)");
    if (e.start > yearEnd) p("DECOM", "354", `DECOM ${e.start} is after the end of the collection year (${yearEnd})`);
    if (e.end !== null && e.end > yearEnd) p("DEC", "385", `DEC ${e.end} is after the end of the collection year (${yearEnd})`);
    if (e.placement !== "P1" && ctx.samePostcodes.has(e)) p("PL_POST", "392d", `the home and placement postcodes are the same, which is expected only for placement type P1 (placed with parents), not ${show(e.placement)}`);
    if (e.legalStatus === "E1" && e.start < "2005-12-01") p("LS", "446", "LS E1 (placement order) did not exist before December 2005");
    if (e.reasonPlaceChange !== null && !PLACE_CHANGE.has(e.reasonPlaceChange)) p("REASON_PLACE_CHANGE", "1009", `REASON_PLACE_CHANGE ${show(e.reasonPlaceChange)} is not a valid code`);
    if (e.start < "1991-10-14") p("DECOM", "353", `DECOM ${e.start} is before 14 October 1991, when the Children Act 1989 came into force`);
    checkProvider(e, p);
    if (adopted !== null) p("DECOM", "199", `the child was adopted from care (episode ending ${adopted}) but a later episode starts on ${e.start}`);
    if (adopted === null && (rec === "E11" || rec === "E12")) adopted = e.end ?? e.start;
    checkCombinations(e, yearEnd, hasPost.get(e), p);
    if (birth !== null) checkAges(e, birth, p);
    const next = k + 1 < to ? eps[k + 1]! : null;
    if (rec === "E2" || rec === "E15") {
      if (next !== null) p("REC", "437", `REC ${rec} (${rec === "E2" ? "died" : "care ceased at 18 or over"}) but a later episode starts on ${next.start}`);
    }
    if (e.end !== null && rec !== null) {
      if (rec === "X1" && next === null) p("REC", "388", "REC X1 (a new episode begins) but no later episode follows");
      else if (rec === "X1" && next !== null && next.start !== e.end) p("REC", "388", `REC X1 (a new episode begins) but the next episode starts on ${next.start}, not on DEC ${e.end}`);
      else if (rec !== "X1" && next !== null && next.start === e.end) p("REC", "388", `REC ${rec} ends the period of care but the next episode starts the same day (use X1 for a continuing period)`);
    }
    if (TEMPORARY.has(e.placement ?? "") && (e.reasonPlaceChange !== null || (k > from && eps[k - 1]!.reasonPlaceChange !== null))) {
      p("REASON_PLACE_CHANGE", "226", "a temporary placement (or the episode before it) has REASON_PLACE_CHANGE: it is not recorded for temporary placements");
    }
    if (k > from + 1 && TEMPORARY.has(eps[k - 1]!.placement ?? "") && (rne !== "P" || e.placement !== eps[k - 2]!.placement)) {
      p("PLACE", "383", `after a temporary placement the child must return to the placement before it (${show(eps[k - 2]!.placement)}) with RNE P`);
    }
    if ((e.placement === "A3" || e.placement === "A4") && k > from && !FOSTER_OR_ADOPTION.has(eps[k - 1]!.placement ?? "")) {
      p("PLACE", "336", `placement for adoption (${e.placement}) directly after placement type ${show(eps[k - 1]!.placement)}, not a foster placement`);
    }
    if (rec === "X1" && e.reasonPlaceChange === null && !TEMPORARY.has(e.placement ?? "") && next !== null) {
      const nr = next.reasonNewEpisode;
      if ((nr === "P" || nr === "B" || nr === "T" || nr === "U") && !TEMPORARY.has(next.placement ?? "")) {
        p("REASON_PLACE_CHANGE", "225", `the placement changes at the next episode (RNE ${nr}) but REASON_PLACE_CHANGE is blank`);
      }
    }

    if (k === from) {
      const yearStart = yearStartOf(yearEnd);
      if (rne !== "S" && rne !== null && RNE.has(rne) && e.start >= yearStart) {
        p("RNE", "357", `the child's first episode must have RNE S (started to be looked after), not ${rne}`);
      }
      continue;
    }
    const prev = eps[k - 1]!;
    const ps = prev.source;
    if (prev.end === null) {
      ctx.problem(ps.file, ps.row, "DEC", "142", "error", `an earlier episode (DECOM ${prev.start}) is not ended although a later episode starts on ${e.start}`);
    } else if (e.start < prev.end) {
      p("DECOM", "501", `this episode starts on ${e.start}, before the previous episode ended (${prev.end})`);
    }
    if (prev.reasonEnded === "X1" && prev.end === e.start && e.categoryOfNeed !== prev.categoryOfNeed) {
      p("CIN", "504", `the category of need ${show(e.categoryOfNeed)} differs from ${show(prev.categoryOfNeed)} in the episode before it: it stays as recorded at the start of the period of care`);
    }
    const continuation = rne !== null && CONTINUATION.has(rne);
    if (continuation && prev.end !== e.start) p("DECOM", "433", `RNE ${rne} means a continuing period of care, but the episode does not start on the previous DEC (${prev.end ?? "blank"})`);
    if (rne === "S" && prev.end !== null && e.start <= prev.end) p("RNE", "431", `RNE is S (started to be looked after) but the previous episode ended on ${prev.end}, on or after this DECOM`);
    if (rne !== "S" && prev.reasonEnded !== null && prev.reasonEnded !== "X1" && REC.has(prev.reasonEnded)) {
      p("RNE", "432", `the previous episode ended the period of care (REC ${prev.reasonEnded}), so this episode must have RNE S, not ${show(rne)}`);
    }
    if (rne === "L" || rne === "P" || rne === "T" || rne === "B" || rne === "U") {
      const sameLs = e.legalStatus === prev.legalStatus;
      const samePlace = e.placement === prev.placement && e.urn === prev.urn && e.placeProvider === prev.placeProvider && (post.get(e) ?? null) === (post.get(prev) ?? null);
      if (rne === "L" && (sameLs || !samePlace)) p("RNE", "434", `RNE L means only the legal status changed, but ${sameLs ? "LS is the same as in the previous episode" : "the placement (PLACE, PL_POST, URN or PLACE_PROVIDER) changed too"}`);
      if ((rne === "P" || rne === "T") && (!sameLs || samePlace)) p("RNE", "435", `RNE ${rne} means only the placement changed, but ${!sameLs ? "LS changed too" : "PLACE, PL_POST, URN and PLACE_PROVIDER are all as in the previous episode"}`);
      if ((rne === "B" || rne === "U") && (sameLs || samePlace)) p("RNE", "436", `RNE ${rne} means both the placement and the legal status changed, but ${sameLs ? "LS is the same as in the previous episode" : "the placement is the same"}`);
    }
  }
  checkShortOrders(eps, from, to, ctx, "L1", 3, "361", "police protection (LS L1) lasted more than 72 hours");
  checkShortOrders(eps, from, to, ctx, "L2", 21, "362", "an emergency protection order (LS L2) lasted more than 21 days");
  checkShortOrders(eps, from, to, ctx, "L3", 7, "363", "a child assessment order (LS L3) lasted more than 7 days");
  checkShortOrders(eps, from, to, ctx, "J2", 21, "364", "detention under PACE (LS J2) lasted more than 21 days");
  checkRespite(eps, from, to, ctx);
}

/** Placement types with no placement provider (temporary placements and Z1). */
const TEMPORARY = codeSet(["T0", "T1", "T2", "T3", "T4"]);
const PLACE_CHANGE = codeSet(REASON_PLACE_CHANGE_CODES);
const NO_PROVIDER = codeSet(["T0", "T1", "T2", "T3", "T4", "Z1"]);
const PROVIDER = codeSet(PLACE_PROVIDER_CODES);
/** PLACE_PROVIDER codes and the placement types they cannot go with (rules 527–531). */
const PROVIDER_PLACE_CLASH: Record<string, { rule: string; places: ReadonlySet<string> }> = {
  PR1: { rule: "527", places: codeSet(["P1", "R2", "R5"]) },
  PR2: { rule: "528", places: codeSet(["P1", "R2", "R5"]) },
  PR3: { rule: "529", places: codeSet(["A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6"]) },
  PR4: { rule: "530", places: codeSet(["P1"]) },
  PR5: { rule: "531", places: codeSet(["P1"]) },
};

function checkProvider(e: TClaEpisode, p: (field: string, rule: string, message: string) => void): void {
  const provider = e.placeProvider;
  if (provider === null && !NO_PROVIDER.has(e.placement ?? "")) p("PLACE_PROVIDER", "526", `PLACE_PROVIDER is blank: it is needed for placement type ${show(e.placement)} (only temporary placements and Z1 have none)`);
  if (provider === null) return;
  const place = e.placement ?? "";
  if (!PROVIDER.has(provider) || NO_PROVIDER.has(place)) {
    p("PLACE_PROVIDER", "178", PROVIDER.has(provider) ? `PLACE_PROVIDER must be blank for placement type ${place}` : `PLACE_PROVIDER ${show(provider)} is not a valid code (PR0–PR5)`);
  }
  if (TEMPORARY.has(place)) p("PLACE_PROVIDER", "213", `a temporary placement (${place}) has no placement provider: leave PLACE_PROVIDER blank`);
  if (provider === "PR0" && place !== "P1") p("PLACE_PROVIDER", "550", `PLACE_PROVIDER PR0 (placed with parents) goes only with placement type P1, not ${show(e.placement)}`);
  const clash = PROVIDER_PLACE_CLASH[provider];
  if (clash !== undefined && clash.places.has(place)) p("PLACE_PROVIDER", clash.rule, `PLACE_PROVIDER ${provider} cannot go with placement type ${place}`);
}

const FOSTER_OR_ADOPTION = codeSet(["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"]);
const NO_URN = codeSet(["P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"]);
const FOSTER = codeSet(["U1", "U2", "U3", "U4", "U5", "U6"]);

/** Rules on the combination of codes within one episode. */
function checkCombinations(e: TClaEpisode, yearEnd: string, postcodes: boolean | undefined, p: (field: string, rule: string, message: string) => void): void {
  const { legalStatus: ls, placement: place, reasonNewEpisode: rne, reasonEnded: rec } = e;
  const respite = ls === "V3" || ls === "V4";
  if (respite && (e.urn !== null || postcodes === true)) p(e.urn !== null ? "URN" : "PL_POST", "214", `placement location (PL_POST, URN) is not recorded for short breaks (LS ${ls})`);
  if (respite && (postcodes !== undefined)) p("HOME_POST", "398", `postcodes are not recorded for short breaks (LS ${ls})`);
  if ((place === "A3" || place === "A5") && e.start >= "2015-04-01" && rne !== "S" && rne !== "T" && rne !== "U") p("RNE", "217", `placement for adoption with current foster carers (${place}) must start with RNE S, T or U, not ${show(rne)}`);
  if (place !== null && NO_URN.has(place) && e.urn !== null && e.urn !== "XXXXXXX") p("URN", "222", `an Ofsted URN is not recorded for placement type ${place}`);
  if (ls === "V3" && parseIsoDay(e.end ?? yearEnd)! - parseIsoDay(e.start)! > 17) p("DEC", "365", "a single short break (LS V3) lasted more than 17 days");
  if (ls === "V3" && rne !== "S") p("RNE", "366", "a short break (LS V3) cannot include a change of placement: each break is a new episode with RNE S");
  if (place === "P1" && ls === "V2") p("LS", "378", "a child placed with parents (P1) cannot be looked after under a single period of section 20 accommodation (V2)");
  if (place !== null && TEMPORARY.has(place) && rne !== "P" && rne !== "B") p("RNE", "380", `a period of care cannot start with a temporary placement (${place}): RNE must be P or B`);
  if (place !== null && TEMPORARY.has(place) && rec !== null && rec !== "X1") p("REC", "381", `a period of care cannot end with a temporary placement (${place})`);
  if (respite && place !== null && TEMPORARY.has(place)) p("PLACE", "382", `a child on a short break (LS ${ls}) cannot be in a temporary placement (${place})`);
  if (respite && (place === "U1" || place === "U4")) p("PLACE", "384", `a child on a short break (LS ${ls}) cannot be in a long-term foster placement (${place})`);
  if ((rec === "E11" || rec === "E12") && !(place === "A3" || place === "A4" || place === "A5" || place === "A6")) p("REC", "390", `REC ${rec} (adopted) but the episode's placement (${show(place)}) is not a placement for adoption`);
  if ((place === "A5" || place === "A6") && ls !== "E1") p("LS", "408", `placement for adoption with a placement order (${place}) needs LS E1`);
  if ((rec === "E45" || rec === "E46") && !FOSTER.has(place ?? "")) p("REC", "516", `REC ${rec} (special guardianship to former foster carers) but the placement (${show(place)}) is not a foster placement`);
}

/** The days of an episode that fall within its collection year (open = to the year end). */
function daysInYear(e: TClaEpisode, yearEnd: string): number {
  const yearStart = yearStartOf(yearEnd);
  const start = parseIsoDay(e.start < yearStart ? yearStart : e.start)!;
  const end = parseIsoDay(e.end === null || e.end > yearEnd ? yearEnd : e.end)!;
  return end > start ? end - start : 0;
}

/**
 * Rules over all of a child's episodes: 367 more than 75 days of short breaks
 * (LS V3) within the collection year (the episodes counting days are flagged);
 * 426 V3 and V4 for the same child; 377 more than two temporary placements for
 * the foster carers' holiday (T3).
 */
function checkRespite(eps: TClaEpisode[], from: number, to: number, ctx: ValidationContext): void {
  let v3 = 0;
  let v4 = 0;
  let t3 = 0;
  let days = 0;
  for (let k = from; k < to; k++) {
    const e = eps[k]!;
    if (e.legalStatus === "V4") v4++;
    if (e.placement === "T3") t3++;
    if (e.legalStatus !== "V3") continue;
    v3++;
    days += daysInYear(e, ctx.yearEndOf(e.source.file));
  }
  if (v3 + v4 + t3 === 0) return;
  for (let k = from; k < to; k++) {
    const e = eps[k]!;
    const p = (field: string, rule: string, message: string) => ctx.problem(e.source.file, e.source.row, field, rule, "error", message);
    if (e.legalStatus === "V3" && days > 75 && daysInYear(e, ctx.yearEndOf(e.source.file)) > 0) p("LS", "367", `${days} days of short breaks (LS V3) in the collection year; at most 75 are allowed`);
    if ((e.legalStatus === "V3" && v4 > 0) || (e.legalStatus === "V4" && v3 > 0)) p("LS", "426", "short breaks are recorded under both V3 and V4 for this child");
    if (e.placement === "T3" && t3 > 2) p("PLACE", "377", `${t3} temporary placements for the foster carers' holiday (T3); at most two are allowed in a year`);
  }
}

/** Placement types with a minimum age at DECOM (checked on ended episodes, as the DfE validator does). */
const MINIMUM_AGE: Record<string, { rule: string; years: number }> = {
  K3: { rule: "371", years: 16 },
  R5: { rule: "372", years: 10 },
  S1: { rule: "373", years: 4 },
  P3: { rule: "374", years: 14 },
};
/** Temporary placements with a maximum length (checked on ended episodes of children with a DOB, as the DfE validator does). */
const MAXIMUM_DAYS: Record<string, { rule: string; days: number; what: string }> = {
  T1: { rule: "375", days: 42, what: "temporary placement in hospital" },
  T3: { rule: "376", days: 21, what: "temporary placement for the foster carers' holiday" },
  T4: { rule: "379", days: 7, what: "temporary placement for another reason" },
};

/** Rules on the child's age at the start or end of an episode (DOB from the Header). */
function checkAges(e: TClaEpisode, birth: string, p: (field: string, rule: string, message: string) => void): void {
  if (e.start < birth) p("DECOM", "302", `DECOM ${e.start} is before the child's DOB`);
  if (e.reasonNewEpisode === "S" && e.start >= addYears(birth, 18)) p("DECOM", "352", "the child started to be looked after (RNE S) aged 18 or over");
  const minimumAge = e.end === null ? undefined : MINIMUM_AGE[e.placement ?? ""];
  if (minimumAge !== undefined && e.start < addYears(birth, minimumAge.years)) p("PLACE", minimumAge.rule, `placement type ${e.placement} is for children aged ${minimumAge.years} or over`);
  const maximumDays = e.end === null ? undefined : MAXIMUM_DAYS[e.placement ?? ""];
  if (maximumDays !== undefined) {
    const days = parseIsoDay(e.end!)! - parseIsoDay(e.start)!;
    if (days > maximumDays.days) p("DEC", maximumDays.rule, `a ${maximumDays.what} (placement type ${e.placement}) lasted ${days} days; at most ${maximumDays.days} are allowed`);
  }
  const ls = e.legalStatus;
  if ((ls === "J1" || ls === "J2" || ls === "J3") && e.start <= addYears(birth, 10)) p("LS", "358", `legal status ${ls} is for children aged 10 or over, but the child was under 10 (or just 10) at DECOM`);
  const rec = e.reasonEnded;
  const end = e.end;
  // 389 as the DfE validator applies it: E7 with no DEC is flagged too.
  if (rec === "E7" && end === null) p("REC", "389", "REC E7 (transferred to adult social care) but DEC is blank, so the child's age at DEC cannot be shown to be 16 or over");
  if (end === null || rec === null) return;
  if ((rec === "E11" || rec === "E12") && end >= addYears(birth, 18)) p("REC", "386", `REC ${rec} (adopted) but the child was 18 or over at DEC`);
  if ((rec === "E5" || rec === "E6") && end < addYears(birth, 14)) p("REC", "387", `REC ${rec} (moved to independent living) but the child was under 14 at DEC`);
  if (rec === "E7" && end < addYears(birth, 16)) p("REC", "389", "REC E7 (transferred to adult social care) but the child was under 16 at DEC");
  if ((rec === "E45" || rec === "E46" || rec === "E47" || rec === "E48") && end > addYears(birth, 18)) p("REC", "407", `REC ${rec} (special guardianship order) but the child was over 18 at DEC`);
  if (rec === "E17" && end < addYears(birth, 18)) p("REC", "460", "REC E17 (stayed with carers at 18 or over) but the child was under 18 at DEC");
}

/**
 * 361 / 362: a run of consecutive episodes under one short order (each starting
 * on the previous DEC) lasting longer than the law allows; an open episode
 * counts to the end of the collection year.
 */
function checkShortOrders(eps: TClaEpisode[], from: number, to: number, ctx: ValidationContext, ls: string, maxDays: number, rule: string, message: string): void {
  let k = from;
  while (k < to) {
    if (eps[k]!.legalStatus !== ls) {
      k++;
      continue;
    }
    let m = k;
    while (m + 1 < to && eps[m + 1]!.legalStatus === ls && eps[m]!.end !== null && eps[m]!.end === eps[m + 1]!.start) m++;
    const first = parseIsoDay(eps[k]!.start);
    const lastEp = eps[m]!;
    const last = parseIsoDay(lastEp.end ?? ctx.yearEndOf(lastEp.source.file));
    if (first !== undefined && last !== undefined && last - first > maxDays) {
      for (let i = k; i <= m; i++) ctx.problem(eps[i]!.source.file, eps[i]!.source.row, "LS", rule, "error", `${message} (${last - first} days from ${eps[k]!.start})`);
    }
    k = m + 1;
  }
}


function checkPlacement(e: TClaEpisode, yearEnd: string, p: (field: string, rule: string, message: string) => void): void {
  const place = e.placement;
  if (place === null) return p("PLACE", "146", "PLACE is missing");
  const from2026 = yearEnd >= "2026-03-31";
  if (from2026 && PLACE_REMOVED.has(place)) return p("PLACE", "146", `PLACE ${place} is no longer valid from 2025/26`);
  if (!from2026 && PLACE_ADDED.has(place)) return p("PLACE", "146", `PLACE ${place} is only valid from 2025/26`);
  if (!PLACE_OLD.has(place) && !PLACE_ADDED.has(place)) p("PLACE", "146", `PLACE ${show(place)} is not a valid placement type`);
}


/**
 * Rebuilds periods of care: a period starts with an episode (normally RNE S)
 * and continues while an episode ends with REC X1 and the next starts on that
 * DEC with a continuation RNE; it ends at the first REC other than X1. Short
 * breaks (LS V3/V4) are left out: they are not continuous care. Input sorted by
 * child then DECOM.
 */
export function buildCarePeriods(episodes: TClaEpisode[]): TCarePeriod[] {
  const periods: TCarePeriod[] = [];
  let current: TCarePeriod | undefined;
  let last: TClaEpisode | undefined;
  for (const e of episodes) {
    if (e.legalStatus !== null && RESPITE.has(e.legalStatus)) continue;
    const continues =
      current !== undefined &&
      last !== undefined &&
      last.childId === e.childId &&
      last.end !== null &&
      last.reasonEnded === "X1" &&
      e.start === last.end &&
      e.reasonNewEpisode !== "S";
    if (continues) {
      current!.end = e.end;
      current!.reasonEnded = e.reasonEnded;
      current!.episodeKeys.push(e.key);
    } else {
      // Overlapping or unended episodes (reported by 142/501) must not produce overlapping periods.
      if (current !== undefined && last !== undefined && last.childId === e.childId && (current.end === null || current.end > e.start)) {
        current.end = e.start;
      }
      current = { key: statutoryKey.carePeriod(e.childId, e.start), childId: e.childId, start: e.start, end: e.end, reasonEnded: e.reasonEnded, episodeKeys: [e.key] };
      periods.push(current);
    }
    last = e;
  }
  return periods;
}
