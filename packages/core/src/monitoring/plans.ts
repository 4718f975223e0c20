/**
 * Programme plans and the decision log: API inputs for milestones and
 * decisions, the overdue-review rule, and the one-page programme briefing
 * assembled from the logic model, the measures and recent decisions.
 *
 * OVERDUE RULE (`overdueMilestones`): a milestone that is not done or dropped
 * is overdue for review when its review date is before today, and overdue
 * when its due date is before today. One entry per milestone: "review" wins
 * when both apply (the review is the meeting that decides what to do).
 */
import { z } from "zod";
import { dayOf } from "../dates.js";
import { ZDate } from "../records/common.js";
import type { LogicModelIssue, TLogicModel, TLogicModelGroup } from "./logic-model.js";
import type { TIndicatorStatus } from "./targets.js";

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "must not contain control characters" });
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "must not contain control characters" });
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");
const version = z.number().int().min(0).max(2_147_483_647);

export const MILESTONE_STATUSES = ["planned", "in_progress", "done", "late", "dropped"] as const;
export const ZMilestoneStatus = z.enum(MILESTONE_STATUSES);

const milestoneFields = {
  title: line(300),
  programmeId: id.nullable().optional(),
  logicModelId: id.nullable().optional(),
  ownerStaffId: id.nullable().optional(),
  dueDate: ZDate,
  doneDate: ZDate.nullable().optional(),
  reviewDate: ZDate.nullable().optional(),
  status: ZMilestoneStatus.optional(),
  notes: text(2000).nullable().optional(),
};
export const ZMilestoneCreateInput = z.object(milestoneFields).strict();
export const ZMilestoneUpdateInput = z
  .object({
    id,
    version,
    patch: z
      .object({ ...milestoneFields, title: milestoneFields.title.optional(), dueDate: ZDate.optional() })
      .strict(),
  })
  .strict();
export const ZMilestoneListInput = z
  .object({ programmeId: id.optional(), overdueOnly: z.boolean().optional(), limit: z.number().int().min(1).max(200).default(100) })
  .strict();

export const DECISION_STATUSES = ["proposed", "decided", "reviewed", "reversed"] as const;
/** What a decision can be linked to (its evidence, or what it changed). */
export const DECISION_LINK_TYPES = ["AnalysisRun", "Measure", "LogicModelVersion", "LogicNode", "Indicator", "Milestone", "Decision"] as const;
export const ZDecisionLink = z
  .object({ entityType: z.enum(DECISION_LINK_TYPES), entityId: z.string().min(1).max(200).regex(/^[A-Za-z0-9_:.-]+$/, "must be an id"), note: line(500).optional() })
  .strict();
export type TDecisionLink = z.infer<typeof ZDecisionLink>;

const decisionFields = {
  programmeId: id.nullable().optional(),
  title: line(300),
  decision: text(4000),
  rationale: text(4000),
  evidence: text(4000).nullable().optional(),
  /** Who decided, when not the signed-in user (e.g. "Innovation Programme Board"). */
  decidedBy: line(200).nullable().optional(),
  // Dates entered on a screen: ZDate's plain message ("must be a real date").
  decidedAt: ZDate,
  reviewDate: ZDate.nullable().optional(),
  status: z.enum(DECISION_STATUSES).optional(),
  links: z.array(ZDecisionLink).max(50).optional(),
};
const reviewAfterDecision = (d: { decidedAt?: string; reviewDate?: string | null }) => !d.decidedAt || !d.reviewDate || d.reviewDate >= d.decidedAt;
export const ZDecisionCreateInput = z
  .object(decisionFields)
  .strict()
  .refine(reviewAfterDecision, { message: "the review date must not be before the decision", path: ["reviewDate"] });
export const ZDecisionUpdateInput = z
  .object({
    id,
    version,
    patch: z
      .object({ ...decisionFields, title: decisionFields.title.optional(), decision: decisionFields.decision.optional(), rationale: decisionFields.rationale.optional(), decidedAt: ZDate.optional() })
      .strict()
      .refine(reviewAfterDecision, { message: "the review date must not be before the decision", path: ["reviewDate"] }),
  })
  .strict();
