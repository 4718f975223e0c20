/**
 * Logic models: list, one version with its indicators' live status and the
 * validation result, the version history, a diff between two versions, and
 * edits. Every edit (node, link, indicator binding, target, hand-entered
 * value) makes a new version with who, when and why, under optimistic
 * concurrency on the model's version number (stale → CONFLICT).
 * No personal data: reads are not audited; every write is.
 */
import {
  applyLogicModelEdit,
  describeLogicModelEdit,
  diffLogicModels,
  findMeasure,
  ZIsoDate,
  ZLogicModelEditInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { loadModel, viewModel, writeVersion } from "./store.js";

const ZModelId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");
const ZVersionNumber = z.number().int().min(1).max(1_000_000);
const todayOf = (now: Date) => now.toISOString().slice(0, 10);
const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

async function nodeDecisions(db: DbClient, keys: readonly string[]) {
  if (keys.length === 0) return new Map<string, { id: string; title: string; decidedAt: string }[]>();
  const links = await db.decisionLink.findMany({
    where: { entityType: "LogicNode", entityId: { in: [...keys] } },
    select: { entityId: true, decision: { select: { id: true, title: true, decidedAt: true } } },
    orderBy: { createdAt: "asc" },
  });
  const out = new Map<string, { id: string; title: string; decidedAt: string }[]>();
  for (const l of links) {
    const list = out.get(l.entityId) ?? [];
    list.push({ id: l.decision.id, title: l.decision.title, decidedAt: l.decision.decidedAt.toISOString().slice(0, 10) });
    out.set(l.entityId, list);
  }
  return out;
}

export const logicModelsRouter = router({
  list: authorised("logicModels:read")
    .input(z.object({ programmeId: ZModelId.optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.logicModel.findMany({
        where: input?.programmeId ? { programmeId: input.programmeId } : {},
        select: { id: true, name: true, description: true, workstream: true, programmeId: true, version: true, updatedAt: true, programme: { select: { name: true } } },
        orderBy: { name: "asc" },
      });
      const counts = await ctx.prisma.logicModelVersion.findMany({
        where: { logicModelId: { in: rows.map((r) => r.id) } },
        orderBy: { number: "desc" },
        distinct: ["logicModelId"],
        select: { logicModelId: true, number: true, _count: { select: { nodes: true, links: true } } },
      });
      const byModel = new Map(counts.map((c) => [c.logicModelId, c]));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        workstream: r.workstream,
        programmeId: r.programmeId,
        programmeName: r.programme?.name ?? null,
        version: r.version,
        nodes: byModel.get(r.id)?._count.nodes ?? 0,
        links: byModel.get(r.id)?._count.links ?? 0,
      }));
    }),

  /** One version (latest by default) with nodes, links, indicators with live status, decisions per node and the validation result. */
  get: authorised("logicModels:read")
    .input(z.object({ id: ZModelId, number: ZVersionNumber.optional(), asOf: ZIsoDate.optional() }).strict())
    .query(async ({ ctx, input }) => {
      const stored = await loadModel(ctx.prisma, input.id, input.number);
      const asOf = input.asOf ?? todayOf(ctx.now);
      const view = await viewModel(ctx.prisma, stored.model, asOf);
      const decisions = await nodeDecisions(ctx.prisma, stored.model.nodes.map((n) => n.id));
      const author = stored.versionRow.createdById ? await ctx.prisma.user.findUnique({ where: { id: stored.versionRow.createdById }, select: { name: true } }) : null;
      return {
        id: stored.row.id,
        name: stored.row.name,
        workstream: stored.row.workstream,
        programmeId: stored.row.programmeId,
        /** The model's current version (send it back with an edit). */
        version: stored.row.version,
        number: stored.versionRow.number,
        isLatest: stored.versionRow.number === stored.row.version,
        reason: stored.versionRow.notes,
        change: stored.versionRow.change,
        createdAt: stored.versionRow.createdAt.toISOString(),
        createdBy: author?.name ?? null,
        asOf,
        nodes: stored.model.nodes.map((n) => ({ ...n, heading: n.heading ?? null, decisions: decisions.get(n.id) ?? [] })),
        links: stored.model.links,
        indicators: view.indicators.map((i) => ({
          id: i.id,
          title: i.title,
          measureId: i.measureId,
          params: i.params ?? null,
          unit: i.unit ?? null,
          definition: i.definition,
          frequency: i.frequency,
          status: i.report.status,
          targets: i.report.targets.map((t) => ({ id: t.targetId, label: t.label, ...t.assessment })),
          /** Targets stored without a date (cannot be assessed). */
          undatedTargets: i.targetRows.filter((t) => !i.report.targets.some((a) => a.targetId === t.id)).map((t) => ({ id: t.id, label: t.label, value: t.value })),
          recent: i.report.measurements.slice(-24),
        })),
        issues: view.issues,
      };
    }),

  versions: authorised("logicModels:read")
    .input(z.object({ id: ZModelId }).strict())
    .query(async ({ ctx, input }) => {
      const model = await ctx.prisma.logicModel.findUnique({ where: { id: input.id }, select: { id: true } });
      if (!model) throw notFound("Logic model");
      const rows = await ctx.prisma.logicModelVersion.findMany({
        where: { logicModelId: input.id },
        orderBy: { number: "desc" },
        select: { number: true, status: true, notes: true, change: true, createdAt: true, createdById: true },
      });
      const users = await ctx.prisma.user.findMany({ where: { id: { in: rows.map((r) => r.createdById).filter((x): x is string => !!x) } }, select: { id: true, name: true } });
      const name = new Map(users.map((u) => [u.id, u.name]));
      return rows.map((r) => ({ number: r.number, status: r.status, reason: r.notes, change: r.change, createdAt: r.createdAt.toISOString(), createdBy: r.createdById ? (name.get(r.createdById) ?? null) : null }));
    }),

  diff: authorised("logicModels:read")
    .input(z.object({ id: ZModelId, from: ZVersionNumber, to: ZVersionNumber }).strict())
    .query(async ({ ctx, input }) => {
      const a = await loadModel(ctx.prisma, input.id, input.from);
      const b = await loadModel(ctx.prisma, input.id, input.to);
      if (a.versionRow.number !== input.from || b.versionRow.number !== input.to) throw notFound("Logic model version");
      return diffLogicModels(a.model, b.model);
    }),

  /** One edit → a new version. `version` is the model version the editor saw; `reason` is required. */
  edit: authorised("logicModels:write")
    .input(ZLogicModelEditInput)
    .mutation(async ({ ctx, input }) => {
      const { edit } = input;
      const result = await ctx.prisma.$transaction(async (tx: DbClient) => {
        const stored = await loadModel(tx, input.modelId);
        if (stored.row.version !== input.version) throw conflict("This model was changed by someone else; reload it and try again");
        const options: { newNodeId?: string; newIndicatorId?: string } = {};
        if (edit.op === "addNode" && !edit.node.id) options.newNodeId = `n-${crypto.randomUUID().slice(0, 8)}`;
        if (edit.op === "bindIndicator") {
          if (edit.indicatorId) {
            const exists = await tx.indicator.findUnique({ where: { code: edit.indicatorId }, select: { id: true } });
            if (!exists) throw new TRPCError({ code: "NOT_FOUND", message: `edit.indicatorId: there is no indicator "${edit.indicatorId}"` });
          } else if (edit.indicator) {
            const code = `ind-${crypto.randomUUID().slice(0, 8)}`;
            await tx.indicator.create({
              data: { code, name: edit.indicator.title, definition: edit.indicator.measureId ? (findMeasure(edit.indicator.measureId)?.definition ?? "") : "Entered by hand each period.", unit: edit.indicator.unit ?? "", measureKey: edit.indicator.measureId, params: edit.indicator.params ?? undefined },
            });
            options.newIndicatorId = code;
          }
        }
        if (edit.op === "setTarget" || edit.op === "recordMeasurement") {
          if (!stored.model.nodes.some((n) => n.indicatorIds.includes(edit.indicatorId))) throw badRequest(`edit.indicatorId: the indicator "${edit.indicatorId}" is not used by this model`);
          const indicator = await tx.indicator.findUnique({ where: { code: edit.indicatorId }, select: { id: true } });
          if (!indicator) throw new TRPCError({ code: "NOT_FOUND", message: `edit.indicatorId: there is no indicator "${edit.indicatorId}"` });
          if (edit.op === "setTarget") {
            const t = edit.target;
            const data = {
              value: t.value.kind === "absolute" ? t.value.value : t.value.change,
              valueKind: t.value.kind,
              baseline: t.baseline,
              comparator: t.direction === "lower_is_better" ? "lte" : "gte",
              fromDate: new Date(`${t.baselineDate}T00:00:00Z`),
              dueDate: new Date(`${t.dueDate}T00:00:00Z`),
              label: t.label ?? null,
              source: t.note ?? null,
            };
            if (t.targetId) {
              const n = await tx.target.updateMany({ where: { id: t.targetId, indicatorId: indicator.id }, data: { ...data, version: { increment: 1 } } });
              if (n.count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "edit.target.targetId: no such target for this indicator" });
            } else await tx.target.create({ data: { ...data, indicatorId: indicator.id } });
          } else {
            const key = { indicatorId: indicator.id, periodStart: new Date(`${edit.periodStart}T00:00:00Z`), periodEnd: new Date(`${edit.periodEnd}T00:00:00Z`), source: "manual" };
            await tx.measurement.upsert({
              where: { indicatorId_periodStart_periodEnd_source: key },
              create: { ...key, value: edit.value, notes: edit.note ?? null },
              update: { value: edit.value, notes: edit.note ?? null, version: { increment: 1 } },
            });
          }
        }
        const next = applyLogicModelEdit(stored.model, edit, options);
        const bumped = await tx.logicModel.updateMany({ where: { id: input.modelId, version: input.version }, data: { version: { increment: 1 } } });
        if (bumped.count === 0) throw conflict("This model was changed by someone else; reload it and try again");
        const number = input.version + 1;
        const change = describeLogicModelEdit(edit);
        await writeVersion(tx, input.modelId, number, next, { reason: input.reason, change, userId: ctx.user.id, at: ctx.now });
        await recordAudit(ctx, { action: "logicModels.edit", outcome: "success", entityType: "LogicModel", entityIds: [input.modelId], fields: [edit.op], reason: input.reason }, tx);
        return { id: input.modelId, version: number, change, nodeId: options.newNodeId ?? null, indicatorId: options.newIndicatorId ?? null };
      });
      return result;
    }),
});
