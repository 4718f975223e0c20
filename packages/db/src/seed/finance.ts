/**
 * Demo rows for programme finance and questionnaire translations.
 *
 * Finance: the report's Table 23 (actual cost per workstream over 2017-18 to
 * 2018-19) and the logic models' input figures (Appendix 1, Figures 7 and 8:
 * DfE funding, staff funding with the posts' FTE, management and support
 * staff). The report gives two-year totals, so the lines cover both years
 * rather than being split by guesswork; the posts' individual costs are not
 * given, so posts carry their FTE and the staff line carries the cost.
 *
 * Translations: Arabic, Urdu and Polish versions of the two demo instruments,
 * written for the demo as machine-assisted drafts, to be checked by a
 * qualified translator before real use (the rows say so).
 *
 * Its own generator, so it does not disturb the ids of the rest of the demo.
 */
import type { Prisma } from "../generated/prisma/client.js";
import { Rng } from "./random.js";
import { INSTRUMENTS } from "./reference.js";

export interface FinanceSeedRows {
  programmeBudgetLine: Prisma.ProgrammeBudgetLineCreateManyInput[];
  questionnaireTranslation: Prisma.QuestionnaireTranslationCreateManyInput[];
}

const pounds = (p: number) => BigInt(Math.round(p * 100));
const FIG7 = "Evaluation report, Appendix 1, Figure 7 (DAARR logic model inputs)";
const FIG8 = "Evaluation report, Appendix 1, Figure 8 (Innovation Hub logic model inputs)";
const T23 = "Evaluation report, Table 23 (source: SCST)";

type Line = Omit<Prisma.ProgrammeBudgetLineCreateManyInput, "id" | "programmeId" | "fromYear" | "toYear">;

const DAARR_LINES: Line[] = [
  { category: "staff", description: "Domestic Violence/Abuse Coordinator", fte: 1, source: FIG7 },
  { category: "staff", description: "Consultant Social Worker", fte: 0.5, source: FIG7 },
  { category: "staff", description: "Head of Service", fte: 0.25, source: FIG7 },
  { category: "staff", description: "Hub Coordinator", fte: 0.5, source: FIG7 },
  { category: "staff", description: "Staff costs: the posts above and DA family support workers (FTE not stated)", budgetPence: pounds(425_368), source: FIG7 },
  { category: "management", description: "Management and support staff (project manager, project officer, performance analyst)", budgetPence: pounds(42_487), source: FIG7 },
  { category: "other", description: "Training and evaluation (rest of the £678,981 DfE funding)", budgetPence: pounds(678_981 - 425_368 - 42_487), source: FIG7 },
  { category: "reported_total", description: "Inspiring Families / DAARR workstream cost as reported", actualPence: pounds(501_597), source: T23 },
];

const HUB_LINES: Line[] = [
  { category: "staff", description: "Consultant Social Worker", fte: 0.5, source: FIG8 },
  { category: "staff", description: "Head of Service", fte: 0.25, source: FIG8 },
  { category: "staff", description: "Senior Social Worker", fte: 1, source: FIG8 },
  { category: "staff", description: "Family Support Worker", fte: 4, source: FIG8 },
  { category: "staff", description: "Drug & Alcohol Family Support Worker", fte: 1, source: FIG8 },
  { category: "staff", description: "Primary Mental Health Worker", fte: 0.5, source: FIG8 },
  { category: "staff", description: "Hub Co-ordinator", fte: 0.5, source: FIG8 },
  { category: "staff", description: "Staff costs: the posts above", budgetPence: pounds(1_222_095), source: FIG8 },
  { category: "management", description: "Management and support staff (project manager, project officer, performance analyst)", budgetPence: pounds(42_487), source: FIG8 },
  { category: "other", description: "Training and evaluation (rest of the £1,362,708 DfE funding)", budgetPence: pounds(1_362_708 - 1_222_095 - 42_487), source: FIG8 },
  { category: "reported_total", description: "Innovation Hub workstream cost as reported", actualPence: pounds(909_730), source: T23 },
];

type Texts = { name: string; items: string[]; options: string[] };

