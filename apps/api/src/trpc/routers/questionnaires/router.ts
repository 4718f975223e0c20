/**
 * Questionnaires: instruments (items and scoring; reference data a manager
 * maintains), responses at entry, interim, exit and follow-up (scored by
 * @evident/core on every write, never trusted from the client), and the
 * change per person between time points. Responses are scoped to the people
 * the caller may see.
 */
import type { DbClient } from "../../../db.js";
import {
  instrumentFromStored,
  scoreChanges,
  scoreResponse,
  ZById,
  ZChangeInput,
  ZInstrumentCreateInput,
  ZInstrumentListInput,
  ZInstrumentUpdateInput,
  ZResponseCreateInput,
  ZResponseListInput,
  ZResponseUpdateInput,
  type TTimePoint,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { familyWhere, personInScope, personWhere, type AuthedContext } from "../scope.js";
import { offerProcedure, translationsRouter } from "./translations.js";
import { refuseBarredWrite } from "../people/barrier.js";

const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

const instrumentSelect = { id: true, code: true, name: true, instrumentVersion: true, items: true, scoring: true, validated: true, source: true, active: true, version: true } as const;

const responseSelect = {
  id: true,
  personId: true,
  instrumentId: true,
  enrolmentId: true,
  hubCaseId: true,
  timePoint: true,
  completedAt: true,
  answers: true,
  score: true,
  subscores: true,
  language: true,
  recordedById: true,
  version: true,
} as const;

type ResponseRow = { id: string; personId: string; instrumentId: string; timePoint: TTimePoint; completedAt: Date; score: number | null } & Record<string, unknown>;
const responseOut = <T extends { completedAt: Date }>(r: T) => ({ ...r, completedAt: r.completedAt.toISOString() });

async function loadInstrument(ctx: AuthedContext, id: string, forWrite: boolean) {
  const row = await ctx.prisma.questionnaireInstrument.findUnique({ where: { id }, select: { id: true, items: true, scoring: true, active: true } });
  if (!row) throw notFound("Questionnaire");
  if (forWrite && !row.active) throw badRequest("This questionnaire is no longer in use");
  return { id: row.id, instrument: instrumentFromStored(row.items, row.scoring) };
}

/** The enrolment and hub case a response is linked to must be the person's own, and in scope. */
async function checkLinks(ctx: AuthedContext, personId: string, enrolmentId: string | undefined, hubCaseId: string | undefined) {
  if (enrolmentId) {
    const e = await ctx.prisma.enrolment.findFirst({ where: { id: enrolmentId, personId }, select: { id: true } });
    if (!e) throw notFound("Enrolment of this person");
  }
  if (hubCaseId) {
    const h = await ctx.prisma.hubCase.findFirst({ where: { id: hubCaseId, family: { AND: [familyWhere(ctx), { members: { some: { personId } } }] } }, select: { id: true } });
    if (!h) throw notFound("Hub case of this person's family");
  }
}

const instrumentsRouter = router({
  list: authorised("questionnaires:read")
    .input(ZInstrumentListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.prisma.questionnaireInstrument.findMany({
        where: input.includeInactive ? {} : { active: true },
        select: instrumentSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      return { items: page, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("questionnaires:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.questionnaireInstrument.findUnique({ where: { id: input.id }, select: instrumentSelect });
      if (!row) throw notFound("Questionnaire");
      return row;
    }),

  create: authorised("instruments:write")
    .input(ZInstrumentCreateInput)
    .mutation(async ({ ctx, input }) => {
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.questionnaireInstrument.create({
          data: { code: input.code, name: input.name, instrumentVersion: input.instrumentVersion, items: input.items, scoring: input.scoring, validated: input.validated, source: input.source ?? null },
          select: instrumentSelect,
        });
        await recordAudit(ctx, { action: "questionnaires.instruments.create", outcome: "success", entityType: "QuestionnaireInstrument", entityIds: [row.id], fields: Object.keys(input) }, tx);
        return row;
      });
    }),

  update: authorised("instruments:write")
    .input(ZInstrumentUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.questionnaireInstrument.findUnique({ where: { id: input.id }, select: { id: true, items: true, scoring: true } });
      if (!existing) throw notFound("Questionnaire");
      const p = input.patch;
      if (p.items || p.scoring) {
        const used = await ctx.prisma.questionnaireResponse.count({ where: { instrumentId: input.id } });
        if (used > 0) throw conflict("Responses already use this questionnaire: add a new version instead of changing its items or scoring");
        const items = (p.items ?? existing.items) as unknown[];
        const maxMissing = (p.scoring ?? (existing.scoring as { maxMissing?: number })).maxMissing ?? 0;
        if (Array.isArray(items) && maxMissing >= items.length) throw badRequest("At least one item must be answered");
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.questionnaireInstrument.updateMany({ where: { id: input.id, version: input.version }, data: { ...p, version: { increment: 1 } } });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "questionnaires.instruments.update", outcome: "success", entityType: "QuestionnaireInstrument", entityIds: [input.id], fields: Object.keys(p) }, tx);
        return tx.questionnaireInstrument.findUniqueOrThrow({ where: { id: input.id }, select: instrumentSelect });
      });
    }),
});

