/**
 * Staff and partner surveys, repeated in waves: invitations (in-app
 * notification and an email in the outbox), reminders to those who have not
 * answered, response rates per wave and team, results under the anonymity
 * threshold (@evident/core `quality/surveys.ts`: groups of 5 or more, with
 * secondary suppression of team breakdowns) and change between waves.
 *
 * Anonymity: a response is stored with its wave, the respondent's team and
 * the answers only — no user, no staff id, no timestamp. Whether someone
 * answered is kept on their invitation (as a day), which is what reminders
 * and response rates use.
 */
import type { DbClient } from "../../../db.js";
import {
  checkSurveyAnswers,
  dateFromIso,
  isoFromDate,
  parseOrThrow,
  responseRates,
  SURVEY_MIN_GROUP,
  surveyResults,
  waveChange,
  ZById,
  ZSurveyCompareInput,
  ZSurveyCreateInput,
  ZSurveyQuestion,
  ZSurveyRespondInput,
  ZSurveyWaveCreateInput,
  ZSurveyWaveRef,
  type TSurveyAnswers,
  type TSurveyQuestion,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../../audit/audit.js";
import { notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";

const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });
const questionsOf = (json: unknown): TSurveyQuestion[] => parseOrThrow(z.array(ZSurveyQuestion), json, "survey");
const todayIso = (ctx: AuthedContext) => ctx.now.toISOString().slice(0, 10);

const waveOut = (w: { id: string; surveyId: string; name: string; opensOn: Date; closesOn: Date; version: number }, today: string) => {
  const opensOn = isoFromDate(w.opensOn)!;
  const closesOn = isoFromDate(w.closesOn)!;
  return { id: w.id, surveyId: w.surveyId, name: w.name, opensOn, closesOn, version: w.version, state: today < opensOn ? "scheduled" : today > closesOn ? "closed" : "open" };
};

async function teamNames(ctx: AuthedContext, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const rows = wanted.length ? await ctx.prisma.team.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }) : [];
  const map = new Map(rows.map((r) => [r.id, r.name]));
  return (id: string | null) => (id ? (map.get(id) ?? "(team removed)") : "(no team)");
}

async function waveResponses(ctx: AuthedContext, waveId: string) {
  const rows = await ctx.prisma.surveyResponse.findMany({ where: { waveId }, select: { teamId: true, answers: true }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ teamId: r.teamId, answers: r.answers as TSurveyAnswers }));
}

async function invite(ctx: AuthedContext, tx: DbClient, wave: { id: string; name: string; closesOn: string }, surveyName: string, staff: { id: string; email: string | null; user: { id: string } | null }[], reminder: boolean) {
  let notifications = 0;
  let emails = 0;
  const title = `${reminder ? "Reminder: " : ""}${surveyName} (${wave.name})`;
  const body = `Please answer by ${wave.closesOn}. Your answers are anonymous: they are not linked to you, and results are shown only for groups of ${SURVEY_MIN_GROUP} or more.`;
  for (const s of staff) {
    if (s.user) {
      await tx.notification.create({ data: { userId: s.user.id, kind: reminder ? "survey_reminder" : "survey_invitation", title, body, link: `/surveys/answer/${wave.id}` } });
      notifications += 1;
    }
    if (s.email) {
      await tx.emailOutbox.create({ data: { to: s.email, subject: title, bodyText: `${body}\n\n${ctx.deps.config.baseUrl}/surveys/answer/${wave.id}`, template: reminder ? "survey_reminder" : "survey_invitation" } });
      emails += 1;
    }
  }
  return { notifications, emails };
}

