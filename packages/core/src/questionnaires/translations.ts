/**
 * Translations of questionnaire instruments. The English instrument is the
 * source; a translation holds one string per key ("name",
 * "items.<id>.text", "items.<id>.options.<value>") together with the English
 * text it was translated from. Answers are always keyed by item id and
 * option value, never by text, so a response in any language scores exactly
 * as the English one does (scoring never looks at a translation).
 *
 * A string is missing when the translation has no text for a key, and out of
 * date when the English text has changed since it was translated; either
 * way the English text is shown instead, visibly marked, never a blank. A
 * whole translation is out of date when the instrument's version has moved
 * on since it was made.
 */
import { z } from "zod";
import { ZId, ZVersion, zLine } from "../records/common.js";
import type { TInstrumentItem } from "../records/questionnaires.js";
import { LANGUAGE_INFO, ZTranslatedLanguage, type TLanguage } from "./languages.js";

export const REVIEW_STATUSES = ["machine_assisted_draft", "checked"] as const;
export type TReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABEL: Readonly<Record<TReviewStatus, string>> = {
  machine_assisted_draft: "Machine-assisted draft, to be checked by a qualified translator",
  checked: "Checked by a qualified translator",
};

export interface SourceInstrument {
  name: string;
  instrumentVersion: string;
  items: readonly Pick<TInstrumentItem, "id" | "text" | "options">[];
}

export interface TranslatedString {
  text: string;
  /** The English text this was translated from. */
  source: string;
}

export interface Translation {
  language: TLanguage;
  instrumentVersion: string;
  strings: Readonly<Record<string, TranslatedString>>;
  reviewStatus: TReviewStatus;
}

/** Every translatable string of an instrument, keyed, with its English text (in display order). */
export function instrumentStrings(instrument: SourceInstrument): { key: string; english: string }[] {
  const out = [{ key: "name", english: instrument.name }];
  for (const item of instrument.items) {
    out.push({ key: `items.${item.id}.text`, english: item.text });
    for (const o of item.options) out.push({ key: `items.${item.id}.options.${o.value}`, english: o.label });
  }
  return out;
}

export type StringState = "translated" | "missing" | "out_of_date";

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function stateOf(translation: Translation | null, key: string, english: string): StringState {
  if (!translation || !has(translation.strings, key)) return "missing";
  const s = translation.strings[key]!;
  if (!s.text.trim()) return "missing";
  return s.source === english ? "translated" : "out_of_date";
}

export interface ShownText {
  text: string;
  /** The language the text is actually in. */
  lang: TLanguage;
  /** English shown because the translation is missing or out of date. */
  fallback: boolean;
}

export interface LocalisedInstrument {
  language: TLanguage;
  dir: "ltr" | "rtl";
  name: ShownText;
  items: { id: string; text: ShownText; options: { value: number; label: ShownText }[] }[];
  /** Strings shown in English instead. */
  fallbackCount: number;
  /** The translation was made for an earlier version of the instrument. */
  outOfDate: boolean;
  reviewStatus: TReviewStatus | null;
}

/**
 * The instrument as a participant sees it in `language`. English is returned
 * as is; otherwise each string comes from the translation when it is
 * present and current, else the English text marked as a fallback.
 */
export function localiseInstrument(instrument: SourceInstrument, language: TLanguage, translation: Translation | null): LocalisedInstrument {
  const t = language === "en" || !translation || translation.language !== language ? null : translation;
  let fallbackCount = 0;
  const shown = (key: string, english: string): ShownText => {
    if (language === "en") return { text: english, lang: "en", fallback: false };
    if (stateOf(t, key, english) === "translated") return { text: t!.strings[key]!.text, lang: language, fallback: false };
    fallbackCount++;
    return { text: english, lang: "en", fallback: true };
  };
  const name = shown("name", instrument.name);
  const items = instrument.items.map((item) => ({
    id: item.id,
    text: shown(`items.${item.id}.text`, item.text),
    options: item.options.map((o) => ({ value: o.value, label: shown(`items.${item.id}.options.${o.value}`, o.label) })),
  }));
  return {
    language,
    dir: LANGUAGE_INFO[language].dir,
    name,
    items,
    fallbackCount,
    outOfDate: language !== "en" && !!t && t.instrumentVersion !== instrument.instrumentVersion,
    reviewStatus: language === "en" ? null : (t?.reviewStatus ?? null),
  };
}

