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
import {
  dateFromIso,
  hubPlan,
  hubProgress,
  isoFromDate,
  caseEventProblem,
  meetingKindProblem,
  notBefore,
  HUB_PLAN_WEEKS,
  ZActionCreateInput,
  ZActionUpdateInput,
  ZAgencyInvolvementCreateInput,
  ZAgencyInvolvementUpdateInput,
  ZById,
  ZHubCaseCreateInput,
  ZHubCaseListInput,
  ZHubCaseUpdateInput,
  ZHubVisitCreateInput,
  ZHubVisitUpdateInput,
  ZMeetingCreateInput,
  ZMeetingListInput,
  ZMeetingShareInput,
  ZMeetingUpdateInput,
  ZStepDownCreateInput,
  ZStepDownUpdateInput,
  type TAgency,
  type TMeetingKind,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, fieldProblems, forbidden, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { consentIdsOf, decideConsent, notifyOverride, requireConsent, shareAuditReason } from "../consent/share.js";
import { familyInScope, familyWhere, type AuthedContext } from "../scope.js";

const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });
const todayOf = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);
const iso = (d: Date) => d.toISOString();
const day = (d: Date | null) => isoFromDate(d);

const caseSelect = {
  id: true,
  familyId: true,
  programmeId: true,
  leadWorkerId: true,
  startDate: true,
  plannedEndDate: true,
  endDate: true,
  status: true,
  closureReason: true,
  version: true,
  updatedAt: true,
  family: { select: { reference: true, name: true } },
  leadWorker: { select: { id: true, name: true } },
} as const;

type CaseRow = { id: string; familyId: string; startDate: Date; plannedEndDate: Date; endDate: Date | null; updatedAt: Date } & Record<string, unknown>;

function caseOut<T extends CaseRow>(row: T) {
  return { ...row, startDate: day(row.startDate)!, plannedEndDate: day(row.plannedEndDate)!, endDate: day(row.endDate), updatedAt: iso(row.updatedAt) };
}

const visitSelect = { id: true, hubCaseId: true, staffId: true, at: true, mode: true, notes: true, outsidePlanReason: true, version: true } as const;
const visitOut = <T extends { at: Date }>(v: T) => ({ ...v, at: iso(v.at) });

const actionSelect = { id: true, meetingId: true, description: true, ownerStaffId: true, ownerAgency: true, dueDate: true, doneAt: true, version: true } as const;
const actionOut = <T extends { dueDate: Date | null; doneAt: Date | null }>(a: T) => ({ ...a, dueDate: day(a.dueDate), doneAt: a.doneAt ? iso(a.doneAt) : null, done: a.doneAt !== null });

const meetingSelect = {
  id: true,
  hubCaseId: true,
  kind: true,
  at: true,
  held: true,
  notes: true,
  outsidePlanReason: true,
  version: true,
  agencies: { select: { agency: true, attendee: true, attended: true }, orderBy: { agency: "asc" } },
  actions: { select: actionSelect, orderBy: { id: "asc" } },
} as const;

const meetingOut = <T extends { at: Date; actions: { dueDate: Date | null; doneAt: Date | null }[] }>(m: T) => ({ ...m, at: iso(m.at), actions: m.actions.map(actionOut) });

const involvementSelect = { id: true, familyId: true, hubCaseId: true, agency: true, role: true, fromDate: true, toDate: true, version: true } as const;
const involvementOut = <T extends { fromDate: Date; toDate: Date | null }>(a: T) => ({ ...a, fromDate: day(a.fromDate)!, toDate: day(a.toDate) });

const stepDownSelect = { id: true, familyId: true, hubCaseId: true, agreedAt: true, toService: true, reviewDate: true, notes: true, version: true } as const;
const stepDownOut = <T extends { agreedAt: Date; reviewDate: Date | null }>(s: T) => ({ ...s, agreedAt: day(s.agreedAt)!, reviewDate: day(s.reviewDate) });

/** A hub case in the caller's scope, or NOT_FOUND. */
async function caseInScope(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.hubCase.findFirst({
    where: { id, family: familyWhere(ctx) },
    select: { id: true, familyId: true, startDate: true, plannedEndDate: true, endDate: true, status: true, leadWorkerId: true, family: { select: { teamId: true } } },
  });
  if (!row) throw notFound("Hub case");
  return row as { id: string; familyId: string; startDate: Date; plannedEndDate: Date; endDate: Date | null; status: string; leadWorkerId: string; family: { teamId: string | null } };
}

