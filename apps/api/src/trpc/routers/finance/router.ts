/**
 * Programme finance: budget and actual cost lines per programme
 * (workstream), financial year and line; totals and cost per participant and
 * per completed participant (@evident/core `financeTotals`, `unitCosts`).
 * No personal data: participants are counted, never listed. Money crosses
 * the API as whole pence (numbers); the database keeps BigInt.
 *
 * Each procedure: input → load → core function → save → return.
 */
import {
  BUDGET_CATEGORY_LABEL,
  checkLine,
  financeTotals,
  unitCosts,
  yearsLabel,
  ZBudgetLineCreateInput,
  ZBudgetLineDeleteInput,
  ZBudgetLineUpdateInput,
  ZFinanceSummaryInput,
  type BudgetLine,
  type TBudgetCategory,
  type YearRange,
} from "@evident/core";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";

const lineSelect = { id: true, programmeId: true, fromYear: true, toYear: true, category: true, description: true, fte: true, budgetPence: true, actualPence: true, source: true, version: true, updatedAt: true } as const;

type LineRow = { id: string; programmeId: string; fromYear: number; toYear: number; category: string; description: string; fte: number | null; budgetPence: bigint | null; actualPence: bigint | null; source: string | null; version: number; updatedAt: Date };

const penceOf = (v: bigint | null) => (v === null ? null : Number(v));
const lineOut = (r: LineRow) => ({
  ...r,
  category: r.category as TBudgetCategory,
  categoryLabel: BUDGET_CATEGORY_LABEL[r.category as TBudgetCategory] ?? r.category,
  years: yearsLabel(r.fromYear, r.toYear),
  budgetPence: penceOf(r.budgetPence),
  actualPence: penceOf(r.actualPence),
  updatedAt: r.updatedAt.toISOString(),
});
const coreLine = (r: LineRow): BudgetLine => ({ id: r.id, fromYear: r.fromYear, toYear: r.toYear, category: r.category as TBudgetCategory, description: r.description, fte: r.fte, budgetPence: penceOf(r.budgetPence), actualPence: penceOf(r.actualPence) });

export async function loadBudgetLines(db: DbClient, programmeId: string): Promise<LineRow[]> {
  return (await db.programmeBudgetLine.findMany({ where: { programmeId }, select: lineSelect, orderBy: [{ fromYear: "asc" }, { category: "asc" }, { description: "asc" }, { id: "asc" }] })) as LineRow[];
}

/** Core lines of a programme (for the evaluation's cost figure). */
export async function loadCoreBudgetLines(db: DbClient, programmeId: string): Promise<BudgetLine[]> {
  return (await loadBudgetLines(db, programmeId)).map(coreLine);
}

/** First and last day of financial years fromYear..toYear. */
const rangeDates = (r: YearRange) => ({ gte: new Date(Date.UTC(r.fromYear, 3, 1)), lt: new Date(Date.UTC(r.toYear + 1, 3, 1)) });

/** People who started the programme (and completed it), in the years when given. Counts only. */
async function countParticipants(db: DbClient, programme: { id: string; kind: string }, range: YearRange | null) {
  if (programme.kind === "hub") {
    const where = { programmeId: programme.id, ...(range ? { startDate: rangeDates(range) } : {}) };
    const [participants, completed] = await Promise.all([db.hubCase.count({ where }), db.hubCase.count({ where: { ...where, status: { in: ["closed", "stepped_down"] } } })]);
    return { participants, completed, rule: "Hub cases opened in the years shown; completed = closed or stepped down." };
  }
  const where = { programmeId: programme.id, startedAt: range ? rangeDates(range) : { not: null } };
  const [participants, completed] = await Promise.all([db.enrolment.count({ where }), db.enrolment.count({ where: { ...where, status: "completed" } })]);
  return { participants, completed, rule: "Enrolments that started in the years shown; completed = met the completion rule." };
}

async function loadProgramme(db: DbClient, id: string) {
  const p = await db.programme.findUnique({ where: { id }, select: { id: true, code: true, name: true, kind: true, workstream: true } });
  if (!p) throw notFound("Programme");
  return p;
}

