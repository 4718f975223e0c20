/**
 * Consultations with the domestic abuse coordinator (report Appendix 1: "DA
 * consultation with DA coordinator", counted as an output for the system).
 * Stored as codes: date, the worker consulted, the coordinator, the family
 * if the consultation was about one, topics and outcomes. A consultation
 * about a family is seen only by those who may see the family; one about no
 * family by everyone holding `daConsultations:read`. Reads and writes are
 * audited; analysts see the counts only, through the monitoring measures.
 */
import { dateFromIso, isoFromDate, ZDaConsultationCreateInput, ZDaConsultationListInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import type { DbClient } from "../../../db.js";
import { recordAudit } from "../../../audit/audit.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere, type AuthedContext } from "../scope.js";
import { z } from "zod";

const consultationSelect = {
  id: true,
  date: true,
  familyId: true,
  consultedStaffId: true,
  coordinatorStaffId: true,
  topics: true,
  outcomes: true,
  version: true,
  family: { select: { reference: true, name: true } },
  consulted: { select: { name: true, jobTitle: true } },
  coordinator: { select: { name: true } },
} as const;

type Row = { id: string; date: Date; familyId: string | null } & Record<string, unknown>;
const out = <T extends Row>(r: T) => ({ ...r, date: isoFromDate(r.date)! });

/** Consultations the caller may see: about no family, or about a family in their scope. */
function consultationWhere(ctx: AuthedContext) {
  return { OR: [{ familyId: null }, { family: familyWhere(ctx) }] };
}

export const daConsultationsRouter = router({
  list: authorised("daConsultations:read")
    .input(ZDaConsultationListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.daConsultation.findMany({
        where: {
          AND: [
            consultationWhere(ctx),
            input.familyId ? { familyId: input.familyId } : {},
            input.from || input.to ? { date: { ...(input.from ? { gte: dateFromIso(input.from) } : {}), ...(input.to ? { lte: dateFromIso(input.to) } : {}) } } : {},
          ],
        },
        select: consultationSelect,
        orderBy: [{ date: "desc" }, { id: "asc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, {
        action: "daConsultations.list",
        outcome: "success",
        entityType: "DaConsultation",
        entityIds: [...page.map((r) => r.id), ...new Set(page.map((r) => r.familyId).filter((f): f is string => !!f))],
        fields: Object.keys(consultationSelect),
      });
      return { items: page.map(out), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  /** Staff who may be named as consulted or as coordinator: current staff, names and job titles only. */
  staff: authorised("daConsultations:write")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const today = new Date(ctx.now.toISOString().slice(0, 10));
      const rows = await ctx.prisma.staff.findMany({
        where: { OR: [{ leaveDate: null }, { leaveDate: { gte: today } }] },
        select: { id: true, name: true, jobTitle: true, role: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: 1000,
      });
      return { items: rows, mine: ctx.user.staffId };
    }),

  create: authorised("daConsultations:write")
    .input(ZDaConsultationCreateInput)
    .mutation(async ({ ctx, input }) => {
      if (input.date > ctx.now.toISOString().slice(0, 10)) throw new TRPCError({ code: "BAD_REQUEST", message: "date: a consultation cannot be recorded in the future" });
      if (input.familyId) {
        const family = await ctx.prisma.family.findFirst({ where: { AND: [{ id: input.familyId }, familyWhere(ctx)] }, select: { id: true } });
        if (!family) throw notFound("Family");
      }
      const coordinatorStaffId = input.coordinatorStaffId ?? ctx.user.staffId ?? null;
      const staffIds = [...new Set([input.consultedStaffId, ...(coordinatorStaffId ? [coordinatorStaffId] : [])])];
      const found = await ctx.prisma.staff.count({ where: { id: { in: staffIds } } });
      if (found !== staffIds.length) throw notFound("Member of staff");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.daConsultation.create({
          data: {
            date: dateFromIso(input.date),
            consultedStaffId: input.consultedStaffId,
            coordinatorStaffId,
            familyId: input.familyId ?? null,
            topics: input.topics,
            outcomes: input.outcomes,
            createdById: ctx.user.id,
          },
          select: consultationSelect,
        });
        await recordAudit(ctx, { action: "daConsultations.create", outcome: "success", entityType: "DaConsultation", entityIds: [row.id, ...(input.familyId ? [input.familyId] : [])], fields: Object.keys(input) }, tx);
        return out(row);
      });
    }),
});
