/**
 * Completions from outside providers (`training:assign`, the same people who
 * may assign to the person): recording one with its evidence (certificate
 * number, a note), correcting it, and withdrawing it, each with a reason and
 * audited. The core's `externalCompletion` checks it and dates its expiry;
 * once saved it is an ordinary completion row (with `provider` set), so
 * status, expiry, coverage and the facilitator pipeline count it exactly as a
 * session's. Recording it closes the person's open assignments of the course
 * when it is still valid (core `assignmentsClosedBy`); withdrawing it opens
 * them again.
 */
import { assignmentsClosedBy, externalCompletion, isoFromDate } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import { router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { audit, checkMayAssign, ruled, trainingProcedure, ZDate, ZId, zLine } from "./common.js";
import { courseSelect, dateOf, iso, todayIso, toCourses, type CourseRow, type CourseView } from "./data.js";

const ZVersion = z.number().int().min(0).max(2_147_483_647);

/** A person's completions from outside providers (withdrawn ones too, marked), newest first, for their record. */
export async function externalCompletionsOf(db: DbClient, staffId: string, courses: readonly CourseView[]) {
  const rows = await db.trainingCompletion.findMany({
    where: { staffId, provider: { not: null } },
    select: { id: true, courseId: true, completedAt: true, expiresAt: true, provider: true, evidence: true, version: true, correctionReason: true, withdrawnAt: true, withdrawReason: true, course: { select: { title: true } } },
    orderBy: [{ completedAt: "desc" }, { id: "asc" }],
  });
  type Row = { id: string; courseId: string | null; completedAt: Date; expiresAt: Date | null; provider: string | null; evidence: string | null; version: number; correctionReason: string | null; withdrawnAt: Date | null; withdrawReason: string | null; course: { title: string } | null };
  return (rows as Row[]).map((r) => ({
    id: r.id,
    courseId: r.courseId,
    title: r.course?.title ?? courses.find((c) => c.id === r.courseId)?.title ?? "(removed)",
    completedOn: iso(r.completedAt),
    expiresOn: isoFromDate(r.expiresAt),
    provider: r.provider!,
    evidence: r.evidence,
    version: r.version,
    correctionReason: r.correctionReason,
    withdrawn: r.withdrawnAt !== null,
    withdrawReason: r.withdrawReason,
  }));
}

async function loadCourse(db: DbClient, id: string): Promise<CourseView> {
  const row = (await db.course.findUnique({ where: { id }, select: courseSelect })) as CourseRow | null;
  if (!row) throw fieldProblems([{ path: "courseId", message: "Choose a course from the catalogue" }]);
  return toCourses([row])[0]!;
}

async function loadPerson(ctx: AuthedContext, id: string) {
  const s = await ctx.prisma.staff.findUnique({ where: { id }, select: { id: true, name: true, teamId: true } });
  if (!s) throw fieldProblems([{ path: "staffId", message: "Choose someone on the staff list" }]);
  checkMayAssign(ctx, [s]);
  return s as { id: string; name: string; teamId: string | null };
}

/** An external completion that is still counted, with its person checked against the caller's scope. */
async function loadExternal(ctx: AuthedContext, id: string) {
  const c = await ctx.prisma.trainingCompletion.findUnique({
    where: { id },
    select: { id: true, staffId: true, courseId: true, completedAt: true, provider: true, evidence: true, version: true, withdrawnAt: true, staff: { select: { id: true, name: true, teamId: true } } },
  });
  if (!c || c.provider === null || c.courseId === null) throw notFound("Completion from an outside provider");
  checkMayAssign(ctx, [c.staff]);
  if (c.withdrawnAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This completion has been withdrawn" });
  return c as { id: string; staffId: string; courseId: string; completedAt: Date; provider: string; evidence: string | null; version: number; staff: { id: string; name: string; teamId: string | null } };
}

export const completionsRouter = router({
  record: trainingProcedure("training:assign")
    .input(z.object({ staffId: ZId, courseId: ZId, completedOn: ZDate, provider: zLine(200), evidence: zLine(1000).optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      const person = await loadPerson(ctx, input.staffId);
      const course = await loadCourse(ctx.prisma, input.courseId);
      const { completion, expiresOn } = ruled(() => externalCompletion({ staff: person, course, completedOn: input.completedOn, today: todayIso(ctx.now), provider: input.provider }));
      const open = await ctx.prisma.trainingAssignment.findMany({ where: { staffId: person.id, courseId: course.id, status: "assigned" }, select: { id: true, staffId: true } });
      const closes = assignmentsClosedBy(
        completion,
        course,
        open.map((a: { id: string; staffId: string }) => ({ id: a.id, staffId: a.staffId, kind: "course" as const, itemId: course.id, open: true })),
        todayIso(ctx.now),
      );
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.trainingCompletion.create({
          data: {
            staffId: person.id,
            courseId: course.id,
            completedAt: dateOf(completion.completedOn),
            expiresAt: expiresOn ? dateOf(expiresOn) : null,
            provider: completion.provider!,
            evidence: input.evidence ?? null,
            recordedById: ctx.user.id,
          },
          select: { id: true, version: true },
        });
        if (closes.length > 0) {
          await tx.trainingAssignment.updateMany({ where: { id: { in: closes }, status: "assigned" }, data: { status: "completed", closedByCompletionId: row.id, version: { increment: 1 } } });
        }
        await audit(ctx, "completions.record", { entityType: "TrainingCompletion", entityIds: [row.id, person.id, ...closes], fields: ["completedOn", "provider", "evidence"], reason: `${course.title} from ${completion.provider}` }, tx);
        return { id: row.id, version: row.version, staffId: person.id, courseId: course.id, completedOn: completion.completedOn, expiresOn, closedAssignments: closes.length };
      });
    }),

  correct: trainingProcedure("training:assign")
    .input(
      z
        .object({ id: ZId, version: ZVersion, completedOn: ZDate.optional(), provider: zLine(200).optional(), evidence: zLine(1000).nullable().optional(), reason: zLine(500) })
        .strict()
        .refine((v) => v.completedOn !== undefined || v.provider !== undefined || v.evidence !== undefined, { message: "Change the date, the provider or the evidence", path: ["completedOn"] }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = await loadExternal(ctx, input.id);
      const course = await loadCourse(ctx.prisma, c.courseId);
      const { completion, expiresOn } = ruled(() =>
        externalCompletion({ staff: c.staff, course, completedOn: input.completedOn ?? iso(c.completedAt), today: todayIso(ctx.now), provider: input.provider ?? c.provider }),
      );
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingCompletion.updateMany({
          where: { id: c.id, version: input.version, withdrawnAt: null },
          data: {
            completedAt: dateOf(completion.completedOn),
            expiresAt: expiresOn ? dateOf(expiresOn) : null,
            provider: completion.provider!,
            ...(input.evidence !== undefined ? { evidence: input.evidence } : {}),
            correctedAt: ctx.now,
            correctionReason: input.reason,
            version: { increment: 1 },
          },
        });
        if (count === 0) throw conflict();
        const fields = [input.completedOn !== undefined && "completedOn", input.provider !== undefined && "provider", input.evidence !== undefined && "evidence"].filter((f): f is string => !!f);
        await audit(ctx, "completions.correct", { entityType: "TrainingCompletion", entityIds: [c.id, c.staffId], fields, reason: input.reason }, tx);
        return { id: c.id, version: input.version + 1, completedOn: completion.completedOn, expiresOn };
      });
    }),

  withdraw: trainingProcedure("training:assign")
    .input(z.object({ id: ZId, version: ZVersion, reason: zLine(500) }).strict())
    .mutation(async ({ ctx, input }) => {
      const c = await loadExternal(ctx, input.id);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingCompletion.updateMany({
          where: { id: c.id, version: input.version, withdrawnAt: null },
          data: { withdrawnAt: ctx.now, withdrawnById: ctx.user.id, withdrawReason: input.reason, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        // The assignments it closed are open again (the person still has to do the course).
        const { count: reopened } = await tx.trainingAssignment.updateMany({ where: { closedByCompletionId: c.id, status: "completed" }, data: { status: "assigned", closedByCompletionId: null, version: { increment: 1 } } });
        await audit(ctx, "completions.withdraw", { entityType: "TrainingCompletion", entityIds: [c.id, c.staffId], fields: ["withdrawnAt"], reason: input.reason }, tx);
        return { id: c.id, withdrawn: true, reopenedAssignments: reopened };
      });
    }),
});
