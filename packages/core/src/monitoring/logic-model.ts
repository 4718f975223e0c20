/**
 * Logic models as data: nodes in five columns (inputs → activities → outputs →
 * impacts → outcomes), grouped by whom they concern, linked, and bound to
 * indicators. `validateLogicModel` lists the gaps a reviewer should see;
 * `diffLogicModels` describes what changed between two versions.
 */
import { z } from "zod";
import { checkMeasureParams } from "./catalogue.js";
import type { TIndicator, TIndicatorTarget } from "./targets.js";

const id = z.string().min(1).max(200);

export const LOGIC_MODEL_COLUMNS = ["inputs", "activities", "outputs", "impacts", "outcomes"] as const;
export const ZLogicModelColumn = z.enum(LOGIC_MODEL_COLUMNS);
export type TLogicModelColumn = z.infer<typeof ZLogicModelColumn>;

export const LOGIC_MODEL_GROUPS = ["children_young_people", "victims", "perpetrators", "parents_carers", "practice", "system"] as const;
export const ZLogicModelGroup = z.enum(LOGIC_MODEL_GROUPS);
export type TLogicModelGroup = z.infer<typeof ZLogicModelGroup>;

export const ZLogicModelNode = z
  .object({
    id,
    column: ZLogicModelColumn,
    group: ZLogicModelGroup,
    text: z.string().min(1).max(2000),
    /** The sub-heading the node sits under in the source (e.g. "Assessment", "Funding"). */
    heading: z.string().max(200).optional(),
    indicatorIds: z.array(id).max(50),
  })
  .strict();
export type TLogicModelNode = z.infer<typeof ZLogicModelNode>;

export const ZLogicModelLink = z.object({ from: id, to: id }).strict();
export type TLogicModelLink = z.infer<typeof ZLogicModelLink>;

export const ZLogicModel = z
  .object({
    id,
    title: z.string().min(1).max(500),
    workstream: z.string().min(1).max(200),
    nodes: z.array(ZLogicModelNode).max(2000),
    links: z.array(ZLogicModelLink).max(20000),
  })
  .strict();
export type TLogicModel = z.infer<typeof ZLogicModel>;

export const LOGIC_MODEL_ISSUE_CODES = [
  "duplicate_node_id",
  "dangling_link",
  "duplicate_link",
  "backward_link",
  "cycle",
  "empty_column",
  "leads_nowhere",
  "outcome_unsupported",
  "outcome_without_indicator",
  "unknown_indicator",
  "unknown_measure",
  "indicator_without_target",
] as const;
export type TLogicModelIssueCode = (typeof LOGIC_MODEL_ISSUE_CODES)[number];

export interface LogicModelIssue {
  code: TLogicModelIssueCode;
  /** error = the model is broken; warning = a gap in the theory or its measurement. */
  severity: "error" | "warning";
  message: string;
  nodeIds: string[];
  link?: TLogicModelLink;
  indicatorId?: string;
  /** For empty_column: the column that is empty. */
  column?: TLogicModelColumn;
}

/** The position of a column in a logic model, left to right (inputs 0 … outcomes 4). */
export function logicModelColumnIndex(column: TLogicModelColumn): number {
  return LOGIC_MODEL_COLUMNS.indexOf(column);
}

/**
 * The gaps and faults of a model, in this order (and within a check in the
 * model's node/link order):
 * - duplicate_node_id (error): two nodes share an id.
 * - dangling_link (error): a link names a node that does not exist.
 * - duplicate_link (warning): the same from → to twice.
 * - backward_link (error): a link into an earlier column (e.g. outcome → input). Links within a column are allowed.
 * - cycle (error): nodes that lead back to themselves (one issue per cycle, i.e. strongly connected set, incl. self-links).
 * - empty_column (warning): a column with no nodes.
 * - leads_nowhere (warning): an input, activity, output or impact with no outgoing link.
 * - outcome_unsupported (warning): an outcome nothing links to.
 * - outcome_without_indicator (warning): an outcome with no indicator.
 * - unknown_indicator (error): a node names an indicator that is not in `indicators`.
 * - unknown_measure (error): an indicator used by the model is bound to a measure not in the catalogue, or with bad parameters.
 * - indicator_without_target (warning): an indicator used by the model has no target.
 */
