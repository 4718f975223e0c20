/**
 * The training domain as zod schemas: courses, onboarding modules and plans,
 * staff, completions, assignments, sessions and registers. Dates are ISO
 * `YYYY-MM-DD` strings at this boundary; the rules convert them to day
 * numbers (see `../dates.ts`) internally.
 */
import { z } from "zod";
import { ZRole } from "../access/roles.js";
import { ZIsoDate } from "../dates.js";

const ZTrainingId = z.string().trim().min(1).max(100);
const line = (max: number) => z.string().trim().min(1).max(max);

export const DELIVERY_MODES = ["classroom", "e_learning", "blended"] as const;
export const ZDeliveryMode = z.enum(DELIVERY_MODES);
export type TDeliveryMode = z.infer<typeof ZDeliveryMode>;

/** The two tracks of the Inspiring Families group programme (as `GROUP_TRACKS` in records). */
export const FACILITATOR_TRACKS = ["victims", "perpetrators"] as const;
export const ZFacilitatorTrack = z.enum(FACILITATOR_TRACKS);
export type TFacilitatorTrack = z.infer<typeof ZFacilitatorTrack>;

/** The languages the programme has run in (as `GROUP_LANGUAGES` in records). */
export const PROGRAMME_LANGUAGES = ["English", "Arabic", "Urdu", "Polish"] as const;

/**
 * A qualification a course grants, written as colon-separated segments from
 * general to specific: `facilitator:inspiring_families:victims`. Holding a
 * more general qualification (`facilitator:inspiring_families`) covers every
 * more specific one (both tracks); see `qualificationCovers`.
 */
export const ZQualification = z
  .string()
  .max(120)
  .regex(/^[a-z][a-z0-9_]*(:[a-z0-9_]+)*$/, "must be colon-separated lower-case segments, e.g. facilitator:inspiring_families:victims");
export type TQualification = z.infer<typeof ZQualification>;

export const ZCourse = z
  .object({
    id: ZTrainingId,
    title: line(200),
    description: z.string().max(2000).default(""),
    deliveryMode: ZDeliveryMode,
    durationHours: z.number().positive().max(200),
    /** Months a completion stays valid before a refresher is due; null = never expires. */
    validityMonths: z.number().int().min(1).max(240).nullable(),
    mandatoryForRoles: z.array(ZRole).max(20),
    /** Course ids that must be completed first. */
    prerequisites: z.array(ZTrainingId).max(20),
    grantsQualification: ZQualification.nullable(),
    /** Languages the course is delivered in. */
    languages: z.array(line(40)).min(1).max(20),
  })
  .strict()
  .refine((c) => !c.prerequisites.includes(c.id), { message: "a course cannot be its own prerequisite", path: ["prerequisites"] });
export type TCourse = z.infer<typeof ZCourse>;

export const ZQuizQuestion = z
  .object({
    id: ZTrainingId,
    prompt: line(500),
    options: z.array(line(300)).min(2).max(6),
    correctIndex: z.number().int().min(0),
    /** Shown after answering, whether right or wrong. */
    explanation: z.string().max(1000).default(""),
  })
  .strict()
  .refine((q) => q.correctIndex < q.options.length, { message: "the correct answer must be one of the options", path: ["correctIndex"] });
export type TQuizQuestion = z.infer<typeof ZQuizQuestion>;

export const ZQuiz = z
  .object({
    questions: z.array(ZQuizQuestion).min(1).max(50),
    /** Share of questions to answer correctly, 0..1. */
    passMark: z.number().min(0).max(1),
  })
  .strict();
export type TQuiz = z.infer<typeof ZQuiz>;

export const ZOnboardingModule = z
  .object({
    id: ZTrainingId,
    title: line(200),
    /** Markdown. */
    content: z.string().min(1).max(50_000),
    quiz: ZQuiz.nullable().optional(),
    requiresAcknowledgement: z.boolean(),
    /** What the learner confirms, shown next to the acknowledgement box. */
    acknowledgementText: z.string().max(500).optional(),
  })
  .strict();
export type TOnboardingModule = z.infer<typeof ZOnboardingModule>;

export const ITEM_KINDS = ["module", "course"] as const;
export const ZItemKind = z.enum(ITEM_KINDS);
export type TItemKind = z.infer<typeof ZItemKind>;

export const ZOnboardingPlanItem = z
  .object({ kind: ZItemKind, itemId: ZTrainingId, dueWithinDays: z.number().int().min(0).max(730) })
  .strict();
