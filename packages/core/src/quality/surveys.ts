/**
 * Staff and partner surveys, repeated in waves (the evaluation's e-survey went
 * to over 110 staff twice and drew 18, then 5 responses). Responses are
 * anonymous: they are stored without the respondent (invitation status is
 * kept apart from answers), and results are shown only for groups of at least
 * `SURVEY_MIN_GROUP` responses. A breakdown (e.g. by team) also hides a
 * group that could be worked out by subtracting the shown groups from the
 * total ("secondary suppression").
 */
import { z } from "zod";
import { DomainError } from "../errors.js";
import { ZDate, ZId, zLine, zText, ZVersion } from "../records/common.js";

/** Results are shown for groups of this many responses or more. */
export const SURVEY_MIN_GROUP = 5;

export const SURVEY_AGREE_SCALE = [
  { value: 1, label: "Strongly disagree" },
  { value: 2, label: "Disagree" },
  { value: 3, label: "Neither agree nor disagree" },
  { value: 4, label: "Agree" },
  { value: 5, label: "Strongly agree" },
] as const;

export const ZSurveyQuestion = z
  .object({
    id: z.string().min(1).max(40).regex(/^[a-z0-9_]+$/, "must be lower-case letters, digits and _"),
    text: zLine(400),
    /** agree5: a 1–5 agreement scale; yes_no; text: free text (shown only in groups of 5 or more, in alphabetical order). */
    kind: z.enum(["agree5", "yes_no", "text"]),
  })
  .strict();
export type TSurveyQuestion = z.infer<typeof ZSurveyQuestion>;

export type TSurveyAnswer = number | boolean | string;
export type TSurveyAnswers = Record<string, TSurveyAnswer>;

/** Checks a response against the questions (unanswered questions are allowed: people may skip). */
export function checkSurveyAnswers(questions: readonly TSurveyQuestion[], answers: Record<string, unknown>): TSurveyAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = ["answers", id];
    if (!q) issues.push({ path, message: "is not a question of this survey" });
    else if (q.kind === "agree5" && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5)) issues.push({ path, message: "must be 1 (strongly disagree) to 5 (strongly agree)" });
    else if (q.kind === "yes_no" && typeof value !== "boolean") issues.push({ path, message: "must be yes or no" });
    else if (q.kind === "text" && (typeof value !== "string" || value.length > 2000 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value))) issues.push({ path, message: "must be text of at most 2000 characters" });
  }
  if (issues.length) throw new DomainError("INVALID_INPUT", issues.length === 1 ? `${issues[0]!.path.join(".")} ${issues[0]!.message}` : `${issues.length} answers need attention`, issues);
  const out: TSurveyAnswers = {};
  for (const [id, value] of Object.entries(answers)) if (!(typeof value === "string" && value.trim() === "")) out[id] = value as TSurveyAnswer;
  return out;
}

// ───────────────────────────── the threshold ─────────────────────────────

export interface TGroupCount {
  key: string;
  n: number;
}

/**
 * Which groups of a breakdown may be shown. A group with 1 to min−1
 * responses is hidden; if the hidden groups together hold fewer than `min`
 * responses (so that total − shown would reveal them), the smallest shown
 * groups are hidden too until the hidden ones hold at least `min`. Empty
 * groups reveal nothing and stay shown. When the total itself is under
 * `min`, everything is hidden.
 */
export function suppressGroups(groups: readonly TGroupCount[], min = SURVEY_MIN_GROUP): { shown: Set<string>; hidden: Set<string>; totalShown: boolean } {
  const total = groups.reduce((s, g) => s + g.n, 0);
  const hidden = new Set<string>();
  if (total < min) {
    for (const g of groups) if (g.n > 0) hidden.add(g.key);
    return { shown: new Set(groups.filter((g) => g.n === 0).map((g) => g.key)), hidden, totalShown: total === 0 };
  }
  let hiddenSum = 0;
  for (const g of groups)
    if (g.n > 0 && g.n < min) {
      hidden.add(g.key);
      hiddenSum += g.n;
    }
  const rest = groups.filter((g) => !hidden.has(g.key) && g.n > 0).sort((a, b) => a.n - b.n || a.key.localeCompare(b.key));
  while (hiddenSum > 0 && hiddenSum < min && rest.length > 0) {
    const next = rest.shift()!;
    hidden.add(next.key);
    hiddenSum += next.n;
  }
  return { shown: new Set(groups.filter((g) => !hidden.has(g.key)).map((g) => g.key)), hidden, totalShown: true };
}

