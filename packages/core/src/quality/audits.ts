/**
 * Case-file audits: templates of questions with answer scales, sampling the
 * case files of a round (at random with a recorded seed, or chosen), the
 * agreement between a first and a second (moderating) auditor, and the round
 * report — the share of case files with at least partial evidence for each
 * question, compared between periods (e.g. before / during a workstream),
 * with a plain-words caution when the numbers are small.
 *
 * Which answer counts for a case (the "counted answer"):
 *  1. the moderated answer, when the disagreement was moderated;
 *  2. otherwise the first auditor's answer;
 *  3. otherwise (first auditor has not answered) the second auditor's.
 * The second auditor's answer is used for agreement; it never outvotes the
 * first auditor without a moderation decision.
 */
import { z } from "zod";
import { DomainError } from "../errors.js";
import { createRandom } from "../random.js";
import { ZDate, ZId, zLine, zText, ZVersion } from "../records/common.js";

// ───────────────────────────── scales ─────────────────────────────

/** Answer scales. `evidence`: was there evidence in the file? `graded`: Ofsted-style grades. */
export const AUDIT_SCALES = {
  evidence: [
    { value: "yes", label: "Yes", positive: true },
    { value: "partly", label: "Partly", positive: true },
    { value: "no", label: "No", positive: false },
    { value: "not_applicable", label: "Not applicable", positive: null },
  ],
  graded: [
    { value: "outstanding", label: "Outstanding", positive: true },
    { value: "good", label: "Good", positive: true },
    { value: "requires_improvement", label: "Requires improvement", positive: true },
    { value: "inadequate", label: "Inadequate", positive: false },
    { value: "not_applicable", label: "Not applicable", positive: null },
  ],
} as const;
export type TAuditScale = keyof typeof AUDIT_SCALES;
export const ZAuditScale = z.enum(["evidence", "graded"]);

/** All answer values of every scale. */
export const AUDIT_ANSWERS = ["yes", "partly", "no", "outstanding", "good", "requires_improvement", "inadequate", "not_applicable"] as const;
export const ZAuditAnswer = z.enum(AUDIT_ANSWERS);
export type TAuditAnswer = z.infer<typeof ZAuditAnswer>;

/**
 * Does an answer count as "at least partial evidence"? yes/partly on the
 * evidence scale; outstanding/good/requires improvement on the graded scale
 * (requires improvement is partial: the practice is there but not yet good).
 * `null` for "not applicable": the case is left out of that question's count.
 */
export function isPositive(scale: TAuditScale, answer: TAuditAnswer): boolean | null {
  const option = (AUDIT_SCALES[scale] as readonly { value: string; positive: boolean | null }[]).find((o) => o.value === answer);
  if (!option) throw new DomainError("INVALID_INPUT", `"${answer}" is not an answer on the ${scale} scale`);
  return option.positive;
}

// ───────────────────────────── templates ─────────────────────────────

const ZQuestionId = z.string().min(1).max(40).regex(/^[a-z0-9_]+$/, "must be lower-case letters, digits and _");

export const ZAuditQuestion = z
  .object({
    id: ZQuestionId,
    /** A heading the question sits under, e.g. "Outcomes for children", "Practice features". */
    section: zLine(120),
    text: zLine(400),
    scale: ZAuditScale,
    guidance: zText(2000).default(""),
  })
  .strict();
export type TAuditQuestion = z.infer<typeof ZAuditQuestion>;

export const ZAuditTemplateInput = z
  .object({
    code: z.string().min(1).max(30).regex(/^[A-Z0-9_]+$/, "must be capital letters, digits and _"),
    name: zLine(200),
    description: zText(2000).default(""),
    questions: z.array(ZAuditQuestion).min(1).max(100),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `question id "${q.id}" is used twice` });
      seen.add(q.id);
    });
  });
export type TAuditTemplateInput = z.infer<typeof ZAuditTemplateInput>;

/** Answers of one auditor for one case file: question id → answer. */
export type TAuditAnswers = Record<string, TAuditAnswer>;

/**
 * Checks answers against a template: every key is a question, every value is
 * on that question's scale. With `complete`, every question must be answered.
 * Throws INVALID_INPUT naming each bad question.
 */
export function checkAnswers(questions: readonly TAuditQuestion[], answers: Record<string, string>, complete: boolean): TAuditAnswers {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    if (!q) {
      issues.push({ path: ["answers", id], message: "is not a question of this audit" });
      continue;
    }
    if (!(AUDIT_SCALES[q.scale] as readonly { value: string }[]).some((o) => o.value === value)) issues.push({ path: ["answers", id], message: `"${value}" is not an answer on the ${q.scale} scale` });
  }
  if (complete) for (const q of questions) if (answers[q.id] === undefined) issues.push({ path: ["answers", q.id], message: "needs an answer before the audit is submitted" });
  if (issues.length) throw new DomainError("INVALID_INPUT", issues.length === 1 ? `${issues[0]!.path.join(".")} ${issues[0]!.message}` : `${issues.length} answers need attention`, issues);
  return answers as TAuditAnswers;
}

