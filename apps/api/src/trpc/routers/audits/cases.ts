/** One case file of a round: moderating its findings, reassigning its auditors. */
import type { DbClient } from "../../../db.js";
import { assertRoundOpen, checkAnswers, ZAuditModerateInput, ZAuditReassignInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { answersOf, auditorCheck, badRequest, questionsOf } from "./shared.js";

export const casesRouter = router({
  /** Moderated answers for the questions the two auditors disagreed on. */
  moderate: authorised("audits:run")
    .input(ZAuditModerateInput)
    .mutation(async ({ ctx, input }) => {
      const c = await ctx.prisma.auditCase.findUnique({ where: { id: input.caseId }, include: { round: { include: { template: true } }, assignments: true } });
      if (!c) throw notFound("Audit case");
      assertRoundOpen(c.round.status, "moderate");
      const questions = questionsOf(c.round.template.questions);
      const answers = checkAnswers(questions, input.answers, false);
      const first = answersOf(c.assignments.find((a) => a.role === "first" && a.submittedAt)?.answers);
      const second = answersOf(c.assignments.find((a) => a.role === "second" && a.submittedAt)?.answers);
      if (!first || !second) throw badRequest("Both auditors must submit before the case file is moderated");
      const notDisputed = Object.keys(answers).filter((q) => first[q] === second[q]);
      if (notDisputed.length) throw new TRPCError({ code: "BAD_REQUEST", message: `answers.${notDisputed[0]}: the auditors agreed on this question; there is nothing to moderate` });
      const merged = { ...(answersOf(c.moderatedAnswers) ?? {}), ...answers };
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.auditCase.updateMany({ where: { id: c.id, version: input.version }, data: { moderatedAnswers: merged, moderationNote: input.note || c.moderationNote, moderatedById: ctx.user.id, moderatedAt: ctx.now, version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "audits.cases.moderate", outcome: "success", entityType: "AuditCase", entityIds: [c.id, c.familyId], fields: Object.keys(answers).map((q) => `moderatedAnswers.${q}`) }, tx);
        return { id: c.id, version: c.version + 1, moderatedAnswers: merged };
      });
    }),

  /** Changes the auditors of a case file whose findings are not yet submitted. */
  reassign: authorised("audits:run")
    .input(ZAuditReassignInput)
    .mutation(async ({ ctx, input }) => {
      const c = await ctx.prisma.auditCase.findUnique({ where: { id: input.caseId }, include: { assignments: true, round: { select: { status: true } } } });
      if (!c) throw notFound("Audit case");
      assertRoundOpen(c.round.status, "reassign");
      await auditorCheck(ctx, input.firstAuditorId, "First auditor");
      if (input.secondAuditorId) await auditorCheck(ctx, input.secondAuditorId, "Second auditor");
      const wanted: Record<string, string | null> = { first: input.firstAuditorId, second: input.secondAuditorId };
      for (const a of c.assignments) if (a.submittedAt && wanted[a.role] !== a.userId) throw badRequest(`The ${a.role} auditor has submitted their finding; it cannot be reassigned`);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.auditCase.updateMany({ where: { id: c.id, version: input.version }, data: { version: { increment: 1 } } });
        if (count === 0) throw conflict();
        for (const role of ["first", "second"] as const) {
          const existing = c.assignments.find((a) => a.role === role);
          const userId = wanted[role];
          if (existing && existing.userId === userId) continue;
          if (existing) await tx.auditAssignment.delete({ where: { id: existing.id } });
          if (userId) await tx.auditAssignment.create({ data: { caseId: c.id, userId, role } });
        }
        await recordAudit(ctx, { action: "audits.cases.reassign", outcome: "success", entityType: "AuditCase", entityIds: [c.id], fields: ["firstAuditorId", "secondAuditorId"] }, tx);
        return { id: c.id, version: c.version + 1 };
      });
    }),
});
