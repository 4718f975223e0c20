/**
 * From an SSD extract to the `evident analyse` rows, with the same meaning
 * as the statutory returns' path (docs/statutory.md, docs/ssd.md): the SSD
 * records are put in the statutory model and handed to the same
 * toAnalysisRows, so CIN = CIN plans, CP = CP plans, CLA = periods of care
 * rebuilt from the CLA episodes (short breaks left out), referrals = every
 * CIN episode's referral date, one per child and date.
 */
import { toAnalysisRows } from "../statutory/analysis.js";
import { RESPITE_LEGAL_STATUS } from "../statutory/codes.js";
import { statutoryKey, type AnalysisRows, type AnalysisRowsOptions, type TClaEpisode, type TStatutoryExtract } from "../statutory/model.js";
import { buildCarePeriods } from "../statutory/validate.js";
import { sexOf } from "./codes.js";
import type { SsdExtract } from "./read.js";
import type { SsdRecord, SsdTables } from "./tables.js";

const RESPITE: ReadonlySet<string> = new Set(RESPITE_LEGAL_STATUS);

function byPerson<T>(rows: T[], person: (r: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const p = person(r);
    if (p === null) continue;
    const list = map.get(p);
    if (list) list.push(r);
    else map.set(p, [r]);
  }
  return map;
}

/**
 * The legal status in force on a day: the latest-starting ssd_legal_status
 * row with start ≤ day < end (blank end = still in force). null when none.
 */
export function legalStatusOn(statuses: SsdRecord<"ssd_legal_status">[] | undefined, day: string): string | null {
  let best: SsdRecord<"ssd_legal_status"> | undefined;
  for (const s of statuses ?? []) {
    const start = s.lega_legal_status_start_date;
    const end = s.lega_legal_status_end_date;
    if (start === null || start > day || (end !== null && (end < day || (end === day && start !== day)))) continue;
    if (!best || start >= best.lega_legal_status_start_date!) best = s;
  }
  return best?.lega_legal_status ?? null;
}

/**
 * The CLA episodes as SSDA903 episodes (sorted by child then start), each
 * with the legal status in force on its start date from ssd_legal_status,
 * so that short breaks (V3/V4) can be left out as the 903 path does.
 */
export function ssdClaEpisodes(tables: Pick<SsdTables, "ssd_cla_episodes" | "ssd_legal_status">): TClaEpisode[] {
  const legal = byPerson(tables.ssd_legal_status, (r) => r.lega_person_id);
  const out: TClaEpisode[] = [];
  for (const e of tables.ssd_cla_episodes) {
    if (e.clae_person_id === null || e.clae_cla_episode_start_date === null) continue;
    out.push({
      key: statutoryKey.claEpisode(e.clae_person_id, e.clae_cla_episode_start_date),
      childId: e.clae_person_id,
      start: e.clae_cla_episode_start_date,
      end: e.clae_cla_episode_ceased_date,
      reasonNewEpisode: e.clae_cla_episode_start_reason,
      legalStatus: legalStatusOn(legal.get(e.clae_person_id), e.clae_cla_episode_start_date),
      categoryOfNeed: e.clae_cla_primary_need_code,
      placement: null,
      placeProvider: null,
      reasonEnded: e.clae_cla_episode_ceased_reason,
      reasonPlaceChange: null,
      urn: null,
      source: { file: "ssd_cla_episodes.csv", row: e.line },
    });
  }
  out.sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return out;
}

/** True when a CLA episode is a short break (legal status V3/V4 on its start date). */
export function isShortBreak(e: Pick<TClaEpisode, "legalStatus">): boolean {
  return e.legalStatus !== null && RESPITE.has(e.legalStatus);
}