/** The message shown in place of hidden results. */
export function thresholdMessage(n: number, min = SURVEY_MIN_GROUP): string {
  if (n === 0) return "No responses yet.";
  return `Results are shown for groups of ${min} or more responses, so that nobody's answers can be picked out. This group has fewer, or could be worked out from the others.`;
}

// ───────────────────────────── results ─────────────────────────────

export interface TQuestionResult {
  questionId: string;
  kind: TSurveyQuestion["kind"];
  /** Responses that answered this question. */
  n: number;
  /** agree5: count per value 1..5; yes_no: { yes, no }. */
  counts?: Record<string, number>;
  /** agree5: mean; yes_no: share answering yes. */
  mean?: number;
  /** agree5: share answering agree or strongly agree. */
  agree?: number;
  /** text: the answers, in alphabetical order. */
  texts?: string[];
}

export interface TGroupResult {
  key: string;
  responses: number;
  shown: boolean;
  message?: string;
  questions?: TQuestionResult[];
}

function questionResult(q: TSurveyQuestion, answers: readonly TSurveyAnswers[]): TQuestionResult {
  const values = answers.map((a) => a[q.id]).filter((v) => v !== undefined);
  const n = values.length;
  if (q.kind === "agree5") {
    const counts: Record<string, number> = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
    let sum = 0;
    for (const v of values as number[]) {
      counts[String(v)] = (counts[String(v)] ?? 0) + 1;
      sum += v;
    }
    return { questionId: q.id, kind: q.kind, n, counts, ...(n ? { mean: sum / n, agree: (counts["4"]! + counts["5"]!) / n } : {}) };
  }
  if (q.kind === "yes_no") {
    const yes = (values as boolean[]).filter(Boolean).length;
    return { questionId: q.id, kind: q.kind, n, counts: { yes, no: n - yes }, ...(n ? { mean: yes / n } : {}) };
  }
  return { questionId: q.id, kind: q.kind, n, texts: (values as string[]).map((s) => s.trim()).sort((a, b) => a.localeCompare(b)) };
}

/**
 * Results of one wave: overall and per group (e.g. team), each shown only
 * under the threshold rule. Responses carry their group key (or null: "no team").
 */
export function surveyResults(
  questions: readonly TSurveyQuestion[],
  responses: readonly { group: string | null; answers: TSurveyAnswers }[],
  min = SURVEY_MIN_GROUP,
): { overall: TGroupResult; groups: TGroupResult[] } {
  const keyOf = (g: string | null) => g ?? "(no team)";
  const byGroup = new Map<string, TSurveyAnswers[]>();
  for (const r of responses) {
    const k = keyOf(r.group);
    if (!byGroup.has(k)) byGroup.set(k, []);
    byGroup.get(k)!.push(r.answers);
  }
  const counts = [...byGroup].map(([key, list]) => ({ key, n: list.length }));
  const rule = suppressGroups(counts, min);
  const result = (key: string, list: readonly TSurveyAnswers[], shown: boolean): TGroupResult =>
    shown ? { key, responses: list.length, shown, questions: questions.map((q) => questionResult(q, list)) } : { key, responses: list.length, shown, message: thresholdMessage(list.length, min) };
  const all = responses.map((r) => r.answers);
  const overallShown = all.length >= min;
  return {
    overall: { ...result("all", all, overallShown), responses: all.length },
    groups: [...byGroup]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, list]) => {
        // Counts of responses are shown (they are in the response rates anyway); answers are what is hidden.
        return result(key, list, rule.shown.has(key) && overallShown);
      }),
  };
}

