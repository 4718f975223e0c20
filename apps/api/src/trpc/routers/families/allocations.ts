/**
 * Allocation (managers): the workers a family can be allocated to, allocating
 * a family to a worker (a new lead replaces the old one: core
 * `planAllocation`) and moving a family to another team. The allocated
 * practitioner then has the family on their caseload.
 */
import { CASE_ROLES, isRole, planAllocation, ZAllocateInput, ZFamilyTeamInput } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { fieldProblems } from "../../errors.js";
import { authorised } from "../../trpc.js";
import { familyInScope, type AuthedContext } from "../scope.js";

function today(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const isCaseRole = (role: unknown) => isRole(role) && (CASE_ROLES as readonly string[]).includes(role);

/** Staff who can hold cases: the manager's team first, then everyone else with a case role. */
export const workers = authorised("allocations:write").query(async ({ ctx }) => {
  const rows = await ctx.prisma.staff.findMany({
    where: { user: { is: { disabled: false, role: { in: [...CASE_ROLES] } } }, OR: [{ leaveDate: null }, { leaveDate: { gte: today(ctx.now) } }] },
    select: { id: true, name: true, teamId: true, team: { select: { name: true } }, user: { select: { role: true } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  const mine = ctx.user.teamId;
  rows.sort((a, b) => Number(b.teamId === mine) - Number(a.teamId === mine));
  await recordAudit(ctx, { action: "families.workers", outcome: "success", entityType: "Staff", entityIds: rows.map((r) => r.id), fields: ["name", "team", "role"] });
  return rows.map((r) => ({ staffId: r.id, name: r.name, teamId: r.teamId, teamName: r.team?.name ?? null, role: r.user?.role ?? null }));
});

export const allocate = authorised("allocations:write")
  .input(ZAllocateInput)
  .mutation(async ({ ctx, input }) => {
    await familyInScope(ctx as AuthedContext, input.familyId);
    const staff = await ctx.prisma.staff.findUnique({ where: { id: input.staffId }, select: { id: true, leaveDate: true, user: { select: { role: true, disabled: true } } } });
    if (!staff) throw fieldProblems([{ path: "staffId", message: "No such member of staff" }]);
    const day = today(ctx.now);
    return ctx.prisma.$transaction(async (tx: DbClient) => {
      const current = await tx.caseAllocation.findMany({
        where: { familyId: input.familyId, OR: [{ toDate: null }, { toDate: { gte: day } }] },
        select: { id: true, staffId: true, lead: true, personId: true },
      });
      const plan = planAllocation(current, { staffId: staff.id, lead: input.lead }, { caseRole: Boolean(staff.user && !staff.user.disabled && isCaseRole(staff.user.role)), left: Boolean(staff.leaveDate && staff.leaveDate < day) });
      if (plan.problem) throw new TRPCError({ code: "BAD_REQUEST", message: plan.problem });
      // Ended the day before, so that today the new allocation is the current one.
      if (plan.end.length > 0) await tx.caseAllocation.updateMany({ where: { id: { in: plan.end } }, data: { toDate: new Date(day.getTime() - 86_400_000), version: { increment: 1 } } });
      const row = await tx.caseAllocation.create({ data: { familyId: input.familyId, staffId: staff.id, lead: input.lead, fromDate: day }, select: { id: true } });
      await recordAudit(ctx, { action: "families.allocate", outcome: "success", entityType: "CaseAllocation", entityIds: [input.familyId, row.id, ...plan.end], fields: ["staffId", "lead"] }, tx);
      return { allocationId: row.id, ended: plan.end.length };
    });
  });

export const setTeam = authorised("allocations:write")
  .input(ZFamilyTeamInput)
  .mutation(async ({ ctx, input }) => {
    await familyInScope(ctx as AuthedContext, input.familyId);
    if (!(await ctx.prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) throw fieldProblems([{ path: "teamId", message: "No such team" }]);
    return ctx.prisma.$transaction(async (tx: DbClient) => {
      await tx.family.update({ where: { id: input.familyId }, data: { teamId: input.teamId, version: { increment: 1 } } });
      await recordAudit(ctx, { action: "families.setTeam", outcome: "success", entityType: "Family", entityIds: [input.familyId, input.teamId], fields: ["teamId"] }, tx);
      return { familyId: input.familyId, teamId: input.teamId };
    });
  });
