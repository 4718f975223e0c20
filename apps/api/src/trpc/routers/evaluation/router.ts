/**
 * Evaluation: outcome and cost-benefit analysis of a programme's cohort
 * against a comparison cohort, on live records. Results are aggregates only
 * (no child is identified), so analysts may run them; saved runs are
 * immutable and keep the chosen children and every input, so they can be
 * re-checked against the records later.
 *
 * Each procedure: input → load (./load.ts) → `evaluate` from @evident/core →
 * save → return.
 */
import {
  BUILT_IN_TARIFF_SETS,
  canonicalJson,
  chooseCostFigure,
  chosenChildIds,
  COMPARISON_RULE_DESCRIPTIONS,
  evaluate,
  ZEvaluationRequest,
  type AnalysisResult,
  type CostFigureUsed,
  type EvaluationOutcome,
} from "@evident/core";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { csvFile, xlsxFile } from "../../../export/writer.js";
import { exportTables } from "./export.js";
import {
  loadAssessments,
  loadCandidateChildren,
  loadHistories,
  loadParticipation,
  loadProgramme,
  loadProgrammeCost,
  loadTariffSet,
} from "./load.js";
import { loadCoreBudgetLines } from "../finance/router.js";

const ENGINE_VERSION = "@evident/core 0.1.0";
const ZId = z.string().uuid();

async function runEvaluation(db: DbClient, request: z.input<typeof ZEvaluationRequest>): Promise<EvaluationOutcome & { programme: { id: string; code: string; name: string } }> {
  const parsed = ZEvaluationRequest.parse(request);
  const programme = await loadProgramme(db, parsed.programmeId);
  const [children, enrolments, assessments, tariffs, programmeCost] = await Promise.all([
    loadCandidateChildren(db),
    loadParticipation(db, programme),
    loadAssessments(db, parsed.from, parsed.to),
    loadTariffSet(db, parsed.tariffSetId),
    // The finance figure the analyst chose (budget or actual, which years), else the programme's recorded costs.
    parsed.programmeCost !== undefined ? undefined : parsed.costFigure ? loadCoreBudgetLines(db, programme.id).then((lines) => chooseCostFigure(lines, parsed.costFigure!)) : loadProgrammeCost(db, programme.id),
  ]);
  // The cohort rules choose the children first; then only their histories are loaded.
  const chosen = chosenChildIds(parsed, children, enrolments, assessments);
  const histories = await loadHistories(db, chosen);
  const outcome = evaluate(parsed, { children, enrolments, assessments, ...histories }, tariffs, programmeCost);
  return { ...outcome, programme: { id: programme.id, code: programme.code, name: programme.name } };
}

const runSelect = { id: true, kind: true, title: true, seed: true, engineVersion: true, createdAt: true, createdById: true, inputs: true } as const;

