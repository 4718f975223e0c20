/**
 * Accounts: list (search, filter by status, role and team), invite by email
 * with a one-time link to set a password (72 hours), send it again, revoke
 * it, change role and team, disable and re-enable, unlock after too many
 * failed sign-ins and sign out everywhere. Every change is audited and a
 * role, team or disable change ends the account's sessions, so it applies at
 * once (the context also reloads the user on every request).
 */
import {
  accountStatus,
  INVITE_LINK_HOURS,
  resendProblem,
  staffRoleForAccount,
  ZDisableUserInput,
  ZInviteUserInput,
  ZSetRoleInput,
  ZSetTeamInput,
  ZUserIdInput,
  ZUserListInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { issueSetPasswordLink, pendingLinkUserIds, revokeSetPasswordLinks } from "../../../auth/set-password-link.js";
import { unlockAccount } from "../../../auth/throttle.js";
import type { DbClient } from "../../../db.js";
import { conflict, fieldProblems, notFound } from "../../errors.js";
import type { Context } from "../../context.js";
import { authorised, router } from "../../trpc.js";
import { invitationEmail } from "./emails.js";

const userSelect = { id: true, name: true, email: true, role: true, teamId: true, staffId: true, disabled: true, createdAt: true, team: { select: { name: true } }, _count: { select: { accounts: true } } } as const;

type UserRow = { id: string; name: string; email: string; role: string; teamId: string | null; staffId: string | null; disabled: boolean; createdAt: Date; team: { name: string } | null; _count: { accounts: number } };

function userOut(row: UserRow, pending: Set<string>) {
  const { _count, team, ...rest } = row;
  return { ...rest, teamName: team?.name ?? null, status: accountStatus({ disabled: row.disabled, hasLogin: _count.accounts > 0 }), linkPending: pending.has(row.id) };
}

async function loadUser(client: DbClient, userId: string): Promise<UserRow> {
  const row = await client.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!row) throw notFound("User");
  return row;
}

function notSelf(ctx: Context, userId: string, what: string) {
  if (userId === ctx.user?.id) throw new TRPCError({ code: "BAD_REQUEST", message: `You cannot ${what} your own account` });
}

