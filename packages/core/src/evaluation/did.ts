/**
 * Difference-in-differences: (mean change in the intervention cohort) −
 * (mean change in the comparison cohort), per status (days), for referrals
 * and for cost, with a 95% interval. A negative difference for days or cost
 * favours the intervention.
 *
 * The interval is a seeded percentile bootstrap (children resampled with
 * replacement within each cohort, all measures from the same resample) when
 * replicates × children fits the work budget; for larger data — where the
 * bootstrap distribution of a mean is normal to any precision that matters —
 * it is the normal interval estimate ± 1.96 × √(s²₁/n₁ + s²₂/n₂), and the
 * result says which method was used.
 */
import { createRandom } from "../random.js";

export const DID_MEASURES = ["CIN", "CP", "CLA", "referrals", "cost"] as const;
export type TDidMeasure = (typeof DID_MEASURES)[number];

/** Per-child change (after − before) of each measure. */
export type PerChildChanges = Record<TDidMeasure, Float64Array>;

/** Above this many resampled children (replicates × n), the normal interval is used instead. */
export const BOOTSTRAP_WORK_BUDGET = 50_000_000;

export interface DidEstimate {
  /** Mean change per child, intervention cohort. */
  interventionChange: number;
  /** Mean change per child, comparison cohort. */
  comparisonChange: number;
  /** interventionChange − comparisonChange. */
  estimate: number;
  /** Standard error of the estimate (Welch). */
  standardError: number;
  /** 95% interval; null when no replicates were asked for. */
  ci95: [number, number] | null;
}

export interface DidResult {
  method: "bootstrap" | "normal" | "none";
  replicates: number;
  seed: number;
  measures: Record<TDidMeasure, DidEstimate>;
}

/**
 * @param cohort 0 = intervention, 1 = comparison, per child.
 * @param replicates bootstrap replicates asked for (0 = no interval).
 */
export function differenceInDifferences(
  changes: PerChildChanges,
  cohort: Uint8Array,
  replicates: number,
  seed: number,
  budget = BOOTSTRAP_WORK_BUDGET,
): DidResult {
  const m = DID_MEASURES.length;
  const cols = DID_MEASURES.map((k) => changes[k]);
  const stats = meanAndVarianceByCohort(cols, cohort);
  const total = stats[0].n + stats[1].n;
  const canResample = stats[0].n > 0 && stats[1].n > 0;
  const method: DidResult["method"] = replicates === 0 || !canResample ? "none" : replicates * total <= budget ? "bootstrap" : "normal";

  let samples: Float64Array[] = [];
  if (method === "bootstrap") {
    const groups = splitByCohort(cohort);
    // Each cohort's columns packed child-major, so one child's measures sit together.
    const packed = groups.map((group) => {
      const data = new Float64Array(group.length * m);
      for (let i = 0; i < group.length; i++) for (let k = 0; k < m; k++) data[i * m + k] = cols[k]![group[i]!]!;
      return data;
    });
    samples = DID_MEASURES.map(() => new Float64Array(replicates));
    const random = createRandom(seed);
    const counts = groups.map((g) => new Uint32Array(g.length));
    const sums = new Float64Array(m * 2);
    for (let r = 0; r < replicates; r++) {
      sums.fill(0);
      for (let g = 0; g < 2; g++) {
        const size = groups[g]!.length;
        const count = counts[g]!;
        const data = packed[g]!;
        count.fill(0);
        // Draw which children are in the resample, then sum in one sequential pass.
        for (let i = 0; i < size; i++) count[Math.floor(random.next() * size)]! += 1;
        for (let i = 0; i < size; i++) {
          const times = count[i]!;
          if (times === 0) continue;
          const base = i * m;
          for (let k = 0; k < m; k++) sums[g * m + k]! += times * data[base + k]!;
        }
      }
      for (let k = 0; k < m; k++) samples[k]![r] = sums[k]! / groups[0].length - sums[m + k]! / groups[1].length;
    }
  }

  const measures = {} as Record<TDidMeasure, DidEstimate>;
  DID_MEASURES.forEach((key, k) => {
    const [si, sc] = stats as [Stats, Stats];
    const estimate = si.mean[k]! - sc.mean[k]!;
    const standardError = Math.sqrt(si.variance[k]! / Math.max(1, si.n) + sc.variance[k]! / Math.max(1, sc.n));
    let ci95: [number, number] | null = null;
    if (method === "bootstrap") {
      const sorted = samples[k]!.sort();
      ci95 = [quantile(sorted, 0.025), quantile(sorted, 0.975)];
    } else if (method === "normal") {
      ci95 = [estimate - 1.959964 * standardError, estimate + 1.959964 * standardError];
    }
    measures[key] = { interventionChange: si.mean[k]!, comparisonChange: sc.mean[k]!, estimate, standardError, ci95 };
  });
  return { method, replicates: method === "bootstrap" ? replicates : 0, seed, measures };
}

