/** An auditor's own case files (their finding), and the findings a case's worker sees. */
import type { DbClient } from "../../../db.js";
import { assertRoundOpen, checkAnswers, ZAuditFindingSaveInput, type TAuditCaseAnswers } from "@evident/core";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { currentAllocation, type AuthedContext } from "../scope.js";
import { ZCaseRef, answersOf, badRequest, questionsOf } from "./shared.js";

async function myAssignment(ctx: AuthedContext, caseId: string) {
  const a = await ctx.prisma.auditAssignment.findFirst({
    where: { caseId, userId: ctx.user.id },
    include: { case: { include: { family: { select: { id: true, reference: true, name: true } }, round: { include: { template: true } } } } },
  });
  if (!a) throw notFound("Audit assignment");
  return a;
}

const assignmentOut = (a: Awaited<ReturnType<typeof myAssignment>>) => ({
  caseId: a.caseId,
  role: a.role,
  answers: answersOf(a.answers) ?? {},
  summary: a.summary,
  actions: a.actions,
  submittedAt: a.submittedAt?.toISOString() ?? null,
  version: a.version,
  period: a.case.period,
  roundId: a.case.roundId,
  roundName: a.case.round.name,
  roundStatus: a.case.round.status,
  family: a.case.family,
  questions: questionsOf(a.case.round.template.questions),
});

export const myRouter = router({
  /** The case files the caller is assigned to audit. */
  list: authorised("audits:answer")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.auditAssignment.findMany({
        where: { userId: ctx.user.id },
        orderBy: [{ submittedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
        take: 500,
        include: { case: { include: { family: { select: { reference: true, name: true } }, round: { select: { id: true, name: true } } } } },
      });
      await recordAudit(ctx, { action: "audits.my.list", outcome: "success", entityType: "AuditAssignment", entityIds: rows.map((r) => r.caseId), fields: ["family", "period", "role", "submittedAt"] });
      return rows.map((r) => ({ caseId: r.caseId, role: r.role, period: r.case.period, round: r.case.round, family: r.case.family, submitted: !!r.submittedAt }));
    }),

  /** The caller's own finding for a case file (never the other auditor's: the two reviews are independent). */
  get: authorised("audits:answer")
    .input(ZCaseRef)
    .query(async ({ ctx, input }) => {
      const a = await myAssignment(ctx, input.caseId);
      await recordAudit(ctx, { action: "audits.my.get", outcome: "success", entityType: "AuditAssignment", entityIds: [a.id, a.caseId, a.case.familyId], fields: ["answers", "summary", "actions"] });
      return assignmentOut(a);
    }),

  /** Saves a draft or submits the finding (every question answered). A submitted finding is final. */
  save: authorised("audits:answer")
    .input(ZAuditFindingSaveInput)
    .mutation(async ({ ctx, input }) => {
      const a = await myAssignment(ctx, input.caseId);
      assertRoundOpen(a.case.round.status, "answer");
      if (a.submittedAt) throw badRequest("This finding has been submitted; ask the manager running the round to moderate instead");
      const answers = checkAnswers(questionsOf(a.case.round.template.questions), input.answers, input.submit);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.auditAssignment.updateMany({
          where: { id: a.id, version: input.version },
          data: { answers, summary: input.summary, actions: input.actions, submittedAt: input.submit ? ctx.now : null, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "audits.my.save", outcome: "success", entityType: "AuditAssignment", entityIds: [a.id, a.caseId, a.case.familyId], fields: ["answers", "summary", "actions", ...(input.submit ? ["submittedAt"] : [])] }, tx);
        return assignmentOut({ ...a, answers, summary: input.summary, actions: input.actions, submittedAt: input.submit ? ctx.now : null, version: a.version + 1 });
      });
    }),

  /** Findings and actions on the caller's own cases (families currently allocated to them), once submitted. */
  findings: authorised("audits:answer")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      if (!ctx.user.staffId) return [];
      const cases = await ctx.prisma.auditCase.findMany({
        where: { family: { allocations: { some: currentAllocation(ctx.user.staffId, ctx.now) } }, assignments: { some: { submittedAt: { not: null } } } },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        take: 200,
        include: { family: { select: { id: true, reference: true, name: true } }, round: { include: { template: true } }, assignments: { where: { submittedAt: { not: null } } } },
      });
      const out = cases.map((c) => {
        const questions = questionsOf(c.round.template.questions);
        const x: TAuditCaseAnswers = { caseId: c.id, period: c.period, first: answersOf(c.assignments.find((a) => a.role === "first")?.answers), second: answersOf(c.assignments.find((a) => a.role === "second")?.answers), moderated: answersOf(c.moderatedAnswers) };
        const counted = questions.map((q) => ({ questionId: q.id, text: q.text, answer: x.moderated?.[q.id] ?? x.first?.[q.id] ?? x.second?.[q.id] ?? null }));
        return {
          caseId: c.id,
          roundName: c.round.name,
          family: c.family,
          answers: counted,
          summaries: c.assignments.map((a) => a.summary).filter(Boolean),
          actions: c.assignments.flatMap((a) => a.actions),
        };
      });
      await recordAudit(ctx, { action: "audits.my.findings", outcome: "success", entityType: "AuditCase", entityIds: out.map((o) => o.caseId), fields: ["answers", "summaries", "actions"] });
      return out;
    }),
});
