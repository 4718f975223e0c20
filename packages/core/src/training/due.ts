/**
 * "Overdue" and "due soon": where an assignment stands on a day, the lists a
 * manager sees per member of staff (open assignments plus mandatory courses
 * expired or expiring), and the one-off reminders for overdue assignments.
 * Dates are ISO `YYYY-MM-DD` strings.
 */
import { dayOf, formatIsoDay } from "../dates.js";
import { DomainError } from "../errors.js";
import type { TAssignmentSource } from "./manual.js";
import type { TTrainingStatusValue } from "./status.js";

export const ASSIGNMENT_STATES = ["done", "overdue", "due_soon", "open"] as const;
export type TAssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Default window for "due soon": due within this many days after asOf. */
export const DEFAULT_DUE_SOON_DAYS = 30;

/**
 * Where an assignment stands on `asOf`: "done" when completed; otherwise
 * "overdue" from the day after its due date (the due day itself is still on
 * time), "due_soon" when due within `soonDays` days (asOf + soonDays
 * included), else "open".
 */
export function assignmentDueState(done: boolean, dueOn: string, asOf: string, soonDays: number = DEFAULT_DUE_SOON_DAYS): TAssignmentState {
  if (!Number.isInteger(soonDays) || soonDays < 0) throw new DomainError("INVALID_INPUT", "the due-soon window must be a whole number of days, 0 or more", [{ path: ["soonDays"], message: "must be 0 or more" }]);
  if (done) return "done";
  const due = dayOf(dueOn);
  const today = dayOf(asOf);
  if (due < today) return "overdue";
  if (due <= today + soonDays) return "due_soon";
  return "open";
}

/** One assignment of a person, with its state already decided (see `assignmentDueState`). */
export interface DueAssignment {
  kind: "module" | "course";
  itemId: string;
  title: string;
  dueOn: string;
  state: TAssignmentState;
  /** How it was made (plan, change of role, by hand); needed only to filter by it. */
  source?: TAssignmentSource;
}

/** One course status of a person (as `trainingStatus`), with whether it is mandatory for their role. */
export interface DueCourseStatus {
  courseId: string;
  title: string;
  mandatory: boolean;
  status: TTrainingStatusValue;
  expiresOn: string | null;
  daysToExpiry: number | null;
}

export interface DueLine {
  kind: "module" | "course";
  itemId: string;
  title: string;
  /** The due date (assignments) or the expiry day (refreshers). */
  dueOn: string;
  /** "assignment": an open assignment; "expired" / "expiring": a mandatory course's refresher. */
  reason: "assignment" | "expired" | "expiring";
}

/**
 * A person's overdue and due-soon lists: open assignments by their state,
 * plus mandatory courses whose completion has expired (overdue) or expires
 * within `soonDays` (due soon), unless an open assignment of that course
 * already lists it. Courses never completed appear only through assignments.
 * Each list is sorted by date, then title. With `options.source`, only
 * open assignments made that way (plan, change of role, by hand) are listed.
 */
export function dueLists(
  assignments: readonly DueAssignment[],
  courses: readonly DueCourseStatus[],
  soonDays: number = DEFAULT_DUE_SOON_DAYS,
  options: { source?: TAssignmentSource } = {},
): { overdue: DueLine[]; dueSoon: DueLine[] } {
  const overdue: DueLine[] = [];
  const dueSoon: DueLine[] = [];
  for (const a of assignments) {
    if (options.source && a.source !== options.source) continue;
    const line: DueLine = { kind: a.kind, itemId: a.itemId, title: a.title, dueOn: a.dueOn, reason: "assignment" };
    if (a.state === "overdue") overdue.push(line);
    else if (a.state === "due_soon") dueSoon.push(line);
  }
  // Filtered by how assignments were made: refreshers of expired courses were not assigned at all.
  for (const c of options.source ? [] : courses) {
    if (!c.mandatory || c.expiresOn === null) continue;
    if (assignments.some((a) => a.kind === "course" && a.itemId === c.courseId && a.state !== "done")) continue;
    if (c.status === "expired") overdue.push({ kind: "course", itemId: c.courseId, title: c.title, dueOn: c.expiresOn, reason: "expired" });
    else if (c.daysToExpiry !== null && c.daysToExpiry <= soonDays) dueSoon.push({ kind: "course", itemId: c.courseId, title: c.title, dueOn: c.expiresOn, reason: "expiring" });
  }
  const order = (x: DueLine, y: DueLine) => (x.dueOn < y.dueOn ? -1 : x.dueOn > y.dueOn ? 1 : x.title.localeCompare(y.title));
  return { overdue: overdue.sort(order), dueSoon: dueSoon.sort(order) };
}

export interface OverdueReminder {
  /** Stable: `training-overdue:<assignmentId>:<dueOn>:<learner|manager>`. */
  key: string;
  kind: "overdue";
  recipientStaffId: string;
  audience: "learner" | "manager";
  staffId: string;
  assignmentId: string;
  dueOn: string;
  title: string;
  body: string;
}

export interface OverdueInput {
  id: string;
  staffId: string;
  staffName: string;
  managerId: string | null;
  title: string;
  dueOn: string;
  state: TAssignmentState;
}

/**
 * One reminder per overdue assignment (to the learner and, when they have
 * one, their manager), from the day after the due date until `maxDaysLate`
 * days after it (older ones are not sent: a scheduler that was stopped for a
 * long time does not flood people with stale notices). Keys already sent are
 * left out; sorted by key.
 */
export function overdueReminders(assignments: readonly OverdueInput[], asOf: string, options: { alreadySent?: Iterable<string>; maxDaysLate?: number } = {}): OverdueReminder[] {
  const sent = new Set(options.alreadySent ?? []);
  const maxLate = options.maxDaysLate ?? 90;
  const today = dayOf(asOf);
  const out = new Map<string, OverdueReminder>();
  for (const a of assignments) {
    if (a.state !== "overdue") continue;
    const late = today - dayOf(a.dueOn);
    if (late < 1 || late > maxLate) continue;
    const recipients: ["learner" | "manager", string][] = [["learner", a.staffId]];
    if (a.managerId && a.managerId !== a.staffId) recipients.push(["manager", a.managerId]);
    for (const [audience, recipientStaffId] of recipients) {
      const key = `training-overdue:${a.id}:${a.dueOn}:${audience}`;
      if (sent.has(key) || out.has(key)) continue;
      const whose = audience === "learner" ? "Your" : `${a.staffName}'s`;
      out.set(key, {
        key,
        kind: "overdue",
        recipientStaffId,
        audience,
        staffId: a.staffId,
        assignmentId: a.id,
        dueOn: a.dueOn,
        title: `${whose} training "${a.title}" is overdue`,
        body: `${whose} training "${a.title}" was due on ${a.dueOn} and is not complete yet.`,
      });
    }
  }
  return [...out.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** The day `days` days after an ISO day. */
export const addDaysIso = (isoDay: string, days: number) => formatIsoDay(dayOf(isoDay) + days);
