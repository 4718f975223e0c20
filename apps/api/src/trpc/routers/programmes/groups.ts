/** Groups of a programme: list, get, create, and the groups open for a referral. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, ZById, ZGroupCreateInput, ZGroupListInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { groupsForReferral } from "./referral.js";
import { enrolmentOut, enrolmentSelect, groupOut, groupSelect, groupWhere, type GroupRow } from "./shared.js";

export const groupsRouter = router({
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
});
