/**
 * Demo rows for the domestic abuse coordinator's consultations and MARAC
 * referrals, the two "outputs for the system" of the DAARR and Innovation Hub
 * logic models (report Appendix 1, Figures 7 and 8) that the monitoring
 * measures `da_coordinator_consultations` and `marac_referrals` count.
 *
 * The report lists these outputs but gives no figures for them, so the rates
 * here are assumptions, stated once: the trust's one DA coordinator (1 FTE,
 * Figure 7) gives about 30 consultations a month (one or two a working day),
 * about two in three of them about a family; children's services and partner
 * agencies refer about 4 victims a month from the trust's domestic-abuse
 * families to MARAC, most at visible high risk (DASH 14+), about one in ten
 * a repeat referral within 12 months. (The canary victim's referral, which the
 * demo DV worker must never see, is a test fixture: fixtures.ts.)
 *
 * Its own generator, so it does not disturb the ids of the rest of the demo.
 */
import type { Prisma } from "../generated/prisma/client.js";
import type { MaracCriterion, DaConsultationOutcome, DaConsultationTopic } from "../generated/prisma/enums.js";
import { addDays, between, day, Rng } from "./random.js";

export interface DaWorkSeedRows {
  daConsultation: Prisma.DaConsultationCreateManyInput[];
  maracReferral: Prisma.MaracReferralCreateManyInput[];
}

export interface DaWorkSeedInput {
  seed: number;
  staff: readonly Prisma.StaffCreateManyInput[];
  family: readonly Prisma.FamilyCreateManyInput[];
  familyMember: readonly Prisma.FamilyMemberCreateManyInput[];
  /** The DA team's id (the coordinator's team). */
  daTeamId: string;
  /** Demo dates. */
  from: Date;
  to: Date;
}

/** Monthly consultations the coordinator gives (assumption, see above). */
export const CONSULTATIONS_PER_MONTH = 30;
/** Monthly MARAC referrals from the trust's domestic-abuse families (assumption, see above). */
export const MARAC_REFERRALS_PER_MONTH = 4;
/** The coordinator's staff record (fixed, so it can be found by the screens and tests). */
export const DA_COORDINATOR_STAFF_ID = "00000000-0000-4000-8000-0000000da001";
export const CANARY_MARAC_REFERRAL_ID = "00000000-0000-4000-8000-0000000da100";

const asDate = (v: unknown): Date | null => (v instanceof Date ? v : typeof v === "string" ? new Date(v) : null);

const TOPICS: readonly (readonly [DaConsultationTopic, number])[] = [
  ["risk_assessment", 30],
  ["safety_planning", 20],
  ["referral_pathway", 18],
  ["working_with_perpetrator", 12],
  ["impact_on_children", 10],
  ["case_direction", 8],
  ["other", 2],
];
const OUTCOMES: readonly (readonly [DaConsultationOutcome, number])[] = [
  ["advice_given", 40],
  ["dash_to_complete", 15],
  ["refer_to_ifp", 12],
  ["refer_to_marac", 8],
  ["refer_to_idva", 8],
  ["individual_da_work", 7],
  ["further_consultation", 6],
  ["no_further_action", 4],
];
const AGENCIES: readonly (readonly [string, number])[] = [
  ["childrens_services", 55],
  ["police", 25],
  ["domestic_abuse_service", 8],
  ["health_visiting", 4],
  ["gp", 3],
  ["mental_health", 3],
  ["probation", 2],
];

function codes<T>(rng: Rng, table: readonly (readonly [T, number])[], max: number): T[] {
  const out = new Set<T>([rng.weighted(table)]);
  while (out.size < max && rng.chance(0.35)) out.add(rng.weighted(table));
  return [...out];
}

