/**
 * The languages participant-facing texts are offered in, and the rule that
 * picks one for a person from their recorded first language and interpreter
 * need.
 *
 * Rule (documented for staff in the portal):
 * 1. The person's first language is one we translate into (English, Arabic,
 *    Urdu, Polish) and a translation is available → that language. An
 *    interpreter is still flagged when the person's record says they need one.
 * 2. Their language is one we do not translate into, or its translation is not
 *    available → English, with the interpreter flag set (someone must read it
 *    with them in their language), and the reason given.
 * 3. No language recorded → English; the interpreter flag follows the record.
 */
import { z } from "zod";

export const LANGUAGES = ["en", "ar", "ur", "pl"] as const;
export type TLanguage = (typeof LANGUAGES)[number];
export const ZLanguage = z.enum(LANGUAGES);
export const ZTranslatedLanguage = z.enum(["ar", "ur", "pl"]);

export interface LanguageInfo {
  code: TLanguage;
  /** English name, as recorded on a person ("Arabic"). */
  name: string;
  /** The language's own name for itself. */
  nativeName: string;
  dir: "ltr" | "rtl";
}

export const LANGUAGE_INFO: Readonly<Record<TLanguage, LanguageInfo>> = {
  en: { code: "en", name: "English", nativeName: "English", dir: "ltr" },
  ar: { code: "ar", name: "Arabic", nativeName: "العربية", dir: "rtl" },
  ur: { code: "ur", name: "Urdu", nativeName: "اردو", dir: "rtl" },
  pl: { code: "pl", name: "Polish", nativeName: "Polski", dir: "ltr" },
};

/** Text direction for a language: Arabic and Urdu are written right to left. */
export const textDirection = (lang: TLanguage): "ltr" | "rtl" => LANGUAGE_INFO[lang].dir;

/** Maps a recorded language ("Arabic", "arabic", "ar") to a code we translate into, or null. */
export function languageCode(recorded: string | null | undefined): TLanguage | null {
  if (!recorded) return null;
  const v = recorded.trim().toLowerCase();
  for (const info of Object.values(LANGUAGE_INFO)) {
    if (v === info.code || v === info.name.toLowerCase()) return info.code;
  }
  return null;
}

export interface LanguageChoice {
  language: TLanguage;
  /** Someone must read or interpret the questionnaire with the person. */
  interpreter: boolean;
  /** English was offered instead of the person's own language. */
  fallback: boolean;
  reason: string;
}

/**
 * Which language to offer a person. `available` lists the languages with a
 * usable translation (English is always available).
 */
export function chooseLanguage(person: { firstLanguage: string | null | undefined; interpreterNeeded: boolean }, available: readonly TLanguage[]): LanguageChoice {
  const recorded = person.firstLanguage?.trim() || null;
  if (!recorded) {
    return { language: "en", interpreter: person.interpreterNeeded, fallback: false, reason: "No first language is recorded: English is offered." };
  }
  const code = languageCode(recorded);
  if (code === "en") return { language: "en", interpreter: person.interpreterNeeded, fallback: false, reason: "First language is English." };
  if (code && available.includes(code)) {
    const name = LANGUAGE_INFO[code].name;
    return {
      language: code,
      interpreter: person.interpreterNeeded,
      fallback: false,
      reason: person.interpreterNeeded ? `Offered in ${name}; the record says an interpreter is needed.` : `Offered in ${name}, the person's first language.`,
    };
  }
  const why = code ? `No ${LANGUAGE_INFO[code].name} translation is available` : `${recorded.slice(0, 40)} is not one of the languages we translate into`;
  return { language: "en", interpreter: true, fallback: true, reason: `${why}: English is offered and an interpreter is needed.` };
}
