/**
 * Records checked against their case, so the API and both front ends refuse
 * the same things a careful manager would: a visit or meeting before the
 * case started, a visit that "happened" in the future, a visit or meeting
 * after the case ended (or, while it is open, after its planned end) without
 * a stated reason, and a follow-up due before the case started or — for the
 * contacts after a case — before it ended.
 */
import { z } from "zod";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "2026-12-06" → "6 December 2026", as GOV.UK writes dates. */
function formatIsoDayLong(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** Shortest reason for recording work outside the case's dates. */
export const MIN_OUTSIDE_PLAN_REASON = 10;

export const zOutsidePlanReason = z.string().trim().min(MIN_OUTSIDE_PLAN_REASON, `give a reason of at least ${MIN_OUTSIDE_PLAN_REASON} characters`).max(500);

export interface CaseDates {
  /** ISO day the case started. */
  start: string;
  /** ISO day it ended, when it has. */
  end: string | null;
  /** ISO day its plan ends (e.g. 16 weeks for a hub case). */
  plannedEnd: string | null;
}

export interface CaseCheckProblem {
  /** The input field at fault. */
  path: string;
  message: string;
}

/**
 * A visit or meeting of a case on `day` (ISO). `happened`: a visit, or a meeting recorded as held (a planned
 * meeting may be in the future). Returns the problem, or null.
 */
export function caseEventProblem(input: { what: "visit" | "meeting"; day: string; case: CaseDates; today: string; happened: boolean; outsidePlanReason?: string | null }): CaseCheckProblem | null {
  const { what, day, today } = input;
  const c = input.case;
  if (day < c.start) return { path: "at", message: `The ${what} cannot be before the case started on ${formatIsoDayLong(c.start)}` };
  if (input.happened && day > today) return { path: "at", message: `A ${what} that has taken place cannot be dated in the future` };
  const limit = c.end ?? c.plannedEnd;
  if (limit && day > limit && (input.outsidePlanReason ?? "").trim().length < MIN_OUTSIDE_PLAN_REASON) {
    return {
      path: "outsidePlanReason",
      message: `The case ${c.end ? "ended" : "was planned to end"} on ${formatIsoDayLong(limit)}. Give a reason for a ${what} after that (at least ${MIN_OUTSIDE_PLAN_REASON} characters)`,
    };
  }
  return null;
}

/** A follow-up due on `dueDate` after a case (hub case or programme): not before it started; a planned contact not before it ended. */
export function followUpDueProblem(input: { dueDate: string; kind: string; case: Pick<CaseDates, "start" | "end"> }): CaseCheckProblem | null {
  const c = input.case;
  if (input.dueDate < c.start) return { path: "dueDate", message: `A follow-up cannot be due before the case started on ${formatIsoDayLong(c.start)}` };
  if (input.kind === "contact" && c.end && input.dueDate < c.end) return { path: "dueDate", message: `Follow-up contacts come after the case ended on ${formatIsoDayLong(c.end)}` };
  return null;
}
