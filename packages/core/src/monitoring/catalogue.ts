/**
 * The measure catalogue: every monitoring measure with its id, title, the
 * plain-English definition of exactly what is counted (shown beside every
 * chart), unit, usual frequency, which direction is better, the report's
 * target(s) where it gives one, and a uniform `compute`.
 */
import { DomainError } from "../errors.js";
import {
  assessmentsCompletedPerWeek,
  averageDaysAllocationToCompletion,
  claEscalations,
  claEscalationsWithDaReferral,
  cpCasesWithKnownPerpetrator,
  daCoordinatorConsultations,
  familiesReferredToHub,
  hubCasesClosed,
  maracReferralCount,
  professionalsTrained,
  programmeCompletions,
  reReferrals,
  type TMeasureValue,
} from "./measures.js";
import type { TReportingPeriod } from "./periods.js";
import { MONITORED_PROGRAMMES, MONITORING_PARTICIPANT_ROLES, type TMonitoredProgramme, type TMonitoringData, type TMonitoringParticipantRole } from "./records.js";

export type TMeasureFrequency = "weekly" | "monthly" | "quarterly" | "any";
export type TMeasureDirection = "lower_is_better" | "higher_is_better" | "no_preference";

/** A target the report states, as written (numbers it does not give are absent). */
export interface ReportTargetSpec {
  label: string;
  /** An absolute target value. */
  value?: number;
  /** A proportional change on a baseline (−0.2 = 20% fewer). */
  change?: number;
  /** The baseline the report names, in words. */
  baseline?: string;
  source: string;
}

export interface MeasureParam {
  name: string;
  values: readonly string[];
  required: boolean;
}

export interface MeasureDefinition {
  id: string;
  title: string;
  /** Where the report shows it (e.g. "Figure 1"), or the logic model output. */
  source: string;
  /** Exactly what is counted, with inclusive/exclusive boundaries. */
  definition: string;
  unit: string;
  frequency: TMeasureFrequency;
  direction: TMeasureDirection;
  /** Which parts of the monitoring data it reads. */
  reads: readonly (keyof TMonitoringData)[];
  params: readonly MeasureParam[];
  reportTargets: readonly ReportTargetSpec[];
  compute(data: TMonitoringData, periods: readonly TReportingPeriod[], params?: Readonly<Record<string, string>>): TMeasureValue[];
}

const PERIODS_NOTE = "A period includes its first and last day.";

const programmeParams: readonly MeasureParam[] = [
  { name: "programme", values: MONITORED_PROGRAMMES, required: true },
  { name: "role", values: MONITORING_PARTICIPANT_ROLES, required: false },
];

