/**
 * A person's contact details, behind the information barrier: read through
 * `contactDecision` (a safeguarding override opens reading for a named member
 * of staff, for a limited time, audited with its reason); written only by
 * staff not barred from the person (an override never opens writing). A
 * perpetrator's address that repeats a protected address of a victim linked
 * to him is withheld from whoever is barred from her.
 */
import type { DbClient } from "../../../db.js";
import { ADDRESS_FIELDS, barredFromWriting, repeatsProtectedAddress, ZContactGetInput, ZContactUpdateInput, type AddressLike } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope, type AuthedContext } from "../scope.js";
import { contactDecision, loadLinkedPerpetratorsOf, loadLinks, refuseBarredWrite } from "./barrier.js";

const contactSelect = {
  personId: true,
  addressLine1: true,
  addressLine2: true,
  town: true,
  postcode: true,
  phone: true,
  email: true,
  safeToCall: true,
  safeTimes: true,
  preferredChannel: true,
  unsafePeople: true,
  notes: true,
  confidentiality: true,
  version: true,
} as const;

const CONTACT_FIELDS = Object.keys(contactSelect).filter((k) => k !== "personId" && k !== "version");

/** What the person entering or reading an address on a perpetrator's record is told when it is withheld. */
export const ADDRESS_WITHHELD =
  "This address is the same as a protected address of someone linked to this person through domestic abuse. It is withheld from staff working with him or her.";

/**
 * The protected addresses of the victims linked to `personId` as a perpetrator: all of them
 * (`barredOnly: false`, to tell the person entering an address), or only those of victims the
 * caller is barred from (to decide what the caller may read).
 */
async function linkedProtectedAddresses(ctx: AuthedContext, personId: string, barredOnly: boolean) {
  const links = await loadLinks(ctx, [personId], "perpetrator");
  if (links.length === 0) return [];
  let victims = [...new Set(links.map((l) => l.victimId))];
  if (barredOnly) {
    const linked = await loadLinkedPerpetratorsOf(ctx, victims);
    victims = victims.filter((v) => barredFromWriting(ctx.user.id, linked.get(v) ?? []) !== null);
    if (victims.length === 0) return [];
  }
  return ctx.prisma.contactDetails.findMany({ where: { personId: { in: victims } }, select: { addressLine1: true, postcode: true, confidentiality: true } });
}

async function repeatsForCaller(ctx: AuthedContext, personId: string, address: AddressLike, barredOnly: boolean) {
  if (!address.addressLine1 || !address.postcode) return false;
  return repeatsProtectedAddress(address, await linkedProtectedAddresses(ctx, personId, barredOnly));
}

export const contactRouter = router({
  get: authorised("contact:read")
    .input(ZContactGetInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const decision = await contactDecision(ctx, input.personId);
      if (!decision.allowed) {
        await recordAudit(ctx, { action: "people.contact.get", outcome: "denied", entityType: "ContactDetails", entityIds: [input.personId], personIds: [input.personId], reason: `information barrier: ${decision.reason}` });
        // Exactly the answer for a person out of scope: a barred record reads like a missing one.
        throw notFound("Person");
      }
      const row = await ctx.prisma.contactDetails.findUnique({ where: { personId: input.personId }, select: contactSelect });
      const withheld = row ? await repeatsForCaller(ctx, input.personId, row, true) : false;
      const out = row && withheld ? { ...row, ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, null])) } : row;
      const override = decision.reason === "override" ? await ctx.prisma.safeguardingOverride.findUnique({ where: { id: decision.overrideId! }, select: { reason: true } }) : null;
      await recordAudit(ctx, {
        action: "people.contact.get",
        outcome: "success",
        entityType: "ContactDetails",
        entityIds: decision.reason === "override" && decision.overrideId ? [input.personId, decision.overrideId] : [input.personId],
        personIds: [input.personId],
        fields: row ? CONTACT_FIELDS.filter((f) => !withheld || !(ADDRESS_FIELDS as readonly string[]).includes(f)) : [],
        reason: override ? `safeguarding override: ${override.reason}` : withheld ? "address withheld: repeats a protected address" : undefined,
      });
      return out ? { ...out, addressWithheld: withheld ? ADDRESS_WITHHELD : null } : null;
    }),

  update: authorised("contact:write")
    .input(ZContactUpdateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      await refuseBarredWrite(ctx, "people.contact.update", [input.personId]);
      const row = await ctx.prisma.$transaction(async (tx: DbClient) => {
        const existing = await tx.contactDetails.findUnique({ where: { personId: input.personId }, select: { version: true } });
        if (!existing) {
          if (input.version !== 0) throw conflict();
          await tx.contactDetails.create({ data: { personId: input.personId, ...input.patch } });
        } else {
          const { count } = await tx.contactDetails.updateMany({
            where: { personId: input.personId, version: input.version },
            data: { ...input.patch, version: { increment: 1 } },
          });
          if (count === 0) throw conflict();
        }
        await recordAudit(ctx, { action: "people.contact.update", outcome: "success", entityType: "ContactDetails", entityIds: [input.personId], personIds: [input.personId], fields: Object.keys(input.patch) }, tx);
        return tx.contactDetails.findUniqueOrThrow({ where: { personId: input.personId }, select: contactSelect });
      });
      // The person entering it is told why it will be withheld (they are not barred: they just wrote it).
      const repeats = await repeatsForCaller(ctx, input.personId, row, false);
      return { ...row, addressWithheld: repeats ? ADDRESS_WITHHELD : null };
    }),
});
