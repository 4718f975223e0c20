/**
 * Editing a logic model: the operations a reviewer may apply, as zod inputs,
 * and `applyLogicModelEdit`, a pure function from a model and one operation to
 * the next version of the model. An edit that would break the model (a link to
 * a missing node, a backward link, a cycle, a duplicate) is refused with a
 * DomainError naming the field; gaps (an output leading nowhere, an outcome
 * with no indicator) are allowed and listed by `validateLogicModel`.
 *
 * Target and measurement edits do not change the model's nodes or links but
 * still create a new version (so the history says who set a target and why);
 * `applyLogicModelEdit` returns the model unchanged for them.
 */
import { z } from "zod";
import { DomainError } from "../errors.js";
import { ZIsoDate } from "../dates.js";
import { checkMeasureParams } from "./catalogue.js";
import { findLogicModelCycles, logicModelColumnIndex, ZLogicModelColumn, ZLogicModelGroup, type TLogicModel, type TLogicModelNode } from "./logic-model.js";
import { ZTargetDirection, ZTargetValue } from "./targets.js";

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "must not contain control characters" });
/** Node and indicator keys: short, URL-safe. */
export const ZLogicKey = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, - or _");

export const ZIndicatorDraft = z
  .object({
    title: line(500),
    /** A catalogue measure, or null for values entered by hand. */
    measureId: z.string().max(200).nullable(),
    params: z.record(z.string().max(100), z.string().max(200)).optional(),
    unit: line(100).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.measureId === null) return;
    for (const message of checkMeasureParams(d.measureId, d.params ?? {})) ctx.addIssue({ code: "custom", message, path: ["measureId"] });
  });
export type TIndicatorDraft = z.infer<typeof ZIndicatorDraft>;

