/**
 * Staff and their onboarding: the staff list with training statuses (managers
 * see their own team only), one person's training, adding a starter by hand
 * or from a roster CSV (dry run with line numbers, then all-or-nothing
 * commit), and a change of role. Assignments come from the core's
 * `assignForStarter` and `assignForRoleChange`.
 */
import { assignForRoleChange, assignForStarter, type TTrainingAssignment } from "@evident/core";
import { TRPCError } from "@trpc/server";
import Papa from "papaparse";
import { z } from "zod";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { audit, clip, trainingProcedure, ZAsOf, ZDate, ZId, ZLanguages, zLine, ZStaffRole } from "./common.js";
import { externalCompletionsOf } from "./completions.js";
import {
  assignerNames,
  dateOf,
  iso,
  loadAssignments,
  loadCourseCompletions,
  loadCourses,
  loadModuleCompletions,
  loadModules,
  loadPlans,
  loadStaff,
  planFor,
  ruleCourse,
  STAFF_ROLE_LABEL,
  STAFF_ROLES,
  staffSelect,
  staffWhere,
  todayIso,
  toRuleAssignment,
  toRulePlan,
  toRuleStaff,
  type PlanRow,
  type StaffRow,
  type TStaffRole,
} from "./data.js";
import { roleLabel, trainingPicture } from "./views.js";

const ZStarter = z
  .object({
    name: zLine(200),
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    role: ZStaffRole,
    jobTitle: zLine(200).optional(),
    teamId: ZId.nullable().optional(),
    startDate: ZDate,
    languages: ZLanguages.optional(),
  })
  .strict();
type TStarter = z.infer<typeof ZStarter>;

async function staffInScope(ctx: AuthedContext, id: string): Promise<StaffRow> {
  const row = await ctx.prisma.staff.findFirst({ where: { AND: [{ id }, staffWhere(ctx)] }, select: staffSelect });
  if (!row) throw notFound("Member of staff");
  return row as StaffRow;
}

/** Creates a starter and their plan's assignments (core `assignForStarter`) inside `tx`. */
async function createStarter(tx: DbClient, ctx: AuthedContext, input: TStarter, plans: readonly PlanRow[]) {
  const staff = (await tx.staff.create({
    data: {
      name: input.name,
      email: input.email ?? null,
      role: input.role as never,
      jobTitle: input.jobTitle ?? STAFF_ROLE_LABEL[input.role],
      teamId: input.teamId ?? null,
      startDate: dateOf(input.startDate),
      languages: input.languages && input.languages.length > 0 ? input.languages : ["English"],
    },
    select: staffSelect,
  })) as StaffRow;
  const plan = planFor(plans, input.role);
  let assignments: TTrainingAssignment[] = [];
  if (plan) {
    assignments = assignForStarter({ id: staff.id, role: toRuleStaff([staff], input.startDate)[0]!.role }, toRulePlan(plan), input.startDate);
    await tx.staffOnboardingPlan.create({ data: { staffId: staff.id, planId: plan.id, startedAt: dateOf(input.startDate) } });
    await tx.trainingAssignment.createMany({
      data: assignments.map((a) => ({
        staffId: staff.id,
        moduleId: a.kind === "module" ? a.itemId : null,
        courseId: a.kind === "course" ? a.itemId : null,
        planId: plan.id,
        assignedAt: dateOf(a.assignedOn),
        dueDate: dateOf(a.dueOn),
        assignedById: ctx.user.id,
      })),
    });
  }
  return { staff, plan, assignments };
}

// ───────────── roster CSV ─────────────

export const ROSTER_COLUMNS = ["name", "email", "role", "job_title", "team", "start_date", "languages"] as const;

export interface RosterProblem {
  line: number;
  column: string | null;
  message: string;
}

interface RosterRow {
  line: number;
  starter: TStarter;
  teamName: string | null;
}

const roleFrom = (text: string): TStaffRole | undefined => {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return STAFF_ROLES.find((r) => r === t || STAFF_ROLE_LABEL[r].toLowerCase().replace(/[\s-]+/g, "_") === t);
};