const wavesRouter = router({
  /** A wave: invites everyone on the staff list in post on the opening day (in the chosen teams). */
  create: authorised("surveys:write")
    .input(ZSurveyWaveCreateInput)
    .mutation(async ({ ctx, input }) => {
      const survey = await ctx.prisma.survey.findUnique({ where: { id: input.surveyId }, select: { id: true, name: true } });
      if (!survey) throw notFound("Survey");
      const on = dateFromIso(input.opensOn);
      const staff = await ctx.prisma.staff.findMany({
        where: { AND: [{ startDate: { lte: on } }, { OR: [{ leaveDate: null }, { leaveDate: { gt: on } }] }, input.teamIds.length ? { teamId: { in: input.teamIds } } : {}] },
        select: { id: true, teamId: true, email: true, user: { select: { id: true, disabled: true } } },
        orderBy: { id: "asc" },
        take: 20_000,
      });
      if (staff.length === 0) throw badRequest("Nobody on the staff list matches: check the teams and the opening date");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const wave = await tx.surveyWave.create({ data: { surveyId: survey.id, name: input.name, opensOn: on, closesOn: dateFromIso(input.closesOn) } });
        await tx.surveyInvitation.createMany({ data: staff.map((s) => ({ waveId: wave.id, staffId: s.id, teamId: s.teamId, invitedAt: ctx.now })) });
        const sent = await invite(ctx, tx, { id: wave.id, name: wave.name, closesOn: input.closesOn }, survey.name, staff.map((s) => ({ id: s.id, email: s.email, user: s.user && !s.user.disabled ? s.user : null })), false);
        await recordAudit(ctx, { action: "surveys.waves.create", outcome: "success", entityType: "SurveyWave", entityIds: [wave.id, survey.id], fields: ["name", "opensOn", "closesOn", "teamIds"], reason: `${staff.length} invited; ${sent.notifications} notifications, ${sent.emails} emails` }, tx);
        return { ...waveOut(wave, todayIso(ctx)), invited: staff.length, ...sent };
      });
    }),

  /** Reminds everyone invited to an open wave who has not answered. */
  remind: authorised("surveys:write")
    .input(ZSurveyWaveRef)
    .mutation(async ({ ctx, input }) => {
      const wave = await ctx.prisma.surveyWave.findUnique({ where: { id: input.waveId }, include: { survey: { select: { name: true } } } });
      if (!wave) throw notFound("Survey wave");
      const w = waveOut(wave, todayIso(ctx));
      if (w.state !== "open") throw badRequest(`This wave is ${w.state}: reminders go out while it is open`);
      const pending = await ctx.prisma.surveyInvitation.findMany({ where: { waveId: wave.id, respondedOn: null }, select: { id: true, staff: { select: { id: true, email: true, leaveDate: true, user: { select: { id: true, disabled: true } } } } } });
      const current = pending.filter((p) => !p.staff.leaveDate || p.staff.leaveDate > ctx.now);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        await tx.surveyInvitation.updateMany({ where: { id: { in: current.map((p) => p.id) } }, data: { reminders: { increment: 1 }, lastRemindedAt: ctx.now } });
        const sent = await invite(ctx, tx, { id: wave.id, name: wave.name, closesOn: w.closesOn }, wave.survey.name, current.map((p) => ({ id: p.staff.id, email: p.staff.email, user: p.staff.user && !p.staff.user.disabled ? p.staff.user : null })), true);
        await recordAudit(ctx, { action: "surveys.waves.remind", outcome: "success", entityType: "SurveyWave", entityIds: [wave.id], reason: `${current.length} reminded` }, tx);
        return { reminded: current.length, ...sent };
      });
    }),
});