const responsesRouter = router({
  list: authorised("questionnaires:read")
    .input(ZResponseListInput)
    .query(async ({ ctx, input }) => {
      if (input.personId) await personInScope(ctx, input.personId);
      const rows = await ctx.prisma.questionnaireResponse.findMany({
        where: {
          AND: [
            { person: personWhere(ctx) },
            input.personId ? { personId: input.personId } : {},
            input.instrumentId ? { instrumentId: input.instrumentId } : {},
            input.hubCaseId ? { hubCaseId: input.hubCaseId } : {},
            input.enrolmentId ? { enrolmentId: input.enrolmentId } : {},
            input.timePoint ? { timePoint: input.timePoint } : {},
          ],
        },
        select: responseSelect,
        orderBy: { id: "asc" },
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, input.limit);
      await recordAudit(ctx, { action: "questionnaires.responses.list", outcome: "success", entityType: "QuestionnaireResponse", entityIds: page.map((r) => r.id), personIds: page.map((r) => r.personId), fields: Object.keys(responseSelect) });
      return { items: page.map(responseOut), nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null };
    }),

  get: authorised("questionnaires:read")
    .input(ZById)
    .query(async ({ ctx, input }) => {
      const row = await ctx.prisma.questionnaireResponse.findFirst({ where: { id: input.id, person: personWhere(ctx) }, select: responseSelect });
      if (!row) throw notFound("Questionnaire response");
      await recordAudit(ctx, { action: "questionnaires.responses.get", outcome: "success", entityType: "QuestionnaireResponse", entityIds: [row.id], personIds: [row.personId], fields: Object.keys(responseSelect) });
      return responseOut(row);
    }),

  create: authorised("questionnaires:write")
    .input(ZResponseCreateInput)
    .mutation(async ({ ctx, input }) => {
      await personInScope(ctx, input.personId);
      await refuseBarredWrite(ctx, "questionnaires.responses.create", [input.personId]);
      const { instrument } = await loadInstrument(ctx, input.instrumentId, true);
      await checkLinks(ctx, input.personId, input.enrolmentId, input.hubCaseId);
      if (new Date(input.completedAt) > ctx.now) throw badRequest("A questionnaire cannot be completed in the future");
      const scored = scoreResponse(instrument, input.answers);
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const row = await tx.questionnaireResponse.create({
          data: {
            personId: input.personId,
            instrumentId: input.instrumentId,
            enrolmentId: input.enrolmentId ?? null,
            hubCaseId: input.hubCaseId ?? null,
            timePoint: input.timePoint,
            completedAt: new Date(input.completedAt),
            answers: input.answers,
            language: input.language,
            score: scored.score,
            subscores: scored.subscores,
            recordedById: ctx.user.id,
          },
          select: responseSelect,
        });
        await recordAudit(ctx, { action: "questionnaires.responses.create", outcome: "success", entityType: "QuestionnaireResponse", entityIds: [row.id, input.instrumentId], personIds: [input.personId], fields: Object.keys(input) }, tx);
        return { ...responseOut(row), band: scored.band, missing: scored.missing };
      });
    }),

  update: authorised("questionnaires:write")
    .input(ZResponseUpdateInput)
    .mutation(async ({ ctx, input }) => {
      const existing = await ctx.prisma.questionnaireResponse.findFirst({ where: { id: input.id, person: personWhere(ctx) }, select: { id: true, personId: true, instrumentId: true, answers: true } });
      if (!existing) throw notFound("Questionnaire response");
      await refuseBarredWrite(ctx, "questionnaires.responses.update", [existing.personId]);
      const p = input.patch;
      if (p.completedAt && new Date(p.completedAt) > ctx.now) throw badRequest("A questionnaire cannot be completed in the future");
      const data: Record<string, unknown> = { version: { increment: 1 } };
      if (p.timePoint) data.timePoint = p.timePoint;
      if (p.completedAt) data.completedAt = new Date(p.completedAt);
      if (p.answers) {
        const { instrument } = await loadInstrument(ctx, existing.instrumentId, false);
        const scored = scoreResponse(instrument, p.answers);
        Object.assign(data, { answers: p.answers, score: scored.score, subscores: scored.subscores });
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        const { count } = await tx.questionnaireResponse.updateMany({ where: { id: input.id, version: input.version }, data });
        if (count === 0) throw conflict();
        await recordAudit(ctx, { action: "questionnaires.responses.update", outcome: "success", entityType: "QuestionnaireResponse", entityIds: [input.id], personIds: [existing.personId], fields: Object.keys(p) }, tx);
        return responseOut(await tx.questionnaireResponse.findUniqueOrThrow({ where: { id: input.id }, select: responseSelect }));
      });
    }),
});