export const evaluationRouter = router({
  /** What can be chosen: programmes, tariff sets, comparison rules and defaults. */
  options: authorised("evaluation:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const [programmes, tariffSets] = await Promise.all([
        ctx.prisma.programme.findMany({ select: { id: true, code: true, name: true, kind: true, workstream: true }, orderBy: { name: "asc" } }),
        ctx.prisma.tariffSet.findMany({ select: { id: true, name: true, source: true, priceYear: true, builtIn: true }, orderBy: [{ name: "asc" }, { priceYear: "asc" }] }),
      ]);
      const builtIn = Object.values(BUILT_IN_TARIFF_SETS).map((t) => ({ id: t.id, name: t.name, source: t.source, priceYear: t.priceYear, builtIn: true }));
      return { programmes, tariffSets: [...builtIn, ...tariffSets], comparisonRules: COMPARISON_RULE_DESCRIPTIONS, defaults: { windowMonths: 6, tariffSetId: "gmca-2019", seed: 20200301, bootstrapReplicates: 1000 } };
    }),

  /** Runs an analysis without saving it. */
  run: authorised("evaluation:run")
    .input(ZEvaluationRequest)
    .query(async ({ ctx, input }) => {
      const outcome = await runEvaluation(ctx.prisma, input);
      await recordAudit(ctx, { action: "evaluation.run", outcome: "success", entityType: "Programme", entityIds: [outcome.programme.id] });
      return { programme: outcome.programme, request: outcome.request, cohortSizes: outcome.cohortSizes, exclusions: outcome.exclusions, cost: outcome.cost, result: outcome.result };
    }),

  /** Runs and saves an analysis: the saved run is immutable. */
  save: authorised("evaluation:write")
    .input(z.object({ title: z.string().trim().min(3).max(200), request: ZEvaluationRequest }).strict())
    .mutation(async ({ ctx, input }) => {
      const outcome = await runEvaluation(ctx.prisma, input.request);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const run = await tx.analysisRun.create({
          data: {
            kind: "outcomes",
            title: input.title,
            inputs: { request: outcome.request, programme: outcome.programme, cohortSizes: outcome.cohortSizes, exclusions: outcome.exclusions, members: outcome.members, cost: outcome.cost } as object,
            result: outcome.result as unknown as object,
            seed: outcome.request.seed,
            engineVersion: ENGINE_VERSION,
            createdById: ctx.user.id,
            ...(/^[0-9a-f-]{36}$/i.test(outcome.request.tariffSetId) ? { tariffSetId: outcome.request.tariffSetId } : {}),
          },
          select: { id: true, createdAt: true },
        });
        await recordAudit(ctx, { action: "evaluation.save", outcome: "success", entityType: "AnalysisRun", entityIds: [run.id], fields: ["title", "request"] }, tx);
        return { id: run.id, createdAt: run.createdAt.toISOString(), cost: outcome.cost };
      });
    }),

  list: authorised("evaluation:read")
    .input(z.object({ take: z.number().int().min(1).max(200).default(50) }).strict().optional())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.analysisRun.findMany({ select: runSelect, orderBy: { createdAt: "desc" }, take: input?.take ?? 50 });
      await recordAudit(ctx, { action: "evaluation.list", outcome: "success", entityType: "AnalysisRun", entityIds: rows.map((r) => r.id) });
      return rows.map((r) => {
        const inputs = r.inputs as { programme?: { name?: string }; cohortSizes?: unknown; request?: unknown };
        return { id: r.id, title: r.title, kind: r.kind, seed: r.seed, engineVersion: r.engineVersion, createdAt: r.createdAt.toISOString(), programme: inputs.programme ?? null, cohortSizes: inputs.cohortSizes ?? null };
      });
    }),

  get: authorised("evaluation:read")
    .input(z.object({ id: ZId }).strict())
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.analysisRun.findUnique({ where: { id: input.id }, select: { ...runSelect, result: true } });
      if (!row) throw notFound("analysis run");
      await recordAudit(ctx, { action: "evaluation.get", outcome: "success", entityType: "AnalysisRun", entityIds: [row.id] });
      const inputs = row.inputs as { request: unknown; programme: unknown; cohortSizes: unknown; exclusions: unknown; cost?: CostFigureUsed | null };
      return {
        id: row.id,
        title: row.title,
        createdAt: row.createdAt.toISOString(),
        engineVersion: row.engineVersion,
        request: inputs.request,
        programme: inputs.programme,
        cohortSizes: inputs.cohortSizes,
        exclusions: inputs.exclusions,
        /** The programme cost the run used (runs saved before this was recorded: null). */
        cost: inputs.cost ?? null,
        result: row.result as unknown as AnalysisResult,
      };
    }),

  /** Re-runs a saved analysis on today's records and says whether anything changed. */
  verify: authorised("evaluation:run")
    .input(z.object({ id: ZId }).strict())
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.analysisRun.findUnique({ where: { id: input.id }, select: { id: true, inputs: true, result: true } });
      if (!row) throw notFound("analysis run");
      const inputs = row.inputs as { request: z.input<typeof ZEvaluationRequest> };
      const again = await runEvaluation(ctx.prisma, inputs.request);
      const saved = row.result as unknown as AnalysisResult;
      // JSON columns keep about 15 significant digits: compare to 12.
      const same = canonicalJson(again.result, 12) === canonicalJson(saved, 12);
      await recordAudit(ctx, { action: "evaluation.verify", outcome: "success", entityType: "AnalysisRun", entityIds: [row.id] });
      return { id: row.id, reproduced: same, savingThen: saved.saving, savingNow: again.result.saving };
    }),

  /**
   * The run's tables as CSV or XLSX (base64). `published` (default true): for publication, small numbers
   * suppressed; false: the unsuppressed figures, for analysts' own work inside the organisation.
   */
  export: authorised("evaluation:export")
    .input(z.object({ id: ZId, format: z.enum(["csv", "xlsx"]), published: z.boolean().default(true) }).strict())
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.analysisRun.findUnique({ where: { id: input.id }, select: { id: true, title: true, result: true, createdAt: true } });
      if (!row) throw notFound("analysis run");
      const title = row.title ?? "Evident analysis";
      const tables = exportTables(row.result as unknown as AnalysisResult, { published: input.published });
      const stem = `evident-analysis-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}${input.published ? "" : "-unsuppressed"}`;
      await recordAudit(ctx, { action: "evaluation.export", outcome: "success", entityType: "AnalysisRun", entityIds: [row.id], fields: [input.format, input.published ? "published" : "unsuppressed"] });
      if (input.format === "csv") return csvFile(`${stem}.csv`, tables, { titles: true });
      return xlsxFile(`${stem}.xlsx`, title, tables, { titleRow: true });
    }),
});
