/**
 * Training assigned by hand (`training:assign`: trainers and admins for
 * anyone, managers for their own team — core `mayAssignTo`): one module or
 * course to one or many people with a due date and a reason; changing the due
 * date; cancelling with a reason. Duplicates (already valid, already open)
 * are reported by the core's `planHandAssignments`, not made again. Hand
 * assignments then follow the same due, overdue and reminder rules as a
 * plan's (they are ordinary rows with `source = manual`).
 */
import { checkNewDueDate, planHandAssignments } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import { router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { audit, checkMayAssign, clip, ruled, trainingProcedure, ZDate, ZId, zLine } from "./common.js";
import { courseSelect, dateOf, iso, loadCourseCompletions, loadModuleCompletions, staffSelect, todayIso, toCourses, toRuleStaff, type CourseRow, type StaffRow } from "./data.js";

const ZVersion = z.number().int().min(0).max(2_147_483_647);

const ZCreate = z
  .object({
    staffIds: z.array(ZId).min(1, "Choose at least one person").max(500, "Assign to at most 500 people at a time"),
    courseId: ZId.optional(),
    moduleId: ZId.optional(),
    dueOn: ZDate,
    reason: zLine(500).optional(),
  })
  .strict()
  .refine((v) => (v.courseId ? 1 : 0) + (v.moduleId ? 1 : 0) === 1, { message: "Choose one course or one module", path: ["courseId"] });

/** The item to assign: an offered course or module, or a 400 naming the field. */
async function loadItem(db: DbClient, input: { courseId?: string | undefined; moduleId?: string | undefined }) {
  if (input.courseId) {
    const row = (await db.course.findFirst({ where: { id: input.courseId, active: true }, select: courseSelect })) as CourseRow | null;
    if (!row) throw fieldProblems([{ path: "courseId", message: "Choose a course that is offered" }]);
    const course = toCourses([row])[0]!;
    return { kind: "course" as const, itemId: course.id, title: course.title, course };
  }
  const m = await db.onboardingModule.findFirst({ where: { id: input.moduleId!, active: true }, select: { id: true, title: true } });
  if (!m) throw fieldProblems([{ path: "moduleId", message: "Choose a module that is offered" }]);
  return { kind: "module" as const, itemId: m.id, title: m.title, course: null };
}

/** One assignment with its person, for a change or a cancellation; 404 if absent, 403 outside the caller's scope. */
async function loadAssignment(ctx: AuthedContext, id: string) {
  const a = await ctx.prisma.trainingAssignment.findUnique({
    where: { id },
    select: { id: true, staffId: true, status: true, assignedAt: true, dueDate: true, version: true, staff: { select: { id: true, name: true, teamId: true } } },
  });
  if (!a) throw notFound("Assignment");
  checkMayAssign(ctx, [a.staff]);
  return a as { id: string; staffId: string; status: string; assignedAt: Date; dueDate: Date; version: number; staff: { id: string; name: string; teamId: string | null } };
}

export const assignmentsRouter = router({
  create: trainingProcedure("training:assign")
    .input(ZCreate)
    .mutation(async ({ ctx, input }) => {
      const today = todayIso(ctx.now);
      const ids = [...new Set(input.staffIds)];
      const rows = (await ctx.prisma.staff.findMany({ where: { id: { in: ids } }, select: staffSelect })) as StaffRow[];
      if (rows.length !== ids.length) throw fieldProblems([{ path: "staffIds", message: `${ids.length - rows.length} of the people chosen are not on the staff list` }]);
      checkMayAssign(ctx, rows);
      const item = await loadItem(ctx.prisma, input);
      const [open, completions, moduleCompletions] = await Promise.all([
        ctx.prisma.trainingAssignment.findMany({
          where: { staffId: { in: ids }, status: "assigned", ...(item.kind === "course" ? { courseId: item.itemId } : { moduleId: item.itemId }) },
          select: { staffId: true, dueDate: true },
        }),
        item.kind === "course" ? loadCourseCompletions(ctx.prisma, ids) : [],
        item.kind === "module" ? loadModuleCompletions(ctx.prisma, ids) : [],
      ]);
      const people = toRuleStaff(rows, today);
      const plan = ruled(() =>
        planHandAssignments({
          people,
          item,
          course: item.course,
          assignedOn: today,
          dueOn: input.dueOn,
          assignedBy: ctx.user.id,
          note: input.reason ?? null,
          open: open.map((o: { staffId: string; dueDate: Date }) => ({ staffId: o.staffId, kind: item.kind, itemId: item.itemId, dueOn: iso(o.dueDate) })),
          completions,
          moduleCompletions,
        }),
      );
      const name = new Map(rows.map((r) => [r.id, r.name]));
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        await tx.trainingAssignment.createMany({
          data: plan.assign.map((a) => ({
            staffId: a.staffId,
            courseId: a.kind === "course" ? a.itemId : null,
            moduleId: a.kind === "module" ? a.itemId : null,
            planId: null,
            source: "manual" as const,
            assignedAt: ctx.now,
            dueDate: dateOf(a.dueOn),
            assignedById: ctx.user.id,
            reason: a.note ?? null,
          })),
        });
        await audit(
          ctx,
          "assignments.create",
          { entityType: "Staff", entityIds: clip(plan.assign.map((a) => a.staffId)), fields: [item.kind === "course" ? "courseId" : "moduleId", "dueOn", "reason"], reason: `${item.kind} ${item.itemId} due ${input.dueOn}: ${plan.assign.length} assigned, ${plan.skipped.length} left out` },
          tx,
        );
        return {
          item: { kind: item.kind, id: item.itemId, title: item.title },
          dueOn: input.dueOn,
          assigned: plan.assign.map((a) => ({ staffId: a.staffId, name: name.get(a.staffId) ?? "" })),
          skipped: plan.skipped,
        };
      });
    }),

  update: trainingProcedure("training:assign")
    .input(z.object({ id: ZId, version: ZVersion, dueOn: ZDate }).strict())
    .mutation(async ({ ctx, input }) => {
      const a = await loadAssignment(ctx, input.id);
      ruled(() => checkNewDueDate({ assignedOn: iso(a.assignedAt), open: a.status === "assigned" }, input.dueOn));
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingAssignment.updateMany({ where: { id: a.id, version: input.version, status: "assigned" }, data: { dueDate: dateOf(input.dueOn), version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await audit(ctx, "assignments.update", { entityType: "TrainingAssignment", entityIds: [a.id, a.staffId], fields: ["dueDate"], reason: `due ${iso(a.dueDate)} → ${input.dueOn}` }, tx);
        return { id: a.id, dueOn: input.dueOn, version: input.version + 1 };
      });
    }),

  cancel: trainingProcedure("training:assign")
    .input(z.object({ id: ZId, reason: zLine(500) }).strict())
    .mutation(async ({ ctx, input }) => {
      const a = await loadAssignment(ctx, input.id);
      if (a.status !== "assigned") throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Only an open assignment can be cancelled: this one is ${a.status}` });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingAssignment.updateMany({
          where: { id: a.id, status: "assigned" },
          data: { status: "cancelled", cancelledAt: ctx.now, cancelledById: ctx.user.id, cancelReason: input.reason, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        await audit(ctx, "assignments.cancel", { entityType: "TrainingAssignment", entityIds: [a.id, a.staffId], fields: ["status"], reason: input.reason }, tx);
        return { id: a.id, cancelled: true };
      });
    }),
});