const linesRouter = router({
  create: authorised("finance:write")
    .input(ZBudgetLineCreateInput)
    .mutation(async ({ ctx, input }) => {
      await loadProgramme(ctx.prisma, input.programmeId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = (await tx.programmeBudgetLine.create({
          data: {
            programmeId: input.programmeId,
            fromYear: input.fromYear,
            toYear: input.toYear,
            category: input.category,
            description: input.description,
            fte: input.fte ?? null,
            budgetPence: input.budgetPence == null ? null : BigInt(input.budgetPence),
            actualPence: input.actualPence == null ? null : BigInt(input.actualPence),
            source: input.source ?? null,
          },
          select: lineSelect,
        })) as LineRow;
        await recordAudit(ctx, { action: "finance.lines.create", outcome: "success", entityType: "ProgrammeBudgetLine", entityIds: [row.id, input.programmeId], fields: Object.keys(input) }, tx);
        return lineOut(row);
      });
    }),

  update: authorised("finance:write")
    .input(ZBudgetLineUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = (await ctx.prisma.programmeBudgetLine.findUnique({ where: { id: input.id }, select: lineSelect })) as LineRow | null;
      if (!existing) throw notFound("Budget line");
      const p = input.patch;
      const next = coreLine(existing);
      if (p.fromYear !== undefined) next.fromYear = p.fromYear;
      if (p.toYear !== undefined) next.toYear = p.toYear;
      if (p.fte !== undefined) next.fte = p.fte;
      if (p.budgetPence !== undefined) next.budgetPence = p.budgetPence;
      if (p.actualPence !== undefined) next.actualPence = p.actualPence;
      checkLine(next);
      const data: Record<string, unknown> = { version: { increment: 1 } };
      for (const k of ["fromYear", "toYear", "category", "description", "fte", "source"] as const) if (p[k] !== undefined) data[k] = p[k];
      if (p.budgetPence !== undefined) data.budgetPence = p.budgetPence === null ? null : BigInt(p.budgetPence);
      if (p.actualPence !== undefined) data.actualPence = p.actualPence === null ? null : BigInt(p.actualPence);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.programmeBudgetLine.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "finance.lines.update", outcome: "success", entityType: "ProgrammeBudgetLine", entityIds: [input.id, existing.programmeId], fields: Object.keys(p) }, tx);
        return lineOut((await tx.programmeBudgetLine.findUniqueOrThrow({ where: { id: input.id }, select: lineSelect })) as LineRow);
      });
    }),

  delete: authorised("finance:write")
    .input(ZBudgetLineDeleteInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.programmeBudgetLine.findUnique({ where: { id: input.id }, select: { id: true, programmeId: true } });
      if (!existing) throw notFound("Budget line");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.programmeBudgetLine.deleteMany({ where: { id: input.id, version: input.version } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "finance.lines.delete", outcome: "success", entityType: "ProgrammeBudgetLine", entityIds: [input.id, existing.programmeId] }, tx);
        return { id: input.id, deleted: true };
      });
    }),
});

export const financeRouter = router({
  /** Programmes with their budget and actual totals (all years). */
  programmes: authorised("finance:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const [programmes, lines] = await Promise.all([
        ctx.prisma.programme.findMany({ select: { id: true, code: true, name: true, kind: true, workstream: true }, orderBy: { name: "asc" } }),
        ctx.prisma.programmeBudgetLine.findMany({ select: lineSelect }) as Promise<LineRow[]>,
      ]);
      return programmes.map((p) => {
        const t = financeTotals(lines.filter((l) => l.programmeId === p.id).map(coreLine));
        return { ...p, lineCount: t.lineCount, budgetPence: t.budgetPence, actualPence: t.actualPence, years: t.byYears.map((y) => y.label) };
      });
    }),

  /** A programme's lines, totals (optionally for a range of financial years) and cost per participant. */
  summary: authorised("finance:read")
    .input(ZFinanceSummaryInput)
    .query(async ({ ctx, input }) => {
      const programme = await loadProgramme(ctx.prisma, input.programmeId);
      const range = input.fromYear === undefined ? null : { fromYear: input.fromYear, toYear: input.toYear! };
      const [rows, counts] = await Promise.all([loadBudgetLines(ctx.prisma, programme.id), countParticipants(ctx.prisma, programme, range)]);
      const totals = financeTotals(rows.map(coreLine), range);
      const cost = (pence: number | null) => (pence === null ? null : unitCosts(pence, counts.participants, counts.completed));
      return {
        programme,
        range: range ? { ...range, label: yearsLabel(range.fromYear, range.toYear) } : null,
        // Lines of the chosen years; lines that also span other years are listed but not counted.
        lines: rows
          .filter((r) => !range || (r.toYear >= range.fromYear && r.fromYear <= range.toYear))
          .map((r) => ({ ...lineOut(r), counted: !range || (r.fromYear >= range.fromYear && r.toYear <= range.toYear) })),
        totals,
        participants: counts,
        unitCosts: { budget: totals.budgetPence > 0 ? cost(totals.budgetPence) : null, actual: cost(totals.actualPence) },
      };
    }),

  lines: linesRouter,
});
