/**
 * The CIN census rules (DfE codes), run on the stitched history. Every rule is
 * listed with its code and meaning in docs/statutory.md and in the rule
 * catalogue (./catalogue.ts).
 */
import { ASSESSMENT_FACTOR_CODES, CATEGORY_OF_ABUSE_CODES, PRIMARY_NEED_CODES, REASON_FOR_CLOSURE_CODES, REFERRAL_SOURCE_CODES, codeSet } from "./codes.js";
import { isLaCode } from "./la-codes.js";
import type { TCinEpisode, TStatutoryExtract } from "./model.js";
import { validateCinMore } from "./validate-cin-more.js";
import { validateCinReturns } from "./validate-cin-return.js";
import { ETHNIC, groupBy, isWeekend, show, yearStartOf, type Severity, type ValidationContext } from "./validate-common.js";

const REF_SOURCE = codeSet(REFERRAL_SOURCE_CODES);
const NEED_CIN = codeSet(PRIMARY_NEED_CODES);
const CLOSURE = codeSet(REASON_FOR_CLOSURE_CODES);
const ABUSE = codeSet(CATEGORY_OF_ABUSE_CODES);
const FACTORS = codeSet(ASSESSMENT_FACTOR_CODES);

const byStart = <T extends { start: string }>(a: T, b: T) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

/** The UPN check letter (DfE UPN guide): digits 2–13 weighted 2–13, the sum modulo 23 indexing the letters without I, O and S. */
export function upnCheckLetter(upn: string): string | null {
  if (!/^.\d{12}$/.test(upn)) return null;
  let sum = 0;
  for (let i = 1; i < 13; i++) sum += Number(upn[i]) * (i + 1);
  return "ABCDEFGHJKLMNPQRTUVWXYZ"[sum % 23]!;
}

export function validateCin(extract: TStatutoryExtract, ctx: ValidationContext): void {
  validateCinChildren(extract, ctx);
  const byEpisode = new Map<string, TCinEpisode>(extract.cinEpisodes.map((e) => [e.key, e]));
  validateCinEpisodes(extract, ctx);
  validateCinParts(extract, ctx, byEpisode);
  validateCinMore(extract, ctx);
  validateCinReturns(extract, ctx);
}

function validateCinChildren(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const cinFiles = new Set(extract.files.filter((f) => f.kind.startsWith("cin-")).map((f) => f.name));
  const upnSeen = new Map<string, string>();
  for (const child of extract.children) {
    if (child.laChildId === null) continue;
    const cinSrc = [...child.sources].reverse().find((s) => cinFiles.has(s.file));
    if (cinSrc === undefined) continue;
    const p = (field: string, rule: string, message: string) => ctx.problem(cinSrc.file, cinSrc.row, field, rule, "error", message);
    const yearEnd = ctx.yearEndOf(cinSrc.file);
    if (child.birthDate !== null && child.birthDate > yearEnd) p("PersonBirthDate", "8520", `PersonBirthDate ${child.birthDate} is after the end of the census period (${yearEnd})`);
    if (!ctx.children903.has(child.childId) && child.ethnicity !== null && !ETHNIC.has(child.ethnicity)) p("Ethnicity", "4220", `Ethnicity ${show(child.ethnicity)} is not a DfE ethnicity code`);
    if (child.upn !== null) {
      if (!/^\d{8}$/.test(child.upn.slice(4, 12))) p("UPN", "1540", `UPN ${show(child.upn)}: characters 5 to 12 must be digits`);
      if (child.upn.length === 13 && !/^[0-9A-HJ-NP-RT-Z]$/.test(child.upn[12]!)) p("UPN", "1550", `UPN ${show(child.upn)}: character 13 must be a digit or a letter other than I, O and S`);
      const other = upnSeen.get(child.upn);
      if (other !== undefined) p("UPN", "1520", `UPN ${show(child.upn)} is also given for ${other}`);
      else upnSeen.set(child.upn, child.childId);
    }
    if (child.expectedBirthDate !== null && child.birthDate === null && child.sex !== "U") p("Sex", "8750", "an unborn child (ExpectedPersonBirthDate, no PersonBirthDate) must have Sex U");
    const check = child.upn === null ? null : upnCheckLetter(child.upn);
    if (check !== null && child.upn![0] !== check) p("UPN", "1510", `UPN ${show(child.upn)} has the wrong check letter (the digits give ${check})`);
    if (child.upn !== null && child.upn.length === 13 && !isLaCode(child.upn.slice(1, 4))) p("UPN", "1530", `UPN ${show(child.upn)}: characters 2 to 4 (${show(child.upn.slice(1, 4))}) are not a recognised local-authority code`);
    const yearStart = yearStartOf(yearEnd);
    if (child.formerUpn !== null && !/^[A-Z]\d{12}$/.test(child.formerUpn)) ctx.problem(cinSrc.file, cinSrc.row, "FormerUPN", "1560Q", "warning", `FormerUPN ${show(child.formerUpn)} is not in the UPN format (a letter and 12 digits)`);
    if (child.deathDate !== null && (child.deathDate < yearStart || child.deathDate > yearEnd)) ctx.problem(cinSrc.file, cinSrc.row, "PersonDeathDate", "8545Q", "warning", `PersonDeathDate ${child.deathDate} is outside the census year (${yearStart} to ${yearEnd})`);
    const d = child.disabilities;
    if (d.includes("NONE") && d.some((x) => x !== "NONE")) p("Disability", "8790", "Disability NONE is recorded together with other disabilities");
    if (new Set(d).size !== d.length) p("Disability", "8794", "a Disability code is recorded more than once");
  }
}

