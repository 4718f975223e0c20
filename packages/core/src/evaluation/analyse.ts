/**
 * The outcome and cost-benefit analysis of a cohort against a comparison
 * cohort (report Appendix 2), from child-level records.
 *
 * For each child: a before window and an after window around the
 * intervention; the days of each status = the size of the union of the
 * child's episodes of that status intersected with the window (open episodes
 * run to `asAt`, exclusive; nothing after `asAt` is counted); referrals whose
 * date lies in the window; the highest status in each window. Then per
 * cohort: totals, children with each status, means per child, the transition
 * matrix, costs, the scaled comparison, saving and net cost, warnings, and a
 * difference-in-differences with a seeded bootstrap interval.
 */
import { z } from "zod";
import { addMonthsClamped, formatIsoDay, parseIsoDay, ZIsoDate, type DayNumber } from "../dates.js";
import { DomainError, parseOrThrow } from "../errors.js";
import { HIGHEST_STATUSES, type THighestStatus, type TStatus } from "../statuses.js";
import { costBenefit, describeTariffSet, plausibilityWarnings, type CbaResult, type TCohortAggregate } from "./cba.js";
import { subsetDataset, type Dataset } from "./dataset.js";
import { differenceInDifferences, type DidResult, type PerChildChanges } from "./did.js";
import { matchedComparison, ZMatchingOptions, type MatchingResult } from "./matched.js";
import { ProfileCounter, type CohortProfile } from "./profiles.js";
import { dailyTariffs, resolveTariffSet, ZTariffRates, ZTariffSet } from "./tariffs.js";
import {
  baselineImbalanceWarning,
  smallCohortWarnings,
  standardisedMeanDifference,
  type TWarning,
} from "./warnings.js";

export const ZAnalysisOptions = z
  .object({
    asAt: ZIsoDate,
    windowMonths: z.number().int().min(1).max(60).default(6),
    tariffs: z.union([z.string().min(1).max(64), ZTariffSet, ZTariffRates]).default("gmca-2019"),
    programmeCost: z.number().finite().nonnegative().max(1e12).optional(),
    bootstrap: z
      .object({ replicates: z.number().int().min(0).max(100_000).default(1000), seed: z.number().int().default(20200301) })
      .strict()
      .default({ replicates: 1000, seed: 20200301 }),
    /** A matched comparison as well (the `matching` object of the result); absent = none. */
    matching: ZMatchingOptions.optional(),
  })
  .strict();
export type TAnalysisOptions = z.input<typeof ZAnalysisOptions>;

export interface StatusCell {
  /** Children with at least one day of the status in the window. */
  children: number;
  /** Days of the status in the window, summed over children. */
  days: number;
  /** Days per child of the cohort (days / n). */
  meanDays: number;
}

export interface WindowResult {
  referrals: number;
  meanReferrals: number;
  CIN: StatusCell;
  CP: StatusCell;
  CLA: StatusCell;
  /** Children with no status in the window. */
  none: number;
  cost: number;
}

export type TransitionMatrix = Record<THighestStatus, Record<THighestStatus, number>>;

export interface CohortResult {
  n: number;
  before: WindowResult;
  after: WindowResult;
  costDifference: number;
  transitions: TransitionMatrix;
  escalations: number;
  deEscalations: number;
  unchanged: number;
  /** Children whose after window had not ended at `asAt`. */
  incompleteFollowUp: number;
  profile: CohortProfile;
}

export interface ComparisonResult extends CohortResult {
  scaleFactor: number;
  scaledCostBefore: number;
  scaledCostAfter: number;
  scaledCostDifference: number;
}

export interface AnalysisResult {
  asAt: string;
  windowMonths: number;
  tariffSet: CbaResult["tariffSet"];
  cohorts: { intervention: CohortResult; comparison: ComparisonResult };
  saving: number;
  programmeCost?: number;
  netCost?: number;
  differenceInDifferences: DidResult;
  warnings: TWarning[];
  /** Only when matching was asked for. */
  matching?: MatchingResult;
}

