/**
 * Case-file audits: templates, rounds (a sample of families' case files,
 * random with a recorded seed or chosen, each with a first and a second
 * auditor), each auditor's finding, moderation with agreement (percentage and
 * Cohen's kappa), the round report (share of case files with at least partial
 * evidence per question and period, with the small-number caution), and the
 * findings and actions a case's worker sees. Domain rules are in
 * @evident/core (`quality/audits.ts`); every read and write of a case file's
 * findings is audited.
 */
import type { DbClient } from "../../../db.js";
import {
  assertRoundOpen,
  auditReport,
  can,
  checkAnswers,
  CASE_ROLES,
  dateFromIso,
  describeKappa,
  parseOrThrow,
  roundAgreement,
  sampleCases,
  ZAuditFindingSaveInput,
  ZAuditModerateInput,
  ZAuditQuestion,
  newCaseFiles,
  ZAuditReassignInput,
  ZAuditRoundAddCasesInput,
  ZAuditRoundCloseInput,
  ZAuditRoundCreateInput,
  ZAuditTemplateInput,
  ZById,
  type TAuditAnswers,
  type TAuditCaseAnswers,
  type TAuditQuestion,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { currentAllocation, familyWhere, type AuthedContext } from "../scope.js";

const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });
const ZCaseRef = z.object({ caseId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }).strict();
const ZRoundRef = z.object({ roundId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }).strict();

function questionsOf(json: unknown): TAuditQuestion[] {
  return parseOrThrow(z.array(ZAuditQuestion), json, "audit template");
}
const answersOf = (json: unknown): TAuditAnswers | null => (json && typeof json === "object" && !Array.isArray(json) ? (json as TAuditAnswers) : null);

async function auditorCheck(ctx: AuthedContext, userId: string, label: string) {
  const u = await ctx.prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true, disabled: true } });
  if (!u || u.disabled) throw notFound(label);
  if (!(CASE_ROLES as readonly string[]).includes(u.role)) throw badRequest(`The ${label.toLowerCase()} must be a practitioner, domestic abuse worker or manager`);
}

/** Loads a round's cases with both findings, in a stable order. */
async function roundCases(ctx: AuthedContext, roundId: string) {
  const round = await ctx.prisma.auditRound.findUnique({ where: { id: roundId }, include: { template: true } });
  if (!round) throw notFound("Audit round");
  const cases = await ctx.prisma.auditCase.findMany({
    where: { roundId },
    orderBy: [{ period: "asc" }, { id: "asc" }],
    include: { family: { select: { reference: true } }, assignments: { include: { user: { select: { name: true } } } } },
  });
  const questions = questionsOf(round.template.questions);
  const periods = [...new Set(((round.sampleSpec as { groups?: { period: string }[] } | null)?.groups ?? []).map((g) => g.period))];
  for (const c of cases) if (!periods.includes(c.period)) periods.push(c.period);
  const answers: TAuditCaseAnswers[] = cases.map((c) => {
    const by = (role: string) => c.assignments.find((a) => a.role === role);
    const submitted = (role: string) => {
      const a = by(role);
      return a?.submittedAt ? answersOf(a.answers) : null;
    };
    return { caseId: c.id, period: c.period, first: submitted("first"), second: submitted("second"), moderated: answersOf(c.moderatedAnswers) };
  });
  return { round, cases, questions, periods, answers };
}

const roundOut = (r: { id: string; name: string; templateId: string; sampleMethod: string; sampleSeed: number | null; sampleSpec: unknown; status: string; version: number; createdAt: Date }) => ({
  id: r.id,
  name: r.name,
  templateId: r.templateId,
  sampleMethod: r.sampleMethod,
  sampleSeed: r.sampleSeed,
  sampleSpec: r.sampleSpec,
  status: r.status,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

const templatesRouter = router({
  list: authorised("audits:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.auditTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, code: true, name: true, description: true, questions: true, version: true } });
      return rows.map((t) => ({ ...t, questions: undefined, questionCount: Array.isArray(t.questions) ? t.questions.length : 0 }));
    }),

  get: authorised("audits:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const t = await ctx.prisma.auditTemplate.findUnique({ where: { id: input.id } });
      if (!t) throw notFound("Audit template");
      return { id: t.id, code: t.code, name: t.name, description: t.description, version: t.version, questions: questionsOf(t.questions) };
    }),

  create: authorised("audits:write")
    .input(ZAuditTemplateInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const t = await tx.auditTemplate.create({ data: { code: input.code, name: input.name, description: input.description, questions: input.questions } });
        await recordAudit(ctx, { action: "audits.templates.create", outcome: "success", entityType: "AuditTemplate", entityIds: [t.id], fields: ["code", "name", "description", "questions"] }, tx);
        return { id: t.id, code: t.code, name: t.name, version: t.version };
      });
    }),
});

const roundsRouter = router({
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

const casesRouter = router({
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

const myRouter = router({
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

export const auditsRouter = router({
  templates: templatesRouter,
  rounds: roundsRouter,
  cases: casesRouter,
  my: myRouter,

  /** People who can be assigned as auditors (active logins with a case role). */
  auditors: authorised("audits:run")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.user.findMany({ where: { role: { in: [...CASE_ROLES] }, disabled: false }, select: { id: true, name: true, role: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
      return rows;
    }),
});

