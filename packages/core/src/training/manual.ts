/**
 * Training assigned by hand and completions from outside providers.
 *
 * - Who may assign to whom: trainers and admins anyone; a manager only the
 *   people in their own team(s); nobody else.
 * - A hand assignment is an ordinary assignment (`reason: "manual"`, with who
 *   assigned it): the due, overdue and reminder rules (`due.ts`) treat it as
 *   they treat a plan's. Assigning what a person already holds validly, or
 *   already has open, is reported and not made again.
 * - An external completion is an ordinary completion with its provider named:
 *   status, expiry (by the course's validity), coverage and the facilitator
 *   pipeline count it exactly as a session's, and it closes the person's open
 *   assignments of that course.
 */
import type { TRole } from "../access/roles.js";
import { dayOf } from "../dates.js";
import { DomainError } from "../errors.js";
import type { TCourse, TItemKind, TModuleCompletion, TTrainingAssignment, TTrainingCompletion, TTrainingStaff } from "./schemas.js";
import { completionExpiry, holdsValid, isCompletionValidOn, trainingStatus } from "./status.js";

/** How an assignment was made, as the screens filter it. */
export const ASSIGNMENT_SOURCES = ["plan", "role_change", "manual"] as const;
export type TAssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

export const ASSIGNMENT_SOURCE_LABEL: Record<TAssignmentSource, string> = {
  plan: "Onboarding plan",
  role_change: "Change of role",
  manual: "Assigned by hand",
};

// ───────────── who may assign to whom ─────────────

export interface Assigner {
  role: TRole;
  /** The teams a manager manages (their own team(s)); ignored for other roles. */
  teamIds: readonly string[];
}

/** Whether `assigner` may assign training to (or record a completion for) a member of staff in `teamId`. */
export function mayAssignTo(assigner: Assigner, target: { teamId: string | null }): boolean {
  if (assigner.role === "admin" || assigner.role === "trainer") return true;
  if (assigner.role === "manager") return target.teamId !== null && assigner.teamIds.includes(target.teamId);
  return false;
}

/** The people of `targets` the assigner may not assign to, each with a plain-English reason. */
export function assignRefusals<T extends { id: string; name: string; teamId: string | null }>(assigner: Assigner, targets: readonly T[]): { staffId: string; name: string; message: string }[] {
  return targets
    .filter((t) => !mayAssignTo(assigner, t))
    .map((t) => ({
      staffId: t.id,
      name: t.name,
      message: assigner.role === "manager" ? `${t.name} is not in your team, so you cannot assign training to them.` : `You cannot assign training to ${t.name}.`,
    }));
}

// ───────────── assigning by hand ─────────────

export const HAND_SKIP_REASONS = ["already_valid", "already_open", "module_done", "not_in_post"] as const;
export type THandSkipReason = (typeof HAND_SKIP_REASONS)[number];

export interface HandAssignmentInput {
  people: readonly Pick<TTrainingStaff, "id" | "name" | "role" | "joinedOn" | "leftOn">[];
  item: { kind: TItemKind; itemId: string; title: string };
  /** The course's validity, needed when `item.kind` is "course". */
  course?: Pick<TCourse, "id" | "validityMonths"> | null;
  assignedOn: string;
  dueOn: string;
  /** The user assigning. */
  assignedBy: string;
  note?: string | null;
  /** The people's assignments still open (not completed, not cancelled). */
  open: readonly Pick<TTrainingAssignment, "staffId" | "kind" | "itemId" | "dueOn">[];
  completions: readonly TTrainingCompletion[];
  moduleCompletions: readonly TModuleCompletion[];
}

export interface HandAssignmentSkip {
  staffId: string;
  name: string;
  why: THandSkipReason;
  message: string;
}

/**
 * The assignments to make for a hand assignment of one module or course to
 * several people, and the people left out with why: someone who already holds
 * the course validly on the day, has already completed the module, already
 * has it open, or is not in post. Each person is assigned at most once. The
 * due date must be on or after the day of assigning.
 */