export type TOnboardingPlanItem = z.infer<typeof ZOnboardingPlanItem>;

export const ZOnboardingPlan = z
  .object({ id: ZTrainingId, role: ZRole, title: line(200), items: z.array(ZOnboardingPlanItem).max(100) })
  .strict()
  .refine((p) => new Set(p.items.map((i) => `${i.kind}:${i.itemId}`)).size === p.items.length, {
    message: "a plan lists each module or course once",
    path: ["items"],
  });
export type TOnboardingPlan = z.infer<typeof ZOnboardingPlan>;

/** A member of staff as the training rules see them. `leftOn` is the last day of employment. */
export const ZTrainingStaff = z
  .object({
    id: ZTrainingId,
    name: line(200),
    role: ZRole,
    teamId: ZTrainingId.nullable(),
    managerId: ZTrainingId.nullable(),
    joinedOn: ZIsoDate,
    leftOn: ZIsoDate.nullable(),
    /** Languages the person can work (and facilitate groups) in. */
    languages: z.array(line(40)).max(20).default(["English"]),
  })
  .strict()
  .refine((s) => s.leftOn === null || s.leftOn >= s.joinedOn, { message: "cannot leave before joining", path: ["leftOn"] });
export type TTrainingStaff = z.infer<typeof ZTrainingStaff>;

/** A course completed by a member of staff on a day. */
export const ZTrainingCompletion = z
  .object({
    id: ZTrainingId.optional(),
    staffId: ZTrainingId,
    courseId: ZTrainingId,
    completedOn: ZIsoDate,
    sessionId: ZTrainingId.nullable().optional(),
    /** Set for a completion from an outside provider (it counts exactly as a session's). */
    provider: z.string().max(200).nullable().optional(),
  })
  .strict();
export type TTrainingCompletion = z.infer<typeof ZTrainingCompletion>;

/** An onboarding module completed (quiz passed, acknowledgement given). */
export const ZModuleCompletion = z
  .object({
    staffId: ZTrainingId,
    moduleId: ZTrainingId,
    completedOn: ZIsoDate,
    score: z.number().min(0).max(1).nullable(),
    acknowledged: z.boolean(),
  })
  .strict();
export type TModuleCompletion = z.infer<typeof ZModuleCompletion>;

/** Why an assignment was made: a starter's plan, a change of role, or by hand (a trainer or manager). */
export const ASSIGNMENT_REASONS = ["starter", "role_change", "manual"] as const;

/** A module or course assigned to a member of staff with a due date. */
export const ZTrainingAssignment = z
  .object({
    staffId: ZTrainingId,
    kind: ZItemKind,
    itemId: ZTrainingId,
    assignedOn: ZIsoDate,
    dueOn: ZIsoDate,
    reason: z.enum(ASSIGNMENT_REASONS),
    /** The role whose plan or mandatory list caused the assignment (for a hand assignment: the person's role). */
    role: ZRole,
    completedOn: ZIsoDate.nullable().optional(),
    /** Who assigned it by hand (a user id); null for plan and role-change assignments. */
    assignedBy: ZTrainingId.nullable().optional(),
    /** Why it was assigned by hand, as the assigner wrote it. */
    note: z.string().max(500).nullable().optional(),
  })
  .strict();
export type TTrainingAssignment = z.infer<typeof ZTrainingAssignment>;

/** One delivery of a course (a classroom session or an e-learning cohort). */
export const ZTrainingSession = z
  .object({
    id: ZTrainingId,
    courseId: ZTrainingId,
    date: ZIsoDate,
    trainer: z.string().max(200).optional(),
    venue: z.string().max(200).optional(),
    capacity: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type TTrainingSession = z.infer<typeof ZTrainingSession>;

/** One line of a session's register. Participants may be staff or guests from partner agencies. */
export const ZTrainingAttendance = z
  .object({ sessionId: ZTrainingId, participantId: ZTrainingId, attended: z.boolean() })
  .strict();
export type TTrainingAttendance = z.infer<typeof ZTrainingAttendance>;

/** A financial quarter: the year starting 1 April `startYear`; Q1 = April–June … Q4 = January–March. */
export const ZFinancialQuarterRef = z.object({ startYear: z.number().int().min(1900).max(2999), quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }).strict();
export type TFinancialQuarterRef = z.infer<typeof ZFinancialQuarterRef>;
