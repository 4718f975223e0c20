/** Referrals: list (scoped by family), get, create, update with optimistic concurrency. */
import type { DbClient } from "../../../db.js";
import { dateFromIso, isoFromDate, referralOutcomeProblems, ZById, ZReferralCreateInput, ZReferralListInput, ZReferralUpdateInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import { familyInScope, familyWhere, personInScope } from "../scope.js";

const referralSelect = {
  id: true,
  childId: true,
  familyId: true,
  date: true,
  source: true,
  primaryNeed: true,
  reasons: true,
  domesticAbuse: true,
  outcome: true,
  nfa: true,
  closedAt: true,
  version: true,
} as const;

function referralOut<T extends { date: Date; closedAt: Date | null }>(row: T) {
  return { ...row, date: isoFromDate(row.date), closedAt: isoFromDate(row.closedAt) };
}

export const referralsRouter = router({
  list: authorised("referrals:read")
    .input(ZReferralListInput)
    .query(async ({ ctx, input }) => {
      if (input.familyId) await familyInScope(ctx, input.familyId);
      const rows = await ctx.prisma.referral.findMany({
        where: { AND: [{ family: familyWhere(ctx) }, input.familyId ? { familyId: input.familyId } : {}] },
        select: referralSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "referrals.list", outcome: "success", entityType: "Referral", entityIds: page.map((r: { id: string }) => r.id), personIds: page.map((r: { childId: string }) => r.childId) });
      return { items: page.map(referralOut), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("referrals:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.referral.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: referralSelect });
      if (!row) throw notFound("Referral");
      await recordAudit(ctx, { action: "referrals.get", outcome: "success", entityType: "Referral", entityIds: [row.id], personIds: [row.childId], fields: Object.keys(referralSelect) });
      return referralOut(row);
    }),

  create: authorised("referrals:write")
    .input(ZReferralCreateInput)
    .mutation(async ({ ctx, input }) => {
      await familyInScope(ctx, input.familyId);
      await personInScope(ctx, input.childId);
      const member = await ctx.prisma.familyMember.findFirst({ where: { familyId: input.familyId, personId: input.childId }, select: { id: true } });
      if (!member) throw notFound("Child in this family");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.referral.create({
          data: { ...input, primaryNeed: input.primaryNeed ?? null, date: dateFromIso(input.date) },
          select: referralSelect,
        });
        await recordAudit(ctx, { action: "referrals.create", outcome: "success", entityType: "Referral", entityIds: [row.id, input.familyId], personIds: [input.childId], fields: Object.keys(input) }, tx);
        return referralOut(row);
      });
    }),

  /** Records the outcome (and NFA, closing date); the core's outcome rules apply to the record as it would be after the change. */
  update: authorised("referrals:write")
    .input(ZReferralUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.referral.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: { id: true, childId: true, date: true, outcome: true, nfa: true, closedAt: true } });
      if (!existing) throw notFound("Referral");
      const p = input.patch;
      const problems = referralOutcomeProblems(
        {
          date: isoFromDate(existing.date)!,
          outcome: p.outcome !== undefined ? p.outcome : existing.outcome,
          nfa: p.nfa ?? existing.nfa,
          closedAt: p.closedAt !== undefined ? p.closedAt : isoFromDate(existing.closedAt),
        },
        ctx.now.toISOString().slice(0, 10),
      );
      if (problems.length) throw fieldProblems(problems);
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.closedAt !== undefined) data.closedAt = input.patch.closedAt === null ? null : dateFromIso(input.patch.closedAt);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.referral.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "referrals.update", outcome: "success", entityType: "Referral", entityIds: [input.id], personIds: [existing.childId], fields: Object.keys(input.patch) }, tx);
        return referralOut(await tx.referral.findUniqueOrThrow({ where: { id: input.id }, select: referralSelect }));
      });
    }),
});
