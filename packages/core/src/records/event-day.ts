/**
 * The date a case's record form opens with (issue #17 finding 2: forms defaulted to today, so a visit
 * "today" was offered on a case whose plan ended years ago). Today only while today is within the case
 * (from its start to its end, or while open to its planned end); otherwise empty, so the worker types the
 * date the work happened.
 */
import type { CaseDates } from "./case-checks.js";

/** The date a case's record form starts with: today while today is within the case, otherwise empty. */
export function eventDayDefault(c: CaseDates, today: string): string {
  const last = c.end ?? c.plannedEnd;
  return today >= c.start && (last === null || today <= last) ? today : "";
}
