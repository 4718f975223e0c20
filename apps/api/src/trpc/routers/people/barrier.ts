/**
 * Loads what the information-barrier decision needs about a subject: the
 * perpetrators the records link to them (`deriveLinks` in @evident/core: the
 * same family's victim and perpetrator roles, a MARAC referral naming him,
 * an explicit link not ended), the users working with each perpetrator
 * (`perpetratorWorkerStaffIds`: allocated to him, or to a family of his she
 * is not in; facilitating a perpetrators' group he is enrolled in), the
 * subject's confidentiality level and the overrides in force for the viewer.
 * The decision itself is `decideContactAccess` in @evident/core.
 */
import {
  barredFromWriting,
  decideContactAccess,
  deriveLinks,
  perpetratorWorkerStaffIds,
  type ContactAccessDecision,
  type DerivedLink,
  type LinkedPerpetrator,
  type TExplicitLinkBasis,
} from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { notFound } from "../../errors.js";
import { currentPeriod, type AuthedContext } from "../scope.js";

type Membership = { familyId: string; personId: string; role: string };

/** The victim–perpetrator pairs the records imply for `personIds` as victims (or, with `as: "perpetrator"`, as perpetrators). */
export async function loadLinks(ctx: AuthedContext, personIds: readonly string[], as: "victim" | "perpetrator" = "victim"): Promise<DerivedLink[]> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return [];
  const mine = as === "victim" ? "fromPersonId" : "toPersonId";
  const [explicit, ownRoles, marac] = await Promise.all([
    ctx.prisma.personLink.findMany({ where: { [mine]: { in: ids }, kind: "victim_perpetrator", endedAt: null }, select: { id: true, fromPersonId: true, toPersonId: true, basis: true } }),
    ctx.prisma.familyMember.findMany({ where: { personId: { in: ids }, role: as }, select: { familyId: true } }),
    ctx.prisma.maracReferral.findMany({
      where: as === "victim" ? { personId: { in: ids }, perpetratorPersonId: { not: null } } : { perpetratorPersonId: { in: ids } },
      select: { personId: true, perpetratorPersonId: true },
    }),
  ]);
  const familyIds = [...new Set(ownRoles.map((m: { familyId: string }) => m.familyId))];
  const memberships: Membership[] =
    familyIds.length === 0 ? [] : await ctx.prisma.familyMember.findMany({ where: { familyId: { in: familyIds }, role: { in: ["victim", "perpetrator"] } }, select: { familyId: true, personId: true, role: true } });
  const wanted = new Set(ids);
  return deriveLinks({
    explicit: explicit.map((l: { id: string; fromPersonId: string; toPersonId: string; basis: string | null }) => ({
      id: l.id,
      victimId: l.fromPersonId,
      perpetratorId: l.toPersonId,
      basis: (l.basis ?? "other") as TExplicitLinkBasis,
    })),
    memberships,
    maracReferrals: marac,
  }).filter((l) => wanted.has(as === "victim" ? l.victimId : l.perpetratorId));
}

/**
 * The perpetrators linked to each of `personIds` (as victims), with the users working with each: one set of
 * queries for many people (lists), the same for one (`loadLinkedPerpetrators`). Every id gets an entry.
 */
export async function loadLinkedPerpetratorsOf(ctx: AuthedContext, personIds: readonly string[]): Promise<Map<string, LinkedPerpetrator[]>> {
  const ids = [...new Set(personIds)];
  const out = new Map<string, LinkedPerpetrator[]>(ids.map((id) => [id, []]));
  const links = await loadLinks(ctx, ids);
  if (links.length === 0) return out;
  const perpetratorIds = [...new Set(links.map((l) => l.perpetratorId))];
  const people = [...new Set([...perpetratorIds, ...links.map((l) => l.victimId)])];
  const memberships: { familyId: string; personId: string }[] = await ctx.prisma.familyMember.findMany({ where: { personId: { in: people } }, select: { familyId: true, personId: true } });
  const familiesOf = (personId: string) => memberships.filter((m) => m.personId === personId).map((m) => m.familyId);
  const hisFamilies = [...new Set(perpetratorIds.flatMap(familiesOf))];
  const [allocations, enrolments] = await Promise.all([
    ctx.prisma.caseAllocation.findMany({
      where: { AND: [currentPeriod(ctx.now), { OR: [{ personId: { in: perpetratorIds } }, { personId: null, familyId: { in: hisFamilies } }] }] },
      select: { staffId: true, familyId: true, personId: true },
    }),
    ctx.prisma.enrolment.findMany({
      where: { personId: { in: perpetratorIds }, group: { track: "perpetrators" } },
      select: { personId: true, group: { select: { facilitators: { select: { staffId: true } } } } },
    }),
  ]);
  type Enrolment = { personId: string; group: { facilitators: { staffId: string }[] } | null };
  const facilitatorsOf = (p: string) => (enrolments as Enrolment[]).filter((e) => e.personId === p).flatMap((e) => (e.group?.facilitators ?? []).map((f) => f.staffId));
  const staffIds = new Set<string>([...allocations.map((a: { staffId: string }) => a.staffId), ...perpetratorIds.flatMap(facilitatorsOf)]);
  const users: { id: string; staffId: string | null }[] = staffIds.size === 0 ? [] : await ctx.prisma.user.findMany({ where: { staffId: { in: [...staffIds] } }, select: { id: true, staffId: true } });
  const usersOf = (staff: readonly string[]) => users.filter((u) => u.staffId !== null && staff.includes(u.staffId)).map((u) => u.id);
  for (const link of links) {
    const workers = perpetratorWorkerStaffIds({ perpetratorId: link.perpetratorId, perpetratorFamilyIds: familiesOf(link.perpetratorId), victimFamilyIds: familiesOf(link.victimId), allocations });
    out.get(link.victimId)!.push({ personId: link.perpetratorId, allocatedUserIds: usersOf(workers), groupFacilitatorUserIds: usersOf(facilitatorsOf(link.perpetratorId)) });
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

/** The people among `personIds` the caller is barred from (working with a perpetrator linked to them), overrides aside. */
export async function barredPeople(ctx: AuthedContext, personIds: readonly string[]): Promise<Set<string>> {
  const barred = new Set<string>();
  for (const [victim, perpetrators] of await loadLinkedPerpetratorsOf(ctx, personIds)) {
    if (barredFromWriting(ctx.user.id, perpetrators)) barred.add(victim);
  }
  return barred;
}

/**
 * Refuses a write about any of `personIds` by someone barred from them — with or without a
 * safeguarding override, which opens reading only. The answer is the same NOT_FOUND as for a
 * person out of scope, and the refusal is audited.
 */
export async function refuseBarredWrite(ctx: AuthedContext, action: string, personIds: readonly (string | null | undefined)[]): Promise<void> {
  const ids = personIds.filter((id): id is string => typeof id === "string");
  if (ids.length === 0) return;
  const barred = await barredPeople(ctx, ids);
  if (barred.size === 0) return;
  await recordAudit(ctx, { action, outcome: "denied", entityType: "Person", entityIds: [...barred], personIds: [...barred], reason: "information barrier: writes are refused to staff working with a linked perpetrator" });
  throw notFound("Person");
}
