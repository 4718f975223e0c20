/**
 * CIN census assessment factors by name: each code's label ("Domestic abuse:
 * a parent or carer (3B)"), and reading what a worker types, names or codes,
 * into codes ("domestic abuse: parent, neglect, 4B" → 3B, 16A, 4B). A name
 * that needs to say whom it concerns (A, B or C) and does not is a problem
 * that lists the choices, never a silent guess.
 */
import { assessmentFactorProblems, CIN_ASSESSMENT_FACTORS } from "./assessments.js";

/** The factor's name by its number (the code without its letter). */
export const ASSESSMENT_FACTOR_NAMES: Readonly<Record<string, string>> = {
  "1": "Alcohol misuse",
  "2": "Drug misuse",
  "3": "Domestic abuse",
  "4": "Mental health",
  "5": "Learning disability",
  "6": "Physical disability or illness",
  "7": "Young carer",
  "8": "Privately fostered",
  "9": "Unaccompanied asylum-seeking child",
  "10": "Going missing",
  "11": "Child sexual exploitation",
  "12": "Trafficking",
  "13": "Gangs",
  "14": "Socially unacceptable behaviour",
  "15": "Self-harm",
  "16": "Neglect",
  "17": "Emotional abuse",
  "18": "Physical abuse",
  "19": "Sexual abuse",
  "20": "Other",
  "21": "No factors identified",
  "22": "Female genital mutilation",
  "23": "Abuse linked to faith or belief",
  "24": "Child criminal exploitation",
};

/** Other words people use for a factor (lower case). */
const SYNONYMS: Readonly<Record<string, string>> = {
  alcohol: "1",
  drugs: "2",
  drug: "2",
  "substance misuse": "2",
  "domestic violence": "3",
  "domestic abuse": "3",
  dv: "3",
  da: "3",
  "mental ill health": "4",
  "learning difficulty": "5",
  "physical disability": "6",
  "physical illness": "6",
  missing: "10",
  cse: "11",
  "sexual exploitation": "11",
  "self harm": "15",
  fgm: "22",
  cce: "24",
  "criminal exploitation": "24",
  none: "21",
  "no factors": "21",
};

const WHOM: Readonly<Record<string, string>> = { A: "the child", B: "a parent or carer", C: "another person in the household" };
const ABUSE_BY: Readonly<Record<string, string>> = { A: "", B: "by an adult", C: "by another child" };

const split = (code: string) => {
  const m = /^(\d{1,2})([A-Z]?)$/.exec(code);
  return m ? { number: m[1]!, letter: m[2]! } : null;
};

/** "Domestic abuse: a parent or carer (3B)"; an unknown code is returned as it is. */
export function assessmentFactorLabel(code: string): string {
  const parts = split(code);
  const name = parts ? ASSESSMENT_FACTOR_NAMES[parts.number] : undefined;
  if (!parts || !name) return code;
  const n = Number(parts.number);
  let detail = "";
  if (n <= 6 && WHOM[parts.letter]) detail = WHOM[parts.letter]!;
  else if ((n === 18 || n === 19) && ABUSE_BY[parts.letter]) detail = ABUSE_BY[parts.letter]!;
  else if (n === 8) detail = `type ${parts.letter}`;
  return `${name}${detail ? `: ${detail}` : ""} (${code})`;
}

/** Every code with its label, in the census's order, for a picker. */
export const ASSESSMENT_FACTOR_OPTIONS: readonly { value: string; label: string }[] = CIN_ASSESSMENT_FACTORS.map((code) => ({ value: code, label: assessmentFactorLabel(code) }));

const codesOf = (number: string) => CIN_ASSESSMENT_FACTORS.filter((c) => split(c)?.number === number);

function numberOfName(text: string): string | null {
  const t = text.toLowerCase().replace(/[^a-z ]+/g, " ").replace(/\s+/g, " ").trim();
  if (!t) return null;
  for (const [number, name] of Object.entries(ASSESSMENT_FACTOR_NAMES)) if (t.startsWith(name.toLowerCase())) return number;
  for (const [word, number] of Object.entries(SYNONYMS).sort((a, b) => b[0].length - a[0].length)) if (t === word || t.startsWith(`${word} `)) return number;
  for (const [number, name] of Object.entries(ASSESSMENT_FACTOR_NAMES)) if (name.toLowerCase().startsWith(t) && t.length >= 4) return number;
  return null;
}

function letterOf(text: string, number: string): string | null {
  const t = text.toLowerCase();
  const n = Number(number);
  if (n === 18 || n === 19) {
    if (/child on child|by (a|another) child/.test(t)) return "C";
    if (/adult/.test(t)) return "B";
    return null;
  }
  if (/parent|carer|mother|father/.test(t)) return "B";
  if (/other|household|sibling|partner/.test(t)) return "C";
  if (/child|young person|the child/.test(t)) return "A";
  return null;
}

/**
 * Reads assessment factors typed as names or CIN census codes, separated by
 * commas or semicolons (codes may also be separated by spaces): "3A, 4B",
 * "domestic abuse: parent; neglect", or a label as the picker writes it. Gives
 * the codes in the order typed and the problems in plain words (unknown words,
 * a name that needs whom it concerns, and the census rules: repeats, 21 alone).
 */
export function readAssessmentFactors(text: string): { codes: string[]; problems: string[] } {
  const codes: string[] = [];
  const problems: string[] = [];
  for (const raw of text.split(/[,;\n]+/)) {
    const item = raw.trim();
    if (!item) continue;
    const inBrackets = /\((\d{1,2}[A-Za-z]?)\)\s*$/.exec(item);
    if (inBrackets) {
      codes.push(inBrackets[1]!.toUpperCase());
      continue;
    }
    if (/^(\d{1,2}[A-Za-z]?\s*)+$/.test(item)) {
      codes.push(...item.split(/\s+/).map((c) => c.toUpperCase()));
      continue;
    }
    const number = numberOfName(item);
    if (!number) {
      problems.push(`"${item.slice(0, 40)}" is not an assessment factor: use a name from the list or a CIN census code, like 3A`);
      continue;
    }
    const options = codesOf(number);
    if (options.length === 1) {
      codes.push(options[0]!);
      continue;
    }
    const letter = letterOf(item.slice(ASSESSMENT_FACTOR_NAMES[number]!.length), number) ?? letterOf(item, number);
    const code = letter ? options.find((c) => c.endsWith(letter)) : undefined;
    if (code) codes.push(code);
    else problems.push(`Say whom "${item.slice(0, 40)}" concerns: ${options.map(assessmentFactorLabel).join(", or ")}`);
  }
  if (problems.length === 0) problems.push(...assessmentFactorProblems(codes).map((p) => p.replace(" (no factors identified)", "").replace(/"([0-9A-Z]+)"/g, (m, c: string) => (assessmentFactorLabel(c) === c ? m : assessmentFactorLabel(c)))));
  return { codes, problems };
}