async function meetingInScope(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.tafMeeting.findFirst({
    where: { id, hubCase: { family: familyWhere(ctx) } },
    select: { id: true, hubCaseId: true, kind: true, at: true, hubCase: { select: { familyId: true, family: { select: { teamId: true, reference: true, name: true } } } } },
  });
  if (!row) throw notFound("Meeting");
  return row as { id: string; hubCaseId: string; kind: TMeetingKind; at: Date; hubCase: { familyId: string; family: { teamId: string | null; reference: string; name: string } } };
}

/** Refuses a visit or meeting that does not fit its case (the core's `caseEventProblem`), naming the field. */
async function checkCaseEvent(ctx: AuthedContext, hubCaseId: string, event: { what: "visit" | "meeting"; at: string; happened: boolean; outsidePlanReason?: string | null }) {
  const c = await ctx.prisma.hubCase.findUniqueOrThrow({ where: { id: hubCaseId }, select: { startDate: true, endDate: true, plannedEndDate: true } });
  const problem = caseEventProblem({
    what: event.what,
    day: event.at.slice(0, 10),
    case: { start: isoFromDate(c.startDate)!, end: isoFromDate(c.endDate), plannedEnd: isoFromDate(c.plannedEndDate) },
    today: ctx.now.toISOString().slice(0, 10),
    happened: event.happened,
    outsidePlanReason: event.outsidePlanReason,
  });
  if (problem) throw fieldProblems([problem]);
}

/** The lead worker: a current member of staff; only a manager names someone other than themselves. */
async function checkLeadWorker(ctx: AuthedContext, staffId: string) {
  const staff = await ctx.prisma.staff.findUnique({ where: { id: staffId }, select: { id: true, leaveDate: true } });
  if (!staff || (staff.leaveDate && staff.leaveDate < dateFromIso(todayOf(ctx)))) throw notFound("Member of staff");
  if (staffId !== ctx.user.staffId && ctx.user.role !== "manager") throw forbidden("Only a manager can make someone else the lead worker");
}

async function checkStaffExists(ctx: AuthedContext, staffId: string) {
  const staff = await ctx.prisma.staff.findUnique({ where: { id: staffId }, select: { id: true } });
  if (!staff) throw notFound("Member of staff");
}

/** The people whose details a share from the family's record would include: the family's current members. */
async function familyPeople(ctx: AuthedContext, familyId: string) {
  const today = dateFromIso(todayOf(ctx));
  const members = await ctx.prisma.familyMember.findMany({
    where: { familyId, OR: [{ toDate: null }, { toDate: { gte: today } }] },
    select: { role: true, person: { select: { id: true, firstName: true, lastName: true, birthDate: true, kind: true } } },
    orderBy: { id: "asc" },
  });
  const seen = new Set<string>();
  const out: { id: string; firstName: string; lastName: string; birthDate: string | null; kind: string; familyRole: string }[] = [];
  for (const m of members as { role: string; person: { id: string; firstName: string; lastName: string; birthDate: Date | null; kind: string } }[]) {
    if (seen.has(m.person.id)) continue;
    seen.add(m.person.id);
    out.push({ ...m.person, birthDate: day(m.person.birthDate), familyRole: m.role });
  }
  return out;
}