/** The SSD extract in the statutory model (only what the analysis rows need). */
export function ssdAsStatutory(extract: Pick<SsdExtract, "tables">): TStatutoryExtract {
  const t = extract.tables;
  const source = (file: string, row: number) => ({ file, row });
  const claEpisodes = ssdClaEpisodes(t);
  const children = t.ssd_person.map((p) => ({
    key: statutoryKey.child(p.pers_person_id!),
    childId: p.pers_person_id!,
    laChildId: null,
    linked903Cin: false,
    upn: p.pers_upn,
    formerUpn: null,
    upnUnknown: p.pers_upn_unknown,
    birthDate: p.pers_dob,
    expectedBirthDate: p.pers_expected_dob,
    deathDate: p.pers_death_date,
    sex: sexOf(p.pers_sex, p.pers_gender),
    sexLegacy: null,
    ethnicity: p.pers_ethnicity,
    disabilities: [],
    mother: null,
    motherChildBirthDate: null,
    sources: [source("ssd_person.csv", p.line)],
  }));
  const cinEpisodes = t.ssd_cin_episodes
    .filter((e) => e.cine_person_id !== null && e.cine_referral_date !== null)
    .map((e) => ({
      key: statutoryKey.cinEpisode(e.cine_person_id!, e.cine_referral_date!),
      childId: e.cine_person_id!,
      referralDate: e.cine_referral_date!,
      closureDate: e.cine_close_date,
      reasonForClosure: e.cine_close_reason,
      referralSource: e.cine_referral_source_code,
      primaryNeed: e.cine_cin_primary_need_code,
      nfa: e.cine_referral_nfa === "Y",
      dateOfInitialCpc: null,
      source: source("ssd_cin_episodes.csv", e.line),
    }));
  const referrals = cinEpisodes.map((e) => ({
    key: statutoryKey.referral(e.childId, e.referralDate),
    childId: e.childId,
    date: e.referralDate,
    referralSource: e.referralSource,
    nfa: e.nfa,
    cinEpisodeKey: e.key,
    source: e.source,
  }));
  const cinPlans = t.ssd_cin_plans
    .filter((p) => p.cinp_person_id !== null && p.cinp_cin_plan_start_date !== null)
    .map((p) => ({
      key: statutoryKey.cinPlan(p.cinp_person_id!, p.cinp_cin_plan_start_date!),
      childId: p.cinp_person_id!,
      cinEpisodeKey: "",
      start: p.cinp_cin_plan_start_date!,
      end: p.cinp_cin_plan_end_date,
      source: source("ssd_cin_plans.csv", p.line),
    }));
  const cpPlans = t.ssd_cp_plans
    .filter((p) => p.cppl_person_id !== null && p.cppl_cp_plan_start_date !== null)
    .map((p) => ({
      key: statutoryKey.cpPlan(p.cppl_person_id!, p.cppl_cp_plan_start_date!),
      childId: p.cppl_person_id!,
      cinEpisodeKey: "",
      start: p.cppl_cp_plan_start_date!,
      end: p.cppl_cp_plan_end_date,
      initialCategory: p.cppl_cp_plan_initial_category,
      latestCategory: p.cppl_cp_plan_latest_category,
      numberOfPreviousCpp: null,
      reviewDates: [],
      source: source("ssd_cp_plans.csv", p.line),
    }));
  return {
    files: [],
    children,
    claEpisodes,
    carePeriods: buildCarePeriods(claEpisodes),
    cinEpisodes,
    referrals,
    cinPlans,
    cpPlans,
    assessments: [],
    section47s: [],
    problems: [],
  };
}

/** The `evident analyse` rows and children profile from an SSD extract (the same mapping as the statutory returns). */
export function ssdToAnalysisRows(extract: Pick<SsdExtract, "tables">, options: AnalysisRowsOptions = {}): AnalysisRows {
  return toAnalysisRows(ssdAsStatutory(extract), options);
}

/** What the analysis needs from Evident's records (as exported from the database). */
export interface AnalysisRecords {
  children: { childId: string; birthDate: string | null; sex: string | null; ethnicity: string | null }[];
  /** Status episodes; CLA ones with their legal status, start and end reasons (SSDA903 codes). */
  episodes: { childId: string; status: "CIN" | "CP" | "CLA"; start: string; end: string | null; legalStatus: string | null; reasonNew: string | null; reasonEnded: string | null }[];
  referrals: { childId: string; date: string; nfa: boolean }[];
}

/**
 * Records → the `evident analyse` rows, with the same rules as convert:
 * CLA episodes joined into periods of care (short breaks left out), one
 * referral per child and day. Used to export imported records for analysis.
 */
export function recordsToAnalysisRows(records: AnalysisRecords): AnalysisRows {
  const src = { file: "records", row: 0 };
  const cla: TClaEpisode[] = records.episodes
    .filter((e) => e.status === "CLA")
    .map((e) => ({
      key: statutoryKey.claEpisode(e.childId, e.start),
      childId: e.childId,
      start: e.start,
      end: e.end,
      reasonNewEpisode: e.reasonNew,
      legalStatus: e.legalStatus,
      categoryOfNeed: null,
      placement: null,
      placeProvider: null,
      reasonEnded: e.reasonEnded,
      reasonPlaceChange: null,
      urn: null,
      source: src,
    }))
    .sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const plan = (status: "CIN" | "CP") => records.episodes.filter((e) => e.status === status);
  return toAnalysisRows({
    files: [],
    children: records.children.map((c) => ({
      key: statutoryKey.child(c.childId),
      childId: c.childId,
      laChildId: null,
      linked903Cin: false,
      upn: null,
      formerUpn: null,
      upnUnknown: null,
      birthDate: c.birthDate,
      expectedBirthDate: null,
      deathDate: null,
      sex: c.sex === "M" || c.sex === "F" || c.sex === "U" ? c.sex : null,
      sexLegacy: null,
      ethnicity: c.ethnicity,
      disabilities: [],
      mother: null,
      motherChildBirthDate: null,
      sources: [],
    })),
    claEpisodes: cla,
    carePeriods: buildCarePeriods(cla),
    cinEpisodes: [],
    referrals: records.referrals.map((r) => ({ key: statutoryKey.referral(r.childId, r.date), childId: r.childId, date: r.date, referralSource: null, nfa: r.nfa, cinEpisodeKey: "", source: src })),
    cinPlans: plan("CIN").map((e) => ({ key: statutoryKey.cinPlan(e.childId, e.start), childId: e.childId, cinEpisodeKey: "", start: e.start, end: e.end, source: src })),
    cpPlans: plan("CP").map((e) => ({
      key: statutoryKey.cpPlan(e.childId, e.start),
      childId: e.childId,
      cinEpisodeKey: "",
      start: e.start,
      end: e.end,
      initialCategory: null,
      latestCategory: null,
      numberOfPreviousCpp: null,
      reviewDates: [],
      source: src,
    })),
    assessments: [],
    section47s: [],
    problems: [],
  });
}
