/**
 * Refresher reminders: the notifications to create for completions that are
 * about to expire or have expired. Each carries a stable key so the caller
 * can store it and never create the same notification twice.
 */
import { dayOf, formatIsoDay } from "../dates.js";
import { DomainError } from "../errors.js";
import type { TCourse, TTrainingCompletion, TTrainingStaff } from "./schemas.js";
import { completionsByStaff, isCurrentStaff, trainingStatus } from "./status.js";

export const DEFAULT_REMINDER_LEAD_DAYS = [60, 30, 7] as const;

export interface TrainingReminder {
  /** Stable: `training-expiry:<staffId>:<courseId>:<expiresOn>:<lead|expired>:<learner|manager>`. */
  key: string;
  kind: "expiring" | "expired";
  recipientStaffId: string;
  audience: "learner" | "manager";
  /** Whose training it is. */
  staffId: string;
  courseId: string;
  expiresOn: string;
  /** The lead time this reminder is for (0 for "expired"). */
  leadDays: number;
  /** The day the reminder became due. */
  dueOn: string;
  title: string;
  body: string;
}

export interface RemindersOptions {
  /** Keys already created; they are left out. */
  alreadySent?: Iterable<string>;
  /** Also tell learner and manager once a completion has expired. Default true. */
  includeExpired?: boolean;
  /** Send the "expired" notice only up to this many days after the expiry day (default: no limit). */
  expiredWithinDays?: number;
}

/**
 * For every current member of staff and every course with a validity period
 * that they have completed: the reminder for the most recent lead time
 * reached (e.g. 30 days before expiry, not also 60, when asOf falls between
 * them), or an "expired" notice from the expiry day. Each goes to the learner
 * and, when they have one, their manager. Sorted by key; no duplicates.
 */
export function remindersDue(
  staff: readonly TTrainingStaff[],
  courses: readonly TCourse[],
  completions: readonly TTrainingCompletion[],
  asOf: string,
  leadDays: readonly number[] = DEFAULT_REMINDER_LEAD_DAYS,
  options: RemindersOptions = {},
): TrainingReminder[] {
  if (leadDays.some((d) => !Number.isInteger(d) || d <= 0)) throw new DomainError("INVALID_INPUT", "reminder lead times must be whole numbers of days, at least 1");
  const today = dayOf(asOf);
  const sent = new Set(options.alreadySent ?? []);
  const includeExpired = options.includeExpired ?? true;
  const leads = [...new Set(leadDays)].sort((a, b) => a - b); // smallest (most urgent) first
  const byStaff = completionsByStaff(completions);
  const out = new Map<string, TrainingReminder>();

  for (const person of staff) {
    if (!isCurrentStaff(person, asOf)) continue;
    const mine = byStaff.get(person.id) ?? [];
    if (mine.length === 0) continue;
    for (const course of courses) {
      if (course.validityMonths === null) continue;
      const st = trainingStatus(person, course, mine, asOf);
      if (st.expiresOn === null || st.daysToExpiry === null) continue;
      let kind: "expiring" | "expired";
      let lead: number;
      if (st.daysToExpiry <= 0) {
        if (!includeExpired) continue;
        if (options.expiredWithinDays !== undefined && -st.daysToExpiry > options.expiredWithinDays) continue;
        kind = "expired";
        lead = 0;
      } else {
        const reached = leads.find((d) => st.daysToExpiry! <= d);
        if (reached === undefined) continue;
        kind = "expiring";
        lead = reached;
      }
      const expiry = dayOf(st.expiresOn);
      const dueOn = formatIsoDay(expiry - lead);
      const recipients: ["learner" | "manager", string][] = [["learner", person.id]];
      if (person.managerId && person.managerId !== person.id) recipients.push(["manager", person.managerId]);
      for (const [audience, recipientStaffId] of recipients) {
        const key = `training-expiry:${person.id}:${course.id}:${st.expiresOn}:${kind === "expired" ? "expired" : lead}:${audience}`;
        if (sent.has(key) || out.has(key)) continue;
        const whose = audience === "learner" ? "Your" : `${person.name}'s`;
        const title =
          kind === "expired" ? `${whose} ${course.title} training has expired` : `${whose} ${course.title} training expires in ${expiry - today} day${expiry - today === 1 ? "" : "s"}`;
        const body =
          kind === "expired"
            ? `${whose} completion of "${course.title}" expired on ${st.expiresOn}. Book a refresher session.`
            : `${whose} completion of "${course.title}" expires on ${st.expiresOn}. Book a refresher before then.`;
        out.set(key, { key, kind, recipientStaffId, audience, staffId: person.id, courseId: course.id, expiresOn: st.expiresOn, leadDays: lead, dueOn, title, body });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
