/**
 * More CIN census rules (DfE 2024/25 codes), conditions as the DfE states them
 * (read in the community validator's rule sources; the messages are Evident's
 * own): dates of birth, death and expected birth (8530Q, 8535Q, 8606, 8775Q),
 * disabilities (8540), UPN unknown reasons (8770Q, 8772), NFA referrals before
 * the year (8569Q), assessments (8614, 8670Q, 8736, 8867, 8945Q, 8950Q), section 47
 * enquiries and conferences (2883, 2884, 2885, 2991Q, 8675Q, 8740, 8868, 8870Q, 8890),
 * CP plan reviews (4003, 8841) and closure after assessment (8873Q).
 */
import { formatIsoDay, parseIsoDay } from "../dates.js";
import type { TStatutoryExtract } from "./model.js";
import { addYears, groupBy, isWeekend, show, type Severity, type ValidationContext, yearStartOf } from "./validate-common.js";

const DISABILITIES = new Set(["NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"]);

function addDays(iso: string, n: number): string {
  return formatIsoDay(parseIsoDay(iso)! + n);
}

/** The same day n months later (the last day of the month when it has fewer days). */
function addMonths(iso: string, n: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), last);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Easter Sunday (Gregorian, anonymous computus). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A working day in England around the end of March: not a weekend, New Year's Day, Good Friday or Easter Monday. */
function isWorkingDay(iso: string): boolean {
  if (isWeekend(iso) || iso.slice(5) === "01-01") return false;
  const sunday = easter(Number(iso.slice(0, 4)));
  return iso !== addDays(sunday, -2) && iso !== addDays(sunday, 1);
}