// ───────────────────────────── sampling ─────────────────────────────

export interface TSampleGroup<T> {
  /** The label of the group, e.g. "before" or "during". */
  period: string;
  size: number;
  candidates: readonly T[];
}

/**
 * Draws `size` case files from each group's candidates, without replacement,
 * with a seeded partial Fisher–Yates shuffle (the same seed and the same
 * candidates in the same order give the same sample). Candidates should be
 * sorted by a stable key (e.g. id) before the call. A case file is drawn
 * at most once across groups. A group with fewer candidates than its size is
 * refused (PRECONDITION_FAILED).
 */
export function sampleCases<T>(groups: readonly TSampleGroup<T>[], seed: number): { period: string; item: T }[] {
  const random = createRandom(seed);
  const out: { period: string; item: T }[] = [];
  const drawn = new Set<T>();
  for (const g of groups) {
    // A case file drawn for an earlier group (overlapping criteria) is not drawn again.
    const pool = g.candidates.filter((c) => !drawn.has(c));
    if (g.size > pool.length) throw new DomainError("PRECONDITION_FAILED", `Only ${pool.length} case files match "${g.period}"; the sample asks for ${g.size}`);
    for (let i = 0; i < g.size; i++) {
      const j = i + random.nextInt(pool.length - i);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      out.push({ period: g.period, item: pool[i]! });
      drawn.add(pool[i]!);
    }
  }
  return out;
}

// ───────────────────────────── agreement ─────────────────────────────

export interface TAgreement {
  /** Case files where both auditors answered the question (not-applicable included as a category). */
  pairs: number;
  agreed: number;
  /** agreed / pairs, or null with no pairs. */
  percentAgreement: number | null;
  /** Cohen's kappa (unweighted), or null with no pairs or when chance agreement is 1 (both auditors used one answer only). */
  kappa: number | null;
}

/**
 * Percentage agreement and Cohen's kappa between two raters over paired
 * answers: κ = (p_o − p_e) / (1 − p_e), with p_e = Σ_k (n1k/n)(n2k/n).
 */
export function agreement(pairs: readonly (readonly [string, string])[]): TAgreement {
  const n = pairs.length;
  if (n === 0) return { pairs: 0, agreed: 0, percentAgreement: null, kappa: null };
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agreed = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreed += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const po = agreed / n;
  let pe = 0;
  for (const [k, c] of first) pe += (c / n) * ((second.get(k) ?? 0) / n);
  const kappa = pe >= 1 ? null : (po - pe) / (1 - pe);
  return { pairs: n, agreed, percentAgreement: po, kappa };
}

/** Landis and Koch's words for a kappa, for people who do not read kappas. */
export function describeKappa(kappa: number | null): string {
  if (kappa === null) return "not enough variation to measure";
  if (kappa < 0) return "worse than chance";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}

/** One case file's answers in a round, as the core needs them. */
export interface TAuditCaseAnswers {
  caseId: string;
  period: string;
  first: Partial<TAuditAnswers> | null;
  second: Partial<TAuditAnswers> | null;
  moderated: Partial<TAuditAnswers> | null;
}

/** The counted answer for a question (see the rule at the top of this file). */
export function countedAnswer(c: TAuditCaseAnswers, questionId: string): TAuditAnswer | undefined {
  return c.moderated?.[questionId] ?? c.first?.[questionId] ?? c.second?.[questionId];
}

export interface TQuestionAgreement extends TAgreement {
  questionId: string;
  /** Case files where the two auditors differ and no moderated answer has been recorded. */
  unresolved: string[];
}

/** Agreement per question and overall (all questions pooled) between first and second auditors. */
export function roundAgreement(questions: readonly TAuditQuestion[], cases: readonly TAuditCaseAnswers[]): { questions: TQuestionAgreement[]; overall: TAgreement; unresolved: number } {
  const all: [string, string][] = [];
  let unresolvedTotal = 0;
  const perQuestion = questions.map((q) => {
    const pairs: [string, string][] = [];
    const unresolved: string[] = [];
    for (const c of cases) {
      const a = c.first?.[q.id];
      const b = c.second?.[q.id];
      if (a === undefined || b === undefined) continue;
      pairs.push([a, b]);
      if (a !== b && c.moderated?.[q.id] === undefined) unresolved.push(c.caseId);
    }
    all.push(...pairs);
    unresolvedTotal += unresolved.length;
    return { questionId: q.id, ...agreement(pairs), unresolved };
  });
  return { questions: perQuestion, overall: agreement(all), unresolved: unresolvedTotal };
}

