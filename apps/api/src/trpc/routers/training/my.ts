/**
 * "My training" (every signed-in member of staff, `training:own`): my
 * assignments and course statuses, taking an onboarding module (the core's
 * `moduleCompletion` scores the quiz and checks the acknowledgement), and my
 * notifications. Always the caller's own records: no input names a person.
 */
import { moduleCompletion } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { notFound } from "../../errors.js";
import { router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { audit, trainingProcedure, ZAsOf, ZId } from "./common.js";
import { assignerNames, iso, learnerModule, loadAssignments, loadCourseCompletions, loadCourses, loadModuleCompletions, loadModules, staffSelect, todayIso, type StaffRow } from "./data.js";
import { roleLabel, trainingPicture } from "./views.js";

async function myStaff(ctx: AuthedContext): Promise<StaffRow | null> {
  if (!ctx.user.staffId) return null;
  return (await ctx.prisma.staff.findUnique({ where: { id: ctx.user.staffId }, select: staffSelect })) as StaffRow | null;
}

export const myRouter = router({
  get: trainingProcedure("training:own")
    .input(z.object({ asOf: ZAsOf }).strict().optional())
    .query(async ({ ctx, input }) => {
      const asOf = input?.asOf ?? todayIso(ctx.now);
      const me = await myStaff(ctx);
      await audit(ctx, "my.get", { entityType: "Staff", entityIds: me ? [me.id] : [] });
      if (!me) return { asOf, staff: null, assignments: [], courses: [], modulesDone: [] };
      const [courses, modules, assignments, completions, moduleCompletions, sessions] = await Promise.all([
        loadCourses(ctx.prisma, { activeOnly: true }),
        loadModules(ctx.prisma),
        loadAssignments(ctx.prisma, [me.id]),
        loadCourseCompletions(ctx.prisma, [me.id]),
        loadModuleCompletions(ctx.prisma, [me.id]),
        ctx.prisma.trainingAttendance.findMany({
          where: { staffId: me.id, session: { cancelled: false, startsAt: { gte: new Date(`${asOf}T00:00:00Z`) } } },
          select: { session: { select: { id: true, startsAt: true, venue: true, course: { select: { title: true } } } } },
        }),
      ]);
      const p = trainingPicture([me], courses, modules, assignments, completions, moduleCompletions, asOf, 30, await assignerNames(ctx.prisma, assignments)).byStaff.get(me.id)!;
      return {
        asOf,
        staff: { id: me.id, name: me.name, role: me.role, roleLabel: roleLabel(me.role), jobTitle: me.jobTitle, startDate: iso(me.startDate) },
        assignments: p.assignments,
        courses: p.courses,
        modulesDone: [...p.modulesDone],
        bookedSessions: sessions.map((s: { session: { id: string; startsAt: Date; venue: string | null; course: { title: string } } }) => ({ id: s.session.id, date: iso(s.session.startsAt), venue: s.session.venue, course: s.session.course.title })),
      };
    }),

  module: trainingProcedure("training:own")
    .input(z.object({ id: ZId }).strict())
    .query(async ({ ctx, input }) => {
      const m = (await loadModules(ctx.prisma)).find((x) => x.id === input.id && x.active);
      if (!m) throw notFound("Module");
      const me = await myStaff(ctx);
      const done = me ? await ctx.prisma.trainingCompletion.findFirst({ where: { staffId: me.id, moduleId: m.id }, select: { completedAt: true, evidence: true }, orderBy: { completedAt: "desc" } }) : null;
      await audit(ctx, "my.module", { entityType: "OnboardingModule", entityIds: [m.id] });
      return { ...learnerModule(m), completedOn: done ? iso(done.completedAt) : null };
    }),

  completeModule: trainingProcedure("training:own")
    .input(
      z
        .object({
          moduleId: ZId,
          answers: z.array(z.number().int().min(0).max(20).nullable()).max(50).nullable(),
          acknowledged: z.boolean(),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const me = await myStaff(ctx);
      if (!me) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Your account is not linked to a staff record, so training cannot be recorded for you" });
      const m = (await loadModules(ctx.prisma)).find((x) => x.id === input.moduleId && x.active);
      if (!m) throw notFound("Module");
      const today = todayIso(ctx.now);
      const result = moduleCompletion({ module: m, staffId: me.id, answers: input.answers, acknowledged: input.acknowledged, completedOn: today });
      const quiz = result.quiz
        ? { correct: result.quiz.correct, total: result.quiz.total, score: result.quiz.score, passMark: result.quiz.passMark, passed: result.quiz.passed, feedback: result.quiz.feedback }
        : null;
      if (!result.completed) {
        await audit(ctx, "my.completeModule", { entityType: "OnboardingModule", entityIds: [m.id], reason: `not completed: ${result.reasons.join(", ")}` });
        return { completed: false as const, reasons: result.reasons, quiz };
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const existing = await tx.trainingCompletion.findFirst({ where: { staffId: me.id, moduleId: m.id }, select: { id: true } });
        if (!existing) {
          await tx.trainingCompletion.create({
            data: {
              staffId: me.id,
              moduleId: m.id,
              completedAt: new Date(`${today}T00:00:00.000Z`),
              evidence: [quiz ? `Quiz ${quiz.correct}/${quiz.total}` : null, input.acknowledged ? "acknowledged" : null].filter(Boolean).join("; ") || null,
              recordedById: ctx.user.id,
              // The version taken: a later edit of the quiz leaves this attempt as it was.
              moduleVersion: m.version,
            },
          });
        }
        await tx.trainingAssignment.updateMany({ where: { staffId: me.id, moduleId: m.id, status: "assigned" }, data: { status: "completed", version: { increment: 1 } } });
        await audit(ctx, "my.completeModule", { entityType: "OnboardingModule", entityIds: [m.id, me.id], fields: ["completion"] }, tx);
        return { completed: true as const, reasons: [], quiz, alreadyCompleted: !!existing };
      });
    }),
});

export const notificationsRouter = router({
  list: trainingProcedure("training:own")
    .input(z.object({ unreadOnly: z.boolean().optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.notification.findMany({
        where: { userId: ctx.user.id, ...(input?.unreadOnly ? { readAt: null } : {}) },
        select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
        orderBy: { createdAt: "desc" },
        take: 100,
      });
      await audit(ctx, "notifications.list", { entityType: "Notification", entityIds: rows.map((r: { id: string }) => r.id) });
      return rows.map((r: { id: string; kind: string; title: string; body: string | null; link: string | null; readAt: Date | null; createdAt: Date }) => ({
        ...r,
        readAt: r.readAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      }));
    }),

  markRead: trainingProcedure("training:own")
    .input(z.object({ ids: z.array(ZId).min(1).max(100) }).strict())
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.notification.updateMany({ where: { id: { in: input.ids }, userId: ctx.user.id, readAt: null }, data: { readAt: ctx.now } });
        await audit(ctx, "notifications.markRead", { entityType: "Notification", entityIds: input.ids }, tx);
        return { marked: count };
      });
    }),
});