/** The working day before `iso` in England. */
export function workingDayBefore(iso: string): string {
  let day = addDays(iso, -1);
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** The first day of the period of `n` working days ending on `iso` (which counts when it is a working day). */
export function workingDaysEndingOn(iso: string, n: number): string {
  let day = isWorkingDay(iso) ? iso : workingDayBefore(iso);
  for (let k = 1; k < n; k++) day = workingDayBefore(day);
  return day;
}

export function validateCinMore(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const cinFiles = new Set(extract.files.filter((f) => f.kind.startsWith("cin-")).map((f) => f.name));
  const episodesOf = groupBy(extract.cinEpisodes);
  for (const child of extract.children) {
    if (child.laChildId === null) continue;
    const at = [...child.sources].reverse().find((s) => cinFiles.has(s.file));
    if (at === undefined) continue;
    const p = (field: string, rule: string, severity: Severity, message: string) => ctx.problem(at.file, at.row, field, rule, severity, message);
    const ref = ctx.yearEndOf(at.file);
    const dob = child.birthDate;
    const expected = child.expectedBirthDate;
    const episodes = episodesOf.get(child.childId) ?? [];
    const furtherAction = episodes.some((e) => !e.nfa);
    if (child.deathDate !== null && (dob === null || dob > child.deathDate)) p("PersonDeathDate", "8535Q", "warning", dob === null ? "PersonDeathDate is given but PersonBirthDate is not" : `PersonDeathDate ${child.deathDate} is before PersonBirthDate ${dob}`);
    if (expected !== null && (expected <= addDays(ref, -30) || expected >= addMonths(ref, 9))) p("ExpectedPersonBirthDate", "8530Q", "warning", `ExpectedPersonBirthDate ${expected} is outside the expected range (from 30 days before the census date ${ref} to 9 months after it)`);
    if (dob !== null && furtherAction && (child.disabilities.length === 0 || child.disabilities.some((d) => !DISABILITIES.has(d)))) {
      p("Disability", "8540", "error", child.disabilities.length === 0 ? "no Disability is recorded (give NONE when the child has none)" : `Disability ${child.disabilities.filter((d) => !DISABILITIES.has(d)).join(", ")} is not a valid code`);
    }
    const schoolAgeBorn = addYears(addMonths(addDays(ref, 31), 4), -6);
    if (dob !== null && dob <= schoolAgeBorn && furtherAction && child.upn === null && !/^UN[2-7]$/.test(child.upnUnknown ?? "")) {
      p("UPN", "8770Q", "warning", `UPN is missing${child.upnUnknown === null ? " with no reason" : ` (reason ${child.upnUnknown})`} for a child of school age`);
    }
    if (child.upnUnknown === "UN7" && furtherAction) p("UPNunknown", "8772", "error", "UPNunknown UN7 (referral with no further action) but a referral went on to further action");
    if (dob !== null && dob < addYears(ref, -25) && episodes.some((e) => e.closureDate === null || e.closureDate > addYears(dob, 25))) {
      p("PersonBirthDate", "8775Q", "warning", "the child is over 25 and has a CIN episode open after the 25th birthday");
    }
    for (const e of episodes) {
      const tooEarly = (birth: string | null) => birth !== null && e.referralDate < addDays(birth, -280);
      if (tooEarly(dob) || tooEarly(expected)) ctx.problem(e.source.file, e.source.row, "CINreferralDate", "8606", "error", `CINreferralDate ${e.referralDate} is more than 40 weeks before the child's (expected) date of birth`);
    }
  }

  const byKey = new Map(extract.cinEpisodes.map((e) => [e.key, e]));
  const assessed = new Set(extract.assessments.map((a) => a.cinEpisodeKey));
  const cinCpcDates = new Map<string, Set<string>>();
  for (const e of extract.cinEpisodes) {
    const ref = ctx.yearEndOf(e.source.file);
    if (e.nfa && e.referralDate < workingDayBefore(yearStartOf(ref))) {
      ctx.problem(e.source.file, e.source.row, "ReferralNFA", "8569Q", "warning", `a referral of ${e.referralDate}, before the census year, is marked no further action: an NFA referral is returned only in the year it was made`);
    }
    if (e.dateOfInitialCpc !== null) {
      const set = cinCpcDates.get(e.childId) ?? new Set();
      set.add(e.dateOfInitialCpc);
      cinCpcDates.set(e.childId, set);
    }
  }
  for (const a of extract.assessments) {
    const p = (field: string, rule: string, severity: Severity, message: string) => ctx.problem(a.source.file, a.source.row, field, rule, severity, message);
    const ref = ctx.yearEndOf(a.source.file);
    if (a.authorisationDate === null && a.factors.length > 0) p("AssessmentFactors", "8614", "error", "AssessmentFactors are given for an assessment that is not completed (no AssessmentAuthorisationDate)");
    if (a.authorisationDate === null && (a.start < yearStartOf(ref) || a.start > ref)) p("AssessmentActualStartDate", "8736", "error", `an assessment not completed must start within the census year, not on ${a.start}`);
    if (a.authorisationDate === null && (byKey.get(a.cinEpisodeKey)?.closureDate ?? null) !== null) p("AssessmentAuthorisationDate", "8867", "error", "the CIN episode is closed but this assessment is not completed (no AssessmentAuthorisationDate)");
    if (a.authorisationDate === null && a.start < workingDaysEndingOn(ref, 45)) p("AssessmentActualStartDate", "8670Q", "warning", `the assessment started on ${a.start}, more than 45 working days before the census date, and is not completed`);
    if (a.factors.includes("18A")) p("AssessmentFactors", "8945Q", "warning", "assessment factor 18A is no longer used: give 18B or 18C");
    if (a.factors.includes("19A")) p("AssessmentFactors", "8950Q", "warning", "assessment factor 19A is no longer used: give 19B or 19C");
  }
  for (const s of extract.section47s) {
    const p = (field: string, rule: string, severity: Severity, message: string) => ctx.problem(s.source.file, s.source.row, field, rule, severity, message);
    const ref = ctx.yearEndOf(s.source.file);
    if (!assessed.has(s.cinEpisodeKey)) p("S47ActualStartDate", "2991Q", "warning", "a section 47 enquiry is recorded but the CIN episode has no assessment");
    if (s.dateOfInitialCpc !== null && cinCpcDates.get(s.childId)?.has(s.dateOfInitialCpc)) p("DateOfInitialCPC", "2884", "error", `the initial conference of ${s.dateOfInitialCpc} is recorded both on the section 47 enquiry and on the CIN episode: record it once`);
    if (s.dateOfInitialCpc === null && s.icpcNotRequired === false && (s.start < yearStartOf(ref) || s.start > ref)) p("S47ActualStartDate", "8740", "error", `a section 47 enquiry whose conference has not been held must start within the census year, not on ${s.start}`);
    const closed = (byKey.get(s.cinEpisodeKey)?.closureDate ?? null) !== null;
    if (closed && (s.dateOfInitialCpc === null) === (s.icpcNotRequired !== true)) {
      p("ICPCnotRequired", "8868", "error", s.dateOfInitialCpc === null ? "the CIN episode is closed but the section 47 enquiry has neither a conference date nor ICPCnotRequired" : "the section 47 enquiry has a conference date and also ICPCnotRequired true");
    }
    if (s.dateOfInitialCpc === null && s.icpcNotRequired === false && s.start < workingDaysEndingOn(ref, 15)) p("S47ActualStartDate", "8675Q", "warning", `the section 47 enquiry started on ${s.start}, more than 15 working days before the census date, and has no initial conference`);
    if (s.initialCpcTarget !== null && isWeekend(s.initialCpcTarget)) p("InitialCPCtarget", "8870Q", "warning", `InitialCPCtarget ${s.initialCpcTarget} is a Saturday or Sunday`);
  }
  const plansOf = groupBy(extract.cinPlans);
  for (const c of extract.cpPlans) {
    const early = c.reviewDates.find((d) => d <= c.start);
    if (early !== undefined) ctx.problem(c.source.file, c.source.row, "CPPreviewDate", "8841", "error", `CPPreviewDate ${early} is not after CPPstartDate ${c.start}`);
    // 4003 as the DfE states it: a review of an ended CP plan inside an ended CIN plan of the child, unless it is the CP plan's last day.
    if (c.end === null) continue;
    const during = c.reviewDates.find((r) => r !== c.end && (plansOf.get(c.childId) ?? []).some((pl) => pl.end !== null && r >= pl.start && r < pl.end));
    if (during !== undefined) ctx.problem(c.source.file, c.source.row, "CPPreviewDate", "4003", "error", `the CP plan review of ${during} falls while a CIN plan is open`);
  }
  checkSection47Overlaps(extract, ctx);
  checkNoFactorsClosure(extract, ctx);
  checkConferenceCount(extract, ctx);
  checkPlanStartsAtConference(extract, ctx);
}

/**
 * 2885: a CP plan starting in the census year starts on the day of an initial conference: one held under a
 * section 47 enquiry of its CIN episode that needed one (ICPCnotRequired not true), or, when the episode has no
 * such enquiry, the conference recorded on the CIN episode itself.
 */
function checkPlanStartsAtConference(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const enquiries = new Map<string, (string | null)[]>();
  for (const s of extract.section47s) if (s.icpcNotRequired !== true) enquiries.set(s.cinEpisodeKey, [...(enquiries.get(s.cinEpisodeKey) ?? []), s.dateOfInitialCpc]);
  const episodeCpc = new Map(extract.cinEpisodes.map((e) => [e.key, e.dateOfInitialCpc]));
  for (const c of extract.cpPlans) {
    const ref = ctx.yearEndOf(c.source.file);
    if (c.start < yearStartOf(ref) || c.start > ref) continue;
    const fromS47 = enquiries.get(c.cinEpisodeKey);
    const conferences = fromS47 ?? [episodeCpc.get(c.cinEpisodeKey) ?? null];
    if (conferences.includes(c.start)) continue;
    const held = conferences.filter((d) => d !== null);
    const where = fromS47 ? "a section 47 enquiry of its CIN episode" : "its CIN episode";
    ctx.problem(c.source.file, c.source.row, "CPPstartDate", "2885", "error", `the CP plan starts on ${c.start}, not on the day of an initial conference recorded on ${where} (${held.length > 0 ? held.join(", ") : "none recorded"})`);
  }
}

/** 8890: a section 47 enquiry starts while another in the same CIN episode is still going on (before its conference, or with none held and one required). */
function checkSection47Overlaps(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const byEpisode = new Map<string, TStatutoryExtract["section47s"]>();
  for (const s of extract.section47s) byEpisode.set(s.cinEpisodeKey, [...(byEpisode.get(s.cinEpisodeKey) ?? []), s]);
  for (const list of byEpisode.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      const ref = ctx.yearEndOf(a.source.file);
      const other = list.find((b) => b !== a && a.start >= b.start && (b.dateOfInitialCpc !== null ? a.start <= b.dateOfInitialCpc : a.start <= ref && b.icpcNotRequired !== true));
      if (other !== undefined) ctx.problem(a.source.file, a.source.row, "S47ActualStartDate", "8890", "error", `the section 47 enquiry starts on ${a.start} while the one started on ${other.start} is still going on`);
    }
  }
}

