/**
 * People: get, create, update (optimistic concurrency, field rules per role;
 * refused to staff barred from the person), and the sub-routers for their
 * contact details behind the information barrier (`contact.ts`), the
 * victim–perpetrator links the barrier rests on (`links.ts`) and the
 * safeguarding overrides managers record (`overrides.ts`).
 */
import type { DbClient } from "../../../db.js";
import {
  dateFromIso,
  fieldsFor,
  isoFromDate,
  PERSON_WRITE,
  personCreateProblem,
  unpermittedFields,
  ZById,
  ZPersonCreateInput,
  ZPersonUpdateInput,
  PERSON_REFERENCE,
} from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { authorised, router } from "../../trpc.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { familyInScope, personInScope } from "../scope.js";
import { systemReference } from "../references.js";
import { refuseBarredWrite } from "./barrier.js";
import { contactRouter } from "./contact.js";
import { linksRouter } from "./links.js";
import { overridesRouter } from "./overrides.js";

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

function personOut<T extends { birthDate: Date | null }>(row: T) {
  return { ...row, birthDate: isoFromDate(row.birthDate) };
}

function datesIn(patch: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...patch };
  if (typeof patch.birthDate === "string") data.birthDate = dateFromIso(patch.birthDate);
  return data;
}

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
      const problem = personCreateProblem(ctx.user.role, input);
      if (problem) throw forbidden(problem);
      const { familyId, familyRole, birthDate, ...person } = input;
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const reference = person.reference ?? (await systemReference(tx.person, PERSON_REFERENCE));
        const row = await tx.person.create({ data: { ...person, reference, birthDate: birthDate ? dateFromIso(birthDate) : null }, select: personSelect });
        await tx.familyMember.create({ data: { familyId, personId: row.id, role: familyRole } });
        await recordAudit(ctx, { action: "people.create", outcome: "success", entityType: "Person", entityIds: [row.id, familyId], personIds: [row.id], fields: Object.keys(input) }, tx);
        return personOut(row);
      });
    }),

  update: authorised("people:write")
    .input(ZPersonUpdateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.id);
      await refuseBarredWrite(ctx, "people.update", [input.id]);
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
  links: linksRouter,
  overrides: overridesRouter,
});
