/**
 * Logic models in the database ↔ @evident/core's TLogicModel. A model version
 * is a full snapshot: its nodes (with a stable `key` across versions and the
 * indicator codes bound to them) and links. Indicators, targets and hand-entered
 * measurements are shared across versions and keyed by the indicator's code.
 */
import {
  findMeasure,
  indicatorReport,
  isoFromDate,
  LOGIC_MODEL_GROUPS,
  validateLogicModel,
  type IndicatorReport,
  type TIndicator,
  type TIndicatorMeasurement,
  type TIndicatorTarget,
  type TLogicModel,
  type TLogicModelGroup,
  type TMonitoringData,
} from "@evident/core";
import type { DbClient } from "../../../db.js";
import { notFound } from "../../errors.js";
import { loadMonitoringData } from "../monitoring/cache.js";

const groupOf = (g: string | null): TLogicModelGroup => ((LOGIC_MODEL_GROUPS as readonly string[]).includes(g ?? "") ? (g as TLogicModelGroup) : "system");

export interface StoredModel {
  row: { id: string; name: string; description: string | null; workstream: string | null; programmeId: string | null; version: number };
  versionRow: { id: string; number: number; notes: string | null; change: string | null; createdAt: Date; createdById: string | null };
  model: TLogicModel;
}

/** The model at a version number (latest when absent); NOT_FOUND when either is missing. */
export async function loadModel(db: DbClient, modelId: string, number?: number): Promise<StoredModel> {
  const row = await db.logicModel.findUnique({ where: { id: modelId }, select: { id: true, name: true, description: true, workstream: true, programmeId: true, version: true } });
  if (!row) throw notFound("Logic model");
  const versionRow = await db.logicModelVersion.findFirst({
    where: { logicModelId: modelId, ...(number !== undefined ? { number } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, notes: true, change: true, createdAt: true, createdById: true },
  });
  if (!versionRow) throw notFound("Logic model version");
  const nodes = await db.logicNode.findMany({ where: { versionId: versionRow.id }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, key: true, column: true, group: true, text: true, heading: true, indicatorCodes: true } });
  const links = await db.logicLink.findMany({ where: { versionId: versionRow.id }, orderBy: { id: "asc" }, select: { fromNodeId: true, toNodeId: true } });
  const keyOf = new Map(nodes.map((n) => [n.id, n.key ?? n.id]));
  const model: TLogicModel = {
    id: row.id,
    title: row.name,
    workstream: row.workstream ?? row.description ?? "",
    nodes: nodes.map((n) => ({ id: n.key ?? n.id, column: n.column, group: groupOf(n.group), text: n.text, ...(n.heading ? { heading: n.heading } : {}), indicatorIds: n.indicatorCodes })),
    links: links.map((l) => ({ from: keyOf.get(l.fromNodeId)!, to: keyOf.get(l.toNodeId)! })),
  };
  return { row, versionRow, model };
}

/** Writes `model` as version `number` of the model (nodes and links), marking the previous version superseded. */
export async function writeVersion(tx: DbClient, modelId: string, number: number, model: TLogicModel, meta: { reason: string; change: string; userId: string; at: Date }) {
  await tx.logicModelVersion.updateMany({ where: { logicModelId: modelId, status: "published" }, data: { status: "superseded" } });
  const version = await tx.logicModelVersion.create({
    data: { logicModelId: modelId, number, status: "published", publishedAt: meta.at, notes: meta.reason, change: meta.change, createdById: meta.userId },
    select: { id: true },
  });
  const rowIds = new Map<string, string>();
  const nodes = model.nodes.map((n, i) => {
    const id = crypto.randomUUID();
    rowIds.set(n.id, id);
    return { id, versionId: version.id, key: n.id, column: n.column, group: n.group, text: n.text, heading: n.heading ?? null, indicatorCodes: n.indicatorIds, position: i };
  });
  await tx.logicNode.createMany({ data: nodes });
  if (model.links.length > 0) await tx.logicLink.createMany({ data: model.links.map((l) => ({ versionId: version.id, fromNodeId: rowIds.get(l.from)!, toNodeId: rowIds.get(l.to)! })) });
  return version.id;
}

const indicatorSelect = { id: true, code: true, name: true, definition: true, unit: true, frequency: true, measureKey: true, params: true } as const;
type IndicatorRow = { id: string; code: string; name: string; definition: string; unit: string; frequency: string; measureKey: string | null; params: unknown };