export const ZTargetDraft = z
  .object({
    /** Replace this target; absent = add a new one. */
    targetId: z.string().min(1).max(64).optional(),
    label: line(500).optional(),
    baseline: z.number().finite().nullable(),
    baselineDate: ZIsoDate,
    direction: ZTargetDirection,
    value: ZTargetValue,
    dueDate: ZIsoDate,
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((t) => t.dueDate > t.baselineDate, { message: "the due date must be after the baseline date", path: ["dueDate"] });
export type TTargetDraft = z.infer<typeof ZTargetDraft>;

export const ZLogicModelEdit = z.discriminatedUnion("op", [
  z
    .object({
      op: z.literal("addNode"),
      node: z.object({ id: ZLogicKey.optional(), column: ZLogicModelColumn, group: ZLogicModelGroup, text: line(2000), heading: line(200).optional() }).strict(),
    })
    .strict(),
  z
    .object({
      op: z.literal("updateNode"),
      nodeId: ZLogicKey,
      patch: z.object({ column: ZLogicModelColumn.optional(), group: ZLogicModelGroup.optional(), text: line(2000).optional(), heading: line(200).nullable().optional() }).strict(),
    })
    .strict(),
  z.object({ op: z.literal("removeNode"), nodeId: ZLogicKey }).strict(),
  z.object({ op: z.literal("addLink"), from: ZLogicKey, to: ZLogicKey }).strict(),
  z.object({ op: z.literal("removeLink"), from: ZLogicKey, to: ZLogicKey }).strict(),
  /** Bind an existing indicator (by id) or a new one (draft) to a node. */
  z
    .object({ op: z.literal("bindIndicator"), nodeId: ZLogicKey, indicatorId: ZLogicKey.optional(), indicator: ZIndicatorDraft.optional() })
    .strict()
    .refine((e) => (e.indicatorId === undefined) !== (e.indicator === undefined), { message: "give either an indicator id or a new indicator", path: ["indicatorId"] }),
  z.object({ op: z.literal("unbindIndicator"), nodeId: ZLogicKey, indicatorId: ZLogicKey }).strict(),
  z.object({ op: z.literal("setTarget"), indicatorId: ZLogicKey, target: ZTargetDraft }).strict(),
  z
    .object({ op: z.literal("recordMeasurement"), indicatorId: ZLogicKey, periodStart: ZIsoDate, periodEnd: ZIsoDate, value: z.number().finite(), note: z.string().max(2000).optional() })
    .strict()
    .refine((m) => m.periodEnd >= m.periodStart, { message: "the period ends before it starts", path: ["periodEnd"] }),
]);
export type TLogicModelEdit = z.infer<typeof ZLogicModelEdit>;

/** Input of `logicModels.edit`: which model, the version the editor saw, why, and what. */
export const ZLogicModelEditInput = z
  .object({
    modelId: z.string().min(1).max(64),
    version: z.number().int().min(0).max(2_147_483_647),
    reason: line(1000),
    edit: ZLogicModelEdit,
  })
  .strict();
export type TLogicModelEditInput = z.infer<typeof ZLogicModelEditInput>;

const invalid = (message: string, path: string) => new DomainError("INVALID_INPUT", message, [{ path: [path], message }]);

/**
 * The model after one edit. `newIndicatorId` is the id to bind for
 * bindIndicator with a new indicator (the caller creates the indicator).
 * Throws INVALID_INPUT (naming the field) or NOT_FOUND for a missing node.
 */
export function applyLogicModelEdit(model: TLogicModel, edit: TLogicModelEdit, options: { newNodeId?: string; newIndicatorId?: string } = {}): TLogicModel {
  const nodes = model.nodes.map((n) => ({ ...n, indicatorIds: [...n.indicatorIds] }));
  let links = model.links.map((l) => ({ ...l }));
  const find = (id: string, field: string): TLogicModelNode => {
    const n = nodes.find((x) => x.id === id);
    if (!n) throw new DomainError("NOT_FOUND", `there is no node "${id}" in this model`, [{ path: [field], message: `there is no node "${id}" in this model` }]);
    return n;
  };
  const checkLinks = () => {
    for (const l of links) {
      const from = nodes.find((n) => n.id === l.from)!;
      const to = nodes.find((n) => n.id === l.to)!;
      if (logicModelColumnIndex(to.column) < logicModelColumnIndex(from.column)) {
        throw invalid(`the link ${l.from} → ${l.to} would go backwards, from ${from.column} to ${to.column}`, "edit");
      }
    }
    const cycles = findLogicModelCycles(nodes.map((n) => n.id), links);
    if (cycles.length > 0) throw invalid(`this would make a cycle: ${cycles[0]!.join(" → ")}`, "edit");
  };

  switch (edit.op) {
    case "addNode": {
      const id = edit.node.id ?? options.newNodeId;
      if (!id) throw invalid("the new node needs an id", "edit.node.id");
      if (nodes.some((n) => n.id === id)) throw invalid(`there is already a node "${id}"`, "edit.node.id");
      const node: TLogicModelNode = { id, column: edit.node.column, group: edit.node.group, text: edit.node.text, indicatorIds: [] };
      if (edit.node.heading !== undefined) node.heading = edit.node.heading;
      nodes.push(node);
      break;
    }
    case "updateNode": {
      const node = find(edit.nodeId, "edit.nodeId");
      const p = edit.patch;
      if (p.column !== undefined) node.column = p.column;
      if (p.group !== undefined) node.group = p.group;
      if (p.text !== undefined) node.text = p.text;
      if (p.heading === null) delete node.heading;
      else if (p.heading !== undefined) node.heading = p.heading;
      checkLinks();
      break;
    }
    case "removeNode": {
      find(edit.nodeId, "edit.nodeId");
      links = links.filter((l) => l.from !== edit.nodeId && l.to !== edit.nodeId);
      return { ...model, nodes: nodes.filter((n) => n.id !== edit.nodeId), links };
    }
    case "addLink": {
      find(edit.from, "edit.from");
      find(edit.to, "edit.to");
      if (links.some((l) => l.from === edit.from && l.to === edit.to)) throw invalid(`the link ${edit.from} → ${edit.to} is already there`, "edit.to");
      if (edit.from === edit.to) throw invalid("a node cannot link to itself", "edit.to");
      links.push({ from: edit.from, to: edit.to });
      checkLinks();
      break;
    }
    case "removeLink": {
      const before = links.length;
      links = links.filter((l) => !(l.from === edit.from && l.to === edit.to));
      if (links.length === before) throw new DomainError("NOT_FOUND", `there is no link ${edit.from} → ${edit.to}`, [{ path: ["edit.to"], message: "no such link" }]);
      break;
    }
    case "bindIndicator": {
      const node = find(edit.nodeId, "edit.nodeId");
      const indicatorId = edit.indicatorId ?? options.newIndicatorId;
      if (!indicatorId) throw invalid("the indicator needs an id", "edit.indicatorId");
      if (node.indicatorIds.includes(indicatorId)) throw invalid(`the indicator "${indicatorId}" is already on this node`, "edit.indicatorId");
      node.indicatorIds.push(indicatorId);
      break;
    }
    case "unbindIndicator": {
      const node = find(edit.nodeId, "edit.nodeId");
      if (!node.indicatorIds.includes(edit.indicatorId)) throw new DomainError("NOT_FOUND", `the indicator "${edit.indicatorId}" is not on this node`, [{ path: ["edit.indicatorId"], message: "not on this node" }]);
      node.indicatorIds = node.indicatorIds.filter((i) => i !== edit.indicatorId);
      break;
    }
    case "setTarget":
    case "recordMeasurement":
      break;
  }
  return { ...model, nodes, links };
}

/** A one-line description of an edit for the version history (the reason is stored beside it). */
export function describeLogicModelEdit(edit: TLogicModelEdit): string {
  switch (edit.op) {
    case "addNode":
      return `added the ${edit.node.column.replace(/s$/, "").replace(/ie$/, "y")} "${edit.node.text}"`;
    case "updateNode":
      return `changed ${Object.keys(edit.patch).join(", ") || "nothing"} of node ${edit.nodeId}`;
    case "removeNode":
      return `removed node ${edit.nodeId}`;
    case "addLink":
      return `linked ${edit.from} → ${edit.to}`;
    case "removeLink":
      return `unlinked ${edit.from} → ${edit.to}`;
    case "bindIndicator":
      return `bound ${edit.indicator ? `a new indicator "${edit.indicator.title}"` : `the indicator ${edit.indicatorId}`} to node ${edit.nodeId}`;
    case "unbindIndicator":
      return `removed the indicator ${edit.indicatorId} from node ${edit.nodeId}`;
    case "setTarget":
      return `${edit.target.targetId ? "changed" : "set"} a target for ${edit.indicatorId}`;
    case "recordMeasurement":
      return `recorded ${edit.value} for ${edit.indicatorId} (${edit.periodStart} to ${edit.periodEnd})`;
  }
}
