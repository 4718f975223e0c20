/** Weekly visits of a hub case, each checked against the case's plan. */
import type { DbClient } from "../../../db.js";
import { ZHubVisitCreateInput, ZHubVisitUpdateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere } from "../scope.js";
import { caseInScope, checkCaseEvent, visitOut, visitSelect } from "./shared.js";

export const visitsRouter = router({
  create: authorised("hub:write")
    .input(ZHubVisitCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      await checkCaseEvent(ctx, hubCase.id, { what: "visit", at: input.at, happened: true, outsidePlanReason: input.outsidePlanReason });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.hubVisit.create({ data: { hubCaseId: hubCase.id, staffId: ctx.user.staffId, at: new Date(input.at), mode: input.mode, notes: input.notes ?? null, outsidePlanReason: input.outsidePlanReason ?? null }, select: visitSelect });
        await recordAudit(ctx, { action: "hub.visits.create", outcome: "success", entityType: "HubVisit", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return visitOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZHubVisitUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.hubVisit.findFirst({ where: { id: input.id, hubCase: { family: familyWhere(ctx) } }, select: { id: true, hubCaseId: true, at: true, outsidePlanReason: true } });
      if (!existing) throw notFound("Visit");
      if (input.patch.at !== undefined || input.patch.outsidePlanReason !== undefined) {
        await checkCaseEvent(ctx, existing.hubCaseId, {
          what: "visit",
          at: input.patch.at ?? existing.at.toISOString(),
          happened: true,
          outsidePlanReason: input.patch.outsidePlanReason === undefined ? existing.outsidePlanReason : input.patch.outsidePlanReason,
        });
      }
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.at) data.at = new Date(input.patch.at);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.hubVisit.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.visits.update", outcome: "success", entityType: "HubVisit", entityIds: [input.id, existing.hubCaseId], fields: Object.keys(input.patch) }, tx);
        return visitOut(await tx.hubVisit.findUniqueOrThrow({ where: { id: input.id }, select: visitSelect }));
      });
    }),
});