export function indicatorOf(r: IndicatorRow): TIndicator {
  const params = r.params && typeof r.params === "object" && !Array.isArray(r.params) ? Object.fromEntries(Object.entries(r.params as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : undefined;
  return { id: r.code, title: r.name, measureId: r.measureKey, ...(params && Object.keys(params).length > 0 ? { params } : {}), ...(r.unit ? { unit: r.unit } : {}) };
}

type TargetRow = { id: string; indicatorId: string; value: number; valueKind: string; baseline: number | null; comparator: string; fromDate: Date | null; dueDate: Date | null; label: string | null; source: string | null; version: number; createdAt: Date };
const targetSelect = { id: true, indicatorId: true, value: true, valueKind: true, baseline: true, comparator: true, fromDate: true, dueDate: true, label: true, source: true, version: true, createdAt: true } as const;

/** A stored target as core's; null when it has no due date (the report's undated aims), which cannot be assessed. */
export function targetOf(r: TargetRow, code: string): TIndicatorTarget | null {
  if (!r.dueDate) return null;
  const baselineDate = isoFromDate(r.fromDate ?? r.createdAt)!;
  const dueDate = isoFromDate(r.dueDate)!;
  if (dueDate <= baselineDate) return null;
  return {
    id: r.id,
    indicatorId: code,
    ...(r.label ? { label: r.label } : {}),
    baseline: r.baseline,
    baselineDate,
    direction: r.comparator === "lte" ? "lower_is_better" : "higher_is_better",
    value: r.valueKind === "relative" ? { kind: "relative", change: r.value } : { kind: "absolute", value: r.value },
    dueDate,
    ...(r.source ? { note: r.source } : {}),
  };
}

export interface LoadedIndicators {
  rows: IndicatorRow[];
  indicators: TIndicator[];
  targets: TIndicatorTarget[];
  targetRows: TargetRow[];
  manual: Map<string, TIndicatorMeasurement[]>;
}

export async function loadIndicators(db: DbClient, codes: readonly string[]): Promise<LoadedIndicators> {
  const rows = await db.indicator.findMany({ where: { code: { in: [...new Set(codes)] } }, select: indicatorSelect, orderBy: { code: "asc" } });
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const targetRows = await db.target.findMany({ where: { indicatorId: { in: rows.map((r) => r.id) } }, select: targetSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const measurements = await db.measurement.findMany({ where: { indicatorId: { in: rows.map((r) => r.id) } }, select: { indicatorId: true, periodEnd: true, value: true, notes: true }, orderBy: { periodEnd: "asc" } });
  const manual = new Map<string, TIndicatorMeasurement[]>();
  for (const m of measurements) {
    const code = codeOf.get(m.indicatorId)!;
    const list = manual.get(code) ?? [];
    list.push({ date: isoFromDate(m.periodEnd)!, value: m.value, ...(m.notes ? { label: m.notes.slice(0, 200) } : {}) });
    manual.set(code, list);
  }
  return {
    rows,
    indicators: rows.map(indicatorOf),
    targets: targetRows.map((t) => targetOf(t, codeOf.get(t.indicatorId)!)).filter((t): t is TIndicatorTarget => t !== null),
    targetRows,
    manual,
  };
}

/** Monitoring data for the measures the indicators use (only the parts they read). */
export async function loadDataFor(db: DbClient, indicators: readonly TIndicator[]): Promise<TMonitoringData> {
  const parts = new Set(indicators.flatMap((i) => (i.measureId ? (findMeasure(i.measureId)?.reads ?? []) : [])));
  return loadMonitoringData(db, [...parts]);
}

export interface ModelView {
  indicators: (TIndicator & { rowId: string; definition: string; frequency: string; report: IndicatorReport; targetRows: TargetRow[] })[];
  issues: ReturnType<typeof validateLogicModel>;
}

/** Indicators of a model with their live status on `asOf`, and the model's validation. */
export async function viewModel(db: DbClient, model: TLogicModel, asOf: string): Promise<ModelView> {
  const codes = model.nodes.flatMap((n) => n.indicatorIds);
  const loaded = await loadIndicators(db, codes);
  const data = await loadDataFor(db, loaded.indicators);
  const issues = validateLogicModel(model, loaded.indicators, loaded.targets);
  const indicators = loaded.rows.map((r, i) => {
    const indicator = loaded.indicators[i]!;
    const report = indicatorReport(indicator, loaded.targets, data, loaded.manual.get(r.code) ?? [], asOf);
    return { ...indicator, rowId: r.id, definition: r.definition, frequency: r.frequency, report, targetRows: loaded.targetRows.filter((t) => t.indicatorId === r.id) };
  });
  return { indicators, issues };
}