export function planHandAssignments(input: HandAssignmentInput): { assign: TTrainingAssignment[]; skipped: HandAssignmentSkip[] } {
  const today = dayOf(input.assignedOn);
  if (dayOf(input.dueOn) < today) {
    throw new DomainError("INVALID_INPUT", "The due date must be today or in the future", [{ path: ["dueOn"], message: "The due date must be today or in the future" }]);
  }
  if (input.item.kind === "course" && (!input.course || input.course.id !== input.item.itemId)) {
    throw new DomainError("INVALID_INPUT", "The course's validity is needed to assign it", [{ path: ["courseId"], message: "Choose a course" }]);
  }
  const assign: TTrainingAssignment[] = [];
  const skipped: HandAssignmentSkip[] = [];
  const seen = new Set<string>();
  const { kind, itemId, title } = input.item;
  for (const person of input.people) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const skip = (why: THandSkipReason, message: string) => skipped.push({ staffId: person.id, name: person.name, why, message });
    if (person.joinedOn > input.assignedOn || (person.leftOn !== null && person.leftOn < input.assignedOn)) {
      skip("not_in_post", `${person.name} is not in post on ${input.assignedOn}.`);
      continue;
    }
    const open = input.open.find((a) => a.staffId === person.id && a.kind === kind && a.itemId === itemId);
    if (open) {
      skip("already_open", `${person.name} already has "${title}" assigned, due on ${open.dueOn}.`);
      continue;
    }
    if (kind === "module") {
      if (input.moduleCompletions.some((m) => m.staffId === person.id && m.moduleId === itemId && dayOf(m.completedOn) <= today)) {
        skip("module_done", `${person.name} has already completed "${title}".`);
        continue;
      }
    } else {
      const st = trainingStatus(person, input.course!, input.completions, input.assignedOn);
      if (holdsValid(st)) {
        skip("already_valid", st.expiresOn ? `${person.name} already holds "${title}", valid until ${st.expiresOn}.` : `${person.name} already holds "${title}".`);
        continue;
      }
    }
    assign.push({
      staffId: person.id,
      kind,
      itemId,
      assignedOn: input.assignedOn,
      dueOn: input.dueOn,
      reason: "manual",
      role: person.role,
      completedOn: null,
      assignedBy: input.assignedBy,
      note: input.note ?? null,
    });
  }
  return { assign, skipped };
}

/** A new due date for an open assignment: on or after the day it was assigned. */
export function checkNewDueDate(assignment: { assignedOn: string; open: boolean }, dueOn: string): void {
  if (!assignment.open) throw new DomainError("PRECONDITION_FAILED", "Only an open assignment can be changed: this one is completed or cancelled");
  if (dayOf(dueOn) < dayOf(assignment.assignedOn)) {
    throw new DomainError("INVALID_INPUT", `The due date cannot be before the day it was assigned (${assignment.assignedOn})`, [
      { path: ["dueOn"], message: `The due date cannot be before the day it was assigned (${assignment.assignedOn})` },
    ]);
  }
}

// ───────────── completions from outside providers ─────────────

export interface ExternalCompletionInput {
  staff: Pick<TTrainingStaff, "id" | "name">;
  course: Pick<TCourse, "id" | "title" | "validityMonths">;
  completedOn: string;
  /** The day it is recorded: a completion cannot be in the future. */
  today: string;
  provider: string;
}

/**
 * A completion from an outside provider, as the rules count it, with its
 * expiry by the course's validity. Refused when dated after `today`.
 */
export function externalCompletion(input: ExternalCompletionInput): { completion: TTrainingCompletion; expiresOn: string | null } {
  if (dayOf(input.completedOn) > dayOf(input.today)) {
    throw new DomainError("INVALID_INPUT", "The completion date cannot be in the future", [{ path: ["completedOn"], message: "The completion date cannot be in the future" }]);
  }
  const provider = input.provider.trim();
  if (!provider) throw new DomainError("INVALID_INPUT", "Enter the training provider", [{ path: ["provider"], message: "Enter the training provider" }]);
  return {
    completion: { staffId: input.staff.id, courseId: input.course.id, completedOn: input.completedOn, sessionId: null, provider },
    expiresOn: completionExpiry(input.course, input.completedOn),
  };
}

/**
 * The open assignments a completion closes: the same person's open
 * assignments of the same course (as a session's completion closes them),
 * provided the completion is still valid on `asOf` (an old certificate that
 * has already expired is kept on the record but leaves the refresher open).
 */
export function assignmentsClosedBy<A extends { id: string; staffId: string; kind: TItemKind; itemId: string; open: boolean }>(
  completion: Pick<TTrainingCompletion, "staffId" | "courseId" | "completedOn">,
  course: Pick<TCourse, "validityMonths">,
  assignments: readonly A[],
  asOf: string,
): string[] {
  if (!isCompletionValidOn(course, completion.completedOn, asOf)) return [];
  return assignments.filter((a) => a.open && a.staffId === completion.staffId && a.kind === "course" && a.itemId === completion.courseId).map((a) => a.id);
}