/** Machine-assisted drafts, per instrument code and language: the name, the items in order, the option labels in value order. */
export const INSTRUMENT_TRANSLATIONS: Record<string, Record<"ar" | "ur" | "pl", Texts>> = {
  FWC7: {
    ar: {
      name: "فحص رفاه الأسرة (نموذج تجريبي، 7 أسئلة)",
      items: ["نتفاهم جيداً معاً في المنزل", "أشعر بالأمان في المنزل", "أستطيع التحدث إلى شخص ما عندما تسوء الأمور", "روتيننا اليومي ناجح (الوجبات، المدرسة، وقت النوم)", "أشعر بالثقة كوالد أو والدة", "أعرف أين أحصل على المساعدة", "الأجواء في المنزل هادئة"],
      options: ["أبداً", "نادراً", "أحياناً", "غالباً", "دائماً"],
    },
    ur: {
      name: "خاندانی بہبود کا جائزہ (نمونہ، 7 سوالات)",
      items: ["ہم گھر میں ایک دوسرے کے ساتھ اچھی طرح رہتے ہیں", "میں گھر میں محفوظ محسوس کرتا/کرتی ہوں", "جب حالات خراب ہوں تو میں کسی سے بات کر سکتا/سکتی ہوں", "ہمارے روزمرہ کے معمولات ٹھیک چلتے ہیں (کھانا، اسکول، سونے کا وقت)", "میں والدین کے طور پر پراعتماد محسوس کرتا/کرتی ہوں", "مجھے معلوم ہے کہ مدد کہاں سے ملے گی", "گھر کا ماحول پرسکون ہے"],
      options: ["کبھی نہیں", "شاذ و نادر", "کبھی کبھی", "اکثر", "ہمیشہ"],
    },
    pl: {
      name: "Ocena dobrostanu rodziny (wersja demonstracyjna, 7 pytań)",
      items: ["W domu dobrze się dogadujemy", "Czuję się bezpiecznie w domu", "Mogę z kimś porozmawiać, gdy coś idzie nie tak", "Nasz plan dnia się sprawdza (posiłki, szkoła, pora snu)", "Czuję się pewnie jako rodzic", "Wiem, gdzie szukać pomocy", "W domu jest spokojnie"],
      options: ["Nigdy", "Rzadko", "Czasami", "Często", "Zawsze"],
    },
  },
  SAFE5: {
    ar: {
      name: "مقياس الأمان والثقة (نموذج تجريبي، 5 أسئلة)",
      items: ["أشعر بالخوف من شريكي أو شريكي السابق", "أشعر أنني قادر على الحفاظ على سلامتي وسلامة أطفالي", "أفهم ما هو السلوك المسيء", "لدي أشخاص يمكنني اللجوء إليهم", "أشعر أنني أتحكم في حياتي"],
      options: ["لا على الإطلاق", "قليلاً", "إلى حد ما", "في الغالب", "تماماً"],
    },
    ur: {
      name: "تحفظ اور اعتماد کا پیمانہ (نمونہ، 5 سوالات)",
      items: ["مجھے اپنے ساتھی یا سابق ساتھی سے ڈر لگتا ہے", "میں اپنے آپ کو اور اپنے بچوں کو محفوظ رکھ سکتا/سکتی ہوں", "میں سمجھتا/سمجھتی ہوں کہ بدسلوکی والا رویہ کیا ہے", "میرے پاس ایسے لوگ ہیں جن سے میں مدد لے سکتا/سکتی ہوں", "مجھے لگتا ہے کہ میری زندگی میرے اختیار میں ہے"],
      options: ["بالکل نہیں", "تھوڑا سا", "کسی حد تک", "زیادہ تر", "مکمل طور پر"],
    },
    pl: {
      name: "Skala bezpieczeństwa i pewności siebie (wersja demonstracyjna, 5 pytań)",
      items: ["Boję się mojego partnera lub byłego partnera", "Czuję, że potrafię zapewnić bezpieczeństwo sobie i moim dzieciom", "Rozumiem, czym są zachowania przemocowe", "Mam ludzi, do których mogę się zwrócić", "Czuję, że panuję nad swoim życiem"],
      options: ["Wcale", "Trochę", "Częściowo", "Przeważnie", "Całkowicie"],
    },
  },
};

const NOTE = "Machine-assisted draft written for the demo, to be checked by a qualified translator before use.";

export function financeRows(input: { seed: number; programmes: { IFP: string; HUB: string }; instrumentIds: Readonly<Record<string, string>> }): FinanceSeedRows {
  const rng = new Rng((input.seed ^ 0x0f1a2b3c) >>> 0);
  const out: FinanceSeedRows = { programmeBudgetLine: [], questionnaireTranslation: [] };
  for (const [programmeId, lines] of [[input.programmes.IFP, DAARR_LINES], [input.programmes.HUB, HUB_LINES]] as const) {
    for (const l of lines) out.programmeBudgetLine.push({ id: rng.uuid(), programmeId, fromYear: 2017, toYear: 2018, ...l });
  }
  for (const ins of INSTRUMENTS) {
    const byLang = INSTRUMENT_TRANSLATIONS[ins.code];
    const instrumentId = input.instrumentIds[ins.code];
    if (!byLang || !instrumentId) continue;
    for (const language of ["ar", "ur", "pl"] as const) {
      const t = byLang[language];
      const strings: Record<string, { text: string; source: string }> = { name: { text: t.name, source: ins.name } };
      ins.items.forEach((item, i) => {
        strings[`items.${item.id}.text`] = { text: t.items[i]!, source: item.text };
        item.options.forEach((o, j) => (strings[`items.${item.id}.options.${o.value}`] = { text: t.options[j]!, source: String(o.label) }));
      });
      out.questionnaireTranslation.push({ id: rng.uuid(), instrumentId, language, instrumentVersion: "1", strings, reviewStatus: "machine_assisted_draft", note: NOTE });
    }
  }
  return out;
}
