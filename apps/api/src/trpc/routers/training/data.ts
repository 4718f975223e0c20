/**
 * The training router's bridge between the database and `@evident/core`'s
 * training rules: loads rows and turns them into the core's types (courses,
 * modules, plans, staff, completions, assignments). No training rule lives
 * here; the rules are called from the router.
 *
 * Two differences between the database and the core are bridged here:
 * - Roles. The database keeps job roles (`StaffRole`: social_worker,
 *   team_manager, …) on staff records, onboarding plans and courses' required
 *   roles; the core's training rules compare roles as labels (typed as the
 *   login roles). The trust's plans are per job role, so job roles are passed
 *   to the rules as they are (see `asRuleRole`).
 * - Courses keep every field in a column (delivery mode, prerequisites and
 *   languages included). Quizzes and acknowledgements of onboarding modules
 *   come from their latest saved revision (authored in the training app), or
 *   else from the built-in catalogue (matched by code, then title).
 */
import {
  IFP_FACILITATOR_QUALIFICATION,
  ONBOARDING_MODULES,
  TRAINING_COURSES,
  isoFromDate,
  type TCourse,
  type TDeliveryMode,
  type TModuleCompletion,
  type TOnboardingModule,
  type TOnboardingPlan,
  type TOnboardingPlanItem,
  type TRole,
  type TTrainingAssignment,
  type TTrainingCompletion,
  type TAssignmentSource,
  type TAssignmentState,
  type TTrainingStaff,
} from "@evident/core";
import type { DbClient } from "../../../db.js";
import type { AuthedContext } from "../scope.js";

export const STAFF_ROLES = [
  "social_worker",
  "family_support_worker",
  "domestic_abuse_worker",
  "hub_worker",
  "team_manager",
  "senior_manager",
  "analyst",
  "trainer",
  "business_support",
] as const;
export type TStaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABEL: Record<TStaffRole, string> = {
  social_worker: "Social worker",
  family_support_worker: "Family support worker",
  domestic_abuse_worker: "Domestic abuse worker",
  hub_worker: "Hub worker",
  team_manager: "Team manager",
  senior_manager: "Senior manager",
  analyst: "Analyst",
  trainer: "Trainer",
  business_support: "Business support",
};

/** The login role whose built-in onboarding plan and mandatory courses fit a job role (used only to build missing catalogue rows). */
export const LOGIN_ROLE_OF: Record<TStaffRole, TRole> = {
  social_worker: "practitioner",
  family_support_worker: "practitioner",
  hub_worker: "practitioner",
  domestic_abuse_worker: "dv_worker",
  team_manager: "manager",
  senior_manager: "manager",
  analyst: "analyst",
  trainer: "trainer",
  business_support: "staff",
};

/** Job roles are passed to the core's rules as role labels: the rules only compare them. */
export const asRuleRole = (role: string): TRole => role as TRole;

export const todayIso = (now: Date) => now.toISOString().slice(0, 10);
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const dateOf = (isoDay: string) => new Date(`${isoDay}T00:00:00.000Z`);
export const addDaysIso = (isoDay: string, days: number) => iso(new Date(dateOf(isoDay).getTime() + days * 86_400_000));

// ───────────── courses ─────────────

export const courseSelect = {
  id: true,
  code: true,
  title: true,
  description: true,
  durationHours: true,
  validityMonths: true,
  requiredFor: true,
  qualifiesFacilitator: true,
  deliveryMode: true,
  prerequisiteIds: true,
  languages: true,
  active: true,
  version: true,
  updatedAt: true,
} as const;

export interface CourseRow {
  id: string;
  code: string;
  title: string;
  description: string | null;
  durationHours: number | null;
  validityMonths: number | null;
  requiredFor: string[];
  qualifiesFacilitator: boolean;
  deliveryMode: TDeliveryMode;
  prerequisiteIds: string[];
  languages: string[];
  active: boolean;
  version: number;
  updatedAt: Date;
}

const builtInCourse = (row: { code: string; title: string }) => TRAINING_COURSES.find((c) => c.id === row.code || c.title === row.title);

