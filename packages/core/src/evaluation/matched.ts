/**
 * The matched comparison: propensity score (propensity.ts), nearest-neighbour
 * matching with replacement (matching.ts), balance and overlap diagnostics,
 * difference-in-differences on the matched sample, the cost-benefit with the
 * matched comparison, and a placebo test. `analyse` runs it when the options
 * ask for matching; its result is the `matching` object of the output.
 *
 * Intervals: a seeded bootstrap that resamples both cohorts, refits the score
 * and re-matches in every replicate, while replicates × children fits
 * MATCHING_BOOTSTRAP_BUDGET; above it (national data) the analytic interval
 * estimate ± 1.96·SE with SE² = s²_int/n_int + s²_comp·Σw²/(Σw)² (the matching
 * weights held fixed; the uncertainty of the fitted score is not included).
 *
 * Placebo: the same matched sample, with the outcome windows moved back by
 * one window length (before = the window before the real before window,
 * after = the real before window). Nothing happened between them, so the
 * estimate should be near zero.
 */
import { z } from "zod";
import { createRandom } from "../random.js";
import type { Dataset } from "./dataset.js";
import { DID_MEASURES, quantile, type PerChildChanges, type TDidMeasure } from "./did.js";
import { BALANCE_THRESHOLD, balanceOf, cohortMoments, matchNearest, scoreOverlap, seededPriorities, supportOf, weightedMoments, type BalanceRow, type Overlap } from "./matching.js";
import { fitLogistic, linearPredictor, prepareCovariates, rawCovariates, RIDGE, standardisedColumns, type BaselineWindows, type DroppedCovariate } from "./propensity.js";
import type { TWarning } from "./warnings.js";

export const ZMatchingOptions = z
  .object({
    method: z.literal("nearest"),
    /** Comparison children per intervention child (k:1). */
    ratio: z.number().int().min(1).max(10).default(1),
    /** Caliper in standard deviations of the logit of the score; null = none. */
    caliper: z.number().positive().max(10).nullable().default(0.2),
    /** Match exactly on these (only the highest status before, for now). */
    exact: z.array(z.enum(["highestBefore"])).max(1).default([]),
  })
  .strict();
export type TMatchingOptions = z.input<typeof ZMatchingOptions>;
export type TMatchingOptionsParsed = z.output<typeof ZMatchingOptions>;

/** Above this many resampled children (replicates × n), the analytic interval is used instead of the re-matching bootstrap. */
export const MATCHING_BOOTSTRAP_BUDGET = 2_000_000;
export const PLACEBO_MEASURES = ["CIN", "CP", "CLA"] as const;

/**
 * One measure's change per cohort, the difference between them and its standard error and 95% interval (null
 * when it cannot be estimated).
 */
export interface MatchedEstimate {
  interventionChange: number | null;
  comparisonChange: number | null;
  estimate: number | null;
  standardError: number | null;
  ci95: [number, number] | null;
}

/**
 * What `analyse` returns for a matched comparison (its `matching` option): the settings, covariates, sample
 * sizes, balance, overlap, matched estimates, cost-benefit, placebo and warnings.
 */
export interface MatchingResult {
  method: "nearest";
  ratio: number;
  caliper: number | null;
  replace: true;
  exact: "highestBefore"[];
  seed: number;
  covariates: string[];
  dropped: DroppedCovariate[];
  model: { ridge: number; iterations: number; converged: boolean };
  n: { intervention: number; interventionMatched: number; interventionUnmatched: number; comparisonPool: number; comparisonUsed: number; effectiveComparison: number };
  balance: BalanceRow[];
  overlap: Overlap;
  differenceInDifferences: { method: "bootstrap" | "analytic" | "none"; replicates: number; seed: number; measures: Record<TDidMeasure, MatchedEstimate> };
  costBenefit: { saving: number | null; netCost: number | null };
  placebo: { measures: Record<(typeof PLACEBO_MEASURES)[number], MatchedEstimate> };
  warnings: TWarning[];
}

