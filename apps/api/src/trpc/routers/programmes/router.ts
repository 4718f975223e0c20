/**
 * Programmes: groups (tracks, languages, childcare, facilitators), sessions,
 * enrolments and the attendance register. A domestic-abuse worker sees and
 * runs the groups they facilitate; a manager also those of their team's
 * staff; a practitioner sees groups their caseload's people are enrolled in.
 * The register shows names only, never contact details.
 */
import type { DbClient } from "../../../db.js";
import {
  dateFromIso,
  isoFromDate,
  ZById,
  ZEnrolmentCreateInput,
  ZEnrolmentUpdateInput,
  ZGroupCreateInput,
  ZGroupListInput,
  ZProgrammeListInput,
  ZRegisterGetInput,
  ZRegisterMarkInput,
  ZSessionCreateInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere, personInScope, type AuthedContext } from "../scope.js";

const groupSelect = {
  id: true,
  programmeId: true,
  name: true,
  track: true,
  language: true,
  slot: true,
  childcare: true,
  venue: true,
  startDate: true,
  sessionsPlanned: true,
  completionThreshold: true,
  capacity: true,
  status: true,
  version: true,
  facilitators: { select: { staffId: true, lead: true } },
} as const;

type GroupRow = { startDate: Date } & Record<string, unknown>;

function groupOut<T extends GroupRow>(row: T) {
  return { ...row, startDate: isoFromDate(row.startDate) };
}

const NOTHING = { id: { in: [] as string[] } };

/** Groups a user may run (take registers, enrol): their own, and a manager's team's. */
function groupRunWhere(ctx: AuthedContext) {
  const u = ctx.user;
  const or: Record<string, unknown>[] = [];
  if (u.staffId) or.push({ facilitators: { some: { staffId: u.staffId } } });
  if (u.role === "manager" && u.teamId) or.push({ facilitators: { some: { staff: { teamId: u.teamId } } } });
  return or.length ? { OR: or } : NOTHING;
}

/** Groups a user may see: those they may run, and those their families' people are enrolled in. */
function groupWhere(ctx: AuthedContext) {
  const or: Record<string, unknown>[] = [groupRunWhere(ctx)];
  if (ctx.user.role === "practitioner" || ctx.user.role === "manager") {
    or.push({ enrolments: { some: { person: { memberships: { some: { family: familyWhere(ctx) } } } } } });
  }
  return { OR: or };
}

async function groupToRun(ctx: AuthedContext, groupId: string) {
  const group = await ctx.prisma.programmeGroup.findFirst({ where: { AND: [{ id: groupId }, groupRunWhere(ctx)] }, select: { id: true, track: true, programmeId: true } });
  if (!group) throw notFound("Group");
  return group;
}

const enrolmentSelect = {
  id: true,
  personId: true,
  programmeId: true,
  groupId: true,
  status: true,
  referredAt: true,
  startedAt: true,
  completedAt: true,
  withdrawnAt: true,
  withdrawalReason: true,
  version: true,
} as const;

type EnrolmentRow = { referredAt: Date; startedAt: Date | null; completedAt: Date | null; withdrawnAt: Date | null } & Record<string, unknown>;

function enrolmentOut<T extends EnrolmentRow>(row: T) {
  return { ...row, referredAt: isoFromDate(row.referredAt), startedAt: isoFromDate(row.startedAt), completedAt: isoFromDate(row.completedAt), withdrawnAt: isoFromDate(row.withdrawnAt) };
}

