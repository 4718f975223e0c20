/**
 * Questionnaires in the participant's language: translations of instruments
 * (reference data, versioned with the instrument), their completeness report,
 * and the version of a questionnaire to offer a person (chosen by
 * @evident/core from their first language and interpreter need).
 */
import {
  chooseLanguage,
  instrumentStrings,
  LANGUAGE_INFO,
  localiseInstrument,
  participantText,
  participantTextCompleteness,
  REVIEW_STATUS_LABEL,
  translationCompleteness,
  translationFromStored,
  translationFromTexts,
  ZCompletenessInput,
  ZOfferInput,
  ZTranslationGetInput,
  ZTranslationSaveInput,
  type SourceInstrument,
  type TLanguage,
  type Translation,
} from "@evident/core";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { conflict, notFound } from "../../errors.js";
import { authorised, router } from "../../trpc.js";
import { personInScope, type AuthedContext } from "../scope.js";

const translationSelect = { id: true, instrumentId: true, language: true, instrumentVersion: true, strings: true, reviewStatus: true, note: true, version: true, updatedAt: true } as const;

type StoredItem = { id: string; text: string; options: { value: number; label: string }[] };

/** The English source of an instrument as stored (tolerant of older rows). */
function sourceOf(row: { name: string; instrumentVersion: string; items: unknown }): SourceInstrument {
  const items = Array.isArray(row.items) ? (row.items as StoredItem[]).filter((i) => i && typeof i.id === "string" && Array.isArray(i.options)) : [];
  return {
    name: row.name,
    instrumentVersion: row.instrumentVersion,
    items: items.map((i) => ({ id: i.id, text: String(i.text ?? ""), options: i.options.map((o) => ({ value: Number(o.value), label: String(o.label ?? "") })) })),
  };
}

async function loadInstrumentSource(ctx: AuthedContext, id: string) {
  const row = await ctx.prisma.questionnaireInstrument.findUnique({ where: { id }, select: { id: true, code: true, name: true, instrumentVersion: true, items: true, active: true } });
  if (!row) throw notFound("Questionnaire");
  return { row, source: sourceOf(row) };
}

async function loadTranslations(db: DbClient, instrumentIds: string[]) {
  const rows = await db.questionnaireTranslation.findMany({ where: { instrumentId: { in: instrumentIds } }, select: translationSelect, orderBy: { language: "asc" } });
  return rows.map((r) => ({ row: r, t: translationFromStored(r) })).filter((x): x is { row: (typeof rows)[number]; t: Translation } => x.t !== null);
}