export interface MatchedComparisonInput {
  data: Dataset;
  baseline: BaselineWindows;
  changes: PerChildChanges;
  /**
   * The per-child changes with both windows moved back one window length: of every child, or (when
   * `rows` is given) only of those rows (the others may be left 0).
   */
  placeboChanges: (rows?: Int32Array) => PerChildChanges;
  options: TMatchingOptionsParsed;
  replicates: number;
  seed: number;
  programmeCost?: number | undefined;
  budget?: number;
}

interface Spec {
  ratio: number;
  caliper: number | null;
  priority: Uint32Array;
  stratum: ArrayLike<number> | undefined;
}

/** Caliper width on the logit scale: caliper × √((var_int + var_comp)/2) of the logits (weighted by multiplicity). */
function caliperWidth(logit: Float64Array, cohort: Uint8Array, caliper: number | null, count?: Uint32Array): number {
  if (caliper === null) return Number.POSITIVE_INFINITY;
  const [t, c] = count ? [weightedMoments(logit, count, cohort, 0), weightedMoments(logit, count, cohort, 1)] : cohortMoments(logit, cohort);
  return caliper * Math.sqrt((t.variance + c.variance) / 2);
}

function match(logit: Float64Array, cohort: Uint8Array, spec: Spec, count?: Uint32Array) {
  return matchNearest({ logit, cohort, ratio: spec.ratio, caliperWidth: caliperWidth(logit, cohort, spec.caliper, count), priority: spec.priority, stratum: spec.stratum, count });
}

/** Weighted mean change per cohort and its difference, with the analytic standard error. */
function estimateOf(y: Float64Array, cohort: Uint8Array, weight: Float64Array, support: Int32Array): MatchedEstimate {
  const t = weightedMoments(y, weight, cohort, 0, support);
  const c = weightedMoments(y, weight, cohort, 1, support);
  if (!(t.sumW > 0 && c.sumW > 0)) return { interventionChange: null, comparisonChange: null, estimate: null, standardError: null, ci95: null };
  // Intervention weights are multiplicities (1 outside the bootstrap): its variance term is s²/n.
  const se = Math.sqrt(t.variance / t.sumW + (c.variance * c.sumW2) / (c.sumW * c.sumW));
  return { interventionChange: t.mean, comparisonChange: c.mean, estimate: t.mean - c.mean, standardError: se, ci95: null };
}

/** The difference only (for bootstrap replicates). */
function differenceOf(y: Float64Array, cohort: Uint8Array, weight: Float64Array): number {
  const s = [0, 0];
  const w = [0, 0];
  for (let i = 0; i < y.length; i++) {
    const wi = weight[i]!;
    if (wi === 0) continue;
    const k = cohort[i]!;
    s[k]! += wi * y[i]!;
    w[k]! += wi;
  }
  return w[0]! > 0 && w[1]! > 0 ? s[0]! / w[0]! - s[1]! / w[1]! : Number.NaN;
}

/**
 * The matched comparison behind `analyse`'s `matching` option: propensity score, nearest-neighbour matching,
 * balance, overlap, the matched difference in differences and cost-benefit, and a placebo test
 * (docs/evaluation.md).
 */
