/**
 * Teams: list (with how many accounts and families each has), create and
 * rename. Staff move between teams with `admin.users.setTeam` (the account and
 * its staff record move together).
 */
import { ZTeamCreateInput, ZTeamRenameInput } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";

const teamSelect = { id: true, name: true, service: true, version: true, createdAt: true, _count: { select: { users: true, staff: true, families: true } } } as const;

type TeamRow = { id: string; name: string; service: string | null; version: number; createdAt: Date; _count: { users: number; staff: number; families: number } };

function teamOut(row: TeamRow) {
  const { _count, createdAt, ...rest } = row;
  return { ...rest, createdAt: createdAt.toISOString(), accounts: _count.users, staff: _count.staff, families: _count.families };
}

async function nameFree(client: DbClient, name: string, except?: string) {
  const clash = await client.team.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  if (clash) throw conflict("A team with this name already exists");
}

export const teamsRouter = router({
  list: authorised("teams:read").query(async ({ ctx }) => {
    const rows = await ctx.prisma.team.findMany({ select: teamSelect, orderBy: { name: "asc" } });
    await recordAudit(ctx, { action: "admin.teams.list", outcome: "success", entityType: "Team", entityIds: rows.map((r) => r.id) });
    return rows.map(teamOut);
  }),

  create: authorised("teams:write")
    .input(ZTeamCreateInput)
    .mutation(async ({ ctx, input }) => {
      await nameFree(ctx.prisma, input.name);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.team.create({ data: { name: input.name, service: input.service ?? null }, select: teamSelect });
        await recordAudit(ctx, { action: "admin.teams.create", outcome: "success", entityType: "Team", entityIds: [row.id], fields: Object.keys(input) }, tx);
        return teamOut(row);
      });
    }),

  rename: authorised("teams:write")
    .input(ZTeamRenameInput)
    .mutation(async ({ ctx, input }) => {
      if (!(await ctx.prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) throw notFound("Team");
      await nameFree(ctx.prisma, input.name, input.teamId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.team.update({ where: { id: input.teamId }, data: { name: input.name, version: { increment: 1 } }, select: teamSelect });
        await recordAudit(ctx, { action: "admin.teams.rename", outcome: "success", entityType: "Team", entityIds: [row.id], fields: ["name"] }, tx);
        return teamOut(row);
      });
    }),
});