export const programmesRouter = router({
  list: authorised("programmes:read")
    .input(ZProgrammeListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.programme.findMany({
        where: { active: true },
        select: { id: true, code: true, name: true, kind: true, workstream: true },
        orderBy: { id: "asc" },
        take: input.limit,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      return { items: rows };
    }),

  groups: router({
    list: authorised("programmes:read")
      .input(ZGroupListInput)
      .query(async ({ ctx, input }) => {
        const rows = await ctx.prisma.programmeGroup.findMany({
          where: { AND: [groupWhere(ctx), input.programmeId ? { programmeId: input.programmeId } : {}] },
          select: groupSelect,
          orderBy: { id: "asc" },
          take: input.limit + 1,
          ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        });
        const page = rows.slice(0, input.limit);
        return { items: page.map(groupOut), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
      }),

    get: authorised("programmes:read")
      .input(ZById)
      .query(async ({ ctx, input }) => {
        const row = await ctx.prisma.programmeGroup.findFirst({
          where: { AND: [{ id: input.id }, groupWhere(ctx)] },
          select: {
            ...groupSelect,
            sessions: { select: { id: true, number: true, startsAt: true, durationMinutes: true, cancelled: true }, orderBy: { number: "asc" } },
            enrolments: { select: { ...enrolmentSelect, person: { select: { firstName: true, lastName: true } } }, orderBy: { id: "asc" } },
          },
        });
        if (!row) throw notFound("Group");
        const { sessions, enrolments, ...group } = row;
        await recordAudit(ctx, {
          action: "programmes.groups.get",
          outcome: "success",
          entityType: "ProgrammeGroup",
          entityIds: [row.id],
          personIds: enrolments.map((e: { personId: string }) => e.personId),
          fields: ["firstName", "lastName", "status"],
        });
        return {
          ...groupOut(group as GroupRow),
          sessions: sessions.map((s: { startsAt: Date } & Record<string, unknown>) => ({ ...s, startsAt: s.startsAt.toISOString() })),
          enrolments: enrolments.map(enrolmentOut),
        };
      }),

    create: authorised("programmes:write")
      .input(ZGroupCreateInput)
      .mutation(async ({ ctx, input }) => {
        const programme = await ctx.prisma.programme.findUnique({ where: { id: input.programmeId }, select: { id: true } });
        if (!programme) throw notFound("Programme");
        const staffIds = [...new Set(input.facilitatorStaffIds)];
        const staff = await ctx.prisma.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true } });
        if (staff.length !== staffIds.length) throw notFound("Facilitator");
        if (ctx.user.role !== "manager" && (!ctx.user.staffId || !staffIds.includes(ctx.user.staffId))) {
          throw new TRPCError({ code: "FORBIDDEN", message: "Only a manager can set up a group run by others" });
        }
        const { facilitatorStaffIds: _ignored, startDate, ...rest } = input;
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const row = await tx.programmeGroup.create({
            data: { ...rest, startDate: dateFromIso(startDate), facilitators: { create: staffIds.map((staffId, i) => ({ staffId, lead: i === 0 })) } },
            select: groupSelect,
          });
          await recordAudit(ctx, { action: "programmes.groups.create", outcome: "success", entityType: "ProgrammeGroup", entityIds: [row.id], fields: Object.keys(input) }, tx);
          return groupOut(row);
        });
      }),
  }),

  sessions: router({
    create: authorised("register:write")
      .input(ZSessionCreateInput)
      .mutation(async ({ ctx, input }) => {
        await groupToRun(ctx, input.groupId);
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const row = await tx.groupSession.create({
            data: { groupId: input.groupId, number: input.number, startsAt: new Date(input.startsAt), durationMinutes: input.durationMinutes },
            select: { id: true, groupId: true, number: true, startsAt: true, durationMinutes: true },
          });
          await recordAudit(ctx, { action: "programmes.sessions.create", outcome: "success", entityType: "GroupSession", entityIds: [row.id, input.groupId], fields: Object.keys(input) }, tx);
          return { ...row, startsAt: row.startsAt.toISOString() };
        });
      }),
  }),

  enrolments: router({
    create: authorised("programmes:write")
      .input(ZEnrolmentCreateInput)
      .mutation(async ({ ctx, input }) => {
        const group = await groupToRun(ctx, input.groupId);
        await personInScope(ctx, input.personId);
        const roles = await ctx.prisma.familyMember.findMany({ where: { personId: input.personId }, select: { role: true, familyId: true } });
        const isVictim = roles.some((r: { role: string }) => r.role === "victim");
        const isPerpetrator = roles.some((r: { role: string }) => r.role === "perpetrator");
        // Safety check at referral: victims and perpetrators never share a group.
        if ((group.track === "victims" && isPerpetrator) || (group.track === "perpetrators" && isVictim)) {
          throw new TRPCError({ code: "BAD_REQUEST", message: "This person cannot join a group on this track" });
        }
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const row = await tx.enrolment.create({
            data: {
              personId: input.personId,
              programmeId: group.programmeId,
              groupId: input.groupId,
              familyId: roles[0]?.familyId ?? null,
              referredAt: input.referredAt ? dateFromIso(input.referredAt) : ctx.now,
              referralSource: input.referralSource ?? null,
              status: "referred",
            },
            select: enrolmentSelect,
          });
          await recordAudit(ctx, { action: "programmes.enrolments.create", outcome: "success", entityType: "Enrolment", entityIds: [row.id, input.groupId], personIds: [input.personId], fields: Object.keys(input) }, tx);
          return enrolmentOut(row);
        });
      }),

    update: authorised("programmes:write")
      .input(ZEnrolmentUpdateInput)
      .mutation(async ({ ctx, input }) => {
        const existing = await ctx.prisma.enrolment.findFirst({ where: { id: input.id, group: groupRunWhere(ctx) }, select: { id: true, personId: true } });
        if (!existing) throw notFound("Enrolment");
        const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
        for (const key of ["startedAt", "completedAt", "withdrawnAt"] as const) {
          const v = input.patch[key];
          if (typeof v === "string") data[key] = dateFromIso(v);
        }
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const { count } = await tx.enrolment.updateMany({ where: { id: input.id, version: input.version }, data });
          if (count === 0) throw conflict();
          await recordAudit(ctx, { action: "programmes.enrolments.update", outcome: "success", entityType: "Enrolment", entityIds: [input.id], personIds: [existing.personId], fields: Object.keys(input.patch) }, tx);
          return enrolmentOut(await tx.enrolment.findUniqueOrThrow({ where: { id: input.id }, select: enrolmentSelect }));
        });
      }),
  }),

  register: router({
    get: authorised("register:read")
      .input(ZRegisterGetInput)
      .query(async ({ ctx, input }) => {
        const session = await ctx.prisma.groupSession.findFirst({
          where: { id: input.sessionId, group: groupWhere(ctx) },
          select: { id: true, groupId: true, number: true, startsAt: true },
        });
        if (!session) throw notFound("Session");
        const enrolments = await ctx.prisma.enrolment.findMany({
          where: { groupId: session.groupId },
          select: { id: true, personId: true, status: true, person: { select: { firstName: true, lastName: true } }, attendances: { where: { sessionId: session.id }, select: { status: true } } },
          orderBy: { id: "asc" },
        });
        type Row = { id: string; personId: string; status: string; person: { firstName: string; lastName: string }; attendances: { status: string }[] };
        await recordAudit(ctx, {
          action: "programmes.register.get",
          outcome: "success",
          entityType: "GroupSession",
          entityIds: [session.id],
          personIds: (enrolments as Row[]).map((e) => e.personId),
          fields: ["firstName", "lastName", "attendance"],
        });
        return {
          session: { ...session, startsAt: session.startsAt.toISOString() },
          entries: (enrolments as Row[]).map((e) => ({
            enrolmentId: e.id,
            personId: e.personId,
            name: `${e.person.firstName} ${e.person.lastName}`,
            enrolmentStatus: e.status,
            attendance: e.attendances[0]?.status ?? null,
          })),
        };
      }),

    mark: authorised("register:write")
      .input(ZRegisterMarkInput)
      .mutation(async ({ ctx, input }) => {
        const session = await ctx.prisma.groupSession.findFirst({ where: { id: input.sessionId, group: groupRunWhere(ctx) }, select: { id: true, groupId: true } });
        if (!session) throw notFound("Session");
        const ids = [...new Set(input.entries.map((e) => e.enrolmentId))];
        if (ids.length !== input.entries.length) throw new TRPCError({ code: "BAD_REQUEST", message: "Each person can be marked once" });
        const enrolments = await ctx.prisma.enrolment.findMany({ where: { id: { in: ids }, groupId: session.groupId }, select: { id: true, personId: true } });
        if (enrolments.length !== ids.length) throw notFound("Enrolment");
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          for (const entry of input.entries) {
            await tx.attendance.upsert({
              where: { sessionId_enrolmentId: { sessionId: session.id, enrolmentId: entry.enrolmentId } },
              create: { sessionId: session.id, enrolmentId: entry.enrolmentId, status: entry.status },
              update: { status: entry.status, version: { increment: 1 } },
            });
          }
          await recordAudit(ctx, { action: "programmes.register.mark", outcome: "success", entityType: "Attendance", entityIds: [session.id, ...ids], personIds: enrolments.map((e: { personId: string }) => e.personId), fields: ["status"] }, tx);
          return { marked: input.entries.length };
        });
      }),
  }),
});