export function matchedComparison(input: MatchedComparisonInput): MatchingResult {
  const { data, options, seed } = input;
  const n = data.children.count;
  const cohort = data.children.cohort;
  const cov = prepareCovariates(rawCovariates(data, input.baseline));
  const x = standardisedColumns(cov, n);
  const treated = new Uint8Array(n);
  for (let i = 0; i < n; i++) treated[i] = cohort[i] === 0 ? 1 : 0;
  const fit = fitLogistic(x, treated);
  const nInt = groupsSize(cohort, 0);
  const logit = linearPredictor(x, fit.beta, n);
  const spec: Spec = {
    ratio: options.ratio,
    caliper: options.caliper,
    priority: seededPriorities(data.children.ids, seed),
    stratum: options.exact.includes("highestBefore") ? input.baseline.highestBefore : undefined,
  };
  const m = match(logit, cohort, spec);
  const support = supportOf(m.weight);

  const dropped = new Set(cov.dropped.map((d) => d.covariate));
  const balance = cov.considered.map((name) => {
    const row = balanceOf(name, cov.values[name], cohort, m.weight, support);
    return dropped.has(name) ? { ...row, smdAfter: null, varianceRatioAfter: null, imbalanced: false } : row;
  });

  const main = {} as Record<TDidMeasure, MatchedEstimate>;
  for (const k of DID_MEASURES) main[k] = estimateOf(input.changes[k], cohort, m.weight, support);
  const replicates = input.replicates;
  const budget = input.budget ?? MATCHING_BOOTSTRAP_BUDGET;
  const method = replicates === 0 || m.matched === 0 ? "none" : replicates * n <= budget ? "bootstrap" : "analytic";
  // Re-matching may pick any child, so the bootstrap needs every child's placebo; otherwise the matched ones suffice.
  const placeboChanges = input.placeboChanges(method === "bootstrap" ? undefined : support);
  const placebo = {} as Record<(typeof PLACEBO_MEASURES)[number], MatchedEstimate>;
  for (const k of PLACEBO_MEASURES) placebo[k] = estimateOf(placeboChanges[k], cohort, m.weight, support);

  if (method === "bootstrap") {
    const outcomes = [...DID_MEASURES.map((k) => input.changes[k]), ...PLACEBO_MEASURES.map((k) => placeboChanges[k])];
    const samples = outcomes.map(() => new Float64Array(replicates));
    const random = createRandom(seed);
    const groups: Int32Array[] = [0, 1].map((g) => {
      const members = new Int32Array(g === 0 ? nInt : n - nInt);
      for (let i = 0, k = 0; i < n; i++) if (cohort[i] === g) members[k++] = i;
      return members;
    });
    const count = new Uint32Array(n);
    let kept = 0;
    for (let r = 0; r < replicates; r++) {
      count.fill(0);
      for (const group of groups) for (let i = 0; i < group.length; i++) count[group[Math.floor(random.next() * group.length)]!]! += 1;
      const refit = fitLogistic(x, treated, RIDGE, count, fit.beta, 25);
      const eta = linearPredictor(x, refit.beta, n);
      const rm = match(eta, cohort, spec, count);
      if (rm.matched === 0) continue;
      outcomes.forEach((y, j) => (samples[j]![kept] = differenceOf(y, cohort, rm.weight)));
      kept++;
    }
    const interval = (j: number, e: MatchedEstimate) => {
      const sorted = samples[j]!.subarray(0, kept).sort();
      let mean = 0;
      for (const v of sorted) mean += v;
      mean /= Math.max(1, kept);
      let ss = 0;
      for (const v of sorted) ss += (v - mean) ** 2;
      e.standardError = kept > 1 ? Math.sqrt(ss / (kept - 1)) : e.standardError;
      e.ci95 = kept > 0 ? [quantile(sorted, 0.025), quantile(sorted, 0.975)] : null;
    };
    DID_MEASURES.forEach((k, j) => interval(j, main[k]));
    PLACEBO_MEASURES.forEach((k, j) => interval(DID_MEASURES.length + j, placebo[k]));
  } else if (method === "analytic") {
    for (const e of [...Object.values(main), ...Object.values(placebo)]) {
      if (e.estimate !== null && e.standardError !== null) e.ci95 = [e.estimate - 1.959964 * e.standardError, e.estimate + 1.959964 * e.standardError];
    }
  }

  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < n; i++) {
    if (cohort[i] !== 1) continue;
    sumW += m.weight[i]!;
    sumW2 += m.weight[i]! ** 2;
  }
  const effectiveComparison = sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
  const costEstimate = main.cost.estimate;
  const saving = costEstimate === null ? null : -costEstimate * m.matched;
  const result: MatchingResult = {
    method: "nearest",
    ratio: options.ratio,
    caliper: options.caliper,
    replace: true,
    exact: options.exact,
    seed,
    covariates: cov.considered,
    dropped: cov.dropped,
    model: { ridge: RIDGE, iterations: fit.iterations, converged: fit.converged },
    n: { intervention: nInt, interventionMatched: m.matched, interventionUnmatched: m.unmatched, comparisonPool: n - nInt, comparisonUsed: m.comparisonUsed, effectiveComparison },
    balance,
    overlap: scoreOverlap(logit, cohort),
    differenceInDifferences: { method, replicates: method === "bootstrap" ? replicates : 0, seed, measures: main },
    costBenefit: { saving, netCost: saving === null || input.programmeCost === undefined ? null : input.programmeCost - saving },
    placebo: { measures: placebo },
    warnings: [],
  };
  result.warnings = matchingWarnings(result, logit, cohort);
  return result;
}

