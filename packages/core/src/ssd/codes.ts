/**
 * SSD cell values: dates, flags, code sets and the descriptions some CMS
 * scripts write instead of codes. The code sets are those of the SSD field
 * guidance, which reuses the DfE returns' codes (CIN census, SSDA903); the
 * draft `categories__future_release` lists are not used (they are incomplete).
 */
import { daysInMonth } from "../dates.js";
import {
  ASSESSMENT_FACTOR_CODES,
  CATEGORY_OF_ABUSE_CODES,
  CATEGORY_OF_NEED_CODES,
  ETHNICITY_CODES,
  PRIMARY_NEED_CODES,
  REASON_FOR_CLOSURE_CODES,
  REC_CODES,
  REFERRAL_SOURCE_CODES,
  RNE_CODES,
} from "../statutory/codes.js";
import type { SsdCodeSetName } from "./tables.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function realDate(year: number, month: number, day: number, h?: string, m?: string, s?: string): boolean {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (h !== undefined && Number(h) > 23) return false;
  if (m !== undefined && Number(m) > 59) return false;
  if (s !== undefined && Number(s) > 59) return false;
  return true;
}

const dateCache = new Map<string, string>();

/**
 * An SSD date or datetime as the calendar date `YYYY-MM-DD`, or undefined if
 * it is not a real date. Accepts `2024-12-10`, `2024-12-10T09:30:00`,
 * `2024-12-10 00:00:00.000` (SQL Server), `2024-12-10 00:00:00` (PostgreSQL)
 * and `10/12/2024` (a file re-saved by a spreadsheet). The time of day is
 * dropped; no time zone is applied.
 */
export function parseSsdDate(text: string): string | undefined {
  // Fast path: "YYYY-MM-DD" then an optional time; the calendar part is cached (a few thousand distinct days).
  if (text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const day = text.length === 10 ? text : text.slice(0, 10);
    if (text.length > 10 && !TIME.test(text.slice(10))) return undefined;
    return cachedDate(day);
  }
  return cachedDate(text);
}

const TIME = /^[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

function cachedDate(text: string): string | undefined {
  const cached = dateCache.get(text);
  if (cached !== undefined) return cached === "" ? undefined : cached;
  let iso: string | undefined;
  let m = DATE.exec(text);
  if (m) {
    if (realDate(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6])) iso = `${m[1]}-${m[2]}-${m[3]}`;
  } else if ((m = DMY.exec(text))) {
    if (realDate(Number(m[3]), Number(m[2]), Number(m[1]), m[4], m[5], m[6])) iso = `${m[3]}-${m[2]}-${m[1]}`;
  }
  if (dateCache.size >= 100_000) dateCache.clear();
  dateCache.set(text, iso ?? "");
  return iso;
}

/** A literal NULL (as SQL Server Management Studio writes) is an empty cell. */
export function isNullCell(text: string): boolean {
  return text === "" || (text.length === 4 && text.toUpperCase() === "NULL");
}

/** Y/N flags; also Yes/No, 1/0, true/false. undefined = not a flag. */
export function parseSsdFlag(text: string): "Y" | "N" | undefined {
  switch (text.toLowerCase()) {
    case "y":
    case "yes":
    case "1":
    case "true":
      return "Y";
    case "n":
    case "no":
    case "0":
    case "false":
      return "N";
    default:
      return undefined;
  }
}

