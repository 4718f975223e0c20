/** Sessions of a group. */
import type { DbClient } from "../../../db.js";
import { ZSessionCreateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { groupToRun } from "./shared.js";

export const sessionsRouter = router({
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
});
