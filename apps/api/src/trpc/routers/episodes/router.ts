/** Statutory episodes (CIN, CP, CLA) of a person: list, record, close. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, isoFromDate, notBefore, ZEpisodeCloseInput, ZEpisodeCreateInput, ZEpisodeListInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { conflict, notFound } from "../../errors.js";
import { personInScope, personWhere } from "../scope.js";

const episodeSelect = { id: true, childId: true, status: true, startDate: true, endDate: true, cpCategoryOfAbuse: true, claLegalStatus: true, source: true, version: true } as const;

function episodeOut<T extends { startDate: Date; endDate: Date | null }>(row: T) {
  return { ...row, startDate: isoFromDate(row.startDate), endDate: isoFromDate(row.endDate) };
}

export const episodesRouter = router({
  list: authorised("episodes:read")
    .input(ZEpisodeListInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.childId);
      const rows = await ctx.prisma.statusEpisode.findMany({ where: { childId: input.childId }, select: episodeSelect, orderBy: { startDate: "asc" }, take: 500 });
      await recordAudit(ctx, { action: "episodes.list", outcome: "success", entityType: "StatusEpisode", entityIds: rows.map((r: { id: string }) => r.id), personIds: [input.childId] });
      return rows.map(episodeOut);
    }),

  create: authorised("episodes:write")
    .input(ZEpisodeCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.childId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.statusEpisode.create({
          data: {
            childId: input.childId,
            status: input.status,
            startDate: dateFromIso(input.startDate),
            endDate: input.endDate ? dateFromIso(input.endDate) : null,
            cpCategoryOfAbuse: input.cpCategoryOfAbuse ?? null,
            claLegalStatus: input.claLegalStatus ?? null,
            source: "manual",
          },
          select: episodeSelect,
        });
        await recordAudit(ctx, { action: "episodes.create", outcome: "success", entityType: "StatusEpisode", entityIds: [row.id], personIds: [input.childId], fields: Object.keys(input) }, tx);
        return episodeOut(row);
      });
    }),

  close: authorised("episodes:write")
    .input(ZEpisodeCloseInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.statusEpisode.findFirst({ where: { id: input.id, child: personWhere(ctx) }, select: { id: true, childId: true, startDate: true } });
      if (!existing) throw notFound("Episode");
      if (!notBefore(isoFromDate(existing.startDate)!, input.endDate)) throw new TRPCError({ code: "BAD_REQUEST", message: "The end date must not be before the start date" });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.statusEpisode.updateMany({ where: { id: input.id, version: input.version }, data: { endDate: dateFromIso(input.endDate), version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "episodes.close", outcome: "success", entityType: "StatusEpisode", entityIds: [input.id], personIds: [existing.childId], fields: ["endDate"] }, tx);
        return episodeOut(await tx.statusEpisode.findUniqueOrThrow({ where: { id: input.id }, select: episodeSelect }));
      });
    }),
});
