/**
 * The decision log (decision, rationale, evidence links, who decided, when,
 * review date; searchable by text, programme, logic model node and date), the
 * programme plan (milestones with owner, due date, status and review date;
 * overdue reviews) and the one-page programme briefing assembled by
 * @evident/core from the programme's models, measures and recent decisions.
 * No personal data; every write is audited with the transaction.
 */
import {
  assembleProgrammeBriefing,
  dateFromIso,
  isoFromDate,
  overdueMilestones,
  ZDecisionCreateInput,
  ZDecisionSearchInput,
  ZDecisionUpdateInput,
  ZMilestoneCreateInput,
  ZMilestoneListInput,
  ZMilestoneUpdateInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { loadModel, viewModel } from "../logicModels/store.js";
import { checkLinks, describeLinks, normaliseLinks } from "./links.js";

const ZId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");
const todayOf = (ctx: { now: Date }) => ctx.now.toISOString().slice(0, 10);
const d = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : dateFromIso(v));

const decisionSelect = {
  id: true,
  programmeId: true,
  title: true,
  decision: true,
  rationale: true,
  evidence: true,
  decidedById: true,
  decidedBy: true,
  decidedAt: true,
  reviewDate: true,
  status: true,
  version: true,
  createdAt: true,
  programme: { select: { name: true } },
  decidedByUser: { select: { name: true } },
  links: { select: { entityType: true, entityId: true, note: true }, orderBy: { createdAt: "asc" as const } },
} as const;

type DecisionRow = {
  decidedAt: Date;
  reviewDate: Date | null;
  createdAt: Date;
  programme: { name: string } | null;
  decidedByUser: { name: string } | null;
  decidedBy: string | null;
} & Record<string, unknown>;

function decisionOut<T extends DecisionRow>(r: T, today: string) {
  const { programme, decidedByUser, ...rest } = r;
  const reviewDate = isoFromDate(r.reviewDate);
  return {
    ...rest,
    programmeName: programme?.name ?? null,
    decidedByName: r.decidedBy ?? decidedByUser?.name ?? null,
    decidedAt: isoFromDate(r.decidedAt)!,
    reviewDate,
    reviewOverdue: !!reviewDate && reviewDate < today && r["status"] !== "reviewed" && r["status"] !== "reversed",
    createdAt: r.createdAt.toISOString(),
  };
}

async function checkProgramme(db: DbClient, programmeId: string | null | undefined) {
  if (programmeId && !(await db.programme.findUnique({ where: { id: programmeId }, select: { id: true } }))) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "programmeId: there is no such programme" });
  }
}

const milestoneSelect = {
  id: true,
  programmeId: true,
  logicModelId: true,
  title: true,
  ownerStaffId: true,
  dueDate: true,
  doneDate: true,
  reviewDate: true,
  status: true,
  notes: true,
  version: true,
  owner: { select: { name: true } },
  programme: { select: { name: true } },
} as const;

type MilestoneRow = { id: string; title: string; dueDate: Date; doneDate: Date | null; reviewDate: Date | null; status: "planned" | "in_progress" | "done" | "late" | "dropped"; owner: { name: string } | null; programme: { name: string } | null } & Record<string, unknown>;

function milestoneOut<T extends MilestoneRow>(r: T) {
  const { owner, programme, ...rest } = r;
  return { ...rest, ownerName: owner?.name ?? null, programmeName: programme?.name ?? null, dueDate: isoFromDate(r.dueDate)!, doneDate: isoFromDate(r.doneDate), reviewDate: isoFromDate(r.reviewDate) };
}

async function checkMilestoneRefs(db: DbClient, m: { programmeId?: string | null; logicModelId?: string | null; ownerStaffId?: string | null }) {
  await checkProgramme(db, m.programmeId);
  if (m.logicModelId && !(await db.logicModel.findUnique({ where: { id: m.logicModelId }, select: { id: true } }))) throw new TRPCError({ code: "BAD_REQUEST", message: "logicModelId: there is no such logic model" });
  if (m.ownerStaffId && !(await db.staff.findUnique({ where: { id: m.ownerStaffId }, select: { id: true } }))) throw new TRPCError({ code: "BAD_REQUEST", message: "ownerStaffId: there is no such member of staff" });
}

