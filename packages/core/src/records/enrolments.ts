/**
 * Referral into a domestic-abuse group and the one-to-one work that follows.
 *
 * Safety checks at referral (stored on the enrolment, not just ticked on a
 * screen): for the victims' track, the perpetrator must not have been present
 * when the referral was discussed, and the victim needs a way to travel to
 * the group that does not rely on the partner; for the perpetrators' track,
 * the partner must have been offered support separately and there must be a
 * current risk assessment.
 *
 * One-to-one work (the targeted 10-week programme for men) follows the group:
 * only someone who completed a perpetrators' group can be referred, and the
 * dates of the work must run in order.
 */
import { z } from "zod";
import { ZDate, ZId, ZPage, ZVersion, notBefore, zLine } from "./common.js";

export const ZVictimSafetyChecks = z
  .object({
    track: z.literal("victims"),
    /** The perpetrator was not present when the referral was discussed. */
    perpetratorAbsent: z.boolean(),
    /** How the victim will get to the group without relying on the partner. */
    travel: z.string().trim().max(200),
    /** Whether it is safe to contact the victim about the group (otherwise in person only). */
    safeToContact: z.boolean(),
  })
  .strict();

export const ZPerpetratorSafetyChecks = z
  .object({
    track: z.literal("perpetrators"),
    /** The partner has been offered support separately. */
    partnerOfferedSupport: z.boolean(),
    /** There is a current risk assessment for the household. */
    riskAssessed: z.boolean(),
  })
  .strict();

export const ZSafetyChecks = z.discriminatedUnion("track", [ZVictimSafetyChecks, ZPerpetratorSafetyChecks]);
export type TSafetyChecks = z.infer<typeof ZSafetyChecks>;

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Why a referral into a group on `track` cannot go ahead with these checks
 * (empty when it can). Paths name the field under `safetyChecks`.
 */
export function safetyCheckProblems(track: "victims" | "perpetrators", checks: TSafetyChecks | null | undefined): FieldProblem[] {
  if (!checks) return [{ path: "safetyChecks", message: "Record the safety checks before referring someone into a group" }];
  if (checks.track !== track) return [{ path: "safetyChecks.track", message: `These are the checks for the ${checks.track}' track, but the group is on the ${track}' track` }];
  const problems: FieldProblem[] = [];
  if (checks.track === "victims") {
    if (!checks.perpetratorAbsent) problems.push({ path: "safetyChecks.perpetratorAbsent", message: "You can only refer a victim when the perpetrator was not present. Speak to them alone first" });
    if (checks.travel.trim().length < 3) problems.push({ path: "safetyChecks.travel", message: "Say how they will get to the group without relying on their partner" });
  } else {
    if (!checks.partnerOfferedSupport) problems.push({ path: "safetyChecks.partnerOfferedSupport", message: "A perpetrator can only be referred when the partner has been offered support separately" });
    if (!checks.riskAssessed) problems.push({ path: "safetyChecks.riskAssessed", message: "A current risk assessment is needed before referral" });
  }
  return problems;
}

/** The checks as stored (JSON) and shown back: null when none were recorded (e.g. older referrals). */
export function readSafetyChecks(value: unknown): TSafetyChecks | null {
  const parsed = ZSafetyChecks.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------- one-to-one work

export const ONE_TO_ONE_STATUSES = ["referred", "started", "completed", "withdrawn"] as const;

export const ZOneToOneListInput = ZPage.extend({
  familyId: ZId.optional(),
  personId: ZId.optional(),
  open: z.boolean().optional(),
}).strict();

export const ZOneToOneCandidatesInput = z.object({ limit: z.number().int().min(1).max(100).default(100) }).strict();

export const ZOneToOneCreateInput = z
  .object({
    personId: ZId,
    /** A programme of kind one_to_one; the only active one when omitted. */
    programmeId: ZId.optional(),
    referredAt: ZDate,
    startedAt: ZDate.optional(),
    referralSource: zLine(120).optional(),
  })
  .strict()
  .refine((v) => !v.startedAt || notBefore(v.referredAt, v.startedAt), { message: "the work cannot start before the referral", path: ["startedAt"] });

export const ZOneToOneUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        status: z.enum(ONE_TO_ONE_STATUSES).optional(),
        startedAt: ZDate.nullable().optional(),
        completedAt: ZDate.nullable().optional(),
        withdrawnAt: ZDate.nullable().optional(),
        withdrawalReason: zLine(200).nullable().optional(),
      })
      .strict(),
  })
  .strict();

export interface GroupHistoryItem {
  track: "victims" | "perpetrators" | null;
  status: string;
}

/** One-to-one work follows the group: the person must have completed a perpetrators' group. */
export function oneToOneEligibilityProblem(history: readonly GroupHistoryItem[]): string | null {
  if (history.some((h) => h.track === "perpetrators" && h.status === "completed")) return null;
  return "One-to-one work is for men who have completed the perpetrators' group programme";
}

