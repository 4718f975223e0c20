/**
 * Assessments: Early Help (level 1) or CIN (level 2), with the dates the case
 * was allocated, the assessment started and was completed (authorised), and
 * the CIN census assessment factors identified. The factors are checked
 * against the census code list; the days from allocation to completion are
 * counted here against the programme's 25-day target (the report's Figure 4:
 * calendar days, allocated and completed on the same day = 0).
 */
import { z } from "zod";
import { parseIsoDay } from "../dates.js";
import { ZDate, ZId, ZPage, ZVersion } from "./common.js";

export const ASSESSMENT_LEVELS = ["EARLY_HELP", "CIN"] as const;
export type TAssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];

/** The target for days from case allocation to completed assessment (the funding bid's aim). */
export const ASSESSMENT_TARGET_DAYS = 25;

const triple = (n: number) => [`${n}A`, `${n}B`, `${n}C`];

/**
 * CIN census `AssessmentFactors` (A = the child, B = a parent or carer, C =
 * another member of the household). 18A and 19A are still accepted but
 * flagged from 2024/25; 21 ("no factors") must be the only code.
 */
export const CIN_ASSESSMENT_FACTORS = [
  ...triple(1), // alcohol
  ...triple(2), // drugs
  ...triple(3), // domestic violence
  ...triple(4), // mental health
  ...triple(5), // learning disability
  ...triple(6), // physical disability or illness
  "7A", // young carer
  "8B", "8C", "8D", "8E", "8F", // privately fostered
  "9A", // unaccompanied asylum-seeking child
  "10A", // going missing
  "11A", // child sexual exploitation
  "12A", // trafficking
  "13A", // gangs
  "14A", // socially unacceptable behaviour
  "15A", // self-harm
  "16A", // neglect
  "17A", // emotional abuse
  "18A", "18B", "18C", // physical abuse
  "19A", "19B", "19C", // sexual abuse
  "20", // other
  "21", // no factors identified
  "22A", // female genital mutilation
  "23A", // abuse linked to faith or belief
  "24A", // child criminal exploitation
] as const;

const FACTOR_SET: ReadonlySet<string> = new Set(CIN_ASSESSMENT_FACTORS);
/** Codes accepted but flagged by the 2024/25 census rules. */
export const FLAGGED_ASSESSMENT_FACTORS = ["18A", "19A"] as const;

/** Is the code one of the assessment factors in `CIN_ASSESSMENT_FACTORS`? */
export function isAssessmentFactor(code: string): boolean {
  return FACTOR_SET.has(code);
}

/** Problems with a list of factors (empty when it is valid): unknown codes, repeats, "21" with others. */
export function assessmentFactorProblems(factors: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const code of factors) {
    if (!FACTOR_SET.has(code)) problems.push(`"${code.slice(0, 10)}" is not a CIN census assessment factor`);
    else if (seen.has(code)) problems.push(`"${code}" is listed twice`);
    seen.add(code);
  }
  if (seen.has("21") && factors.length > 1) problems.push(`"21" (no factors identified) must be the only factor`);
  return problems;
}

/** Factors as sent by a form: trimmed, upper-cased, checked against the code list. */
export const ZAssessmentFactors = z
  .array(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9]{1,2}[A-Z]?$/, "must be a CIN census code"),
  )
  .max(40)
  .superRefine((factors, ctx) => {
    for (const message of assessmentFactorProblems(factors)) ctx.addIssue({ code: "custom", message });
  });

export interface AssessmentDates {
  allocatedAt: string | null;
  startedAt: string;
  completedAt: string | null;
}