/** A course as the training rules see it, plus what the screens show. */
export interface CourseView extends TCourse {
  code: string;
  active: boolean;
  version: number;
  updatedAt: string;
  requiredFor: string[];
  qualifiesFacilitator: boolean;
}

export function toCourses(rows: readonly CourseRow[]): CourseView[] {
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    description: r.description ?? "",
    deliveryMode: r.deliveryMode,
    durationHours: r.durationHours ?? 1,
    validityMonths: r.validityMonths,
    mandatoryForRoles: r.requiredFor.map(asRuleRole),
    prerequisites: r.prerequisiteIds.filter((p) => p !== r.id),
    grantsQualification: r.qualifiesFacilitator ? IFP_FACILITATOR_QUALIFICATION : null,
    languages: r.languages.length > 0 ? r.languages : ["English"],
    active: r.active,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    requiredFor: r.requiredFor,
    qualifiesFacilitator: r.qualifiesFacilitator,
  }));
}

export async function loadCourses(db: DbClient, opts: { activeOnly?: boolean } = {}): Promise<CourseView[]> {
  const rows = (await db.course.findMany({ where: opts.activeOnly ? { active: true } : {}, select: courseSelect, orderBy: { title: "asc" } })) as CourseRow[];
  // Table 26's order first (the catalogue's), then the trust's own courses by title.
  const order = (r: CourseRow) => {
    const b = builtInCourse(r);
    return b ? TRAINING_COURSES.indexOf(b) : TRAINING_COURSES.length;
  };
  rows.sort((a, b) => order(a) - order(b) || a.title.localeCompare(b.title));
  return toCourses(rows);
}

/** The plain TCourse the rules take (no extra fields). */
export function ruleCourse(c: CourseView): TCourse {
  const { id, title, description, deliveryMode, durationHours, validityMonths, mandatoryForRoles, prerequisites, grantsQualification, languages } = c;
  return { id, title, description, deliveryMode, durationHours, validityMonths, mandatoryForRoles, prerequisites, grantsQualification, languages };
}

// ───────────── modules ─────────────

export const DEFAULT_ACKNOWLEDGEMENT = "I have read and understood this module.";

export interface ModuleView extends TOnboardingModule {
  code: string;
  estimatedMinutes: number;
  courseId: string | null;
  active: boolean;
  /** The module's current version: a completion records it (see OnboardingModuleRevision). */
  version: number;
  /** Whether the content and quiz were saved by a trainer (a revision) or come from the built-in catalogue. */
  authored: boolean;
}

type RevisionRow = { version: number; quiz: unknown; requiresAcknowledgement: boolean; acknowledgementText: string | null };
type ModuleRow = { id: string; code: string; title: string; content: string; estimatedMinutes: number; courseId: string | null; active: boolean; version?: number; revisions?: RevisionRow[] };

/**
 * A module row as the rules see it. The quiz and acknowledgement come from the
 * latest saved revision when a trainer has edited the module, otherwise from
 * the built-in catalogue (matched by code, then title).
 */
export function toModule(row: ModuleRow): ModuleView {
  const rev = row.revisions?.[0];
  const b = ONBOARDING_MODULES.find((m) => m.id === row.code) ?? ONBOARDING_MODULES.find((m) => m.title === row.title);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    content: row.content,
    quiz: rev ? ((rev.quiz as TOnboardingModule["quiz"]) ?? null) : (b?.quiz ?? null),
    requiresAcknowledgement: rev ? rev.requiresAcknowledgement : b ? b.requiresAcknowledgement : true,
    acknowledgementText: rev ? (rev.acknowledgementText ?? DEFAULT_ACKNOWLEDGEMENT) : b ? b.acknowledgementText : DEFAULT_ACKNOWLEDGEMENT,
    estimatedMinutes: row.estimatedMinutes,
    courseId: row.courseId,
    active: row.active,
    version: row.version ?? 1,
    authored: !!rev,
  };
}

export const moduleSelect = {
  id: true,
  code: true,
  title: true,
  content: true,
  estimatedMinutes: true,
  courseId: true,
  active: true,
  position: true,
  version: true,
  revisions: { orderBy: { version: "desc" }, take: 1, select: { version: true, quiz: true, requiresAcknowledgement: true, acknowledgementText: true } },
} as const;

