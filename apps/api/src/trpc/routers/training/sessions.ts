/**
 * Classroom sessions: schedule, invite the staff who are assigned the
 * course, take the register and record completion. Completion uses the
 * core's `completionsFromRegister` (everyone marked present completes the
 * course on the session's day) and `completionExpiry`.
 */
import { completionExpiry, completionsFromRegister } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { router } from "../../trpc.js";
import { audit, clip, trainingProcedure, ZDate, ZId, zLine } from "./common.js";
import { iso, loadCourses, ruleCourse, todayIso } from "./data.js";

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time written HH:MM");
const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);
const hhmm = (d: Date | null) => (d ? d.toISOString().slice(11, 16) : null);

const sessionSelect = {
  id: true,
  courseId: true,
  startsAt: true,
  endsAt: true,
  venue: true,
  trainerId: true,
  capacity: true,
  cancelled: true,
  cancelReason: true,
  version: true,
  course: { select: { title: true } },
  trainer: { select: { name: true } },
} as const;

type SessionRow = {
  id: string;
  courseId: string;
  startsAt: Date;
  endsAt: Date | null;
  venue: string | null;
  trainerId: string | null;
  capacity: number | null;
  cancelled: boolean;
  cancelReason: string | null;
  version: number;
  course: { title: string };
  trainer: { name: string } | null;
};

function sessionOut(s: SessionRow) {
  return {
    id: s.id,
    courseId: s.courseId,
    course: s.course.title,
    date: iso(s.startsAt),
    startTime: hhmm(s.startsAt),
    endTime: hhmm(s.endsAt),
    venue: s.venue,
    trainerId: s.trainerId,
    trainer: s.trainer?.name ?? null,
    capacity: s.capacity,
    cancelled: s.cancelled,
    cancelReason: s.cancelReason,
    version: s.version,
  };
}

async function loadSession(db: DbClient, id: string): Promise<SessionRow> {
  const s = await db.trainingSession.findUnique({ where: { id }, select: sessionSelect });
  if (!s) throw notFound("Session");
  return s as SessionRow;
}

/** Marks open assignments of a course as completed for people who now hold it. */
async function closeAssignments(tx: DbClient, courseId: string, staffIds: readonly string[]) {
  if (staffIds.length === 0) return;
  await tx.trainingAssignment.updateMany({ where: { courseId, staffId: { in: [...staffIds] }, status: "assigned" }, data: { status: "completed", version: { increment: 1 } } });
}

