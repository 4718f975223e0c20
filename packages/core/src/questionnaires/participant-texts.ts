/**
 * Participant-facing texts (invitations, session reminders, the consent
 * explanation and the questionnaire's instructions) in English, Arabic, Urdu
 * and Polish. The translations are machine-assisted drafts written for the
 * demo and must be checked by a qualified translator before real use; the
 * catalogue says so, and the portal shows it.
 *
 * Placeholders in braces ({name}, {date}, {time}, {venue}, {programme}) are
 * filled by `participantText`. A missing translation falls back to English,
 * marked; it is never shown blank.
 */
import { LANGUAGE_INFO, type TLanguage } from "./languages.js";
import type { ShownText, TReviewStatus } from "./translations.js";

export const PARTICIPANT_TEXT_KEYS = ["invitation", "reminder", "consent", "instructions", "required", "submit", "thanks"] as const;
export type TParticipantTextKey = (typeof PARTICIPANT_TEXT_KEYS)[number];

export const PARTICIPANT_TEXTS_VERSION = "1";

export interface ParticipantTextCatalogue {
  version: string;
  /** Per language: its review status and the texts. English is the source. */
  languages: Readonly<Record<TLanguage, { reviewStatus: TReviewStatus | "source"; texts: Partial<Record<TParticipantTextKey, string>> }>>;
}

export const PARTICIPANT_TEXTS: ParticipantTextCatalogue = {
  version: PARTICIPANT_TEXTS_VERSION,
  languages: {
    en: {
      reviewStatus: "source",
      texts: {
        invitation: "Hello {name}. You are invited to join {programme}. The first session is on {date} at {time}, at {venue}. Childcare can be arranged. Please tell your worker if you need help to get there.",
        reminder: "Reminder: your next session is on {date} at {time}, at {venue}. If you cannot come, please let your worker know.",
        consent: "We ask these questions to see how things are changing for you and your family. Your answers help us improve our support. You do not have to answer, and saying no will not change the help you get. Your answers are kept securely and shared only as the law allows.",
        instructions: "Choose one answer for each question. There are no right or wrong answers.",
        required: "Please answer every question.",
        submit: "Finish",
        thanks: "Thank you. Please hand the tablet back to your worker.",
      },
    },
    ar: {
      reviewStatus: "machine_assisted_draft",
      texts: {
        invitation: "مرحباً {name}. ندعوك للانضمام إلى {programme}. الجلسة الأولى يوم {date} الساعة {time} في {venue}. يمكن ترتيب رعاية للأطفال. يرجى إخبار العامل المسؤول عنك إذا كنت بحاجة إلى مساعدة للوصول.",
        reminder: "تذكير: جلستك القادمة يوم {date} الساعة {time} في {venue}. إذا لم تتمكن من الحضور، يرجى إبلاغ العامل المسؤول عنك.",
        consent: "نطرح هذه الأسئلة لنعرف كيف تتغير الأمور بالنسبة لك ولعائلتك. تساعدنا إجاباتك على تحسين الدعم الذي نقدمه. لست مضطراً للإجابة، ورفضك لن يغيّر المساعدة التي تحصل عليها. تُحفظ إجاباتك بأمان ولا تُشارك إلا بما يسمح به القانون.",
        instructions: "اختر إجابة واحدة لكل سؤال. لا توجد إجابات صحيحة أو خاطئة.",
        required: "يرجى الإجابة على كل الأسئلة.",
        submit: "إنهاء",
        thanks: "شكراً لك. يرجى إعادة الجهاز اللوحي إلى العامل.",
      },
    },
    ur: {
      reviewStatus: "machine_assisted_draft",
      texts: {
        invitation: "السلام علیکم {name}۔ آپ کو {programme} میں شامل ہونے کی دعوت دی جاتی ہے۔ پہلا سیشن {date} کو {time} بجے {venue} میں ہوگا۔ بچوں کی دیکھ بھال کا انتظام کیا جا سکتا ہے۔ اگر آپ کو وہاں پہنچنے میں مدد چاہیے تو اپنے کارکن کو بتائیں۔",
        reminder: "یاد دہانی: آپ کا اگلا سیشن {date} کو {time} بجے {venue} میں ہے۔ اگر آپ نہیں آ سکتے تو براہ کرم اپنے کارکن کو بتائیں۔",
        consent: "ہم یہ سوالات یہ جاننے کے لیے پوچھتے ہیں کہ آپ اور آپ کے خاندان کے لیے حالات کیسے بدل رہے ہیں۔ آپ کے جوابات ہماری مدد کو بہتر بنانے میں مدد دیتے ہیں۔ جواب دینا ضروری نہیں، اور انکار کرنے سے آپ کو ملنے والی مدد نہیں بدلے گی۔ آپ کے جوابات محفوظ رکھے جاتے ہیں اور صرف قانون کی اجازت کے مطابق شیئر کیے جاتے ہیں۔",
        instructions: "ہر سوال کے لیے ایک جواب چنیں۔ کوئی جواب صحیح یا غلط نہیں ہے۔",
        required: "براہ کرم ہر سوال کا جواب دیں۔",
        submit: "ختم کریں",
        thanks: "شکریہ۔ براہ کرم ٹیبلٹ اپنے کارکن کو واپس دے دیں۔",
      },
    },
    pl: {
      reviewStatus: "machine_assisted_draft",
      texts: {
        invitation: "Dzień dobry {name}. Zapraszamy do udziału w {programme}. Pierwsze spotkanie odbędzie się {date} o {time} w {venue}. Możemy zapewnić opiekę nad dziećmi. Prosimy powiedzieć swojemu pracownikowi, jeśli potrzebujesz pomocy w dotarciu na miejsce.",
        reminder: "Przypomnienie: Twoje następne spotkanie odbędzie się {date} o {time} w {venue}. Jeśli nie możesz przyjść, daj znać swojemu pracownikowi.",
        consent: "Zadajemy te pytania, aby zobaczyć, jak zmienia się sytuacja Twoja i Twojej rodziny. Twoje odpowiedzi pomagają nam ulepszać wsparcie. Nie musisz odpowiadać, a odmowa nie zmieni pomocy, którą otrzymujesz. Twoje odpowiedzi są bezpiecznie przechowywane i udostępniane tylko w zakresie dozwolonym przez prawo.",
        instructions: "Wybierz jedną odpowiedź na każde pytanie. Nie ma dobrych ani złych odpowiedzi.",
        required: "Prosimy odpowiedzieć na każde pytanie.",
        submit: "Zakończ",
        thanks: "Dziękujemy. Prosimy oddać tablet pracownikowi.",
      },
    },
  },
};

