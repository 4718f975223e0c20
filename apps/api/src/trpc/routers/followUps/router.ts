/**
 * Follow-ups after a programme or a hub case ends: planned contacts (monthly
 * for six months by default, scheduled by @evident/core's `followUpSchedule`),
 * onward referrals with their take-up, the caller's due and overdue list, and
 * marking a follow-up done with its outcome. An onward referral shares the
 * person's details with the service, so it needs consent (purpose
 * `onward_referral`) or a manager's safeguarding override.
 */
import type { DbClient } from "../../../db.js";
import {
  daysOverdue,
  dateFromIso,
  followUpDueProblem,
  followUpSchedule,
  followUpState,
  isoFromDate,
  notBefore,
  ZById,
  ZFollowUpCompleteInput,
  ZFollowUpCreateInput,
  ZFollowUpDueInput,
  ZFollowUpListInput,
  ZFollowUpScheduleInput,
  ZFollowUpUpdateInput,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, fieldProblems, forbidden, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { consentIdsOf, notifyOverride, requireConsent, shareAuditReason } from "../consent/share.js";
import { familyInScope, familyWhere, type AuthedContext } from "../scope.js";
import { refuseBarredWrite } from "../people/barrier.js";

const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });
const todayOf = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);
const addDays = (isoDay: string, n: number) => new Date(dateFromIso(isoDay).getTime() + n * 86_400_000);

const followUpSelect = {
  id: true,
  familyId: true,
  personId: true,
  hubCaseId: true,
  enrolmentId: true,
  staffId: true,
  kind: true,
  dueDate: true,
  doneDate: true,
  service: true,
  outcome: true,
  takenUp: true,
  version: true,
  family: { select: { reference: true, name: true } },
} as const;

type FollowUpRow = { id: string; familyId: string; personId: string | null; dueDate: Date; doneDate: Date | null } & Record<string, unknown>;

function followUpOut<T extends FollowUpRow>(row: T, today: string) {
  const f = { dueDate: isoFromDate(row.dueDate)!, doneDate: isoFromDate(row.doneDate) };
  return { ...row, ...f, state: followUpState(f, today), daysOverdue: daysOverdue(f, today) };
}

async function followUpInScope(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.followUp.findFirst({ where: { id, family: familyWhere(ctx) }, select: followUpSelect });
  if (!row) throw notFound("Follow-up");
  return row;
}

async function checkStaff(ctx: AuthedContext, staffId: string) {
  if (staffId === ctx.user.staffId) return;
  const staff = await ctx.prisma.staff.findUnique({ where: { id: staffId }, select: { teamId: true } });
  if (!staff) throw notFound("Member of staff");
  if (ctx.user.role !== "manager" && (!ctx.user.teamId || staff.teamId !== ctx.user.teamId)) throw forbidden("Only a manager can give follow-ups to staff outside their team");
}

function stateWhere(state: string | undefined, today: string, windowDays = 7): Record<string, unknown> {
  const t = dateFromIso(today);
  switch (state) {
    case "done":
      return { doneDate: { not: null } };
    case "open":
      return { doneDate: null };
    case "overdue":
      return { doneDate: null, dueDate: { lt: t } };
    case "due":
      return { doneDate: null, dueDate: { gte: t, lte: addDays(today, windowDays) } };
    case "upcoming":
      return { doneDate: null, dueDate: { gt: addDays(today, windowDays) } };
    default:
      return {};
  }
}