// ───────────────────────────── report ─────────────────────────────

/** Below this many case files a share is flagged as small; the report's own caution was for 10 and 20 files. */
export const SMALL_NUMBER = 20;
/** Below this many a share is flagged as very small. */
export const VERY_SMALL_NUMBER = 10;

/** The plain-words caution for a share out of `n` case files, or null when n is large enough. */
export function smallNumberCaution(n: number): string | null {
  if (n === 0) return "No case files answered this question.";
  const step = Math.round(100 / n);
  if (n < VERY_SMALL_NUMBER) return `Only ${n} case file${n === 1 ? "" : "s"}: treat with great caution — one case file changes the share by about ${step} percentage points.`;
  if (n < SMALL_NUMBER) return `Only ${n} case files: treat with caution — one case file changes the share by about ${step} percentage points.`;
  return null;
}

export interface TShare {
  period: string;
  /** Case files with a counted answer other than "not applicable". */
  n: number;
  /** Of those, with at least partial evidence. */
  positive: number;
  share: number | null;
  /** Counted answers by value, including not applicable. */
  answers: Partial<Record<TAuditAnswer, number>>;
  /** Case files with no counted answer yet. */
  missing: number;
  caution: string | null;
}

export interface TQuestionReport {
  questionId: string;
  section: string;
  text: string;
  scale: TAuditScale;
  byPeriod: TShare[];
  /** Change in share (percentage points) from the first period to each later one, when both have n > 0. */
  changes: { from: string; to: string; points: number }[];
}

/**
 * The round report: for every question and period, how many case files had
 * at least partial evidence (by the counted answer), out of those where the
 * question applied. Periods appear in the order given (e.g. before, during).
 */
export function auditReport(questions: readonly TAuditQuestion[], cases: readonly TAuditCaseAnswers[], periods?: readonly string[]): { periods: string[]; caseCounts: Record<string, number>; questions: TQuestionReport[] } {
  const order = periods ? [...periods] : [...new Set(cases.map((c) => c.period))];
  const caseCounts: Record<string, number> = {};
  for (const p of order) caseCounts[p] = cases.filter((c) => c.period === p).length;
  const report = questions.map((q) => {
    const byPeriod = order.map((period) => {
      const inPeriod = cases.filter((c) => c.period === period);
      let n = 0;
      let positive = 0;
      let missing = 0;
      const answers: Partial<Record<TAuditAnswer, number>> = {};
      for (const c of inPeriod) {
        const a = countedAnswer(c, q.id);
        if (a === undefined) {
          missing += 1;
          continue;
        }
        answers[a] = (answers[a] ?? 0) + 1;
        const p = isPositive(q.scale, a);
        if (p === null) continue;
        n += 1;
        if (p) positive += 1;
      }
      return { period, n, positive, share: n > 0 ? positive / n : null, answers, missing, caution: smallNumberCaution(n) };
    });
    const base = byPeriod[0];
    const changes = byPeriod.slice(1).flatMap((s) => (base && base.share !== null && s.share !== null ? [{ from: base.period, to: s.period, points: Math.round((s.share - base.share) * 1000) / 10 }] : []));
    return { questionId: q.id, section: q.section, text: q.text, scale: q.scale, byPeriod, changes };
  });
  return { periods: order, caseCounts, questions: report };
}

/** "16 of 20 (80%)" — the report's way of writing a share. */
export function formatShare(s: Pick<TShare, "positive" | "n">): string {
  if (s.n === 0) return "no case files";
  return `${s.positive} of ${s.n} (${Math.round((s.positive / s.n) * 100)}%)`;
}

// ───────────────────────────── API inputs ─────────────────────────────

const ZPeriod = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9 _-]+$/, "must be letters, digits, spaces, - or _");