/**
 * A participant text in `language` with its placeholders filled. Falls back
 * to English (marked) when the language has no text for the key; unknown
 * placeholders are left as written.
 */
export function participantText(key: TParticipantTextKey, language: TLanguage, vars: Readonly<Record<string, string>> = {}, catalogue: ParticipantTextCatalogue = PARTICIPANT_TEXTS): ShownText & { dir: "ltr" | "rtl" } {
  const own = catalogue.languages[language]?.texts[key];
  const usable = own !== undefined && own.trim() !== "";
  const lang: TLanguage = usable ? language : "en";
  const template = usable ? own! : (catalogue.languages.en.texts[key] ?? key);
  const text = template.replace(/\{([a-z]+)\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name]! : m));
  return { text, lang, fallback: !usable && language !== "en", dir: LANGUAGE_INFO[lang].dir };
}

/** Participant texts with no translation, per language. */
export function participantTextCompleteness(catalogue: ParticipantTextCatalogue = PARTICIPANT_TEXTS, languages: readonly TLanguage[] = ["ar", "ur", "pl"]): { language: TLanguage; total: number; translated: number; missing: TParticipantTextKey[]; reviewStatus: string }[] {
  return languages.map((language) => {
    const texts = catalogue.languages[language]?.texts ?? {};
    const missing = PARTICIPANT_TEXT_KEYS.filter((k) => !texts[k]?.trim());
    return { language, total: PARTICIPANT_TEXT_KEYS.length, translated: PARTICIPANT_TEXT_KEYS.length - missing.length, missing, reviewStatus: catalogue.languages[language]?.reviewStatus ?? "missing" };
  });
}