export const followUpsRouter = router({
  list: authorised("followUps:read")
    .input(ZFollowUpListInput)
    .query(async ({ ctx, input }) => {
      if (input.familyId) await familyInScope(ctx, input.familyId);
      const today = todayOf(ctx);
      const rows = await ctx.prisma.followUp.findMany({
        where: {
          AND: [
            { family: familyWhere(ctx) },
            input.familyId ? { familyId: input.familyId } : {},
            input.hubCaseId ? { hubCaseId: input.hubCaseId } : {},
            input.enrolmentId ? { enrolmentId: input.enrolmentId } : {},
            stateWhere(input.state, today),
          ],
        },
        select: followUpSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "followUps.list", outcome: "success", entityType: "FollowUp", entityIds: page.map((r) => r.id), personIds: page.map((r) => r.personId).filter((p): p is string => !!p), fields: Object.keys(followUpSelect) });
      return { items: page.map((r) => followUpOut(r, today)), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  /** The caller's follow-ups (a manager may ask for their team's) that are overdue or due within `withinDays`. */
  due: authorised("followUps:read")
    .input(ZFollowUpDueInput)
    .query(async ({ ctx, input }) => {
      if (input.scope === "team" && ctx.user.role !== "manager") throw forbidden("Only a manager can see the team's follow-ups");
      const today = todayOf(ctx);
      const who =
        input.scope === "team"
          ? ctx.user.teamId
            ? { staff: { teamId: ctx.user.teamId } }
            : { id: { in: [] as string[] } }
          : ctx.user.staffId
            ? { staffId: ctx.user.staffId }
            : { id: { in: [] as string[] } };
      const rows = await ctx.prisma.followUp.findMany({
        where: { AND: [{ family: familyWhere(ctx) }, who, { doneDate: null, dueDate: { lte: addDays(today, input.withinDays) } }] },
        select: followUpSelect,
        orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        take: input.limit,
      });
      const items = rows.map((r) => followUpOut(r, today));
      await recordAudit(ctx, { action: "followUps.due", outcome: "success", entityType: "FollowUp", entityIds: rows.map((r) => r.id), personIds: rows.map((r) => r.personId).filter((p): p is string => !!p), fields: Object.keys(followUpSelect) });
      return { overdue: items.filter((i) => i.state === "overdue"), due: items.filter((i) => i.state !== "overdue") };
    }),

  get: authorised("followUps:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await followUpInScope(ctx, input.id);
      await recordAudit(ctx, { action: "followUps.get", outcome: "success", entityType: "FollowUp", entityIds: [row.id], personIds: row.personId ? [row.personId] : [], fields: Object.keys(followUpSelect) });
      return followUpOut(row, todayOf(ctx));
    }),

  /** One follow-up: a contact, or an onward referral (consent to share with the service is checked). */
  create: authorised("followUps:write")
    .input(ZFollowUpCreateInput)
    .mutation(async ({ ctx, input }) => {
      const family = await ctx.prisma.family.findFirst({ where: { AND: [{ id: input.familyId }, familyWhere(ctx)] }, select: { id: true, teamId: true } });
      if (!family) throw notFound("Family");
      if (input.personId) {
        const member = await ctx.prisma.familyMember.findFirst({ where: { familyId: input.familyId, personId: input.personId }, select: { id: true } });
        if (!member) throw notFound("Person in this family");
        await refuseBarredWrite(ctx, "followUps.create", [input.personId]);
      }
      if (input.hubCaseId) {
        const hubCase = await ctx.prisma.hubCase.findFirst({ where: { id: input.hubCaseId, familyId: input.familyId }, select: { id: true, startDate: true, endDate: true } });
        if (!hubCase) throw notFound("Hub case of this family");
        const problem = followUpDueProblem({ dueDate: input.dueDate, kind: input.kind, case: { start: isoFromDate(hubCase.startDate)!, end: isoFromDate(hubCase.endDate) } });
        if (problem) throw fieldProblems([problem]);
      }
      if (input.enrolmentId) {
        const enrolment = await ctx.prisma.enrolment.findFirst({
          where: { id: input.enrolmentId, OR: [{ familyId: input.familyId }, { person: { memberships: { some: { familyId: input.familyId } } } }] },
          select: { id: true, referredAt: true, completedAt: true, withdrawnAt: true },
        });
        if (!enrolment) throw notFound("Enrolment of this family");
        const problem = followUpDueProblem({ dueDate: input.dueDate, kind: input.kind, case: { start: isoFromDate(enrolment.referredAt)!, end: isoFromDate(enrolment.completedAt ?? enrolment.withdrawnAt) } });
        if (problem) throw fieldProblems([problem]);
      }
      const staffId = input.staffId ?? ctx.user.staffId;
      if (staffId) await checkStaff(ctx, staffId);
      let shareReason: string | undefined;
      let consentIds: string[] = [];
      let overridden = false;
      if (input.kind === "onward_referral") {
        if (!input.personId) throw badRequest("An onward referral names the person referred");
        const check = { personIds: [input.personId], purpose: "onward_referral" as const, recipientAgency: input.service!, override: input.override };
        const outcome = await requireConsent(ctx, check, "followUps.create", [input.familyId]);
        shareReason = shareAuditReason(outcome, check);
        consentIds = consentIdsOf(outcome);
        overridden = outcome.overridden;
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.followUp.create({
          data: {
            familyId: input.familyId,
            personId: input.personId ?? null,
            hubCaseId: input.hubCaseId ?? null,
            enrolmentId: input.enrolmentId ?? null,
            staffId: staffId ?? null,
            kind: input.kind,
            dueDate: dateFromIso(input.dueDate),
            service: input.service ?? null,
          },
          select: followUpSelect,
        });
        await recordAudit(ctx, { action: "followUps.create", outcome: "success", entityType: "FollowUp", entityIds: [row.id, input.familyId, ...consentIds], personIds: input.personId ? [input.personId] : [], fields: Object.keys(input), reason: shareReason }, tx);
        if (overridden) await notifyOverride(ctx, tx, family.teamId, `/families/${input.familyId}`);
        return followUpOut(row, todayOf(ctx));
      });
    }),

  /** Plans the contacts after a hub case or an enrolment has ended: monthly for six months by default. */
  schedule: authorised("followUps:write")
    .input(ZFollowUpScheduleInput)
    .mutation(async ({ ctx, input }) => {
      let familyId: string;
      let personId: string | null = null;
      let ended: string | null;
      if (input.hubCaseId) {
        const hubCase = await ctx.prisma.hubCase.findFirst({ where: { id: input.hubCaseId, family: familyWhere(ctx) }, select: { familyId: true, endDate: true } });
        if (!hubCase) throw notFound("Hub case");
        familyId = hubCase.familyId;
        ended = isoFromDate(hubCase.endDate);
      } else {
        const enrolment = await ctx.prisma.enrolment.findFirst({
          where: { id: input.enrolmentId!, family: familyWhere(ctx) },
          select: { familyId: true, personId: true, completedAt: true, withdrawnAt: true },
        });
        if (!enrolment || !enrolment.familyId) throw notFound("Enrolment");
        familyId = enrolment.familyId;
        personId = enrolment.personId;
        ended = isoFromDate(enrolment.completedAt ?? enrolment.withdrawnAt);
      }
      await refuseBarredWrite(ctx, "followUps.schedule", [personId]);
      if (!ended) throw badRequest("Follow-ups are planned once the case or programme has ended: record its end date first");
      const from = input.from ?? ended;
      if (!notBefore(ended, from)) throw badRequest("Follow-ups start after the case or programme ended");
      const staffId = input.staffId ?? ctx.user.staffId;
      if (staffId) await checkStaff(ctx, staffId);
      const dates = followUpSchedule(from, { months: input.months, intervalMonths: input.intervalMonths });
      const link = input.hubCaseId ? { hubCaseId: input.hubCaseId } : { enrolmentId: input.enrolmentId! };
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const planned = await tx.followUp.count({ where: { ...link, kind: "contact", doneDate: null } });
        if (planned > 0) throw conflict("Follow-up contacts are already planned for this; change those instead");
        await tx.followUp.createMany({
          data: dates.map((d) => ({ familyId, personId, ...link, staffId: staffId ?? null, kind: "contact" as const, dueDate: dateFromIso(d) })),
        });
        const rows = await tx.followUp.findMany({ where: { ...link, kind: "contact", doneDate: null }, select: followUpSelect, orderBy: { dueDate: "asc" } });
        await recordAudit(ctx, { action: "followUps.schedule", outcome: "success", entityType: "FollowUp", entityIds: [...Object.values(link), ...rows.map((r) => r.id)], personIds: personId ? [personId] : [], fields: ["dueDate", "kind", "staffId"] }, tx);
        const today = todayOf(ctx);
        return { from, items: rows.map((r) => followUpOut(r, today)) };
      });
    }),

  update: authorised("followUps:write")
    .input(ZFollowUpUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await followUpInScope(ctx, input.id);
      await refuseBarredWrite(ctx, "followUps.update", [existing.personId]);
      if (existing.doneDate) throw badRequest("This follow-up is done");
      if (input.patch.staffId) await checkStaff(ctx, input.patch.staffId);
      if (input.patch.service !== undefined && existing.kind === "onward_referral") throw badRequest("Record a new onward referral to refer to another service");
      const data: Record<string, unknown> = { ...input.patch, version: { increment: 1 } };
      if (input.patch.dueDate) data.dueDate = dateFromIso(input.patch.dueDate);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.followUp.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "followUps.update", outcome: "success", entityType: "FollowUp", entityIds: [input.id], personIds: existing.personId ? [existing.personId] : [], fields: Object.keys(input.patch) }, tx);
        return followUpOut(await tx.followUp.findUniqueOrThrow({ where: { id: input.id }, select: followUpSelect }), todayOf(ctx));
      });
    }),

  /** Marks a follow-up done with its outcome; for an onward referral, whether it was taken up. */
  complete: authorised("followUps:write")
    .input(ZFollowUpCompleteInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await followUpInScope(ctx, input.id);
      await refuseBarredWrite(ctx, "followUps.complete", [existing.personId]);
      if (input.takenUp !== undefined && existing.kind !== "onward_referral") throw badRequest("Take-up is recorded for onward referrals");
      if (input.doneDate > todayOf(ctx)) throw badRequest("A follow-up cannot be done in the future");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.followUp.updateMany({
          where: { id: input.id, version: input.version },
          data: { doneDate: dateFromIso(input.doneDate), outcome: input.outcome, ...(input.takenUp !== undefined ? { takenUp: input.takenUp } : {}), version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "followUps.complete", outcome: "success", entityType: "FollowUp", entityIds: [input.id], personIds: existing.personId ? [existing.personId] : [], fields: ["doneDate", "outcome", ...(input.takenUp !== undefined ? ["takenUp"] : [])] }, tx);
        return followUpOut(await tx.followUp.findUniqueOrThrow({ where: { id: input.id }, select: followUpSelect }), todayOf(ctx));
      });
    }),
});
