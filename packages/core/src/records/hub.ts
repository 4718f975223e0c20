/**
 * Multi-agency hub cases: a lead worker, a plan of up to 16 weeks with a
 * weekly visit, three team-around-the-family meetings (initial, mid-point,
 * closure) with the agencies present and the actions agreed (owner, due
 * date, done), the agencies involved with the family, and a step-down plan.
 * The plan and progress rules are pure functions here; the API stores them.
 */
import { z } from "zod";
import { formatIsoDay, parseIsoDay } from "../dates.js";
import { ZDate, ZId, ZPage, ZVersion, notBefore, zLine, zText } from "./common.js";
import { ZAgency, ZShareOverride } from "./consent.js";
import { ZDateTime } from "./schemas.js";
import { zOutsidePlanReason } from "./case-checks.js";

/** A hub case lasts up to 16 weeks. */
export const HUB_PLAN_WEEKS = 16;
export const MEETING_KINDS = ["initial", "mid_point", "closure"] as const;
export type TMeetingKind = (typeof MEETING_KINDS)[number];
export const HUB_CASE_STATUSES = ["open", "closed", "stepped_down", "escalated"] as const;
/** How each hub case status reads on screen. */
export const HUB_CASE_STATUS_LABELS: Record<(typeof HUB_CASE_STATUSES)[number], string> = { open: "Open", closed: "Closed", stepped_down: "Stepped down", escalated: "Escalated" };
export const VISIT_MODES = ["home", "office", "phone", "video"] as const;

export interface HubPlan {
  startDate: string;
  weeks: number;
  plannedEndDate: string;
  /** When the mid-point meeting is due (half way, rounded down to a whole week). */
  midPointDue: string;
  /** The Monday-agnostic start of each planned week (week 1 starts on the start date). */
  weekStarts: string[];
}

/** The plan for a hub case starting on `startDate` and lasting `weeks` (1..16) weeks. */
export function hubPlan(startDate: string, weeks = HUB_PLAN_WEEKS): HubPlan {
  const start = parseIsoDay(startDate);
  if (start === undefined) throw new RangeError("startDate must be a real date");
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > HUB_PLAN_WEEKS) throw new RangeError(`a hub case lasts 1 to ${HUB_PLAN_WEEKS} weeks`);
  return {
    startDate,
    weeks,
    plannedEndDate: formatIsoDay(start + weeks * 7),
    midPointDue: formatIsoDay(start + Math.floor(weeks / 2) * 7),
    weekStarts: Array.from({ length: weeks }, (_, i) => formatIsoDay(start + i * 7)),
  };
}

export interface HubProgressInput {
  startDate: string;
  plannedEndDate: string;
  endDate: string | null;
  /** Days of visits (YYYY-MM-DD). */
  visits: readonly string[];
  /** Kinds of meetings held. */
  meetingsHeld: readonly TMeetingKind[];
  today: string;
}

export interface HubProgress {
  /** The current week of the plan (1-based, capped at the planned number of weeks); 0 before the start. */
  week: number;
  weeksPlanned: number;
  /** Weeks of the plan elapsed so far (to today or the end date) without a visit. */
  weeksWithoutVisit: number[];
  visitsRecorded: number;
  meetings: Record<TMeetingKind, boolean>;
  /** The next meeting that is due and not yet held, or null. */
  nextMeeting: TMeetingKind | null;
  /** Open past the planned end date. */
  overrun: boolean;
}

/**
 * Where a hub case's plan stands today: the week, weeks without a visit, meetings held and the next one due,
 * and whether it has run past its planned end.
 */
export function hubProgress(input: HubProgressInput): HubProgress {
  const start = parseIsoDay(input.startDate)!;
  const plannedEnd = parseIsoDay(input.plannedEndDate)!;
  const end = input.endDate ? parseIsoDay(input.endDate)! : undefined;
  const today = parseIsoDay(input.today)!;
  const weeksPlanned = Math.max(1, Math.ceil((plannedEnd - start) / 7));
  const upTo = Math.min(end ?? today, plannedEnd);
  const elapsedDays = upTo - start;
  const week = elapsedDays < 0 ? 0 : Math.min(weeksPlanned, Math.floor(elapsedDays / 7) + 1);
  const visitedWeeks = new Set<number>();
  for (const v of input.visits) {
    const d = parseIsoDay(v);
    if (d === undefined || d < start) continue;
    visitedWeeks.add(Math.floor((d - start) / 7) + 1);
  }
  // Only whole weeks that have finished count as missed.
  const finishedWeeks = elapsedDays < 0 ? 0 : Math.min(weeksPlanned, Math.floor(elapsedDays / 7));
  const weeksWithoutVisit: number[] = [];
  for (let w = 1; w <= finishedWeeks; w++) if (!visitedWeeks.has(w)) weeksWithoutVisit.push(w);
  const held = new Set(input.meetingsHeld);
  const meetings = { initial: held.has("initial"), mid_point: held.has("mid_point"), closure: held.has("closure") };
  const nextMeeting = MEETING_KINDS.find((k) => !held.has(k)) ?? null;
  return { week, weeksPlanned, weeksWithoutVisit, visitsRecorded: input.visits.length, meetings, nextMeeting, overrun: end === undefined && today > plannedEnd };
}

/**
 * May a meeting of `kind` be recorded for a case that already has meetings
 * of `existing` kinds? Each kind once; the initial meeting comes first.
 */
