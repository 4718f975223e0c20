/** Actions agreed at a hub meeting. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, ZActionCreateInput, ZActionUpdateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere } from "../scope.js";
import { actionOut, actionSelect, badRequest, checkStaffExists, meetingInScope } from "./shared.js";

export const actionsRouter = router({
  create: authorised("hub:write")
    .input(ZActionCreateInput)
    .mutation(async ({ ctx, input }) => {
      const meeting = await meetingInScope(ctx, input.meetingId);
      if (input.ownerStaffId) await checkStaffExists(ctx, input.ownerStaffId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.meetingAction.create({
          data: { meetingId: meeting.id, description: input.description, ownerStaffId: input.ownerStaffId ?? null, ownerAgency: input.ownerAgency ?? null, dueDate: input.dueDate ? dateFromIso(input.dueDate) : null },
          select: actionSelect,
        });
        await recordAudit(ctx, { action: "hub.actions.create", outcome: "success", entityType: "MeetingAction", entityIds: [row.id, meeting.id, meeting.hubCaseId], fields: Object.keys(input) }, tx);
        return actionOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZActionUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.meetingAction.findFirst({ where: { id: input.id, meeting: { hubCase: { family: familyWhere(ctx) } } }, select: { id: true, meetingId: true, ownerStaffId: true, ownerAgency: true } });
      if (!existing) throw notFound("Action");
      const { done, dueDate, ...rest } = input.patch;
      if (rest.ownerStaffId) await checkStaffExists(ctx, rest.ownerStaffId);
      const ownerStaff = rest.ownerStaffId !== undefined ? rest.ownerStaffId : existing.ownerStaffId;
      const ownerAgency = rest.ownerAgency !== undefined ? rest.ownerAgency : existing.ownerAgency;
      if (!ownerStaff && !ownerAgency) throw badRequest("An action needs an owner: a member of staff or an agency");
      const data: Record<string, unknown> = { ...rest, version: { increment: 1 } };
      if (dueDate !== undefined) data.dueDate = dueDate === null ? null : dateFromIso(dueDate);
      if (done !== undefined) data.doneAt = done ? ctx.now : null;
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.meetingAction.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.actions.update", outcome: "success", entityType: "MeetingAction", entityIds: [input.id, existing.meetingId], fields: Object.keys(input.patch) }, tx);
        return actionOut(await tx.meetingAction.findUniqueOrThrow({ where: { id: input.id }, select: actionSelect }));
      });
    }),
});