/** Lower case, words only: "White - British" → "white british". */
export function descriptionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const ETHNICITY_NAMES: Record<string, string> = {
  WBRI: "white british|british|english|scottish|welsh",
  WIRI: "white irish|irish",
  WIRT: "traveller of irish heritage|white traveller of irish heritage|irish traveller",
  WOTH: "any other white background|other white|white other",
  WROM: "gypsy roma|gypsy|roma|white gypsy roma",
  MWBC: "white and black caribbean|mixed white and black caribbean",
  MWBA: "white and black african|mixed white and black african",
  MWAS: "white and asian|mixed white and asian",
  MOTH: "any other mixed background|other mixed|mixed other",
  AIND: "indian|asian indian",
  APKN: "pakistani|asian pakistani",
  ABAN: "bangladeshi|asian bangladeshi",
  AOTH: "any other asian background|other asian|asian other",
  BCRB: "caribbean|black caribbean",
  BAFR: "african|black african",
  BOTH: "any other black background|other black|black other",
  CHNE: "chinese",
  OOTH: "any other ethnic group|other ethnic group|any other ethnic background|other",
  REFU: "refused|information refused|declined",
  NOBT: "information not yet obtained|not yet obtained|not obtained|not known|unknown",
};
const ETHNICITY_BY_NAME = new Map<string, string>();
for (const [code, names] of Object.entries(ETHNICITY_NAMES)) for (const name of names.split("|")) ETHNICITY_BY_NAME.set(name, code);
const OTHER_BY_GROUP: Record<string, string> = { white: "WOTH", mixed: "MOTH", asian: "AOTH", black: "BOTH", chinese: "CHNE" };

function ethnicityFromDescription(text: string): string | undefined {
  const whole = ETHNICITY_BY_NAME.get(descriptionKey(text));
  if (whole) return whole;
  // "White - British", "Asian or Asian British: Indian", "Mixed / Any other mixed background"
  const parts = text.split(/\s[-:/]\s|:\s*/);
  if (parts.length < 2) return undefined;
  const group = descriptionKey(parts[0]!).split(" ")[0] ?? "";
  const rest = descriptionKey(parts.slice(1).join(" "));
  if (/^any other\b|^other\b/.test(rest) && OTHER_BY_GROUP[group]) return OTHER_BY_GROUP[group];
  return ETHNICITY_BY_NAME.get(`${group} ${rest}`) ?? ETHNICITY_BY_NAME.get(rest);
}

const SEX_BY_NAME: Record<string, "M" | "F" | "U"> = {
  male: "M",
  man: "M",
  boy: "M",
  female: "F",
  woman: "F",
  girl: "F",
  unknown: "U",
  "not known": "U",
  "not stated": "U",
  "not recorded": "U",
  indeterminate: "U",
  unborn: "U",
};

const CATEGORY_BY_NAME: Record<string, string> = {
  neglect: "NEG",
  "physical abuse": "PHY",
  physical: "PHY",
  "sexual abuse": "SAB",
  sexual: "SAB",
  "emotional abuse": "EMO",
  emotional: "EMO",
  multiple: "MUL",
  "multiple mixed": "MUL",
  mixed: "MUL",
};

/**
 * The result of reading one code cell: the code, and whether it was a
 * description or an older coding mapped to the code (a warning), or not a
 * code at all (an error).
 */
export type CodeReading = { code: string; mapped: boolean } | { code: undefined; mapped: false };

type CodeSet = { codes: ReadonlySet<string>; describe?: (text: string) => string | undefined; open?: boolean };

const set = (codes: readonly string[]) => new Set(codes);

/** "N1 - Abuse or neglect", "1A: Alcohol misuse" → the leading code when it is in the set. */
function leadingCode(codes: ReadonlySet<string>) {
  return (text: string) => {
    const head = /^([A-Za-z0-9]+)\s*[-:. ]/.exec(text)?.[1]?.toUpperCase();
    return head !== undefined && codes.has(head) ? head : undefined;
  };
}

const codeSet = (codes: readonly string[]): CodeSet => {
  const s = set(codes);
  return { codes: s, describe: leadingCode(s) };
};