export async function loadModules(db: DbClient): Promise<ModuleView[]> {
  const rows = (await db.onboardingModule.findMany({ select: moduleSelect, orderBy: [{ position: "asc" }, { title: "asc" }] })) as ModuleRow[];
  return rows.map(toModule);
}

/** A module for learners: the quiz without its answers (they are checked on the server). */
export function learnerModule(m: ModuleView) {
  return {
    id: m.id,
    code: m.code,
    title: m.title,
    content: m.content,
    estimatedMinutes: m.estimatedMinutes,
    requiresAcknowledgement: m.requiresAcknowledgement,
    acknowledgementText: m.acknowledgementText ?? DEFAULT_ACKNOWLEDGEMENT,
    version: m.version,
    quiz: m.quiz ? { passMark: m.quiz.passMark, questions: m.quiz.questions.map((q) => ({ id: q.id, prompt: q.prompt, options: q.options })) } : null,
  };
}

// ───────────── plans ─────────────

export const planSelect = {
  id: true as const,
  name: true as const,
  role: true as const,
  active: true as const,
  version: true as const,
  updatedAt: true as const,
  items: {
    select: { id: true as const, moduleId: true as const, courseId: true as const, dueWithinDays: true as const, position: true as const },
    orderBy: [{ position: "asc" as const }, { id: "asc" as const }],
  },
};

export interface PlanRow {
  id: string;
  name: string;
  role: string;
  active: boolean;
  version: number;
  updatedAt: Date;
  items: { id: string; moduleId: string | null; courseId: string | null; dueWithinDays: number; position: number }[];
}

export function toRulePlan(p: PlanRow): TOnboardingPlan {
  return {
    id: p.id,
    role: asRuleRole(p.role),
    title: p.name,
    items: p.items.flatMap((i): TOnboardingPlanItem[] =>
      i.moduleId ? [{ kind: "module" as const, itemId: i.moduleId, dueWithinDays: i.dueWithinDays }] : i.courseId ? [{ kind: "course" as const, itemId: i.courseId, dueWithinDays: i.dueWithinDays }] : [],
    ),
  };
}

export async function loadPlans(db: DbClient): Promise<PlanRow[]> {
  return (await db.onboardingPlan.findMany({ where: { active: true }, select: planSelect, orderBy: { name: "asc" } })) as unknown as PlanRow[];
}

/** The active plan for a job role (the first by name when a trust keeps several). */
export function planFor(plans: readonly PlanRow[], role: string): PlanRow | undefined {
  return plans.find((p) => p.role === role && p.active);
}

// ───────────── staff ─────────────

export const staffSelect = { id: true, name: true, email: true, role: true, jobTitle: true, teamId: true, startDate: true, leaveDate: true, languages: true, version: true } as const;

export interface StaffRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
  jobTitle: string;
  teamId: string | null;
  startDate: Date;
  leaveDate: Date | null;
  languages: string[];
  version: number;
}

/**
 * Staff as the rules see them. A person's manager is their team's team
 * manager in post on `asOf` (the longest-serving), never themselves.
 */
export function toRuleStaff(rows: readonly StaffRow[], asOf: string): TTrainingStaff[] {
  const managers = new Map<string, StaffRow>();
  for (const r of rows) {
    if (r.role !== "team_manager" || !r.teamId) continue;
    const current = iso(r.startDate) <= asOf && (!r.leaveDate || iso(r.leaveDate) >= asOf);
    if (!current) continue;
    const prev = managers.get(r.teamId);
    if (!prev || r.startDate < prev.startDate) managers.set(r.teamId, r);
  }
  return rows.map((r) => {
    const manager = r.teamId ? managers.get(r.teamId) : undefined;
    const joinedOn = iso(r.startDate);
    const leftOn = r.leaveDate ? iso(r.leaveDate) : null;
    return {
      id: r.id,
      name: r.name,
      role: asRuleRole(r.role),
      teamId: r.teamId,
      managerId: manager && manager.id !== r.id ? manager.id : null,
      joinedOn,
      // A leaving date recorded before the start (bad data) is treated as the start day.
      leftOn: leftOn !== null && leftOn < joinedOn ? joinedOn : leftOn,
      languages: r.languages.length > 0 ? r.languages : ["English"],
    };
  });
}

