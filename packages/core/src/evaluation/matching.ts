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

/**
 * Matches each intervention child to its `ratio` nearest comparison children on the logit of the score (with
 * replacement, within the caliper and stratum), returning each child's matching weight.
 */
export function matchNearest(input: MatchInput): MatchOutput {
  const { logit, cohort, ratio, caliperWidth, priority, stratum, count } = input;
  const n = cohort.length;
  const times = (i: number) => (count ? count[i]! : 1);
  // Comparison children sorted by (stratum, logit, priority, row).
  let m = 0;
  for (let i = 0; i < n; i++) if (cohort[i] === 1 && times(i) > 0) m++;
  const unsorted = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (cohort[i] === 1 && times(i) > 0) unsorted[k++] = i;
  const order = sortByScore(unsorted, logit, priority, stratum);
  const st = (i: number) => (stratum ? stratum[i]! : 0);
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

/**
 * The children of `rows` (ascending) sorted by (stratum, logit, priority, row): a stable LSD radix
 * sort on 16-bit digits of the logit's bits (made sortable as an unsigned number) and of the
 * stratum (0 to 65,535), the keys travelling with the rows so that every pass reads in order; then
 * each run of equal (stratum, logit) is put in (priority, row) order. Linear in the rows: a million
 * comparison children sort in tens of milliseconds, where a comparison sort takes about a second.
 */
export function sortByScore(rows: Int32Array, logit: Float64Array, priority: Uint32Array, stratum?: ArrayLike<number>, radixFrom = 20_000): Int32Array {
  const m = rows.length;
  if (m < radixFrom) {
    // Few rows (a bootstrap replicate of a small cohort): a comparison sort costs less than the radix passes' buckets.
    const out = Int32Array.from(rows);
    if (stratum) out.sort((a, b) => stratum[a]! - stratum[b]! || logit[a]! - logit[b]! || priority[a]! - priority[b]! || a - b);
    else out.sort((a, b) => logit[a]! - logit[b]! || priority[a]! - priority[b]! || a - b);
    return out;
  }
  let hi = new Uint32Array(m);
  let lo = new Uint32Array(m);
  let st = new Uint32Array(m);
  let row = Int32Array.from(rows);
  const buf = new Float64Array(1);
  const bits = new Uint32Array(buf.buffer);
  const H = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  const L = 1 - H;
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    buf[0] = logit[i]! + 0; // −0 → +0
    let h = bits[H]!;
    let l = bits[L]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[k] = h;
    lo[k] = l;
    st[k] = stratum ? stratum[i]! & 0xffff : 0;
  }
  let hi2 = new Uint32Array(m);
  let lo2 = new Uint32Array(m);
  let st2 = new Uint32Array(m);
  let row2 = new Int32Array(m);
  const count = new Uint32Array(65537);
  for (const [which, shift] of [
    [0, 0],
    [0, 16],
    [1, 0],
    [1, 16],
    [2, 0],
  ] as const) {
    const key = which === 0 ? lo : which === 1 ? hi : st;
    count.fill(0);
    for (let k = 0; k < m; k++) count[((key[k]! >>> shift) & 0xffff) + 1]! += 1;
    let same = false;
    for (let d = 1; d <= 65536; d++) {
      if (count[d] === m) same = true;
      count[d]! += count[d - 1]!;
    }
    if (same) continue; // every key has the same digit: nothing to move
    for (let k = 0; k < m; k++) {
      const to = count[(key[k]! >>> shift) & 0xffff]!++;
      hi2[to] = hi[k]!;
      lo2[to] = lo[k]!;
      st2[to] = st[k]!;
      row2[to] = row[k]!;
    }
    [hi, hi2, lo, lo2, st, st2, row, row2] = [hi2, hi, lo2, lo, st2, st, row2, row];
  }
  // Runs of equal (stratum, logit): by priority, then row.
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && hi[b] === hi[a] && lo[b] === lo[a] && st[b] === st[a]) b++;
    if (b - a > 1) row.subarray(a, b).sort((x, y) => priority[x]! - priority[y]! || x - y);
    a = b;
  }
  return row;
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

/**
 * Weighted mean and variance of the children in one cohort (all children when `cohort` is null),
 * with reliability weights: Σw(x−m)² / (V₁ − V₂/V₁), which is the n−1 variance for equal weights.
 */
