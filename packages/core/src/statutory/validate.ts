/**
 * The DfE validation rules an importer needs (spec §3), run on the stitched
 * history, and the rebuilding of care periods from 903 episodes. Every rule
 * is listed with its code and meaning in docs/statutory.md.
 */
import { formatIsoDay, parseIsoDay } from "../dates.js";
import {
  ASSESSMENT_FACTOR_CODES,
  CATEGORY_OF_ABUSE_CODES,
  CATEGORY_OF_NEED_CODES,
  CONTINUATION_RNE,
  ETHNICITY_CODES,
  LEGAL_STATUS_CODES,
  PLACEMENT_CODES_ADDED_2026,
  PLACEMENT_CODES_REMOVED_2026,
  PLACEMENT_CODES_TO_2025,
  PRIMARY_NEED_CODES,
  REASON_FOR_CLOSURE_CODES,
  REC_CODES,
  REFERRAL_SOURCE_CODES,
  RESPITE_LEGAL_STATUS,
  RNE_CODES,
  codeSet,
} from "./codes.js";
import { statutoryKey, type TCarePeriod, type TClaEpisode, type TStatutoryChild, type TStatutoryExtract } from "./model.js";

type Severity = "error" | "warning";

export interface ValidationContext {
  problem(file: string, row: number, field: string, rule: string, severity: Severity, message: string): void;
  yearEndOf(file: string): string;
  headerRows: { file: string; row: number; child: TStatutoryChild; sexText: string | null; mother: string | null }[];
  has903Header: boolean;
  children903: Set<string>;
  birthDates: Map<string, string | null>;
  /** Keys of episodes whose DEC was present but not a date (already reported as 147). */
  invalidEnd: Set<string>;
}

const RNE = codeSet(RNE_CODES);
const CONTINUATION = codeSet(CONTINUATION_RNE);
const LS = codeSet(LEGAL_STATUS_CODES);
const NEED = codeSet(CATEGORY_OF_NEED_CODES);
const REC = codeSet(REC_CODES);
const ETHNIC = codeSet(ETHNICITY_CODES);
const PLACE_OLD = codeSet(PLACEMENT_CODES_TO_2025);
const PLACE_REMOVED = codeSet(PLACEMENT_CODES_REMOVED_2026);
const PLACE_ADDED = codeSet(PLACEMENT_CODES_ADDED_2026);
const REF_SOURCE = codeSet(REFERRAL_SOURCE_CODES);
const NEED_CIN = codeSet(PRIMARY_NEED_CODES);
const CLOSURE = codeSet(REASON_FOR_CLOSURE_CODES);
const ABUSE = codeSet(CATEGORY_OF_ABUSE_CODES);
const FACTORS = codeSet(ASSESSMENT_FACTOR_CODES);
const RESPITE = codeSet(RESPITE_LEGAL_STATUS);

/** The first day of the collection year ending on `yearEnd` (31 March → 1 April of the year before). */
export function yearStartOf(yearEnd: string): string {
  let start = yearStarts.get(yearEnd);
  if (start === undefined) yearStarts.set(yearEnd, (start = computeYearStart(yearEnd)));
  return start;
}
const yearStarts = new Map<string, string>();

function computeYearStart(yearEnd: string): string {
  const y = String(Number(yearEnd.slice(0, 4)) - 1).padStart(4, "0");
  const md = yearEnd.slice(5) === "02-29" ? "02-28" : yearEnd.slice(5);
  const day = parseIsoDay(`${y}-${md}`);
  return day === undefined ? "0000-01-01" : formatIsoDay(day + 1);
}

function eighteenthBirthday(birth: string): string {
  const y = Number(birth.slice(0, 4)) + 18;
  const md = birth.slice(5) === "02-29" ? "03-01" : birth.slice(5);
  return `${y}-${md}`;
}

/** Whether half-open intervals [s1, e1) and [s2, e2) overlap (null end = open). */
function overlaps(s1: string, e1: string | null, s2: string, e2: string | null): boolean {
  return (e2 === null || s1 < e2) && (e1 === null || s2 < e1);
}

function groupBy<T extends { childId: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.childId);
    if (list) list.push(item);
    else map.set(item.childId, [item]);
  }
  return map;
}

export function validateExtract(extract: TStatutoryExtract, ctx: ValidationContext): void {
  validateHeader(ctx);
  validateEpisodes(extract.claEpisodes, ctx);
  validateCin(extract, ctx);
}

