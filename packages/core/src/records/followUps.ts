/**
 * Follow-up and step-down: after a programme or a hub case ends, planned
 * contacts (monthly for six months by default) and onward referrals whose
 * take-up is checked. The schedule and the due/overdue rules are pure
 * functions here.
 */
import { z } from "zod";
import { addMonthsClamped, formatIsoDay, parseIsoDay } from "../dates.js";
import { ZDate, ZId, ZPage, ZVersion, zLine } from "./common.js";
import { ZAgency, ZShareOverride } from "./consent.js";

export const FOLLOW_UP_DEFAULT_MONTHS = 6;
export const FOLLOW_UP_DEFAULT_INTERVAL_MONTHS = 1;
/** A follow-up is "due" this many days ahead of its date. */
export const FOLLOW_UP_DUE_WINDOW_DAYS = 7;
export const FOLLOW_UP_KINDS = ["contact", "onward_referral"] as const;

export interface FollowUpScheduleOptions {
  /** Planned contacts over this many months (default 6). */
  months?: number;
  /** One contact every this many months (default 1). */
  intervalMonths?: number;
}

/**
 * The planned contacts after an ending on `endDate`: one every interval
 * months until `months` have passed (31 Jan + 1 month = 28/29 Feb, then 31 Mar).
 */
export function followUpSchedule(endDate: string, options: FollowUpScheduleOptions = {}): string[] {
  const months = options.months ?? FOLLOW_UP_DEFAULT_MONTHS;
  const interval = options.intervalMonths ?? FOLLOW_UP_DEFAULT_INTERVAL_MONTHS;
  const end = parseIsoDay(endDate);
  if (end === undefined) throw new RangeError("endDate must be a real date");
  if (!Number.isInteger(months) || months < 1 || months > 24) throw new RangeError("months must be 1..24");
  if (!Number.isInteger(interval) || interval < 1 || interval > months) throw new RangeError("intervalMonths must be 1..months");
  const out: string[] = [];
  for (let m = interval; m <= months; m += interval) out.push(formatIsoDay(addMonthsClamped(end, m)));
  return out;
}

export type FollowUpState = "done" | "overdue" | "due" | "upcoming";

/** Done; overdue (past its date); due (within the window); or upcoming. */
export function followUpState(f: { dueDate: string; doneDate: string | null }, today: string, windowDays = FOLLOW_UP_DUE_WINDOW_DAYS): FollowUpState {
  if (f.doneDate) return "done";
  const due = parseIsoDay(f.dueDate)!;
  const now = parseIsoDay(today)!;
  if (due < now) return "overdue";
  if (due <= now + windowDays) return "due";
  return "upcoming";
}

/** Days a follow-up is overdue (0 when it is not). */
export function daysOverdue(f: { dueDate: string; doneDate: string | null }, today: string): number {
  if (f.doneDate) return 0;
  return Math.max(0, parseIsoDay(today)! - parseIsoDay(f.dueDate)!);
}

// ---------------------------------------------------------------- input schemas
export const ZFollowUpListInput = ZPage.extend({
  familyId: ZId.optional(),
  hubCaseId: ZId.optional(),
  enrolmentId: ZId.optional(),
  state: z.enum(["done", "overdue", "due", "upcoming", "open"]).optional(),
}).strict();

/** The caller's own (or, for a manager, their team's) follow-ups that are due or overdue. */
export const ZFollowUpDueInput = z
  .object({
    scope: z.enum(["mine", "team"]).default("mine"),
    withinDays: z.number().int().min(0).max(90).default(FOLLOW_UP_DUE_WINDOW_DAYS),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .strict();

export const ZFollowUpCreateInput = z
  .object({
    familyId: ZId,
    personId: ZId.optional(),
    hubCaseId: ZId.optional(),
    enrolmentId: ZId.optional(),
    staffId: ZId.optional(),
    kind: z.enum(FOLLOW_UP_KINDS),
    dueDate: ZDate,
    /** For an onward referral: the agency referred to. */
    service: ZAgency.optional(),
    /** For an onward referral without consent: a manager's safeguarding reason. */
    override: ZShareOverride.optional(),
  })
  .strict()
  .refine((f) => f.kind !== "onward_referral" || f.service !== undefined, { message: "an onward referral needs the service referred to", path: ["service"] })
  .refine((f) => !(f.hubCaseId && f.enrolmentId), { message: "a follow-up follows either a hub case or an enrolment", path: ["enrolmentId"] });

/** Plans the monthly contacts after a hub case or an enrolment has ended. */
export const ZFollowUpScheduleInput = z
  .object({
    hubCaseId: ZId.optional(),
    enrolmentId: ZId.optional(),
    /** Who makes the contacts; defaults to the caller. */
    staffId: ZId.optional(),
    /** Defaults to the case's end date (or the enrolment's completion or withdrawal date). */
    from: ZDate.optional(),
    months: z.number().int().min(1).max(24).default(FOLLOW_UP_DEFAULT_MONTHS),
    intervalMonths: z.number().int().min(1).max(12).default(FOLLOW_UP_DEFAULT_INTERVAL_MONTHS),
  })
  .strict()
  .refine((s) => (s.hubCaseId === undefined) !== (s.enrolmentId === undefined), { message: "give either a hub case or an enrolment", path: ["hubCaseId"] })
  .refine((s) => s.intervalMonths <= s.months, { message: "the interval cannot exceed the months planned", path: ["intervalMonths"] });

export const ZFollowUpUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z.object({ dueDate: ZDate.optional(), staffId: ZId.nullable().optional(), service: ZAgency.nullable().optional() }).strict(),
  })
  .strict();

/** Marks a follow-up done with its outcome (and, for an onward referral, whether it was taken up). */
export const ZFollowUpCompleteInput = z
  .object({ id: ZId, version: ZVersion, doneDate: ZDate, outcome: zLine(200), takenUp: z.boolean().optional() })
  .strict();