const meetingsRouter = router({
  list: authorised("hub:read")
    .input(ZMeetingListInput)
    .query(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      const rows = await ctx.prisma.tafMeeting.findMany({ where: { hubCaseId: hubCase.id }, select: meetingSelect, orderBy: { at: "asc" } });
      await recordAudit(ctx, { action: "hub.meetings.list", outcome: "success", entityType: "TafMeeting", entityIds: [hubCase.id, ...rows.map((r) => r.id)], fields: Object.keys(meetingSelect) });
      return rows.map(meetingOut);
    }),

  /** A meeting, its agencies and actions, and which of the agencies present may receive the family's details now. */
  get: authorised("hub:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const meeting = await meetingInScope(ctx, input.id);
      const row = await ctx.prisma.tafMeeting.findUniqueOrThrow({ where: { id: meeting.id }, select: meetingSelect });
      const people = await familyPeople(ctx, meeting.hubCase.familyId);
      const sharing = [];
      for (const a of row.agencies) {
        const outcome = await decideConsent(ctx, { personIds: people.map((p) => p.id), purpose: "hub_multi_agency", recipientAgency: a.agency as TAgency });
        sharing.push({ agency: a.agency, mayShare: outcome.allowed, peopleWithoutConsent: outcome.decisions.filter((d) => !d.decision.allowed).map((d) => d.personId) });
      }
      await recordAudit(ctx, { action: "hub.meetings.get", outcome: "success", entityType: "TafMeeting", entityIds: [row.id, row.hubCaseId], fields: [...Object.keys(meetingSelect), "sharing"] });
      return { ...meetingOut(row), sharing };
    }),

  create: authorised("hub:write")
    .input(ZMeetingCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      const existing = await ctx.prisma.tafMeeting.findMany({ where: { hubCaseId: hubCase.id }, select: { kind: true } });
      const problem = meetingKindProblem(existing.map((m: { kind: TMeetingKind }) => m.kind), input.kind);
      if (problem) throw problem.includes("already") ? conflict(`This case already has ${input.kind === "initial" ? "an" : "a"} ${input.kind.replace("_", "-")} meeting`) : badRequest(problem);
      await checkCaseEvent(ctx, hubCase.id, { what: "meeting", at: input.at, happened: input.held, outsidePlanReason: input.outsidePlanReason });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.tafMeeting.create({
          data: {
            hubCaseId: hubCase.id,
            kind: input.kind,
            at: new Date(input.at),
            held: input.held,
            notes: input.notes ?? null,
            outsidePlanReason: input.outsidePlanReason ?? null,
            agencies: { create: input.agencies.map((a) => ({ agency: a.agency, attendee: a.attendee ?? null, attended: a.attended })) },
          },
          select: meetingSelect,
        });
        await recordAudit(ctx, { action: "hub.meetings.create", outcome: "success", entityType: "TafMeeting", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return meetingOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZMeetingUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const meeting = await meetingInScope(ctx, input.id);
      const { agencies, at, ...rest } = input.patch;
      if (at !== undefined || input.patch.held !== undefined || input.patch.outsidePlanReason !== undefined) {
        const current = await ctx.prisma.tafMeeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { at: true, held: true, outsidePlanReason: true } });
        await checkCaseEvent(ctx, meeting.hubCaseId, {
          what: "meeting",
          at: at ?? current.at.toISOString(),
          happened: input.patch.held ?? current.held,
          outsidePlanReason: input.patch.outsidePlanReason === undefined ? current.outsidePlanReason : input.patch.outsidePlanReason,
        });
      }
      const data: Record<string, unknown> = { ...rest, version: { increment: 1 } };
      if (at) data.at = new Date(at);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.tafMeeting.updateMany({ where: { id: meeting.id, version: input.version }, data });
        if (count === 0) throw conflict();
        if (agencies) {
          await tx.meetingAgency.deleteMany({ where: { meetingId: meeting.id } });
          if (agencies.length > 0) await tx.meetingAgency.createMany({ data: agencies.map((a) => ({ meetingId: meeting.id, agency: a.agency, attendee: a.attendee ?? null, attended: a.attended })) });
        }
        await recordAudit(ctx, { action: "hub.meetings.update", outcome: "success", entityType: "TafMeeting", entityIds: [meeting.id, meeting.hubCaseId], fields: Object.keys(input.patch) }, tx);
        return meetingOut(await tx.tafMeeting.findUniqueOrThrow({ where: { id: meeting.id }, select: meetingSelect }));
      });
    }),

  /**
   * Shares the family's details (names, dates of birth, roles; never contact
   * details) and the actions the agency owns with an agency present at the
   * meeting. Every current member of the family needs consent in force for
   * `hub_multi_agency` to that agency, unless a manager records a safeguarding
   * reason. Audited with the people, the consent records and any reason.
   */
  share: authorised("hub:write")
    .input(ZMeetingShareInput)
    .mutation(async ({ ctx, input }) => {
      const meeting = await meetingInScope(ctx, input.meetingId);
      const present = await ctx.prisma.meetingAgency.findFirst({ where: { meetingId: meeting.id, agency: input.agency }, select: { id: true } });
      if (!present) throw badRequest("This agency is not recorded at the meeting");
      const people = await familyPeople(ctx, meeting.hubCase.familyId);
      const check = { personIds: people.map((p) => p.id), purpose: "hub_multi_agency" as const, recipientAgency: input.agency, override: input.override };
      const outcome = await requireConsent(ctx, check, "hub.meetings.share", [meeting.id, meeting.hubCase.familyId]);
      const actions = await ctx.prisma.meetingAction.findMany({ where: { meetingId: meeting.id, ownerAgency: input.agency }, select: actionSelect, orderBy: { id: "asc" } });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        await recordAudit(
          ctx,
          {
            action: "hub.meetings.share",
            outcome: "success",
            entityType: "TafMeeting",
            entityIds: [meeting.id, meeting.hubCase.familyId, ...consentIdsOf(outcome)],
            personIds: people.map((p) => p.id),
            fields: ["firstName", "lastName", "birthDate", "familyRole", "actions"],
            reason: shareAuditReason(outcome, check),
          },
          tx,
        );
        if (outcome.overridden) await notifyOverride(ctx, tx, meeting.hubCase.family.teamId, `/hub/${meeting.hubCaseId}`);
        return {
          agency: input.agency,
          basis: outcome.overridden ? ("override" as const) : ("consent" as const),
          sharedAt: iso(ctx.now),
          meeting: { id: meeting.id, kind: meeting.kind, at: iso(meeting.at) },
          family: { reference: meeting.hubCase.family.reference, name: meeting.hubCase.family.name },
          people,
          actions: actions.map(actionOut),
        };
      });
    }),
});