export function daWorkRows(input: DaWorkSeedInput): DaWorkSeedRows & { coordinator: Prisma.StaffCreateManyInput } {
  const rng = new Rng(input.seed * 7919 + 0xda);
  const id = () => rng.uuid();
  const coordinator: Prisma.StaffCreateManyInput = {
    id: DA_COORDINATOR_STAFF_ID,
    name: "Jo Coordinator",
    email: "jo.coordinator@trust.example.org",
    role: "domestic_abuse_worker",
    jobTitle: "Domestic Violence/Abuse Coordinator",
    teamId: input.daTeamId,
    startDate: day("2017-04-03"),
    leaveDate: null,
    languages: ["English"],
  };

  // Who asks: social workers, family support workers, hub workers and team managers in post on the day.
  const askers = input.staff.filter((s) => ["social_worker", "family_support_worker", "hub_worker", "team_manager"].includes(s.role as string));
  const inPost = (s: Prisma.StaffCreateManyInput, d: Date) => asDate(s.startDate)! <= d && (!s.leaveDate || asDate(s.leaveDate)! > d);

  // Domestic-abuse families: those with a member in the victim role, with their open window.
  const victimsOf = new Map<string, string[]>();
  for (const m of input.familyMember) if (m.role === "victim") victimsOf.set(m.familyId, [...(victimsOf.get(m.familyId) ?? []), m.personId]);
  const daFamilies = input.family
    .filter((f) => victimsOf.has(f.id!))
    .map((f) => ({ id: f.id!, opened: asDate(f.openedAt) ?? input.from, closed: asDate(f.closedAt) ?? input.to, }));
  const openOn = (d: Date) => daFamilies.filter((f) => f.opened <= d && f.closed >= d);

  const daConsultation: Prisma.DaConsultationCreateManyInput[] = [];
  const lastReferred = new Map<string, number>();
  const maracReferral: Prisma.MaracReferralCreateManyInput[] = [];

  // Month by month, so each month lands near the stated rate.
  for (let m = new Date(input.from); m <= input.to; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
    const monthEnd = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
    const end = monthEnd > input.to ? addDays(input.to, 1) : monthEnd;
    const nConsult = CONSULTATIONS_PER_MONTH + rng.int(-6, 6);
    for (let i = 0; i < nConsult; i++) {
      let date = between(rng, m, end);
      while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date = addDays(date, date.getUTCDay() === 6 ? 2 : 1);
      if (date >= end) date = addDays(date, -3);
      const pool = askers.filter((s) => inPost(s, date));
      const asker = rng.pick(pool.length ? pool : askers);
      const open = openOn(date);
      const family = open.length && rng.chance(0.65) ? rng.pick(open) : null;
      daConsultation.push({
        id: id(),
        date,
        coordinatorStaffId: DA_COORDINATOR_STAFF_ID,
        consultedStaffId: asker.id!,
        familyId: family?.id ?? null,
        topics: codes(rng, TOPICS, 2),
        outcomes: codes(rng, OUTCOMES, 2),
      });
    }
    const nMarac = Math.max(0, MARAC_REFERRALS_PER_MONTH + rng.int(-2, 2));
    for (let i = 0; i < nMarac; i++) {
      const date = between(rng, m, end);
      // a first referral: families whose victims were not referred in the last 12 months (repeats are added below)
      const open = openOn(date).filter((f) => !victimsOf.get(f.id)!.some((v) => (lastReferred.get(v) ?? -Infinity) > addDays(date, -366).getTime()));
      if (open.length === 0) continue;
      const family = rng.pick(open);
      const victim = rng.pick(victimsOf.get(family.id)!);
      lastReferred.set(victim, date.getTime());
      maracReferral.push(referral(rng, id(), victim, family.id, date, input.to, askers, inPost));
    }
  }
  // About one in ten victims referred again within 12 months.
  const firsts = [...maracReferral];
  for (const r of firsts) {
    if (!rng.chance(0.1)) continue;
    const again = addDays(asDate(r.referredOn)!, rng.int(60, 330));
    if (again > input.to) continue;
    maracReferral.push({ ...referral(rng, id(), r.personId, r.familyId ?? null, again, input.to, askers, inPost), criteria: ["potential_escalation"] as MaracCriterion[], dashScore: rng.int(12, 22) });
  }
  return { coordinator, daConsultation, maracReferral };
}

function referral(
  rng: Rng,
  rid: string,
  personId: string,
  familyId: string | null,
  date: Date,
  lastDay: Date,
  askers: readonly Prisma.StaffCreateManyInput[],
  inPost: (s: Prisma.StaffCreateManyInput, d: Date) => boolean,
): Prisma.MaracReferralCreateManyInput {
  const agency = rng.weighted(AGENCIES);
  const high = rng.chance(0.7);
  const criteria: MaracCriterion[] = high ? ["visible_high_risk"] : [rng.weighted<MaracCriterion>([["professional_judgement", 70], ["potential_escalation", 30]])];
  const dashScore = high ? rng.int(14, 23) : rng.chance(0.8) ? rng.int(7, 13) : null;
  const conference = addDays(date, rng.int(7, 27));
  const outcome = conference > lastDay ? null : rng.weighted([["heard_actions_agreed", 88], ["heard_no_actions", 6], ["withdrawn", 3], ["not_heard_below_threshold", 3]] as const);
  const staffPool = agency === "childrens_services" ? askers.filter((s) => s.role === "social_worker" && inPost(s, date)) : [];
  return {
    id: rid,
    personId,
    familyId,
    referredOn: date,
    referringAgency: agency,
    referringStaffId: staffPool.length ? rng.pick(staffPool).id! : null,
    dashScore,
    criteria,
    conferenceDate: outcome === "heard_actions_agreed" || outcome === "heard_no_actions" ? conference : null,
    outcome,
  };
}
