/**
 * Assessments (Early Help or CIN): list (family-scoped), get, create, update
 * with optimistic concurrency. Factors are checked against the CIN census code
 * list and the days from allocation to completion are computed against the
 * 25-day target, both in @evident/core.
 */
import type { DbClient } from "../../../db.js";
import { assessmentDateProblems, assessmentTimeliness, dateFromIso, isoFromDate, ZAssessmentCreateInput, ZAssessmentListInput, ZAssessmentUpdateInput, ZById } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyInScope, familyWhere, personInScope, type AuthedContext } from "../scope.js";

const assessmentSelect = {
  id: true,
  childId: true,
  familyId: true,
  staffId: true,
  level: true,
  allocatedAt: true,
  startedAt: true,
  completedAt: true,
  factors: true,
  version: true,
  updatedAt: true,
  child: { select: { firstName: true, lastName: true, restricted: true } },
  family: { select: { name: true, reference: true } },
} as const;

type AssessmentRow = { id: string; childId: string; allocatedAt: Date | null; startedAt: Date; completedAt: Date | null; updatedAt: Date } & Record<string, unknown>;

const todayOf = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);

function assessmentOut<T extends AssessmentRow>(row: T, today: string) {
  const allocatedAt = isoFromDate(row.allocatedAt);
  const completedAt = isoFromDate(row.completedAt);
  return {
    ...row,
    allocatedAt,
    startedAt: isoFromDate(row.startedAt)!,
    completedAt,
    updatedAt: row.updatedAt.toISOString(),
    timeliness: assessmentTimeliness({ allocatedAt, completedAt }, today),
  };
}

/** The assessing worker: the caller, or (for a manager, or within the caller's team) another member of staff. */
async function checkStaff(ctx: AuthedContext, staffId: string) {
  if (staffId === ctx.user.staffId) return;
  const staff = await ctx.prisma.staff.findUnique({ where: { id: staffId }, select: { id: true, teamId: true } });
  if (!staff) throw notFound("Member of staff");
  if (ctx.user.role !== "manager" && (!ctx.user.teamId || staff.teamId !== ctx.user.teamId)) throw forbidden("Only a manager can allocate an assessment outside their team");
}

function refuseDates(problems: { path: string; message: string }[]) {
  if (problems.length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: `${problems[0]!.path}: ${problems[0]!.message}` });
}

export const assessmentsRouter = router({
  list: authorised("assessments:read")
    .input(ZAssessmentListInput)
    .query(async ({ ctx, input }) => {
      if (input.familyId) await familyInScope(ctx, input.familyId);
      const where = {
        AND: [
          { family: familyWhere(ctx) },
          input.familyId ? { familyId: input.familyId } : {},
          input.childId ? { childId: input.childId } : {},
          input.level ? { level: input.level } : {},
          input.open === undefined ? {} : input.open ? { completedAt: null } : { completedAt: { not: null } },
        ],
      };
      const rows = await ctx.prisma.assessment.findMany({
        where,
        select: assessmentSelect,
        // Completed: most recent first; in progress: longest since allocation first (so overdue first across pages).
        // The id breaks ties, so the cursor pages are stable.
        orderBy:
          input.open === false
            ? [{ completedAt: "desc" as const }, { id: "asc" as const }]
            : input.open === true
              ? [{ allocatedAt: { sort: "asc" as const, nulls: "last" as const } }, { id: "asc" as const }]
              : { id: "asc" as const },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      // The total matching (not only this page), so a long list can be paged through with its size shown.
      const total = await ctx.prisma.assessment.count({ where });
      await recordAudit(ctx, { action: "assessments.list", outcome: "success", entityType: "Assessment", entityIds: page.map((r) => r.id), personIds: page.map((r) => r.childId), fields: Object.keys(assessmentSelect) });
      const today = todayOf(ctx);
      return { items: page.map((r) => assessmentOut(r, today)), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null, total };
    }),

  get: authorised("assessments:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.assessment.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: assessmentSelect });
      if (!row) throw notFound("Assessment");
      await recordAudit(ctx, { action: "assessments.get", outcome: "success", entityType: "Assessment", entityIds: [row.id], personIds: [row.childId], fields: Object.keys(assessmentSelect) });
      return assessmentOut(row, todayOf(ctx));
    }),

  create: authorised("assessments:write")
    .input(ZAssessmentCreateInput)
    .mutation(async ({ ctx, input }) => {
      await familyInScope(ctx, input.familyId);
      await personInScope(ctx, input.childId);
      const member = await ctx.prisma.familyMember.findFirst({ where: { familyId: input.familyId, personId: input.childId }, select: { person: { select: { kind: true } } } });
      if (!member) throw notFound("Child in this family");
      if (member.person.kind !== "child") throw new TRPCError({ code: "BAD_REQUEST", message: "Assessments are recorded for children" });
      const staffId = input.staffId ?? ctx.user.staffId;
      if (staffId) await checkStaff(ctx, staffId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.assessment.create({
          data: {
            childId: input.childId,
            familyId: input.familyId,
            staffId: staffId ?? null,
            level: input.level,
            allocatedAt: input.allocatedAt ? dateFromIso(input.allocatedAt) : null,
            startedAt: dateFromIso(input.startedAt),
            completedAt: input.completedAt ? dateFromIso(input.completedAt) : null,
            factors: input.factors,
          },
          select: assessmentSelect,
        });
        await recordAudit(ctx, { action: "assessments.create", outcome: "success", entityType: "Assessment", entityIds: [row.id, input.familyId], personIds: [input.childId], fields: Object.keys(input) }, tx);
        return assessmentOut(row, todayOf(ctx));
      });
    }),

  update: authorised("assessments:write")
    .input(ZAssessmentUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.assessment.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: assessmentSelect });
      if (!existing) throw notFound("Assessment");
      const p = input.patch;
      if (p.staffId) await checkStaff(ctx, p.staffId);
      const merged = {
        allocatedAt: p.allocatedAt !== undefined ? p.allocatedAt : isoFromDate(existing.allocatedAt),
        startedAt: p.startedAt ?? isoFromDate(existing.startedAt)!,
        completedAt: p.completedAt !== undefined ? p.completedAt : isoFromDate(existing.completedAt),
      };
      refuseDates(assessmentDateProblems(merged));
      const data: Record<string, unknown> = { ...p, version: { increment: 1 } };
      for (const key of ["allocatedAt", "completedAt"] as const) if (p[key] !== undefined) data[key] = p[key] === null ? null : dateFromIso(p[key]!);
      if (p.startedAt) data.startedAt = dateFromIso(p.startedAt);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.assessment.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "assessments.update", outcome: "success", entityType: "Assessment", entityIds: [input.id], personIds: [existing.childId], fields: Object.keys(p) }, tx);
        return assessmentOut(await tx.assessment.findUniqueOrThrow({ where: { id: input.id }, select: assessmentSelect }), todayOf(ctx));
      });
    }),
});
