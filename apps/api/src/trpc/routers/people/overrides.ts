/**
 * Safeguarding overrides of the information barrier: a manager lets a named
 * member of staff read a victim's contact details for a limited time, with a
 * reason (reading only: writes stay refused), and reviews afterwards what was
 * read under each override.
 */
import type { DbClient } from "../../../db.js";
import { overrideRequestProblem, ZOverrideCreateInput, ZOverrideGranteesInput, ZOverrideListInput, ZOverrideReviewInput, ZOverrideRevokeInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope, personWhere } from "../scope.js";

const overrideSelect = {
  id: true,
  subjectPersonId: true,
  grantedToUserId: true,
  authorisedById: true,
  reason: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
  grantedTo: { select: { name: true } },
  authorisedBy: { select: { name: true } },
} as const;

/** Case roles that may be let through the barrier by an override. */
const GRANTEE_ROLES = ["manager", "practitioner", "dv_worker"] as const;

export const overridesRouter = router({
  /** Staff a manager may grant an override to: active case-work accounts other than their own (names and roles only). */
  grantees: authorised("override:write")
    .input(ZOverrideGranteesInput)
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.user.findMany({
        where: { disabled: false, role: { in: [...GRANTEE_ROLES] }, id: { not: ctx.user.id } },
        select: { id: true, name: true, role: true, teamId: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: 500,
      });
      return { items: rows.map((r: { id: string; name: string; role: string; teamId: string | null }) => ({ id: r.id, name: r.name, role: r.role, sameTeam: r.teamId !== null && r.teamId === ctx.user.teamId })) };
    }),

  list: authorised("override:read")
    .input(ZOverrideListInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const rows = await ctx.prisma.safeguardingOverride.findMany({ where: { subjectPersonId: input.personId }, select: overrideSelect, orderBy: { createdAt: "desc" }, take: 100 });
      await recordAudit(ctx, { action: "people.overrides.list", outcome: "success", entityType: "SafeguardingOverride", entityIds: rows.map((r: { id: string }) => r.id), personIds: [input.personId] });
      return rows;
    }),

  create: authorised("override:write")
    .input(ZOverrideCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const problem = overrideRequestProblem({ grantedBy: { userId: ctx.user.id, role: ctx.user.role }, userId: input.userId, reason: input.reason, durationMs: input.minutes * 60_000 });
      if (problem) {
        await recordAudit(ctx, { action: "people.overrides.create", outcome: "denied", entityType: "SafeguardingOverride", entityIds: [input.personId, input.userId], reason: problem });
        throw new TRPCError({ code: "BAD_REQUEST", message: problem });
      }
      const grantee = await ctx.prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, disabled: true } });
      if (!grantee || grantee.disabled) throw notFound("User");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.safeguardingOverride.create({
          data: {
            subjectPersonId: input.personId,
            grantedToUserId: input.userId,
            authorisedById: ctx.user.id,
            createdById: ctx.user.id,
            reason: input.reason,
            expiresAt: new Date(ctx.now.getTime() + input.minutes * 60_000),
          },
          select: overrideSelect,
        });
        await recordAudit(ctx, { action: "people.overrides.create", outcome: "success", entityType: "SafeguardingOverride", entityIds: [row.id, input.userId], personIds: [input.personId], fields: ["reason", "expiresAt"], reason: input.reason }, tx);
        return row;
      });
    }),

  revoke: authorised("override:write")
    .input(ZOverrideRevokeInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.safeguardingOverride.findUnique({ where: { id: input.id }, select: { id: true, subjectPersonId: true } });
      if (!existing) throw notFound("Override");
      await personInScope(ctx, existing.subjectPersonId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.safeguardingOverride.update({ where: { id: input.id }, data: { revokedAt: ctx.now }, select: overrideSelect });
        await recordAudit(ctx, { action: "people.overrides.revoke", outcome: "success", entityType: "SafeguardingOverride", entityIds: [row.id], personIds: [row.subjectPersonId] }, tx);
        return row;
      });
    }),
  /**
   * The manager's review list: overrides of the last `days` days on people in their scope, each
   * with what was read under it (from the audit log: when, by whom, which fields).
   */
  review: authorised("override:read")
    .input(ZOverrideReviewInput)
    .query(async ({ ctx, input }) => {
      const since = new Date(ctx.now.getTime() - (input?.days ?? 30) * 86_400_000);
      const rows = await ctx.prisma.safeguardingOverride.findMany({
        where: { createdAt: { gte: since }, subject: personWhere(ctx) },
        select: { ...overrideSelect, subject: { select: { firstName: true, lastName: true, reference: true } } },
        orderBy: { createdAt: "desc" },
        take: 200,
      });
      const ids = rows.map((r: { id: string }) => r.id);
      const reads: { entityIds: string[]; at: Date; actorId: string | null; fields: string[]; outcome: string }[] =
        ids.length === 0
          ? []
          : await ctx.prisma.auditLog.findMany({
              where: { action: "people.contact.get", entityIds: { hasSome: ids } },
              select: { entityIds: true, at: true, actorId: true, fields: true, outcome: true },
              orderBy: { at: "asc" },
            });
      await recordAudit(ctx, { action: "people.overrides.review", outcome: "success", entityType: "SafeguardingOverride", entityIds: ids, personIds: rows.map((r: { subjectPersonId: string }) => r.subjectPersonId) });
      return {
        items: rows.map((r: (typeof rows)[number]) => ({
          ...r,
          status: r.revokedAt ? "revoked" : r.expiresAt.getTime() > ctx.now.getTime() ? "in force" : "expired",
          reads: reads.filter((a) => a.entityIds.includes(r.id)).map((a) => ({ at: a.at, fields: a.fields, outcome: a.outcome })),
        })),
      };
    }),
});
