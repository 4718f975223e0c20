/** The attendance register of a session: names only, never contact details. */
import type { DbClient } from "../../../db.js";
import { isoFromDate, onRegister, registerMarkProblem, ZRegisterGetInput, ZRegisterMarkInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { fieldProblems, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { groupRunWhere, groupWhere } from "./shared.js";

export const registerRouter = router({
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
});