export const sessionsRouter = router({
  list: trainingProcedure("training:read")
    .input(z.object({ from: ZDate.optional(), to: ZDate.optional(), courseId: ZId.optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      const where: Record<string, unknown> = {};
      if (input?.courseId) where.courseId = input.courseId;
      if (input?.from || input?.to) where.startsAt = { ...(input.from ? { gte: new Date(`${input.from}T00:00:00Z`) } : {}), ...(input.to ? { lt: new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000) } : {}) };
      const rows = await ctx.prisma.trainingSession.findMany({
        where,
        select: { ...sessionSelect, _count: { select: { attendances: true, completions: true } }, attendances: { where: { attended: true }, select: { id: true } } },
        orderBy: { startsAt: "desc" },
        take: 500,
      });
      await audit(ctx, "sessions.list", { entityType: "TrainingSession", entityIds: clip(rows.map((r: { id: string }) => r.id)) });
      return rows.map((r: SessionRow & { _count: { attendances: number; completions: number }; attendances: { id: string }[] }) => ({
        ...sessionOut(r),
        booked: r._count.attendances,
        present: r.attendances.length,
        completed: r._count.completions > 0,
      }));
    }),

  get: trainingProcedure("training:read")
    .input(z.object({ id: ZId }).strict())
    .query(async ({ ctx, input }) => {
      const s = await loadSession(ctx.prisma, input.id);
      const [register, completions, assigned] = await Promise.all([
        ctx.prisma.trainingAttendance.findMany({
          where: { sessionId: s.id },
          select: { staffId: true, attended: true, staff: { select: { name: true, jobTitle: true, team: { select: { name: true } } } } },
          orderBy: { staff: { name: "asc" } },
        }),
        ctx.prisma.trainingCompletion.findMany({ where: { sessionId: s.id }, select: { staffId: true } }),
        // Staff in post with an open assignment of this course and not yet on the register: who to invite.
        ctx.prisma.trainingAssignment.findMany({
          where: {
            courseId: s.courseId,
            status: "assigned",
            staff: { startDate: { lte: s.startsAt }, OR: [{ leaveDate: null }, { leaveDate: { gte: s.startsAt } }], trainingAttendances: { none: { sessionId: s.id } } },
          },
          select: { staffId: true, dueDate: true, staff: { select: { name: true, team: { select: { name: true } } } } },
          orderBy: { dueDate: "asc" },
          take: 200,
        }),
      ]);
      const completed = new Set(completions.map((c: { staffId: string }) => c.staffId));
      await audit(ctx, "sessions.get", { entityType: "TrainingSession", entityIds: [s.id], fields: ["register"] });
      const seen = new Set<string>();
      return {
        ...sessionOut(s),
        completed: completed.size > 0,
        register: register.map((r: { staffId: string; attended: boolean; staff: { name: string; jobTitle: string; team: { name: string } | null } }) => ({
          staffId: r.staffId,
          name: r.staff.name,
          jobTitle: r.staff.jobTitle,
          team: r.staff.team?.name ?? null,
          attended: r.attended,
          completionRecorded: completed.has(r.staffId),
        })),
        toInvite: assigned
          .filter((a: { staffId: string }) => (seen.has(a.staffId) ? false : (seen.add(a.staffId), true)))
          .map((a: { staffId: string; dueDate: Date; staff: { name: string; team: { name: string } | null } }) => ({ staffId: a.staffId, name: a.staff.name, team: a.staff.team?.name ?? null, dueOn: iso(a.dueDate) })),
      };
    }),

  create: trainingProcedure("training:write")
    .input(
      z
        .object({
          courseId: ZId,
          date: ZDate,
          startTime: ZTime.default("09:30"),
          endTime: ZTime.default("16:30"),
          venue: zLine(200).optional(),
          trainerId: ZId.nullable().optional(),
          capacity: z.number().int().min(1).max(500).optional(),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.endTime <= input.startTime) throw new TRPCError({ code: "BAD_REQUEST", message: "The session must end after it starts" });
      const course = await ctx.prisma.course.findUnique({ where: { id: input.courseId }, select: { id: true, active: true } });
      if (!course) throw notFound("Course");
      if (input.trainerId && !(await ctx.prisma.staff.findUnique({ where: { id: input.trainerId }, select: { id: true } }))) throw notFound("Trainer");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.trainingSession.create({
          data: { courseId: input.courseId, startsAt: at(input.date, input.startTime), endsAt: at(input.date, input.endTime), venue: input.venue ?? null, trainerId: input.trainerId ?? null, capacity: input.capacity ?? null },
          select: sessionSelect,
        });
        await audit(ctx, "sessions.create", { entityType: "TrainingSession", entityIds: [row.id], fields: Object.keys(input) }, tx);
        return sessionOut(row as SessionRow);
      });
    }),

  invite: trainingProcedure("training:write")
    .input(z.object({ id: ZId, version: z.number().int().min(0), staffIds: z.array(ZId).min(1).max(500) }).strict())
    .mutation(async ({ ctx, input }) => {
      const s = await loadSession(ctx.prisma, input.id);
      if (s.cancelled) throw new TRPCError({ code: "BAD_REQUEST", message: "The session is cancelled" });
      const ids = [...new Set(input.staffIds)];
      const found = await ctx.prisma.staff.findMany({ where: { id: { in: ids } }, select: { id: true, user: { select: { id: true } } } });
      if (found.length !== ids.length) throw notFound("Member of staff");
      const already = new Set((await ctx.prisma.trainingAttendance.findMany({ where: { sessionId: s.id }, select: { staffId: true } })).map((r: { staffId: string }) => r.staffId));
      const fresh = ids.filter((id) => !already.has(id));
      if (s.capacity !== null && already.size + fresh.length > s.capacity) {
        throw new TRPCError({ code: "BAD_REQUEST", message: `The session has ${Math.max(0, s.capacity - already.size)} places left` });
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingSession.updateMany({ where: { id: s.id, version: input.version }, data: { version: { increment: 1 } } });
        if (count === 0) throw conflict();
        // Booked: on the register, not yet marked present.
        await tx.trainingAttendance.createMany({ data: fresh.map((staffId) => ({ sessionId: s.id, staffId, attended: false })) });
        const users = found.filter((f: { id: string; user: { id: string } | null }) => fresh.includes(f.id) && f.user);
        if (users.length > 0) {
          await tx.notification.createMany({
            data: users.map((u: { user: { id: string } | null }) => ({
              userId: u.user!.id,
              kind: "training_session",
              title: `You are booked on ${s.course.title}`,
              body: `${iso(s.startsAt)} ${hhmm(s.startsAt)}–${hhmm(s.endsAt) ?? ""}${s.venue ? `, ${s.venue}` : ""}.`,
              link: "/training/my",
            })),
          });
        }
        await audit(ctx, "sessions.invite", { entityType: "TrainingSession", entityIds: [s.id, ...clip(fresh, 999)], fields: ["register"] }, tx);
        return { invited: fresh.length, alreadyBooked: ids.length - fresh.length };
      });
    }),

  mark: trainingProcedure("training:write")
    .input(
      z
        .object({ id: ZId, version: z.number().int().min(0), marks: z.array(z.object({ staffId: ZId, attended: z.boolean() }).strict()).min(1).max(500) })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const s = await loadSession(ctx.prisma, input.id);
      if (s.cancelled) throw new TRPCError({ code: "BAD_REQUEST", message: "The session is cancelled" });
      if (iso(s.startsAt) > todayIso(ctx.now)) throw new TRPCError({ code: "BAD_REQUEST", message: "The register can be taken from the day of the session" });
      const ids = [...new Set(input.marks.map((m) => m.staffId))];
      if ((await ctx.prisma.staff.count({ where: { id: { in: ids } } })) !== ids.length) throw notFound("Member of staff");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingSession.updateMany({ where: { id: s.id, version: input.version }, data: { version: { increment: 1 } } });
        if (count === 0) throw conflict();
        for (const m of input.marks) {
          await tx.trainingAttendance.upsert({
            where: { sessionId_staffId: { sessionId: s.id, staffId: m.staffId } },
            create: { sessionId: s.id, staffId: m.staffId, attended: m.attended },
            update: { attended: m.attended, version: { increment: 1 } },
          });
        }
        await audit(ctx, "sessions.mark", { entityType: "TrainingSession", entityIds: [s.id, ...clip(ids, 999)], fields: ["attended"] }, tx);
        return { marked: input.marks.length, version: s.version + 1 };
      });
    }),

  complete: trainingProcedure("training:write")
    .input(z.object({ id: ZId, version: z.number().int().min(0) }).strict())
    .mutation(async ({ ctx, input }) => {
      const s = await loadSession(ctx.prisma, input.id);
      if (s.cancelled) throw new TRPCError({ code: "BAD_REQUEST", message: "The session is cancelled" });
      const date = iso(s.startsAt);
      if (date > todayIso(ctx.now)) throw new TRPCError({ code: "BAD_REQUEST", message: "A session can be completed on or after its day" });
      const course = (await loadCourses(ctx.prisma)).find((c) => c.id === s.courseId);
      if (!course) throw notFound("Course");
      const attendance = await ctx.prisma.trainingAttendance.findMany({ where: { sessionId: s.id }, select: { staffId: true, attended: true } });
      const produced = completionsFromRegister(
        { id: s.id, courseId: s.courseId, date },
        attendance.map((a: { staffId: string; attended: boolean }) => ({ sessionId: s.id, participantId: a.staffId, attended: a.attended })),
      );
      const expires = completionExpiry(ruleCourse(course), date);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingSession.updateMany({ where: { id: s.id, version: input.version }, data: { version: { increment: 1 } } });
        if (count === 0) throw conflict();
        const existing = new Set((await tx.trainingCompletion.findMany({ where: { sessionId: s.id }, select: { staffId: true } })).map((r: { staffId: string }) => r.staffId));
        const present = new Set(produced.map((p) => p.staffId));
        const toAdd = produced.filter((p) => !existing.has(p.staffId));
        const toRemove = [...existing].filter((id) => !present.has(id));
        await tx.trainingCompletion.createMany({
          data: toAdd.map((p) => ({
            staffId: p.staffId,
            courseId: p.courseId,
            sessionId: s.id,
            completedAt: new Date(`${p.completedOn}T00:00:00.000Z`),
            expiresAt: expires ? new Date(`${expires}T00:00:00.000Z`) : null,
            evidence: "Register",
            recordedById: ctx.user.id,
          })),
        });
        // Someone marked absent after an earlier completion loses the completion from this session.
        if (toRemove.length > 0) await tx.trainingCompletion.deleteMany({ where: { sessionId: s.id, staffId: { in: toRemove } } });
        await closeAssignments(tx, s.courseId, [...present]);
        await audit(ctx, "sessions.complete", { entityType: "TrainingSession", entityIds: [s.id, ...clip([...present], 999)], fields: ["completion"] }, tx);
        return { completions: present.size, added: toAdd.length, removed: toRemove.length, expiresOn: expires, version: s.version + 1 };
      });
    }),

  /**
   * Cancels a session that has not been completed: the reason is kept, and
   * everyone booked on it is told (in-app and by email) so they can book
   * another date. Their assignments stay open.
   */
  cancel: trainingProcedure("training:write")
    .input(z.object({ id: ZId, version: z.number().int().min(0), reason: zLine(500) }).strict())
    .mutation(async ({ ctx, input }) => {
      const s = await loadSession(ctx.prisma, input.id);
      if (s.cancelled) throw new TRPCError({ code: "BAD_REQUEST", message: "The session is already cancelled" });
      if ((await ctx.prisma.trainingCompletion.count({ where: { sessionId: s.id } })) > 0) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "The session's completions are recorded: it took place and cannot be cancelled" });
      }
      const booked = (await ctx.prisma.trainingAttendance.findMany({
        where: { sessionId: s.id },
        select: { staffId: true, staff: { select: { email: true, leaveDate: true, user: { select: { id: true, email: true, disabled: true } } } } },
      })) as { staffId: string; staff: { email: string | null; leaveDate: Date | null; user: { id: string; email: string; disabled: boolean } | null } }[];
      const title = `Cancelled: ${s.course.title} on ${iso(s.startsAt)}`;
      const body = `The ${s.course.title} session on ${iso(s.startsAt)}${s.venue ? ` at ${s.venue}` : ""} is cancelled. Reason: ${input.reason}. Your training is still assigned: you will be invited to another date.`;
      const link = `${ctx.deps.config.baseUrl.replace(/\/$/, "")}/training/my`;
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.trainingSession.updateMany({
          where: { id: s.id, version: input.version, cancelled: false },
          data: { cancelled: true, cancelReason: input.reason, cancelledAt: ctx.now, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        const users = booked.filter((b) => b.staff.user && !b.staff.user.disabled);
        if (users.length > 0) {
          await tx.notification.createMany({ data: users.map((b) => ({ userId: b.staff.user!.id, kind: "training_session_cancelled", title, body, link: "/training/my", createdAt: ctx.now })) });
        }
        const addresses = [...new Set(booked.map((b) => b.staff.email ?? b.staff.user?.email ?? null).filter((a): a is string => !!a))];
        if (addresses.length > 0) {
          await tx.emailOutbox.createMany({ data: addresses.map((to) => ({ to, subject: title, bodyText: `${body}\n\nSee your training: ${link}`, template: "training_session_cancelled", createdAt: ctx.now, sendAfter: ctx.now })) });
        }
        await audit(ctx, "sessions.cancel", { entityType: "TrainingSession", entityIds: [s.id, ...clip(booked.map((b) => b.staffId), 999)], fields: ["cancelled", "cancelReason"] }, tx);
        return { ...sessionOut({ ...s, cancelled: true, cancelReason: input.reason, version: s.version + 1 }), notified: users.length, emails: addresses.length };
      });
    }),
});