/** Per-child results of the window computation (exposed for tests and for saving runs). */
export interface ChildWindows {
  /** days[window * 3 + (status - 1)][child], window 0 = before, 1 = after. */
  days: Int32Array[];
  referralsBefore: Int32Array;
  referralsAfter: Int32Array;
  /** 0 = none, 1 = CIN, 2 = CP, 3 = CLA. */
  highestBefore: Uint8Array;
  highestAfter: Uint8Array;
  afterWindowEnd: Int32Array;
}

/**
 * Computes every child's days per status and referrals in its two windows.
 * Linear in children + episodes + referrals (episodes are grouped by child
 * with a counting sort).
 */
export function computeChildWindows(data: Dataset, asAt: DayNumber, months: number): ChildWindows {
  // Each loop is a function of its own: V8 optimises a hot loop while it runs (on-stack replacement), and code
  // after it in the same function, not yet run, would send the optimised code back to the interpreter.
  const { children, episodes, referrals } = data;
  const { bStart, aStart, aEnd } = windowBounds(children.start, children.end, months);
  const g = groupByChild(children.count, episodes);
  const days: Int32Array[] = Array.from({ length: 6 }, () => new Int32Array(children.count));
  const highest = [new Uint8Array(children.count), new Uint8Array(children.count)] as const;
  windowDays(g, [bStart, aStart], [children.start, aEnd], asAt, days, highest);
  const { before: referralsBefore, after: referralsAfter } = countReferrals(referrals, children.count, bStart, children.start, aStart, aEnd, asAt);
  return { days, referralsBefore, referralsAfter, highestBefore: highest[0], highestAfter: highest[1], afterWindowEnd: aEnd };
}

/** Each child's windows: before [start − M months, start) and after [end + 1, end + M months + 1) — `aEnd` is exclusive. */
export function windowBounds(cStart: Int32Array, cEnd: Int32Array, months: number): { bStart: Int32Array; aStart: Int32Array; aEnd: Int32Array } {
  const bStart = shiftMonths(cStart, -months);
  const aEnd = shiftMonths(cEnd, months);
  const aStart = new Int32Array(cEnd.length);
  for (let c = 0; c < cEnd.length; c++) {
    aStart[c] = cEnd[c]! + 1;
    aEnd[c] = aEnd[c]! + 1;
  }
  return { bStart, aStart, aEnd };
}

