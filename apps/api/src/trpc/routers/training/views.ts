/** What a member of staff's training looks like on a day: assignments with their state, and course statuses (from the core's rules). */
import { assignmentDueState, completionsByStaff, holdsValid, trainingStatus, type TAssignmentSource, type TModuleCompletion, type TTrainingCompletion } from "@evident/core";
import { iso, STAFF_ROLE_LABEL, type AssignmentRow, type AssignmentState, type CourseView, type ModuleView, type StaffRow } from "./data.js";

export interface AssignmentView {
  id: string;
  staffId: string;
  kind: "module" | "course";
  itemId: string;
  title: string;
  assignedOn: string;
  dueOn: string;
  state: AssignmentState;
  fromPlan: boolean;
  /** How it was made: plan, change of role, or by hand. */
  source: TAssignmentSource;
  /** For a hand assignment: who assigned it (a name) and why. */
  assignedBy: string | null;
  note: string | null;
  /** Open: neither completed nor cancelled (can be changed or cancelled). */
  open: boolean;
  version: number;
}

export interface CourseStatusView {
  courseId: string;
  title: string;
  mandatory: boolean;
  status: ReturnType<typeof trainingStatus>["status"];
  completedOn: string | null;
  expiresOn: string | null;
  daysToExpiry: number | null;
}

export interface TrainingPicture {
  byStaff: Map<string, { assignments: AssignmentView[]; courses: CourseStatusView[]; modulesDone: Set<string> }>;
}

export function trainingPicture(
  staff: readonly StaffRow[],
  courses: readonly CourseView[],
  modules: readonly ModuleView[],
  assignments: readonly AssignmentRow[],
  completions: readonly TTrainingCompletion[],
  moduleCompletions: readonly TModuleCompletion[],
  asOf: string,
  soonDays = 30,
  /** Names of the users who assigned by hand (see `assignerNames`). */
  assigners: ReadonlyMap<string, string> = new Map(),
): TrainingPicture {
  const byStaffCompletions = completionsByStaff(completions);
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const moduleById = new Map(modules.map((m) => [m.id, m]));
  const modulesDone = new Map<string, Set<string>>();
  for (const mc of moduleCompletions) {
    if (mc.completedOn > asOf) continue;
    const set = modulesDone.get(mc.staffId) ?? new Set<string>();
    set.add(mc.moduleId);
    modulesDone.set(mc.staffId, set);
  }
  const assignmentsBy = new Map<string, AssignmentRow[]>();
  for (const a of assignments) {
    const list = assignmentsBy.get(a.staffId) ?? [];
    list.push(a);
    assignmentsBy.set(a.staffId, list);
  }
  const out: TrainingPicture["byStaff"] = new Map();
  for (const person of staff) {
    const mine = byStaffCompletions.get(person.id) ?? [];
    const done = modulesDone.get(person.id) ?? new Set<string>();
    const statusOf = (course: CourseView) => trainingStatus(person, course, mine, asOf);
    const courseStatuses = courses
      .filter((c) => c.requiredFor.includes(person.role) || mine.some((x) => x.courseId === c.id))
      .map((c): CourseStatusView => {
        const st = statusOf(c);
        return { courseId: c.id, title: c.title, mandatory: c.requiredFor.includes(person.role), status: st.status, completedOn: st.completedOn, expiresOn: st.expiresOn, daysToExpiry: st.daysToExpiry };
      });
    const views = (assignmentsBy.get(person.id) ?? []).map((a): AssignmentView => {
      const kind = a.moduleId ? "module" : "course";
      const itemId = (a.moduleId ?? a.courseId)!;
      const course = a.courseId ? courseById.get(a.courseId) : undefined;
      const isDone = a.status === "completed" || (kind === "module" ? done.has(itemId) : course ? holdsValid(statusOf(course)) : false);
      const dueOn = iso(a.dueDate);
      return {
        id: a.id,
        staffId: a.staffId,
        kind,
        itemId,
        title: (kind === "module" ? moduleById.get(itemId)?.title : course?.title) ?? "(removed)",
        assignedOn: iso(a.assignedAt),
        dueOn,
        state: assignmentDueState(isDone, dueOn, asOf, soonDays),
        fromPlan: a.planId !== null,
        source: a.source,
        assignedBy: a.source === "manual" && a.assignedById ? (assigners.get(a.assignedById) ?? "Someone no longer registered") : null,
        note: a.reason,
        open: a.status === "assigned",
        version: a.version,
      };
    });
    out.set(person.id, { assignments: views, courses: courseStatuses, modulesDone: done });
  }
  return { byStaff: out };
}

export const roleLabel = (role: string) => STAFF_ROLE_LABEL[role as keyof typeof STAFF_ROLE_LABEL] ?? role;
