/**
 * Questionnaires: validated instruments with items and a scoring rule,
 * answered at entry, interim, exit and follow-up. Scores are computed here
 * from the answers (reverse-scored items, subscales, a limited number of
 * missing items prorated); change is reported per person between time points,
 * in the instrument's direction (higher is better, or lower is better).
 */
import { z } from "zod";
import { DomainError, type DomainIssue } from "../errors.js";
import { ZId, ZPage, ZVersion, zLine } from "./common.js";
import { ZDateTime } from "./schemas.js";

export const TIME_POINTS = ["entry", "interim", "exit", "follow_up"] as const;
export type TTimePoint = (typeof TIME_POINTS)[number];

const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"]);
const ZItemId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, "must be an item id")
  .refine((k) => !RESERVED_KEYS.has(k), { message: "must be an item id" });

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export const ZInstrumentItem = z
  .object({
    id: ZItemId,
    text: zLine(500),
    options: z
      .array(z.object({ value: z.number().int().min(-100).max(100), label: zLine(120) }).strict())
      .min(2)
      .max(20),
    reverse: z.boolean().optional(),
    subscale: z.string().regex(/^[A-Za-z0-9_]{1,40}$/).optional(),
  })
  .strict()
  .refine((i) => new Set(i.options.map((o) => o.value)).size === i.options.length, { message: "option values must differ", path: ["options"] });
export type TInstrumentItem = z.infer<typeof ZInstrumentItem>;

export const ZInstrumentScoring = z
  .object({
    method: z.enum(["sum", "mean"]),
    higherIsBetter: z.boolean(),
    /** Items that may be left unanswered; the score is then prorated (default 0). */
    maxMissing: z.number().int().min(0).max(50).default(0),
    cutOffs: z
      .array(z.object({ label: zLine(80), min: z.number().min(-10_000).max(10_000) }).strict())
      .max(10)
      .optional(),
  })
  .strict();
export type TInstrumentScoring = z.infer<typeof ZInstrumentScoring>;

export const ZInstrumentItems = z
  .array(ZInstrumentItem)
  .min(1)
  .max(200)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: "item ids must differ" });

export interface Instrument {
  items: readonly TInstrumentItem[];
  scoring: TInstrumentScoring;
}

