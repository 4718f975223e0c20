/**
 * People: get, create, update (optimistic concurrency, field rules per role),
 * and their contact details behind the information barrier, with the
 * safeguarding overrides that managers record to let a named member of staff
 * through for a limited time.
 */
import type { DbClient } from "../../../db.js";
import {
  dateFromIso,
  fieldsFor,
  isoFromDate,
  overrideRequestProblem,
  PERSON_WRITE,
  unpermittedFields,
  ZById,
  ZContactGetInput,
  ZContactUpdateInput,
  ZOverrideCreateInput,
  ZOverrideGranteesInput,
  ZOverrideListInput,
  ZOverrideRevokeInput,
  ZPersonCreateInput,
  ZPersonUpdateInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { familyInScope, personInScope, type AuthedContext } from "../scope.js";
import { contactDecision } from "./barrier.js";

export const personSelect = {
  id: true,
  reference: true,
  kind: true,
  firstName: true,
  lastName: true,
  birthDate: true,
  gender: true,
  ethnicity: true,
  firstLanguage: true,
  interpreterNeeded: true,
  restricted: true,
  version: true,
} as const;

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

function personOut<T extends { birthDate: Date | null }>(row: T) {
  return { ...row, birthDate: isoFromDate(row.birthDate) };
}

function datesIn(patch: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...patch };
  if (typeof patch.birthDate === "string") data.birthDate = dateFromIso(patch.birthDate);
  return data;
}

/** Refuses contact access through the barrier, auditing the denial. */
async function requireContactAccess(ctx: AuthedContext, personId: string, action: string) {
  const decision = await contactDecision(ctx, personId);
  if (!decision.allowed) {
    await recordAudit(ctx, { action, outcome: "denied", entityType: "ContactDetails", entityIds: [personId], personIds: [personId], reason: `information barrier: ${decision.reason}` });
    // The same answer whether or not the person has contact details recorded.
    throw new TRPCError({ code: "FORBIDDEN", message: "Contact details are restricted for you on this record" });
  }
  return decision;
}

const contactRouter = router({
  get: authorised("contact:read")
    .input(ZContactGetInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const decision = await requireContactAccess(ctx, input.personId, "people.contact.get");
      const row = await ctx.prisma.contactDetails.findUnique({ where: { personId: input.personId }, select: contactSelect });
      await recordAudit(ctx, {
        action: "people.contact.get",
        outcome: "success",
        entityType: "ContactDetails",
        entityIds: decision.reason === "override" && decision.overrideId ? [input.personId, decision.overrideId] : [input.personId],
        personIds: [input.personId],
        fields: row ? CONTACT_FIELDS : [],
        reason: decision.reason === "override" ? "safeguarding override" : undefined,
      });
      return row ?? null;
    }),

  update: authorised("contact:write")
    .input(ZContactUpdateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      await requireContactAccess(ctx, input.personId, "people.contact.update");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
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
    }),
});

const overrideSelect = {
  id: true,
  subjectPersonId: true,
  grantedToUserId: true,
  authorisedById: true,
  reason: true,
  expiresAt: true,
  revokedAt: true,
  createdAt: true,
  grantedTo: { select: { name: true } },
  authorisedBy: { select: { name: true } },
} as const;

/** Case roles that may be let through the barrier by an override. */
const GRANTEE_ROLES = ["manager", "practitioner", "dv_worker"] as const;

