/**
 * An SSD extract shaped for Evident's records (the import in @evident/db
 * writes these rows; docs/ssd.md has the mapping). Every row has `key`: the
 * SSD id it comes from, prefixed by its table (`ssd:cine:R1`), so a
 * re-import finds the same record again. Pure: no I/O.
 *
 * - people (ssd_person) → Person, kind child, names and characteristics;
 * - families: one per `fami_family_id`; a person in no family gets a family
 *   of their own (key `ssd:person:<id>`), since Evident's records and the
 *   evaluation's candidates hang off families;
 * - members: one per ssd_family row (`fami_table_id`) plus the lone persons';
 * - workers (ssd_professionals) → Staff, never a sign-in account;
 * - referrals: one per child and referral date (two SSD rows on one day are
 *   one referral, keyed on the first row's id);
 * - assessments with the factors of every ssd_assessment_factors row of the
 *   assessment (codes sorted, each once);
 * - episodes: CIN plans, CP plans, CLA episodes (with the legal status in force
 *   on the start date, so short breaks can be left out of the statuses);
 * - events: contacts, early help episodes, section 47 enquiries, initial CP
 *   conferences and legal statuses, each with its dates and details;
 * - allocations: involvements with a known worker.
 */
import { ssdClaEpisodes } from "./analysis.js";
import { factorList, sexOf } from "./codes.js";
import type { SsdExtract } from "./read.js";

export interface SsdPersonRow {
  key: string;
  personId: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  gender: "male" | "female" | "unknown";
  sex: string | null;
  ethnicity: string | null;
  upn: string | null;
}
export interface SsdFamilyRow {
  key: string;
  name: string;
}
export interface SsdMemberRow {
  key: string;
  familyKey: string;
  personId: string;
}
export interface SsdWorkerRow {
  key: string;
  professionalId: string;
  /** prof_staff_id when it is an email address: an existing staff record with this email is this worker. */
  email: string | null;
  name: string;
  jobTitle: string;
  role: "social_worker" | "family_support_worker" | "team_manager";
  /** The first day the extract shows the worker working (earliest involvement), else null. */
  since: string | null;
}
export interface SsdReferralRow {
  key: string;
  personId: string;
  date: string;
  source: string;
  primaryNeed: string | null;
  nfa: boolean;
  closedAt: string | null;
  closureReason: string | null;
  outcome: string | null;
}
export interface SsdAssessmentRow {
  key: string;
  personId: string;
  referralKey: string | null;
  workerId: string | null;
  startedAt: string;
  completedAt: string | null;
  factors: string[];
}
export interface SsdEpisodeRow {
  key: string;
  personId: string;
  status: "CIN" | "CP" | "CLA";
  start: string;
  end: string | null;
  cpInitialCategory: string | null;
  cpLatestCategory: string | null;
  claLegalStatus: string | null;
  claReasonNew: string | null;
  claReasonEnded: string | null;
  claCategoryOfNeed: string | null;
}
export type SsdEventKind = "contact" | "early_help" | "section47" | "initial_cp_conference" | "legal_status";
export interface SsdEventRow {
  key: string;
  kind: SsdEventKind;
  personId: string;
  start: string;
  end: string | null;
  /** The record's other fields (SSD names → values), without blanks. */
  details: Record<string, string>;
}
export interface SsdAllocationRow {
  key: string;
  personId: string;
  professionalId: string;
  from: string;
  to: string | null;
  role: string | null;
}

export interface SsdRecordRows {
  people: SsdPersonRow[];
  families: SsdFamilyRow[];
  members: SsdMemberRow[];
  workers: SsdWorkerRow[];
  referrals: SsdReferralRow[];
  assessments: SsdAssessmentRow[];
  episodes: SsdEpisodeRow[];
  events: SsdEventRow[];
  allocations: SsdAllocationRow[];
}

export const SSD_RECORD_KINDS = ["people", "families", "members", "workers", "referrals", "assessments", "episodes", "events", "allocations"] as const;
export type SsdRecordKind = (typeof SSD_RECORD_KINDS)[number];

export const ssdKey = {
  person: (id: string) => `ssd:pers:${id}`,
  family: (id: string) => `ssd:fami:${id}`,
  loneFamily: (personId: string) => `ssd:person:${personId}`,
  member: (tableId: string) => `ssd:fami-row:${tableId}`,
  loneMember: (personId: string) => `ssd:person:${personId}`,
  worker: (id: string) => `ssd:prof:${id}`,
  referral: (id: string) => `ssd:cine:${id}`,
  assessment: (id: string) => `ssd:cina:${id}`,
  cinPlan: (id: string) => `ssd:cinp:${id}`,
  cpPlan: (id: string) => `ssd:cppl:${id}`,
  claEpisode: (id: string) => `ssd:clae:${id}`,
  allocation: (id: string) => `ssd:invo:${id}`,
} as const;

