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
  enrolmentDateProblems,
  isoFromDate,
  oneToOneEligibilityProblem,
  readSafetyChecks,
  onRegister,
  registerMarkProblem,
  safetyCheckProblems,
  ZById,
  ZEnrolmentCreateInput,
  ZEnrolmentUpdateInput,
  ZGroupCreateInput,
  ZGroupListInput,
  ZOneToOneCandidatesInput,
  ZOneToOneCreateInput,
  ZOneToOneListInput,
  ZOneToOneUpdateInput,
  ZProgrammeListInput,
  ZRegisterGetInput,
  ZRegisterMarkInput,
  ZSessionCreateInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere, personInScope, personWhere, type AuthedContext } from "../scope.js";
import { refuseBarredWrite } from "../people/barrier.js";
import { groupForReferral, groupsForReferral } from "./referral.js";

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
  safetyChecks: true,
  version: true,
} as const;

type EnrolmentRow = { referredAt: Date; startedAt: Date | null; completedAt: Date | null; withdrawnAt: Date | null; safetyChecks?: unknown } & Record<string, unknown>;

function enrolmentOut<T extends EnrolmentRow>(row: T) {
  return {
    ...row,
    referredAt: isoFromDate(row.referredAt),
    startedAt: isoFromDate(row.startedAt),
    completedAt: isoFromDate(row.completedAt),
    withdrawnAt: isoFromDate(row.withdrawnAt),
    safetyChecks: readSafetyChecks(row.safetyChecks),
  };
}

const todayOf = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);

const oneToOneSelect = {
  ...enrolmentSelect,
  familyId: true,
  referralSource: true,
  programme: { select: { code: true, name: true } },
  person: { select: { firstName: true, lastName: true } },
} as const;

/** One-to-one work the caller may see: a one-to-one programme's enrolments of people in their scope. */
function oneToOneWhere(ctx: AuthedContext) {
  return { programme: { kind: "one_to_one" as const }, person: personWhere(ctx) };
}

