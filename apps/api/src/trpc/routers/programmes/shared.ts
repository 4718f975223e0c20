/** What the programme procedures share: the selects and output shapes, and which groups, enrolments and one-to-one work a user may see or run. */
import { enrolmentDateProblems, isoFromDate, readSafetyChecks } from "@evident/core";
import { notFound } from "../../errors.js";
import { familyWhere, personWhere, type AuthedContext } from "../scope.js";

export const groupSelect = {
  id: true,
  programmeId: true,
  name: true,
  track: true,
  language: true,
  slot: true,
  childcare: true,
  venue: true,
  startDate: true,
  sessionsPlanned: true,
  completionThreshold: true,
  capacity: true,
  status: true,
  version: true,
  facilitators: { select: { staffId: true, lead: true } },
} as const;

export type GroupRow = { startDate: Date } & Record<string, unknown>;

export function groupOut<T extends GroupRow>(row: T) {
  return { ...row, startDate: isoFromDate(row.startDate) };
}

export const NOTHING = { id: { in: [] as string[] } };

/** Groups a user may run (take registers, enrol): their own, and a manager's team's. */
export function groupRunWhere(ctx: AuthedContext) {
  const u = ctx.user;
  const or: Record<string, unknown>[] = [];
  if (u.staffId) or.push({ facilitators: { some: { staffId: u.staffId } } });
  if (u.role === "manager" && u.teamId) or.push({ facilitators: { some: { staff: { teamId: u.teamId } } } });
  return or.length ? { OR: or } : NOTHING;
}

/** Groups a user may see: those they may run, and those their families' people are enrolled in. */
export function groupWhere(ctx: AuthedContext) {
  const or: Record<string, unknown>[] = [groupRunWhere(ctx)];
  if (ctx.user.role === "practitioner" || ctx.user.role === "manager") {
    or.push({ enrolments: { some: { person: { memberships: { some: { family: familyWhere(ctx) } } } } } });
  }
  return { OR: or };
}

export async function groupToRun(ctx: AuthedContext, groupId: string) {
  const group = await ctx.prisma.programmeGroup.findFirst({ where: { AND: [{ id: groupId }, groupRunWhere(ctx)] }, select: { id: true, track: true, programmeId: true } });
  if (!group) throw notFound("Group");
  return group;
}

export const enrolmentSelect = {
  id: true,
  personId: true,
  programmeId: true,
  groupId: true,
  status: true,
  referredAt: true,
  startedAt: true,
  completedAt: true,
  withdrawnAt: true,
  withdrawalReason: true,
  safetyChecks: true,
  version: true,
} as const;

export type EnrolmentRow = { referredAt: Date; startedAt: Date | null; completedAt: Date | null; withdrawnAt: Date | null; safetyChecks?: unknown } & Record<string, unknown>;

export function enrolmentOut<T extends EnrolmentRow>(row: T) {
  return {
    ...row,
    referredAt: isoFromDate(row.referredAt),
    startedAt: isoFromDate(row.startedAt),
    completedAt: isoFromDate(row.completedAt),
    withdrawnAt: isoFromDate(row.withdrawnAt),
    safetyChecks: readSafetyChecks(row.safetyChecks),
  };
}

export const todayOf = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);

export const oneToOneSelect = {
  ...enrolmentSelect,
  familyId: true,
  referralSource: true,
  programme: { select: { code: true, name: true } },
  person: { select: { firstName: true, lastName: true } },
} as const;

/** One-to-one work the caller may see: a one-to-one programme's enrolments of people in their scope. */
export function oneToOneWhere(ctx: AuthedContext) {
  return { programme: { kind: "one_to_one" as const }, person: personWhere(ctx) };
}

type EnrolmentStatus = "referred" | "started" | "completed" | "withdrawn";

/** The core's date problems of an enrolment (group or one-to-one) as it would be after a patch: checked before anything is written. */
export function patchedEnrolmentProblems(
  before: { status: unknown; referredAt: string | null; startedAt: string | null; completedAt: string | null; withdrawnAt: string | null; withdrawalReason?: unknown },
  p: { status?: EnrolmentStatus | undefined; startedAt?: string | null | undefined; completedAt?: string | null | undefined; withdrawnAt?: string | null | undefined; withdrawalReason?: string | null | undefined },
  today: string,
) {
  return enrolmentDateProblems(
    {
      status: p.status ?? (before.status as EnrolmentStatus),
      referredAt: before.referredAt!,
      startedAt: p.startedAt !== undefined ? p.startedAt : before.startedAt,
      completedAt: p.completedAt !== undefined ? p.completedAt : before.completedAt,
      withdrawnAt: p.withdrawnAt !== undefined ? p.withdrawnAt : before.withdrawnAt,
      withdrawalReason: p.withdrawalReason !== undefined ? p.withdrawalReason : ((before.withdrawalReason ?? null) as string | null),
    },
    today,
  );
}
