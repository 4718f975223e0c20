/**
 * Loads what the information-barrier decision needs about a subject: the
 * perpetrators linked to them (PersonLink victim_perpetrator, from = victim),
 * the users allocated to each perpetrator (a CaseAllocation naming the
 * perpetrator), the users facilitating a perpetrators' group the perpetrator
 * is enrolled in, the subject's confidentiality level and the overrides in
 * force for the viewer. The decision itself is `decideContactAccess` in
 * @evident/core. A worker allocated to the whole family (who may be working
 * with the victim and the children) is not barred by that alone.
 */
import { decideContactAccess, type ContactAccessDecision, type LinkedPerpetrator } from "@evident/core";
import type { AuthedContext } from "../scope.js";

/**
 * The perpetrators linked to each of `personIds` (as victims), with the users working with each: one set of
 * queries for many people (lists), the same for one (`loadLinkedPerpetrators`). Every id gets an entry.
 */
export async function loadLinkedPerpetratorsOf(ctx: AuthedContext, personIds: readonly string[]): Promise<Map<string, LinkedPerpetrator[]>> {
  const ids = [...new Set(personIds)];
  const out = new Map<string, LinkedPerpetrator[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const links: { fromPersonId: string; toPersonId: string }[] = await ctx.prisma.personLink.findMany({
    where: { fromPersonId: { in: ids }, kind: "victim_perpetrator" },
    select: { fromPersonId: true, toPersonId: true },
  });
  if (links.length === 0) return out;
  const perpetrators = await ctx.prisma.person.findMany({
    where: { id: { in: [...new Set(links.map((l) => l.toPersonId))] } },
    select: {
      id: true,
      allocations: { where: { OR: [{ toDate: null }, { toDate: { gte: ctx.now } }] }, select: { staffId: true } },
      enrolments: { where: { group: { track: "perpetrators" } }, select: { group: { select: { facilitators: { select: { staffId: true } } } } } },
    },
  });
  type Row = { id: string; allocations: { staffId: string }[]; enrolments: { group: { facilitators: { staffId: string }[] } | null }[] };
  const staffIds = new Set<string>();
  for (const p of perpetrators as Row[]) {
    for (const a of p.allocations) staffIds.add(a.staffId);
    for (const e of p.enrolments) for (const f of e.group?.facilitators ?? []) staffIds.add(f.staffId);
  }
  const users = staffIds.size === 0 ? [] : await ctx.prisma.user.findMany({ where: { staffId: { in: [...staffIds] } }, select: { id: true, staffId: true } });
  const usersOf = (staffId: string) => users.filter((u: { staffId: string | null }) => u.staffId === staffId).map((u: { id: string }) => u.id);
  const byId = new Map<string, LinkedPerpetrator>(
    (perpetrators as Row[]).map((p) => [
      p.id,
      {
        personId: p.id,
        allocatedUserIds: p.allocations.flatMap((a) => usersOf(a.staffId)),
        groupFacilitatorUserIds: p.enrolments.flatMap((e) => (e.group?.facilitators ?? []).flatMap((f) => usersOf(f.staffId))),
      },
    ]),
  );
  for (const link of links) {
    const perpetrator = byId.get(link.toPersonId);
    if (perpetrator) out.get(link.fromPersonId)!.push(perpetrator);
  }
  return out;
}

export async function loadLinkedPerpetrators(ctx: AuthedContext, personId: string): Promise<LinkedPerpetrator[]> {
  return (await loadLinkedPerpetratorsOf(ctx, [personId])).get(personId) ?? [];
}

export async function contactDecision(ctx: AuthedContext, personId: string): Promise<ContactAccessDecision> {
  const linkedPerpetrators = await loadLinkedPerpetrators(ctx, personId);
  const contact = await ctx.prisma.contactDetails.findUnique({ where: { personId }, select: { confidentiality: true } });
  const overrides =
    linkedPerpetrators.length === 0
      ? []
      : await ctx.prisma.safeguardingOverride.findMany({
          where: { subjectPersonId: personId, grantedToUserId: ctx.user.id, revokedAt: null, expiresAt: { gt: ctx.now } },
          select: { id: true, grantedToUserId: true, subjectPersonId: true, reason: true, expiresAt: true, revokedAt: true },
        });
  return decideContactAccess({
    viewer: { userId: ctx.user.id, role: ctx.user.role },
    subject: { personId, linkedPerpetrators, confidentiality: contact?.confidentiality ?? "normal" },
    overrides: overrides.map((o: { id: string; grantedToUserId: string; subjectPersonId: string; reason: string; expiresAt: Date; revokedAt: Date | null }) => ({
      id: o.id,
      userId: o.grantedToUserId,
      personId: o.subjectPersonId,
      reason: o.reason,
      expiresAt: o.expiresAt,
      revokedAt: o.revokedAt,
    })),
    now: ctx.now,
  });
}
