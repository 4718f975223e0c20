/**
 * Difference-in-differences: (mean change in the intervention cohort) −
 * (mean change in the comparison cohort), per status (days), for referrals
 * and for cost, with a seeded percentile-bootstrap 95% interval (children
 * resampled with replacement within each cohort, all measures from the same
 * resample). A negative difference for days or cost favours the intervention.
 */
import { createRandom } from "../random.js";

export const DID_MEASURES = ["CIN", "CP", "CLA", "referrals", "cost"] as const;
export type TDidMeasure = (typeof DID_MEASURES)[number];

/** Per-child change (after − before) of each measure. */
export type PerChildChanges = Record<TDidMeasure, Float64Array>;

export interface DidEstimate {
  /** Mean change per child, intervention cohort. */
  interventionChange: number;
  /** Mean change per child, comparison cohort. */
  comparisonChange: number;
  /** interventionChange − comparisonChange. */
  estimate: number;
  /** Percentile bootstrap 95% interval; null when no replicates were run. */
  ci95: [number, number] | null;
}

export interface DidResult {
  replicates: number;
  seed: number;
  measures: Record<TDidMeasure, DidEstimate>;
}

/**
 * @param cohort 0 = intervention, 1 = comparison, per child.
 */
export function differenceInDifferences(changes: PerChildChanges, cohort: Uint8Array, replicates: number, seed: number): DidResult {
  const idx: [Int32Array, Int32Array] = splitByCohort(cohort);
  const m = DID_MEASURES.length;
  const cols = DID_MEASURES.map((k) => changes[k]);
  const means = (group: Int32Array): number[] => {
    const sums = new Array<number>(m).fill(0);
    for (let i = 0; i < group.length; i++) {
      const c = group[i]!;
      for (let k = 0; k < m; k++) sums[k]! += cols[k]![c]!;
    }
    return sums.map((s) => (group.length ? s / group.length : Number.NaN));
  };
  const mi = means(idx[0]);
  const mc = means(idx[1]);

  const samples: Float64Array[] = DID_MEASURES.map(() => new Float64Array(replicates));
  if (replicates > 0 && idx[0].length > 0 && idx[1].length > 0) {
    const random = createRandom(seed);
    // Copy each cohort's columns into contiguous arrays: resampling then touches memory in one place.
    const packed = idx.map((group) => {
      const data = new Float64Array(group.length * m);
      for (let i = 0; i < group.length; i++) for (let k = 0; k < m; k++) data[i * m + k] = cols[k]![group[i]!]!;
      return data;
    });
    const sums = new Float64Array(m);
    for (let r = 0; r < replicates; r++) {
      const rep = [0, 0].map((_, g) => {
        const size = idx[g]!.length;
        const data = packed[g]!;
        sums.fill(0);
        for (let i = 0; i < size; i++) {
          const base = Math.floor(random.next() * size) * m;
          for (let k = 0; k < m; k++) sums[k]! += data[base + k]!;
        }
        return Array.from(sums, (s) => s / size);
      });
      for (let k = 0; k < m; k++) samples[k]![r] = rep[0]![k]! - rep[1]![k]!;
    }
  }

  const measures = {} as Record<TDidMeasure, DidEstimate>;
  DID_MEASURES.forEach((key, k) => {
    const sorted = samples[k]!.sort();
    measures[key] = {
      interventionChange: mi[k]!,
      comparisonChange: mc[k]!,
      estimate: mi[k]! - mc[k]!,
      ci95: replicates > 0 && sorted.length > 0 ? [quantile(sorted, 0.025), quantile(sorted, 0.975)] : null,
    };
  });
  return { replicates, seed, measures };
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