export interface CompletenessRow {
  language: TLanguage;
  total: number;
  translated: number;
  /** Keys with no translation, with the English text. */
  missing: { key: string; english: string }[];
  /** Keys whose English text changed since they were translated. */
  outOfDate: { key: string; english: string; translatedFrom: string }[];
  /** 0..1 */
  share: number;
  instrumentOutOfDate: boolean;
  reviewStatus: TReviewStatus | null;
}

/** Per language: which strings are translated, missing or out of date. */
export function translationCompleteness(instrument: SourceInstrument, translations: readonly Translation[], languages: readonly TLanguage[] = ["ar", "ur", "pl"]): CompletenessRow[] {
  const strings = instrumentStrings(instrument);
  return languages.map((language) => {
    const t = translations.find((x) => x.language === language) ?? null;
    const missing: CompletenessRow["missing"] = [];
    const outOfDate: CompletenessRow["outOfDate"] = [];
    let translated = 0;
    for (const { key, english } of strings) {
      const st = stateOf(t, key, english);
      if (st === "translated") translated++;
      else if (st === "missing") missing.push({ key, english });
      else outOfDate.push({ key, english, translatedFrom: t!.strings[key]!.source });
    }
    return {
      language,
      total: strings.length,
      translated,
      missing,
      outOfDate,
      share: strings.length ? Math.round((translated / strings.length) * 1000) / 1000 : 1,
      instrumentOutOfDate: !!t && t.instrumentVersion !== instrument.instrumentVersion,
      reviewStatus: t?.reviewStatus ?? null,
    };
  });
}

/** Builds a translation's stored strings from plain texts, recording the English source of each key. Unknown keys are refused. */
export function translationFromTexts(instrument: SourceInstrument, texts: Readonly<Record<string, string>>): Record<string, TranslatedString> {
  const english = new Map(instrumentStrings(instrument).map((s) => [s.key, s.english]));
  const out: Record<string, TranslatedString> = {};
  for (const [key, text] of Object.entries(texts)) {
    const source = english.get(key);
    if (source === undefined) throw new Error(`"${key}" is not a string of this questionnaire`);
    if (text.trim()) out[key] = { text: text.trim(), source };
  }
  return out;
}

/** Reads a stored translation row, tolerating damage (bad strings are treated as missing). */
export function translationFromStored(row: { language: string; instrumentVersion: string; strings: unknown; reviewStatus: string }): Translation | null {
  const lang = ZTranslatedLanguage.safeParse(row.language);
  if (!lang.success) return null;
  const strings: Record<string, TranslatedString> = {};
  if (row.strings && typeof row.strings === "object" && !Array.isArray(row.strings)) {
    for (const [k, v] of Object.entries(row.strings as Record<string, unknown>)) {
      const p = ZStoredString.safeParse(v);
      if (p.success) strings[k] = p.data;
    }
  }
  return { language: lang.data, instrumentVersion: row.instrumentVersion, strings, reviewStatus: row.reviewStatus === "checked" ? "checked" : "machine_assisted_draft" };
}
const ZStoredString = z.object({ text: z.string().max(2000), source: z.string().max(2000) });

// ---------------------------------------------------------------- input schemas
const ZStringKey = z.string().regex(/^(name|items\.[A-Za-z0-9_.-]{1,40}\.(text|options\.-?\d{1,3}))$/, "must be a string key of the questionnaire");

export const ZTranslationTexts = z
  .record(ZStringKey, z.string().max(1000).refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "must not contain control characters" }))
  .refine((r) => Object.keys(r).length <= 2000, { message: "too many strings" });

export const ZTranslationGetInput = z.object({ instrumentId: ZId, language: ZTranslatedLanguage }).strict();

/** Saves a language's strings for an instrument (creates the translation, or replaces its strings at `version`). */
export const ZTranslationSaveInput = z
  .object({
    instrumentId: ZId,
    language: ZTranslatedLanguage,
    /** The translation's version when it exists (optimistic concurrency); omit to create. */
    version: ZVersion.optional(),
    texts: ZTranslationTexts,
    reviewStatus: z.enum(REVIEW_STATUSES).default("machine_assisted_draft"),
    note: zLine(500).optional(),
  })
  .strict();

export const ZOfferInput = z.object({ personId: ZId, instrumentId: ZId, language: z.enum(["en", "ar", "ur", "pl"]).optional() }).strict();
export const ZCompletenessInput = z.object({ instrumentId: ZId.optional() }).strict();
