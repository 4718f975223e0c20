/** The agencies involved with a family in a hub case. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, notBefore, ZAgencyInvolvementCreateInput, ZAgencyInvolvementUpdateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere } from "../scope.js";
import { badRequest, caseInScope, day, involvementOut, involvementSelect } from "./shared.js";

export const agenciesRouter = router({
  create: authorised("hub:write")
    .input(ZAgencyInvolvementCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.agencyInvolvement.create({
          data: { familyId: hubCase.familyId, hubCaseId: hubCase.id, agency: input.agency, role: input.role ?? null, fromDate: dateFromIso(input.fromDate), toDate: input.toDate ? dateFromIso(input.toDate) : null },
          select: involvementSelect,
        });
        await recordAudit(ctx, { action: "hub.agencies.create", outcome: "success", entityType: "AgencyInvolvement", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return involvementOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZAgencyInvolvementUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.agencyInvolvement.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: { id: true, fromDate: true, toDate: true } });
      if (!existing) throw notFound("Agency involvement");
      const from = input.patch.fromDate ?? day(existing.fromDate)!;
      const to = input.patch.toDate !== undefined ? input.patch.toDate : day(existing.toDate);
      if (to && !notBefore(from, to)) throw badRequest("The end date must not be before the start date");
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.fromDate) data.fromDate = dateFromIso(input.patch.fromDate);
      if (input.patch.toDate !== undefined) data.toDate = input.patch.toDate === null ? null : dateFromIso(input.patch.toDate);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.agencyInvolvement.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.agencies.update", outcome: "success", entityType: "AgencyInvolvement", entityIds: [input.id], fields: Object.keys(input.patch) }, tx);
        return involvementOut(await tx.agencyInvolvement.findUniqueOrThrow({ where: { id: input.id }, select: involvementSelect }));
      });
    }),
});