/** Order problems between an assessment's dates (empty when they are consistent). */
export function assessmentDateProblems(d: AssessmentDates): { path: keyof AssessmentDates; message: string }[] {
  const day = (s: string | null) => (s === null ? undefined : parseIsoDay(s));
  const allocated = day(d.allocatedAt);
  const started = day(d.startedAt);
  const completed = day(d.completedAt);
  const out: { path: keyof AssessmentDates; message: string }[] = [];
  if (allocated !== undefined && started !== undefined && started < allocated) out.push({ path: "startedAt", message: "the assessment cannot start before the case was allocated" });
  if (completed !== undefined && started !== undefined && completed < started) out.push({ path: "completedAt", message: "the assessment cannot be completed before it started" });
  if (completed !== undefined && allocated !== undefined && completed < allocated) out.push({ path: "completedAt", message: "the assessment cannot be completed before the case was allocated" });
  return out;
}

export interface AssessmentTimeliness {
  /** Calendar days from allocation to completion, or to `today` while open; null without an allocation date. */
  days: number | null;
  targetDays: number;
  completed: boolean;
  /** Completed within the target (null while open or without an allocation date). */
  withinTarget: boolean | null;
  /** Still open and already past the target. */
  overdue: boolean;
  /** Days left before the target while open (negative when overdue); null otherwise. */
  daysRemaining: number | null;
}

/** Days from allocation to completion against the 25-day target (`today` is used while the assessment is open). */
export function assessmentTimeliness(d: { allocatedAt: string | null; completedAt: string | null }, today: string, targetDays = ASSESSMENT_TARGET_DAYS): AssessmentTimeliness {
  const allocated = d.allocatedAt === null ? undefined : parseIsoDay(d.allocatedAt);
  const completed = d.completedAt === null ? undefined : parseIsoDay(d.completedAt);
  const now = parseIsoDay(today);
  const isCompleted = completed !== undefined;
  if (allocated === undefined) return { days: null, targetDays, completed: isCompleted, withinTarget: null, overdue: false, daysRemaining: null };
  if (completed !== undefined) {
    const days = completed - allocated;
    return { days, targetDays, completed: true, withinTarget: days <= targetDays, overdue: false, daysRemaining: null };
  }
  const days = now === undefined ? null : Math.max(0, now - allocated);
  return { days, targetDays, completed: false, withinTarget: null, overdue: days !== null && days > targetDays, daysRemaining: days === null ? null : targetDays - days };
}

// ---------------------------------------------------------------- input schemas
export const ZAssessmentListInput = ZPage.extend({
  familyId: ZId.optional(),
  childId: ZId.optional(),
  level: z.enum(ASSESSMENT_LEVELS).optional(),
  /** true: not yet completed; false: completed. */
  open: z.boolean().optional(),
}).strict();

export const ZAssessmentCreateInput = z
  .object({
    childId: ZId,
    familyId: ZId,
    level: z.enum(ASSESSMENT_LEVELS),
    /** The assessing worker; defaults to the caller's staff record. */
    staffId: ZId.optional(),
    allocatedAt: ZDate.optional(),
    startedAt: ZDate,
    completedAt: ZDate.optional(),
    factors: ZAssessmentFactors.default([]),
  })
  .strict()
  .superRefine((a, ctx) => {
    for (const p of assessmentDateProblems({ allocatedAt: a.allocatedAt ?? null, startedAt: a.startedAt, completedAt: a.completedAt ?? null })) {
      ctx.addIssue({ code: "custom", path: [p.path], message: p.message });
    }
  });
export type TAssessmentCreateInput = z.infer<typeof ZAssessmentCreateInput>;

export const ZAssessmentUpdateInput = z
  .object({
    id: ZId,
    version: ZVersion,
    patch: z
      .object({
        level: z.enum(ASSESSMENT_LEVELS).optional(),
        staffId: ZId.nullable().optional(),
        allocatedAt: ZDate.nullable().optional(),
        startedAt: ZDate.optional(),
        completedAt: ZDate.nullable().optional(),
        factors: ZAssessmentFactors.optional(),
      })
      .strict(),
  })
  .strict();
export type TAssessmentUpdateInput = z.infer<typeof ZAssessmentUpdateInput>;
