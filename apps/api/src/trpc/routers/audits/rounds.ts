/** Case-file audit rounds: the sample, moderation, closing, adding cases, and the report. */
import type { DbClient } from "../../../db.js";
import { assertRoundOpen, auditReport, can, dateFromIso, describeKappa, roundAgreement, sampleCases, newCaseFiles, ZAuditRoundAddCasesInput, ZAuditRoundCloseInput, ZAuditRoundCreateInput, ZById } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere } from "../scope.js";
import { ZRoundRef, auditorCheck, badRequest, roundCases, roundOut } from "./shared.js";

export const roundsRouter = router({
  list: authorised("audits:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.auditRound.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 200, include: { template: { select: { name: true } }, _count: { select: { cases: true } } } });
      return rows.map((r) => ({ ...roundOut(r), templateName: r.template.name, caseCount: r._count.cases }));
    }),

  /** A round with its case files' progress. Family references only for those who run rounds. */
  get: authorised("audits:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const { round, cases, periods } = await roundCases(ctx, input.id);
      const showRefs = can(ctx.user.role, "audits:run");
      const items = cases.map((c) => {
        const by = (role: string) => c.assignments.find((a) => a.role === role);
        const who = (role: string) => {
          const a = by(role);
          return a ? { userId: a.userId, name: a.user.name, submitted: !!a.submittedAt } : null;
        };
        return { id: c.id, period: c.period, familyReference: showRefs ? c.family.reference : null, first: who("first"), second: who("second"), moderated: !!c.moderatedAt, version: c.version };
      });
      if (showRefs) await recordAudit(ctx, { action: "audits.rounds.get", outcome: "success", entityType: "AuditCase", entityIds: [round.id, ...cases.map((c) => c.id)], fields: ["familyReference", "period", "auditors"] });
      return { ...roundOut(round), templateName: round.template.name, periods, cases: items };
    }),

  /** Samples the case files (families in the caller's scope) and assigns the auditors. */
  create: authorised("audits:run")
    .input(ZAuditRoundCreateInput)
    .mutation(async ({ ctx, input }) => {
      const template = await ctx.prisma.auditTemplate.findUnique({ where: { id: input.templateId }, select: { id: true } });
      if (!template) throw notFound("Audit template");
      await auditorCheck(ctx, input.firstAuditorId, "First auditor");
      if (input.secondAuditorId) await auditorCheck(ctx, input.secondAuditorId, "Second auditor");
      let picked: { period: string; familyId: string }[];
      if (input.sample.method === "chosen") {
        const ids = input.sample.cases.map((c) => c.familyId);
        const found = await ctx.prisma.family.findMany({ where: { AND: [{ id: { in: ids } }, familyWhere(ctx)] }, select: { id: true } });
        const ok = new Set(found.map((f) => f.id));
        const missing = input.sample.cases.findIndex((c) => !ok.has(c.familyId));
        if (missing >= 0) throw new TRPCError({ code: "NOT_FOUND", message: `sample.cases.${missing}.familyId: case file not found` });
        picked = input.sample.cases.map((c) => ({ period: c.period, familyId: c.familyId }));
      } else {
        const groups = [];
        for (const g of input.sample.groups) {
          const opened: Record<string, Date> = {};
          if (g.openedFrom) opened.gte = dateFromIso(g.openedFrom);
          if (g.openedTo) opened.lte = dateFromIso(g.openedTo);
          const rows = await ctx.prisma.family.findMany({ where: { AND: [familyWhere(ctx), Object.keys(opened).length ? { openedAt: opened } : {}] }, select: { id: true }, orderBy: { id: "asc" }, take: 100_000 });
          groups.push({ period: g.period, size: g.size, candidates: rows.map((r) => r.id) });
        }
        const drawn = sampleCases(groups, input.sample.seed);
        picked = drawn.map((d) => ({ period: d.period, familyId: d.item }));
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const round = await tx.auditRound.create({
          data: { templateId: input.templateId, name: input.name, sampleMethod: input.sample.method, sampleSeed: input.sample.method === "random" ? input.sample.seed : null, sampleSpec: input.sample, createdById: ctx.user.id },
        });
        for (const p of picked) {
          await tx.auditCase.create({
            data: {
              roundId: round.id,
              familyId: p.familyId,
              period: p.period,
              assignments: { create: [{ userId: input.firstAuditorId, role: "first" }, ...(input.secondAuditorId ? [{ userId: input.secondAuditorId, role: "second" }] : [])] },
            },
          });
        }
        for (const userId of [input.firstAuditorId, input.secondAuditorId].filter((u): u is string => !!u))
          await tx.notification.create({ data: { userId, kind: "audit_assigned", title: `Case-file audit: ${picked.length} case file${picked.length === 1 ? "" : "s"} to review`, body: input.name, link: "/audits/mine" } });
        await recordAudit(ctx, { action: "audits.rounds.create", outcome: "success", entityType: "AuditRound", entityIds: [round.id, ...picked.map((p) => p.familyId)], fields: ["templateId", "name", "sample", "firstAuditorId", "secondAuditorId"], reason: input.sample.method === "random" ? `random sample, seed ${input.sample.seed}` : "chosen case files" }, tx);
        return { ...roundOut(round), caseCount: picked.length };
      });
    }),

  /** Agreement between the auditors per question and overall, and the disagreements to moderate (case-level: audited). */
  moderation: authorised("audits:run")
    .input(ZRoundRef)
    .query(async ({ ctx, input }) => {
      const { round, cases, questions, answers } = await roundCases(ctx, input.roundId);
      const a = roundAgreement(questions, answers);
      const disagreements = cases.flatMap((c, i) => {
        const x = answers[i]!;
        if (!x.first || !x.second) return [];
        const items = questions.filter((q) => x.first![q.id] !== undefined && x.second![q.id] !== undefined && x.first![q.id] !== x.second![q.id]).map((q) => ({ questionId: q.id, first: x.first![q.id]!, second: x.second![q.id]!, moderated: x.moderated?.[q.id] ?? null }));
        return items.length ? [{ caseId: c.id, version: c.version, period: c.period, familyReference: c.family.reference, moderationNote: c.moderationNote, items }] : [];
      });
      await recordAudit(ctx, { action: "audits.rounds.moderation", outcome: "success", entityType: "AuditCase", entityIds: [round.id, ...disagreements.map((d) => d.caseId)], fields: ["answers"] });
      return {
        roundId: round.id,
        pairedCases: answers.filter((x) => x.first && x.second).length,
        overall: { ...a.overall, words: describeKappa(a.overall.kappa) },
        questions: a.questions.map((q) => ({ ...q, text: questions.find((x) => x.id === q.questionId)!.text, words: describeKappa(q.kappa) })),
        unresolved: a.unresolved,
        disagreements,
      };
    }),

  /** Closes a round: its findings, moderation and case files are final, and the report says it is closed. */
  close: authorised("audits:run")
    .input(ZAuditRoundCloseInput)
    .mutation(async ({ ctx, input }) => {
      const round = await ctx.prisma.auditRound.findUnique({ where: { id: input.id }, select: { id: true, status: true, version: true } });
      if (!round) throw notFound("Audit round");
      if (round.version !== input.version) throw conflict();
      assertRoundOpen(round.status, "close");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.auditRound.updateMany({ where: { id: round.id, version: input.version, status: "open" }, data: { status: "closed", version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "audits.rounds.close", outcome: "success", entityType: "AuditRound", entityIds: [round.id], fields: ["status"] }, tx);
        return roundOut(await tx.auditRound.findUniqueOrThrow({ where: { id: round.id } }));
      });
    }),

  /**
   * Adds case files chosen by hand (by family reference, within the caller's
   * scope) to an open round, e.g. beside its random sample, with the round's
   * auditors. A family already in the round is refused, naming the line.
   */
  addCases: authorised("audits:run")
    .input(ZAuditRoundAddCasesInput)
    .mutation(async ({ ctx, input }) => {
      const round = await ctx.prisma.auditRound.findUnique({ where: { id: input.roundId }, select: { id: true, status: true, version: true, cases: { select: { familyId: true, assignments: { select: { userId: true, role: true } } } } } });
      if (!round) throw notFound("Audit round");
      assertRoundOpen(round.status, "add case files");
      const refs = input.cases.map((c) => c.familyReference);
      const found = await ctx.prisma.family.findMany({ where: { AND: [{ reference: { in: refs, mode: "insensitive" } }, familyWhere(ctx)] }, select: { id: true, reference: true } });
      const byRef = new Map(found.map((f) => [f.reference.toUpperCase(), f.id]));
      const missing = input.cases.findIndex((c) => !byRef.has(c.familyReference.toUpperCase()));
      if (missing >= 0) throw new TRPCError({ code: "NOT_FOUND", message: `cases.${missing}.familyReference: no case file ${input.cases[missing]!.familyReference} that you can see` });
      const wanted = input.cases.map((c) => ({ familyId: byRef.get(c.familyReference.toUpperCase())!, period: c.period, familyReference: c.familyReference }));
      const { already } = newCaseFiles(round.cases.map((c) => c.familyId), wanted);
      if (already.length) throw badRequest(`cases.${wanted.indexOf(already[0]!)}.familyReference: case file ${already[0]!.familyReference} is already in this round`);
      // The round's auditors: those of its first case file (every case file of a round starts with the same pair).
      const pair = round.cases[0]?.assignments ?? [];
      if (!pair.some((a) => a.role === "first")) throw badRequest("This round has no auditors to give the case files to; start a new round with the case files chosen");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.auditRound.updateMany({ where: { id: round.id, version: input.version, status: "open" }, data: { version: { increment: 1 } } });
        if (count === 0) throw conflict();
        for (const w of wanted) {
          await tx.auditCase.create({ data: { roundId: round.id, familyId: w.familyId, period: w.period, assignments: { create: pair.map((a) => ({ userId: a.userId, role: a.role })) } } });
        }
        await recordAudit(ctx, { action: "audits.rounds.addCases", outcome: "success", entityType: "AuditRound", entityIds: [round.id, ...wanted.map((w) => w.familyId)], fields: ["cases"], reason: "chosen case files" }, tx);
        return { id: round.id, version: round.version + 1, added: wanted.length };
      });
    }),

  /** The round report: aggregate shares per question and period (no case files named). */
  report: authorised("audits:read")
    .input(ZRoundRef)
    .query(async ({ ctx, input }) => {
      const { round, questions, periods, answers } = await roundCases(ctx, input.roundId);
      const report = auditReport(questions, answers, periods);
      const submitted = answers.filter((a) => a.first || a.second).length;
      return { roundId: round.id, name: round.name, status: round.status, templateName: round.template.name, cases: answers.length, submitted, rule: "The moderated answer counts when the auditors disagreed; otherwise the first auditor's; the second auditor's only when the first has not submitted.", ...report };
    }),
});
