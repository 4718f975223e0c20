/**
 * Multi-agency hub cases: the case (lead worker, 16-week plan, status), its
 * weekly visits, the three team-around-the-family meetings with the agencies
 * present and the actions agreed, the agencies involved with the family, and
 * the step-down plan. Everything is scoped to the caller's families (caseload
 * or team). Sharing the family's details from a meeting with an agency is a
 * share path: `hub.meetings.share` checks consent for every member of the
 * family (purpose `hub_multi_agency`), refuses without it unless a manager
 * records a safeguarding reason, and audits what went to whom.
 */
import type { DbClient } from "../../../db.js";
import { dateFromIso, hubPlan, hubProgress, notBefore, HUB_PLAN_WEEKS, ZById, ZHubCaseCreateInput, ZHubCaseListInput, ZHubCaseUpdateInput, type TMeetingKind } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyInScope, familyWhere } from "../scope.js";
import { badRequest, caseInScope, caseOut, caseSelect, checkLeadWorker, day, involvementOut, involvementSelect, iso, meetingOut, meetingSelect, stepDownOut, stepDownSelect, todayOf, visitOut, visitSelect } from "./shared.js";
import { meetingsRouter } from "./meetings.js";
import { actionsRouter } from "./actions.js";
import { visitsRouter } from "./visits.js";
import { agenciesRouter } from "./agencies.js";
import { stepDownRouter } from "./step-down.js";

export const hubRouter = router({
  list: authorised("hub:read")
    .input(ZHubCaseListInput)
    .query(async ({ ctx, input }) => {
      if (input.familyId) await familyInScope(ctx, input.familyId);
      const rows = await ctx.prisma.hubCase.findMany({
        where: {
          AND: [
            { family: familyWhere(ctx) },
            input.familyId ? { familyId: input.familyId } : {},
            input.status ? { status: input.status } : {},
            input.mine ? { leadWorkerId: ctx.user.staffId ?? "" } : {},
          ],
        },
        select: caseSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "hub.list", outcome: "success", entityType: "HubCase", entityIds: page.map((r) => r.id), fields: Object.keys(caseSelect) });
      return { items: page.map(caseOut), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("hub:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.hubCase.findFirst({
        where: { id: input.id, family: familyWhere(ctx) },
        select: {
          ...caseSelect,
          visits: { select: visitSelect, orderBy: { at: "asc" } },
          meetings: { select: meetingSelect, orderBy: { at: "asc" } },
          agencyInvolvements: { select: involvementSelect, orderBy: { fromDate: "asc" } },
          stepDownPlans: { select: stepDownSelect, orderBy: { agreedAt: "asc" } },
        },
      });
      if (!row) throw notFound("Hub case");
      const { visits, meetings, agencyInvolvements, stepDownPlans, ...hubCase } = row;
      const out = caseOut(hubCase);
      const progress = hubProgress({
        startDate: out.startDate,
        plannedEndDate: out.plannedEndDate,
        endDate: out.endDate,
        visits: visits.map((v: { at: Date }) => iso(v.at).slice(0, 10)),
        meetingsHeld: meetings.filter((m: { held: boolean }) => m.held).map((m: { kind: TMeetingKind }) => m.kind),
        today: todayOf(ctx),
      });
      await recordAudit(ctx, { action: "hub.get", outcome: "success", entityType: "HubCase", entityIds: [out.id, out.familyId], fields: [...Object.keys(caseSelect), "visits", "meetings", "agencyInvolvements", "stepDownPlans"] });
      return {
        ...out,
        progress,
        visits: visits.map(visitOut),
        meetings: meetings.map(meetingOut),
        agencyInvolvements: agencyInvolvements.map(involvementOut),
        stepDownPlans: stepDownPlans.map(stepDownOut),
      };
    }),

  create: authorised("hub:write")
    .input(ZHubCaseCreateInput)
    .mutation(async ({ ctx, input }) => {
      await familyInScope(ctx, input.familyId);
      const leadWorkerId = input.leadWorkerStaffId ?? ctx.user.staffId;
      if (!leadWorkerId) throw badRequest("Name the lead worker");
      await checkLeadWorker(ctx, leadWorkerId);
      if (input.programmeId) {
        const programme = await ctx.prisma.programme.findUnique({ where: { id: input.programmeId }, select: { kind: true } });
        if (!programme) throw notFound("Programme");
        if (programme.kind !== "hub") throw badRequest("The programme is not a hub programme");
      }
      const open = await ctx.prisma.hubCase.findFirst({ where: { familyId: input.familyId, status: "open" }, select: { id: true } });
      if (open) throw conflict("This family already has an open hub case");
      const plan = hubPlan(input.startDate, input.weeks);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.hubCase.create({
          data: { familyId: input.familyId, programmeId: input.programmeId ?? null, leadWorkerId, startDate: dateFromIso(plan.startDate), plannedEndDate: dateFromIso(plan.plannedEndDate) },
          select: caseSelect,
        });
        await recordAudit(ctx, { action: "hub.create", outcome: "success", entityType: "HubCase", entityIds: [row.id, input.familyId], fields: Object.keys(input) }, tx);
        return { ...caseOut(row), plan };
      });
    }),

  update: authorised("hub:write")
    .input(ZHubCaseUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await caseInScope(ctx, input.id);
      const p = input.patch;
      if (p.leadWorkerStaffId && p.leadWorkerStaffId !== existing.leadWorkerId) await checkLeadWorker(ctx, p.leadWorkerStaffId);
      const start = day(existing.startDate)!;
      const endDate = p.endDate !== undefined ? p.endDate : day(existing.endDate);
      const status = p.status ?? existing.status;
      if (p.plannedEndDate) {
        const latest = hubPlan(start, HUB_PLAN_WEEKS).plannedEndDate;
        if (!notBefore(start, p.plannedEndDate) || p.plannedEndDate === start || !notBefore(p.plannedEndDate, latest)) throw badRequest(`The plan ends after the start and within ${HUB_PLAN_WEEKS} weeks`);
      }
      if (endDate && !notBefore(start, endDate)) throw badRequest("The case cannot end before it started");
      if (status !== "open" && !endDate) throw badRequest("Give the end date when the case closes, steps down or escalates");
      if (status === "open" && endDate) throw badRequest("An open case has no end date");
      const { leadWorkerStaffId, ...rest } = p;
      const data: Record<string, unknown> = { ...rest, version: { increment: 1 } };
      if (leadWorkerStaffId) data.leadWorkerId = leadWorkerStaffId;
      if (p.plannedEndDate) data.plannedEndDate = dateFromIso(p.plannedEndDate);
      if (p.endDate !== undefined) data.endDate = p.endDate === null ? null : dateFromIso(p.endDate);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.hubCase.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.update", outcome: "success", entityType: "HubCase", entityIds: [input.id, existing.familyId], fields: Object.keys(p) }, tx);
        return caseOut(await tx.hubCase.findUniqueOrThrow({ where: { id: input.id }, select: caseSelect }));
      });
    }),

  visits: visitsRouter,
  meetings: meetingsRouter,
  actions: actionsRouter,
  agencies: agenciesRouter,
  stepDown: stepDownRouter,
});