const SETS: Record<SsdCodeSetName, CodeSet> = {
  sex: {
    codes: set(["M", "F", "U"]),
    describe: (t) => {
      const k = descriptionKey(t);
      return k === "1" || k === "01" ? "M" : k === "2" || k === "02" ? "F" : k === "0" || k === "00" || k === "9" || k === "09" || k === "i" ? "U" : SEX_BY_NAME[k];
    },
  },
  // PERS003A: 00 not known, 01 man/boy, 02 woman/girl, 09 self-described; the SystemC script writes M/F/U/I.
  gender: {
    codes: set(["00", "01", "02", "09"]),
    describe: (t) => {
      const k = descriptionKey(t);
      return k === "0" ? "00" : k === "1" || k === "m" ? "01" : k === "2" || k === "f" ? "02" : k === "9" || k === "u" || k === "i" ? "09" : undefined;
    },
  },
  ethnicity: {
    codes: set(ETHNICITY_CODES),
    describe: (t) => (t.toUpperCase() === "CNHE" ? "CHNE" : ethnicityFromDescription(t)),
  },
  referralSource: codeSet(REFERRAL_SOURCE_CODES),
  cinPrimaryNeed: codeSet(PRIMARY_NEED_CODES),
  claPrimaryNeed: codeSet(CATEGORY_OF_NEED_CODES),
  closeReason: codeSet(REASON_FOR_CLOSURE_CODES),
  categoryOfAbuse: { codes: set(CATEGORY_OF_ABUSE_CODES), describe: (t) => CATEGORY_BY_NAME[descriptionKey(t)] },
  rne: codeSet(RNE_CODES),
  rec: codeSet(REC_CODES),
  // ssd_legal_status holds every legal status (SGO, CAO, private fostering…), not only the 903 codes: not checked.
  legalStatus: { codes: new Set(), open: true },
};

/** Reads a code cell (already trimmed, not blank) against a code set. Codes are compared upper-cased. */
export function readCode(setName: SsdCodeSetName, text: string): CodeReading {
  const s = SETS[setName];
  const upper = text.toUpperCase();
  if (s.open || s.codes.has(upper)) return { code: upper, mapped: false };
  const code = s.describe?.(text);
  return code === undefined ? { code: undefined, mapped: false } : { code, mapped: true };
}

/** The codes of an SSD code set. */
export function codeSetMembers(setName: SsdCodeSetName): readonly string[] {
  return [...SETS[setName].codes];
}

/** Sex as M/F/U from pers_sex, else from pers_gender (01 → M, 02 → F, 00/09 → U); null when both are blank. */
export function sexOf(sex: string | null, gender: string | null): "M" | "F" | "U" | null {
  if (sex === "M" || sex === "F" || sex === "U") return sex;
  if (gender === "01") return "M";
  if (gender === "02") return "F";
  if (gender === "00" || gender === "09") return "U";
  return null;
}

const FACTORS = set(ASSESSMENT_FACTOR_CODES);

export type FactorsReading = { ok: true; codes: string[]; invalid: string[] } | { ok: false };

/**
 * Assessment factors as a JSON array (`["1A","3B"]`), a JSON object
 * (`{"1A":"Yes","2B":"No"}`: only keys whose value is yes count) or a comma
 * (or semicolon) separated list (`1A, 3B`). Codes are upper-cased, kept once
 * each in the order given; `invalid` lists entries not in the CIN census set.
 */
export function parseAssessmentFactors(text: string): FactorsReading {
  let items: string[];
  const t = text.trim();
  if (t.startsWith("[") || t.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      return { ok: false };
    }
    if (Array.isArray(parsed)) items = parsed.map((x) => String(x));
    else if (parsed !== null && typeof parsed === "object") {
      items = Object.entries(parsed as Record<string, unknown>)
        .filter(([, v]) => v === true || v === 1 || (typeof v === "string" && /^(y|yes|true|1)$/i.test(v.trim())))
        .map(([k]) => k);
    } else return { ok: false };
  } else items = t.split(/[,;]/);
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const raw of items) {
    const c = raw.trim().replace(/^"|"$/g, "").toUpperCase();
    if (c === "") continue;
    if (!FACTORS.has(c)) invalid.push(raw.trim());
    else if (!codes.includes(c)) codes.push(c);
  }
  return { ok: true, codes, invalid };
}

/** Factor codes from a record's normalised factors cell (a comma list). */
export function factorList(cell: string | null): string[] {
  return cell === null || cell === "" ? [] : cell.split(",");
}

/** True when the factors include domestic abuse (3A child, 3B parent or carer, 3C another household member the subject). */
export function hasDomesticAbuseFactor(factors: readonly string[]): boolean {
  return factors.some((f) => f === "3A" || f === "3B" || f === "3C");
}
