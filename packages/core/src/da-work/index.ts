/**
 * Domestic-abuse work that is counted in the DAARR and Innovation Hub logic
 * models' outputs for the system (report Appendix 1): consultations with the
 * domestic abuse (DA) coordinator, and referrals of victims to a
 * Multi-Agency Risk Assessment Conference (MARAC).
 *
 * - A consultation is a worker asking the DA coordinator's advice, optionally
 *   about one family; it is stored as codes (topics and outcomes), never as
 *   free text, so it carries no personal detail beyond the family id.
 * - A MARAC referral is about a victim. It sits behind the information
 *   barrier: nobody working with a perpetrator linked to the victim ever
 *   sees it (no override opens it; `barrierConflicts` in ../access).
 *
 * The MARAC criteria follow SafeLives' guidance for the DASH risk
 * identification checklist (24 questions): "visible high risk" is 14 or more
 * "yes" answers; a referral may also be made on professional judgement or on
 * potential escalation. A repeat referral is one made within 12 months of
 * the same victim's previous referral.
 */
import { z } from "zod";
import { addMonthsClamped, parseIsoDay } from "../dates.js";
import { AGENCIES } from "../records/consent.js";
import { ZDate, ZId, ZPage, ZVersion } from "../records/common.js";

// ---------------------------------------------------------------- consultations
export const DA_CONSULTATION_TOPICS = [
  "risk_assessment",
  "safety_planning",
  "referral_pathway",
  "working_with_perpetrator",
  "impact_on_children",
  "case_direction",
  "other",
] as const;
export type TDaConsultationTopic = (typeof DA_CONSULTATION_TOPICS)[number];

export const DA_CONSULTATION_OUTCOMES = [
  "advice_given",
  "dash_to_complete",
  "refer_to_marac",
  "refer_to_ifp",
  "refer_to_idva",
  "individual_da_work",
  "further_consultation",
  "no_further_action",
] as const;
export type TDaConsultationOutcome = (typeof DA_CONSULTATION_OUTCOMES)[number];

const codes = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .min(1, "choose at least one")
    .max(values.length)
    .refine((a) => new Set(a).size === a.length, { message: "each code once" });

export const ZDaConsultationCreateInput = z
  .object({
    date: ZDate,
    /** The worker who consulted the coordinator. */
    consultedStaffId: ZId,
    /** The coordinator who gave the consultation (the caller's staff record by default). */
    coordinatorStaffId: ZId.optional(),
    /** The family the consultation was about, if any. */
    familyId: ZId.optional(),
    topics: codes(DA_CONSULTATION_TOPICS),
    outcomes: codes(DA_CONSULTATION_OUTCOMES),
  })
  .strict();
export type TDaConsultationCreateInput = z.infer<typeof ZDaConsultationCreateInput>;

export const ZDaConsultationListInput = ZPage.extend({
  familyId: ZId.optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
})
  .strict()
  .refine((i) => !i.from || !i.to || i.from <= i.to, { message: "from must not be after to", path: ["to"] });

// ---------------------------------------------------------------- MARAC referrals
/** Questions on the DASH risk identification checklist. */
export const DASH_QUESTIONS = 24;
/** "Visible high risk": this many "yes" answers or more. */
export const DASH_HIGH_RISK = 14;
/** Local banding below high risk (medium from 10 "yes" answers). */
export const DASH_MEDIUM_RISK = 10;

export type TDashRiskLevel = "standard" | "medium" | "high";

/** The risk level a DASH score shows on its own (professional judgement may still raise it). */
export function dashRiskLevel(score: number): TDashRiskLevel {
  if (!Number.isInteger(score) || score < 0 || score > DASH_QUESTIONS) throw new RangeError(`a DASH score is a whole number 0..${DASH_QUESTIONS}`);
  if (score >= DASH_HIGH_RISK) return "high";
  if (score >= DASH_MEDIUM_RISK) return "medium";
  return "standard";
}

