/** The step-down plan of a hub case. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, notBefore, ZStepDownCreateInput, ZStepDownUpdateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere } from "../scope.js";
import { badRequest, caseInScope, day, stepDownOut, stepDownSelect } from "./shared.js";

export const stepDownRouter = router({
  create: authorised("hub:write")
    .input(ZStepDownCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      if (!notBefore(day(hubCase.startDate)!, input.agreedAt)) throw badRequest("The step-down plan cannot be agreed before the case started");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.stepDownPlan.create({
          data: { familyId: hubCase.familyId, hubCaseId: hubCase.id, agreedAt: dateFromIso(input.agreedAt), toService: input.toService, reviewDate: input.reviewDate ? dateFromIso(input.reviewDate) : null, notes: input.notes ?? null },
          select: stepDownSelect,
        });
        await recordAudit(ctx, { action: "hub.stepDown.create", outcome: "success", entityType: "StepDownPlan", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return stepDownOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZStepDownUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.stepDownPlan.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: { id: true, agreedAt: true } });
      if (!existing) throw notFound("Step-down plan");
      if (input.patch.reviewDate && !notBefore(day(existing.agreedAt)!, input.patch.reviewDate)) throw badRequest("The review must not be before the plan is agreed");
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.reviewDate !== undefined) data.reviewDate = input.patch.reviewDate === null ? null : dateFromIso(input.patch.reviewDate);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.stepDownPlan.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.stepDown.update", outcome: "success", entityType: "StepDownPlan", entityIds: [input.id], fields: Object.keys(input.patch) }, tx);
        return stepDownOut(await tx.stepDownPlan.findUniqueOrThrow({ where: { id: input.id }, select: stepDownSelect }));
      });
    }),
});
