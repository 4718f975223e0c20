/**
 * Assigning onboarding plans: to a starter when they join, and the gap when
 * someone changes role.
 */
import type { TRole } from "../access/roles.js";
import { dayOf, formatIsoDay } from "../dates.js";
import { DomainError } from "../errors.js";
import { DEFAULT_ONBOARDING_PLANS, TRAINING_COURSES } from "./catalogue.js";
import type { TCourse, TModuleCompletion, TOnboardingPlan, TTrainingAssignment, TTrainingCompletion, TTrainingStaff } from "./schemas.js";
import { holdsValid, trainingStatus } from "./status.js";

const addDays = (date: string, days: number): string => formatIsoDay(dayOf(date) + days);

/**
 * The starter's assignments: every item of the plan, assigned on the joining
 * date and due `dueWithinDays` after it. The plan must be for the starter's role.
 */
export function assignForStarter(staff: Pick<TTrainingStaff, "id" | "role">, plan: TOnboardingPlan, joinDate: string): TTrainingAssignment[] {
  if (plan.role !== staff.role) {
    throw new DomainError("INVALID_INPUT", `the onboarding plan is for the ${plan.role} role, not ${staff.role}`, [{ path: ["plan", "role"], message: "must match the starter's role" }]);
  }
  dayOf(joinDate);
  return plan.items.map((item) => ({
    staffId: staff.id,
    kind: item.kind,
    itemId: item.itemId,
    assignedOn: joinDate,
    dueOn: addDays(joinDate, item.dueWithinDays),
    reason: "starter" as const,
    role: plan.role,
    completedOn: null,
  }));
}

export interface RoleChangeOptions {
  /** Plans to take the new role's needs from. Default: the built-in plans. */
  plans?: readonly TOnboardingPlan[];
  /** Courses, for validity and mandatory roles. Default: the built-in catalogue. */
  courses?: readonly TCourse[];
  /** Completed onboarding modules; modules never expire. */
  moduleCompletions?: readonly TModuleCompletion[];
  /** Due period for a course mandatory for the new role that its plan does not list. Default 90 days. */
  mandatoryDueWithinDays?: number;
}

/**
 * What a member of staff must be assigned on moving from `oldRole` to
 * `newRole` on `date`: the new role's plan items plus any course mandatory
 * for the new role, less
 * - modules already assigned (open or done) or completed,
 * - courses with an open assignment (not yet completed), or a valid
 *   completion on `date` (an expired course is assigned again).
 * Due dates run from the date of the change.
 */
export function assignForRoleChange(
  staff: Pick<TTrainingStaff, "id">,
  oldRole: TRole,
  newRole: TRole,
  existingAssignments: readonly TTrainingAssignment[],
  completions: readonly TTrainingCompletion[],
  date: string,
  options: RoleChangeOptions = {},
): TTrainingAssignment[] {
  dayOf(date);
  if (oldRole === newRole) return [];
  const plans = options.plans ?? DEFAULT_ONBOARDING_PLANS;
  const courses = options.courses ?? TRAINING_COURSES;
  const plan = plans.find((p) => p.role === newRole);
  const needs = new Map<string, { kind: "module" | "course"; itemId: string; dueWithinDays: number }>();
  for (const item of plan?.items ?? []) needs.set(`${item.kind}:${item.itemId}`, item);
  for (const course of courses) {
    const key = `course:${course.id}`;
    if (course.mandatoryForRoles.includes(newRole) && !needs.has(key)) {
      needs.set(key, { kind: "course", itemId: course.id, dueWithinDays: options.mandatoryDueWithinDays ?? 90 });
    }
  }

  const mine = existingAssignments.filter((a) => a.staffId === staff.id);
  const moduleDone = new Set((options.moduleCompletions ?? []).filter((mc) => mc.staffId === staff.id).map((mc) => mc.moduleId));
  const out: TTrainingAssignment[] = [];
  for (const need of needs.values()) {
    if (need.kind === "module") {
      if (moduleDone.has(need.itemId) || mine.some((a) => a.kind === "module" && a.itemId === need.itemId)) continue;
    } else {
      if (mine.some((a) => a.kind === "course" && a.itemId === need.itemId && !a.completedOn)) continue;
      const course = courses.find((c) => c.id === need.itemId);
      if (!course) throw new DomainError("NOT_FOUND", `the ${newRole} plan lists a course that is not in the catalogue: ${need.itemId}`);
      if (holdsValid(trainingStatus(staff, course, completions, date))) continue;
    }
    out.push({
      staffId: staff.id,
      kind: need.kind,
      itemId: need.itemId,
      assignedOn: date,
      dueOn: addDays(date, need.dueWithinDays),
      reason: "role_change",
      role: newRole,
      completedOn: null,
    });
  }
  return out;
}

/**
 * Courses mandatory for a role that a plan does not list (an empty list means
 * the plan covers the role's mandatory training).
 */
export function planGaps(plan: TOnboardingPlan, courses: readonly TCourse[] = TRAINING_COURSES): TCourse[] {
  const listed = new Set(plan.items.filter((i) => i.kind === "course").map((i) => i.itemId));
  return courses.filter((c) => c.mandatoryForRoles.includes(plan.role) && !listed.has(c.id));
}