const actionsRouter = router({
  create: authorised("hub:write")
    .input(ZActionCreateInput)
    .mutation(async ({ ctx, input }) => {
      const meeting = await meetingInScope(ctx, input.meetingId);
      if (input.ownerStaffId) await checkStaffExists(ctx, input.ownerStaffId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.meetingAction.create({
          data: { meetingId: meeting.id, description: input.description, ownerStaffId: input.ownerStaffId ?? null, ownerAgency: input.ownerAgency ?? null, dueDate: input.dueDate ? dateFromIso(input.dueDate) : null },
          select: actionSelect,
        });
        await recordAudit(ctx, { action: "hub.actions.create", outcome: "success", entityType: "MeetingAction", entityIds: [row.id, meeting.id, meeting.hubCaseId], fields: Object.keys(input) }, tx);
        return actionOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZActionUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.meetingAction.findFirst({ where: { id: input.id, meeting: { hubCase: { family: familyWhere(ctx) } } }, select: { id: true, meetingId: true, ownerStaffId: true, ownerAgency: true } });
      if (!existing) throw notFound("Action");
      const { done, dueDate, ...rest } = input.patch;
      if (rest.ownerStaffId) await checkStaffExists(ctx, rest.ownerStaffId);
      const ownerStaff = rest.ownerStaffId !== undefined ? rest.ownerStaffId : existing.ownerStaffId;
      const ownerAgency = rest.ownerAgency !== undefined ? rest.ownerAgency : existing.ownerAgency;
      if (!ownerStaff && !ownerAgency) throw badRequest("An action needs an owner: a member of staff or an agency");
      const data: Record<string, unknown> = { ...rest, version: { increment: 1 } };
      if (dueDate !== undefined) data.dueDate = dueDate === null ? null : dateFromIso(dueDate);
      if (done !== undefined) data.doneAt = done ? ctx.now : null;
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.meetingAction.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.actions.update", outcome: "success", entityType: "MeetingAction", entityIds: [input.id, existing.meetingId], fields: Object.keys(input.patch) }, tx);
        return actionOut(await tx.meetingAction.findUniqueOrThrow({ where: { id: input.id }, select: actionSelect }));
      });
    }),
});