export const MARAC_CRITERIA = ["visible_high_risk", "professional_judgement", "potential_escalation"] as const;
export type TMaracCriterion = (typeof MARAC_CRITERIA)[number];

export const MARAC_REFERRING_AGENCIES = ["childrens_services", ...AGENCIES] as const;
export type TMaracReferringAgency = (typeof MARAC_REFERRING_AGENCIES)[number];

export const MARAC_OUTCOMES = ["heard_actions_agreed", "heard_no_actions", "not_heard_below_threshold", "withdrawn"] as const;
export type TMaracOutcome = (typeof MARAC_OUTCOMES)[number];

export interface MaracCriteriaInput {
  dashScore?: number | null;
  criteria: readonly TMaracCriterion[];
}

/** What is wrong with a referral's criteria (field and message), or null when it meets the MARAC threshold. */
export function maracCriteriaProblem(input: MaracCriteriaInput): { path: string; message: string } | null {
  if (input.criteria.length === 0) return { path: "criteria", message: "a MARAC referral states the criterion it meets" };
  if (input.criteria.includes("visible_high_risk")) {
    if (input.dashScore === undefined || input.dashScore === null) return { path: "dashScore", message: "visible high risk needs the DASH score" };
    if (input.dashScore < DASH_HIGH_RISK) return { path: "dashScore", message: `visible high risk is a DASH score of ${DASH_HIGH_RISK} or more; use professional judgement or escalation below that` };
  }
  return null;
}

/**
 * Marks repeat referrals: a referral made within 12 months of the same
 * victim's previous referral (on or before the day 12 months after it).
 * Returns the ids of the repeat referrals. Order of the input does not matter.
 */
export function repeatMaracReferrals(referrals: readonly { id: string; personId: string; date: string }[]): Set<string> {
  const byPerson = new Map<string, { id: string; day: number }[]>();
  for (const r of referrals) {
    const day = parseIsoDay(r.date);
    if (day === undefined) throw new RangeError(`not a date: ${r.date}`);
    const list = byPerson.get(r.personId) ?? [];
    list.push({ id: r.id, day });
    byPerson.set(r.personId, list);
  }
  const repeats = new Set<string>();
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.day - b.day || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.day <= addMonthsClamped(list[i - 1]!.day, 12)) repeats.add(list[i]!.id);
    }
  }
  return repeats;
}

export const ZMaracReferralCreateInput = z
  .object({
    /** The victim referred. */
    personId: ZId,
    /** The perpetrator, when the referral names him or her: links the pair behind the information barrier at once. */
    perpetratorPersonId: ZId.optional(),
    familyId: ZId.optional(),
    referredOn: ZDate,
    referringAgency: z.enum(MARAC_REFERRING_AGENCIES),
    /** The member of staff who made the referral (the caller's staff record by default). */
    referringStaffId: ZId.optional(),
    dashScore: z.number().int().min(0).max(DASH_QUESTIONS).optional(),
    criteria: codes(MARAC_CRITERIA),
  })
  .strict()
  .superRefine((r, ctx) => {
    const problem = maracCriteriaProblem(r);
    if (problem) ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
  });
export type TMaracReferralCreateInput = z.infer<typeof ZMaracReferralCreateInput>;

export const ZMaracOutcomeInput = z
  .object({
    id: ZId,
    version: ZVersion,
    conferenceDate: ZDate.optional(),
    outcome: z.enum(MARAC_OUTCOMES),
  })
  .strict()
  .refine((o) => o.outcome === "withdrawn" || o.outcome === "not_heard_below_threshold" || o.conferenceDate !== undefined, {
    message: "a referral heard at MARAC has the conference date",
    path: ["conferenceDate"],
  });

export const ZMaracReferralListInput = ZPage.extend({
  personId: ZId.optional(),
  familyId: ZId.optional(),
}).strict();
