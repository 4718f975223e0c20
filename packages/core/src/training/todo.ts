/**
 * "You have N items to do" on a person's own training page: one count of
 * everything the page lists as still to do, so the sentence and the tables
 * below it cannot disagree.
 */
import type { TAssignmentState } from "./due.js";
import type { TTrainingStatusValue } from "./status.js";

export interface ToDoInput {
  /** The person's assignments with their state (see `assignmentDueState`). */
  assignments: readonly { kind: "module" | "course"; itemId: string; state: TAssignmentState }[];
  /** The person's course statuses, with whether the course is required for their role. */
  courses: readonly { courseId: string; mandatory: boolean; status: TTrainingStatusValue }[];
  /** The onboarding modules every member of staff takes. */
  modules: readonly { id: string }[];
  /** The modules the person has completed. */
  modulesDone: ReadonlySet<string> | readonly string[];
}

export interface ToDoCount {
  /** Distinct items still to do: open assignments, required courses not held (never completed or expired), modules not completed. */
  total: number;
  /** Of those, overdue: assignments past their due date and required courses whose completion has expired. */
  overdue: number;
}

/**
 * Counts each item once: a course or module that is both assigned and required
 * (or listed as an onboarding module) is one item, overdue when its assignment
 * is overdue or its completion has expired.
 */
export function toDoCount(input: ToDoInput): ToDoCount {
  const done = new Set(input.modulesDone);
  const items = new Map<string, boolean>();
  const add = (key: string, overdue: boolean) => items.set(key, (items.get(key) ?? false) || overdue);
  for (const a of input.assignments) if (a.state !== "done") add(`${a.kind}:${a.itemId}`, a.state === "overdue");
  for (const c of input.courses) if (c.mandatory && (c.status === "never_completed" || c.status === "expired")) add(`course:${c.courseId}`, c.status === "expired");
  for (const m of input.modules) if (!done.has(m.id)) add(`module:${m.id}`, false);
  // A module completed after it was assigned is done, whatever the assignment's row still says.
  for (const key of [...items.keys()]) if (key.startsWith("module:") && done.has(key.slice(7))) items.delete(key);
  let overdue = 0;
  for (const late of items.values()) if (late) overdue++;
  return { total: items.size, overdue };
}