export interface EnrolmentDates {
  status: (typeof ONE_TO_ONE_STATUSES)[number];
  referredAt: string;
  startedAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason?: string | null;
}

/**
 * Problems with an enrolment's status and dates after a change (empty when
 * consistent): started and completed need their dates in order after the
 * referral; completed needs a start; withdrawn needs its date and a reason.
 */
export function enrolmentDateProblems(e: EnrolmentDates, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const future = (d: string | null, path: string, what: string) => {
    if (d && !notBefore(d, today)) out.push({ path, message: `${what} cannot be in the future` });
  };
  future(e.startedAt, "startedAt", "The start");
  future(e.completedAt, "completedAt", "The completion");
  future(e.withdrawnAt, "withdrawnAt", "The withdrawal");
  if (e.startedAt && !notBefore(e.referredAt, e.startedAt)) out.push({ path: "startedAt", message: "The work cannot start before the referral" });
  if (e.status === "started" && !e.startedAt) out.push({ path: "startedAt", message: "Give the date the work started" });
  if (e.status === "completed") {
    if (!e.startedAt) out.push({ path: "startedAt", message: "Work must have started before it is completed" });
    if (!e.completedAt) out.push({ path: "completedAt", message: "Give the date the work was completed" });
    else if (e.startedAt && !notBefore(e.startedAt, e.completedAt)) out.push({ path: "completedAt", message: "The work cannot be completed before it started" });
  } else if (e.completedAt) out.push({ path: "completedAt", message: "Only completed work has a completion date" });
  if (e.status === "withdrawn") {
    if (!e.withdrawnAt) out.push({ path: "withdrawnAt", message: "Give the date they withdrew" });
    else if (!notBefore(e.referredAt, e.withdrawnAt)) out.push({ path: "withdrawnAt", message: "They cannot withdraw before the referral" });
    if (!e.withdrawalReason) out.push({ path: "withdrawalReason", message: "Give the reason they withdrew" });
  }
  return out;
}

// ---------------------------------------------------------------- withdrawal and completion in a group
export interface GroupMember {
  status: (typeof ONE_TO_ONE_STATUSES)[number];
  /** Sessions marked "attended". */
  attended: number;
}

/**
 * Whether someone counts as meeting the group's completion rule: at least
 * `threshold` sessions attended, and not withdrawn. Someone who withdrew is
 * never a completer, whatever they attended before withdrawing.
 */
export function meetsCompletion(m: GroupMember, threshold: number): boolean {
  return m.status !== "withdrawn" && m.attended >= threshold;
}

export interface GroupCompletionSummary {
  /** People on the register: everyone referred except those who withdrew. */
  onRegister: number;
  withdrawn: number;
  /** On the register and attended at least the threshold. */
  meetingThreshold: number;
  /** Recorded as completed. */
  completed: number;
}

/** The register and completion counts for a group: withdrawn people are left out of the register and of the completers. */
export function groupCompletionSummary(members: readonly GroupMember[], threshold: number): GroupCompletionSummary {
  const active = members.filter((m) => m.status !== "withdrawn");
  return {
    onRegister: active.length,
    withdrawn: members.length - active.length,
    meetingThreshold: active.filter((m) => meetsCompletion(m, threshold)).length,
    completed: active.filter((m) => m.status === "completed").length,
  };
}

/**
 * The change that re-instates a withdrawn enrolment: back to "started" if the
 * work had started, else "referred"; the withdrawal's date and reason are cleared.
 */
export function reinstatement(e: { status: string; startedAt: string | null }): { status: "referred" | "started"; withdrawnAt: null; withdrawalReason: null } | null {
  if (e.status !== "withdrawn") return null;
  return { status: e.startedAt ? "started" : "referred", withdrawnAt: null, withdrawalReason: null };
}

/**
 * Why a session's attendance cannot be marked for this enrolment (null when it can):
 * someone who withdrew is not marked at sessions on or after the day they withdrew.
 */
export function registerMarkProblem(e: { status: string; withdrawnAt: string | null }, sessionDay: string): string | null {
  if (e.status === "withdrawn" && e.withdrawnAt && notBefore(e.withdrawnAt, sessionDay)) return "This person withdrew before this session, so is not on its register";
  return null;
}

/** Whether an enrolment is on the register of a session held on `sessionDay`: everyone but those who had withdrawn by then. */
export function onRegister(e: { status: string; withdrawnAt: string | null }, sessionDay: string): boolean {
  return registerMarkProblem(e, sessionDay) === null;
}

/** A group has finished once its last planned weekly session is past (start + sessions × 7 days). */
export function groupFinished(group: { startDate: string; sessionsPlanned: number }, today: string): boolean {
  const start = Date.parse(`${group.startDate}T00:00:00Z`);
  const last = new Date(start + (Math.max(1, group.sessionsPlanned) - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  return last < today;
}

export const ZGroupsForReferralInput = z.object({ track: z.enum(["victims", "perpetrators"]).optional() }).strict().optional();
