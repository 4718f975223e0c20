/**
 * Families: list (caseload- and team-scoped), get, create, update with
 * optimistic concurrency. Contact details never appear here: they live
 * behind the information barrier in `people.contact`.
 */
import type { DbClient } from "../../../db.js";
import { dateFromIso, FAMILY_REFERENCE, fieldsFor, FAMILY_WRITE, isoFromDate, unpermittedFields, ZById, ZFamilyCreateInput, ZFamilyListInput, ZFamilyUpdateInput } from "@evident/core";
import { systemReference } from "../references.js";
import { auditRead, recordAudit } from "../../../audit/audit.js";
import { getFamilyInScope, listFamiliesInScope } from "@evident/db";
import { conflict, forbidden, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyInScope, familyScopeSql } from "../scope.js";
import { allocate, setTeam, workers } from "./allocations.js";

const familySelect = { id: true, reference: true, name: true, teamId: true, openedAt: true, closedAt: true, version: true, updatedAt: true } as const;

type FamilyRow = { openedAt: Date | null; closedAt: Date | null; updatedAt: Date } & Record<string, unknown>;

function familyOut<T extends FamilyRow>(row: T) {
  return { ...row, openedAt: isoFromDate(row.openedAt), closedAt: isoFromDate(row.closedAt), updatedAt: row.updatedAt.toISOString() };
}

function datesIn(patch: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...patch };
  for (const key of ["openedAt", "closedAt"]) {
    if (typeof patch[key] === "string") data[key] = dateFromIso(patch[key] as string);
  }
  return data;
}

export const familiesRouter = router({
  workers,
  allocate,
  setTeam,

  // The two most frequent reads: one prepared SQL statement each (@evident/db hot.ts), audited by group commit.
  list: authorised("families:read")
    .input(ZFamilyListInput)
    .query(async ({ ctx, input }) => {
      const rows = await listFamiliesInScope(ctx.deps.db.raw, familyScopeSql(ctx), { open: input.open, search: input.search, cursor: input.cursor, limit: input.limit });
      const page = rows.slice(0, input.limit);
      await auditRead(ctx, { action: "families.list", outcome: "success", entityType: "Family", entityIds: page.map((f) => f.id), fields: Object.keys(familySelect) });
      return { items: page, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("families:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await getFamilyInScope(ctx.deps.db.raw, familyScopeSql(ctx), input.id);
      if (!row) throw notFound("Family");
      await auditRead(ctx, {
        action: "families.get",
        outcome: "success",
        entityType: "Family",
        entityIds: [row.id],
        personIds: row.people.map((p) => p.id),
        fields: [...Object.keys(familySelect), "members", "allocations"],
      });
      return row;
    }),

  create: authorised("families:write")
    .input(ZFamilyCreateInput)
    .mutation(async ({ ctx, input }) => {
      // Only a manager may place a family in another team.
      if (input.teamId && input.teamId !== ctx.user.teamId && ctx.user.role !== "manager") {
        throw forbidden("Only a manager can open a family in another team");
      }
      const teamId = input.teamId ?? ctx.user.teamId;
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const reference = input.reference ?? (await systemReference(tx.family, FAMILY_REFERENCE));
        const row = await tx.family.create({
          data: { reference, name: input.name, teamId: teamId ?? null, openedAt: input.openedAt ? dateFromIso(input.openedAt) : ctx.now },
          select: familySelect,
        });
        // The creator is allocated as lead worker, so the family stays in their caseload.
        if (ctx.user.staffId) {
          await tx.caseAllocation.create({ data: { familyId: row.id, staffId: ctx.user.staffId, lead: true, fromDate: ctx.now } });
        }
        await recordAudit(ctx, { action: "families.create", outcome: "success", entityType: "Family", entityIds: [row.id], fields: Object.keys(input) }, tx);
        return familyOut(row);
      });
    }),

  update: authorised("families:write")
    .input(ZFamilyUpdateInput)
    .mutation(async ({ ctx, input }) => {
      await familyInScope(ctx, input.id);
      const refused = unpermittedFields(input.patch, fieldsFor(FAMILY_WRITE, ctx.user.role));
      if (refused.length > 0) {
        await recordAudit(ctx, { action: "families.update", outcome: "denied", entityType: "Family", entityIds: [input.id], fields: refused, reason: "fields not writable by role" });
        throw forbidden(`You cannot change: ${refused.join(", ")}`);
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.family.updateMany({ where: { id: input.id, version: input.version }, data: { ...datesIn(input.patch), version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "families.update", outcome: "success", entityType: "Family", entityIds: [input.id], fields: Object.keys(input.patch) }, tx);
        return familyOut(await tx.family.findUniqueOrThrow({ where: { id: input.id }, select: familySelect }));
      });
    }),
});