export function validateLogicModel(
  model: TLogicModel,
  indicators: readonly TIndicator[],
  targets: readonly TIndicatorTarget[],
): LogicModelIssue[] {
  const issues: LogicModelIssue[] = [];
  const byId = new Map<string, TLogicModelNode>();
  const reported = new Set<string>();
  for (const node of model.nodes) {
    if (byId.has(node.id)) {
      if (!reported.has(node.id)) {
        reported.add(node.id);
        issues.push({ code: "duplicate_node_id", severity: "error", message: `more than one node has the id "${node.id}"`, nodeIds: [node.id] });
      }
    } else byId.set(node.id, node);
  }

  const goodLinks: TLogicModelLink[] = [];
  for (const link of model.links) {
    const missing = [link.from, link.to].filter((x) => !byId.has(x));
    if (missing.length > 0) {
      issues.push({
        code: "dangling_link",
        severity: "error",
        message: `the link ${link.from} → ${link.to} names no such node: ${[...new Set(missing)].join(", ")}`,
        nodeIds: [...new Set(missing)],
        link,
      });
    } else goodLinks.push(link);
  }

  const seenLinks = new Set<string>();
  const uniqueLinks: TLogicModelLink[] = [];
  for (const link of goodLinks) {
    const key = `${link.from}\u0000${link.to}`;
    if (seenLinks.has(key)) {
      issues.push({ code: "duplicate_link", severity: "warning", message: `the link ${link.from} → ${link.to} appears more than once`, nodeIds: [link.from, link.to], link });
    } else {
      seenLinks.add(key);
      uniqueLinks.push(link);
    }
  }

  for (const link of uniqueLinks) {
    const from = byId.get(link.from)!;
    const to = byId.get(link.to)!;
    if (logicModelColumnIndex(to.column) < logicModelColumnIndex(from.column)) {
      issues.push({
        code: "backward_link",
        severity: "error",
        message: `the link ${link.from} → ${link.to} goes backwards, from ${from.column} to ${to.column}`,
        nodeIds: [link.from, link.to],
        link,
      });
    }
  }

  for (const cycle of findLogicModelCycles([...byId.keys()], uniqueLinks)) {
    issues.push({ code: "cycle", severity: "error", message: `these nodes lead back to themselves: ${cycle.join(" → ")}`, nodeIds: cycle });
  }

  for (const column of LOGIC_MODEL_COLUMNS) {
    if (!model.nodes.some((n) => n.column === column)) {
      issues.push({ code: "empty_column", severity: "warning", message: `the model has no ${column}`, nodeIds: [], column });
    }
  }

  const outgoing = new Set(uniqueLinks.map((l) => l.from));
  const incoming = new Set(uniqueLinks.map((l) => l.to));
  for (const node of byId.values()) {
    if (node.column !== "outcomes" && !outgoing.has(node.id)) {
      issues.push({ code: "leads_nowhere", severity: "warning", message: `${singular(node.column)} "${node.text}" leads nowhere`, nodeIds: [node.id] });
    }
  }
  for (const node of byId.values()) {
    if (node.column === "outcomes" && !incoming.has(node.id)) {
      issues.push({ code: "outcome_unsupported", severity: "warning", message: `nothing leads to the outcome "${node.text}"`, nodeIds: [node.id] });
    }
  }
  for (const node of byId.values()) {
    if (node.column === "outcomes" && node.indicatorIds.length === 0) {
      issues.push({ code: "outcome_without_indicator", severity: "warning", message: `the outcome "${node.text}" has no indicator`, nodeIds: [node.id] });
    }
  }

  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const usedBy = new Map<string, string[]>();
  for (const node of byId.values()) {
    for (const indicatorId of new Set(node.indicatorIds)) {
      const list = usedBy.get(indicatorId);
      if (list) list.push(node.id);
      else usedBy.set(indicatorId, [node.id]);
    }
  }
  for (const [indicatorId, nodeIds] of usedBy) {
    const indicator = indicatorById.get(indicatorId);
    if (!indicator) {
      issues.push({ code: "unknown_indicator", severity: "error", message: `there is no indicator "${indicatorId}"`, nodeIds, indicatorId });
      continue;
    }
    if (indicator.measureId !== null) {
      const problems = checkMeasureParams(indicator.measureId, indicator.params ?? {});
      if (problems.length > 0) {
        issues.push({ code: "unknown_measure", severity: "error", message: `indicator "${indicator.title}": ${problems.join("; ")}`, nodeIds, indicatorId });
      }
    }
  }
  const targeted = new Set(targets.map((t) => t.indicatorId));
  for (const [indicatorId, nodeIds] of usedBy) {
    const indicator = indicatorById.get(indicatorId);
    if (indicator && !targeted.has(indicatorId)) {
      issues.push({ code: "indicator_without_target", severity: "warning", message: `the indicator "${indicator.title}" has no target`, nodeIds, indicatorId });
    }
  }

  const order = (code: TLogicModelIssueCode) => LOGIC_MODEL_ISSUE_CODES.indexOf(code);
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => order(a.issue.code) - order(b.issue.code) || a.i - b.i).map((x) => x.issue);
}

