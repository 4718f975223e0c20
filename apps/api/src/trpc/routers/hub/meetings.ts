/** Team-around-the-family meetings of a hub case: list, get, create, update, and sharing the family's details with an agency (consent checked). */
import type { DbClient } from "../../../db.js";
import { meetingKindProblem, ZById, ZMeetingCreateInput, ZMeetingListInput, ZMeetingShareInput, ZMeetingUpdateInput, type TAgency, type TMeetingKind } from "@evident/core";
import { recordAudit } from "../../../audit/audit.js";
import { conflict } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { consentIdsOf, decideConsent, notifyOverride, requireConsent, shareAuditReason } from "../consent/share.js";
import { actionOut, actionSelect, badRequest, caseInScope, checkCaseEvent, familyPeople, iso, meetingInScope, meetingOut, meetingSelect } from "./shared.js";

export const meetingsRouter = router({
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
