/**
 * Expiry and status of a course completion, and who counts as current staff.
 *
 * A completion made on day C of a course valid for M months expires on
 * C + M calendar months (clamped to the month's end, as `addMonthsClamped`):
 * it is valid on every day from C up to the day before, and from the expiry
 * day on a refresher is due. A course with no validity never expires.
 */
import { addMonthsClamped, dayOf, formatIsoDay, type DayNumber } from "../dates.js";
import type { TCourse, TTrainingCompletion, TTrainingStaff } from "./schemas.js";

export const DEFAULT_EXPIRING_SOON_DAYS = 60;

export const TRAINING_STATUSES = ["valid", "expiring_soon", "expired", "never_completed"] as const;
export type TTrainingStatusValue = (typeof TRAINING_STATUSES)[number];

/** The day a completion expires (the first day it is no longer valid), or null if the course never expires. */
export function completionExpiry(course: Pick<TCourse, "validityMonths">, completedOn: string): string | null {
  if (course.validityMonths === null) return null;
  return formatIsoDay(addMonthsClamped(dayOf(completedOn), course.validityMonths));
}

/** Day-number form of `completionExpiry`; `Infinity` for never. */
export function expiryDay(course: Pick<TCourse, "validityMonths">, completedOn: DayNumber): number {
  return course.validityMonths === null ? Number.POSITIVE_INFINITY : addMonthsClamped(completedOn, course.validityMonths);
}

/** Whether a completion is valid on a day: completed on or before it and not yet expired. */
export function isCompletionValidOn(course: Pick<TCourse, "validityMonths">, completedOn: string, on: string): boolean {
  const c = dayOf(completedOn);
  const d = dayOf(on);
  return c <= d && d < expiryDay(course, c);
}

/** Current staff on a day: joined on or before it and not left before it (the leaving day still counts). */
export function isCurrentStaff(staff: Pick<TTrainingStaff, "joinedOn" | "leftOn">, asOf: string): boolean {
  return staff.joinedOn <= asOf && (staff.leftOn === null || staff.leftOn >= asOf);
}

export interface TrainingStatus {
  staffId: string;
  courseId: string;
  status: TTrainingStatusValue;
  /** The completion the status rests on: the valid one expiring last, else the latest one; null if never completed. */
  completedOn: string | null;
  /** Its expiry day (first day no longer valid); null if never completed or the course never expires. */
  expiresOn: string | null;
  /** Days from asOf to expiresOn (negative once expired); null when there is no expiry. */
  daysToExpiry: number | null;
}

export interface TrainingStatusOptions {
  /** "Expiring soon" = expiry within this many days after asOf. Default 60. */
  soonDays?: number;
}

/**
 * A member of staff's status for one course on a day. Completions dated after
 * asOf are ignored (they had not happened yet).
 */
export function trainingStatus(
  staff: Pick<TTrainingStaff, "id">,
  course: Pick<TCourse, "id" | "validityMonths">,
  completions: readonly TTrainingCompletion[],
  asOf: string,
  options: TrainingStatusOptions = {},
): TrainingStatus {
  const soonDays = options.soonDays ?? DEFAULT_EXPIRING_SOON_DAYS;
  const today = dayOf(asOf);
  let bestDone: number | undefined;
  let bestExpiry = Number.NEGATIVE_INFINITY;
  for (const c of completions) {
    if (c.staffId !== staff.id || c.courseId !== course.id) continue;
    const done = dayOf(c.completedOn);
    if (done > today) continue;
    const expiry = expiryDay(course, done);
    if (bestDone === undefined || expiry > bestExpiry || (expiry === bestExpiry && done > bestDone)) {
      bestDone = done;
      bestExpiry = expiry;
    }
  }
  if (bestDone === undefined) {
    return { staffId: staff.id, courseId: course.id, status: "never_completed", completedOn: null, expiresOn: null, daysToExpiry: null };
  }
  const completedOn = formatIsoDay(bestDone);
  if (!Number.isFinite(bestExpiry)) {
    return { staffId: staff.id, courseId: course.id, status: "valid", completedOn, expiresOn: null, daysToExpiry: null };
  }
  const daysToExpiry = bestExpiry - today;
  const status: TTrainingStatusValue = daysToExpiry <= 0 ? "expired" : daysToExpiry <= soonDays ? "expiring_soon" : "valid";
  return { staffId: staff.id, courseId: course.id, status, completedOn, expiresOn: formatIsoDay(bestExpiry), daysToExpiry };
}

/** True for "valid" and "expiring_soon": the person holds a valid completion. */
export function holdsValid(status: TrainingStatus | TTrainingStatusValue): boolean {
  const s = typeof status === "string" ? status : status.status;
  return s === "valid" || s === "expiring_soon";
}

/**
 * Whether a held qualification covers a required one: equal, or a more
 * general prefix by whole segments (`facilitator:inspiring_families` covers
 * `facilitator:inspiring_families:victims`, but not the other way round).
 */
export function qualificationCovers(held: string, required: string): boolean {
  return held === required || required.startsWith(`${held}:`);
}

/** Index of completions by staff id, for the bulk rules. */
export function completionsByStaff(completions: readonly TTrainingCompletion[]): Map<string, TTrainingCompletion[]> {
  const map = new Map<string, TTrainingCompletion[]>();
  for (const c of completions) {
    const list = map.get(c.staffId);
    if (list) list.push(c);
    else map.set(c.staffId, [c]);
  }
  return map;
}