const rowOut = <T extends { updatedAt: Date }>(r: T) => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export const translationsRouter = router({
  /** One language's strings for an instrument, each with its English source and state. */
  get: authorised("translations:read")
    .input(ZTranslationGetInput)
    .query(async ({ ctx, input }) => {
      const { row, source } = await loadInstrumentSource(ctx, input.instrumentId);
      const [found] = (await loadTranslations(ctx.prisma, [row.id])).filter((x) => x.t.language === input.language);
      const [report] = translationCompleteness(source, found ? [found.t] : [], [input.language]);
      const missing = new Set(report!.missing.map((m) => m.key));
      const stale = new Set(report!.outOfDate.map((m) => m.key));
      return {
        instrument: { id: row.id, code: row.code, name: row.name, instrumentVersion: row.instrumentVersion },
        language: input.language,
        dir: LANGUAGE_INFO[input.language].dir,
        translation: found ? rowOut({ id: found.row.id, version: found.row.version, instrumentVersion: found.row.instrumentVersion, reviewStatus: found.t.reviewStatus, note: found.row.note, updatedAt: found.row.updatedAt }) : null,
        reviewStatusLabel: found ? REVIEW_STATUS_LABEL[found.t.reviewStatus] : null,
        strings: instrumentStrings(source).map(({ key, english }) => ({
          key,
          english,
          text: found?.t.strings[key]?.text ?? null,
          state: missing.has(key) ? ("missing" as const) : stale.has(key) ? ("out_of_date" as const) : ("translated" as const),
        })),
        completeness: report!,
      };
    }),

  /** Creates a language's translation (no version) or replaces its strings (at its version). */
  save: authorised("translations:write")
    .input(ZTranslationSaveInput)
    .mutation(async ({ ctx, input }) => {
      const { row, source } = await loadInstrumentSource(ctx, input.instrumentId);
      let strings: ReturnType<typeof translationFromTexts>;
      try {
        strings = translationFromTexts(source, input.texts);
      } catch (e) {
        throw new TRPCError({ code: "BAD_REQUEST", message: e instanceof Error ? e.message.slice(0, 200) : "Unknown string" });
      }
      return ctx.prisma.$transaction(async (tx: DbClient) => {
        let id: string;
        if (input.version === undefined) {
          const exists = await tx.questionnaireTranslation.findUnique({ where: { instrumentId_language: { instrumentId: row.id, language: input.language } }, select: { id: true } });
          if (exists) throw conflict("This questionnaire already has a translation in that language: reload it and edit that one");
          const created = await tx.questionnaireTranslation.create({ data: { instrumentId: row.id, language: input.language, instrumentVersion: row.instrumentVersion, strings: strings as object, reviewStatus: input.reviewStatus, note: input.note ?? null }, select: { id: true } });
          id = created.id;
        } else {
          const { count } = await tx.questionnaireTranslation.updateMany({
            where: { instrumentId: row.id, language: input.language, version: input.version },
            data: { strings: strings as object, instrumentVersion: row.instrumentVersion, reviewStatus: input.reviewStatus, note: input.note ?? null, version: { increment: 1 } },
          });
          if (count === 0) throw conflict();
          id = (await tx.questionnaireTranslation.findUniqueOrThrow({ where: { instrumentId_language: { instrumentId: row.id, language: input.language } }, select: { id: true } })).id;
        }
        await recordAudit(ctx, { action: "questionnaires.translations.save", outcome: "success", entityType: "QuestionnaireTranslation", entityIds: [id, row.id], fields: ["strings", "reviewStatus"] }, tx);
        const saved = await tx.questionnaireTranslation.findUniqueOrThrow({ where: { id }, select: translationSelect });
        const [report] = translationCompleteness(source, [translationFromStored(saved)!], [input.language]);
        return { id, version: saved.version, instrumentVersion: saved.instrumentVersion, reviewStatus: saved.reviewStatus, completeness: report! };
      });
    }),

  /** Per instrument and language: translated, missing and out-of-date strings; and the participant texts. */
  completeness: authorised("translations:read")
    .input(ZCompletenessInput.optional())
    .query(async ({ ctx, input }) => {
      const instruments = await ctx.prisma.questionnaireInstrument.findMany({
        where: input?.instrumentId ? { id: input.instrumentId } : { active: true },
        select: { id: true, code: true, name: true, instrumentVersion: true, items: true },
        orderBy: { code: "asc" },
        take: 200,
      });
      if (input?.instrumentId && instruments.length === 0) throw notFound("Questionnaire");
      const translations = await loadTranslations(ctx.prisma, instruments.map((i) => i.id));
      return {
        instruments: instruments.map((i) => ({
          id: i.id,
          code: i.code,
          name: i.name,
          instrumentVersion: i.instrumentVersion,
          languages: translationCompleteness(
            sourceOf(i),
            translations.filter((t) => t.row.instrumentId === i.id).map((t) => t.t),
          ).map((r) => ({ ...r, reviewStatusLabel: r.reviewStatus ? REVIEW_STATUS_LABEL[r.reviewStatus] : null })),
        })),
        participantTexts: participantTextCompleteness(),
      };
    }),
});

/**
 * The questionnaire to hand a person: in the language @evident/core chooses
 * from their record (or the one the worker picks), with the participant
 * texts, every untranslated string shown in English and marked.
 */
export const offerProcedure = authorised("questionnaires:read")
  .input(ZOfferInput)
  .query(async ({ ctx, input }) => {
    await personInScope(ctx, input.personId);
    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: input.personId }, select: { id: true, firstLanguage: true, interpreterNeeded: true } });
    const { row, source } = await loadInstrumentSource(ctx, input.instrumentId);
    if (!row.active) throw new TRPCError({ code: "BAD_REQUEST", message: "This questionnaire is no longer in use" });
    const translations = await loadTranslations(ctx.prisma, [row.id]);
    const report = translationCompleteness(source, translations.map((t) => t.t));
    // A language is offered automatically only when its translation is current and at least partly done.
    const available = report.filter((r) => r.translated > 0 && !r.instrumentOutOfDate).map((r) => r.language);
    const choice = chooseLanguage(person, available);
    const language: TLanguage = input.language ?? choice.language;
    const t = translations.find((x) => x.t.language === language)?.t ?? null;
    const localised = localiseInstrument(source, language, t);
    await recordAudit(ctx, { action: "questionnaires.offer", outcome: "success", entityType: "Person", entityIds: [person.id, row.id], personIds: [person.id], fields: ["firstLanguage", "interpreterNeeded"] });
    return {
      instrument: { id: row.id, code: row.code, instrumentVersion: row.instrumentVersion },
      choice,
      language,
      chosenByWorker: input.language !== undefined && input.language !== choice.language,
      available: ["en" as const, ...available],
      localised,
      reviewStatusLabel: localised.reviewStatus ? REVIEW_STATUS_LABEL[localised.reviewStatus] : null,
      texts: {
        consent: participantText("consent", language),
        instructions: participantText("instructions", language),
        required: participantText("required", language),
        submit: participantText("submit", language),
        thanks: participantText("thanks", language),
      },
    };
  });
