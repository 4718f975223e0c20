/**
 * Victim–perpetrator links, the relationships the information barrier rests
 * on. Most come from the records themselves (`deriveLinks` in @evident/core:
 * family roles, a MARAC referral naming the perpetrator); staff record the
 * rest explicitly, across families too. The barrier applies from the moment
 * a link exists. Ending an explicit link needs a manager and a reason.
 *
 * Each record shows its links to those allowed to see the other person; a
 * link whose other person the caller may not see (out of scope, or a victim
 * they are barred from) is counted, never named.
 */
import { LINK_BASIS_LABELS, ZPersonLinkCreateInput, ZPersonLinkEndInput, ZPersonLinkListInput, type DerivedLink } from "@evident/core";
import type { DbClient } from "../../../db.js";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope, personWhere } from "../scope.js";
import { barredPeople, loadLinks } from "./barrier.js";

const nameSelect = { id: true, firstName: true, lastName: true, reference: true } as const;
type Named = { id: string; firstName: string; lastName: string; reference: string };

export const linksRouter = router({
  list: authorised("links:read")
    .input(ZPersonLinkListInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const [asVictim, asPerpetrator] = await Promise.all([loadLinks(ctx, [input.personId], "victim"), loadLinks(ctx, [input.personId], "perpetrator")]);
      const links: DerivedLink[] = [...asVictim, ...asPerpetrator];
      const others = links.map((l) => (l.victimId === input.personId ? l.perpetratorId : l.victimId));
      const [visible, barred] = await Promise.all([
        others.length === 0 ? [] : ctx.prisma.person.findMany({ where: { AND: [{ id: { in: others } }, personWhere(ctx)] }, select: nameSelect }),
        barredPeople(ctx, asPerpetrator.map((l) => l.victimId)),
      ]);
      const byId = new Map<string, Named>((visible as Named[]).map((p) => [p.id, p]));
      const shown = links.filter((l) => {
        const other = l.victimId === input.personId ? l.perpetratorId : l.victimId;
        return byId.has(other) && !barred.has(other);
      });
      const explicitIds = shown.flatMap((l) => l.explicitLinkIds);
      const explicit = explicitIds.length === 0 ? [] : await ctx.prisma.personLink.findMany({ where: { id: { in: explicitIds } }, select: { id: true, basis: true, notes: true, version: true, createdAt: true } });
      const self = await ctx.prisma.person.findUniqueOrThrow({ where: { id: input.personId }, select: nameSelect });
      const person = (id: string) => (id === input.personId ? self : byId.get(id)!);
      await recordAudit(ctx, {
        action: "people.links.list",
        outcome: "success",
        entityType: "PersonLink",
        entityIds: explicitIds,
        personIds: [input.personId, ...shown.map((l) => (l.victimId === input.personId ? l.perpetratorId : l.victimId))],
      });
      return {
        items: shown.map((l) => ({
          victim: person(l.victimId),
          perpetrator: person(l.perpetratorId),
          bases: l.bases.map((b) => ({ basis: b, label: LINK_BASIS_LABELS[b] })),
          explicit: explicit.filter((e: { id: string }) => l.explicitLinkIds.includes(e.id)),
        })),
        /** Links to people the caller may not see: counted, not named. */
        withheld: links.length - shown.length,
      };
    }),

  create: authorised("links:write")
    .input(ZPersonLinkCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.victimId);
      await personInScope(ctx, input.perpetratorId);
      const key = { fromPersonId_toPersonId_kind: { fromPersonId: input.victimId, toPersonId: input.perpetratorId, kind: "victim_perpetrator" as const } };
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const existing = await tx.personLink.findUnique({ where: key, select: { id: true, endedAt: true, version: true } });
        if (existing && !existing.endedAt) throw conflict("These two people are already linked");
        const data = { basis: input.basis, notes: input.notes ?? null, createdById: ctx.user.id };
        const row = existing
          ? await tx.personLink.update({ where: { id: existing.id }, data: { ...data, endedAt: null, endedById: null, endReason: null, version: { increment: 1 } }, select: { id: true, version: true } })
          : await tx.personLink.create({ data: { ...data, fromPersonId: input.victimId, toPersonId: input.perpetratorId, kind: "victim_perpetrator" }, select: { id: true, version: true } });
        await recordAudit(ctx, { action: "people.links.create", outcome: "success", entityType: "PersonLink", entityIds: [row.id], personIds: [input.victimId, input.perpetratorId], fields: Object.keys(input), reason: `basis: ${input.basis}` }, tx);
        return { id: row.id, version: row.version, victimId: input.victimId, perpetratorId: input.perpetratorId, basis: input.basis };
      });
    }),

  end: authorised("links:end")
    .input(ZPersonLinkEndInput)
    .mutation(async ({ ctx, input }) => {
      const link = await ctx.prisma.personLink.findFirst({ where: { id: input.id, kind: "victim_perpetrator", fromPerson: personWhere(ctx) }, select: { id: true, fromPersonId: true, toPersonId: true, endedAt: true } });
      if (!link) throw notFound("Link");
      if (link.endedAt) throw conflict("This link has already ended");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.personLink.updateMany({
          where: { id: input.id, version: input.version, endedAt: null },
          data: { endedAt: ctx.now, endedById: ctx.user.id, endReason: input.reason, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "people.links.end", outcome: "success", entityType: "PersonLink", entityIds: [input.id], personIds: [link.fromPersonId, link.toPersonId], fields: ["endedAt", "endReason"], reason: input.reason }, tx);
        return { id: input.id, ended: true };
      });
    }),
});