export interface ScoreResult {
  score: number;
  /** Scores per subscale (same method), when items name subscales. */
  subscores: Record<string, number>;
  answered: number;
  missing: string[];
  /** The cut-off band the score falls in (the highest `min` not above the score), or null. */
  band: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function scoreItems(items: readonly TInstrumentItem[], answers: Readonly<Record<string, number>>, method: "sum" | "mean"): { score: number; answered: number } {
  let total = 0;
  let answered = 0;
  for (const item of items) {
    if (!has(answers, item.id)) continue;
    const raw = answers[item.id]!;
    const values = item.options.map((o) => o.value);
    const value = item.reverse ? Math.min(...values) + Math.max(...values) - raw : raw;
    total += value;
    answered++;
  }
  if (answered === 0) return { score: 0, answered };
  const mean = total / answered;
  // A sum with missing items is prorated: the mean of the answered items times the number of items.
  return { score: round2(method === "mean" ? mean : answered === items.length ? total : mean * items.length), answered };
}

/**
 * Scores a set of answers. Throws INVALID_INPUT for an unknown item, a value
 * that is not one of the item's options, or more missing items than allowed.
 */
export function scoreResponse(instrument: Instrument, answers: Readonly<Record<string, number>>): ScoreResult {
  const byId = new Map(instrument.items.map((i) => [i.id, i]));
  const issues: DomainIssue[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const item = byId.get(id);
    if (!item) issues.push({ path: ["answers", id.slice(0, 40)], message: "is not an item of this questionnaire" });
    else if (!item.options.some((o) => o.value === value)) issues.push({ path: ["answers", id], message: "is not one of the item's options" });
  }
  const missing = instrument.items.filter((i) => !has(answers, i.id)).map((i) => i.id);
  if (missing.length > instrument.scoring.maxMissing) {
    issues.push({ path: ["answers"], message: `${missing.length} item(s) unanswered; at most ${instrument.scoring.maxMissing} may be missing` });
  }
  if (issues.length > 0) {
    const summary = issues.slice(0, 3).map((i) => `${(i.path ?? []).join(".")} ${i.message}`).join("; ");
    throw new DomainError("INVALID_INPUT", `the answers are not valid: ${summary}`, issues.slice(0, 50));
  }
  const { score, answered } = scoreItems(instrument.items, answers, instrument.scoring.method);
  const subscales = [...new Set(instrument.items.map((i) => i.subscale).filter((s): s is string => !!s))];
  const subscores: Record<string, number> = {};
  for (const s of subscales) {
    const items = instrument.items.filter((i) => i.subscale === s);
    const r = scoreItems(items, answers, instrument.scoring.method);
    if (r.answered > 0) subscores[s] = r.score;
  }
  let band: string | null = null;
  for (const c of [...(instrument.scoring.cutOffs ?? [])].sort((a, b) => a.min - b.min)) if (score >= c.min) band = c.label;
  return { score, subscores, answered, missing, band };
}

export interface ScoredResponse {
  id: string;
  personId: string;
  instrumentId: string;
  timePoint: TTimePoint;
  completedAt: string;
  score: number | null;
}

export interface ScoreChange {
  personId: string;
  instrumentId: string;
  baseline: { timePoint: TTimePoint; score: number; responseId: string } | null;
  points: { timePoint: TTimePoint; score: number; responseId: string; change: number | null; improved: boolean | null }[];
  /** Change from the baseline to the latest time point with a score. */
  overall: { from: TTimePoint; to: TTimePoint; change: number; improved: boolean | null } | null;
}

/**
 * Change per person and instrument between time points. The baseline is the
 * entry score; each later time point is compared with it. With several
 * responses at one time point, the latest completed counts.
 */
export function scoreChanges(responses: readonly ScoredResponse[], higherIsBetter: Readonly<Record<string, boolean>>): ScoreChange[] {
  const groups = new Map<string, ScoredResponse[]>();
  for (const r of responses) {
    if (r.score === null) continue;
    const key = `${r.personId}\u0000${r.instrumentId}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
  }
  const out: ScoreChange[] = [];
  for (const list of groups.values()) {
    const latest = new Map<TTimePoint, ScoredResponse>();
    for (const r of list) {
      const prev = latest.get(r.timePoint);
      if (!prev || r.completedAt >= prev.completedAt) latest.set(r.timePoint, r);
    }
    const first = list[0]!;
    const dir = higherIsBetter[first.instrumentId];
    const base = latest.get("entry") ?? null;
    const improvedBy = (change: number) => (dir === undefined || change === 0 ? (change === 0 ? false : null) : dir ? change > 0 : change < 0);
    const points = TIME_POINTS.filter((tp) => latest.has(tp)).map((tp) => {
      const r = latest.get(tp)!;
      const change = base && tp !== "entry" ? round2(r.score! - base.score!) : null;
      return { timePoint: tp, score: r.score!, responseId: r.id, change, improved: change === null ? null : improvedBy(change) };
    });
    const last = [...points].reverse().find((p) => p.timePoint !== "entry");
    out.push({
      personId: first.personId,
      instrumentId: first.instrumentId,
      baseline: base ? { timePoint: "entry", score: base.score!, responseId: base.id } : null,
      points,
      overall: base && last && last.change !== null ? { from: "entry", to: last.timePoint, change: last.change, improved: last.improved } : null,
    });
  }
  return out.sort((a, b) => (a.personId + a.instrumentId).localeCompare(b.personId + b.instrumentId));
}

// ---------------------------------------------------------------- input schemas
export const ZInstrumentListInput = ZPage.extend({ includeInactive: z.boolean().default(false) }).strict();

export const ZInstrumentCreateInput = z
  .object({
    code: z.string().regex(/^[A-Z0-9_]{2,30}$/, "must be a code of capitals, digits and _"),
    name: zLine(200),
    instrumentVersion: zLine(20).default("1"),
    items: ZInstrumentItems,
    scoring: ZInstrumentScoring,
    validated: z.boolean().default(false),
    source: zLine(500).optional(),
  })
  .strict()
  .refine((i) => i.scoring.maxMissing < i.items.length, { message: "at least one item must be answered", path: ["scoring", "maxMissing"] });

/** Items and scoring cannot change once responses exist (scores would no longer compare): add a new version. */
export const ZInstrumentUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        name: zLine(200).optional(),
        /** A new instrument version marks its translations out of date. */
        instrumentVersion: zLine(20).optional(),
        active: z.boolean().optional(),
        source: zLine(500).nullable().optional(),
        validated: z.boolean().optional(),
        items: ZInstrumentItems.optional(),
        scoring: ZInstrumentScoring.optional(),
      })
      .strict(),
  })
  .strict();

export const ZAnswers = z.record(ZItemId, z.number().int().min(-100).max(100)).refine((a) => Object.keys(a).length <= 200, { message: "too many answers" });

export const ZResponseListInput = ZPage.extend({
  personId: ZId.optional(),
  instrumentId: ZId.optional(),
  hubCaseId: ZId.optional(),
  enrolmentId: ZId.optional(),
  timePoint: z.enum(TIME_POINTS).optional(),
}).strict();

export const ZResponseCreateInput = z
  .object({
    personId: ZId,
    instrumentId: ZId,
    timePoint: z.enum(TIME_POINTS),
    completedAt: ZDateTime,
    answers: ZAnswers,
    enrolmentId: ZId.optional(),
    hubCaseId: ZId.optional(),
    /** The language the participant answered in (scores do not depend on it). */
    language: z.enum(["en", "ar", "ur", "pl"]).default("en"),
  })
  .strict();

export const ZResponseUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z.object({ timePoint: z.enum(TIME_POINTS).optional(), completedAt: ZDateTime.optional(), answers: ZAnswers.optional() }).strict(),
  })
  .strict();

export const ZChangeInput = z.object({ personId: ZId.optional(), hubCaseId: ZId.optional(), enrolmentId: ZId.optional(), instrumentId: ZId.optional() }).strict();

const ZStoredItem = z.object({
  id: z.string().min(1).max(40),
  text: z.string().max(1000).default(""),
  options: z.array(z.object({ value: z.number(), label: z.string().max(200).default("") })).min(1),
  reverse: z.boolean().optional(),
  subscale: z.string().max(40).optional(),
});
const ZStoredScoring = z.object({
  method: z.enum(["sum", "mean"]),
  higherIsBetter: z.boolean(),
  maxMissing: z.number().int().min(0).default(0),
  /** Older form: reverse-scored items listed on the scoring rule. */
  reverseItems: z.array(z.string()).optional(),
  cutOffs: z.array(z.object({ label: z.string(), min: z.number() })).optional(),
});

/**
 * Reads an instrument as stored (JSON columns), tolerating the older form
 * that lists reverse-scored items on the scoring rule. Throws
 * PRECONDITION_FAILED when the stored definition cannot be scored.
 */
export function instrumentFromStored(items: unknown, scoring: unknown): Instrument {
  const i = z.array(ZStoredItem).min(1).safeParse(items);
  const s = ZStoredScoring.safeParse(scoring);
  if (!i.success || !s.success) throw new DomainError("PRECONDITION_FAILED", "this questionnaire's definition cannot be scored");
  const reverse = new Set(s.data.reverseItems ?? []);
  return {
    items: i.data.map((item) => ({ ...item, reverse: item.reverse ?? reverse.has(item.id) })),
    scoring: { method: s.data.method, higherIsBetter: s.data.higherIsBetter, maxMissing: s.data.maxMissing, ...(s.data.cutOffs ? { cutOffs: s.data.cutOffs } : {}) },
  };
}