function groupsSize(cohort: Uint8Array, g: number): number {
  let k = 0;
  for (let i = 0; i < cohort.length; i++) if (cohort[i] === g) k++;
  return k;
}

/** Share of intervention children whose score lies outside the range of the comparison children's. */
function outsideSupport(logit: Float64Array, cohort: Uint8Array): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logit.length; i++) {
    if (cohort[i] !== 1) continue;
    if (logit[i]! < lo) lo = logit[i]!;
    if (logit[i]! > hi) hi = logit[i]!;
  }
  let out = 0;
  let nt = 0;
  for (let i = 0; i < logit.length; i++) {
    if (cohort[i] !== 0) continue;
    nt++;
    if (logit[i]! < lo || logit[i]! > hi) out++;
  }
  return nt > 0 ? out / nt : 0;
}

function matchingWarnings(r: MatchingResult, logit: Float64Array, cohort: Uint8Array): TWarning[] {
  const w: TWarning[] = [];
  const { n } = r;
  if (n.interventionUnmatched > 0) {
    w.push({
      code: "MATCHING_DROPPED_INTERVENTION",
      severity: "warning",
      message:
        `${n.interventionUnmatched} of ${n.intervention} programme children had no comparison child close enough (within ${r.caliper} standard deviations of the score's logit) and are left out. ` +
        `The matched estimate describes the ${n.interventionMatched} children who could be matched, not the whole programme cohort.`,
      cohort: "intervention",
      values: { unmatched: n.interventionUnmatched, matched: n.interventionMatched, n: n.intervention },
    });
  }
  const off = r.balance.filter((b) => b.imbalanced);
  if (off.length > 0) {
    w.push({
      code: "RESIDUAL_IMBALANCE",
      severity: "warning",
      message: `After matching the cohorts still differ on ${off.map((b) => `${b.covariate} (standardised mean difference ${b.smdAfter!.toFixed(2)})`).join(", ")}; above ${BALANCE_THRESHOLD} the matched estimate may still be biased by these differences.`,
      values: Object.fromEntries([...off.map((b) => [b.covariate, b.smdAfter!]), ["threshold", BALANCE_THRESHOLD]]),
    });
  }
  const outside = outsideSupport(logit, cohort);
  const reuse = n.interventionMatched > 0 ? n.effectiveComparison / n.interventionMatched : 1;
  if (outside > 0.1 || reuse < 0.25) {
    w.push({
      code: "POOR_OVERLAP",
      severity: "warning",
      message:
        `The cohorts overlap poorly: ${Math.round(outside * 100)}% of programme children have a score outside the range of the comparison children's, and the matched comparison rests on the equivalent of ${Math.round(n.effectiveComparison)} comparison children for ${n.interventionMatched} programme children. ` +
        `Where few comparison children resemble the programme children, matching cannot make the cohorts alike and the estimate depends heavily on those few.`,
      values: { outsideShare: outside, effectiveComparison: n.effectiveComparison, interventionMatched: n.interventionMatched },
    });
  }
  const failed = PLACEBO_MEASURES.filter((k) => {
    const ci = r.placebo.measures[k].ci95;
    return ci !== null && (ci[0] > 0 || ci[1] < 0);
  });
  if (failed.length > 0) {
    w.push({
      code: "PLACEBO_NONZERO",
      severity: "warning",
      message:
        `The placebo test found an "effect" before the programme started (${failed.map((k) => `${k} days ${r.placebo.measures[k].estimate!.toFixed(1)} per child`).join(", ")}; the 95% interval excludes zero). ` +
        `The matched children were on different paths already, so the matched estimate may also reflect that rather than the programme.`,
      values: Object.fromEntries(failed.map((k) => [k, r.placebo.measures[k].estimate!])),
    });
  }
  if (!r.model.converged) {
    w.push({ code: "MATCHING_NOT_CONVERGED", severity: "info", message: `The score model did not settle within ${r.model.iterations} steps; the matches may be slightly different from a fully converged fit.`, values: { iterations: r.model.iterations } });
  }
  return w;
}
