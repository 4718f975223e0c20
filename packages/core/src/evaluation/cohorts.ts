/**
 * Choosing the children to analyse (report Appendix 2, "Methodology"): the
 * intervention cohort is one child per family that took part in a programme,
 * with the family's programme start and end dates; the comparison cohort is
 * chosen by a rule, e.g. children whose assessment identified domestic abuse
 * but whose family was never enrolled (the IFP comparison), or children with
 * five or more assessment factors who were not in the hub (the hub
 * comparison). One child per family is drawn at random from a recorded seed.
 */
import { z } from "zod";
import { parseIsoDay, ZIsoDate } from "../dates.js";
import type { TChildRecord } from "./dataset.js";
import { selectOnePerFamily } from "./profiles.js";

/** CIN census assessment factors that record domestic abuse (3A child, 3B parent/carer, 3C other person). */
export const DOMESTIC_ABUSE_FACTORS = ["3A", "3B", "3C"] as const;

export const ZComparisonRule = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("factors_not_enrolled"),
      /** Assessment factors, any of which qualifies (default: domestic abuse 3A–3C). */
      anyOfFactors: z.array(z.string().min(1).max(4)).min(1).max(60).default([...DOMESTIC_ABUSE_FACTORS]),
    })
    .strict(),
  z
    .object({
      kind: z.literal("factor_count_not_enrolled"),
      /** At least this many distinct factors on one assessment (the hub's selection rule was 5–6). */
      minFactors: z.number().int().min(1).max(60).default(5),
    })
    .strict(),
]);
export type TComparisonRule = z.infer<typeof ZComparisonRule>;

/** Plain-English descriptions of the comparison rules, for screens. */
export const COMPARISON_RULE_DESCRIPTIONS = [
  {
    kind: "factors_not_enrolled",
    title: "Domestic abuse identified at assessment, never enrolled",
    description:
      "Children whose completed assessment in the period recorded any of the chosen factors (default: domestic abuse, 3A–3C) and whose family was never enrolled in the programme. The start and end dates are the assessment's completion date. This is how the report chose the Inspiring Families comparison cohort.",
  },
  {
    kind: "factor_count_not_enrolled",
    title: "Many assessment factors, not in the programme",
    description:
      "Children whose completed assessment in the period recorded at least the chosen number of distinct factors (default 5) and whose family was never in the programme. This mirrors the Innovation Hub's selection rule of 5–6 factors.",
  },
] as const;

export const ZCohortDefinition = z
  .object({
    programmeId: z.string().min(1).max(64),
    comparison: ZComparisonRule,
    /** Only interventions/assessments in this period are used. */
    from: ZIsoDate,
    to: ZIsoDate,
    seed: z.number().int().min(0).max(2 ** 31 - 1),
  })
  .strict();
export type TCohortDefinition = z.infer<typeof ZCohortDefinition>;

export interface CandidateChild {
  childId: string;
  familyId: string;
  birthDate?: string | undefined;
  ethnicity?: string | undefined;
  siblingGroupSize?: number | undefined;
}

export interface CandidateEnrolment {
  familyId: string;
  programmeId: string;
  startDate: string;
  /** The end of the family's participation (completion or withdrawal); null while still running. */
  endDate: string | null;
}

export interface CandidateAssessment {
  childId: string;
  completedDate: string | null;
  factors: string[];
}

export interface CohortSelection {
  intervention: TChildRecord[];
  comparison: TChildRecord[];
  /** Why families were left out, for the data-quality panel. */
  excluded: { familyId: string; reason: string }[];
}

const inRange = (date: string, from: string, to: string) => date >= from && date <= to;

/**
 * Builds both cohorts. A family belongs to the intervention cohort when it was
 * enrolled in the programme with a start in [from, to] and an end date; its
 * first such enrolment gives the dates. A family enrolled in the programme at
 * any time never enters the comparison cohort. A comparison child's start
 * and end are the completion date of its first qualifying assessment in
 * [from, to].
 */
export function selectCohorts(
  definition: TCohortDefinition,
  children: readonly CandidateChild[],
  enrolments: readonly CandidateEnrolment[],
  assessments: readonly CandidateAssessment[],
): CohortSelection {
  const def = ZCohortDefinition.parse(definition);
  const excluded: CohortSelection["excluded"] = [];
  const enrolledFamilies = new Set<string>();
  const firstEnrolment = new Map<string, CandidateEnrolment>();
  for (const e of enrolments) {
    if (e.programmeId !== def.programmeId) continue;
    enrolledFamilies.add(e.familyId);
    if (!inRange(e.startDate, def.from, def.to)) continue;
    const seen = firstEnrolment.get(e.familyId);
    if (!seen || e.startDate < seen.startDate) firstEnrolment.set(e.familyId, e);
  }
  const qualifies = (factors: string[]) => {
    const distinct = new Set(factors.map((f) => f.trim().toUpperCase()));
    if (def.comparison.kind === "factors_not_enrolled") return def.comparison.anyOfFactors.some((f) => distinct.has(f.toUpperCase()));
    return distinct.size >= def.comparison.minFactors;
  };
  const firstQualifying = new Map<string, string>();
  for (const a of assessments) {
    if (!a.completedDate || !inRange(a.completedDate, def.from, def.to) || !qualifies(a.factors)) continue;
    const seen = firstQualifying.get(a.childId);
    if (!seen || a.completedDate < seen) firstQualifying.set(a.childId, a.completedDate);
  }

  const record = (c: CandidateChild, cohort: "intervention" | "comparison", startDate: string, endDate: string): TChildRecord => ({
    childId: c.childId,
    cohort,
    startDate,
    endDate,
    familyId: c.familyId,
    ...(c.birthDate ? { birthDate: c.birthDate } : {}),
    ...(c.ethnicity ? { ethnicity: c.ethnicity } : {}),
    ...(c.siblingGroupSize ? { siblingGroupSize: c.siblingGroupSize } : {}),
  });

  const interventionPool: TChildRecord[] = [];
  const comparisonPool: TChildRecord[] = [];
  for (const c of children) {
    const enrolment = firstEnrolment.get(c.familyId);
    if (enrolment) {
      if (enrolment.endDate === null) {
        excluded.push({ familyId: c.familyId, reason: "still in the programme: no end date yet" });
        continue;
      }
      interventionPool.push(record(c, "intervention", enrolment.startDate, enrolment.endDate));
      continue;
    }
    if (enrolledFamilies.has(c.familyId)) continue;
    const date = firstQualifying.get(c.childId);
    if (date) comparisonPool.push(record(c, "comparison", date, date));
  }
  const dedupe = (list: { familyId: string; reason: string }[]) => [...new Map(list.map((x) => [x.familyId, x])).values()];
  return {
    intervention: selectOnePerFamily(interventionPool, def.seed),
    comparison: selectOnePerFamily(comparisonPool, def.seed ^ 0x5eed),
    excluded: dedupe(excluded),
  };
}

/** True when a date string is a real ISO date (for callers validating loaded rows). */
export const isIsoDate = (value: string) => parseIsoDay(value) !== undefined;
