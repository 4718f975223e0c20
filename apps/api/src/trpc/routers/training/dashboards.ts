/**
 * Dashboards and reports: coverage against the 80% target with its trend,
 * training lost to turnover per financial quarter, the facilitator pipeline,
 * overdue and due-soon lists per team, refresher reminders, and the report's
 * Table 26 for any period with CSV and XLSX export. Every figure comes from
 * `@evident/core`'s rules; managers see their own team only.
 */
import {
  ASSIGNMENT_SOURCES,
  coverage,
  coverageTrend,
  DEFAULT_COVERAGE_TARGET,
  dueLists,
  facilitatorPipeline,
  financialQuartersBetween,
  int,
  NO_TEAM,
  people,
  table26Report,
  text,
  turnoverLoss,
  type DueLine,
  type ReportTable,
  type TAssignmentSource,
} from "@evident/core";
import { csvFile, xlsxFile } from "../../../export/writer.js";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { runTrainingReminders } from "../../../jobs/training-reminders.js";
import { router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { audit, clip, trainingProcedure, ZAsOf, ZDate, ZId } from "./common.js";
import {
  addDaysIso,
  dateOf,
  iso,
  loadAssignments,
  loadCourseCompletions,
  loadCourses,
  loadModuleCompletions,
  loadModules,
  loadStaff,
  ruleCourse,
  staffWhere,
  todayIso,
  toRuleStaff,
} from "./data.js";
import { roleLabel, trainingPicture } from "./views.js";

const ZPopulation = z.enum(["all_current", "mandatory_roles"]);

/** Staff a dashboard counts: managers their own team; others everyone, or one team when asked. */
function scopedWhere(ctx: AuthedContext, teamId: string | undefined): Record<string, unknown> {
  const where: Record<string, unknown>[] = [staffWhere(ctx)];
  if (teamId) where.push({ teamId });
  return { AND: where };
}

async function teamNames(db: DbClient) {
  const teams = await db.team.findMany({ select: { id: true, name: true } });
  return new Map<string, string>(teams.map((t: { id: string; name: string }) => [t.id, t.name]));
}

/** Quarter ends from `from` to `asOf` (at most `max`, the latest kept), ending with asOf itself. */
function trendDates(from: string, asOf: string, max: number): string[] {
  if (from >= asOf) return [asOf];
  const ends = financialQuartersBetween(from, asOf).map((q) => (q.end < asOf ? q.end : asOf));
  const unique = [...new Set([...ends, asOf])];
  return unique.slice(-max);
}

async function table26(db: DbClient, from: string, to: string) {
  if (to < from) throw new TRPCError({ code: "BAD_REQUEST", message: "The period ends before it starts" });
  const [courses, sessions] = await Promise.all([
    loadCourses(db),
    db.trainingSession.findMany({
      where: { cancelled: false, startsAt: { gte: dateOf(from), lt: dateOf(addDaysIso(to, 1)) } },
      select: { id: true, courseId: true, startsAt: true, attendances: { select: { staffId: true, attended: true } } },
    }),
  ]);
  type S = { id: string; courseId: string; startsAt: Date; attendances: { staffId: string; attended: boolean }[] };
  return table26Report(
    (sessions as S[]).map((s) => ({ id: s.id, courseId: s.courseId, date: iso(s.startsAt) })),
    (sessions as S[]).flatMap((s) => s.attendances.map((a) => ({ sessionId: s.id, participantId: a.staffId, attended: a.attended }))),
    from,
    to,
    courses.map(ruleCourse),
  );
}

function table26Table(r: Awaited<ReturnType<typeof table26>>): ReportTable {
  return {
    id: "table26",
    title: `Training courses delivered and recorded participants, ${r.from} to ${r.to} (as the report's Appendix 3, Table 26)`,
    columns: ["Training Course", "Recorded number of courses delivered", "Number of recorded participants"],
    rows: [...r.rows.map((row) => [text(row.course), int(row.courses), people(row.participants)]), [text("Total"), int(r.total.courses), people(r.total.participants)]],
  };
}


export const dashboardRouter = router({
  coverage: trainingProcedure("training:read")
    .input(
      z
        .object({
          asOf: ZAsOf,
          groupBy: z.enum(["course", "team", "role"]).default("course"),
          population: ZPopulation.default("mandatory_roles"),
          teamId: ZId.optional(),
          courseIds: z.array(ZId).max(50).optional(),
          trendFrom: ZDate.optional(),
          target: z.number().min(0).max(1).optional(),
        })
        .strict()
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const asOf = input?.asOf ?? todayIso(ctx.now);
      const groupBy = input?.groupBy ?? "course";
      const population = input?.population ?? "mandatory_roles";
      const staffRows = await loadStaff(ctx.prisma, scopedWhere(ctx, input?.teamId));
      let courses = await loadCourses(ctx.prisma, { activeOnly: true });
      if (input?.courseIds?.length) courses = courses.filter((c) => input.courseIds!.includes(c.id));
      const completions = await loadCourseCompletions(ctx.prisma, staffRows.map((s) => s.id));
      const staff = toRuleStaff(staffRows, asOf);
      const base = { staff, courses: courses.map(ruleCourse), completions, groupBy, population, target: input?.target ?? DEFAULT_COVERAGE_TARGET } as const;
      const report = coverage({ ...base, asOf });
      const earliest = completions.reduce<string | null>((min, c) => (min === null || c.completedOn < min ? c.completedOn : min), null);
      const from = input?.trendFrom ?? (earliest && earliest < asOf ? earliest : addDaysIso(asOf, -365 * 3));
      const trend = coverageTrend(base, trendDates(from, asOf, 40));
      const teams = await teamNames(ctx.prisma);
      const label = (group: string) =>
        groupBy === "course" ? (courses.find((c) => c.id === group)?.title ?? group) : groupBy === "team" ? (group === NO_TEAM ? "No team" : (teams.get(group) ?? group)) : roleLabel(group);
      await audit(ctx, "dashboard.coverage", { entityType: "Staff", entityIds: [], reason: `coverage by ${groupBy} as of ${asOf}` });
      return {
        asOf,
        target: report.target,
        groupBy,
        population,
        rows: report.rows.map((r) => ({ ...r, label: label(r.group) })),
        overall: report.overall,
        trend: trend.map((t) => ({ asOf: t.asOf, overall: t.overall.share, groups: Object.fromEntries(t.rows.map((r) => [r.group, r.share])) })),
        series: report.rows.map((r) => ({ key: r.group, label: label(r.group) })),
      };
    }),

  turnover: trainingProcedure("training:read")
    .input(z.object({ from: ZDate.optional(), to: ZDate.optional(), teamId: ZId.optional(), population: ZPopulation.optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      const to = input?.to ?? todayIso(ctx.now);
      const staffRows = await loadStaff(ctx.prisma, scopedWhere(ctx, input?.teamId));
      const courses = await loadCourses(ctx.prisma, { activeOnly: true });
      const completions = await loadCourseCompletions(ctx.prisma, staffRows.map((s) => s.id));
      // Default: from the first recorded completion (nothing can be lost before it), at most 10 years.
      const earliest = completions.reduce<string | null>((min, c) => (min === null || c.completedOn < min ? c.completedOn : min), null);
      const from = input?.from ?? (earliest && earliest < to ? (earliest > addDaysIso(to, -3650) ? earliest : addDaysIso(to, -3650)) : addDaysIso(to, -365 * 3));
      if (to < from) throw new TRPCError({ code: "BAD_REQUEST", message: "The period ends before it starts" });
      const quarters = financialQuartersBetween(from, to).slice(-40);
      const rows = turnoverLoss({ staff: toRuleStaff(staffRows, to), completions, courses: courses.map(ruleCourse), quarters, population: input?.population ?? "mandatory_roles" });
      await audit(ctx, "dashboard.turnover", { entityType: "Staff", entityIds: [], reason: `turnover ${from} to ${to}` });
      return {
        from,
        to,
        courses: courses.map((c) => ({ id: c.id, title: c.title })),
        quarters: rows.map((q) => ({
          label: q.quarter.label,
          start: q.quarter.start,
          end: q.quarter.end,
          leavers: q.leavers,
          trainedLeavers: q.trainedLeavers,
          courses: q.courses.map(({ trainedLeaverIds: _ids, ...c }) => c),
        })),
      };
    }),

  facilitators: trainingProcedure("training:read")
    .input(z.object({ asOf: ZAsOf, horizonDays: z.number().int().min(1).max(730).optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      const asOf = input?.asOf ?? todayIso(ctx.now);
      // The pipeline is trust-wide: groups draw facilitators from every team.
      const staffRows = await loadStaff(ctx.prisma, { startDate: { lte: dateOf(asOf) }, OR: [{ leaveDate: null }, { leaveDate: { gte: dateOf(asOf) } }] });
      const courses = await loadCourses(ctx.prisma, { activeOnly: true });
      const completions = await loadCourseCompletions(ctx.prisma, staffRows.map((s) => s.id));
      const report = facilitatorPipeline({ staff: toRuleStaff(staffRows, asOf), completions, asOf, courses: courses.map(ruleCourse), ...(input?.horizonDays ? { horizonDays: input.horizonDays } : {}) });
      await audit(ctx, "dashboard.facilitators", { entityType: "Staff", entityIds: clip([...new Set(report.rows.flatMap((r) => r.facilitators.map((f) => f.staffId)))]) });
      return {
        ...report,
        qualifyingCourses: courses.filter((c) => c.grantsQualification !== null).map((c) => ({ id: c.id, title: c.title })),
      };
    }),

  due: trainingProcedure("training:read")
    .input(z.object({ asOf: ZAsOf, soonDays: z.number().int().min(1).max(365).optional(), teamId: ZId.optional(), source: z.enum(ASSIGNMENT_SOURCES).optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      const asOf = input?.asOf ?? todayIso(ctx.now);
      const soonDays = input?.soonDays ?? 30;
      const staffRows = await loadStaff(ctx.prisma, {
        AND: [scopedWhere(ctx, input?.teamId), { startDate: { lte: dateOf(asOf) } }, { OR: [{ leaveDate: null }, { leaveDate: { gte: dateOf(asOf) } }] }],
      });
      const ids = staffRows.map((s) => s.id);
      const [courses, modules, assignments, completions, moduleCompletions, teams] = await Promise.all([
        loadCourses(ctx.prisma, { activeOnly: true }),
        loadModules(ctx.prisma),
        loadAssignments(ctx.prisma, ids),
        loadCourseCompletions(ctx.prisma, ids),
        loadModuleCompletions(ctx.prisma, ids),
        teamNames(ctx.prisma),
      ]);
      const picture = trainingPicture(staffRows, courses, modules, assignments, completions, moduleCompletions, asOf, soonDays);
      // The open assignment behind each line (to say how it was made).
      const sourceOf = new Map(assignments.filter((a) => a.status === "assigned").map((a) => [`${a.staffId}:${a.courseId ?? a.moduleId}`, a.source]));
      type Line = { staffId: string; name: string; title: string; kind: "module" | "course"; dueOn: string; reason: "assignment" | "expiring" | "expired"; source: TAssignmentSource | null };
      const byTeam = new Map<string, { overdue: Line[]; dueSoon: Line[] }>();
      for (const s of staffRows) {
        const p = picture.byStaff.get(s.id)!;
        const key = s.teamId ?? NO_TEAM;
        const entry = byTeam.get(key) ?? { overdue: [], dueSoon: [] };
        // The core decides what is overdue and due soon (open assignments, then mandatory refreshers).
        const lists = dueLists(p.assignments, p.courses, soonDays, input?.source ? { source: input.source } : {});
        const line = (l: DueLine): Line => ({ staffId: s.id, name: s.name, title: l.title, kind: l.kind, dueOn: l.dueOn, reason: l.reason, source: l.reason === "assignment" ? (sourceOf.get(`${s.id}:${l.itemId}`) ?? null) : null });
        for (const l of lists.overdue) entry.overdue.push(line(l));
        for (const l of lists.dueSoon) entry.dueSoon.push(line(l));
        byTeam.set(key, entry);
      }
      const order = (a: Line, b: Line) => a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name);
      await audit(ctx, "dashboard.due", { entityType: "Staff", entityIds: clip(ids) });
      return {
        asOf,
        soonDays,
        teams: [...byTeam.entries()]
          .map(([teamId, v]) => ({ teamId, team: teamId === NO_TEAM ? "No team" : (teams.get(teamId) ?? teamId), overdue: v.overdue.sort(order).slice(0, 500), dueSoon: v.dueSoon.sort(order).slice(0, 500), overdueCount: v.overdue.length, dueSoonCount: v.dueSoon.length }))
          .filter((t) => t.overdueCount + t.dueSoonCount > 0)
          .sort((a, b) => b.overdueCount - a.overdueCount || a.team.localeCompare(b.team)),
      };
    }),
});

export const remindersRouter = router({
  /**
   * Runs the reminder job now (the scheduler runs it hourly): refreshers due
   * before expiry and overdue assignments become in-app notifications and
   * outbox emails, each exactly once (see jobs/training-reminders.ts).
   * `asOf` defaults to today.
   */
  run: trainingProcedure("training:write")
    .input(z.object({ asOf: ZDate.optional(), leadDays: z.array(z.number().int().min(1).max(365)).min(1).max(5).optional() }).strict().optional())
    .mutation(async ({ ctx, input }) => {
      const r = await runTrainingReminders(ctx.prisma, {
        asOf: input?.asOf ?? todayIso(ctx.now),
        trigger: "admin",
        now: ctx.now,
        logger: ctx.logger,
        actor: ctx.user,
        requestId: ctx.requestId,
        baseUrl: ctx.deps.config.baseUrl,
        ...(input?.leadDays ? { leadDays: input.leadDays } : {}),
      });
      return r;
    }),

  /** The last runs of the job (newest first) and the totals sent. */
  status: trainingProcedure("training:write")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const [runs, sent] = await Promise.all([
        ctx.prisma.trainingReminderRun.findMany({ orderBy: [{ startedAt: "desc" }, { id: "asc" }], take: 10 }),
        ctx.prisma.trainingReminderSent.count(),
      ]);
      await audit(ctx, "reminders.status", { entityType: "TrainingReminderRun", entityIds: runs.map((r: { id: string }) => r.id) });
      type Run = { id: string; trigger: string; asOf: Date; startedAt: Date; finishedAt: Date | null; due: number; notifications: number; emails: number; noContact: number; skipped: boolean; error: string | null };
      const out = (runs as Run[]).map((r) => ({
        id: r.id,
        trigger: r.trigger,
        asOf: iso(r.asOf),
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        due: r.due,
        notifications: r.notifications,
        emails: r.emails,
        noContact: r.noContact,
        skipped: r.skipped,
        failed: r.error !== null,
      }));
      return { lastRun: out.find((r) => !r.skipped) ?? null, runs: out, remindersSent: sent, intervalMinutes: 60 };
    }),
});

export const reportsRouter = router({
  table26: trainingProcedure("training:read")
    .input(z.object({ from: ZDate, to: ZDate }).strict())
    .query(async ({ ctx, input }) => {
      const r = await table26(ctx.prisma, input.from, input.to);
      await audit(ctx, "reports.table26", { entityType: "TrainingSession", entityIds: [], reason: `${input.from} to ${input.to}` });
      return r;
    }),

  table26Export: trainingProcedure("training:read")
    .input(z.object({ from: ZDate, to: ZDate, format: z.enum(["csv", "xlsx"]) }).strict())
    .query(async ({ ctx, input }) => {
      const table = table26Table(await table26(ctx.prisma, input.from, input.to));
      const name = `table-26-training-${input.from}-to-${input.to}`;
      await audit(ctx, "reports.table26Export", { entityType: "TrainingSession", entityIds: [], reason: `${input.format}: ${input.from} to ${input.to}` });
      if (input.format === "csv") return csvFile(`${name}.csv`, [table]);
      return xlsxFile(`${name}.xlsx`, table.title, [{ ...table, id: "Table 26" }], { titleRow: true, totalsRow: true, widths: [58, 22, 22] });
    }),
});
