/**
 * The minimal plain records the monitoring measures read. They are
 * deliberately small: the API maps its stored rows onto them, and an analyst
 * can build them from a spreadsheet. Every record has an `id` so that each
 * figure can list exactly which records it counted.
 *
 * Dates are ISO calendar dates (`YYYY-MM-DD`). Episodes follow the glossary:
 * a status held over [start, end) — the end day itself is not in the episode.
 */
import { z } from "zod";
import { ZIsoDate } from "../dates.js";
import { isNotBefore } from "./periods.js";
import { ZStatus } from "../statuses.js";

const id = z.string().min(1).max(200);

/**
 * CIN census assessment-factor codes for domestic violence (3A child, 3B parent
 * or carer, 3C another household member is the subject). A referral whose
 * reasons include one of these counts as a domestic abuse referral.
 */
export const DOMESTIC_ABUSE_REASON_CODES = ["3A", "3B", "3C"] as const;

export const ZMonitoringReferral = z
  .object({
    id,
    childId: id,
    date: ZIsoDate,
    /** Reason codes (CIN census factor codes or local codes). */
    reasons: z.array(z.string().max(50)).max(50),
    /** Set when domestic abuse was recorded as a reason, whatever the codes. */
    domesticAbuse: z.boolean().optional(),
  })
  .strict();
export type TMonitoringReferral = z.infer<typeof ZMonitoringReferral>;

/** A referral counts as a domestic abuse referral if flagged, or if a reason is 3A, 3B or 3C. */
export function isDomesticAbuseReferral(referral: Pick<TMonitoringReferral, "reasons" | "domesticAbuse">): boolean {
  if (referral.domesticAbuse === true) return true;
  return referral.reasons.some((code) => (DOMESTIC_ABUSE_REASON_CODES as readonly string[]).includes(code.trim().toUpperCase()));
}

export const ZMonitoringEpisode = z
  .object({
    id,
    childId: id,
    status: ZStatus,
    start: ZIsoDate,
    /** Exclusive end (the day the status ended); null while open. */
    end: ZIsoDate.nullable(),
    /** For CP episodes: a perpetrator of domestic abuse is known. */
    perpetratorKnown: z.boolean().optional(),
  })
  .strict()
  .refine((e) => e.end === null || isNotBefore(e.end, e.start), { message: "the episode ends before it starts", path: ["end"] });
export type TMonitoringEpisode = z.infer<typeof ZMonitoringEpisode>;

export const MONITORING_ASSESSMENT_LEVELS = ["EARLY_HELP", "CIN"] as const;
export const ZMonitoringAssessmentLevel = z.enum(MONITORING_ASSESSMENT_LEVELS);
export type TMonitoringAssessmentLevel = z.infer<typeof ZMonitoringAssessmentLevel>;

export const ZMonitoringAssessment = z
  .object({
    id,
    childId: id,
    /** EARLY_HELP = level 1, CIN = level 2. */
    level: ZMonitoringAssessmentLevel,
    /** The day the case was allocated to a worker. */
    allocatedOn: ZIsoDate,
    /** The day the assessment was completed (authorised); null while in progress. */
    completedOn: ZIsoDate.nullable(),
  })
  .strict()
  .refine((a) => a.completedOn === null || isNotBefore(a.completedOn, a.allocatedOn), {
    message: "the assessment is completed before the case was allocated",
    path: ["completedOn"],
  });
export type TMonitoringAssessment = z.infer<typeof ZMonitoringAssessment>;

export const MONITORED_PROGRAMMES = [
  "INSPIRING_FAMILIES",
  "ONE_TO_ONE_MEN",
  "RECOVERY_TOOLKIT_ADULT",
  "RECOVERY_TOOLKIT_CYP",
  "INDIVIDUAL_DA_WORK",
  "INDIVIDUAL_CHILD_WORK",
  "CLINICAL_INTERVENTION",
] as const;
export const ZMonitoredProgramme = z.enum(MONITORED_PROGRAMMES);
export type TMonitoredProgramme = z.infer<typeof ZMonitoredProgramme>;

export const MONITORING_PARTICIPANT_ROLES = ["victim", "perpetrator", "child", "parent_carer"] as const;
export const ZMonitoringParticipantRole = z.enum(MONITORING_PARTICIPANT_ROLES);
export type TMonitoringParticipantRole = z.infer<typeof ZMonitoringParticipantRole>;

export const ZMonitoringEnrolment = z
  .object({
    id,
    personId: id,
    programme: ZMonitoredProgramme,
    role: ZMonitoringParticipantRole,
    referredOn: ZIsoDate,
    startedOn: ZIsoDate.nullable().optional(),
    /** The day the person completed the programme (met its completion rule); null if not (yet). */
    completedOn: ZIsoDate.nullable(),
    withdrawnOn: ZIsoDate.nullable().optional(),
  })
  .strict();
export type TMonitoringEnrolment = z.infer<typeof ZMonitoringEnrolment>;

/** A consultation with the domestic abuse coordinator. */
export const ZMonitoringDaConsultation = z
  .object({ id, date: ZIsoDate, familyId: id.nullable().optional() })
  .strict();
export type TMonitoringDaConsultation = z.infer<typeof ZMonitoringDaConsultation>;

/** A referral to a Multi-Agency Risk Assessment Conference. */
export const ZMonitoringMaracReferral = z
  .object({ id, date: ZIsoDate, personId: id.nullable().optional(), familyId: id.nullable().optional() })
  .strict();
export type TMonitoringMaracReferral = z.infer<typeof ZMonitoringMaracReferral>;

export const MONITORING_HUB_CLOSURE_REASONS = [
  "NO_FURTHER_ACTION",
  "SIGNPOSTING_ONLY",
  "STEP_DOWN",
  "ESCALATED",
  "COMPLETED",
  "OTHER",
] as const;
export const ZMonitoringHubClosureReason = z.enum(MONITORING_HUB_CLOSURE_REASONS);
export type TMonitoringHubClosureReason = z.infer<typeof ZMonitoringHubClosureReason>;

export const ZMonitoringHubCase = z
  .object({
    id,
    familyId: id,
    referredOn: ZIsoDate,
    closedOn: ZIsoDate.nullable(),
    closureReason: ZMonitoringHubClosureReason.nullable(),
  })
  .strict();
export type TMonitoringHubCase = z.infer<typeof ZMonitoringHubCase>;

/** One member of staff on one training session's register. */
export const ZMonitoringTrainingAttendance = z
  .object({ id, staffId: id, courseId: id, date: ZIsoDate, attended: z.boolean() })
  .strict();
export type TMonitoringTrainingAttendance = z.infer<typeof ZMonitoringTrainingAttendance>;

/** Everything a measure may read; each measure uses only its own part. */
export const ZMonitoringData = z
  .object({
    referrals: z.array(ZMonitoringReferral).optional(),
    episodes: z.array(ZMonitoringEpisode).optional(),
    assessments: z.array(ZMonitoringAssessment).optional(),
    enrolments: z.array(ZMonitoringEnrolment).optional(),
    daConsultations: z.array(ZMonitoringDaConsultation).optional(),
    maracReferrals: z.array(ZMonitoringMaracReferral).optional(),
    hubCases: z.array(ZMonitoringHubCase).optional(),
    trainingAttendances: z.array(ZMonitoringTrainingAttendance).optional(),
  })
  .strict();
export type TMonitoringData = z.infer<typeof ZMonitoringData>;
