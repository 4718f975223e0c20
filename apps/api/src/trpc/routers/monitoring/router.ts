/**
 * Monitoring measures: the catalogue (with each measure's definition text and
 * the report's targets) and a measure computed for a range of periods from the
 * live records, with the indicators bound to it and their targets and status.
 * Aggregate figures only: record ids are not returned, reads are not audited.
 */
import { checkMeasureParams, completedPeriods, computeMeasure, DomainError, findMeasure, indicatorReport, MEASURE_CATALOGUE, MAX_REPORTING_PERIODS, periodsBetween, REPORTING_PERIOD_KINDS, ZIsoDate } from "@evident/core";
import { z } from "zod";
import { authorised, router } from "../../trpc.js";
import { indicatorOf, loadIndicators } from "../logicModels/store.js";
import { cachedWhileUnchanged, loadMonitoringData, MONITORING_TABLES, tableVersions } from "./cache.js";

/** What a figure's indicators and targets are read from (logicModels/store.ts). */
const INDICATOR_TABLES = ["indicator", "target", "measurement"] as const;

const ZComputeInput = z
  .object({
    measureId: z.string().min(1).max(100),
    kind: z.enum(REPORTING_PERIOD_KINDS).optional(),
    from: ZIsoDate,
    to: ZIsoDate,
    params: z.record(z.string().max(100), z.string().max(200)).optional(),
  })
  .strict()
  .refine((i) => i.to >= i.from, { message: "the end is before the start", path: ["to"] });

export const monitoringRouter = router({
  measures: authorised("monitoring:read")
    .input(z.object({}).strict().optional())
    .query(() =>
      MEASURE_CATALOGUE.map((m) => ({
        id: m.id,
        title: m.title,
        source: m.source,
        definition: m.definition,
        unit: m.unit,
        frequency: m.frequency,
        direction: m.direction,
        params: m.params.map((p) => ({ name: p.name, values: [...p.values], required: p.required })),
        reportTargets: m.reportTargets.map((t) => ({ ...t })),
      })),
    ),

  /** A measure per period from the live records; "range" = one figure for the whole range (Table 5). */
  compute: authorised("monitoring:read")
    .input(ZComputeInput)
    .query(async ({ ctx, input }) => {
      const measure = findMeasure(input.measureId);
      if (!measure) throw new DomainError("NOT_FOUND", `measureId: there is no measure "${input.measureId}"`);
      const problems = checkMeasureParams(input.measureId, input.params ?? {});
      if (problems.length > 0) throw new DomainError("INVALID_INPUT", `params: ${problems[0]}`);
      const kind = input.kind ?? (measure.frequency === "weekly" ? "iso_week" : measure.frequency === "quarterly" ? "financial_quarter" : "month");
      const periods = kind === "range" ? periodsBetween("range", input.from, input.to) : completedPeriods(kind, input.from, input.to);
      if (periods.length > MAX_REPORTING_PERIODS) throw new DomainError("INVALID_INPUT", "to: too many periods");
      // The same figure again, with no record it counts and no indicator changed: the result kept from before.
      const tables = [...measure.reads.flatMap((p) => MONITORING_TABLES[p]), ...INDICATOR_TABLES];
      const versions = await tableVersions(ctx.prisma, tables);
      return cachedWhileUnchanged(ctx.prisma, `compute:${JSON.stringify([input.measureId, kind, input.from, input.to, Object.entries(input.params ?? {}).sort()])}`, tables, versions, async () => {
        const db = ctx.prisma;
        const data = await loadMonitoringData(db, measure.reads);
        const values = computeMeasure(input.measureId, data, periods, input.params ?? {});
        // Indicators bound to this measure (same parameters) and their targets, assessed on the range's end.
        const candidates = await db.indicator.findMany({ where: { measureKey: input.measureId }, select: { code: true } });
        const loaded = await loadIndicators(db, candidates.map((c) => c.code));
        const same = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
        const indicators = loaded.rows
          .map(indicatorOf)
          .filter((i) => same(i.params, input.params))
          .map((i) => {
            const report = indicatorReport(i, loaded.targets, data, loaded.manual.get(i.id) ?? [], input.to);
            return { id: i.id, title: i.title, status: report.status, targets: report.targets.map((t) => ({ id: t.targetId, label: t.label, ...t.assessment })) };
          });
        return {
          measure: { id: measure.id, title: measure.title, source: measure.source, definition: measure.definition, unit: measure.unit, direction: measure.direction, reportTargets: measure.reportTargets.map((t) => ({ ...t })) },
          kind,
          values: values.map((v) => ({ period: v.period, value: v.value, numerator: v.numerator ?? null, denominator: v.denominator ?? null, count: v.recordIds.length })),
          indicators,
        };
      });
    }),
});
