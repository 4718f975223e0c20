import { describe, expect, it } from "vitest";
import { scoreResponse, type Instrument } from "../records/questionnaires.js";
import { chooseLanguage, languageCode, textDirection } from "./languages.js";
import { participantText, participantTextCompleteness, PARTICIPANT_TEXTS } from "./participant-texts.js";
import type { TInstrumentItem } from "../records/questionnaires.js";
import { instrumentStrings, localiseInstrument, translationCompleteness, translationFromStored, translationFromTexts, ZTranslationTexts, type SourceInstrument, type Translation } from "./translations.js";

const options = [0, 1, 2].map((value) => ({ value, label: ["Never", "Sometimes", "Always"][value]! }));
const source: SourceInstrument & Instrument = {
  // (both shapes: the English source and the scored instrument)
  name: "Safety check",
  instrumentVersion: "1",
  items: [
    { id: "s1", text: "I feel afraid at home", options, reverse: true },
    { id: "s2", text: "I can keep my children safe", options },
  ] as TInstrumentItem[],
  scoring: { method: "sum", higherIsBetter: true, maxMissing: 0 },
};
const arabic: Translation = {
  language: "ar",
  instrumentVersion: "1",
  reviewStatus: "machine_assisted_draft",
  strings: translationFromTexts(source, {
    name: "فحص السلامة",
    "items.s1.text": "أشعر بالخوف في المنزل",
    "items.s1.options.0": "أبداً",
    "items.s1.options.1": "أحياناً",
    "items.s1.options.2": "دائماً",
    "items.s2.text": "أستطيع الحفاظ على سلامة أطفالي",
    "items.s2.options.0": "أبداً",
    "items.s2.options.1": "أحياناً",
    // s2 option 2 deliberately untranslated
  }),
};

describe("scoring is the same in every language", () => {
  it("answers chosen in the Arabic version score as the same answers in English", () => {
    const ar = localiseInstrument(source, "ar", arabic);
    expect(ar.dir).toBe("rtl");
    // The participant picks "دائماً" (always) for s1 and "أحياناً" (sometimes) for s2: answers are the option values.
    const pick = (itemId: string, label: string) => ar.items.find((i) => i.id === itemId)!.options.find((o) => o.label.text === label)!.value;
    const answersAr = { s1: pick("s1", "دائماً"), s2: pick("s2", "أحياناً") };
    const en = localiseInstrument(source, "en", null);
    const answersEn = { s1: en.items[0]!.options.find((o) => o.label.text === "Always")!.value, s2: en.items[1]!.options.find((o) => o.label.text === "Sometimes")!.value };
    expect(answersAr).toEqual(answersEn);
    // s1 reversed: 2 → 0; s2 = 1: total 1 (worked by hand)
    expect(scoreResponse(source, answersAr).score).toBe(1);
    expect(scoreResponse(source, answersEn).score).toBe(1);
  });
});

describe("localising", () => {
  it("shows English, marked, where a string is missing or out of date, never blank", () => {
    const ar = localiseInstrument(source, "ar", arabic);
    expect(ar.name).toEqual({ text: "فحص السلامة", lang: "ar", fallback: false });
    expect(ar.items[1]!.options[2]!.label).toEqual({ text: "Always", lang: "en", fallback: true });
    expect(ar.fallbackCount).toBe(1);
    expect(ar.outOfDate).toBe(false);
    expect(ar.reviewStatus).toBe("machine_assisted_draft");
    // The English wording of s1 changes in version 2: its translation is out of date.
    const v2 = { ...source, instrumentVersion: "2", items: [{ ...source.items[0]!, text: "I feel frightened at home" }, source.items[1]!] };
    const ar2 = localiseInstrument(v2, "ar", arabic);
    expect(ar2.outOfDate).toBe(true);
    expect(ar2.items[0]!.text).toEqual({ text: "I feel frightened at home", lang: "en", fallback: true });
    expect(ar2.fallbackCount).toBe(2);
    // No Urdu translation at all: everything in English, marked; the blank string counts as missing.
    const ur = localiseInstrument(source, "ur", null);
    expect(ur.dir).toBe("rtl");
    expect(ur.fallbackCount).toBe(instrumentStrings(source).length);
    expect(instrumentStrings(source)).toHaveLength(9); // name + 2 × (text + 3 options)
  });

  it("lists untranslated and out-of-date strings per language", () => {
    const v2 = { ...source, instrumentVersion: "2", items: [{ ...source.items[0]!, text: "I feel frightened at home" }, source.items[1]!] };
    const [ar, ur, pl] = translationCompleteness(v2, [arabic]);
    expect(ar).toMatchObject({ language: "ar", total: 9, translated: 7, share: 0.778, instrumentOutOfDate: true, reviewStatus: "machine_assisted_draft" });
    expect(ar!.missing).toEqual([{ key: "items.s2.options.2", english: "Always" }]);
    expect(ar!.outOfDate).toEqual([{ key: "items.s1.text", english: "I feel frightened at home", translatedFrom: "I feel afraid at home" }]);
    expect(ur).toMatchObject({ language: "ur", translated: 0, share: 0, reviewStatus: null });
    expect(ur!.missing).toHaveLength(9);
    expect(pl!.translated).toBe(0);
  });

  it("reads stored rows defensively and refuses unknown keys", () => {
    expect(() => translationFromTexts(source, { "items.s9.text": "x" })).toThrow(/not a string/);
    const t = translationFromStored({ language: "ar", instrumentVersion: "1", strings: { name: { text: "x", source: "Safety check" }, bad: 3 }, reviewStatus: "checked" });
    expect(t).toEqual({ language: "ar", instrumentVersion: "1", strings: { name: { text: "x", source: "Safety check" } }, reviewStatus: "checked" });
    expect(translationFromStored({ language: "fr", instrumentVersion: "1", strings: {}, reviewStatus: "checked" })).toBeNull();
    expect(ZTranslationTexts.safeParse({ "items.s1.text": "ok" }).success).toBe(true);
    expect(ZTranslationTexts.safeParse({ __proto__x: "no" }).success).toBe(false);
    expect(ZTranslationTexts.safeParse({ "items.s1.text": "a\u0000b" }).success).toBe(false);
  });
});