function validateCinEpisodes(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const deathOf = new Map(extract.children.filter((c) => c.laChildId !== null).map((c) => [c.childId, c.deathDate]));
  for (const [childId, eps] of groupBy(extract.cinEpisodes)) {
    const death = deathOf.get(childId) ?? null;
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
      if (e.reasonForClosure !== null && !CLOSURE.has(e.reasonForClosure)) p("ReasonForClosure", "8640", `ReasonForClosure ${show(e.reasonForClosure)} is not a valid code (RC1–RC9)`);
      if (e.referralDate >= "2013-04-01" && (e.referralSource === null || !REF_SOURCE.has(e.referralSource))) p("ReferralSource", "8866", `ReferralSource ${show(e.referralSource)} is missing or not a valid referral source`);
      if (e.primaryNeed !== null && !NEED_CIN.has(e.primaryNeed)) p("PrimaryNeedCode", "8650", `PrimaryNeedCode ${show(e.primaryNeed)} is not a valid code (N0–N9)`);
      if (e.primaryNeed === null && !e.nfa) p("PrimaryNeedCode", "8610", "PrimaryNeedCode is missing on a referral that led to further action");
      if (e.closureDate === null) {
        open++;
        if (open > 1) p("CINclosureDate", "8815", "more than one CIN episode is open (no CINclosureDate)");
        if (k < eps.length - 1) p("CINclosureDate", "8816", "an open CIN episode is not the latest episode");
      }
      if (death !== null && e.referralDate > death) p("CINreferralDate", "8555Q", `the referral (${e.referralDate}) is after the child's date of death (${death})`, "warning");
      if (e.reasonForClosure === "RC2" && death === null) p("ReasonForClosure", "8585Q", "ReasonForClosure RC2 (died) but no PersonDeathDate is recorded", "warning");
      if (e.closureDate !== null && e.dateOfInitialCpc !== null && e.closureDate < e.dateOfInitialCpc) p("CINclosureDate", "8565", `the case closed (${e.closureDate}) before the initial conference recorded on ${e.dateOfInitialCpc}`);
      if (e.nfa && e.dateOfInitialCpc !== null) p("DateOfInitialCPC", "8831", "a referral with no further action (ReferralNFA true) has an initial child protection conference");
      if (k > 0) {
        const prev = eps[k - 1]!;
        if (prev.closureDate !== null && e.referralDate < prev.closureDate) p("CINreferralDate", "8820", `this CIN episode starts on ${e.referralDate}, before the previous one closed (${prev.closureDate})`);
      }
    }
  }
}