async function teamMustExist(client: DbClient, teamId: string | null | undefined) {
  if (teamId && !(await client.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw fieldProblems([{ path: "teamId", message: "No such team" }]);
}

/** One change to an account in a transaction, audited, answering with the account as listed. */
async function change(ctx: Context, userId: string, action: string, fields: string[], work: (tx: DbClient, row: UserRow) => Promise<void>, reason?: string) {
  const out = await ctx.prisma.$transaction(async (tx: DbClient) => {
    const row = await loadUser(tx, userId);
    await work(tx, row);
    await recordAudit(ctx, { action, outcome: "success", entityType: "User", entityIds: [userId], fields, reason }, tx);
    const fresh = await loadUser(tx, userId);
    return userOut(fresh, await pendingLinkUserIds(tx, [userId], ctx.now));
  });
  ctx.deps.mail.kick();
  return out;
}

export const usersRouter = router({
  list: authorised("users:read")
    .input(ZUserListInput)
    .query(async ({ ctx, input }) => {
      const status = input.status ?? (input.includeDisabled ? undefined : "active_or_invited");
      const rows = await ctx.prisma.user.findMany({
        where: {
          ...(status === "disabled" ? { disabled: true } : status ? { disabled: false } : {}),
          ...(status === "invited" ? { accounts: { none: {} } } : status === "active" ? { accounts: { some: {} } } : {}),
          ...(input.role ? { role: input.role } : {}),
          ...(input.teamId ? { teamId: input.teamId } : {}),
          ...(input.search ? { OR: [{ name: { contains: input.search, mode: "insensitive" as const } }, { email: { contains: input.search, mode: "insensitive" as const } }] } : {}),
        },
        select: userSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      const pending = await pendingLinkUserIds(ctx.prisma, page.map((r) => r.id), ctx.now);
      await recordAudit(ctx, { action: "admin.users.list", outcome: "success", entityType: "User", entityIds: page.map((r) => r.id), fields: ["name", "email", "role", "team", "status"] });
      return { items: page.map((r) => userOut(r, pending)), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  invite: authorised("users:write")
    .input(ZInviteUserInput)
    .mutation(async ({ ctx, input }) => {
      if (await ctx.prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw conflict("An account with this email address already exists");
      await teamMustExist(ctx.prisma, input.teamId);
      const out = await ctx.prisma.$transaction(async (tx: DbClient) => {
        let staffId: string | null = null;
        if (input.staffId) {
          const staff = await tx.staff.findUnique({ where: { id: input.staffId }, select: { id: true, user: { select: { id: true } } } });
          if (!staff) throw fieldProblems([{ path: "staffId", message: "No such staff record" }]);
          if (staff.user) throw fieldProblems([{ path: "staffId", message: "This staff record already has an account" }]);
          staffId = staff.id;
        } else {
          const staffRole = staffRoleForAccount(input.role);
          const existing = await tx.staff.findUnique({ where: { email: input.email }, select: { id: true, user: { select: { id: true } } } });
          if (existing && !existing.user) staffId = existing.id;
          else if (staffRole && !existing) {
            const staff = await tx.staff.create({ data: { name: input.name, email: input.email, role: staffRole, jobTitle: staffRole.replace(/_/g, " "), teamId: input.teamId ?? null, startDate: ctx.now, languages: ["English"] }, select: { id: true } });
            staffId = staff.id;
          }
        }
        const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, teamId: input.teamId ?? null, staffId, emailVerified: true }, select: { id: true } });
        const link = await issueSetPasswordLink(tx, { userId: user.id, hours: INVITE_LINK_HOURS, baseUrl: ctx.deps.config.baseUrl, now: ctx.now });
        await invitationEmail(tx, { to: input.email, name: input.name, url: link.url, again: false }, ctx.now);
        await recordAudit(ctx, { action: "admin.users.invite", outcome: "success", entityType: "User", entityIds: staffId ? [user.id, staffId] : [user.id], fields: Object.keys(input) }, tx);
        return userOut(await loadUser(tx, user.id), new Set([user.id]));
      });
      ctx.deps.mail.kick();
      return out;
    }),

  resendInvite: authorised("users:write")
    .input(ZUserIdInput)
    .mutation(({ ctx, input }) =>
      change(ctx, input.userId, "admin.users.resendInvite", [], async (tx, row) => {
        const problem = resendProblem(accountStatus({ disabled: row.disabled, hasLogin: row._count.accounts > 0 }));
        if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
        const link = await issueSetPasswordLink(tx, { userId: row.id, hours: INVITE_LINK_HOURS, baseUrl: ctx.deps.config.baseUrl, now: ctx.now });
        await invitationEmail(tx, { to: row.email, name: row.name, url: link.url, again: true }, ctx.now);
      }),
    ),

  revokeInvite: authorised("users:write")
    .input(ZUserIdInput)
    .mutation(({ ctx, input }) =>
      change(ctx, input.userId, "admin.users.revokeInvite", ["disabled"], async (tx, row) => {
        if (row._count.accounts > 0) throw new TRPCError({ code: "BAD_REQUEST", message: "This person has already set a password. Disable the account instead." });
        await revokeSetPasswordLinks(tx, row.id);
        await tx.user.update({ where: { id: row.id }, data: { disabled: true } });
      }),
    ),

  setRole: authorised("users:write")
    .input(ZSetRoleInput)
    .mutation(({ ctx, input }) => {
      notSelf(ctx, input.userId, "change the role of");
      return change(ctx, input.userId, "admin.users.setRole", ["role"], async (tx) => {
        await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
        await tx.session.deleteMany({ where: { userId: input.userId } });
      }, `role set to ${input.role}`);
    }),

  setTeam: authorised("users:write")
    .input(ZSetTeamInput)
    .mutation(async ({ ctx, input }) => {
      await teamMustExist(ctx.prisma, input.teamId);
      return change(ctx, input.userId, "admin.users.setTeam", ["teamId"], async (tx, row) => {
        await tx.user.update({ where: { id: row.id }, data: { teamId: input.teamId } });
        // The staff record moves with the account (team caseloads and training dashboards are by staff).
        if (row.staffId) await tx.staff.update({ where: { id: row.staffId }, data: { teamId: input.teamId, version: { increment: 1 } } });
        await tx.session.deleteMany({ where: { userId: row.id } });
      });
    }),

  disable: authorised("users:write")
    .input(ZDisableUserInput)
    .mutation(({ ctx, input }) => {
      notSelf(ctx, input.userId, "disable");
      return change(ctx, input.userId, "admin.users.disable", ["disabled"], async (tx, row) => {
        await tx.user.update({ where: { id: row.id }, data: { disabled: input.disabled } });
        if (input.disabled) {
          await tx.session.deleteMany({ where: { userId: row.id } });
          await revokeSetPasswordLinks(tx, row.id);
        }
      }, input.disabled ? "disabled" : "re-enabled");
    }),

  unlock: authorised("users:write")
    .input(ZUserIdInput)
    .mutation(({ ctx, input }) =>
      change(ctx, input.userId, "admin.users.unlock", [], async (tx, row) => {
        await unlockAccount(tx, row, { id: ctx.user!.id, role: ctx.user!.role, requestId: ctx.requestId, ip: ctx.ip, now: ctx.now });
      }),
    ),

  signOutEverywhere: authorised("users:write")
    .input(ZUserIdInput)
    .mutation(({ ctx, input }) =>
      change(ctx, input.userId, "admin.users.signOutEverywhere", [], async (tx, row) => {
        await tx.session.deleteMany({ where: { userId: row.id } });
      }),
    ),
});