const overridesRouter = router({
  /** Staff a manager may grant an override to: active case-work accounts other than their own (names and roles only). */
  grantees: authorised("override:write")
    .input(ZOverrideGranteesInput)
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.user.findMany({
        where: { disabled: false, role: { in: [...GRANTEE_ROLES] }, id: { not: ctx.user.id } },
        select: { id: true, name: true, role: true, teamId: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: 500,
      });
      return { items: rows.map((r: { id: string; name: string; role: string; teamId: string | null }) => ({ id: r.id, name: r.name, role: r.role, sameTeam: r.teamId !== null && r.teamId === ctx.user.teamId })) };
    }),

  list: authorised("override:read")
    .input(ZOverrideListInput)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const rows = await ctx.prisma.safeguardingOverride.findMany({ where: { subjectPersonId: input.personId }, select: overrideSelect, orderBy: { createdAt: "desc" }, take: 100 });
      await recordAudit(ctx, { action: "people.overrides.list", outcome: "success", entityType: "SafeguardingOverride", entityIds: rows.map((r: { id: string }) => r.id), personIds: [input.personId] });
      return rows;
    }),

  create: authorised("override:write")
    .input(ZOverrideCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      const problem = overrideRequestProblem({ grantedBy: { userId: ctx.user.id, role: ctx.user.role }, userId: input.userId, reason: input.reason, durationMs: input.minutes * 60_000 });
      if (problem) {
        await recordAudit(ctx, { action: "people.overrides.create", outcome: "denied", entityType: "SafeguardingOverride", entityIds: [input.personId, input.userId], reason: problem });
        throw new TRPCError({ code: "BAD_REQUEST", message: problem });
      }
      const grantee = await ctx.prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, disabled: true } });
      if (!grantee || grantee.disabled) throw notFound("User");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.safeguardingOverride.create({
          data: {
            subjectPersonId: input.personId,
            grantedToUserId: input.userId,
            authorisedById: ctx.user.id,
            createdById: ctx.user.id,
            reason: input.reason,
            expiresAt: new Date(ctx.now.getTime() + input.minutes * 60_000),
          },
          select: overrideSelect,
        });
        await recordAudit(ctx, { action: "people.overrides.create", outcome: "success", entityType: "SafeguardingOverride", entityIds: [row.id, input.userId], personIds: [input.personId], fields: ["reason", "expiresAt"], reason: input.reason }, tx);
        return row;
      });
    }),

  revoke: authorised("override:write")
    .input(ZOverrideRevokeInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.safeguardingOverride.findUnique({ where: { id: input.id }, select: { id: true, subjectPersonId: true } });
      if (!existing) throw notFound("Override");
      await personInScope(ctx, existing.subjectPersonId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.safeguardingOverride.update({ where: { id: input.id }, data: { revokedAt: ctx.now }, select: overrideSelect });
        await recordAudit(ctx, { action: "people.overrides.revoke", outcome: "success", entityType: "SafeguardingOverride", entityIds: [row.id], personIds: [row.subjectPersonId] }, tx);
        return row;
      });
    }),
});

export const peopleRouter = router({
  get: authorised("people:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      await personInScope(ctx, input.id);
      const row = await ctx.prisma.person.findUnique({ where: { id: input.id }, select: personSelect });
      if (!row) throw notFound("Person");
      await recordAudit(ctx, { action: "people.get", outcome: "success", entityType: "Person", entityIds: [row.id], personIds: [row.id], fields: Object.keys(personSelect) });
      return personOut(row);
    }),

  create: authorised("people:write")
    .input(ZPersonCreateInput)
    .mutation(async ({ ctx, input }) => {
      await familyInScope(ctx, input.familyId);
      if (ctx.user.role === "dv_worker") throw forbidden("Domestic-abuse workers cannot add people to a family record");
      const { familyId, familyRole, birthDate, ...person } = input;
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.person.create({ data: { ...person, birthDate: birthDate ? dateFromIso(birthDate) : null }, select: personSelect });
        await tx.familyMember.create({ data: { familyId, personId: row.id, role: familyRole } });
        await recordAudit(ctx, { action: "people.create", outcome: "success", entityType: "Person", entityIds: [row.id, familyId], personIds: [row.id], fields: Object.keys(input) }, tx);
        return personOut(row);
      });
    }),

  update: authorised("people:write")
    .input(ZPersonUpdateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.id);
      const refused = unpermittedFields(input.patch, fieldsFor(PERSON_WRITE, ctx.user.role));
      if (refused.length > 0) {
        await recordAudit(ctx, { action: "people.update", outcome: "denied", entityType: "Person", entityIds: [input.id], personIds: [input.id], fields: refused, reason: "fields not writable by role" });
        throw forbidden(`You cannot change: ${refused.join(", ")}`);
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.person.updateMany({ where: { id: input.id, version: input.version }, data: { ...datesIn(input.patch), version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "people.update", outcome: "success", entityType: "Person", entityIds: [input.id], personIds: [input.id], fields: Object.keys(input.patch) }, tx);
        return personOut(await tx.person.findUniqueOrThrow({ where: { id: input.id }, select: personSelect }));
      });
    }),

  contact: contactRouter,
  overrides: overridesRouter,
});