/** Parses and checks a roster against the database; every problem is listed with its line (line 1 is the header). */
async function checkRoster(db: DbClient, csv: string): Promise<{ rows: RosterRow[]; problems: RosterProblem[] }> {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const problems: RosterProblem[] = [];
  const records = parsed.data;
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  const missing = ["name", "role", "start_date"].filter((c) => !header.includes(c));
  if (records.length === 0 || missing.length > 0) {
    problems.push({ line: 1, column: null, message: `The first line must name the columns; missing: ${missing.join(", ") || "all"}. Expected: ${ROSTER_COLUMNS.join(", ")}.` });
    return { rows: [], problems };
  }
  const unknown = header.filter((h) => h && !(ROSTER_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) problems.push({ line: 1, column: null, message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.` });
  for (const e of parsed.errors.slice(0, 50)) {
    if (e.code === "UndetectableDelimiter") continue;
    problems.push({ line: (e.row ?? 0) + 1, column: null, message: e.message });
  }
  const teams = await db.team.findMany({ select: { id: true, name: true } });
  const teamByName = new Map(teams.map((t: { id: string; name: string }) => [t.name.trim().toLowerCase(), t.id]));
  const rows: RosterRow[] = [];
  const emails = new Map<string, number>();
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    const line = i + 1;
    if (rec.every((v) => v.trim() === "")) continue;
    if (rows.length >= 2000) {
      problems.push({ line, column: null, message: "A roster can add at most 2,000 people at a time." });
      break;
    }
    const get = (col: string) => {
      const at = header.indexOf(col);
      return at >= 0 ? (rec[at] ?? "").trim() : "";
    };
    const rowProblems: RosterProblem[] = [];
    const role = roleFrom(get("role"));
    if (!role) rowProblems.push({ line, column: "role", message: `"${get("role").slice(0, 40)}" is not a job role. Use one of: ${STAFF_ROLES.join(", ")}.` });
    const teamName = get("team");
    const teamId = teamName ? teamByName.get(teamName.toLowerCase()) : null;
    if (teamName && !teamId) rowProblems.push({ line, column: "team", message: `There is no team called "${teamName.slice(0, 80)}".` });
    const candidate = {
      name: get("name"),
      ...(get("email") ? { email: get("email") } : {}),
      role: role ?? "business_support",
      ...(get("job_title") ? { jobTitle: get("job_title") } : {}),
      teamId: teamId ?? null,
      startDate: get("start_date"),
      ...(get("languages") ? { languages: get("languages").split(/[;|]/).map((s) => s.trim()).filter(Boolean) } : {}),
    };
    const result = ZStarter.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? "");
        const column = { name: "name", email: "email", jobTitle: "job_title", startDate: "start_date", languages: "languages" }[key] ?? null;
        const message = key === "startDate" ? "Enter the start date as YYYY-MM-DD, a real date." : key === "name" ? "Enter the person's name." : key === "email" ? "Enter a valid email address, or leave it empty." : issue.message;
        rowProblems.push({ line, column, message });
      }
    } else if (result.data.email) {
      const first = emails.get(result.data.email);
      if (first) rowProblems.push({ line, column: "email", message: `The same email address is on line ${first}.` });
      else emails.set(result.data.email, line);
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (result.success) rows.push({ line, starter: result.data, teamName: teamName || null });
  }
  if (emails.size > 0) {
    const taken = await db.staff.findMany({ where: { email: { in: [...emails.keys()] } }, select: { email: true } });
    for (const t of taken as { email: string }[]) problems.push({ line: emails.get(t.email)!, column: "email", message: `Someone with the email address ${t.email} is already on the staff list.` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

export const staffRouter = router({
  list: trainingProcedure("training:read")
    .input(
      z
        .object({ asOf: ZAsOf, teamId: ZId.optional(), role: ZStaffRole.optional(), search: zLine(100).optional(), includeLeavers: z.boolean().optional(), soonDays: z.number().int().min(1).max(365).optional() })
        .strict()
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const asOf = input?.asOf ?? todayIso(ctx.now);
      const where: Record<string, unknown>[] = [staffWhere(ctx)];
      if (input?.teamId) where.push({ teamId: input.teamId });
      if (input?.role) where.push({ role: input.role });
      if (input?.search) where.push({ name: { contains: input.search, mode: "insensitive" } });
      if (!input?.includeLeavers) where.push({ OR: [{ leaveDate: null }, { leaveDate: { gte: dateOf(asOf) } }] });
      where.push({ startDate: { lte: dateOf(asOf) } });
      const staff = await loadStaff(ctx.prisma, { AND: where });
      const ids = staff.map((s) => s.id);
      const [courses, modules, assignments, completions, moduleCompletions, teams] = await Promise.all([
        loadCourses(ctx.prisma, { activeOnly: true }),
        loadModules(ctx.prisma),
        loadAssignments(ctx.prisma, ids),
        loadCourseCompletions(ctx.prisma, ids),
        loadModuleCompletions(ctx.prisma, ids),
        ctx.prisma.team.findMany({ select: { id: true, name: true } }),
      ]);
      const teamName = new Map(teams.map((t: { id: string; name: string }) => [t.id, t.name]));
      const picture = trainingPicture(staff, courses, modules, assignments, completions, moduleCompletions, asOf, input?.soonDays ?? 30);
      await audit(ctx, "staff.list", { entityType: "Staff", entityIds: clip(ids) });
      return {
        asOf,
        items: staff.map((s) => {
          const p = picture.byStaff.get(s.id)!;
          const mandatory = p.courses.filter((c) => c.mandatory);
          return {
            id: s.id,
            name: s.name,
            role: s.role,
            roleLabel: roleLabel(s.role),
            jobTitle: s.jobTitle,
            teamId: s.teamId,
            team: s.teamId ? (teamName.get(s.teamId) ?? null) : null,
            startDate: iso(s.startDate),
            leaveDate: s.leaveDate ? iso(s.leaveDate) : null,
            mandatoryValid: mandatory.filter((c) => c.status === "valid" || c.status === "expiring_soon").length,
            mandatoryTotal: mandatory.length,
            expiringSoon: mandatory.filter((c) => c.status === "expiring_soon").length,
            open: p.assignments.filter((a) => a.state !== "done").length,
            overdue: p.assignments.filter((a) => a.state === "overdue").length,
            dueSoon: p.assignments.filter((a) => a.state === "due_soon").length,
          };
        }),
      };
    }),

  get: trainingProcedure("training:read")
    .input(z.object({ id: ZId, asOf: ZAsOf }).strict())
    .query(async ({ ctx, input }) => {
      const asOf = input.asOf ?? todayIso(ctx.now);
      const s = await staffInScope(ctx, input.id);
      const [courses, modules, assignments, completions, moduleCompletions, team] = await Promise.all([
        loadCourses(ctx.prisma, { activeOnly: true }),
        loadModules(ctx.prisma),
        loadAssignments(ctx.prisma, [s.id]),
        loadCourseCompletions(ctx.prisma, [s.id]),
        loadModuleCompletions(ctx.prisma, [s.id]),
        s.teamId ? ctx.prisma.team.findUnique({ where: { id: s.teamId }, select: { id: true, name: true } }) : null,
      ]);
      const [assigners, external] = await Promise.all([assignerNames(ctx.prisma, assignments), externalCompletionsOf(ctx.prisma, s.id, courses)]);
      const p = trainingPicture([s], courses, modules, assignments, completions, moduleCompletions, asOf, 30, assigners).byStaff.get(s.id)!;
      await audit(ctx, "staff.get", { entityType: "Staff", entityIds: [s.id], fields: Object.keys(staffSelect) });
      return {
        asOf,
        staff: { id: s.id, name: s.name, email: s.email, role: s.role, roleLabel: roleLabel(s.role), jobTitle: s.jobTitle, team, startDate: iso(s.startDate), leaveDate: s.leaveDate ? iso(s.leaveDate) : null, languages: s.languages, version: s.version },
        assignments: p.assignments,
        courses: p.courses,
        externalCompletions: external,
      };
    }),

  addStarter: trainingProcedure("training:write")
    .input(ZStarter)
    .mutation(async ({ ctx, input }) => {
      if (input.teamId && !(await ctx.prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } }))) throw notFound("Team");
      const plans = await loadPlans(ctx.prisma);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { staff, plan, assignments } = await createStarter(tx, ctx, input, plans);
        await audit(ctx, "staff.addStarter", { entityType: "Staff", entityIds: [staff.id], fields: Object.keys(input) }, tx);
        return { staffId: staff.id, name: staff.name, plan: plan ? { id: plan.id, name: plan.name } : null, assignments: assignments.map((a) => ({ kind: a.kind, itemId: a.itemId, dueOn: a.dueOn })) };
      });
    }),

  importRoster: trainingProcedure("training:write")
    .input(z.object({ csv: z.string().min(1).max(400_000), mode: z.enum(["dry_run", "commit"]) }).strict())
    .mutation(async ({ ctx, input }) => {
      const { rows, problems } = await checkRoster(ctx.prisma, input.csv);
      const plans = await loadPlans(ctx.prisma);
      const preview = rows.map((r) => {
        const plan = planFor(plans, r.starter.role);
        return { line: r.line, name: r.starter.name, email: r.starter.email ?? null, role: r.starter.role, roleLabel: STAFF_ROLE_LABEL[r.starter.role], team: r.teamName, startDate: r.starter.startDate, plan: plan?.name ?? null, items: plan ? toRulePlan(plan).items.length : 0 };
      });
      if (input.mode === "dry_run" || problems.length > 0 || rows.length === 0) {
        await audit(ctx, "staff.importRoster", { entityType: "Staff", entityIds: [], reason: `${input.mode}: ${rows.length} valid rows, ${problems.length} problems; nothing imported` });
        return { committed: false, mode: input.mode, rows: preview, problems: problems.slice(0, 500), problemCount: problems.length, created: 0 };
      }
      // All or nothing: one transaction for every row.
      const created = await ctx.prisma.$transaction(
        async (tx: DbClient) => {
          const ids: string[] = [];
          for (const r of rows) ids.push((await createStarter(tx, ctx, r.starter, plans)).staff.id);
          await audit(ctx, "staff.importRoster", { entityType: "Staff", entityIds: clip(ids), reason: `commit: ${ids.length} starters` }, tx);
          return ids.length;
        },
        { timeout: 120_000 },
      );
      return { committed: true, mode: input.mode, rows: preview, problems: [], problemCount: 0, created };
    }),

  changeRole: trainingProcedure("training:write")
    .input(z.object({ id: ZId, version: z.number().int().min(0), role: ZStaffRole, date: ZDate, jobTitle: zLine(200).optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      const s = await staffInScope(ctx, input.id);
      if (s.role === input.role) throw new TRPCError({ code: "BAD_REQUEST", message: "That is already their role" });
      const [courses, plans, assignments, completions, moduleCompletions] = await Promise.all([
        loadCourses(ctx.prisma, { activeOnly: true }),
        loadPlans(ctx.prisma),
        loadAssignments(ctx.prisma, [s.id]),
        loadCourseCompletions(ctx.prisma, [s.id]),
        loadModuleCompletions(ctx.prisma, [s.id]),
      ]);
      const [ruleStaff] = toRuleStaff([s], input.date);
      const added = assignForRoleChange(
        ruleStaff!,
        ruleStaff!.role,
        toRuleStaff([{ ...s, role: input.role }], input.date)[0]!.role,
        assignments.map((a) => toRuleAssignment(a, s.role)),
        completions,
        input.date,
        { plans: plans.map(toRulePlan), courses: courses.map(ruleCourse), moduleCompletions },
      );
      const plan = planFor(plans, input.role);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.staff.updateMany({
          where: { id: s.id, version: input.version },
          data: { role: input.role as never, jobTitle: input.jobTitle ?? STAFF_ROLE_LABEL[input.role], version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        await tx.trainingAssignment.createMany({
          data: added.map((a) => ({
            staffId: s.id,
            moduleId: a.kind === "module" ? a.itemId : null,
            courseId: a.kind === "course" ? a.itemId : null,
            planId: null,
            source: "role_change" as const,
            assignedAt: dateOf(a.assignedOn),
            dueDate: dateOf(a.dueOn),
            assignedById: ctx.user.id,
          })),
        });
        if (plan && !(await tx.staffOnboardingPlan.findUnique({ where: { staffId_planId: { staffId: s.id, planId: plan.id } }, select: { id: true } }))) {
          await tx.staffOnboardingPlan.create({ data: { staffId: s.id, planId: plan.id, startedAt: dateOf(input.date) } });
        }
        await audit(ctx, "staff.changeRole", { entityType: "Staff", entityIds: [s.id], fields: ["role", "jobTitle"] }, tx);
        return { staffId: s.id, from: s.role, to: input.role, added: added.map((a) => ({ kind: a.kind, itemId: a.itemId, dueOn: a.dueOn })) };
      });
    }),
});
