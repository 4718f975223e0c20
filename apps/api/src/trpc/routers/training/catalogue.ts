/**
 * The catalogue: courses (list, get, create, update), onboarding modules
 * (list, get) and onboarding plans per job role (list, get, update), plus the
 * option lists the screens need.
 */
import { authoringFromModule, DELIVERY_MODES, planGaps, prerequisiteCycle, quizFromAuthoring, zText, ZModuleAuthoringSave, ZOnboardingPlan, ZOnboardingPlanItem } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { router } from "../../trpc.js";
import { audit, trainingProcedure, ZId, ZLanguages, zLine, ZStaffRole } from "./common.js";
import {
  courseSelect,
  learnerModule,
  loadCourses,
  loadModules,
  loadPlans,
  LOGIN_ROLE_OF,
  planSelect,
  ruleCourse,
  STAFF_ROLE_LABEL,
  STAFF_ROLES,
  toRulePlan,
  type CourseView,
  type ModuleView,
  type PlanRow,
} from "./data.js";

const ZCourseFields = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, "use letters, numbers, hyphens and underscores only"),
    title: zLine(200),
    description: zText(2000).default(""),
    deliveryMode: z.enum(DELIVERY_MODES),
    durationHours: z.number().positive().max(200),
    validityMonths: z.number().int().min(1).max(240).nullable(),
    requiredFor: z.array(ZStaffRole).max(STAFF_ROLES.length),
    prerequisites: z.array(ZId).max(20),
    qualifiesFacilitator: z.boolean(),
    languages: ZLanguages.min(1),
  })
  .strict();

const ZCourseCreate = ZCourseFields;
const ZCourseUpdate = z
  .object({ id: ZId, version: z.number().int().min(0), patch: ZCourseFields.partial().extend({ active: z.boolean().optional() }).strict() })
  .strict();

async function checkPrerequisites(db: DbClient, selfId: string | null, prerequisites: readonly string[]) {
  if (selfId && prerequisites.includes(selfId)) throw new TRPCError({ code: "BAD_REQUEST", message: "prerequisites: a course cannot be its own prerequisite" });
  if (prerequisites.length === 0) return;
  const all = (await db.course.findMany({ select: { id: true, title: true, prerequisiteIds: true } })) as { id: string; title: string; prerequisiteIds: string[] }[];
  if ([...new Set(prerequisites)].some((p) => !all.some((c) => c.id === p))) throw notFound("Prerequisite course");
  if (!selfId) return; // a new course cannot be anyone's prerequisite yet
  const cycle = prerequisiteCycle(selfId, prerequisites, new Map(all.map((c) => [c.id, c.prerequisiteIds])));
  if (cycle) {
    const title = (id: string) => all.find((c) => c.id === id)?.title ?? id;
    throw new TRPCError({ code: "BAD_REQUEST", message: `prerequisites: this would make the course its own prerequisite (${cycle.map(title).join(" → ")})` });
  }
}

function courseOut(c: CourseView) {
  return { ...c, requiredForLabels: c.requiredFor.map((r) => STAFF_ROLE_LABEL[r as keyof typeof STAFF_ROLE_LABEL] ?? r) };
}

function planOut(p: PlanRow, titles: Map<string, string>) {
  return {
    id: p.id,
    name: p.name,
    role: p.role,
    roleLabel: STAFF_ROLE_LABEL[p.role as keyof typeof STAFF_ROLE_LABEL] ?? p.role,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
    items: p.items.map((i) => ({
      id: i.id,
      kind: i.moduleId ? ("module" as const) : ("course" as const),
      itemId: (i.moduleId ?? i.courseId)!,
      title: titles.get((i.moduleId ?? i.courseId)!) ?? "(removed)",
      dueWithinDays: i.dueWithinDays,
    })),
  };
}

function revisionData(
  moduleId: string,
  version: number,
  m: Pick<ModuleView, "title" | "content" | "estimatedMinutes" | "quiz" | "requiresAcknowledgement"> & { acknowledgementText?: string | null },
  createdById: string | null = null,
) {
  return {
    moduleId,
    version,
    title: m.title,
    content: m.content,
    estimatedMinutes: m.estimatedMinutes,
    // A module without a quiz stores NULL (the column's default).
    ...(m.quiz ? { quiz: m.quiz as object } : {}),
    requiresAcknowledgement: m.requiresAcknowledgement,
    acknowledgementText: m.acknowledgementText ?? null,
    createdById,
  };
}