export const surveysRouter = router({
  waves: wavesRouter,

  list: authorised("surveys:read")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.prisma.survey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 200, include: { waves: { orderBy: [{ opensOn: "asc" }, { id: "asc" }] } } });
      const today = todayIso(ctx);
      return rows.map((s) => ({ id: s.id, name: s.name, description: s.description, questionCount: Array.isArray(s.questions) ? s.questions.length : 0, waves: s.waves.map((w) => waveOut(w, today)) }));
    }),

  /** A survey with its questions, waves and response rates per wave and team. */
  get: authorised("surveys:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const s = await ctx.prisma.survey.findUnique({ where: { id: input.id }, include: { waves: { orderBy: [{ opensOn: "asc" }, { id: "asc" }] } } });
      if (!s) throw notFound("Survey");
      const invitations = await ctx.prisma.surveyInvitation.findMany({ where: { waveId: { in: s.waves.map((w) => w.id) } }, select: { waveId: true, teamId: true, respondedOn: true } });
      const name = await teamNames(ctx, invitations.map((i) => i.teamId));
      const today = todayIso(ctx);
      return {
        id: s.id,
        name: s.name,
        description: s.description,
        version: s.version,
        questions: questionsOf(s.questions),
        minGroup: SURVEY_MIN_GROUP,
        waves: s.waves.map((w) => ({ ...waveOut(w, today), rates: responseRates(invitations.filter((i) => i.waveId === w.id).map((i) => ({ group: name(i.teamId), responded: !!i.respondedOn }))) })),
      };
    }),

  create: authorised("surveys:write")
    .input(ZSurveyCreateInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const s = await tx.survey.create({ data: { name: input.name, description: input.description, questions: input.questions } });
        await recordAudit(ctx, { action: "surveys.create", outcome: "success", entityType: "Survey", entityIds: [s.id], fields: ["name", "description", "questions"] }, tx);
        return { id: s.id, name: s.name, version: s.version };
      });
    }),

  /** A wave's results: overall and per team, each only for groups of 5 or more (and no group that subtraction would reveal). */
  results: authorised("surveys:read")
    .input(ZSurveyWaveRef)
    .query(async ({ ctx, input }) => {
      const wave = await ctx.prisma.surveyWave.findUnique({ where: { id: input.waveId }, include: { survey: true } });
      if (!wave) throw notFound("Survey wave");
      const questions = questionsOf(wave.survey.questions);
      const responses = await waveResponses(ctx, wave.id);
      const name = await teamNames(ctx, responses.map((r) => r.teamId));
      const results = surveyResults(questions, responses.map((r) => ({ group: name(r.teamId), answers: r.answers })));
      return { wave: waveOut(wave, todayIso(ctx)), survey: { id: wave.survey.id, name: wave.survey.name }, questions, minGroup: SURVEY_MIN_GROUP, ...results };
    }),

  /** Change between two waves of one survey (agreement questions; both waves must reach the threshold). */
  compare: authorised("surveys:read")
    .input(ZSurveyCompareInput)
    .query(async ({ ctx, input }) => {
      const waves = await ctx.prisma.surveyWave.findMany({ where: { id: { in: [input.fromWaveId, input.toWaveId] } }, include: { survey: true } });
      const from = waves.find((w) => w.id === input.fromWaveId);
      const to = waves.find((w) => w.id === input.toWaveId);
      if (!from) throw new TRPCError({ code: "NOT_FOUND", message: "fromWaveId: survey wave not found" });
      if (!to) throw new TRPCError({ code: "NOT_FOUND", message: "toWaveId: survey wave not found" });
      if (from.surveyId !== to.surveyId) throw badRequest("toWaveId: the two waves belong to different surveys");
      const questions = questionsOf(from.survey.questions);
      const a = await waveResponses(ctx, from.id);
      const b = await waveResponses(ctx, to.id);
      return { questions, changes: waveChange(questions, { wave: from.name, answers: a.map((r) => r.answers) }, { wave: to.name, answers: b.map((r) => r.answers) }) };
    }),

  /** The caller's invitations (their own staff record). */
  mine: authorised("surveys:answer")
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      if (!ctx.user.staffId) return [];
      const rows = await ctx.prisma.surveyInvitation.findMany({ where: { staffId: ctx.user.staffId }, include: { wave: { include: { survey: { select: { id: true, name: true } } } } }, orderBy: [{ invitedAt: "desc" }, { id: "asc" }], take: 100 });
      const today = todayIso(ctx);
      return rows.map((r) => ({ wave: waveOut(r.wave, today), survey: r.wave.survey, answered: !!r.respondedOn }));
    }),

  /** The questions of a wave the caller is invited to. */
  form: authorised("surveys:answer")
    .input(ZSurveyWaveRef)
    .query(async ({ ctx, input }) => {
      const inv = ctx.user.staffId ? await ctx.prisma.surveyInvitation.findUnique({ where: { waveId_staffId: { waveId: input.waveId, staffId: ctx.user.staffId } }, include: { wave: { include: { survey: true } } } }) : null;
      if (!inv) throw notFound("Survey invitation");
      return { wave: waveOut(inv.wave, todayIso(ctx)), survey: { id: inv.wave.survey.id, name: inv.wave.survey.name, description: inv.wave.survey.description }, questions: questionsOf(inv.wave.survey.questions), answered: !!inv.respondedOn, minGroup: SURVEY_MIN_GROUP };
    }),

  /** Answers a wave once. The response is stored without the respondent; the invitation records only that they answered. */
  respond: authorised("surveys:answer")
    .input(ZSurveyRespondInput)
    .mutation(async ({ ctx, input }) => {
      const inv = ctx.user.staffId ? await ctx.prisma.surveyInvitation.findUnique({ where: { waveId_staffId: { waveId: input.waveId, staffId: ctx.user.staffId } }, include: { wave: { include: { survey: true } } } }) : null;
      if (!inv) throw notFound("Survey invitation");
      const w = waveOut(inv.wave, todayIso(ctx));
      if (w.state !== "open") throw badRequest(`This survey is ${w.state === "closed" ? `closed (it closed on ${w.closesOn})` : `not open yet (it opens on ${w.opensOn})`}`);
      const answers = checkSurveyAnswers(questionsOf(inv.wave.survey.questions), input.answers);
      if (Object.keys(answers).length === 0) throw badRequest("answers: answer at least one question");
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.surveyInvitation.updateMany({ where: { id: inv.id, respondedOn: null }, data: { respondedOn: dateFromIso(todayIso(ctx)) } });
        if (count === 0) throw new TRPCError({ code: "CONFLICT", message: "You have already answered this survey" });
        await tx.surveyResponse.create({ data: { waveId: inv.waveId, teamId: inv.teamId, answers } });
        // The audit row names the wave only: not the response, so the log cannot link answers to a person.
        await recordAudit(ctx, { action: "surveys.respond", outcome: "success", entityType: "SurveyWave", entityIds: [inv.waveId] }, tx);
        return { answered: true };
      });
    }),
});