function validateHeader(ctx: ValidationContext): void {
  for (const { file, row, child, sexText } of ctx.headerRows) {
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
  const adult = birth ? eighteenthBirthday(birth) : null;
  if (ctx.has903Header && !ctx.children903.has(childId)) {
    const s = eps[from]!.source;
    ctx.problem(s.file, s.row, "CHILD", "INT03", "error", `child ${JSON.stringify(childId)} has episodes but is not in the Header`);
  }
  let died = false;
  for (let k = from; k < to; k++) {
    const e = eps[k]!;
    const { file, row } = e.source;
    const yearEnd = ctx.yearEndOf(file);
    const p = (field: string, rule: string, message: string) => ctx.problem(file, row, field, rule, "error", message);
    if (e.reasonNewEpisode === null || !RNE.has(e.reasonNewEpisode)) p("RNE", "143", `RNE ${show(e.reasonNewEpisode)} is not a valid reason for new episode (S, L, P, T, B, U)`);
    if (e.legalStatus === null || !LS.has(e.legalStatus)) p("LS", "144", `LS ${show(e.legalStatus)} is not a valid legal status`);
    if (e.categoryOfNeed === null || !NEED.has(e.categoryOfNeed)) p("CIN", "145", `CIN ${show(e.categoryOfNeed)} is not a valid category of need (N1–N8)`);
    checkPlacement(e, yearEnd, p);
    if (e.reasonEnded !== null && !REC.has(e.reasonEnded)) p("REC", "149", `REC ${show(e.reasonEnded)} is not a valid reason episode ceased`);
    if ((e.end === null) !== (e.reasonEnded === null) && !ctx.invalidEnd.has(e.key)) {
      p(e.end === null ? "DEC" : "REC", "148", e.end === null ? "REC is given but DEC is blank: give both or neither" : "DEC is given but REC is blank: give both or neither");
    }
    if (e.end !== null && e.end < e.start) p("DEC", "356", `DEC ${e.end} is before DECOM ${e.start}`);
    else if (e.end !== null && e.end === e.start) p("DEC", "355", "the episode lasted less than 24 hours (DEC equals DECOM)");
    if (e.start > yearEnd) p("DECOM", "354", `DECOM ${e.start} is after the end of the collection year (${yearEnd})`);
    if (birth !== null && e.start < birth) p("DECOM", "302", `DECOM ${e.start} is before the child's DOB`);
    if (died) p("DECOM", "437", "an episode starts after an episode that ended because the child died (E2)");
    else if (adult !== null && e.start >= adult) p("DECOM", "437", "an episode starts on or after the child's 18th birthday");
    if (e.reasonEnded === "E2") died = true;

    if (k === from) {
      const yearStart = yearStartOf(yearEnd);
      if (e.reasonNewEpisode !== "S" && e.reasonNewEpisode !== null && RNE.has(e.reasonNewEpisode) && e.start >= yearStart) {
        p("RNE", "357", `the child's first episode must have RNE S (started to be looked after), not ${e.reasonNewEpisode}`);
      }
    } else {
      const prev = eps[k - 1]!;
      const ps = prev.source;
      if (prev.end === null) {
        ctx.problem(ps.file, ps.row, "DEC", "142", "error", `an earlier episode (DECOM ${prev.start}) is not ended although a later episode starts on ${e.start}`);
      } else if (e.start < prev.end) {
        p("DECOM", "501", `this episode starts on ${e.start}, before the previous episode ended (${prev.end})`);
      } else {
        const continuation = e.reasonNewEpisode !== null && CONTINUATION.has(e.reasonNewEpisode);
        if (continuation && e.start !== prev.end) p("DECOM", "433", `RNE ${e.reasonNewEpisode} means a continuing period of care, but the episode does not start on the previous DEC (${prev.end})`);
        if (e.reasonNewEpisode === "S" && e.start === prev.end) p("RNE", "431", "RNE is S (started to be looked after) but the previous episode ended on the same day");
        if (continuation && prev.reasonEnded !== null && prev.reasonEnded !== "X1" && e.start === prev.end) {
          p("RNE", "432", `the previous episode ended the period of care (REC ${prev.reasonEnded}), so this episode must have RNE S`);
        }
      }
    }
    if (k === to - 1 && e.reasonEnded === "X1" && e.end !== null && e.end <= yearEnd) {
      p("REC", "432", "REC X1 means a new episode starts the same day, but no later episode follows");
    }
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

function show(code: string | null): string {
  return code === null ? "(blank)" : JSON.stringify(code);
}

function validateCin(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const cinFiles = new Set(extract.files.filter((f) => f.kind.startsWith("cin-")).map((f) => f.name));
  for (const child of extract.children) {
    if (child.laChildId === null) continue;
    const cinSrc = [...child.sources].reverse().find((s) => cinFiles.has(s.file));
    if (cinSrc === undefined) continue;
    const yearEnd = ctx.yearEndOf(cinSrc.file);
    if (child.birthDate !== null && child.birthDate > yearEnd) ctx.problem(cinSrc.file, cinSrc.row, "PersonBirthDate", "8520", "error", `PersonBirthDate ${child.birthDate} is after the end of the census period (${yearEnd})`);
    if (!ctx.children903.has(child.childId) && child.ethnicity !== null && !ETHNIC.has(child.ethnicity)) {
      ctx.problem(cinSrc.file, cinSrc.row, "Ethnicity", "4220", "error", `Ethnicity ${show(child.ethnicity)} is not a DfE ethnicity code`);
    }
  }

  const episodesByChild = groupBy(extract.cinEpisodes);
  const byEpisode = new Map(extract.cinEpisodes.map((e) => [e.key, e]));
  for (const [, eps] of episodesByChild) {
    eps.sort((a, b) => (a.referralDate < b.referralDate ? -1 : a.referralDate > b.referralDate ? 1 : 0));
    let open = 0;
    for (let k = 0; k < eps.length; k++) {
      const e = eps[k]!;
      const { file, row } = e.source;
      const yearEnd = ctx.yearEndOf(file);
      const yearStart = yearStartOf(yearEnd);
      const p = (field: string, rule: string, message: string, severity: Severity = "error") => ctx.problem(file, row, field, rule, severity, message);
      if (e.referralDate > yearEnd) p("CINreferralDate", "8600", `CINreferralDate ${e.referralDate} is after the end of the census period (${yearEnd})`);
      if (e.closureDate !== null && (e.closureDate > yearEnd || e.closureDate < yearStart)) p("CINclosureDate", "8620", `CINclosureDate ${e.closureDate} is outside the census year (${yearStart} to ${yearEnd})`);
      if (e.closureDate !== null && e.closureDate < e.referralDate) p("CINclosureDate", "8630", `CINclosureDate ${e.closureDate} is before CINreferralDate ${e.referralDate}`);
      if (e.closureDate !== null && e.reasonForClosure === null) p("ReasonForClosure", "8805", "CINclosureDate is given but ReasonForClosure is missing");
      if (e.closureDate === null && e.reasonForClosure !== null) p("CINclosureDate", "8810", "ReasonForClosure is given but CINclosureDate is missing");
      if (e.reasonForClosure !== null && !CLOSURE.has(e.reasonForClosure)) p("ReasonForClosure", "8905", `ReasonForClosure ${show(e.reasonForClosure)} is not a valid code (RC1–RC9)`);
      if (e.referralSource === null || !REF_SOURCE.has(e.referralSource)) p("ReferralSource", "8640", `ReferralSource ${show(e.referralSource)} is not a valid referral source`);
      if (e.primaryNeed === null || !NEED_CIN.has(e.primaryNeed)) p("PrimaryNeedCode", "8650", `PrimaryNeedCode ${show(e.primaryNeed)} is not a valid code (N0–N9)`);
      if (e.closureDate === null) {
        open++;
        if (open > 1) p("CINclosureDate", "8815", "more than one CIN episode is open (no CINclosureDate)");
        if (k < eps.length - 1) p("CINclosureDate", "8816", "an open CIN episode is not the latest episode");
      }
      if (k > 0) {
        const prev = eps[k - 1]!;
        if (prev.closureDate !== null && e.referralDate < prev.closureDate) p("CINreferralDate", "8820", `this CIN episode starts on ${e.referralDate}, before the previous one closed (${prev.closureDate})`);
      }
    }
  }

  const refOf = (key: string) => byEpisode.get(key)?.referralDate ?? null;
  // Assessments
  for (const [, list] of groupBy(extract.assessments)) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let open = 0;
    for (let k = 0; k < list.length; k++) {
      const a = list[k]!;
      const p = (field: string, rule: string, message: string, severity: Severity = "error") => ctx.problem(a.source.file, a.source.row, field, rule, severity, message);
      const ref = refOf(a.cinEpisodeKey);
      if (ref !== null && a.start < ref) p("AssessmentActualStartDate", "1103", `the assessment starts (${a.start}) before the referral (${ref})`);
      if (a.authorisationDate !== null && a.start > a.authorisationDate) p("AssessmentAuthorisationDate", "8608", `AssessmentActualStartDate ${a.start} is after AssessmentAuthorisationDate ${a.authorisationDate}`);
      if (a.authorisationDate === null) {
        open++;
        if (open > 1) p("AssessmentAuthorisationDate", "8896", "more than one assessment is open (not authorised)");
      }
      if (k > 0) {
        const prev = list[k - 1]!;
        if (prev.authorisationDate !== null && a.start < prev.authorisationDate) p("AssessmentActualStartDate", "8863Q", `this assessment starts before the previous one was authorised (${prev.authorisationDate})`, "warning");
      }
      if (a.authorisationDate !== null && a.factors.length === 0) p("AssessmentFactors", "8897Q", "the assessment is authorised but no factors are recorded", "warning");
      if (a.factors.includes("21") && a.factors.length > 1) p("AssessmentFactors", "8869", "factor 21 (no factors identified) cannot be combined with other factors");
      if (new Set(a.factors).size !== a.factors.length) p("AssessmentFactors", "8898", "an assessment factor is recorded more than once");
      for (const f of a.factors) if (!FACTORS.has(f)) p("AssessmentFactors", "8866", `AssessmentFactors ${show(f)} is not a valid code`);
    }
  }
  // Section 47
  for (const s of extract.section47s) {
    const ref = refOf(s.cinEpisodeKey);
    if (ref !== null && s.start < ref) ctx.problem(s.source.file, s.source.row, "S47ActualStartDate", "2889", "error", `the section 47 enquiry starts (${s.start}) before the referral (${ref})`);
  }
  // Child protection plans
  const cppsByChild = groupBy(extract.cpPlans);
  for (const [, list] of cppsByChild) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let open = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const p = (field: string, rule: string, message: string) => ctx.problem(c.source.file, c.source.row, field, rule, "error", message);
      const ref = refOf(c.cinEpisodeKey);
      if (ref !== null && c.start < ref) p("CPPstartDate", "1105", `the child protection plan starts (${c.start}) before the referral (${ref})`);
      if (c.end !== null && c.end < c.start) p("CPPendDate", "8925", `CPPendDate ${c.end} is before CPPstartDate ${c.start}`);
      else if (c.end !== null && c.end === c.start) p("CPPendDate", "8840", "the child protection plan starts and ends on the same day");
      if (c.end === null) {
        open++;
        if (open > 1) p("CPPendDate", "8935", "more than one child protection plan is open");
      }
      if (k > 0) {
        const prev = list[k - 1]!;
        if (prev.end !== null && c.start < prev.end) p("CPPstartDate", "8940", `this plan starts on ${c.start}, before the previous plan ended (${prev.end})`);
      }
      if (c.initialCategory !== null && !ABUSE.has(c.initialCategory)) p("InitialCategoryOfAbuse", "8910", `InitialCategoryOfAbuse ${show(c.initialCategory)} is not a valid code (NEG, PHY, SAB, EMO, MUL)`);
      if (c.latestCategory !== null && !ABUSE.has(c.latestCategory)) p("LatestCategoryOfAbuse", "8910", `LatestCategoryOfAbuse ${show(c.latestCategory)} is not a valid code (NEG, PHY, SAB, EMO, MUL)`);
    }
  }
  // CIN plans
  for (const [childId, list] of groupBy(extract.cinPlans)) {
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const cpps = cppsByChild.get(childId) ?? [];
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const p = (field: string, rule: string, message: string) => ctx.problem(c.source.file, c.source.row, field, rule, "error", message);
      const ref = refOf(c.cinEpisodeKey);
      if (ref !== null && c.start < ref) p("CINPlanStartDate", "4015", `the CIN plan starts (${c.start}) before the referral (${ref})`);
      if (c.end !== null && c.end < c.start) p("CINPlanEndDate", "4011", `CINPlanEndDate ${c.end} is before CINPlanStartDate ${c.start}`);
      if (k > 0) {
        const prev = list[k - 1]!;
        if (prev.end === null || c.start < prev.end) p("CINPlanStartDate", "4014", `this CIN plan starts on ${c.start}, before the previous plan ended`);
      }
      const clash = cpps.find((cp) => overlaps(c.start, c.end, cp.start, cp.end) && !(c.end !== null && c.end < c.start));
      if (clash) p("CINPlanStartDate", "4001", `the CIN plan runs at the same time as a child protection plan (from ${clash.start})`);
    }
  }
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