interface Grouped {
  /** Child c's episodes are [offsets[c], offsets[c + 1]). */
  offsets: Int32Array;
  status: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

/** Episodes grouped by child (a counting sort into CSR offsets), each child's next to each other in file order. */
function groupByChild(n: number, episodes: Dataset["episodes"]): Grouped {
  const offsets = new Int32Array(n + 1);
  const eChild = episodes.child;
  const count = episodes.count;
  countPerChild(eChild, count, offsets);
  for (let c = 0; c < n; c++) offsets[c + 1]! += offsets[c]!;
  const g: Grouped = { offsets, status: new Uint8Array(count), start: new Int32Array(count), end: new Int32Array(count) };
  scatter(episodes, offsets.slice(0, n), g);
  return g;
}

function countPerChild(eChild: Int32Array, count: number, offsets: Int32Array): void {
  for (let i = 0; i < count; i++) offsets[eChild[i]! + 1]! += 1;
}

function scatter(episodes: Dataset["episodes"], cursor: Int32Array, g: Grouped): void {
  const { child: eChild, status: eStatus, start: eStart, end: eEnd, count } = episodes;
  const { status: gStatus, start: gStart, end: gEnd } = g;
  for (let i = 0; i < count; i++) {
    const at = cursor[eChild[i]!]!++;
    gStatus[at] = eStatus[i]!;
    gStart[at] = eStart[i]!;
    gEnd[at] = eEnd[i]!;
  }
}

/** Each child's days of each status in its two windows [wStart, wEnd) (cut at asAt), and its highest status there. */
function windowDays(g: Grouped, wStarts: readonly [Int32Array, Int32Array], wEnds: readonly [Int32Array, Int32Array], asAt: number, days: Int32Array[], highest: readonly [Uint8Array, Uint8Array]): void {
  const { offsets, status: gStatus, start: gStart, end: gEnd } = g;
  const n = offsets.length - 1;
  // One window's clipped episodes, kept sorted by (status, start).
  let scratchT = new Uint8Array(16);
  let scratchS = new Int32Array(16);
  let scratchE = new Int32Array(16);

  for (let c = 0; c < n; c++) {
    const from = offsets[c]!;
    const to = offsets[c + 1]!;
    if (from === to) continue;
    if (to - from > scratchS.length) {
      scratchT = new Uint8Array((to - from) * 2);
      scratchS = new Int32Array((to - from) * 2);
      scratchE = new Int32Array((to - from) * 2);
    }
    for (let w = 0; w < 2; w++) {
      const wS = wStarts[w]![c]!;
      const wE0 = wEnds[w]![c]!;
      const wE = wE0 < asAt ? wE0 : asAt;
      if (wE <= wS) continue;
      let k = 0;
      for (let j = from; j < to; j++) {
        const s = gStart[j]! > wS ? gStart[j]! : wS;
        const en = gEnd[j]! < wE ? gEnd[j]! : wE;
        if (en <= s) continue;
        const st = gStatus[j]!;
        // Insertion sort by status, then start.
        let p = k++;
        while (p > 0 && (scratchT[p - 1]! > st || (scratchT[p - 1] === st && scratchS[p - 1]! > s))) {
          scratchT[p] = scratchT[p - 1]!;
          scratchS[p] = scratchS[p - 1]!;
          scratchE[p] = scratchE[p - 1]!;
          p--;
        }
        scratchT[p] = st;
        scratchS[p] = s;
        scratchE[p] = en;
      }
      if (k === 0) continue;
      // The union of each status's intervals: each counts only what lies beyond the running end.
      let q = 0;
      while (q < k) {
        const st = scratchT[q]!;
        let total = 0;
        let cs = scratchS[q]!;
        let ce = scratchE[q]!;
        for (q++; q < k && scratchT[q] === st; q++) {
          const s = scratchS[q]!;
          const en = scratchE[q]!;
          if (s > ce) {
            total += ce - cs;
            cs = s;
            ce = en;
          } else if (en > ce) ce = en;
        }
        days[w * 3 + st - 1]![c] = total + (ce - cs);
      }
      highest[w]![c] = scratchT[k - 1]!;
    }
  }
}

/** Referrals in each child's before window [bStart, cStart) and after window [aStart, aEnd), before asAt. */
function countReferrals(referrals: Dataset["referrals"], n: number, bStart: Int32Array, cStart: Int32Array, aStart: Int32Array, aEnd: Int32Array, asAt: number): { before: Int32Array; after: Int32Array } {
  const before = new Int32Array(n);
  const after = new Int32Array(n);
  const rChild = referrals.child;
  const rDate = referrals.date;
  const count = referrals.count;
  for (let i = 0; i < count; i++) {
    const c = rChild[i]!;
    const d = rDate[i]!;
    if (d >= asAt) continue;
    if (d >= bStart[c]! && d < cStart[c]!) before[c]! += 1;
    else if (d >= aStart[c]! && d < aEnd[c]!) after[c]! += 1;
  }
  return { before, after };
}

/**
 * addMonthsClamped of every day in `days`: the dates of a dataset span a few years, so each distinct day's
 * answer is computed once, in a table over the days' range (directly when the range is very wide).
 */
export function shiftMonths(days: Int32Array, months: number): Int32Array {
  const n = days.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  let lo = days[0]!;
  let hi = lo;
  for (let i = 1; i < n; i++) {
    const d = days[i]!;
    if (d < lo) lo = d;
    else if (d > hi) hi = d;
  }
  if (hi - lo > Math.max(4 * n, 1 << 16)) {
    for (let i = 0; i < n; i++) out[i] = addMonthsClamped(days[i]!, months);
    return out;
  }
  const table = new Int32Array(hi - lo + 1);
  const known = new Uint8Array(hi - lo + 1);
  for (let i = 0; i < n; i++) {
    const at = days[i]! - lo;
    if (known[at] === 0) {
      known[at] = 1;
      table[at] = addMonthsClamped(days[i]!, months);
    }
    out[i] = table[at]!;
  }
  return out;
}

function emptyMatrix(): TransitionMatrix {
  const row = () => ({ none: 0, CIN: 0, CP: 0, CLA: 0 });
  return { none: row(), CIN: row(), CP: row(), CLA: row() };
}

interface Accumulator {
  n: number;
  referrals: [number, number];
  children: number[]; // [w*3 + st-1]
  days: number[];
  matrix: number[]; // 4 x 4
  incomplete: number;
  profile: ProfileCounter;
}

function newAccumulator(): Accumulator {
  return { n: 0, referrals: [0, 0], children: [0, 0, 0, 0, 0, 0], days: [0, 0, 0, 0, 0, 0], matrix: new Array<number>(16).fill(0), incomplete: 0, profile: new ProfileCounter() };
}

/**
 * One pass over the children: adds every child to its cohort's accumulator (counts in typed arrays, then
 * copied into `acc`), works out its changes (after − before) for the difference-in-differences, and sums
 * the baseline moments (see `baselineWarnings`). One loop, not three: V8 optimises each loop while it runs,
 * and at 100,000 children much of a loop's time is spent before that.
 */
function accumulate(data: Dataset, windows: ChildWindows, asAt: DayNumber, acc: Accumulator[], tariffs: ReturnType<typeof resolveTariffSet>): { changes: PerChildChanges; moments: Float64Array } {
  const { children } = data;
  const n = children.count;
  const cohort = children.cohort;
  // Per cohort g: [g * 32 + …] 0 n, 1–2 referrals, 3–8 children, 9–14 days, 15 incomplete, 16–31 matrix.
  const t = new Float64Array(64);
  const [b0, b1, b2, a0, a1, a2] = windows.days as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const { referralsBefore, referralsAfter, highestBefore, highestAfter, afterWindowEnd } = windows;
  const profiles = [acc[0]!.profile, acc[1]!.profile];
  const { birth, start, ethnicity, siblingGroupSize } = children;
  const changes = newChanges(n);
  const rates = changeRates(tariffs);
  const moments = new Float64Array(BASELINE_MEASURES.length * 4);
  for (let c = 0; c < n; c++) {
    childChanges(c, b0, b1, b2, a0, a1, a2, referralsBefore, referralsAfter, rates, changes);
    const k = cohort[c]!;
    moment(moments, 0, k, b0[c]!);
    moment(moments, 1, k, b1[c]!);
    moment(moments, 2, k, b2[c]!);
    moment(moments, 3, k, referralsBefore[c]!);
    const g = k * 32;
    t[g]! += 1;
    t[g + 1]! += referralsBefore[c]!;
    t[g + 2]! += referralsAfter[c]!;
    let d = b0[c]!;
    if (d > 0) (t[g + 3]! += 1), (t[g + 9]! += d);
    d = b1[c]!;
    if (d > 0) (t[g + 4]! += 1), (t[g + 10]! += d);
    d = b2[c]!;
    if (d > 0) (t[g + 5]! += 1), (t[g + 11]! += d);
    d = a0[c]!;
    if (d > 0) (t[g + 6]! += 1), (t[g + 12]! += d);
    d = a1[c]!;
    if (d > 0) (t[g + 7]! += 1), (t[g + 13]! += d);
    d = a2[c]!;
    if (d > 0) (t[g + 8]! += 1), (t[g + 14]! += d);
    if (afterWindowEnd[c]! > asAt) t[g + 15]! += 1;
    t[g + 16 + highestBefore[c]! * 4 + highestAfter[c]!]! += 1;
    profiles[cohort[c]!]!.add(birth[c]!, start[c]!, ethnicity[c], siblingGroupSize[c]!);
  }
  for (let k = 0; k < 2; k++) {
    const a = acc[k]!;
    const g = k * 32;
    a.n = t[g]!;
    a.referrals = [t[g + 1]!, t[g + 2]!];
    for (let j = 0; j < 6; j++) {
      a.children[j] = t[g + 3 + j]!;
      a.days[j] = t[g + 9 + j]!;
    }
    a.incomplete = t[g + 15]!;
    for (let j = 0; j < 16; j++) a.matrix[j] = t[g + 16 + j]!;
  }
  return { changes, moments };
}

/** Baseline measure j of cohort k: [j * 4 + k] sum, [j * 4 + 2 + k] sum of squares. */
function moment(moments: Float64Array, j: number, k: number, v: number): void {
  moments[j * 4 + k]! += v;
  moments[j * 4 + 2 + k]! += v * v;
}

/** Runs the whole analysis. Throws DomainError on invalid options or an empty cohort. */
export function analyse(data: Dataset, options: TAnalysisOptions): AnalysisResult {
  const opts = parseOrThrow(ZAnalysisOptions, options, "analysis options");
  const asAt = parseIsoDay(opts.asAt)!;
  const months = opts.windowMonths;
  const tariffSet = resolveTariffSet(opts.tariffs);
  const windows = computeChildWindows(data, asAt, months);
  const { children } = data;

  const acc = [newAccumulator(), newAccumulator()];
  const { changes, moments } = accumulate(data, windows, asAt, acc, tariffSet);
  const [intAcc, compAcc] = acc as [Accumulator, Accumulator];
  for (const [name, a] of [
    ["intervention", intAcc],
    ["comparison", compAcc],
  ] as const) {
    if (a.n === 0) {
      throw new DomainError("INVALID_INPUT", `the ${name} cohort has no children`, [{ path: ["children", "cohort"], message: `no child has cohort "${name}"` }]);
    }
  }

  const aggregate = (a: Accumulator): TCohortAggregate => {
    const win = (w: 0 | 1) => ({
      referrals: a.referrals[w],
      days: { CIN: a.days[w * 3]!, CP: a.days[w * 3 + 1]!, CLA: a.days[w * 3 + 2]! },
      children: { CIN: a.children[w * 3]!, CP: a.children[w * 3 + 1]!, CLA: a.children[w * 3 + 2]! },
    });
    return { n: a.n, before: win(0), after: win(1) };
  };
  const intAgg = aggregate(intAcc);
  const compAgg = aggregate(compAcc);
  const cba = costBenefit(tariffSet, intAgg, compAgg, opts.programmeCost);

  const cohortResult = (a: Accumulator, costs: { before: { cost: number }; after: { cost: number }; costDifference: number }): CohortResult => {
    const win = (w: 0 | 1, cost: number): WindowResult => {
      const cell = (st: number): StatusCell => ({ children: a.children[w * 3 + st]!, days: a.days[w * 3 + st]!, meanDays: a.days[w * 3 + st]! / a.n });
      // Row 0 of the matrix is "none before"; column 0 is "none after".
      let none = 0;
      for (let k = 0; k < 4; k++) none += w === 0 ? a.matrix[k]! : a.matrix[k * 4]!;
      return { referrals: a.referrals[w], meanReferrals: a.referrals[w] / a.n, CIN: cell(0), CP: cell(1), CLA: cell(2), none, cost };
    };
    const transitions = emptyMatrix();
    let escalations = 0;
    let deEscalations = 0;
    let unchanged = 0;
    for (let b = 0; b < 4; b++) {
      for (let f = 0; f < 4; f++) {
        const count = a.matrix[b * 4 + f]!;
        transitions[HIGHEST_STATUSES[b]!][HIGHEST_STATUSES[f]!] = count;
        if (f > b) escalations += count;
        else if (f < b) deEscalations += count;
        else unchanged += count;
      }
    }
    return {
      n: a.n,
      before: win(0, costs.before.cost),
      after: win(1, costs.after.cost),
      costDifference: costs.costDifference,
      transitions,
      escalations,
      deEscalations,
      unchanged,
      incompleteFollowUp: a.incomplete,
      profile: a.profile.finish(),
    };
  };

  const intervention = cohortResult(intAcc, cba.cohorts.intervention);
  const compCosts = cba.cohorts.comparison;
  const comparison: ComparisonResult = {
    ...cohortResult(compAcc, compCosts),
    scaleFactor: compCosts.scaleFactor,
    scaledCostBefore: compCosts.scaledCostBefore,
    scaledCostAfter: compCosts.scaledCostAfter,
    scaledCostDifference: compCosts.scaledCostDifference,
  };

  const did = differenceInDifferences(changes, data.children.cohort, opts.bootstrap.replicates, opts.bootstrap.seed);

  const warnings: TWarning[] = [];
  warnings.push(...plausibilityWarnings(intAgg, compAgg, windowLengthUpperBound(months)));
  warnings.push(...baselineWarnings(moments, [intAcc.n, compAcc.n]));
  for (const [name, a] of [
    ["intervention", intAcc],
    ["comparison", compAcc],
  ] as const) {
    if (a.incomplete > 0) {
      warnings.push({
        code: "INCOMPLETE_FOLLOW_UP",
        severity: "warning",
        message: `${a.incomplete} of ${a.n} children in the ${name} cohort had not reached the end of their ${months}-month after window on ${formatIsoDay(asAt)}; their after figures are incomplete and will rise as time passes.`,
        cohort: name,
        window: "after",
        values: { children: a.incomplete, n: a.n },
      });
    }
  }
  warnings.push(...smallCohortWarnings({ intervention: intAcc.n, comparison: compAcc.n }));

  const matching = opts.matching
    ? matchedComparison({
        data,
        baseline: { days: windows.days.slice(0, 3), referralsBefore: windows.referralsBefore, highestBefore: windows.highestBefore },
        changes,
        placeboChanges: (rows) => {
          if (!rows) return perChildChanges(data, computeChildWindows(movedBack(data, months), asAt, months), tariffSet);
          const sub = subsetDataset(data, rows);
          const part = perChildChanges(sub, computeChildWindows(movedBack(sub, months), asAt, months), tariffSet);
          const full = {} as PerChildChanges;
          for (const k of Object.keys(part) as (keyof PerChildChanges)[]) {
            full[k] = new Float64Array(data.children.count);
            rows.forEach((c, j) => (full[k][c] = part[k][j]!));
          }
          return full;
        },
        options: opts.matching,
        replicates: opts.bootstrap.replicates,
        seed: opts.bootstrap.seed,
        programmeCost: cba.programmeCost,
      })
    : undefined;

  return {
    asAt: formatIsoDay(asAt),
    windowMonths: months,
    tariffSet: describeTariffSet(tariffSet),
    cohorts: { intervention, comparison },
    saving: cba.saving,
    ...(cba.programmeCost === undefined ? {} : { programmeCost: cba.programmeCost, netCost: cba.netCost! }),
    differenceInDifferences: did,
    warnings,
    ...(matching ? { matching } : {}),
  };
}

/**
 * The placebo's dataset: every child's start moved back one window length, its after window
 * starting there (end = new start − 1), so before = the window before the real before window
 * and after = the real before window.
 */
function movedBack(data: Dataset, months: number): Dataset {
  const start = shiftMonths(data.children.start, -months);
  const end = start.map((day) => day - 1);
  return { ...data, children: { ...data.children, start, end } };
}

/** The longest a window of `months` calendar months can be, in days. */
export function windowLengthUpperBound(months: number): number {
  // 31-day months first: e.g. 6 months from 1 July = 184 days; a 12-month window spanning a leap day = 366.
  const full = Math.floor(months / 12) * 366;
  const rest = months % 12;
  const pattern = [31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 29];
  let days = full;
  for (let i = 0; i < rest; i++) days += pattern[i]!;
  return days;
}

function perChildChanges(data: Dataset, w: ChildWindows, tariffs: ReturnType<typeof resolveTariffSet>): PerChildChanges {
  const n = data.children.count;
  const out = newChanges(n);
  const rates = changeRates(tariffs);
  const [bCIN, bCP, bCLA, aCIN, aCP, aCLA] = w.days as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  for (let c = 0; c < n; c++) childChanges(c, bCIN, bCP, bCLA, aCIN, aCP, aCLA, w.referralsBefore, w.referralsAfter, rates, out);
  return out;
}

function newChanges(n: number): PerChildChanges {
  return { CIN: new Float64Array(n), CP: new Float64Array(n), CLA: new Float64Array(n), referrals: new Float64Array(n), cost: new Float64Array(n) };
}

/** Cost per referral and per day of CIN, CP and CLA. */
function changeRates(tariffs: ReturnType<typeof resolveTariffSet>): Float64Array {
  const daily = dailyTariffs(tariffs);
  return Float64Array.of(daily.referral, daily.perDay.CIN, daily.perDay.CP, daily.perDay.CLA);
}

/** Child c's changes (after − before) of days, referrals and cost. */
function childChanges(
  c: number,
  bCIN: Int32Array,
  bCP: Int32Array,
  bCLA: Int32Array,
  aCIN: Int32Array,
  aCP: Int32Array,
  aCLA: Int32Array,
  referralsBefore: Int32Array,
  referralsAfter: Int32Array,
  rates: Float64Array,
  out: PerChildChanges,
): void {
  const r = referralsAfter[c]! - referralsBefore[c]!;
  const dCIN = aCIN[c]! - bCIN[c]!;
  const dCP = aCP[c]! - bCP[c]!;
  const dCLA = aCLA[c]! - bCLA[c]!;
  out.referrals[c] = r;
  out.CIN[c] = dCIN;
  out.CP[c] = dCP;
  out.CLA[c] = dCLA;
  // Summed in the same order as ever (referrals, CIN, CP, CLA), so the floating-point result is unchanged.
  out.cost[c] = r * rates[0]! + dCIN * rates[1]! + dCP * rates[2]! + dCLA * rates[3]!;
}

const BASELINE_MEASURES = ["CIN", "CP", "CLA", "referrals"] as const;

/** Warnings of baseline imbalance, from the moments of each measure's before-window values (see `accumulate`) and the cohorts' sizes. */
function baselineWarnings(moments: Float64Array, sizes: readonly [number, number]): TWarning[] {
  const warnings: TWarning[] = [];
  BASELINE_MEASURES.forEach((measure, j) => {
    const sum = (k: number) => moments[j * 4 + k]!;
    const sumSq = (k: number) => moments[j * 4 + 2 + k]!;
    const n = (k: number) => sizes[k]!;
    const mean = (k: number) => sum(k) / n(k);
    const variance = (k: number) => (n(k) > 1 ? (sumSq(k) - (sum(k) * sum(k)) / n(k)) / (n(k) - 1) : 0);
    const smd = standardisedMeanDifference(mean(0), variance(0), mean(1), variance(1));
    const warning = baselineImbalanceWarning(measure, "days per child", smd, mean(0), mean(1));
    if (warning) warnings.push(warning);
  });
  return warnings;
}