function singular(column: TLogicModelColumn): string {
  return { inputs: "the input", activities: "the activity", outputs: "the output", impacts: "the impact", outcomes: "the outcome" }[column];
}

/** Strongly connected sets that form cycles (Tarjan), each in node order; self-links are cycles of one. */
export function findLogicModelCycles(nodeIds: readonly string[], links: readonly TLogicModelLink[]): string[][] {
  const adjacency = new Map<string, string[]>(nodeIds.map((n) => [n, []]));
  for (const l of links) adjacency.get(l.from)?.push(l.to);
  const position = new Map(nodeIds.map((n, i) => [n, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  for (const root of nodeIds) {
    if (index.has(root)) continue;
    // Iterative Tarjan to stay safe on deep graphs.
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = adjacency.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const w = targets[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        const selfLoop = component.length === 1 && (adjacency.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) cycles.push(component.sort((a, b) => position.get(a)! - position.get(b)!));
      }
    }
  }
  return cycles.sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}

// ---------------------------------------------------------------------------
// Versioning
// ---------------------------------------------------------------------------

export interface LogicModelNodeChange {
  id: string;
  /** Which fields differ: column, group, text, heading, indicatorIds. */
  fields: string[];
  before: TLogicModelNode;
  after: TLogicModelNode;
}

export interface LogicModelDiff {
  /** title and/or workstream, when they changed. */
  modelFields: string[];
  nodesAdded: TLogicModelNode[];
  nodesRemoved: TLogicModelNode[];
  nodesChanged: LogicModelNodeChange[];
  linksAdded: TLogicModelLink[];
  linksRemoved: TLogicModelLink[];
  /** True when nothing changed (node and link order are ignored). */
  unchanged: boolean;
}

/** What changed from version `a` to version `b` of a model (nodes matched by id, links by from → to). */
export function diffLogicModels(a: TLogicModel, b: TLogicModel): LogicModelDiff {
  const modelFields = (["title", "workstream"] as const).filter((f) => a[f] !== b[f]);
  const aNodes = new Map(a.nodes.map((n) => [n.id, n]));
  const bNodes = new Map(b.nodes.map((n) => [n.id, n]));
  const nodesAdded = [...bNodes.values()].filter((n) => !aNodes.has(n.id));
  const nodesRemoved = [...aNodes.values()].filter((n) => !bNodes.has(n.id));
  const nodesChanged: LogicModelNodeChange[] = [];
  for (const after of bNodes.values()) {
    const before = aNodes.get(after.id);
    if (!before) continue;
    const fields: string[] = [];
    if (before.column !== after.column) fields.push("column");
    if (before.group !== after.group) fields.push("group");
    if (before.text !== after.text) fields.push("text");
    if ((before.heading ?? "") !== (after.heading ?? "")) fields.push("heading");
    const ia = [...new Set(before.indicatorIds)].sort().join("\u0000");
    const ib = [...new Set(after.indicatorIds)].sort().join("\u0000");
    if (ia !== ib) fields.push("indicatorIds");
    if (fields.length > 0) nodesChanged.push({ id: after.id, fields, before, after });
  }
  const key = (l: TLogicModelLink) => `${l.from}\u0000${l.to}`;
  const aLinks = new Map(a.links.map((l) => [key(l), l]));
  const bLinks = new Map(b.links.map((l) => [key(l), l]));
  const linksAdded = [...bLinks.entries()].filter(([k]) => !aLinks.has(k)).map(([, l]) => l);
  const linksRemoved = [...aLinks.entries()].filter(([k]) => !bLinks.has(k)).map(([, l]) => l);
  return {
    modelFields,
    nodesAdded,
    nodesRemoved,
    nodesChanged,
    linksAdded,
    linksRemoved,
    unchanged:
      modelFields.length + nodesAdded.length + nodesRemoved.length + nodesChanged.length + linksAdded.length + linksRemoved.length === 0,
  };
}