const EVENT_PREFIX: Record<SsdEventKind, string> = { contact: "cont", early_help: "earl", section47: "s47e", initial_cp_conference: "icpc", legal_status: "lega" };

function details(record: Record<string, unknown>, skip: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (k !== "line" && !skip.includes(k) && typeof v === "string" && v !== "") out[k] = v;
  return out;
}

function roleOf(title: string): SsdWorkerRow["role"] {
  const t = title.toLowerCase();
  if (t.includes("manager")) return "team_manager";
  if (t.includes("family support") || t.includes("support worker") || t.includes("early help")) return "family_support_worker";
  return "social_worker";
}

/** The extract as rows for Evident's records. Call only on an extract without errors. */
export function ssdRecordRows(extract: Pick<SsdExtract, "tables">): SsdRecordRows {
  const t = extract.tables;
  const people: SsdPersonRow[] = t.ssd_person.map((p) => {
    const sex = sexOf(p.pers_sex, p.pers_gender);
    return {
      key: ssdKey.person(p.pers_person_id!),
      personId: p.pers_person_id!,
      firstName: p.pers_forename ?? "Child",
      lastName: p.pers_surname ?? p.pers_person_id!,
      birthDate: p.pers_dob,
      gender: sex === "M" ? "male" : sex === "F" ? "female" : "unknown",
      sex,
      ethnicity: p.pers_ethnicity,
      upn: p.pers_upn,
    };
  });
  const surname = new Map(people.map((p) => [p.personId, p.lastName]));

  const families = new Map<string, SsdFamilyRow>();
  const members: SsdMemberRow[] = [];
  const inFamily = new Set<string>();
  const memberPairs = new Set<string>();
  for (const f of t.ssd_family) {
    const key = ssdKey.family(f.fami_family_id!);
    if (!families.has(key)) families.set(key, { key, name: `${surname.get(f.fami_person_id!) ?? "Family"} (SSD family ${f.fami_family_id})` });
    // The same person twice in one family is one membership.
    const pair = `${key}\u0000${f.fami_person_id}`;
    if (!memberPairs.has(pair)) members.push({ key: ssdKey.member(f.fami_table_id!), familyKey: key, personId: f.fami_person_id! });
    memberPairs.add(pair);
    inFamily.add(f.fami_person_id!);
  }
  for (const p of people) {
    if (inFamily.has(p.personId)) continue;
    const key = ssdKey.loneFamily(p.personId);
    families.set(key, { key, name: `${p.lastName} (SSD person ${p.personId})` });
    members.push({ key: ssdKey.loneMember(p.personId), familyKey: key, personId: p.personId });
  }

  const since = new Map<string, string>();
  for (const i of t.ssd_involvements) {
    const prev = since.get(i.invo_professional_id!);
    if (i.invo_involvement_start_date !== null && (prev === undefined || i.invo_involvement_start_date < prev)) since.set(i.invo_professional_id!, i.invo_involvement_start_date);
  }
  const workers: SsdWorkerRow[] = t.ssd_professionals.map((w) => {
    const staffId = w.prof_staff_id ?? "";
    const jobTitle = w.prof_professional_job_title ?? "Social worker";
    return {
      key: ssdKey.worker(w.prof_professional_id!),
      professionalId: w.prof_professional_id!,
      email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(staffId) ? staffId.toLowerCase() : null,
      name: w.prof_professional_name ?? `Worker ${w.prof_professional_id}`,
      jobTitle,
      role: roleOf(jobTitle),
      since: since.get(w.prof_professional_id!) ?? null,
    };
  });
  const knownWorkers = new Set(workers.map((w) => w.professionalId));

  // One referral per child and date: the first row of the day gives the key and the details.
  const referrals: SsdReferralRow[] = [];
  const referralOf = new Map<string, string>();
  const firstOfDay = new Map<string, string>();
  for (const r of t.ssd_cin_episodes) {
    const day = `${r.cine_person_id}\u0000${r.cine_referral_date}`;
    const first = firstOfDay.get(day);
    if (first !== undefined) {
      referralOf.set(r.cine_referral_id!, first);
      continue;
    }
    const key = ssdKey.referral(r.cine_referral_id!);
    firstOfDay.set(day, key);
    referralOf.set(r.cine_referral_id!, key);
    referrals.push({
      key,
      personId: r.cine_person_id!,
      date: r.cine_referral_date!,
      source: r.cine_referral_source_code ?? "",
      primaryNeed: r.cine_cin_primary_need_code,
      nfa: r.cine_referral_nfa === "Y",
      closedAt: r.cine_close_date,
      closureReason: r.cine_close_reason,
      outcome: r.cine_referral_outcome_json,
    });
  }

  const factors = new Map<string, Set<string>>();
  for (const f of t.ssd_assessment_factors) {
    const set = factors.get(f.cinf_assessment_id!) ?? new Set<string>();
    for (const c of factorList(f.cinf_assessment_factors_json)) set.add(c);
    factors.set(f.cinf_assessment_id!, set);
  }
  const assessments: SsdAssessmentRow[] = t.ssd_cin_assessments.map((a) => ({
    key: ssdKey.assessment(a.cina_assessment_id!),
    personId: a.cina_person_id!,
    referralKey: a.cina_referral_id === null ? null : (referralOf.get(a.cina_referral_id) ?? null),
    workerId: a.cina_assessment_worker_id !== null && knownWorkers.has(a.cina_assessment_worker_id) ? a.cina_assessment_worker_id : null,
    startedAt: a.cina_assessment_start_date!,
    completedAt: a.cina_assessment_auth_date,
    factors: [...(factors.get(a.cina_assessment_id!) ?? [])].sort(),
  }));

  const none = { cpInitialCategory: null, cpLatestCategory: null, claLegalStatus: null, claReasonNew: null, claReasonEnded: null, claCategoryOfNeed: null };
  const episodes: SsdEpisodeRow[] = [
    ...t.ssd_cin_plans.map((p) => ({ ...none, key: ssdKey.cinPlan(p.cinp_cin_plan_id!), personId: p.cinp_person_id!, status: "CIN" as const, start: p.cinp_cin_plan_start_date!, end: p.cinp_cin_plan_end_date })),
    ...t.ssd_cp_plans.map((p) => ({
      ...none,
      key: ssdKey.cpPlan(p.cppl_cp_plan_id!),
      personId: p.cppl_person_id!,
      status: "CP" as const,
      start: p.cppl_cp_plan_start_date!,
      end: p.cppl_cp_plan_end_date,
      cpInitialCategory: p.cppl_cp_plan_initial_category,
      cpLatestCategory: p.cppl_cp_plan_latest_category,
    })),
  ];
  const claByLine = new Map(t.ssd_cla_episodes.map((e) => [e.line, e]));
  for (const e of ssdClaEpisodes(t)) {
    episodes.push({
      ...none,
      key: ssdKey.claEpisode(claByLine.get(e.source.row)!.clae_cla_episode_id!),
      personId: e.childId,
      status: "CLA",
      start: e.start,
      end: e.end,
      claLegalStatus: e.legalStatus,
      claReasonNew: e.reasonNewEpisode,
      claReasonEnded: e.reasonEnded,
      claCategoryOfNeed: e.categoryOfNeed,
    });
  }

  const events: SsdEventRow[] = [];
  const event = (kind: SsdEventKind, id: string, personId: string, start: string, end: string | null, record: Record<string, unknown>, skip: string[]) =>
    events.push({ key: `ssd:${EVENT_PREFIX[kind]}:${id}`, kind, personId, start, end, details: details(record, skip) });
  for (const c of t.ssd_contacts) event("contact", c.cont_contact_id!, c.cont_person_id!, c.cont_contact_date!, null, c, ["cont_contact_id", "cont_person_id", "cont_contact_date"]);
  for (const e of t.ssd_early_help_episodes)
    event("early_help", e.earl_episode_id!, e.earl_person_id!, e.earl_episode_start_date!, e.earl_episode_end_date, e, ["earl_episode_id", "earl_person_id", "earl_episode_start_date", "earl_episode_end_date"]);
  for (const s of t.ssd_s47_enquiry)
    event("section47", s.s47e_s47_enquiry_id!, s.s47e_person_id!, s.s47e_s47_start_date!, s.s47e_s47_end_date, s, ["s47e_s47_enquiry_id", "s47e_person_id", "s47e_s47_start_date", "s47e_s47_end_date"]);
  for (const c of t.ssd_initial_cp_conference) event("initial_cp_conference", c.icpc_icpc_id!, c.icpc_person_id!, c.icpc_icpc_date!, null, c, ["icpc_icpc_id", "icpc_person_id", "icpc_icpc_date"]);
  for (const l of t.ssd_legal_status)
    event("legal_status", l.lega_legal_status_id!, l.lega_person_id!, l.lega_legal_status_start_date!, l.lega_legal_status_end_date, l, [
      "lega_legal_status_id",
      "lega_person_id",
      "lega_legal_status_start_date",
      "lega_legal_status_end_date",
    ]);

  const allocations: SsdAllocationRow[] = [];
  for (const i of t.ssd_involvements) {
    if (!knownWorkers.has(i.invo_professional_id!)) continue;
    allocations.push({
      key: ssdKey.allocation(i.invo_involvements_id!),
      personId: i.invo_person_id!,
      professionalId: i.invo_professional_id!,
      from: i.invo_involvement_start_date!,
      to: i.invo_involvement_end_date,
      role: i.invo_professional_role_id,
    });
  }
  return { people, families: [...families.values()], members, workers, referrals, assessments, episodes, events, allocations };
}