export function weightedMoments(
  x: ArrayLike<number>,
  w: ArrayLike<number> | null,
  cohort: Uint8Array | null,
  group: number,
  /** Only these rows (e.g. those with a weight), when given. */
  rows?: Int32Array,
): { mean: number; variance: number; sumW: number; sumW2: number } {
  let sw = 0;
  let sw2 = 0;
  let sx = 0;
  const n = rows ? rows.length : x.length;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    if (cohort !== null && cohort[i] !== group) continue;
    const wi = w === null ? 1 : w[i]!;
    if (wi === 0) continue;
    sw += wi;
    sw2 += wi * wi;
    sx += wi * x[i]!;
  }
  const mean = sw > 0 ? sx / sw : Number.NaN;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    if (cohort !== null && cohort[i] !== group) continue;
    const wi = w === null ? 1 : w[i]!;
    if (wi === 0) continue;
    const d = x[i]! - mean;
    ss += wi * d * d;
  }
  const denom = sw - sw2 / sw;
  return { mean, variance: denom > 0 ? ss / denom : 0, sumW: sw, sumW2: sw2 };
}

/** Unweighted mean and (n−1) variance of each cohort in one pass (sums shifted by the first value, for accuracy). */
export function cohortMoments(x: ArrayLike<number>, cohort: Uint8Array): [{ mean: number; variance: number }, { mean: number; variance: number }] {
  const shift = x.length > 0 ? x[0]! : 0;
  const s1 = [0, 0];
  const s2 = [0, 0];
  const count = [0, 0];
  for (let i = 0; i < x.length; i++) {
    const g = cohort[i]!;
    const d = x[i]! - shift;
    s1[g]! += d;
    s2[g]! += d * d;
    count[g]! += 1;
  }
  const of = (g: number) => {
    const c = count[g]!;
    const mean = c > 0 ? shift + s1[g]! / c : Number.NaN;
    const variance = c > 1 ? Math.max(0, (s2[g]! - (s1[g]! * s1[g]!) / c) / (c - 1)) : 0;
    return { mean, variance };
  };
  return [of(0), of(1)];
}

/** The rows with a non-zero weight (the matched sample), ascending. */
export function supportOf(weight: Float64Array): Int32Array {
  let k = 0;
  for (let i = 0; i < weight.length; i++) if (weight[i] !== 0) k++;
  const rows = new Int32Array(k);
  for (let i = 0, j = 0; i < weight.length; i++) if (weight[i] !== 0) rows[j++] = i;
  return rows;
}

export const BALANCE_THRESHOLD = 0.1;

/**
 * Balance of one covariate: standardised mean difference before and after matching, the variance ratio after,
 * and whether it is still imbalanced.
 */
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
export function balanceOf(covariate: string, x: ArrayLike<number> | undefined, cohort: Uint8Array, weight: Float64Array, support?: Int32Array): BalanceRow {
  if (!x) return { covariate, smdBefore: null, smdAfter: null, varianceRatioAfter: null, imbalanced: false };
  const [bt, bc] = cohortMoments(x, cohort);
  const pooled = Math.sqrt((bt.variance + bc.variance) / 2);
  const smd = (a: number, b: number) => (pooled > 0 ? (a - b) / pooled : a === b ? 0 : null);
  const at = weightedMoments(x, weight, cohort, 0, support);
  const ac = weightedMoments(x, weight, cohort, 1, support);
  const smdAfter = at.sumW > 0 && ac.sumW > 0 ? smd(at.mean, ac.mean) : null;
  const varianceRatioAfter = ac.variance > 0 ? at.variance / ac.variance : at.variance === 0 && ac.sumW > 0 ? 1 : null;
  return { covariate, smdBefore: smd(bt.mean, bc.mean), smdAfter, varianceRatioAfter, imbalanced: smdAfter === null ? false : Math.abs(smdAfter) > BALANCE_THRESHOLD };
}

/** The distribution of the propensity scores of each cohort over equal bins (see `scoreOverlap`). */
export interface Overlap {
  /** Lower edge of each bin of the score (probability). */
  bins: number[];
  /** Share of each cohort whose score falls in the bin. */
  intervention: number[];
  comparison: number[];
}

/**
 * How the propensity scores of the two cohorts overlap: the share of each cohort in each of `binCount` equal
 * bins of the score.
 */
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