export const ZDecisionSearchInput = z
  .object({
    text: z.string().trim().max(200).optional(),
    programmeId: id.optional(),
    /** A logic model node key: decisions linked to that node. */
    nodeId: z.string().min(1).max(100).optional(),
    from: ZDate.optional(),
    to: ZDate.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface PlanMilestone {
  id: string;
  title: string;
  dueDate: string;
  reviewDate: string | null;
  status: (typeof MILESTONE_STATUSES)[number];
}

export interface OverdueMilestone<M extends PlanMilestone = PlanMilestone> {
  milestone: M;
  /** review = its review date has passed; due = its due date has passed. */
  reason: "review" | "due";
  daysOverdue: number;
}

/** Milestones overdue for review or completion on `today`, most overdue first (rule in the module comment). */
export function overdueMilestones<M extends PlanMilestone>(milestones: readonly M[], today: string): OverdueMilestone<M>[] {
  const t = dayOf(today);
  const out: OverdueMilestone<M>[] = [];
  for (const m of milestones) {
    if (m.status === "done" || m.status === "dropped") continue;
    if (m.reviewDate && dayOf(m.reviewDate) < t) out.push({ milestone: m, reason: "review", daysOverdue: t - dayOf(m.reviewDate) });
    else if (dayOf(m.dueDate) < t) out.push({ milestone: m, reason: "due", daysOverdue: t - dayOf(m.dueDate) });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.milestone.id < b.milestone.id ? -1 : 1));
}

// ---------------------------------------------------------------------------
// The one-page briefing
// ---------------------------------------------------------------------------

export interface BriefingInput {
  programme: { id: string; name: string; description: string | null; workstream: string | null };
  models: { model: TLogicModel; version: number; issues: readonly LogicModelIssue[] }[];
  indicators: { id: string; title: string; unit: string | null; status: TIndicatorStatus | null; latest: { date: string; value: number | null } | null; targetLabels: string[] }[];
  decisions: { id: string; title: string; decision: string; rationale: string; decidedAt: string; reviewDate: string | null }[];
  milestones: PlanMilestone[];
  asOf: string;
}

export interface ProgrammeBriefing {
  programme: BriefingInput["programme"];
  asOf: string;
  /** What the programme is for: the outcomes (or, when a model has none, its impacts), with whom each concerns (same group and wording once). */
  aims: { group: TLogicModelGroup; text: string }[];
  /** What it does: the activities (the same wording once). */
  activities: string[];
  /** How we know: each indicator with its status. */
  measures: BriefingInput["indicators"];
  statusCounts: Record<TIndicatorStatus | "no_target", number>;
  /** The most recent decisions (at most 5), newest first. */
  recentDecisions: BriefingInput["decisions"];
  /** Open milestones due next (at most 5) and those overdue. */
  nextMilestones: PlanMilestone[];
  overdue: OverdueMilestone[];
  /** Gaps the model's validation lists (warnings), counted by kind. */
  gaps: { code: string; count: number }[];
  models: { id: string; title: string; version: number }[];
}

/** The one-page briefing a new member of staff reads on their first day. */
export function assembleProgrammeBriefing(input: BriefingInput): ProgrammeBriefing {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const aimNodes = input.models.flatMap(({ model }) => {
    const outcomes = model.nodes.filter((n) => n.column === "outcomes");
    return outcomes.length > 0 ? outcomes : model.nodes.filter((n) => n.column === "impacts");
  });
  const aims = [...new Map(aimNodes.map((n) => [`${n.group}|${n.text}`, { group: n.group, text: n.text }])).values()];
  const activities = uniq(input.models.flatMap(({ model }) => model.nodes.filter((n) => n.column === "activities").map((n) => n.text)));
  const statusCounts: ProgrammeBriefing["statusCounts"] = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0, no_target: 0 };
  for (const i of input.indicators) statusCounts[i.status ?? "no_target"] += 1;
  const recentDecisions = [...input.decisions].sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : a.decidedAt > b.decidedAt ? -1 : 0)).slice(0, 5);
  const open = input.milestones.filter((m) => m.status !== "done" && m.status !== "dropped");
  const nextMilestones = open.filter((m) => m.dueDate >= input.asOf).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1)).slice(0, 5);
  const gapCounts = new Map<string, number>();
  for (const { issues } of input.models) for (const i of issues) gapCounts.set(i.code, (gapCounts.get(i.code) ?? 0) + 1);
  return {
    programme: input.programme,
    asOf: input.asOf,
    aims,
    activities,
    measures: input.indicators,
    statusCounts,
    recentDecisions,
    nextMilestones,
    overdue: overdueMilestones(input.milestones, input.asOf),
    gaps: [...gapCounts.entries()].map(([code, count]) => ({ code, count })),
    models: input.models.map(({ model, version }) => ({ id: model.id, title: model.title, version })),
  };
}