export const questionnairesRouter = router({
  instruments: instrumentsRouter,
  responses: responsesRouter,

  /** Change in score per person and instrument from entry to each later time point. */
  change: authorised("questionnaires:read")
    .input(ZChangeInput)
    .query(async ({ ctx, input }) => {
      if (!input.personId && !input.hubCaseId && !input.enrolmentId) throw badRequest("Give a person, a hub case or an enrolment");
      if (input.personId) await personInScope(ctx, input.personId);
      const rows = await ctx.prisma.questionnaireResponse.findMany({
        where: {
          AND: [
            { person: personWhere(ctx) },
            input.personId ? { personId: input.personId } : {},
            input.hubCaseId ? { hubCaseId: input.hubCaseId } : {},
            input.enrolmentId ? { enrolmentId: input.enrolmentId } : {},
            input.instrumentId ? { instrumentId: input.instrumentId } : {},
          ],
        },
        select: { id: true, personId: true, instrumentId: true, timePoint: true, completedAt: true, score: true },
        orderBy: { completedAt: "asc" },
        take: 5000,
      });
      const instrumentIds = [...new Set(rows.map((r) => r.instrumentId))];
      const instruments = await ctx.prisma.questionnaireInstrument.findMany({ where: { id: { in: instrumentIds } }, select: { id: true, code: true, name: true, scoring: true } });
      const direction: Record<string, boolean> = {};
      for (const i of instruments as { id: string; scoring: unknown }[]) {
        const s = i.scoring as { higherIsBetter?: unknown } | null;
        if (s && typeof s.higherIsBetter === "boolean") direction[i.id] = s.higherIsBetter;
      }
      const changes = scoreChanges(
        rows.map((r) => ({ id: r.id, personId: r.personId, instrumentId: r.instrumentId, timePoint: r.timePoint, completedAt: r.completedAt.toISOString(), score: r.score })),
        direction,
      );
      await recordAudit(ctx, { action: "questionnaires.change", outcome: "success", entityType: "QuestionnaireResponse", entityIds: rows.map((r) => r.id), personIds: [...new Set(rows.map((r) => r.personId))], fields: ["timePoint", "score"] });
      return { instruments: (instruments as { id: string; code: string; name: string }[]).map(({ id, code, name }) => ({ id, code, name })), changes };
    }),
  translations: translationsRouter,
  offer: offerProcedure,
});
