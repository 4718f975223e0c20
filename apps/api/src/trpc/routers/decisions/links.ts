/**
 * A decision's links to what it rests on or concerns (measures, logic model
 * nodes, indicators, saved analyses, model versions, milestones, other
 * decisions): checked to exist, stored by the key people read (a node's key,
 * an indicator's code), and described by name for the screens so nobody
 * reads an internal id.
 */
import { findMeasure, type TDecisionLink } from "@evident/core";
import { TRPCError } from "@trpc/server";
import type { DbClient } from "../../../db.js";

/** Checks each link names something that exists (measures by catalogue id, nodes by key). */
export async function checkLinks(db: DbClient, links: readonly TDecisionLink[]) {
  for (const [i, l] of links.entries()) {
    const where = { where: { id: l.entityId }, select: { id: true } } as const;
    const exists =
      l.entityType === "Measure"
        ? !!findMeasure(l.entityId)
        : l.entityType === "LogicNode"
          ? (await db.logicNode.count({ where: { key: l.entityId } })) > 0
          : l.entityType === "Indicator"
            ? !!(await db.indicator.findFirst({ where: { OR: [{ id: l.entityId }, { code: l.entityId }] }, select: { id: true } }))
            : l.entityType === "AnalysisRun"
              ? !!(await db.analysisRun.findUnique(where))
              : l.entityType === "LogicModelVersion"
                ? !!(await db.logicModelVersion.findUnique(where))
                : l.entityType === "Milestone"
                  ? !!(await db.milestone.findUnique(where))
                  : !!(await db.decision.findUnique(where));
    if (!exists) throw new TRPCError({ code: "BAD_REQUEST", message: `links.${i}.entityId: there is no ${l.entityType} "${l.entityId}"` });
  }
}

/** Indicator links may name the id or the code; store the code so they read the same everywhere. */
export async function normaliseLinks(db: DbClient, links: readonly TDecisionLink[]) {
  const out: TDecisionLink[] = [];
  for (const l of links) {
    if (l.entityType === "Indicator") {
      const row = await db.indicator.findFirst({ where: { OR: [{ id: l.entityId }, { code: l.entityId }] }, select: { code: true } });
      out.push({ ...l, entityId: row!.code });
    } else out.push(l);
  }
  return [...new Map(out.map((l) => [`${l.entityType}|${l.entityId}`, l])).values()];
}


type Described = { entityType: string; entityId: string };

/** Adds `label` (what the link names, in words) to every link of every decision: one query per kind of link. */
export async function describeLinks<T extends { links: Described[] }>(db: DbClient, decisions: T[]): Promise<(Omit<T, "links"> & { links: (T["links"][number] & { label: string })[] })[]> {
  const ids = (type: string) => [...new Set(decisions.flatMap((d) => d.links.filter((l) => l.entityType === type).map((l) => l.entityId)))];
  const none = Promise.resolve([] as never[]);
  const [nodes, indicators, runs, milestones, others, versions] = await Promise.all([
    ids("LogicNode").length ? db.logicNode.findMany({ where: { key: { in: ids("LogicNode") } }, select: { key: true, text: true }, orderBy: { createdAt: "desc" } }) : none,
    ids("Indicator").length ? db.indicator.findMany({ where: { OR: [{ id: { in: ids("Indicator") } }, { code: { in: ids("Indicator") } }] }, select: { id: true, code: true, name: true } }) : none,
    ids("AnalysisRun").length ? db.analysisRun.findMany({ where: { id: { in: ids("AnalysisRun") } }, select: { id: true, title: true } }) : none,
    ids("Milestone").length ? db.milestone.findMany({ where: { id: { in: ids("Milestone") } }, select: { id: true, title: true } }) : none,
    ids("Decision").length ? db.decision.findMany({ where: { id: { in: ids("Decision") } }, select: { id: true, title: true } }) : none,
    ids("LogicModelVersion").length ? db.logicModelVersion.findMany({ where: { id: { in: ids("LogicModelVersion") } }, select: { id: true, number: true, logicModel: { select: { name: true } } } }) : none,
  ]);
  const label = (l: Described): string => {
    switch (l.entityType) {
      case "Measure":
        return findMeasure(l.entityId)?.title ?? l.entityId;
      case "LogicNode":
        return (nodes as { key: string | null; text: string }[]).find((n) => n.key === l.entityId)?.text ?? "A node no longer in the model";
      case "Indicator": {
        const i = (indicators as { id: string; code: string; name: string }[]).find((x) => x.code === l.entityId || x.id === l.entityId);
        return i ? `${i.code}: ${i.name}` : "An indicator no longer recorded";
      }
      case "AnalysisRun":
        return (runs as { id: string; title: string | null }[]).find((r) => r.id === l.entityId)?.title ?? "Untitled analysis";
      case "Milestone":
        return (milestones as { id: string; title: string }[]).find((m) => m.id === l.entityId)?.title ?? "A milestone";
      case "Decision":
        return (others as { id: string; title: string }[]).find((m) => m.id === l.entityId)?.title ?? "A decision";
      case "LogicModelVersion": {
        const v = (versions as { id: string; number: number; logicModel: { name: string } }[]).find((x) => x.id === l.entityId);
        return v ? `${v.logicModel.name}, version ${v.number}` : "A model version";
      }
      default:
        return l.entityType;
    }
  };
  return decisions.map((d) => ({ ...d, links: d.links.map((l) => ({ ...l, label: label(l) })) }));
}
