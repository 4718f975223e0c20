/** What the hub case procedures share: the selects and output shapes, the scope checks and the checks against the case. */
import { dateFromIso, isoFromDate, caseEventProblem, type TMeetingKind } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { fieldProblems, forbidden, notFound } from "../../errors.js";
import { familyWhere, type AuthedContext } from "../scope.js";

export const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });
export const todayOf = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);
export const iso = (d: Date) => d.toISOString();
export const day = (d: Date | null) => isoFromDate(d);

export const caseSelect = {
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

export type CaseRow = { id: string; familyId: string; startDate: Date; plannedEndDate: Date; endDate: Date | null; updatedAt: Date } & Record<string, unknown>;

export function caseOut<T extends CaseRow>(row: T) {
  return { ...row, startDate: day(row.startDate)!, plannedEndDate: day(row.plannedEndDate)!, endDate: day(row.endDate), updatedAt: iso(row.updatedAt) };
}

export const visitSelect = { id: true, hubCaseId: true, staffId: true, at: true, mode: true, notes: true, outsidePlanReason: true, version: true } as const;
export const visitOut = <T extends { at: Date }>(v: T) => ({ ...v, at: iso(v.at) });

export const actionSelect = { id: true, meetingId: true, description: true, ownerStaffId: true, ownerAgency: true, dueDate: true, doneAt: true, version: true } as const;
export const actionOut = <T extends { dueDate: Date | null; doneAt: Date | null }>(a: T) => ({ ...a, dueDate: day(a.dueDate), doneAt: a.doneAt ? iso(a.doneAt) : null, done: a.doneAt !== null });

export const meetingSelect = {
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

export const meetingOut = <T extends { at: Date; actions: { dueDate: Date | null; doneAt: Date | null }[] }>(m: T) => ({ ...m, at: iso(m.at), actions: m.actions.map(actionOut) });

export const involvementSelect = { id: true, familyId: true, hubCaseId: true, agency: true, role: true, fromDate: true, toDate: true, version: true } as const;
export const involvementOut = <T extends { fromDate: Date; toDate: Date | null }>(a: T) => ({ ...a, fromDate: day(a.fromDate)!, toDate: day(a.toDate) });

export const stepDownSelect = { id: true, familyId: true, hubCaseId: true, agreedAt: true, toService: true, reviewDate: true, notes: true, version: true } as const;
export const stepDownOut = <T extends { agreedAt: Date; reviewDate: Date | null }>(s: T) => ({ ...s, agreedAt: day(s.agreedAt)!, reviewDate: day(s.reviewDate) });

/** A hub case in the caller's scope, or NOT_FOUND. */
export async function caseInScope(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.hubCase.findFirst({
    where: { id, family: familyWhere(ctx) },
    select: { id: true, familyId: true, startDate: true, plannedEndDate: true, endDate: true, status: true, leadWorkerId: true, family: { select: { teamId: true } } },
  });
  if (!row) throw notFound("Hub case");
  return row as { id: string; familyId: string; startDate: Date; plannedEndDate: Date; endDate: Date | null; status: string; leadWorkerId: string; family: { teamId: string | null } };
}

export async function meetingInScope(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.tafMeeting.findFirst({
    where: { id, hubCase: { family: familyWhere(ctx) } },
    select: { id: true, hubCaseId: true, kind: true, at: true, hubCase: { select: { familyId: true, family: { select: { teamId: true, reference: true, name: true } } } } },
  });
  if (!row) throw notFound("Meeting");
  return row as { id: string; hubCaseId: string; kind: TMeetingKind; at: Date; hubCase: { familyId: string; family: { teamId: string | null; reference: string; name: string } } };
}

/** Refuses a visit or meeting that does not fit its case (the core's `caseEventProblem`), naming the field. */
export async function checkCaseEvent(ctx: AuthedContext, hubCaseId: string, event: { what: "visit" | "meeting"; at: string; happened: boolean; outsidePlanReason?: string | null }) {
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
export async function checkLeadWorker(ctx: AuthedContext, staffId: string) {
  const staff = await ctx.prisma.staff.findUnique({ where: { id: staffId }, select: { id: true, leaveDate: true } });
  if (!staff || (staff.leaveDate && staff.leaveDate < dateFromIso(todayOf(ctx)))) throw notFound("Member of staff");
  if (staffId !== ctx.user.staffId && ctx.user.role !== "manager") throw forbidden("Only a manager can make someone else the lead worker");
}

export async function checkStaffExists(ctx: AuthedContext, staffId: string) {
  const staff = await ctx.prisma.staff.findUnique({ where: { id: staffId }, select: { id: true } });
  if (!staff) throw notFound("Member of staff");
}

/** The people whose details a share from the family's record would include: the family's current members. */
export async function familyPeople(ctx: AuthedContext, familyId: string) {
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
