/**
 * Rows for the report's three logic models (Appendix 1), their indicators and
 * targets, node for node from @evident/core's REPORT_LOGIC_MODELS, as version 1
 * of each model. Used by the demo seed and by the API's tests.
 */
import { findMeasure, REPORT_INDICATORS, REPORT_LOGIC_MODELS, REPORT_TARGETS } from "@evident/core";
import type { Prisma } from "../generated/prisma/client.js";

export interface LogicModelSeedOptions {
  id: () => string;
  createdById: string | null;
  /** Programme ids by workstream ("DAARR", "Innovation Hub"). */
  programmeByWorkstream?: Record<string, string | undefined>;
  publishedAt?: Date;
}

export interface LogicModelSeedRows {
  logicModel: Prisma.LogicModelCreateManyInput[];
  logicModelVersion: Prisma.LogicModelVersionCreateManyInput[];
  logicNode: Prisma.LogicNodeCreateManyInput[];
  logicLink: Prisma.LogicLinkCreateManyInput[];
  indicator: Prisma.IndicatorCreateManyInput[];
  target: Prisma.TargetCreateManyInput[];
  /** Core model id → LogicModel row id. */
  modelIds: Map<string, string>;
  indicatorIds: Map<string, string>;
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export function reportLogicModelRows(opts: LogicModelSeedOptions): LogicModelSeedRows {
  const out: LogicModelSeedRows = { logicModel: [], logicModelVersion: [], logicNode: [], logicLink: [], indicator: [], target: [], modelIds: new Map(), indicatorIds: new Map() };
  for (const m of REPORT_LOGIC_MODELS) {
    const lmId = opts.id();
    const vId = opts.id();
    out.modelIds.set(m.id, lmId);
    out.logicModel.push({ id: lmId, name: m.title, description: `Report Appendix 1 (${m.id})`, workstream: m.workstream, programmeId: opts.programmeByWorkstream?.[m.workstream] ?? null });
    out.logicModelVersion.push({
      id: vId,
      logicModelId: lmId,
      number: 1,
      status: "published",
      publishedAt: opts.publishedAt ?? day("2018-08-31"),
      notes: "Co-developed with the evaluators, phase 1 (May-August 2018); taken node for node from the report's Appendix 1",
      change: "imported the report's model",
      createdById: opts.createdById,
    });
    const rowIds = new Map<string, string>();
    m.nodes.forEach((n, i) => {
      const nid = opts.id();
      rowIds.set(n.id, nid);
      out.logicNode.push({ id: nid, versionId: vId, key: n.id, column: n.column, group: n.group, text: n.text, heading: n.heading ?? null, indicatorCodes: n.indicatorIds, position: i });
    });
    for (const l of m.links) out.logicLink.push({ id: opts.id(), versionId: vId, fromNodeId: rowIds.get(l.from)!, toNodeId: rowIds.get(l.to)! });
  }
  for (const ind of REPORT_INDICATORS) {
    const iid = opts.id();
    out.indicatorIds.set(ind.id, iid);
    const measure = ind.measureId ? findMeasure(ind.measureId) : undefined;
    out.indicator.push({
      id: iid,
      code: ind.id,
      name: ind.title,
      definition: measure?.definition ?? "Entered by hand each period.",
      unit: ind.unit ?? "",
      direction: measure?.direction === "lower_is_better" ? "decrease" : measure?.direction === "higher_is_better" ? "increase" : "maintain",
      frequency: measure?.frequency ?? "annual",
      measureKey: ind.measureId,
      params: ind.params ?? undefined,
    });
  }
  for (const t of REPORT_TARGETS) {
    out.target.push({
      id: opts.id(),
      indicatorId: out.indicatorIds.get(t.indicatorId)!,
      value: t.value.kind === "absolute" ? t.value.value : t.value.change,
      valueKind: t.value.kind,
      baseline: t.baseline,
      comparator: t.direction === "lower_is_better" ? "lte" : "gte",
      fromDate: day(t.baselineDate),
      dueDate: day(t.dueDate),
      label: t.label ?? null,
      source: t.note ?? null,
    });
  }
  return out;
}
