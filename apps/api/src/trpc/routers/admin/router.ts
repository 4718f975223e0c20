/**
 * Administration: staff accounts (list, set role, disable, unlock sign-in) and the audit log.
 * A role change or a disable also ends the account's sessions, so it applies
 * at once; the context also reloads the user on every request.
 */
import type { DbClient } from "../../../db.js";
import { ZAuditListInput, ZDisableUserInput, ZSetRoleInput, ZUnlockUserInput, ZUserListInput, dateFromIso } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { unlockAccount } from "../../../auth/throttle.js";
import { authorised, router } from "../../trpc.js";
import { notFound } from "../../errors.js";

const userSelect = { id: true, name: true, email: true, role: true, teamId: true, disabled: true, createdAt: true } as const;

export const adminRouter = router({
  users: router({
    list: authorised("users:read")
      .input(ZUserListInput)
      .query(async ({ ctx, input }) => {
        const rows = await ctx.prisma.user.findMany({
          where: input.includeDisabled ? {} : { disabled: false },
          select: userSelect,
          orderBy: { id: "asc" },
          take: input.limit + 1,
          ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        });
        const page = rows.slice(0, input.limit);
        return { items: page, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
      }),

    setRole: authorised("users:write")
      .input(ZSetRoleInput)
      .mutation(async ({ ctx, input }) => {
        if (input.userId === ctx.user.id) throw new TRPCError({ code: "BAD_REQUEST", message: "You cannot change your own role" });
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const existing = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
          if (!existing) throw notFound("User");
          const row = await tx.user.update({ where: { id: input.userId }, data: { role: input.role }, select: userSelect });
          await tx.session.deleteMany({ where: { userId: input.userId } });
          await recordAudit(ctx, { action: "admin.users.setRole", outcome: "success", entityType: "User", entityIds: [input.userId], fields: ["role"], reason: `role set to ${input.role}` }, tx);
          return row;
        });
      }),

    disable: authorised("users:write")
      .input(ZDisableUserInput)
      .mutation(async ({ ctx, input }) => {
        if (input.userId === ctx.user.id) throw new TRPCError({ code: "BAD_REQUEST", message: "You cannot disable your own account" });
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const existing = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
          if (!existing) throw notFound("User");
          const row = await tx.user.update({ where: { id: input.userId }, data: { disabled: input.disabled }, select: userSelect });
          if (input.disabled) await tx.session.deleteMany({ where: { userId: input.userId } });
          await recordAudit(ctx, { action: "admin.users.disable", outcome: "success", entityType: "User", entityIds: [input.userId], fields: ["disabled"] }, tx);
          return row;
        });
      }),

    /** Clears the account's failed sign-ins at every address (auth/throttle.ts); audited as `auth.unlock`. */
    unlock: authorised("users:write")
      .input(ZUnlockUserInput)
      .mutation(async ({ ctx, input }) => {
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
          if (!user) throw notFound("User");
          const cleared = await unlockAccount(tx, user, { id: ctx.user.id, role: ctx.user.role, requestId: ctx.requestId, ip: ctx.ip, now: ctx.now });
          ctx.audit.rows += 1;
          return { userId: user.id, cleared };
        });
      }),
  }),

  audit: router({
    list: authorised("audit:read")
      .input(ZAuditListInput)
      .query(async ({ ctx, input }) => {
        const rows = await ctx.prisma.auditLog.findMany({
          where: {
            ...(input.actorId ? { actorId: input.actorId } : {}),
            ...(input.entityId ? { entityIds: { has: input.entityId } } : {}),
            ...(input.action ? { action: input.action } : {}),
            ...(input.outcome ? { outcome: input.outcome } : {}),
            ...(input.from || input.to
              ? { at: { ...(input.from ? { gte: dateFromIso(input.from) } : {}), ...(input.to ? { lt: new Date(dateFromIso(input.to).getTime() + 86_400_000) } : {}) } }
              : {}),
          },
          select: { id: true, at: true, actorId: true, actorRole: true, action: true, entityType: true, entityIds: true, fields: true, reason: true, outcome: true, requestId: true },
          orderBy: [{ at: "desc" }, { id: "desc" }],
          take: input.limit + 1,
          ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        });
        const page = rows.slice(0, input.limit);
        await recordAudit(ctx, { action: "admin.audit.list", outcome: "success", entityType: "AuditLog" });
        return { items: page.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: rows.length > input.limit ? String(page[page.length - 1]?.id ?? "") : null };
      }),
  }),
});
