/**
 * Writing an extract back out as return files (903 Header/Episodes CSV and
 * CIN census XML), so that records → files → import can be checked to give
 * the same records, and so that fixtures and benchmarks can be generated.
 */
import { SSDA903_EPISODES_COLUMNS, SSDA903_HEADER_COLUMNS } from "./read.js";
import type { TStatutoryExtract } from "./model.js";
import { yearStartOf } from "./validate-common.js";

/** ISO → DD/MM/YYYY; null → "". */
export function toDmy(iso: string | null): string {
  return iso === null ? "" : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(cells: (string | null)[]): string {
  return cells.map((c) => csvCell(c ?? "")).join(",");
}

/** SSDA903 Header and Episodes CSVs from an extract (children with no 903 data are left out of the Header). */
export function writeSsda903Csv(extract: TStatutoryExtract): { header: string; episodes: string } {
  const with903 = new Set(extract.claEpisodes.map((e) => e.childId));
  const header = [SSDA903_HEADER_COLUMNS.join(",")];
  for (const c of extract.children) {
    if (!with903.has(c.childId) && c.laChildId !== null) continue;
    header.push(csvLine([c.childId, c.sex ?? c.sexLegacy, toDmy(c.birthDate), c.ethnicity, c.upn ?? c.upnUnknown, c.mother, toDmy(c.motherChildBirthDate)]));
  }
  const episodes = [SSDA903_EPISODES_COLUMNS.join(",")];
  for (const e of extract.claEpisodes) {
    episodes.push(
      csvLine([e.childId, toDmy(e.start), e.reasonNewEpisode, e.legalStatus, e.categoryOfNeed, e.placement, e.placeProvider, toDmy(e.end), e.reasonEnded, e.reasonPlaceChange, "", "", e.urn]),
    );
  }
  return { header: `${header.join("\n")}\n`, episodes: `${episodes.join("\n")}\n` };
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A CIN census XML file from an extract (children with any CIN record, or with a LAchildID).
 * With `censusYearOnly` (and a referenceDate) it is the census of that one year, as the DfE
 * rules want it: only the CIN episodes and modules open at some time in the year, and no date
 * after the reference date (a later closure or end is left out, so the record is open). Writing
 * each year so and reading them all back gives the same history.
 */
export function writeCinCensusXml(extract: TStatutoryExtract, options: { referenceDate?: string; censusYearOnly?: boolean } = {}): string {
  const ref = options.censusYearOnly && options.referenceDate ? options.referenceDate : null;
  const yearStart = ref === null ? null : yearStartOf(ref);
  /** In this census: started by the reference date and not ended before the year began. */
  const inYear = (start: string, end: string | null) => ref === null || (start <= ref && (end === null || end >= yearStart!));
  /** A date as this census shows it: none when after the reference date. */
  const upTo = (date: string | null) => (ref === null || date === null || date <= ref ? date : null);
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', "<Message>", "<Header><CollectionDetails><Collection>CIN</Collection>"];
  // The collection Year is the year of the reference date, 31 March (rule 100).
  if (options.referenceDate) out.push(`<Year>${options.referenceDate.slice(0, 4)}</Year><ReferenceDate>${options.referenceDate}</ReferenceDate>`);
  out.push("</CollectionDetails></Header>", "<Children>");
  const el = (name: string, value: string | null | undefined) => (value === null || value === undefined || value === "" ? "" : `<${name}>${esc(value)}</${name}>`);
  const group = <T extends { childId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const l = map.get(x.childId);
      if (l) l.push(x);
      else map.set(x.childId, [x]);
    }
    return map;
  };
  const byEpisode = <T extends { cinEpisodeKey: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const l = map.get(x.cinEpisodeKey);
      if (l) l.push(x);
      else map.set(x.cinEpisodeKey, [x]);
    }
    return map;
  };
  const episodes = group(extract.cinEpisodes);
  const assessments = byEpisode(extract.assessments);
  const plans = byEpisode(extract.cinPlans);
  const s47 = byEpisode(extract.section47s);
  const cpps = byEpisode(extract.cpPlans);
  for (const c of extract.children) {
    const eps = (episodes.get(c.childId) ?? []).filter((e) => inYear(e.referralDate, e.closureDate));
    if (eps.length === 0 && (c.laChildId === null || ref !== null)) continue;
    out.push("<Child><ChildIdentifiers>");
    out.push(el("LAchildID", c.laChildId ?? c.childId), el("UPN", c.upn), el("FormerUPN", c.formerUpn), el("UPNunknown", c.upnUnknown));
    out.push(el("PersonBirthDate", c.birthDate), el("ExpectedPersonBirthDate", c.expectedBirthDate), el("Sex", c.sex), el("PersonDeathDate", c.deathDate));
    out.push("</ChildIdentifiers><ChildCharacteristics>", el("Ethnicity", c.ethnicity));
    if (c.disabilities.length) out.push(`<Disabilities>${c.disabilities.map((d) => el("Disability", d)).join("")}</Disabilities>`);
    out.push("</ChildCharacteristics>");
    for (const e of eps) {
      out.push("<CINdetails>", el("CINreferralDate", e.referralDate), el("ReferralSource", e.referralSource), el("PrimaryNeedCode", e.primaryNeed));
      const closure = upTo(e.closureDate);
      out.push(el("CINclosureDate", closure), el("ReasonForClosure", closure === null ? null : e.reasonForClosure), el("DateOfInitialCPC", upTo(e.dateOfInitialCpc)), el("ReferralNFA", e.nfa ? "true" : "false"));
      for (const a of (assessments.get(e.key) ?? []).filter((x) => inYear(x.start, x.authorisationDate))) {
        out.push("<Assessments>", el("AssessmentActualStartDate", a.start), el("AssessmentInternalReviewDate", upTo(a.internalReviewDate)), el("AssessmentAuthorisationDate", upTo(a.authorisationDate)));
        if (a.factors.length) out.push(`<FactorsIdentifiedAtAssessment>${a.factors.map((f) => el("AssessmentFactors", f)).join("")}</FactorsIdentifiedAtAssessment>`);
        out.push("</Assessments>");
      }
      for (const p of (plans.get(e.key) ?? []).filter((x) => inYear(x.start, x.end))) out.push("<CINPlanDates>", el("CINPlanStartDate", p.start), el("CINPlanEndDate", upTo(p.end)), "</CINPlanDates>");
      for (const s of (s47.get(e.key) ?? []).filter((x) => inYear(x.start, x.dateOfInitialCpc))) {
        out.push("<Section47>", el("S47ActualStartDate", s.start), el("InitialCPCtarget", s.initialCpcTarget), el("DateOfInitialCPC", upTo(s.dateOfInitialCpc)));
        out.push(el("ICPCnotRequired", s.icpcNotRequired === null ? null : s.icpcNotRequired ? "true" : "false"), "</Section47>");
      }
      for (const p of (cpps.get(e.key) ?? []).filter((x) => inYear(x.start, x.end))) {
        out.push("<ChildProtectionPlans>", el("CPPstartDate", p.start), el("CPPendDate", upTo(p.end)), el("InitialCategoryOfAbuse", p.initialCategory), el("LatestCategoryOfAbuse", p.latestCategory));
        out.push(el("NumberOfPreviousCPP", p.numberOfPreviousCpp === null ? null : String(p.numberOfPreviousCpp)));
        const reviews = p.reviewDates.filter((d) => upTo(d) !== null);
        if (reviews.length) out.push(`<Reviews>${reviews.map((d) => el("CPPreviewDate", d)).join("")}</Reviews>`);
        out.push("</ChildProtectionPlans>");
      }
      out.push("</CINdetails>");
    }
    out.push("</Child>");
  }
  out.push("</Children>", "</Message>");
  return `${out.join("\n")}\n`;
}
