/**
 * Dashboards and reports: coverage against the 80% target with its trend,
 * training lost to turnover per financial quarter, the facilitator pipeline,
 * overdue and due-soon lists per team, refresher reminders, and the report's
 * Table 26 for any period with CSV and XLSX export. Every figure comes from
 * `@evident/core`'s rules; managers see their own team only.
 */
import {
  coverage,
  coverageTrend,
  DEFAULT_COVERAGE_TARGET,
  facilitatorPipeline,
  financialQuartersBetween,
  int,
  NO_TEAM,
  people,
  remindersDue,
  table26Report,
  text,
  toCsv,
  turnoverLoss,
  type ReportTable,
} from "@evident/core";
import ExcelJS from "exceljs";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
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

const REMINDER_REF = /Reminder reference: (\S+)/;
const reminderLink = (key: string) => `/training/my?reminder=${encodeURIComponent(key)}`;

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
    .input(z.object({ asOf: ZAsOf, soonDays: z.number().int().min(1).max(365).optional(), teamId: ZId.optional() }).strict().optional())
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
      type Line = { staffId: string; name: string; title: string; kind: "module" | "course"; dueOn: string; reason: "assignment" | "expiring" | "expired" };
      const byTeam = new Map<string, { overdue: Line[]; dueSoon: Line[] }>();
      for (const s of staffRows) {
        const p = picture.byStaff.get(s.id)!;
        const key = s.teamId ?? NO_TEAM;
        const entry = byTeam.get(key) ?? { overdue: [], dueSoon: [] };
        for (const a of p.assignments) {
          if (a.state === "overdue") entry.overdue.push({ staffId: s.id, name: s.name, title: a.title, kind: a.kind, dueOn: a.dueOn, reason: "assignment" });
          if (a.state === "due_soon") entry.dueSoon.push({ staffId: s.id, name: s.name, title: a.title, kind: a.kind, dueOn: a.dueOn, reason: "assignment" });
        }
        // Mandatory courses expired or expiring (refreshers), unless an open assignment already lists them.
        for (const c of p.courses) {
          if (!c.mandatory || !c.expiresOn) continue;
          if (p.assignments.some((a) => a.kind === "course" && a.itemId === c.courseId && a.state !== "done")) continue;
          if (c.status === "expired") entry.overdue.push({ staffId: s.id, name: s.name, title: c.title, kind: "course", dueOn: c.expiresOn, reason: "expired" });
          else if (c.daysToExpiry !== null && c.daysToExpiry <= soonDays) entry.dueSoon.push({ staffId: s.id, name: s.name, title: c.title, kind: "course", dueOn: c.expiresOn, reason: "expiring" });
        }
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
   * Creates the refresher reminders due on `asOf` (core `remindersDue`): an
   * in-app notification for recipients with a login and an email in the
   * outbox for recipients with an address. Idempotent: each reminder's key is
   * stored with what it created and never created twice.
   */
  run: trainingProcedure("training:write")
    .input(z.object({ asOf: ZDate, leadDays: z.array(z.number().int().min(1).max(365)).min(1).max(5).optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      const staffRows = await loadStaff(ctx.prisma);
      const courses = await loadCourses(ctx.prisma, { activeOnly: true });
      const completions = await loadCourseCompletions(ctx.prisma);
      const staff = toRuleStaff(staffRows, input.asOf);
      return ctx.prisma.$transaction(
        async (tx: DbClient) => {
          const [notes, emails] = await Promise.all([
            tx.notification.findMany({ where: { kind: "training_reminder" }, select: { link: true } }),
            tx.emailOutbox.findMany({ where: { template: "training_reminder" }, select: { bodyText: true } }),
          ]);
          const sent = new Set<string>();
          for (const n of notes as { link: string | null }[]) {
            const key = n.link ? new URL(n.link, "http://x").searchParams.get("reminder") : null;
            if (key) sent.add(key);
          }
          for (const e of emails as { bodyText: string }[]) {
            const m = REMINDER_REF.exec(e.bodyText);
            if (m) sent.add(m[1]!);
          }
          const due = remindersDue(staff, courses.map(ruleCourse), completions, input.asOf, input.leadDays, { alreadySent: sent });
          const recipients = [...new Set(due.map((r) => r.recipientStaffId))];
          const contacts = await tx.staff.findMany({ where: { id: { in: recipients } }, select: { id: true, email: true, user: { select: { id: true, email: true } } } });
          const contactOf = new Map(contacts.map((c: { id: string; email: string | null; user: { id: string; email: string } | null }) => [c.id, c]));
          let notifications = 0;
          let outbox = 0;
          let noContact = 0;
          for (const r of due) {
            const c = contactOf.get(r.recipientStaffId) as { email: string | null; user: { id: string; email: string } | null } | undefined;
            const address = c?.email ?? c?.user?.email ?? null;
            if (!c?.user && !address) {
              noContact += 1;
              continue;
            }
            if (c?.user) {
              await tx.notification.create({ data: { userId: c.user.id, kind: "training_reminder", title: r.title, body: r.body, link: reminderLink(r.key) } });
              notifications += 1;
            }
            if (address) {
              await tx.emailOutbox.create({
                data: { to: address, subject: r.title, bodyText: `${r.body}\n\nSee your training: /training/my\n\nReminder reference: ${r.key}`, template: "training_reminder" },
              });
              outbox += 1;
            }
          }
          await audit(ctx, "reminders.run", { entityType: "Notification", entityIds: [], reason: `as of ${input.asOf}: ${due.length} due, ${notifications} notifications, ${outbox} emails, ${noContact} without contact` }, tx);
          return { asOf: input.asOf, due: due.length, notifications, emails: outbox, noContact, alreadySent: sent.size };
        },
        { timeout: 120_000 },
      );
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
      if (input.format === "csv") {
        return { filename: `${name}.csv`, contentType: "text/csv; charset=utf-8", base64: Buffer.from(`\uFEFF${toCsv(table)}`, "utf8").toString("base64") };
      }
      const wb = new ExcelJS.Workbook();
      wb.creator = "Evident";
      const ws = wb.addWorksheet("Table 26");
      ws.addRow([table.title]).font = { bold: true };
      ws.addRow([]);
      const head = ws.addRow(table.columns);
      head.font = { bold: true };
      for (const row of table.rows) ws.addRow(row.map((c) => c.value));
      ws.lastRow!.font = { bold: true };
      ws.getColumn(1).width = 58;
      ws.getColumn(2).width = 22;
      ws.getColumn(3).width = 22;
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      return { filename: `${name}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", base64: buffer.toString("base64") };
    }),
});
