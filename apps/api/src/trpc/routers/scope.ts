/**
 * Record scope as database filters. `familyScope` (in @evident/core) decides
 * who sees which families: those allocated to the viewer (a current
 * CaseAllocation of their staff record) or to their team. These helpers turn
 * it into Prisma `where` clauses so out-of-scope records are never loaded,
 * counted or returned, and load single records in scope (NOT_FOUND
 * otherwise, never FORBIDDEN, so other teams' ids cannot be probed).
 */
import { familyScope } from "@evident/core";
import type { Context, SessionUser } from "../context.js";
import { notFound } from "../errors.js";

export type AuthedContext = Context & { user: SessionUser };

const NOTHING = { id: { in: [] as string[] } };

function todayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** A current period: no end date, or ending today or later. */
export function currentPeriod(now: Date) {
  return { OR: [{ toDate: null }, { toDate: { gte: todayUtc(now) } }] };
}

/** A current allocation of the staff member. */
export function currentAllocation(staffId: string, now: Date) {
  return { staffId, ...currentPeriod(now) };
}

/** The same scope as parameters of the hot-path SQL in @evident/db (`FAMILY_IN_SCOPE`). */
export function familyScopeSql(ctx: AuthedContext): { staffId: string | null; teamId: string | null; today: string } {
  const user = ctx.user;
  const scope = familyScope({ userId: user.id, role: user.role, teamId: user.teamId });
  const today = todayUtc(ctx.now).toISOString().slice(0, 10);
  if (scope.kind === "none") return { staffId: null, teamId: null, today };
  return { staffId: user.staffId, teamId: scope.teamId, today };
}

/** Prisma `where` for families the user may see. */
export function familyWhere(ctx: AuthedContext) {
  const user = ctx.user;
  const scope = familyScope({ userId: user.id, role: user.role, teamId: user.teamId });
  if (scope.kind === "none") return NOTHING;
  const or: Record<string, unknown>[] = [];
  if (user.staffId) or.push({ allocations: { some: currentAllocation(user.staffId, ctx.now) } });
  if (scope.teamId) or.push({ teamId: scope.teamId });
  return or.length > 0 ? { OR: or } : NOTHING;
}

/**
 * Prisma `where` for people the user may see: members of families in scope,
 * people allocated to them, and people enrolled in a group they facilitate
 * (so a facilitator can take the register).
 */
export function personWhere(ctx: AuthedContext) {
  const user = ctx.user;
  const scope = familyScope({ userId: user.id, role: user.role, teamId: user.teamId });
  if (scope.kind === "none") return NOTHING;
  const or: Record<string, unknown>[] = [{ memberships: { some: { family: familyWhere(ctx) } } }];
  if (user.staffId) {
    or.push({ allocations: { some: currentAllocation(user.staffId, ctx.now) } });
    or.push({ enrolments: { some: { group: { facilitators: { some: { staffId: user.staffId } } } } } });
  }
  return { OR: or };
}

export async function familyInScope(ctx: AuthedContext, id: string): Promise<{ id: string }> {
  const found = await ctx.prisma.family.findFirst({ where: { AND: [{ id }, familyWhere(ctx)] }, select: { id: true } });
  if (!found) throw notFound("Family");
  return found;
}

export async function personInScope(ctx: AuthedContext, id: string): Promise<{ id: string }> {
  const found = await ctx.prisma.person.findFirst({ where: { AND: [{ id }, personWhere(ctx)] }, select: { id: true } });
  if (!found) throw notFound("Person");
  return found;
}