export const ZAuditRoundCreateInput = z
  .object({
    templateId: ZId,
    name: zLine(200),
    /** The first auditor of every case file (a user with a case role). */
    firstAuditorId: ZId,
    /** The second (moderating) auditor; must differ from the first. */
    secondAuditorId: ZId.optional(),
    sample: z.discriminatedUnion("method", [
      z
        .object({
          method: z.literal("random"),
          seed: z.number().int().min(0).max(2_147_483_647),
          groups: z
            .array(
              z
                .object({
                  period: ZPeriod,
                  size: z.number().int().min(1).max(200),
                  /** Case files (families) opened on or after this date … */
                  openedFrom: ZDate.optional(),
                  /** … and on or before this date. */
                  openedTo: ZDate.optional(),
                })
                .strict(),
            )
            .min(1)
            .max(6),
        })
        .strict(),
      z
        .object({
          method: z.literal("chosen"),
          cases: z.array(z.object({ familyId: ZId, period: ZPeriod }).strict()).min(1).max(200),
        })
        .strict(),
    ]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.secondAuditorId && v.secondAuditorId === v.firstAuditorId) ctx.addIssue({ code: "custom", path: ["secondAuditorId"], message: "the second auditor must be a different person" });
    if (v.sample.method === "chosen") {
      const seen = new Set<string>();
      v.sample.cases.forEach((c, i) => {
        if (seen.has(c.familyId)) ctx.addIssue({ code: "custom", path: ["sample", "cases", i, "familyId"], message: "this case file is chosen twice" });
        seen.add(c.familyId);
      });
    } else {
      const seen = new Set<string>();
      v.sample.groups.forEach((g, i) => {
        if (seen.has(g.period)) ctx.addIssue({ code: "custom", path: ["sample", "groups", i, "period"], message: "each period is sampled once" });
        seen.add(g.period);
        if (g.openedFrom && g.openedTo && g.openedTo < g.openedFrom) ctx.addIssue({ code: "custom", path: ["sample", "groups", i, "openedTo"], message: "must be on or after the start" });
      });
    }
  });
export type TAuditRoundCreateInput = z.infer<typeof ZAuditRoundCreateInput>;

const ZAnswersInput = z.record(z.string().max(40), z.string().max(40)).refine((r) => Object.keys(r).length <= 100, { message: "too many answers" });

export const ZAuditFindingSaveInput = z
  .object({
    caseId: ZId,
    /** The version of the auditor's finding (0 when there is none yet). */
    version: ZVersion,
    answers: ZAnswersInput,
    summary: zText(4000).default(""),
    /** Actions for the case's worker, one a line. */
    actions: z.array(zLine(400)).max(20).default([]),
    /** Submit (every question answered) or keep as a draft. */
    submit: z.boolean().default(false),
  })
  .strict();

export const ZAuditModerateInput = z
  .object({
    caseId: ZId,
    version: ZVersion,
    /** The agreed answer for each question the auditors disagreed on. */
    answers: ZAnswersInput,
    note: zText(2000).default(""),
  })
  .strict();

export const ZAuditReassignInput = z
  .object({
    caseId: ZId,
    version: ZVersion,
    firstAuditorId: ZId,
    secondAuditorId: ZId.nullable(),
  })
  .strict()
  .refine((v) => v.firstAuditorId !== v.secondAuditorId, { path: ["secondAuditorId"], message: "the second auditor must be a different person" });

// ───────────── round administration: close, add chosen case files ─────────────

export const AUDIT_ROUND_STATUSES = ["open", "closed"] as const;
export type TAuditRoundStatus = (typeof AUDIT_ROUND_STATUSES)[number];

/** Closes a round: no more findings, moderation, added case files or reassignments. */
export const ZAuditRoundCloseInput = z.object({ id: ZId, version: ZVersion }).strict();

/** Case files chosen by hand, added to a round (e.g. to a random sample), by family reference. */
export const ZAuditRoundAddCasesInput = z
  .object({
    roundId: ZId,
    version: ZVersion,
    cases: z
      .array(z.object({ familyReference: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, "must be a case file (family) reference"), period: ZPeriod }).strict())
      .min(1)
      .max(50),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.cases.forEach((c, i) => {
      const key = c.familyReference.toUpperCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["cases", i, "familyReference"], message: "this case file is given twice" });
      seen.add(key);
    });
  });
export type TAuditRoundAddCasesInput = z.infer<typeof ZAuditRoundAddCasesInput>;

/**
 * What a round still accepts. A closed round is final: its report stays as it
 * was, so no one can add a finding, moderate, add a case file or reassign.
 * Throws INVALID_INPUT (400) naming the action when the round is closed.
 */
export function assertRoundOpen(status: string, action: "answer" | "moderate" | "add case files" | "reassign" | "close"): void {
  if (status === "open") return;
  if (status === "closed") throw new DomainError("INVALID_INPUT", action === "close" ? "This round is already closed" : `This round is closed: you cannot ${action} any more`);
  throw new DomainError("INVALID_INPUT", `Unknown round status "${status}"`);
}

/** Which case files are new to a round, and which are already in it (a family is audited once per round). */
export function newCaseFiles<T extends { familyId: string }>(existingFamilyIds: readonly string[], wanted: readonly T[]): { add: T[]; already: T[] } {
  const have = new Set(existingFamilyIds);
  return { add: wanted.filter((w) => !have.has(w.familyId)), already: wanted.filter((w) => have.has(w.familyId)) };
}