async function authoringOut(db: DbClient, m: ModuleView) {
  const rows = (await db.trainingCompletion.findMany({ where: { moduleId: m.id }, select: { moduleVersion: true } })) as { moduleVersion: number | null }[];
  const counts = new Map<number, number>();
  // Completions recorded before versions were kept have no version: they were taken against version 1.
  for (const r of rows) counts.set(r.moduleVersion ?? 1, (counts.get(r.moduleVersion ?? 1) ?? 0) + 1);
  return {
    id: m.id,
    code: m.code,
    version: m.version,
    authored: m.authored,
    module: authoringFromModule(m),
    completionsByVersion: [...counts].map(([version, count]) => ({ version, count })).sort((a, b) => a.version - b.version),
  };
}

async function titleMap(db: DbClient) {
  const [courses, modules] = await Promise.all([db.course.findMany({ select: { id: true, title: true } }), db.onboardingModule.findMany({ select: { id: true, title: true } })]);
  return new Map<string, string>([...courses, ...modules].map((r: { id: string; title: string }) => [r.id, r.title]));
}

export const catalogueRouter = {
  options: trainingProcedure("training:own")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const [teams, programmes] = await Promise.all([
        ctx.prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
        // For the links to each programme's briefing page in the portal (`/briefing/<programmeId>`).
        ctx.prisma.programme.findMany({ where: { active: true }, select: { id: true, code: true, name: true }, orderBy: { name: "asc" } }),
      ]);
      await audit(ctx, "options", { entityType: "Team", entityIds: [] });
      return {
        staffRoles: STAFF_ROLES.map((value) => ({ value, label: STAFF_ROLE_LABEL[value] })),
        deliveryModes: DELIVERY_MODES.map((value) => ({ value, label: value === "e_learning" ? "E-learning" : value.charAt(0).toUpperCase() + value.slice(1) })),
        teams,
        programmes,
      };
    }),

  courses: router({
    list: trainingProcedure("training:own")
      .input(z.object({ includeInactive: z.boolean().optional() }).strict().optional())
      .query(async ({ ctx, input }) => {
        const courses = await loadCourses(ctx.prisma, { activeOnly: !input?.includeInactive });
        await audit(ctx, "courses.list", { entityType: "Course", entityIds: courses.map((c) => c.id) });
        return courses.map(courseOut);
      }),

    get: trainingProcedure("training:own")
      .input(z.object({ id: ZId }).strict())
      .query(async ({ ctx, input }) => {
        const courses = await loadCourses(ctx.prisma);
        const course = courses.find((c) => c.id === input.id);
        if (!course) throw notFound("Course");
        const [modules, sessions] = await Promise.all([
          ctx.prisma.onboardingModule.findMany({ where: { courseId: course.id }, select: { id: true, title: true } }),
          ctx.prisma.trainingSession.findMany({
            where: { courseId: course.id },
            select: { id: true, startsAt: true, venue: true, capacity: true, cancelled: true, _count: { select: { attendances: { where: { attended: true } }, completions: true } } },
            orderBy: { startsAt: "desc" },
            take: 50,
          }),
        ]);
        await audit(ctx, "courses.get", { entityType: "Course", entityIds: [course.id] });
        return {
          ...courseOut(course),
          prerequisiteCourses: course.prerequisites.map((id) => ({ id, title: courses.find((c) => c.id === id)?.title ?? "(removed)" })),
          modules,
          sessions: sessions.map((s: { id: string; startsAt: Date; venue: string | null; capacity: number | null; cancelled: boolean; _count: { attendances: number; completions: number } }) => ({
            id: s.id,
            date: s.startsAt.toISOString().slice(0, 10),
            venue: s.venue,
            capacity: s.capacity,
            cancelled: s.cancelled,
            present: s._count.attendances,
            completed: s._count.completions > 0,
          })),
        };
      }),

    create: trainingProcedure("training:write")
      .input(ZCourseCreate)
      .mutation(async ({ ctx, input }) => {
        await checkPrerequisites(ctx.prisma, null, input.prerequisites);
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const row = await tx.course.create({
            data: {
              code: input.code,
              title: input.title,
              description: input.description.trim() || null,
              deliveryMode: input.deliveryMode,
              prerequisiteIds: [...new Set(input.prerequisites)],
              languages: input.languages,
              durationHours: input.durationHours,
              validityMonths: input.validityMonths,
              requiredFor: input.requiredFor as never,
              qualifiesFacilitator: input.qualifiesFacilitator,
            },
            select: courseSelect,
          });
          await audit(ctx, "courses.create", { entityType: "Course", entityIds: [row.id], fields: Object.keys(input) }, tx);
          const view = (await loadCourses(tx)).find((c) => c.id === row.id)!;
          return courseOut(view);
        });
      }),

    update: trainingProcedure("training:write")
      .input(ZCourseUpdate)
      .mutation(async ({ ctx, input }) => {
        const current = (await loadCourses(ctx.prisma)).find((c) => c.id === input.id);
        if (!current) throw notFound("Course");
        const p = input.patch;
        if (p.prerequisites) await checkPrerequisites(ctx.prisma, input.id, p.prerequisites);
        const data: Record<string, unknown> = {};
        if (p.code !== undefined) data.code = p.code;
        if (p.title !== undefined) data.title = p.title;
        if (p.description !== undefined) data.description = p.description.trim() || null;
        if (p.deliveryMode !== undefined) data.deliveryMode = p.deliveryMode;
        if (p.durationHours !== undefined) data.durationHours = p.durationHours;
        if (p.validityMonths !== undefined) data.validityMonths = p.validityMonths;
        if (p.requiredFor !== undefined) data.requiredFor = p.requiredFor;
        if (p.prerequisites !== undefined) data.prerequisiteIds = [...new Set(p.prerequisites)];
        if (p.languages !== undefined) data.languages = p.languages;
        if (p.qualifiesFacilitator !== undefined) data.qualifiesFacilitator = p.qualifiesFacilitator;
        if (p.active !== undefined) data.active = p.active;
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const { count } = await tx.course.updateMany({ where: { id: input.id, version: input.version }, data: { ...data, version: { increment: 1 } } });
          if (count === 0) throw conflict();
          await audit(ctx, "courses.update", { entityType: "Course", entityIds: [input.id], fields: Object.keys(p) }, tx);
          return courseOut((await loadCourses(tx)).find((c) => c.id === input.id)!);
        });
      }),
  }),

  modules: router({
    list: trainingProcedure("training:own")
      .input(z.object({}).strict().optional())
      .query(async ({ ctx }) => {
        const modules = await loadModules(ctx.prisma);
        await audit(ctx, "modules.list", { entityType: "OnboardingModule", entityIds: modules.map((m) => m.id) });
        return modules
          .filter((m) => m.active)
          .map((m) => ({ id: m.id, code: m.code, title: m.title, estimatedMinutes: m.estimatedMinutes, hasQuiz: !!m.quiz, questions: m.quiz?.questions.length ?? 0, passMark: m.quiz?.passMark ?? null, requiresAcknowledgement: m.requiresAcknowledgement }));
      }),

    get: trainingProcedure("training:own")
      .input(z.object({ id: ZId }).strict())
      .query(async ({ ctx, input }) => {
        const m = (await loadModules(ctx.prisma)).find((x) => x.id === input.id);
        if (!m) throw notFound("Module");
        await audit(ctx, "modules.get", { entityType: "OnboardingModule", entityIds: [m.id] });
        return learnerModule(m);
      }),

    /** A module as its author edits it: the form, its version, and how many completions were recorded against each version. */
    authoring: trainingProcedure("training:write")
      .input(z.object({ id: ZId }).strict())
      .query(async ({ ctx, input }) => {
        const m = (await loadModules(ctx.prisma)).find((x) => x.id === input.id);
        if (!m) throw notFound("Module");
        await audit(ctx, "modules.authoring", { entityType: "OnboardingModule", entityIds: [m.id] });
        return authoringOut(ctx.prisma, m);
      }),

    /**
     * Saves a module's content, quiz and acknowledgement as a new version
     * (stale version → CONFLICT). The version being replaced is kept as a
     * revision too, so every completion's `moduleVersion` names the quiz it was
     * taken against; completions already recorded stay as they are.
     */
    save: trainingProcedure("training:write")
      .input(ZModuleAuthoringSave)
      .mutation(async ({ ctx, input }) => {
        const m = (await loadModules(ctx.prisma)).find((x) => x.id === input.id);
        if (!m) throw notFound("Module");
        const next = input.module;
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const { count } = await tx.onboardingModule.updateMany({
            where: { id: m.id, version: input.version },
            data: { title: next.title, content: next.content, estimatedMinutes: next.estimatedMinutes, version: { increment: 1 } },
          });
          if (count === 0) throw conflict();
          if (!m.authored) await tx.onboardingModuleRevision.create({ data: revisionData(m.id, m.version, m) });
          const quiz = quizFromAuthoring(next.quiz);
          await tx.onboardingModuleRevision.create({
            data: revisionData(m.id, input.version + 1, {
              title: next.title,
              content: next.content,
              estimatedMinutes: next.estimatedMinutes,
              quiz,
              requiresAcknowledgement: next.requiresAcknowledgement,
              acknowledgementText: next.requiresAcknowledgement ? next.acknowledgementText.trim() : null,
            }, ctx.user.id),
          });
          await audit(ctx, "modules.save", { entityType: "OnboardingModule", entityIds: [m.id], fields: ["title", "content", "estimatedMinutes", "quiz", "requiresAcknowledgement", "acknowledgementText"], reason: `version ${input.version + 1}` }, tx);
          const saved = (await loadModules(tx)).find((x) => x.id === m.id)!;
          return authoringOut(tx, saved);
        });
      }),
  }),

  plans: router({
    list: trainingProcedure("training:read")
      .input(z.object({}).strict().optional())
      .query(async ({ ctx }) => {
        const [plans, titles, courses] = await Promise.all([loadPlans(ctx.prisma), titleMap(ctx.prisma), loadCourses(ctx.prisma, { activeOnly: true })]);
        await audit(ctx, "plans.list", { entityType: "OnboardingPlan", entityIds: plans.map((p) => p.id) });
        return STAFF_ROLES.map((role) => {
          const plan = plans.find((p) => p.role === role);
          return {
            role,
            roleLabel: STAFF_ROLE_LABEL[role],
            plan: plan ? planOut(plan, titles) : null,
            gaps: plan ? planGaps(toRulePlan(plan), courses.map(ruleCourse)).map((c) => ({ id: c.id, title: c.title })) : [],
          };
        });
      }),

    get: trainingProcedure("training:read")
      .input(z.object({ role: ZStaffRole }).strict())
      .query(async ({ ctx, input }) => {
        const [plans, titles, courses, modules] = await Promise.all([loadPlans(ctx.prisma), titleMap(ctx.prisma), loadCourses(ctx.prisma, { activeOnly: true }), loadModules(ctx.prisma)]);
        const plan = plans.find((p) => p.role === input.role);
        if (!plan) throw notFound("Onboarding plan");
        await audit(ctx, "plans.get", { entityType: "OnboardingPlan", entityIds: [plan.id] });
        return {
          ...planOut(plan, titles),
          gaps: planGaps(toRulePlan(plan), courses.map(ruleCourse)).map((c) => ({ id: c.id, title: c.title })),
          available: {
            modules: modules.filter((m) => m.active).map((m) => ({ id: m.id, title: m.title })),
            courses: courses.map((c) => ({ id: c.id, title: c.title })),
          },
        };
      }),

    update: trainingProcedure("training:write")
      .input(
        z
          .object({
            id: ZId,
            version: z.number().int().min(0),
            name: zLine(200).optional(),
            items: z.array(ZOnboardingPlanItem.extend({ itemId: ZId })).max(100),
          })
          .strict(),
      )
      .mutation(async ({ ctx, input }) => {
        const plan = await ctx.prisma.onboardingPlan.findUnique({ where: { id: input.id }, select: planSelect });
        if (!plan) throw notFound("Onboarding plan");
        // The core's plan schema decides what a valid plan is (each item once); job roles are checked as their login role.
        const parsed = ZOnboardingPlan.safeParse({ id: plan.id, role: LOGIN_ROLE_OF[plan.role as keyof typeof LOGIN_ROLE_OF] ?? "staff", title: input.name ?? plan.name, items: input.items });
        if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: parsed.error.issues[0]?.message ?? "The plan is not valid", cause: parsed.error });
        const moduleIds = input.items.filter((i) => i.kind === "module").map((i) => i.itemId);
        const courseIds = input.items.filter((i) => i.kind === "course").map((i) => i.itemId);
        const [m, c] = await Promise.all([ctx.prisma.onboardingModule.count({ where: { id: { in: moduleIds } } }), ctx.prisma.course.count({ where: { id: { in: courseIds } } })]);
        if (m !== moduleIds.length || c !== courseIds.length) throw notFound("A module or course in the plan");
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const { count } = await tx.onboardingPlan.updateMany({ where: { id: input.id, version: input.version }, data: { ...(input.name ? { name: input.name } : {}), version: { increment: 1 } } });
          if (count === 0) throw conflict();
          await tx.onboardingPlanItem.deleteMany({ where: { planId: input.id } });
          await tx.onboardingPlanItem.createMany({
            data: input.items.map((i, position) => ({ planId: input.id, moduleId: i.kind === "module" ? i.itemId : null, courseId: i.kind === "course" ? i.itemId : null, dueWithinDays: i.dueWithinDays, position })),
          });
          await audit(ctx, "plans.update", { entityType: "OnboardingPlan", entityIds: [input.id], fields: ["items", ...(input.name ? ["name"] : [])] }, tx);
          const updated = (await tx.onboardingPlan.findUniqueOrThrow({ where: { id: input.id }, select: planSelect })) as unknown as PlanRow;
          return planOut(updated, await titleMap(tx));
        });
      }),
  }),
};