describe("choosing the language", () => {
  it("offers the person's language when translated, else English with an interpreter", () => {
    expect(chooseLanguage({ firstLanguage: "Arabic", interpreterNeeded: false }, ["ar", "ur"])).toMatchObject({ language: "ar", interpreter: false, fallback: false });
    expect(chooseLanguage({ firstLanguage: "Urdu", interpreterNeeded: true }, ["ar", "ur"])).toMatchObject({ language: "ur", interpreter: true, fallback: false });
    expect(chooseLanguage({ firstLanguage: "Polish", interpreterNeeded: false }, ["ar"])).toMatchObject({ language: "en", interpreter: true, fallback: true, reason: "No Polish translation is available: English is offered and an interpreter is needed." });
    expect(chooseLanguage({ firstLanguage: "Punjabi", interpreterNeeded: false }, ["ar", "ur", "pl"])).toMatchObject({ language: "en", interpreter: true, fallback: true });
    expect(chooseLanguage({ firstLanguage: "English", interpreterNeeded: false }, [])).toMatchObject({ language: "en", interpreter: false, fallback: false });
    expect(chooseLanguage({ firstLanguage: null, interpreterNeeded: true }, ["ar"])).toMatchObject({ language: "en", interpreter: true, fallback: false });
    expect(languageCode(" polish ")).toBe("pl");
    expect(languageCode("ur")).toBe("ur");
    expect(textDirection("ur")).toBe("rtl");
    expect(textDirection("pl")).toBe("ltr");
  });
});

describe("participant texts", () => {
  it("fills placeholders in the chosen language and falls back to English, marked", () => {
    const r = participantText("reminder", "pl", { date: "12.03.2019", time: "10:00", venue: "Chalvey Centre" });
    expect(r).toEqual({ text: "Przypomnienie: Twoje następne spotkanie odbędzie się 12.03.2019 o 10:00 w Chalvey Centre. Jeśli nie możesz przyjść, daj znać swojemu pracownikowi.", lang: "pl", fallback: false, dir: "ltr" });
    expect(participantText("submit", "ar").dir).toBe("rtl");
    const partial = { ...PARTICIPANT_TEXTS, languages: { ...PARTICIPANT_TEXTS.languages, ur: { reviewStatus: "machine_assisted_draft" as const, texts: { submit: "ختم کریں", thanks: " " } } } };
    expect(participantText("thanks", "ur", {}, partial)).toMatchObject({ text: "Thank you. Please hand the tablet back to your worker.", lang: "en", fallback: true, dir: "ltr" });
    expect(participantText("invitation", "en", { name: "Sam" }).text).toMatch(/^Hello Sam\. You are invited to join \{programme\}/);
    const c = participantTextCompleteness(partial);
    expect(c.find((x) => x.language === "ur")).toMatchObject({ translated: 1, missing: ["invitation", "reminder", "consent", "instructions", "required", "thanks"] });
    expect(participantTextCompleteness().every((x) => x.translated === x.total && x.reviewStatus === "machine_assisted_draft")).toBe(true);
  });
});