export function meetingKindProblem(existing: readonly TMeetingKind[], kind: TMeetingKind): string | null {
  if (existing.includes(kind)) return `this case already has a ${kind.replace("_", "-")} meeting`;
  if (kind !== "initial" && !existing.includes("initial")) return "record the initial meeting first";
  return null;
}

// ---------------------------------------------------------------- input schemas
export const ZHubCaseListInput = ZPage.extend({
  familyId: ZId.optional(),
  status: z.enum(HUB_CASE_STATUSES).optional(),
  /** Only cases the caller leads. */
  mine: z.boolean().optional(),
}).strict();

export const ZHubCaseCreateInput = z
  .object({
    familyId: ZId,
    leadWorkerStaffId: ZId.optional(),
    programmeId: ZId.optional(),
    startDate: ZDate,
    weeks: z.number().int().min(1).max(HUB_PLAN_WEEKS).default(HUB_PLAN_WEEKS),
  })
  .strict();

export const ZHubCaseUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        leadWorkerStaffId: ZId.optional(),
        plannedEndDate: ZDate.optional(),
        endDate: ZDate.nullable().optional(),
        status: z.enum(HUB_CASE_STATUSES).optional(),
        closureReason: zLine(200).nullable().optional(),
      })
      .strict(),
  })
  .strict();

export const ZHubVisitCreateInput = z
  .object({ hubCaseId: ZId, at: ZDateTime, mode: z.enum(VISIT_MODES).default("home"), notes: zText(4000).optional(), outsidePlanReason: zOutsidePlanReason.optional() })
  .strict();

export const ZHubVisitUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z.object({ at: ZDateTime.optional(), mode: z.enum(VISIT_MODES).optional(), notes: zText(4000).nullable().optional(), outsidePlanReason: zOutsidePlanReason.nullable().optional() }).strict(),
  })
  .strict();

export const ZMeetingAgencyInput = z
  .object({ agency: ZAgency, attendee: zLine(120).optional(), attended: z.boolean().default(true) })
  .strict();

const uniqueAgencies = (list: readonly { agency: string }[]) => new Set(list.map((a) => a.agency)).size === list.length;

export const ZMeetingListInput = z.object({ hubCaseId: ZId }).strict();

export const ZMeetingCreateInput = z
  .object({
    hubCaseId: ZId,
    kind: z.enum(MEETING_KINDS),
    at: ZDateTime,
    held: z.boolean().default(true),
    notes: zText(4000).optional(),
    outsidePlanReason: zOutsidePlanReason.optional(),
    agencies: z.array(ZMeetingAgencyInput).max(20).default([]),
  })
  .strict()
  .refine((m) => uniqueAgencies(m.agencies), { message: "each agency once", path: ["agencies"] });

export const ZMeetingUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        at: ZDateTime.optional(),
        held: z.boolean().optional(),
        notes: zText(4000).nullable().optional(),
        outsidePlanReason: zOutsidePlanReason.nullable().optional(),
        /** Replaces the list of agencies present. */
        agencies: z.array(ZMeetingAgencyInput).max(20).optional(),
      })
      .strict()
      .refine((p) => !p.agencies || uniqueAgencies(p.agencies), { message: "each agency once", path: ["agencies"] }),
  })
  .strict();

/** Share the family's details from a meeting with one agency (consent is checked per person). */
export const ZMeetingShareInput = z.object({ meetingId: ZId, agency: ZAgency, override: ZShareOverride.optional() }).strict();

export const ZActionCreateInput = z
  .object({
    meetingId: ZId,
    description: zLine(500),
    ownerStaffId: ZId.optional(),
    ownerAgency: ZAgency.optional(),
    dueDate: ZDate.optional(),
  })
  .strict()
  .refine((a) => (a.ownerStaffId === undefined) !== (a.ownerAgency === undefined), { message: "give an owner: a member of staff or an agency", path: ["ownerStaffId"] });

export const ZActionUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        description: zLine(500).optional(),
        ownerStaffId: ZId.nullable().optional(),
        ownerAgency: ZAgency.nullable().optional(),
        dueDate: ZDate.nullable().optional(),
        done: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export const ZAgencyInvolvementCreateInput = z
  .object({ hubCaseId: ZId, agency: ZAgency, role: zLine(200).optional(), fromDate: ZDate, toDate: ZDate.optional() })
  .strict()
  .refine((a) => !a.toDate || notBefore(a.fromDate, a.toDate), { message: "the end date must not be before the start date", path: ["toDate"] });

export const ZAgencyInvolvementUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z.object({ role: zLine(200).nullable().optional(), fromDate: ZDate.optional(), toDate: ZDate.nullable().optional() }).strict(),
  })
  .strict();

export const ZStepDownCreateInput = z
  .object({ hubCaseId: ZId, agreedAt: ZDate, toService: zLine(120), reviewDate: ZDate.optional(), notes: zText(4000).optional() })
  .strict()
  .refine((s) => !s.reviewDate || notBefore(s.agreedAt, s.reviewDate), { message: "the review must not be before the plan is agreed", path: ["reviewDate"] });

export const ZStepDownUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z.object({ toService: zLine(120).optional(), reviewDate: ZDate.nullable().optional(), notes: zText(4000).nullable().optional() }).strict(),
  })
  .strict();