const visitsRouter = router({
  create: authorised("hub:write")
    .input(ZHubVisitCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      await checkCaseEvent(ctx, hubCase.id, { what: "visit", at: input.at, happened: true, outsidePlanReason: input.outsidePlanReason });
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.hubVisit.create({ data: { hubCaseId: hubCase.id, staffId: ctx.user.staffId, at: new Date(input.at), mode: input.mode, notes: input.notes ?? null, outsidePlanReason: input.outsidePlanReason ?? null }, select: visitSelect });
        await recordAudit(ctx, { action: "hub.visits.create", outcome: "success", entityType: "HubVisit", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return visitOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZHubVisitUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.hubVisit.findFirst({ where: { id: input.id, hubCase: { family: familyWhere(ctx) } }, select: { id: true, hubCaseId: true, at: true, outsidePlanReason: true } });
      if (!existing) throw notFound("Visit");
      if (input.patch.at !== undefined || input.patch.outsidePlanReason !== undefined) {
        await checkCaseEvent(ctx, existing.hubCaseId, {
          what: "visit",
          at: input.patch.at ?? existing.at.toISOString(),
          happened: true,
          outsidePlanReason: input.patch.outsidePlanReason === undefined ? existing.outsidePlanReason : input.patch.outsidePlanReason,
        });
      }
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.at) data.at = new Date(input.patch.at);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.hubVisit.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.visits.update", outcome: "success", entityType: "HubVisit", entityIds: [input.id, existing.hubCaseId], fields: Object.keys(input.patch) }, tx);
        return visitOut(await tx.hubVisit.findUniqueOrThrow({ where: { id: input.id }, select: visitSelect }));
      });
    }),
});

const agenciesRouter = router({
  create: authorised("hub:write")
    .input(ZAgencyInvolvementCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.agencyInvolvement.create({
          data: { familyId: hubCase.familyId, hubCaseId: hubCase.id, agency: input.agency, role: input.role ?? null, fromDate: dateFromIso(input.fromDate), toDate: input.toDate ? dateFromIso(input.toDate) : null },
          select: involvementSelect,
        });
        await recordAudit(ctx, { action: "hub.agencies.create", outcome: "success", entityType: "AgencyInvolvement", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return involvementOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZAgencyInvolvementUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.agencyInvolvement.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: { id: true, fromDate: true, toDate: true } });
      if (!existing) throw notFound("Agency involvement");
      const from = input.patch.fromDate ?? day(existing.fromDate)!;
      const to = input.patch.toDate !== undefined ? input.patch.toDate : day(existing.toDate);
      if (to && !notBefore(from, to)) throw badRequest("The end date must not be before the start date");
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.fromDate) data.fromDate = dateFromIso(input.patch.fromDate);
      if (input.patch.toDate !== undefined) data.toDate = input.patch.toDate === null ? null : dateFromIso(input.patch.toDate);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.agencyInvolvement.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.agencies.update", outcome: "success", entityType: "AgencyInvolvement", entityIds: [input.id], fields: Object.keys(input.patch) }, tx);
        return involvementOut(await tx.agencyInvolvement.findUniqueOrThrow({ where: { id: input.id }, select: involvementSelect }));
      });
    }),
});

const stepDownRouter = router({
  create: authorised("hub:write")
    .input(ZStepDownCreateInput)
    .mutation(async ({ ctx, input }) => {
      const hubCase = await caseInScope(ctx, input.hubCaseId);
      if (!notBefore(day(hubCase.startDate)!, input.agreedAt)) throw badRequest("The step-down plan cannot be agreed before the case started");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.stepDownPlan.create({
          data: { familyId: hubCase.familyId, hubCaseId: hubCase.id, agreedAt: dateFromIso(input.agreedAt), toService: input.toService, reviewDate: input.reviewDate ? dateFromIso(input.reviewDate) : null, notes: input.notes ?? null },
          select: stepDownSelect,
        });
        await recordAudit(ctx, { action: "hub.stepDown.create", outcome: "success", entityType: "StepDownPlan", entityIds: [row.id, hubCase.id, hubCase.familyId], fields: Object.keys(input) }, tx);
        return stepDownOut(row);
      });
    }),

  update: authorised("hub:write")
    .input(ZStepDownUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.stepDownPlan.findFirst({ where: { id: input.id, family: familyWhere(ctx) }, select: { id: true, agreedAt: true } });
      if (!existing) throw notFound("Step-down plan");
      if (input.patch.reviewDate && !notBefore(day(existing.agreedAt)!, input.patch.reviewDate)) throw badRequest("The review must not be before the plan is agreed");
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.reviewDate !== undefined) data.reviewDate = input.patch.reviewDate === null ? null : dateFromIso(input.patch.reviewDate);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.stepDownPlan.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "hub.stepDown.update", outcome: "success", entityType: "StepDownPlan", entityIds: [input.id], fields: Object.keys(input.patch) }, tx);
        return stepDownOut(await tx.stepDownPlan.findUniqueOrThrow({ where: { id: input.id }, select: stepDownSelect }));
      });
    }),
});

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