/**
 * 8873Q: the only assessment of a closed CIN episode found no factors (21), but the episode was not closed after
 * assessment (RC8/RC9). Open episodes are not flagged: the DfE's wording is about the reason for closure (the
 * community validator flags open ones too).
 */
function checkNoFactorsClosure(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const count = new Map<string, number>();
  for (const a of extract.assessments) count.set(a.cinEpisodeKey, (count.get(a.cinEpisodeKey) ?? 0) + 1);
  const episodes = new Map(extract.cinEpisodes.map((e) => [e.key, e]));
  for (const a of extract.assessments) {
    if (count.get(a.cinEpisodeKey) !== 1 || !a.factors.some((f) => f.includes("21"))) continue;
    const e = episodes.get(a.cinEpisodeKey);
    if (e === undefined || e.closureDate === null || e.reasonForClosure === "RC8" || e.reasonForClosure === "RC9") continue;
    ctx.problem(e.source.file, e.source.row, "ReasonForClosure", "8873Q", "warning", `the episode's only assessment found no factors (21), so the reason for closure is expected to be RC8 or RC9, not ${show(e.reasonForClosure)}`);
  }
}

/**
 * 2883: in a census year, more CP plans start than initial conferences are held (on CIN episodes and section 47
 * enquiries). Counted over all the records read (several years' census files are stitched, so a record carries
 * the latest file giving it), year by year, and reported on that year's census file.
 */
function checkConferenceCount(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const years = new Map<string, string>();
  for (const f of extract.files) if (f.kind === "cin-census-xml" && !years.has(ctx.yearEndOf(f.name))) years.set(ctx.yearEndOf(f.name), f.name);
  for (const [ref, file] of years) {
    const start = yearStartOf(ref);
    const inYear = (d: string | null) => d !== null && d >= start && d <= ref;
    const plans = extract.cpPlans.filter((c) => inYear(c.start)).length;
    const conferences = extract.cinEpisodes.filter((e) => inYear(e.dateOfInitialCpc)).length + extract.section47s.filter((s) => inYear(s.dateOfInitialCpc)).length;
    if (plans > conferences) ctx.problem(file, 0, "CPPstartDate", "2883", "error", `${plans} CP plans start in the census year to ${ref} but only ${conferences} initial conferences are recorded in it`);
  }
}
