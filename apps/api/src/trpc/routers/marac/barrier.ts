/**
 * The information barrier for MARAC referrals. A referral is about a victim;
 * it is never returned to anyone working with a perpetrator linked to the
 * victim (allocated to the perpetrator, or facilitating a perpetrators' group
 * the perpetrator is enrolled in). Unlike contact details, no safeguarding
 * override opens it. The relationships are loaded for many victims at once
 * (the same ones `people/barrier.ts` loads for one) and the decision is
 * `barrierConflicts` in @evident/core.
 */
import { barrierConflicts, type LinkedPerpetrator } from "@evident/core";
import type { AuthedContext } from "../scope.js";

/** The victims among `personIds` whose MARAC referrals the caller must not see. */
export async function barredVictims(ctx: AuthedContext, personIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(personIds)];
  const barred = new Set<string>();
  if (ids.length === 0) return barred;
  const links: { fromPersonId: string; toPersonId: string }[] = await ctx.prisma.personLink.findMany({
    where: { fromPersonId: { in: ids }, kind: "victim_perpetrator" },
    select: { fromPersonId: true, toPersonId: true },
  });
  if (links.length === 0) return barred;
  const perpetrators: { id: string; allocations: { staffId: string }[]; enrolments: { group: { facilitators: { staffId: string }[] } | null }[] }[] = await ctx.prisma.person.findMany({
    where: { id: { in: [...new Set(links.map((l) => l.toPersonId))] } },
    select: {
      id: true,
      allocations: { where: { OR: [{ toDate: null }, { toDate: { gte: ctx.now } }] }, select: { staffId: true } },
      enrolments: { where: { group: { track: "perpetrators" } }, select: { group: { select: { facilitators: { select: { staffId: true } } } } } },
    },
  });
  // Only the caller's own user id matters for the decision.
  const mine = ctx.user.staffId;
  const linked = new Map<string, LinkedPerpetrator>();
  for (const p of perpetrators) {
    linked.set(p.id, {
      personId: p.id,
      allocatedUserIds: mine && p.allocations.some((a) => a.staffId === mine) ? [ctx.user.id] : [],
      groupFacilitatorUserIds: mine && p.enrolments.some((e) => (e.group?.facilitators ?? []).some((f) => f.staffId === mine)) ? [ctx.user.id] : [],
    });
  }
  for (const victim of ids) {
    const theirs = links.filter((l) => l.fromPersonId === victim).map((l) => linked.get(l.toPersonId)).filter((p): p is LinkedPerpetrator => !!p);
    if (barrierConflicts(ctx.user.id, theirs).length > 0) barred.add(victim);
  }
  return barred;
}
