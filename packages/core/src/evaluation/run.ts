/**
 * An evaluation run on live records: the request a person makes in the
 * portal (which programme, which comparison rule, which period, window,
 * tariffs, seed) and the pure function that turns loaded records into the
 * analysis. The API loads the rows, calls `evaluate`, saves and returns.
 */
import { z } from "zod";
import { ZIsoDate } from "../dates.js";
import { parseOrThrow } from "../errors.js";
import { analyse, type AnalysisResult } from "./analyse.js";
import { selectCohorts, ZComparisonRule, type CandidateAssessment, type CandidateChild, type CandidateEnrolment } from "./cohorts.js";
import { ZMatchingOptions } from "./matched.js";
import { datasetFromRecords, type TEpisodeRecord, type TReferralRecord } from "./dataset.js";
import type { TTariffSet } from "./tariffs.js";
import { statedCost, ZCostFigureChoice, type CostFigureUsed } from "../finance/finance.js";

export const ZEvaluationRequest = z
  .object({
    programmeId: z.string().min(1).max(64),
    comparison: ZComparisonRule,
    from: ZIsoDate,
    to: ZIsoDate,
    asAt: ZIsoDate,
    windowMonths: z.number().int().min(1).max(24).default(6),
    /** A saved tariff set's id, or a built-in id such as "gmca-2019". */
    tariffSetId: z.string().min(1).max(64).default("gmca-2019"),
    /** Pounds; when absent, the programme's recorded costs are used. */
    programmeCost: z.number().finite().nonnegative().max(1e10).optional(),
    /** Which of the programme's finance figures to use (budget or actual, which years), when no cost is entered. */
    costFigure: ZCostFigureChoice.optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(20200301),
    bootstrapReplicates: z.number().int().min(0).max(5000).default(1000),
    /** A matched comparison as well (method, ratio, caliper, exact strata); the seed above also seeds it. */
    matching: ZMatchingOptions.optional(),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: "the period must end on or after its start", path: ["to"] });
export type TEvaluationRequest = z.input<typeof ZEvaluationRequest>;
export type TEvaluationRequestParsed = z.output<typeof ZEvaluationRequest>;

export interface EvaluationRecords {
  children: CandidateChild[];
  enrolments: CandidateEnrolment[];
  assessments: CandidateAssessment[];
  /** Episodes and referrals of (at least) the selected children. */
  episodes: TEpisodeRecord[];
  referrals: TReferralRecord[];
}

export interface EvaluationOutcome {
  request: TEvaluationRequestParsed;
  result: AnalysisResult;
  cohortSizes: { intervention: number; comparison: number; excludedFamilies: number };
  /** Reasons families were left out (counts per reason; no identifiers). */
  exclusions: Record<string, number>;
  /** The chosen children with their dates, kept with a saved run so that it can be reproduced. */
  members: { childId: string; cohort: "intervention" | "comparison"; startDate: string; endDate: string }[];
  /** The programme cost the cost-benefit analysis used, and where it came from (null: none). */
  cost: CostFigureUsed | null;
}

/** The ids of the children the cohort rules choose (so that only their histories need loading). */
export function chosenChildIds(request: TEvaluationRequest, children: CandidateChild[], enrolments: CandidateEnrolment[], assessments: CandidateAssessment[]): string[] {
  const req = parseOrThrow(ZEvaluationRequest, request, "evaluation request");
  const s = selectCohorts({ programmeId: req.programmeId, comparison: req.comparison, from: req.from, to: req.to, seed: req.seed }, children, enrolments, assessments);
  return [...s.intervention, ...s.comparison].map((c) => c.childId);
}

/** Selects the cohorts from the records, then runs the analysis. */
export function evaluate(request: TEvaluationRequest, records: EvaluationRecords, tariffs: TTariffSet, programmeCost: number | CostFigureUsed | undefined): EvaluationOutcome {
  const req = parseOrThrow(ZEvaluationRequest, request, "evaluation request");
  const selection = selectCohorts(
    { programmeId: req.programmeId, comparison: req.comparison, from: req.from, to: req.to, seed: req.seed },
    records.children,
    records.enrolments,
    records.assessments,
  );
  const chosen = new Set([...selection.intervention, ...selection.comparison].map((c) => c.childId));
  const dataset = datasetFromRecords({
    children: [...selection.intervention, ...selection.comparison],
    episodes: records.episodes.filter((e) => chosen.has(e.childId)),
    referrals: records.referrals.filter((r) => chosen.has(r.childId)),
  });
  // A cost typed into the request wins; then the finance figure (or recorded costs) the caller loaded.
  const used: CostFigureUsed | null =
    req.programmeCost !== undefined ? statedCost("entered", req.programmeCost) : typeof programmeCost === "number" ? statedCost("recorded_costs", programmeCost) : (programmeCost ?? null);
  const cost = used?.pounds;
  const result = analyse(dataset, {
    asAt: req.asAt,
    windowMonths: req.windowMonths,
    tariffs,
    ...(cost === undefined ? {} : { programmeCost: cost }),
    bootstrap: { replicates: req.bootstrapReplicates, seed: req.seed },
    ...(req.matching ? { matching: req.matching } : {}),
  });
  const exclusions: Record<string, number> = {};
  for (const e of selection.excluded) exclusions[e.reason] = (exclusions[e.reason] ?? 0) + 1;
  return {
    request: req,
    result,
    cohortSizes: { intervention: selection.intervention.length, comparison: selection.comparison.length, excludedFamilies: selection.excluded.length },
    exclusions,
    members: [...selection.intervention, ...selection.comparison].map((c) => ({ childId: c.childId, cohort: c.cohort, startDate: c.startDate, endDate: c.endDate })),
    cost: used,
  };
}