async function overdueFor(ctx: AuthedContext, programmeId?: string) {
  const rows = await ctx.prisma.milestone.findMany({ where: { status: { notIn: ["done", "dropped"] }, ...(programmeId ? { programmeId } : {}) }, select: milestoneSelect, orderBy: { dueDate: "asc" } });
  const items = rows.map(milestoneOut);
  return overdueMilestones(items, todayOf(ctx)).map((o) => ({ ...o.milestone, reason: o.reason, daysOverdue: o.daysOverdue }));
}

export const decisionsRouter = router({
  list: authorised("decisions:read")
    .input(ZDecisionSearchInput.optional())
    .query(async ({ ctx, input }) => {
      const q = input ?? { limit: 50 };
      const text = q.text?.trim();
      const rows = await ctx.prisma.decision.findMany({
        where: {
          AND: [
            q.programmeId ? { programmeId: q.programmeId } : {},
            q.nodeId ? { links: { some: { entityType: "LogicNode", entityId: q.nodeId } } } : {},
            q.from ? { decidedAt: { gte: dateFromIso(q.from) } } : {},
            q.to ? { decidedAt: { lte: dateFromIso(q.to) } } : {},
            text
              ? { OR: (["title", "decision", "rationale", "evidence", "decidedBy"] as const).map((f) => ({ [f]: { contains: text, mode: "insensitive" as const } })) }
              : {},
          ],
        },
        select: decisionSelect,
        orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
        take: q.limit ?? 50,
      });
      const today = todayOf(ctx);
      return describeLinks(ctx.prisma, rows.map((r) => decisionOut(r, today)));
    }),

  get: authorised("decisions:read")
    .input(z.object({ id: ZId }).strict())
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.decision.findUnique({ where: { id: input.id }, select: decisionSelect });
      if (!row) throw notFound("Decision");
      return (await describeLinks(ctx.prisma, [decisionOut(row, todayOf(ctx))]))[0]!;
    }),

  create: authorised("decisions:write")
    .input(ZDecisionCreateInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        await checkProgramme(tx, input.programmeId);
        const links = input.links ?? [];
        await checkLinks(tx, links);
        const normal = await normaliseLinks(tx, links);
        const row = await tx.decision.create({
          data: {
            programmeId: input.programmeId ?? null,
            title: input.title,
            decision: input.decision,
            rationale: input.rationale,
            evidence: input.evidence ?? null,
            decidedById: ctx.user.id,
            decidedBy: input.decidedBy ?? null,
            decidedAt: dateFromIso(input.decidedAt),
            reviewDate: d(input.reviewDate) ?? null,
            status: input.status ?? "decided",
            links: { create: normal.map((l) => ({ entityType: l.entityType, entityId: l.entityId, note: l.note ?? null })) },
          },
          select: decisionSelect,
        });
        await recordAudit(ctx, { action: "decisions.create", outcome: "success", entityType: "Decision", entityIds: [row.id], fields: Object.keys(input) }, tx);
        return decisionOut(row, todayOf(ctx));
      });
    }),

  /** Changes a decision (optimistic concurrency); `links`, when given, replaces the links. */
  update: authorised("decisions:write")
    .input(ZDecisionUpdateInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const current = await tx.decision.findUnique({ where: { id: input.id }, select: { id: true, decidedAt: true, reviewDate: true } });
        if (!current) throw notFound("Decision");
        const p = input.patch;
        const decidedAt = p.decidedAt ?? isoFromDate(current.decidedAt)!;
        const reviewDate = p.reviewDate === undefined ? isoFromDate(current.reviewDate) : p.reviewDate;
        if (reviewDate && reviewDate < decidedAt) throw new TRPCError({ code: "BAD_REQUEST", message: "patch.reviewDate: the review date must not be before the decision" });
        await checkProgramme(tx, p.programmeId);
        if (p.links) await checkLinks(tx, p.links);
        const n = await tx.decision.updateMany({
          where: { id: input.id, version: input.version },
          data: {
            ...(p.programmeId !== undefined ? { programmeId: p.programmeId } : {}),
            ...(p.title !== undefined ? { title: p.title } : {}),
            ...(p.decision !== undefined ? { decision: p.decision } : {}),
            ...(p.rationale !== undefined ? { rationale: p.rationale } : {}),
            ...(p.evidence !== undefined ? { evidence: p.evidence } : {}),
            ...(p.decidedBy !== undefined ? { decidedBy: p.decidedBy } : {}),
            ...(p.decidedAt !== undefined ? { decidedAt: dateFromIso(p.decidedAt) } : {}),
            ...(p.reviewDate !== undefined ? { reviewDate: d(p.reviewDate) } : {}),
            ...(p.status !== undefined ? { status: p.status } : {}),
            version: { increment: 1 },
          },
        });
        if (n.count === 0) throw conflict();
        if (p.links) {
          const normal = await normaliseLinks(tx, p.links);
          await tx.decisionLink.deleteMany({ where: { decisionId: input.id } });
          await tx.decisionLink.createMany({ data: normal.map((l) => ({ decisionId: input.id, entityType: l.entityType, entityId: l.entityId, note: l.note ?? null })) });
        }
        await recordAudit(ctx, { action: "decisions.update", outcome: "success", entityType: "Decision", entityIds: [input.id], fields: Object.keys(p) }, tx);
        const row = await tx.decision.findUnique({ where: { id: input.id }, select: decisionSelect });
        return decisionOut(row!, todayOf(ctx));
      });
    }),

  milestones: router({
    list: authorised("decisions:read")
      .input(ZMilestoneListInput.optional())
      .query(async ({ ctx, input }) => {
        if (input?.overdueOnly) return overdueFor(ctx, input.programmeId);
        const rows = await ctx.prisma.milestone.findMany({ where: input?.programmeId ? { programmeId: input.programmeId } : {}, select: milestoneSelect, orderBy: [{ dueDate: "asc" }, { id: "asc" }], take: input?.limit ?? 100 });
        const overdue = new Map(overdueMilestones(rows.map(milestoneOut), todayOf(ctx)).map((o) => [o.milestone.id, o]));
        return rows.map((r) => ({ ...milestoneOut(r), reason: overdue.get(r.id)?.reason ?? null, daysOverdue: overdue.get(r.id)?.daysOverdue ?? 0 }));
      }),

    /** Milestones whose review (or due) date has passed, most overdue first (managers' home page). */
    overdue: authorised("decisions:read")
      .input(z.object({ programmeId: ZId.optional() }).strict().optional())
      .query(({ ctx, input }) => overdueFor(ctx, input?.programmeId)),

    create: authorised("decisions:write")
      .input(ZMilestoneCreateInput)
      .mutation(async ({ ctx, input }) => {
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          await checkMilestoneRefs(tx, input);
          const row = await tx.milestone.create({
            data: {
              title: input.title,
              programmeId: input.programmeId ?? null,
              logicModelId: input.logicModelId ?? null,
              ownerStaffId: input.ownerStaffId ?? null,
              dueDate: dateFromIso(input.dueDate),
              doneDate: d(input.doneDate) ?? null,
              reviewDate: d(input.reviewDate) ?? null,
              status: input.status ?? "planned",
              notes: input.notes ?? null,
            },
            select: milestoneSelect,
          });
          await recordAudit(ctx, { action: "decisions.milestones.create", outcome: "success", entityType: "Milestone", entityIds: [row.id], fields: Object.keys(input) }, tx);
          return milestoneOut(row);
        });
      }),

    update: authorised("decisions:write")
      .input(ZMilestoneUpdateInput)
      .mutation(async ({ ctx, input }) => {
        return ctx.prisma.$transaction(async (tx: DbClient) => {
          const p = input.patch;
          if (!(await tx.milestone.findUnique({ where: { id: input.id }, select: { id: true } }))) throw notFound("Milestone");
          await checkMilestoneRefs(tx, p);
          const n = await tx.milestone.updateMany({
            where: { id: input.id, version: input.version },
            data: {
              ...(p.title !== undefined ? { title: p.title } : {}),
              ...(p.programmeId !== undefined ? { programmeId: p.programmeId } : {}),
              ...(p.logicModelId !== undefined ? { logicModelId: p.logicModelId } : {}),
              ...(p.ownerStaffId !== undefined ? { ownerStaffId: p.ownerStaffId } : {}),
              ...(p.dueDate !== undefined ? { dueDate: dateFromIso(p.dueDate) } : {}),
              ...(p.doneDate !== undefined ? { doneDate: d(p.doneDate) } : {}),
              ...(p.reviewDate !== undefined ? { reviewDate: d(p.reviewDate) } : {}),
              ...(p.status !== undefined ? { status: p.status } : {}),
              ...(p.notes !== undefined ? { notes: p.notes } : {}),
              version: { increment: 1 },
            },
          });
          if (n.count === 0) throw conflict();
          await recordAudit(ctx, { action: "decisions.milestones.update", outcome: "success", entityType: "Milestone", entityIds: [input.id], fields: Object.keys(p) }, tx);
          return milestoneOut((await tx.milestone.findUnique({ where: { id: input.id }, select: milestoneSelect }))!);
        });
      }),
  }),

  /** The one-page briefing for a programme: its models, their measures' status, recent decisions and the plan. */
  briefing: authorised("logicModels:read")
    .input(z.object({ programmeId: ZId }).strict())
    .query(async ({ ctx, input }) => {
      const programme = await ctx.prisma.programme.findUnique({ where: { id: input.programmeId }, select: { id: true, name: true, description: true, workstream: true } });
      if (!programme) throw notFound("Programme");
      const asOf = todayOf(ctx);
      const modelRows = await ctx.prisma.logicModel.findMany({ where: { programmeId: programme.id }, select: { id: true }, orderBy: { name: "asc" } });
      const models = [];
      const indicators = new Map<string, { id: string; title: string; unit: string | null; status: "on_track" | "at_risk" | "off_track" | "no_data" | null; latest: { date: string; value: number | null } | null; targetLabels: string[] }>();
      for (const m of modelRows) {
        const stored = await loadModel(ctx.prisma, m.id);
        const view = await viewModel(ctx.prisma, stored.model, asOf);
        models.push({ model: stored.model, version: stored.versionRow.number, issues: view.issues.filter((i) => i.severity === "warning") });
        for (const i of view.indicators) {
          const last = i.report.measurements.at(-1);
          indicators.set(i.id, { id: i.id, title: i.title, unit: i.unit ?? null, status: i.report.status, latest: last ? { date: last.date, value: last.value } : null, targetLabels: i.report.targets.map((t) => t.label ?? "target") });
        }
      }
      const decisions = await ctx.prisma.decision.findMany({ where: { programmeId: programme.id }, select: { id: true, title: true, decision: true, rationale: true, decidedAt: true, reviewDate: true }, orderBy: { decidedAt: "desc" }, take: 20 });
      const milestones = await ctx.prisma.milestone.findMany({ where: { programmeId: programme.id }, select: { id: true, title: true, dueDate: true, reviewDate: true, status: true }, orderBy: { dueDate: "asc" } });
      return assembleProgrammeBriefing({
        programme,
        models,
        indicators: [...indicators.values()],
        decisions: decisions.map((x) => ({ ...x, decidedAt: isoFromDate(x.decidedAt)!, reviewDate: isoFromDate(x.reviewDate) })),
        milestones: milestones.map((x) => ({ ...x, dueDate: isoFromDate(x.dueDate)!, reviewDate: isoFromDate(x.reviewDate) })),
        asOf,
      });
    }),
});