const oneToOneRouter = router({
  list: authorised("programmes:read")
    .input(ZOneToOneListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.enrolment.findMany({
        where: {
          AND: [
            oneToOneWhere(ctx),
            input.familyId ? { familyId: input.familyId } : {},
            input.personId ? { personId: input.personId } : {},
            input.open === undefined ? {} : input.open ? { status: { in: ["referred", "started"] } } : { status: { in: ["completed", "withdrawn"] } },
          ],
        },
        select: oneToOneSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "programmes.oneToOne.list", outcome: "success", entityType: "Enrolment", entityIds: page.map((r) => r.id), personIds: page.map((r) => r.personId), fields: ["firstName", "lastName", "status"] });
      return { items: page.map(enrolmentOut), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  /** People in the caller's scope who completed a perpetrators' group and have no one-to-one work open or done. */
  candidates: authorised("programmes:read")
    .input(ZOneToOneCandidatesInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.enrolment.findMany({
        where: {
          status: "completed",
          group: { track: "perpetrators" },
          person: { AND: [personWhere(ctx), { enrolments: { none: { programme: { kind: "one_to_one" }, status: { in: ["referred", "started", "completed"] } } } }] },
        },
        select: { personId: true, completedAt: true, group: { select: { name: true } }, person: { select: { firstName: true, lastName: true } } },
        orderBy: { completedAt: "desc" },
        take: input.limit,
      });
      const seen = new Set<string>();
      const items = [];
      for (const r of rows as { personId: string; completedAt: Date | null; group: { name: string } | null; person: { firstName: string; lastName: string } }[]) {
        if (seen.has(r.personId)) continue;
        seen.add(r.personId);
        items.push({ personId: r.personId, name: `${r.person.firstName} ${r.person.lastName}`, group: r.group?.name ?? "", completedAt: isoFromDate(r.completedAt) });
      }
      await recordAudit(ctx, { action: "programmes.oneToOne.candidates", outcome: "success", entityType: "Person", entityIds: items.map((i) => i.personId), personIds: items.map((i) => i.personId), fields: ["firstName", "lastName"] });
      return { items };
    }),

  /** Refers someone who completed the perpetrators' group to the one-to-one programme. */
  create: authorised("programmes:write")
    .input(ZOneToOneCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const programme = input.programmeId
        ? await ctx.prisma.programme.findFirst({ where: { id: input.programmeId, kind: "one_to_one", active: true }, select: { id: true } })
        : await ctx.prisma.programme.findFirst({ where: { kind: "one_to_one", active: true }, select: { id: true }, orderBy: { code: "asc" } });
      if (!programme) throw notFound("One-to-one programme");
      const history = await ctx.prisma.enrolment.findMany({ where: { personId: input.personId }, select: { status: true, programmeId: true, group: { select: { track: true } } } });
      const problem = oneToOneEligibilityProblem(history.map((h: { status: string; group: { track: "victims" | "perpetrators" } | null }) => ({ status: h.status, track: h.group?.track ?? null })));
      if (problem) throw fieldProblems([{ path: "personId", message: problem }]);
      if (history.some((h: { status: string; programmeId: string }) => h.programmeId === programme.id && (h.status === "referred" || h.status === "started"))) {
        throw conflict("This person already has one-to-one work open");
      }
      const dates = enrolmentDateProblems({ status: input.startedAt ? "started" : "referred", referredAt: input.referredAt, startedAt: input.startedAt ?? null, completedAt: null, withdrawnAt: null }, todayOf(ctx));
      if (input.referredAt > todayOf(ctx)) dates.unshift({ path: "referredAt", message: "The referral cannot be in the future" });
      if (dates.length) throw fieldProblems(dates);
      const membership = await ctx.prisma.familyMember.findFirst({ where: { personId: input.personId }, select: { familyId: true }, orderBy: { id: "asc" } });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.enrolment.create({
          data: {
            personId: input.personId,
            programmeId: programme.id,
            familyId: membership?.familyId ?? null,
            status: input.startedAt ? "started" : "referred",
            referredAt: dateFromIso(input.referredAt),
            startedAt: input.startedAt ? dateFromIso(input.startedAt) : null,
            referralSource: input.referralSource ?? null,
          },
          select: oneToOneSelect,
        });
        await recordAudit(ctx, { action: "programmes.oneToOne.create", outcome: "success", entityType: "Enrolment", entityIds: [row.id], personIds: [input.personId], fields: Object.keys(input) }, tx);
        return enrolmentOut(row);
      });
    }),

  /** Records the start, completion or withdrawal; the dates must run in order (core rules). */
  update: authorised("programmes:write")
    .input(ZOneToOneUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.enrolment.findFirst({ where: { AND: [{ id: input.id }, oneToOneWhere(ctx)] }, select: oneToOneSelect });
      if (!existing) throw notFound("One-to-one work");
      const p = input.patch;
      const before = enrolmentOut(existing);
      const merged = {
        status: p.status ?? (before.status as "referred" | "started" | "completed" | "withdrawn"),
        referredAt: before.referredAt!,
        startedAt: p.startedAt !== undefined ? p.startedAt : before.startedAt,
        completedAt: p.completedAt !== undefined ? p.completedAt : before.completedAt,
        withdrawnAt: p.withdrawnAt !== undefined ? p.withdrawnAt : before.withdrawnAt,
        withdrawalReason: p.withdrawalReason !== undefined ? p.withdrawalReason : (before.withdrawalReason as string | null),
      };
      const problems = enrolmentDateProblems(merged, todayOf(ctx));
      if (problems.length) throw fieldProblems(problems);
      const data: Record<string, unknown> = { ...p, version: { increment: 1 } };
      for (const key of ["startedAt", "completedAt", "withdrawnAt"] as const) if (p[key] !== undefined) data[key] = p[key] === null ? null : dateFromIso(p[key]!);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.enrolment.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "programmes.oneToOne.update", outcome: "success", entityType: "Enrolment", entityIds: [input.id], personIds: [existing.personId], fields: Object.keys(p) }, tx);
        return enrolmentOut(await tx.enrolment.findUniqueOrThrow({ where: { id: input.id }, select: oneToOneSelect }));
      });
    }),
});

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
    forReferral: groupsForReferral,
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
    /** A referral by someone who runs the group, or by the person's own worker (same safety checks). */
    create: authorised("enrolments:refer")
      .input(ZEnrolmentCreateInput)
      .mutation(async ({ ctx, input }) => {
        await personInScope(ctx, input.personId);
        await refuseBarredWrite(ctx, "programmes.enrolments.create", [input.personId]);
        const group = await groupForReferral(ctx, input.groupId, groupRunWhere(ctx));
        // The safety checks for the group's track are stored with the referral (core rules).
        const safety = safetyCheckProblems(group.track as "victims" | "perpetrators", input.safetyChecks);
        if (safety.length) throw fieldProblems(safety);
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
              safetyChecks: input.safetyChecks!,
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
        const existing = await ctx.prisma.enrolment.findFirst({ where: { id: input.id, group: groupRunWhere(ctx) }, select: enrolmentSelect });
        if (!existing) throw notFound("Enrolment");
        // Start, completion, withdrawal (with its date and reason) and re-instatement: the core's date rules apply to the enrolment as it would be after the change.
        const p = input.patch;
        const before = enrolmentOut(existing);
        const problems = enrolmentDateProblems(
          {
            status: p.status ?? (before.status as "referred" | "started" | "completed" | "withdrawn"),
            referredAt: before.referredAt!,
            startedAt: p.startedAt !== undefined ? p.startedAt : before.startedAt,
            completedAt: p.completedAt !== undefined ? p.completedAt : before.completedAt,
            withdrawnAt: p.withdrawnAt !== undefined ? p.withdrawnAt : before.withdrawnAt,
            withdrawalReason: p.withdrawalReason !== undefined ? p.withdrawalReason : (before.withdrawalReason as string | null),
          },
          todayOf(ctx),
        );
        if (problems.length) throw fieldProblems(problems);
        const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
        for (const key of ["startedAt", "completedAt", "withdrawnAt"] as const) {
          const v = input.patch[key];
          if (v !== undefined) data[key] = v === null ? null : dateFromIso(v);
        }
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const { count } = await tx.enrolment.updateMany({ where: { id: input.id, version: input.version }, data });
          if (count === 0) throw conflict();
          await recordAudit(ctx, { action: "programmes.enrolments.update", outcome: "success", entityType: "Enrolment", entityIds: [input.id], personIds: [existing.personId], fields: Object.keys(input.patch) }, tx);
          return enrolmentOut(await tx.enrolment.findUniqueOrThrow({ where: { id: input.id }, select: enrolmentSelect }));
        });
      }),
  }),

  oneToOne: oneToOneRouter,

  register: router({
    get: authorised("register:read")
      .input(ZRegisterGetInput)
      .query(async ({ ctx, input }) => {
        const session = await ctx.prisma.groupSession.findFirst({
          where: { id: input.sessionId, group: groupWhere(ctx) },
          select: { id: true, groupId: true, number: true, startsAt: true },
        });
        if (!session) throw notFound("Session");
        const all = await ctx.prisma.enrolment.findMany({
          where: { groupId: session.groupId },
          select: { id: true, personId: true, status: true, withdrawnAt: true, person: { select: { firstName: true, lastName: true } }, attendances: { where: { sessionId: session.id }, select: { status: true } } },
          orderBy: { id: "asc" },
        });
        type Row = { id: string; personId: string; status: string; withdrawnAt: Date | null; person: { firstName: string; lastName: string }; attendances: { status: string }[] };
        // Those who had withdrawn by the session's day are not on its register (the rule `mark` applies).
        const sessionDay = session.startsAt.toISOString().slice(0, 10);
        const enrolments = (all as Row[]).filter((e) => onRegister({ status: e.status, withdrawnAt: isoFromDate(e.withdrawnAt) }, sessionDay));
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
        const session = await ctx.prisma.groupSession.findFirst({ where: { id: input.sessionId, group: groupRunWhere(ctx) }, select: { id: true, groupId: true, startsAt: true } });
        if (!session) throw notFound("Session");
        const ids = [...new Set(input.entries.map((e) => e.enrolmentId))];
        if (ids.length !== input.entries.length) throw new TRPCError({ code: "BAD_REQUEST", message: "Each person can be marked once" });
        const enrolments = await ctx.prisma.enrolment.findMany({ where: { id: { in: ids }, groupId: session.groupId }, select: { id: true, personId: true, status: true, withdrawnAt: true } });
        if (enrolments.length !== ids.length) throw notFound("Enrolment");
        // Someone who withdrew is not on the register of the sessions after they withdrew (core rule).
        const sessionDay = session.startsAt.toISOString().slice(0, 10);
        const refusals = input.entries.flatMap((entry, i) => {
          const e = enrolments.find((x: { id: string }) => x.id === entry.enrolmentId)!;
          const problem = registerMarkProblem({ status: e.status, withdrawnAt: isoFromDate(e.withdrawnAt) }, sessionDay);
          return problem ? [{ path: `entries.${i}.enrolmentId`, message: problem }] : [];
        });
        if (refusals.length) throw fieldProblems(refusals);
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
