/**
 * Consent to share: recorded per person, purpose and recipient agency (given
 * or refused, with the date of the decision and an optional expiry), withdrawn
 * with a date, and checked by `consent.check` and by every share path through
 * `requireConsent` (./share.ts). Records are never deleted or rewritten: a
 * new decision is a new record, and the latest one counts.
 */
import type { DbClient } from "../../../db.js";
import { consentGap, dateFromIso, describeConsentGap, isoFromDate, ZById, ZConsentCheckInput, ZConsentCreateInput, ZConsentListInput, ZConsentWithdrawInput, type ConsentRecord } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyInScope, personInScope, personWhere, type AuthedContext } from "../scope.js";
import { decideConsent, shareAuditReason } from "./share.js";
import { refuseBarredWrite } from "../people/barrier.js";

const consentSelect = {
  id: true,
  personId: true,
  purpose: true,
  recipientAgency: true,
  status: true,
  decidedAt: true,
  withdrawnAt: true,
  expiresAt: true,
  recordedById: true,
  notes: true,
  version: true,
  updatedAt: true,
} as const;

type ConsentRow = ConsentRecord & { decidedAt: Date; withdrawnAt: Date | null; expiresAt: Date | null; updatedAt: Date } & Record<string, unknown>;

function consentOut<T extends ConsentRow>(row: T, now: Date) {
  const gap = consentGap(row, now);
  return {
    ...row,
    decidedAt: isoFromDate(row.decidedAt),
    withdrawnAt: row.withdrawnAt ? row.withdrawnAt.toISOString() : null,
    expiresAt: isoFromDate(row.expiresAt),
    updatedAt: row.updatedAt.toISOString(),
    /** Does this record, on its own, allow a share now? */
    inForce: gap === null,
    state: gap === null ? "in_force" : gap,
  };
}

const todayIso = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);

async function consentInScope(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.consentToShare.findFirst({ where: { id, person: personWhere(ctx) }, select: consentSelect });
  if (!row) throw notFound("Consent record");
  return row;
}

export const consentRouter = router({
  list: authorised("consent:read")
    .input(ZConsentListInput)
    .query(async ({ ctx, input }) => {
      if (input.personId) await personInScope(ctx, input.personId);
      if (input.familyId) await familyInScope(ctx, input.familyId);
      const rows = await ctx.prisma.consentToShare.findMany({
        where: {
          AND: [
            { person: personWhere(ctx) },
            input.personId ? { personId: input.personId } : {},
            input.familyId ? { person: { memberships: { some: { familyId: input.familyId } } } } : {},
            input.purpose ? { purpose: input.purpose } : {},
            input.recipientAgency ? { recipientAgency: input.recipientAgency } : {},
          ],
        },
        select: consentSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "consent.list", outcome: "success", entityType: "ConsentToShare", entityIds: page.map((r) => r.id), personIds: page.map((r) => r.personId), fields: Object.keys(consentSelect) });
      return { items: page.map((r) => consentOut(r, ctx.now)), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("consent:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await consentInScope(ctx, input.id);
      await recordAudit(ctx, { action: "consent.get", outcome: "success", entityType: "ConsentToShare", entityIds: [row.id], personIds: [row.personId], fields: Object.keys(consentSelect) });
      return consentOut(row, ctx.now);
    }),

  create: authorised("consent:write")
    .input(ZConsentCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      await refuseBarredWrite(ctx, "consent.create", [input.personId]);
      if (input.decidedAt > todayIso(ctx)) throw new TRPCError({ code: "BAD_REQUEST", message: "A decision cannot be recorded for a future date" });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        // Today's decision takes effect now (so it supersedes earlier ones at once); a past one from that day.
        const decidedAt = input.decidedAt === todayIso(ctx) ? ctx.now : dateFromIso(input.decidedAt);
        const row = await tx.consentToShare.create({
          data: {
            personId: input.personId,
            purpose: input.purpose,
            recipientAgency: input.recipientAgency,
            status: input.status,
            decidedAt,
            expiresAt: input.expiresAt ? dateFromIso(input.expiresAt) : null,
            recordedById: ctx.user.id,
            notes: input.notes ?? null,
          },
          select: consentSelect,
        });
        await recordAudit(ctx, { action: "consent.create", outcome: "success", entityType: "ConsentToShare", entityIds: [row.id], personIds: [input.personId], fields: Object.keys(input), reason: `${input.status}: ${input.purpose} to ${input.recipientAgency}` }, tx);
        return consentOut(row, ctx.now);
      });
    }),

  withdraw: authorised("consent:write")
    .input(ZConsentWithdrawInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await consentInScope(ctx, input.id);
      await refuseBarredWrite(ctx, "consent.withdraw", [existing.personId]);
      if (existing.version !== input.version) throw conflict();
      if (existing.status !== "given") throw new TRPCError({ code: "BAD_REQUEST", message: "Only consent that was given can be withdrawn" });
      if (input.withdrawnAt > todayIso(ctx)) throw new TRPCError({ code: "BAD_REQUEST", message: "A withdrawal cannot be recorded for a future date" });
      if (input.withdrawnAt < isoFromDate(existing.decidedAt)!) throw new TRPCError({ code: "BAD_REQUEST", message: "Consent cannot be withdrawn before it was given" });
      // Withdrawal applies from the moment it is recorded: the next share is blocked.
      const withdrawnAt = input.withdrawnAt === todayIso(ctx) ? ctx.now : dateFromIso(input.withdrawnAt);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const data: Record<string, unknown> = { status: "withdrawn", withdrawnAt, version: { increment: 1 } };
        if (input.notes !== undefined) data.notes = input.notes;
        const { count } = await tx.consentToShare.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "consent.withdraw", outcome: "success", entityType: "ConsentToShare", entityIds: [input.id], personIds: [existing.personId], fields: ["status", "withdrawnAt", ...(input.notes !== undefined ? ["notes"] : [])] }, tx);
        return consentOut(await tx.consentToShare.findUniqueOrThrow({ where: { id: input.id }, select: consentSelect }), ctx.now);
      });
    }),

  /**
   * May this person's information be shared with this agency for this purpose
   * now? With `override` (managers only, with a reason) a share without
   * consent is allowed; the decision and any override reason are audited.
   */
  check: authorised("consent:read")
    .input(ZConsentCheckInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const check = { personIds: [input.personId], purpose: input.purpose, recipientAgency: input.recipientAgency, override: input.override };
      const outcome = await decideConsent(ctx, check);
      const decision = outcome.decisions[0]!.decision;
      const gap = decision.allowed ? (decision.basis === "override" ? decision.gap : null) : decision.gap;
      await recordAudit(ctx, {
        action: "consent.check",
        outcome: decision.allowed ? "success" : "denied",
        entityType: "ConsentToShare",
        entityIds: decision.consentId ? [decision.consentId] : [],
        personIds: [input.personId],
        reason: decision.allowed ? shareAuditReason(outcome, check) : `${describeConsentGap(decision.gap)}${decision.overrideProblem ? `; ${decision.overrideProblem}` : ""}`,
      });
      return {
        allowed: decision.allowed,
        basis: decision.allowed ? decision.basis : null,
        consentId: decision.consentId,
        gap,
        message: decision.allowed
          ? decision.basis === "consent"
            ? "Consent is in force"
            : `Shared under a safeguarding override: ${describeConsentGap(decision.gap)}`
          : `${describeConsentGap(decision.gap)[0]!.toUpperCase()}${describeConsentGap(decision.gap).slice(1)}${decision.overrideProblem ? `; ${decision.overrideProblem}` : ""}`,
      };
    }),
});
