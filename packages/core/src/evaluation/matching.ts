/**
 * Nearest-neighbour matching on the logit of the propensity score, with
 * replacement, and the diagnostics that show whether it worked: balance per
 * covariate (standardised mean differences before and after, variance
 * ratios) and the overlap of the scores. Pure functions on typed arrays.
 *
 * Matching rules (docs/evaluation.md):
 * - every intervention child is matched to its `ratio` nearest comparison
 *   children by |logit difference| (with replacement: a comparison child may
 *   serve several intervention children), only within `caliperWidth`
 *   (an intervention child with none that near is left unmatched), and only
 *   within its exact stratum when strata are given;
 * - ties are broken by a seeded priority of the child id (then the row), so
 *   the same records and seed always give the same matches whatever their
 *   order;
 * - weights: a matched intervention child weighs 1; each of its j matched
 *   comparison children receives 1/j from it.
 */

export interface MatchInput {
  /** Logit of the score per child. */
  logit: Float64Array;
  /** 0 = intervention, 1 = comparison. */
  cohort: Uint8Array;
  ratio: number;
  /** Largest allowed |logit difference| (Infinity: no caliper). */
  caliperWidth: number;
  /** Tie-break priority per child (smaller first); see seededPriorities. */
  priority: Uint32Array;
  /** Exact-matching stratum per child, or undefined. */
  stratum?: ArrayLike<number> | undefined;
  /** Multiplicity per child (bootstrap resamples); undefined = 1 each. */
  count?: Uint32Array | undefined;
}

export interface MatchOutput {
  /** Per child: intervention children's weight (multiplicity if matched, 0 if not); comparison children's summed 1/j shares. */
  weight: Float64Array;
  /** Intervention children (counting multiplicity) matched / left unmatched. */
  matched: number;
  unmatched: number;
  /** Distinct comparison children used. */
  comparisonUsed: number;
}

/** A per-child tie-break priority from the child id and the seed (FNV-1a, then a murmur3 finaliser). */
export function seededPriorities(ids: readonly string[], seed: number): Uint32Array {
  const out = new Uint32Array(ids.length);
  for (let c = 0; c < ids.length; c++) {
    const id = ids[c]!;
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[c] = h >>> 0;
  }
  return out;
}

export function matchNearest(input: MatchInput): MatchOutput {
  const { logit, cohort, ratio, caliperWidth, priority, stratum, count } = input;
  const n = cohort.length;
  const times = (i: number) => (count ? count[i]! : 1);
  // Comparison children sorted by (stratum, logit, priority, row).
  let m = 0;
  for (let i = 0; i < n; i++) if (cohort[i] === 1 && times(i) > 0) m++;
  const order = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (cohort[i] === 1 && times(i) > 0) order[k++] = i;
  const st = (i: number) => (stratum ? stratum[i]! : 0);
  order.sort((a, b) => st(a) - st(b) || logit[a]! - logit[b]! || priority[a]! - priority[b]! || a - b);
  const key = new Float64Array(m);
  for (let k = 0; k < m; k++) key[k] = logit[order[k]!]!;

  const weight = new Float64Array(n);
  const picked = new Int32Array(ratio);
  const slots = new Int32Array(ratio);
  let matched = 0;
  let unmatched = 0;
  for (let t = 0; t < n; t++) {
    if (cohort[t] !== 0) continue;
    const mt = times(t);
    if (mt === 0) continue;
    // The stratum's range in the sorted comparison children.
    let lo = 0;
    let hi = m;
    if (stratum) {
      const s = st(t);
      lo = lowerBound(order, 0, m, (i) => st(i) < s);
      hi = lowerBound(order, lo, m, (i) => st(i) <= s);
    }
    const eta = logit[t]!;
    let right = lo;
    let rHi = hi;
    while (right < rHi) {
      const mid = (right + rHi) >>> 1;
      if (key[mid]! < eta) right = mid + 1;
      else rHi = mid;
    }
    let left = right - 1;
    // In a run of equal scores to the left, the lowest priority sits at the run's start.
    let leftRunStart = runStart(key, left, lo);
    let leftNext = leftRunStart;
    let filled = 0;
    let chosen = 0;
    while (filled < ratio) {
      const useLeft = left >= lo && leftNext <= left;
      const dl = useLeft ? eta - key[leftNext]! : Number.POSITIVE_INFINITY;
      const dr = right < hi ? key[right]! - eta : Number.POSITIVE_INFINITY;
      let take: number;
      if (dl < dr || (dl === dr && useLeft && priority[order[leftNext]!]! < priority[order[right]!]!)) {
        if (dl > caliperWidth) break;
        take = leftNext++;
        if (leftNext > left) {
          // The run is used up: move to the run before it.
          left = leftRunStart - 1;
          leftRunStart = runStart(key, left, lo);
          leftNext = leftRunStart;
        }
      } else {
        if (right >= hi || dr > caliperWidth) break;
        take = right++;
      }
      const c = order[take]!;
      const use = Math.min(times(c), ratio - filled);
      picked[chosen] = c;
      slots[chosen] = use;
      chosen++;
      filled += use;
    }
    if (filled === 0) {
      unmatched += mt;
      continue;
    }
    matched += mt;
    weight[t] = mt;
    for (let k = 0; k < chosen; k++) weight[picked[k]!]! += (mt * slots[k]!) / filled;
  }
  let comparisonUsed = 0;
  for (let i = 0; i < n; i++) if (cohort[i] === 1 && weight[i]! > 0) comparisonUsed++;
  return { weight, matched, unmatched, comparisonUsed };
}

