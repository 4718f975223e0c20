/** What the case-file audit routers share: input references, a template's questions, an auditor check, a round's cases and a round's shape. */
import { CASE_ROLES, parseOrThrow, ZAuditQuestion, type TAuditAnswers, type TAuditCaseAnswers, type TAuditQuestion } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { type AuthedContext } from "../scope.js";

export const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });
export const ZCaseRef = z.object({ caseId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }).strict();
export const ZRoundRef = z.object({ roundId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }).strict();

export function questionsOf(json: unknown): TAuditQuestion[] {
  return parseOrThrow(z.array(ZAuditQuestion), json, "audit template");
}
export const answersOf = (json: unknown): TAuditAnswers | null => (json && typeof json === "object" && !Array.isArray(json) ? (json as TAuditAnswers) : null);

export async function auditorCheck(ctx: AuthedContext, userId: string, label: string) {
  const u = await ctx.prisma.user.findUnique({ where: { id: userId }, select: { id: true, role: true, disabled: true } });
  if (!u || u.disabled) throw notFound(label);
  if (!(CASE_ROLES as readonly string[]).includes(u.role)) throw badRequest(`The ${label.toLowerCase()} must be a practitioner, domestic abuse worker or manager`);
}

/** Loads a round's cases with both findings, in a stable order. */
export async function roundCases(ctx: AuthedContext, roundId: string) {
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

export const roundOut = (r: { id: string; name: string; templateId: string; sampleMethod: string; sampleSeed: number | null; sampleSpec: unknown; status: string; version: number; createdAt: Date }) => ({
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