function validateCinParts(extract: TStatutoryExtract, ctx: ValidationContext, byEpisode: Map<string, TCinEpisode>): void {
  /** Activity dated after the case closed (8565), and any activity on a no-further-action referral (8831, 4000, 8832). */
  const afterClosure = (episodeKey: string, dates: (string | null)[]): string | null => {
    const closed = byEpisode.get(episodeKey)?.closureDate ?? null;
    if (closed === null) return null;
    return dates.find((d) => d !== null && d > closed) ?? null;
  };
  const nfa = (episodeKey: string) => byEpisode.get(episodeKey)?.nfa === true;
  /** RC8/RC9: closed after assessment, so no section 47, plan or conference may follow (2990). */
  const closedAfterAssessment = (episodeKey: string) => {
    const r = byEpisode.get(episodeKey)?.reasonForClosure;
    return r === "RC8" || r === "RC9";
  };
  const assessed = new Set(extract.assessments.map((a) => a.cinEpisodeKey));
  for (const e of extract.cinEpisodes) {
    const p = (field: string, rule: string, message: string, severity: Severity) => ctx.problem(e.source.file, e.source.row, field, rule, severity, message);
    if ((e.reasonForClosure === "RC8" || e.reasonForClosure === "RC9") && !assessed.has(e.key)) p("ReasonForClosure", "8825Q", `ReasonForClosure ${e.reasonForClosure} (closed after assessment) but no assessment is recorded`, "warning");
    if (closedAfterAssessment(e.key) && e.dateOfInitialCpc !== null) p("DateOfInitialCPC", "2990", `an initial conference is recorded on a case closed after assessment (${e.reasonForClosure})`, "error");
  }
  const inYear = (date: string | null, file: string): boolean => {
    if (date === null) return true;
    const yearEnd = ctx.yearEndOf(file);
    return date >= yearStartOf(yearEnd) && date <= yearEnd;
  };
  const refOf = (key: string) => byEpisode.get(key)?.referralDate ?? null;

  for (const [, list] of groupBy(extract.assessments)) {
    list.sort(byStart);
    let open = 0;
    for (let k = 0; k < list.length; k++) {
      const a = list[k]!;
      const p = (field: string, rule: string, message: string, severity: Severity = "error") => ctx.problem(a.source.file, a.source.row, field, rule, severity, message);
      const ref = refOf(a.cinEpisodeKey);
      if (ref !== null && a.start < ref) p("AssessmentActualStartDate", "1103", `the assessment starts (${a.start}) before the referral (${ref})`);
      if (!inYear(a.authorisationDate, a.source.file)) p("AssessmentAuthorisationDate", "8696", `AssessmentAuthorisationDate ${a.authorisationDate} is outside the census year`);
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
      for (const f of a.factors) if (!FACTORS.has(f)) p("AssessmentFactors", "EV12", `AssessmentFactors ${show(f)} is not a code of the CIN census code set`);
      const late = afterClosure(a.cinEpisodeKey, [a.start, a.authorisationDate]);
      if (late !== null) p("AssessmentActualStartDate", "8565", `the assessment is dated ${late}, after the case closed`);
      if (nfa(a.cinEpisodeKey)) p("AssessmentActualStartDate", "8831", "an assessment is recorded on a referral with no further action (ReferralNFA true)");
    }
  }

  const openS47 = new Map<string, number>();
  for (const s of extract.section47s) if (s.dateOfInitialCpc === null && s.icpcNotRequired !== true) openS47.set(s.cinEpisodeKey, (openS47.get(s.cinEpisodeKey) ?? 0) + 1);
  const deathOf = new Map(extract.children.map((c) => [c.childId, c.deathDate]));
  for (const s of extract.section47s) {
    const p = (field: string, rule: string, message: string) => ctx.problem(s.source.file, s.source.row, field, rule, "error", message);
    if (s.dateOfInitialCpc === null && s.icpcNotRequired !== true && (openS47.get(s.cinEpisodeKey) ?? 0) > 1) p("DateOfInitialCPC", "8839", "more than one section 47 enquiry in this CIN episode is open (no initial conference, and not marked as not required)");
    const ref = refOf(s.cinEpisodeKey);
    if (ref !== null && s.start < ref) p("S47ActualStartDate", "2889", `the section 47 enquiry starts (${s.start}) before the referral (${ref})`);
    if (ref !== null && s.dateOfInitialCpc !== null && s.dateOfInitialCpc < ref) p("DateOfInitialCPC", "1104", `the initial conference (${s.dateOfInitialCpc}) is before the referral (${ref})`);
    if (!inYear(s.dateOfInitialCpc, s.source.file)) p("DateOfInitialCPC", "8715", `DateOfInitialCPC ${s.dateOfInitialCpc} is outside the census year`);
    if (closedAfterAssessment(s.cinEpisodeKey)) p("S47ActualStartDate", "2990", "a section 47 enquiry is recorded on a case closed after assessment (RC8/RC9)");
    if (s.dateOfInitialCpc !== null && s.start > s.dateOfInitialCpc) p("S47ActualStartDate", "8615", `the section 47 enquiry starts (${s.start}) after its initial conference (${s.dateOfInitialCpc})`);
    if (s.dateOfInitialCpc !== null && isWeekend(s.dateOfInitialCpc)) p("DateOfInitialCPC", "8875", `DateOfInitialCPC ${s.dateOfInitialCpc} is a Saturday or Sunday`);
    const late = afterClosure(s.cinEpisodeKey, [s.start, s.dateOfInitialCpc]);
    if (late !== null) p("S47ActualStartDate", "8565", `the section 47 enquiry is dated ${late}, after the case closed`);
    if (nfa(s.cinEpisodeKey)) p("S47ActualStartDate", "8831", "a section 47 enquiry is recorded on a referral with no further action (ReferralNFA true)");
  }

  const cppsByChild = groupBy(extract.cpPlans);
  for (const [, list] of cppsByChild) {
    list.sort(byStart);
    let open = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const p = (field: string, rule: string, message: string) => ctx.problem(c.source.file, c.source.row, field, rule, "error", message);
      const yearEnd = ctx.yearEndOf(c.source.file);
      const ref = refOf(c.cinEpisodeKey);
      const died = deathOf.get(c.childId) ?? null;
      if (died !== null && c.start > died) p("CPPstartDate", "8915", `the child protection plan starts (${c.start}) after the child's date of death (${died})`);
      if (died !== null && c.end !== null && c.end > died) p("CPPendDate", "8920", `the child protection plan ends (${c.end}) after the child's date of death (${died})`);
      if (c.start > yearEnd) p("CPPstartDate", "8720", `CPPstartDate ${c.start} is after the end of the census period (${yearEnd})`);
      if (ref !== null && c.start < ref) p("CPPstartDate", "1105", `the child protection plan starts (${c.start}) before the referral (${ref})`);
      if (!inYear(c.end, c.source.file)) p("CPPendDate", "8930", `CPPendDate ${c.end} is outside the census year`);
      if (closedAfterAssessment(c.cinEpisodeKey)) p("CPPstartDate", "2990", "a child protection plan is recorded on a case closed after assessment (RC8/RC9)");
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
      if (c.initialCategory === null || !ABUSE.has(c.initialCategory)) p("InitialCategoryOfAbuse", "8905", `InitialCategoryOfAbuse ${show(c.initialCategory)} is missing or not a valid code (NEG, PHY, SAB, EMO, MUL)`);
      if (c.latestCategory === null || !ABUSE.has(c.latestCategory)) p("LatestCategoryOfAbuse", "8910", `LatestCategoryOfAbuse ${show(c.latestCategory)} is missing or not a valid code (NEG, PHY, SAB, EMO, MUL)`);
      if (c.numberOfPreviousCpp === null) p("NumberOfPreviousCPP", "8730", "NumberOfPreviousCPP is missing (give 0 when there were none)");
      const closed = byEpisode.get(c.cinEpisodeKey)?.closureDate ?? null;
      if (closed !== null && c.end !== null && c.end > closed) p("CPPendDate", "8565", `the child protection plan ends (${c.end}) after the case closed (${closed})`);
      if (nfa(c.cinEpisodeKey)) p("CPPstartDate", "8832", "a child protection plan is recorded on a referral with no further action (ReferralNFA true)");
    }
  }

  for (const [childId, list] of groupBy(extract.cinPlans)) {
    list.sort(byStart);
    const cpps = cppsByChild.get(childId) ?? [];
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      const p = (field: string, rule: string, message: string) => ctx.problem(c.source.file, c.source.row, field, rule, "error", message);
      const yearEnd = ctx.yearEndOf(c.source.file);
      const ref = refOf(c.cinEpisodeKey);
      const died = deathOf.get(c.childId) ?? null;
      if (died !== null && c.start > died) p("CINPlanStartDate", "4008", `the CIN plan starts (${c.start}) after the child's date of death (${died})`);
      if (died !== null && c.end !== null && c.end > died) ctx.problem(c.source.file, c.source.row, "CINPlanEndDate", "4009Q", "warning", `the CIN plan ends (${c.end}) after the child's date of death (${died})`);
      if (c.end !== null && c.end === c.start) ctx.problem(c.source.file, c.source.row, "CINPlanEndDate", "4012Q", "warning", "the CIN plan starts and ends on the same day");
      if (c.end === null && list.filter((x) => x.end === null).length > 1) p("CINPlanEndDate", "4004", "more than one CIN plan is open (no CINPlanEndDate)");
      if (c.start > yearEnd) p("CINPlanStartDate", "4010", `CINPlanStartDate ${c.start} is after the end of the census period (${yearEnd})`);
      if (ref !== null && c.start < ref) p("CINPlanStartDate", "4015", `the CIN plan starts (${c.start}) before the referral (${ref})`);
      if (!inYear(c.end, c.source.file)) p("CINPlanEndDate", "4013", `CINPlanEndDate ${c.end} is outside the census year`);
      if (closedAfterAssessment(c.cinEpisodeKey)) p("CINPlanStartDate", "2990", "a CIN plan is recorded on a case closed after assessment (RC8/RC9)");
      if (c.end !== null && c.end < c.start) p("CINPlanEndDate", "4011", `CINPlanEndDate ${c.end} is before CINPlanStartDate ${c.start}`);
      if (k > 0) {
        const prev = list[k - 1]!;
        if (prev.end === null || c.start < prev.end) p("CINPlanStartDate", "4014", `this CIN plan starts on ${c.start}, before the previous plan ended`);
      }
      for (const cp of cpps) {
        // 4001: both open in the same CIN episode; 4016: the CIN plan starts while a CP plan runs; 4017: a CP plan starts while this CIN plan runs.
        if (c.end === null && cp.end === null && cp.cinEpisodeKey === c.cinEpisodeKey) p("CINPlanEndDate", "4001", `the CIN plan and a child protection plan (from ${cp.start}) are both open`);
        if (c.start >= cp.start && (cp.end !== null ? c.start < cp.end : c.start <= yearEnd)) p("CINPlanStartDate", "4016", `the CIN plan starts on ${c.start}, while a child protection plan (from ${cp.start}) is open`);
        if (cp.start >= c.start && (c.end !== null ? cp.start < c.end : cp.start <= yearEnd)) {
          ctx.problem(cp.source.file, cp.source.row, "CPPstartDate", "4017", "error", `the child protection plan starts on ${cp.start}, while a CIN plan (from ${c.start}) is open`);
        }
      }
      const late = afterClosure(c.cinEpisodeKey, [c.start, c.end]);
      if (late !== null) p("CINPlanStartDate", "8565", `the CIN plan is dated ${late}, after the case closed`);
      if (nfa(c.cinEpisodeKey)) p("CINPlanStartDate", "4000", "a CIN plan is recorded on a referral with no further action (ReferralNFA true)");
    }
  }
}