function runStart(key: Float64Array, at: number, lo: number): number {
  if (at < lo) return at;
  let s = at;
  while (s > lo && key[s - 1] === key[at]) s--;
  return s;
}

function lowerBound(order: Int32Array, from: number, to: number, before: (i: number) => boolean): number {
  let a = from;
  let b = to;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (before(order[mid]!)) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** Weighted mean and variance (reliability weights: Σw(x−m)² / (V₁ − V₂/V₁); equals the n−1 variance for equal weights). */
export function weightedMoments(x: ArrayLike<number>, w: ArrayLike<number> | null, include: (i: number) => boolean): { mean: number; variance: number; sumW: number; sumW2: number } {
  let sw = 0;
  let sw2 = 0;
  let sx = 0;
  for (let i = 0; i < x.length; i++) {
    if (!include(i)) continue;
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    sw += wi;
    sw2 += wi * wi;
    sx += wi * x[i]!;
  }
  const mean = sw > 0 ? sx / sw : Number.NaN;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    if (!include(i)) continue;
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue;
    ss += wi * (x[i]! - mean) ** 2;
  }
  const denom = sw - sw2 / sw;
  return { mean, variance: denom > 0 ? ss / denom : 0, sumW: sw, sumW2: sw2 };
}

export const BALANCE_THRESHOLD = 0.1;

export interface BalanceRow {
  covariate: string;
  smdBefore: number | null;
  smdAfter: number | null;
  varianceRatioAfter: number | null;
  /** |smdAfter| above BALANCE_THRESHOLD. */
  imbalanced: boolean;
}

/**
 * Balance of one covariate. SMD = (mean_int − mean_comp) / √((var_int + var_comp)/2), with the
 * variances of the whole cohorts before matching as the yardstick both before and after (so the
 * two are comparable); after matching the means and variances are weighted by the matching weights.
 */
export function balanceOf(covariate: string, x: ArrayLike<number> | undefined, cohort: Uint8Array, weight: Float64Array): BalanceRow {
  if (!x) return { covariate, smdBefore: null, smdAfter: null, varianceRatioAfter: null, imbalanced: false };
  const ti = (i: number) => cohort[i] === 0;
  const ci = (i: number) => cohort[i] === 1;
  const bt = weightedMoments(x, null, ti);
  const bc = weightedMoments(x, null, ci);
  const pooled = Math.sqrt((bt.variance + bc.variance) / 2);
  const smd = (a: number, b: number) => (pooled > 0 ? (a - b) / pooled : a === b ? 0 : null);
  const at = weightedMoments(x, weight, ti);
  const ac = weightedMoments(x, weight, ci);
  const smdAfter = at.sumW > 0 && ac.sumW > 0 ? smd(at.mean, ac.mean) : null;
  const varianceRatioAfter = ac.variance > 0 ? at.variance / ac.variance : at.variance === 0 && ac.sumW > 0 ? 1 : null;
  return { covariate, smdBefore: smd(bt.mean, bc.mean), smdAfter, varianceRatioAfter, imbalanced: smdAfter === null ? false : Math.abs(smdAfter) > BALANCE_THRESHOLD };
}

export interface Overlap {
  /** Lower edge of each bin of the score (probability). */
  bins: number[];
  /** Share of each cohort whose score falls in the bin. */
  intervention: number[];
  comparison: number[];
}

export function scoreOverlap(logit: Float64Array, cohort: Uint8Array, binCount = 20): Overlap {
  const counts = [new Array<number>(binCount).fill(0), new Array<number>(binCount).fill(0)];
  const n = [0, 0];
  for (let i = 0; i < logit.length; i++) {
    const score = 1 / (1 + Math.exp(-logit[i]!));
    const bin = Math.min(binCount - 1, Math.floor(score * binCount));
    const k = cohort[i]!;
    counts[k]![bin]! += 1;
    n[k]! += 1;
  }
  return {
    bins: Array.from({ length: binCount }, (_, b) => b / binCount),
    intervention: counts[0]!.map((v) => (n[0]! > 0 ? v / n[0]! : 0)),
    comparison: counts[1]!.map((v) => (n[1]! > 0 ? v / n[1]! : 0)),
  };
}