/** Prisma `where` for the staff a caller may see: managers their own team only. */
export function staffWhere(ctx: AuthedContext): Record<string, unknown> {
  if (ctx.user.role === "manager") return ctx.user.teamId ? { teamId: ctx.user.teamId } : { id: { in: [] as string[] } };
  return {};
}

export async function loadStaff(db: DbClient, where: Record<string, unknown> = {}): Promise<StaffRow[]> {
  return (await db.staff.findMany({ where, select: staffSelect, orderBy: [{ name: "asc" }, { id: "asc" }] })) as StaffRow[];
}

// ───────────── completions and assignments ─────────────

export async function loadCourseCompletions(db: DbClient, staffIds?: readonly string[]): Promise<TTrainingCompletion[]> {
  const rows = await db.trainingCompletion.findMany({
    // A withdrawn completion counts for nothing; an external one (provider named) counts as a session's.
    where: { courseId: { not: null }, withdrawnAt: null, ...(staffIds ? { staffId: { in: [...staffIds] } } : {}) },
    select: { id: true, staffId: true, courseId: true, completedAt: true, sessionId: true, provider: true },
  });
  return rows.map((r: { id: string; staffId: string; courseId: string | null; completedAt: Date; sessionId: string | null; provider: string | null }) => ({
    id: r.id,
    staffId: r.staffId,
    courseId: r.courseId!,
    completedOn: iso(r.completedAt),
    sessionId: r.sessionId,
    provider: r.provider,
  }));
}

export async function loadModuleCompletions(db: DbClient, staffIds?: readonly string[]): Promise<TModuleCompletion[]> {
  const rows = await db.trainingCompletion.findMany({
    where: { moduleId: { not: null }, withdrawnAt: null, ...(staffIds ? { staffId: { in: [...staffIds] } } : {}) },
    select: { staffId: true, moduleId: true, completedAt: true, evidence: true },
  });
  return rows.map((r: { staffId: string; moduleId: string | null; completedAt: Date; evidence: string | null }) => ({
    staffId: r.staffId,
    moduleId: r.moduleId!,
    completedOn: iso(r.completedAt),
    score: null,
    acknowledged: true,
  }));
}

export interface AssignmentRow {
  id: string;
  staffId: string;
  courseId: string | null;
  moduleId: string | null;
  planId: string | null;
  assignedAt: Date;
  dueDate: Date;
  status: string;
  source: TAssignmentSource;
  assignedById: string | null;
  reason: string | null;
  version: number;
}

export const assignmentSelect = {
  id: true,
  staffId: true,
  courseId: true,
  moduleId: true,
  planId: true,
  assignedAt: true,
  dueDate: true,
  status: true,
  source: true,
  assignedById: true,
  reason: true,
  version: true,
} as const;

export async function loadAssignments(db: DbClient, staffIds?: readonly string[]): Promise<AssignmentRow[]> {
  return (await db.trainingAssignment.findMany({
    where: { status: { not: "cancelled" }, ...(staffIds ? { staffId: { in: [...staffIds] } } : {}) },
    select: assignmentSelect,
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  })) as AssignmentRow[];
}

export function toRuleAssignment(a: AssignmentRow, role: string): TTrainingAssignment {
  return {
    staffId: a.staffId,
    kind: a.moduleId ? "module" : "course",
    itemId: (a.moduleId ?? a.courseId)!,
    assignedOn: iso(a.assignedAt),
    dueOn: iso(a.dueDate),
    reason: a.source === "manual" ? "manual" : a.source === "role_change" ? "role_change" : "starter",
    role: asRuleRole(role),
    completedOn: a.status === "completed" ? iso(a.dueDate) : null,
    assignedBy: a.source === "manual" ? a.assignedById : null,
    note: a.reason,
  };
}

/** The names of the users who assigned these assignments by hand (id → name). */
export async function assignerNames(db: DbClient, rows: readonly { assignedById: string | null; source: string }[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.filter((r) => r.source === "manual" && r.assignedById).map((r) => r.assignedById!))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((u: { id: string; name: string }) => [u.id, u.name]));
}

export type AssignmentState = TAssignmentState;

export const isoOrNull = isoFromDate;