export interface TWaveChange {
  questionId: string;
  from: { wave: string; n: number; mean: number | null; agree: number | null };
  to: { wave: string; n: number; mean: number | null; agree: number | null };
  /** Change in mean and in share agreeing (percentage points), when both waves are shown. */
  meanChange: number | null;
  agreeChangePoints: number | null;
  message?: string;
}

/** Change between two waves for every agree5 question (overall only; both waves must reach the threshold). */
export function waveChange(
  questions: readonly TSurveyQuestion[],
  from: { wave: string; answers: readonly TSurveyAnswers[] },
  to: { wave: string; answers: readonly TSurveyAnswers[] },
  min = SURVEY_MIN_GROUP,
): TWaveChange[] {
  const shownFrom = from.answers.length >= min;
  const shownTo = to.answers.length >= min;
  return questions
    .filter((q) => q.kind === "agree5")
    .map((q) => {
      const a = questionResult(q, from.answers);
      const b = questionResult(q, to.answers);
      const side = (wave: string, r: TQuestionResult, shown: boolean) => ({ wave, n: r.n, mean: shown ? (r.mean ?? null) : null, agree: shown ? (r.agree ?? null) : null });
      const both = shownFrom && shownTo && a.mean !== undefined && b.mean !== undefined;
      return {
        questionId: q.id,
        from: side(from.wave, a, shownFrom),
        to: side(to.wave, b, shownTo),
        meanChange: both ? Math.round((b.mean! - a.mean!) * 100) / 100 : null,
        agreeChangePoints: both ? Math.round((b.agree! - a.agree!) * 1000) / 10 : null,
        ...(both ? {} : { message: thresholdMessage(Math.min(from.answers.length, to.answers.length), min) }),
      };
    });
}

/** Response rate per team (invitation status, which is not anonymous: reminders go to those who have not answered). */
export function responseRates(invitations: readonly { group: string | null; responded: boolean }[]): { key: string; invited: number; responded: number; rate: number | null }[] {
  const map = new Map<string, { invited: number; responded: number }>();
  const add = (k: string, r: boolean) => {
    const e = map.get(k) ?? { invited: 0, responded: 0 };
    e.invited += 1;
    if (r) e.responded += 1;
    map.set(k, e);
  };
  for (const i of invitations) {
    add("all", i.responded);
    add(i.group ?? "(no team)", i.responded);
  }
  return [...map]
    .sort(([a], [b]) => (a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b)))
    .map(([key, e]) => ({ key, ...e, rate: e.invited ? e.responded / e.invited : null }));
}

// ───────────────────────────── API inputs ─────────────────────────────

export const ZSurveyCreateInput = z
  .object({
    name: zLine(200),
    description: zText(2000).default(""),
    questions: z.array(ZSurveyQuestion).min(1).max(60),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });

export const ZSurveyWaveCreateInput = z
  .object({
    surveyId: ZId,
    name: zLine(120),
    opensOn: ZDate,
    closesOn: ZDate,
    /** Who is invited: everyone on the staff list in post on the opening day, in these teams (every team when empty). */
    teamIds: z.array(ZId).max(50).default([]),
  })
  .strict()
  .refine((w) => w.closesOn >= w.opensOn, { path: ["closesOn"], message: "must be on or after the opening date" });

export const ZSurveyRespondInput = z
  .object({
    waveId: ZId,
    answers: z.record(z.string().max(40), z.union([z.number(), z.boolean(), z.string().max(2000)])).refine((r) => Object.keys(r).length <= 60, { message: "too many answers" }),
  })
  .strict();

export const ZSurveyWaveRef = z.object({ waveId: ZId }).strict();
export const ZSurveyCompareInput = z.object({ fromWaveId: ZId, toWaveId: ZId }).strict();
export const ZSurveyCloseInput = z.object({ waveId: ZId, version: ZVersion }).strict();