export const MEASURE_CATALOGUE: readonly MeasureDefinition[] = [
  {
    id: "cp_cases_known_da_perpetrator",
    title: "Child protection cases with a known perpetrator of domestic abuse",
    source: "Figure 1",
    definition:
      "The number of children on a child protection plan on the LAST DAY of the period whose plan records a known perpetrator of domestic abuse. " +
      "A plan counts if it started on or before that day and had not ended by it (a plan ending on the last day is not counted). Each child counts once. " +
      PERIODS_NOTE,
    unit: "children",
    frequency: "monthly",
    direction: "lower_is_better",
    reads: ["episodes"],
    params: [],
    reportTargets: [{ label: "20% fewer than in April 2017", change: -0.2, baseline: "the April 2017 count", source: "funding proposal, report p. 48" }],
    compute: (data, periods) => cpCasesWithKnownPerpetrator(data.episodes ?? [], periods),
  },
  {
    id: "cla_escalations",
    title: "Children escalated to looked after from CIN or CP",
    source: "Figure 2",
    definition:
      "The number of children who started to be looked after (a CLA episode starting in the period) and, on the day before, were a child in need or on a child protection plan and were not already looked after. " +
      "A CIN or CP episode that closes on the day care starts counts as open the day before. Each child counts once per period. " +
      PERIODS_NOTE,
    unit: "children",
    frequency: "quarterly",
    direction: "lower_is_better",
    reads: ["episodes"],
    params: [],
    reportTargets: [{ label: "Reduce the number of children becoming looked after (no number given)", source: "report p. 49" }],
    compute: (data, periods) => claEscalations(data.episodes ?? [], periods),
  },
  {
    id: "cla_escalations_da_referral",
    title: "Children escalated to looked after where domestic abuse was a referral reason",
    source: "Figure 3",
    definition:
      "As 'children escalated to looked after', counting only children whose latest referral dated on or before the day care started had domestic abuse as a reason " +
      "(flagged, or factor codes 3A, 3B or 3C). Children with no referral on or before that day are not counted. " +
      PERIODS_NOTE,
    unit: "children",
    frequency: "monthly",
    direction: "lower_is_better",
    reads: ["episodes", "referrals"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => claEscalationsWithDaReferral(data.episodes ?? [], data.referrals ?? [], periods),
  },
  {
    id: "assessment_days_allocation_to_completion",
    title: "Average days from case allocation to completed assessment",
    source: "Figure 4",
    definition:
      "For assessments completed in the period (completion date inside it), the average number of calendar days from the day the case was allocated to the day the assessment was completed " +
      "(same day = 0). Assessments not yet completed are not included. No completions = no value. " +
      PERIODS_NOTE,
    unit: "days",
    frequency: "monthly",
    direction: "lower_is_better",
    reads: ["assessments"],
    params: [{ name: "level", values: ["EARLY_HELP", "CIN"], required: false }],
    reportTargets: [
      { label: "25 days (funding bid)", value: 25, baseline: "more than 60 days in April 2017", source: "report p. 50" },
      { label: "10 days (DAARR logic model)", value: 10, source: "report Figure 7" },
    ],
    compute: (data, periods, params) =>
      averageDaysAllocationToCompletion(data.assessments ?? [], periods, params?.level ? { level: params.level as "EARLY_HELP" | "CIN" } : {}),
  },
  {
    id: "early_help_assessments_per_week",
    title: "Early Help (level 1) assessments completed per week",
    source: "Table 5",
    definition:
      "The number of Early Help (level 1) assessments completed in the period, divided by the period's length in weeks (days ÷ 7). " +
      "For a period of whole Monday-to-Sunday weeks this is the average weekly count. " +
      PERIODS_NOTE,
    unit: "assessments per week",
    frequency: "weekly",
    direction: "higher_is_better",
    reads: ["assessments"],
    params: [],
    reportTargets: [{ label: "43 per week", value: 43, baseline: "26.2 per week, w/c 5 Oct 2015 to w/c 20 Mar 2017", source: "report Table 5" }],
    compute: (data, periods) => assessmentsCompletedPerWeek(data.assessments ?? [], periods, { level: "EARLY_HELP" }),
  },
  {
    id: "cin_assessments_per_week",
    title: "CIN (level 2) assessments completed per week",
    source: "Table 5",
    definition:
      "The number of Child in Need (level 2) assessments completed in the period, divided by the period's length in weeks (days ÷ 7). " +
      "For a period of whole Monday-to-Sunday weeks this is the average weekly count. " +
      PERIODS_NOTE,
    unit: "assessments per week",
    frequency: "weekly",
    direction: "lower_is_better",
    reads: ["assessments"],
    params: [],
    reportTargets: [{ label: "28 per week", value: 28, baseline: "48.5 per week, w/c 5 Oct 2015 to w/c 20 Mar 2017", source: "report Table 5" }],
    compute: (data, periods) => assessmentsCompletedPerWeek(data.assessments ?? [], periods, { level: "CIN" }),
  },
  {
    id: "re_referrals",
    title: "Re-referrals",
    source: "Figure 5",
    definition:
      "The number of referrals dated in the period that came within 12 months of the same child's previous referral: dated on or before the previous referral's 12-month anniversary " +
      "(so exactly 12 months later counts; 29 February + 12 months = 28 February). Referrals on the same day are not re-referrals of each other. " +
      "Earlier referrals outside the period count as the previous referral. The denominator is all referrals in the period. " +
      PERIODS_NOTE,
    unit: "referrals",
    frequency: "quarterly",
    direction: "lower_is_better",
    reads: ["referrals"],
    params: [],
    reportTargets: [{ label: "Reduce re-referrals (no number given)", source: "report p. 52" }],
    compute: (data, periods) => reReferrals(data.referrals ?? [], periods),
  },
  {
    id: "programme_completions",
    title: "People completing a programme",
    source: "Logic model outputs (Figures 7 and 8)",
    definition:
      "The number of different people whose enrolment in the programme (optionally in one role: victim, perpetrator, child, parent/carer) was completed on a day in the period. " +
      "A person completing twice in a period counts once. " +
      PERIODS_NOTE,
    unit: "people",
    frequency: "quarterly",
    direction: "higher_is_better",
    reads: ["enrolments"],
    params: programmeParams,
    reportTargets: [],
    compute: (data, periods, params) =>
      programmeCompletions(data.enrolments ?? [], periods, {
        programme: params?.programme as TMonitoredProgramme,
        ...(params?.role ? { role: params.role as TMonitoringParticipantRole } : {}),
      }),
  },
  {
    id: "one_to_one_completions",
    title: "Targeted one-to-one work with men completed",
    source: "Figure 7 output for perpetrators",
    definition:
      "The number of different men who completed the targeted 10-week one-to-one programme (for men who have completed the Inspiring Families Programme) on a day in the period. " +
      PERIODS_NOTE,
    unit: "people",
    frequency: "quarterly",
    direction: "higher_is_better",
    reads: ["enrolments"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => programmeCompletions(data.enrolments ?? [], periods, { programme: "ONE_TO_ONE_MEN" }),
  },
  {
    id: "da_coordinator_consultations",
    title: "Consultations with the domestic abuse coordinator",
    source: "Figures 7 and 8 outputs for the system",
    definition: "The number of consultations with the domestic abuse coordinator dated in the period; every consultation counts. " + PERIODS_NOTE,
    unit: "consultations",
    frequency: "monthly",
    direction: "higher_is_better",
    reads: ["daConsultations"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => daCoordinatorConsultations(data.daConsultations ?? [], periods),
  },
  {
    id: "marac_referrals",
    title: "Referrals to MARAC",
    source: "Figures 7 and 8 outputs for the system",
    definition: "The number of referrals to a Multi-Agency Risk Assessment Conference dated in the period; every referral counts. " + PERIODS_NOTE,
    unit: "referrals",
    frequency: "monthly",
    direction: "no_preference",
    reads: ["maracReferrals"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => maracReferralCount(data.maracReferrals ?? [], periods),
  },
  {
    id: "hub_families_referred",
    title: "Families referred to the hub",
    source: "Figure 8 output for the system",
    definition: "The number of different families with a hub case whose referral date is in the period. " + PERIODS_NOTE,
    unit: "families",
    frequency: "monthly",
    direction: "no_preference",
    reads: ["hubCases"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => familiesReferredToHub(data.hubCases ?? [], periods),
  },
  {
    id: "hub_cases_closed_nfa",
    title: "Hub cases closed with no further action",
    source: "Figure 8 output for the system",
    definition: "The number of hub cases closed on a day in the period with the closure reason 'no further action'; every case counts. " + PERIODS_NOTE,
    unit: "cases",
    frequency: "monthly",
    direction: "no_preference",
    reads: ["hubCases"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => hubCasesClosed(data.hubCases ?? [], periods, { reasons: ["NO_FURTHER_ACTION"] }),
  },
  {
    id: "hub_cases_closed_signposting",
    title: "Hub cases closed with signposting information only",
    source: "Figure 8 output for the system",
    definition: "The number of hub cases closed on a day in the period with the closure reason 'signposting only'; every case counts. " + PERIODS_NOTE,
    unit: "cases",
    frequency: "monthly",
    direction: "no_preference",
    reads: ["hubCases"],
    params: [],
    reportTargets: [],
    compute: (data, periods) => hubCasesClosed(data.hubCases ?? [], periods, { reasons: ["SIGNPOSTING_ONLY"] }),
  },
  {
    id: "professionals_trained",
    title: "Professionals trained",
    source: "Figure 7 output for practice",
    definition:
      "The number of different members of staff marked as attending a training session (of the chosen courses, or any course) dated in the period. " +
      "Booked but absent does not count; a person attending several sessions counts once. " +
      PERIODS_NOTE,
    unit: "people",
    frequency: "quarterly",
    direction: "higher_is_better",
    reads: ["trainingAttendances"],
    params: [{ name: "courseIds", values: [], required: false }],
    reportTargets: [],
    compute: (data, periods, params) =>
      professionalsTrained(data.trainingAttendances ?? [], periods, params?.courseIds ? { courseIds: params.courseIds.split(",").map((c) => c.trim()) } : {}),
  },
];

/** A measure by id, or undefined. */
export function findMeasure(measureId: string): MeasureDefinition | undefined {
  return MEASURE_CATALOGUE.find((m) => m.id === measureId);
}

/** Problems with a measure id and its parameters (empty when fine). */
export function checkMeasureParams(measureId: string, params: Readonly<Record<string, string>> = {}): string[] {
  const measure = findMeasure(measureId);
  if (!measure) return [`there is no measure "${measureId}" in the catalogue`];
  const problems: string[] = [];
  for (const p of measure.params) {
    const v = params[p.name];
    if (v === undefined || v === "") {
      if (p.required) problems.push(`measure "${measureId}" needs the parameter "${p.name}"`);
    } else if (p.values.length > 0 && !p.values.includes(v)) {
      problems.push(`parameter "${p.name}" of measure "${measureId}" must be one of ${p.values.join(", ")}`);
    }
  }
  for (const name of Object.keys(params)) {
    if (!measure.params.some((p) => p.name === name)) problems.push(`measure "${measureId}" has no parameter "${name}"`);
  }
  return problems;
}

/** Computes a catalogue measure; throws NOT_FOUND for an unknown id and INVALID_INPUT for bad parameters. */
export function computeMeasure(
  measureId: string,
  data: TMonitoringData,
  periods: readonly TReportingPeriod[],
  params: Readonly<Record<string, string>> = {},
): TMeasureValue[] {
  const measure = findMeasure(measureId);
  if (!measure) throw new DomainError("NOT_FOUND", `there is no measure "${measureId}" in the catalogue`);
  const problems = checkMeasureParams(measureId, params);
  if (problems.length > 0) throw new DomainError("INVALID_INPUT", problems[0]!, problems.map((message) => ({ message })));
  return measure.compute(data, periods, params);
}