interface Stats {
  n: number;
  mean: number[];
  variance: number[];
}

/**
 * Mean and variance of each column over each cohort's children (0 = intervention, anything else =
 * comparison), each summed child by child in the children's order. All the columns of both cohorts are
 * summed in one pass and their squared deviations in a second: two loops for V8 to optimise, not four per column.
 */
function meanAndVarianceByCohort(cols: Float64Array[], cohort: Uint8Array): [Stats, Stats] {
  const m = cols.length;
  const sums = new Float64Array(2 * m);
  const counts = sumByCohort(cols, cohort, sums);
  const means = new Float64Array(2 * m);
  for (let g = 0; g < 2; g++) for (let k = 0; k < m; k++) means[g * m + k] = counts[g]! > 0 ? sums[g * m + k]! / counts[g]! : Number.NaN;
  const squares = squaredDeviationsByCohort(cols, cohort, means);
  const stats = (g: number): Stats => ({
    n: counts[g]!,
    mean: Array.from(means.subarray(g * m, g * m + m)),
    variance: Array.from(squares.subarray(g * m, g * m + m), (sq) => (counts[g]! > 1 ? sq / (counts[g]! - 1) : 0)),
  });
  return [stats(0), stats(1)];
}

/** Adds each column's values into sums[g * m + k] for cohort g; returns the children of each cohort. */
function sumByCohort(cols: Float64Array[], cohort: Uint8Array, sums: Float64Array): Float64Array {
  const m = cols.length;
  const counts = new Float64Array(2);
  for (let c = 0; c < cohort.length; c++) {
    const g = cohort[c] === 0 ? 0 : 1;
    counts[g]! += 1;
    for (let k = 0; k < m; k++) sums[g * m + k]! += cols[k]![c]!;
  }
  return counts;
}

function squaredDeviationsByCohort(cols: Float64Array[], cohort: Uint8Array, means: Float64Array): Float64Array {
  const m = cols.length;
  const squares = new Float64Array(2 * m);
  for (let c = 0; c < cohort.length; c++) {
    const g = cohort[c] === 0 ? 0 : 1;
    for (let k = 0; k < m; k++) {
      const d = cols[k]![c]! - means[g * m + k]!;
      squares[g * m + k]! += d * d;
    }
  }
  return squares;
}

function splitByCohort(cohort: Uint8Array): [Int32Array, Int32Array] {
  let n0 = 0;
  for (let i = 0; i < cohort.length; i++) if (cohort[i] === 0) n0++;
  const a = new Int32Array(n0);
  const b = new Int32Array(cohort.length - n0);
  let i0 = 0;
  let i1 = 0;
  for (let i = 0; i < cohort.length; i++) {
    if (cohort[i] === 0) a[i0++] = i;
    else b[i1++] = i;
  }
  return [a, b];
}

/** Linear-interpolation quantile (type 7) of sorted values. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
