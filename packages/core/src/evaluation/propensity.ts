/**
 * Baseline covariates and the propensity score, for matched comparisons
 * (see matching.ts and docs/evaluation.md).
 *
 * Covariates: the days of CIN, CP and CLA and the referrals in each child's
 * before window, the age at the start, the highest status before, and any
 * numeric `x_` column of children.csv. A covariate with some values missing
 * is filled with the mean of the others and gets an indicator covariate
 * (`<name>Missing`, 1 = was missing); one that is missing for everyone, or
 * takes one value for everyone, is dropped and reported.
 *
 * The score is a logistic regression of "in the intervention cohort" on the
 * standardised covariates, fitted by Newton's method (iteratively reweighted
 * least squares) with a ridge penalty of `RIDGE` on the coefficients (not the
 * intercept), so that it stays finite even when the cohorts are perfectly
 * separated. Pure functions on typed arrays.
 */
import { UNKNOWN_DAY } from "../dates.js";
import type { Dataset } from "./dataset.js";

export const RECORD_COVARIATES = ["cinDaysBefore", "cpDaysBefore", "claDaysBefore", "referralsBefore", "ageAtStart", "highestBefore"] as const;

/** Ridge penalty λ on the standardised coefficients: −λ/2·Σβ² is added to the log-likelihood. */
export const RIDGE = 1;

export interface RawCovariate {
  name: string;
  /** One value per child; NaN = missing. */
  values: Float64Array;
}

export interface DroppedCovariate {
  covariate: string;
  reason: "constant" | "missing";
}

export interface Covariates {
  /** Every covariate considered, in order (including added missing-value indicators and dropped ones). */
  considered: string[];
  /** The ones the model uses. */
  used: string[];
  dropped: DroppedCovariate[];
  /** Values (after filling missing values with the mean) of every considered covariate that has any. */
  values: Record<string, Float64Array>;
}

/** What rawCovariates reads of the per-child windows (analyse.ts's ChildWindows). */
export interface BaselineWindows {
  /** days[status - 1][child] in the before window (the first three of ChildWindows.days). */
  days: ArrayLike<number>[];
  referralsBefore: ArrayLike<number>;
  highestBefore: ArrayLike<number>;
}

/** The record-based covariates of every child, plus the dataset's `x_` columns. */
export function rawCovariates(data: Dataset, windows: BaselineWindows): RawCovariate[] {
  const n = data.children.count;
  const toF64 = (a: ArrayLike<number>) => Float64Array.from(a);
  const age = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const b = data.children.birth[c]!;
    age[c] = b === UNKNOWN_DAY ? Number.NaN : (data.children.start[c]! - b) / 365.25;
  }
  return [
    { name: "cinDaysBefore", values: toF64(windows.days[0]!) },
    { name: "cpDaysBefore", values: toF64(windows.days[1]!) },
    { name: "claDaysBefore", values: toF64(windows.days[2]!) },
    { name: "referralsBefore", values: toF64(windows.referralsBefore) },
    { name: "ageAtStart", values: age },
    { name: "highestBefore", values: toF64(windows.highestBefore) },
    ...(data.children.extra ?? []).map((x) => ({ name: x.name, values: x.values })),
  ];
}

/** Fills missing values (mean + indicator) and drops covariates that are constant or missing for everyone. */
export function prepareCovariates(raw: RawCovariate[]): Covariates {
  const out: Covariates = { considered: [], used: [], dropped: [], values: {} };
  const add = (name: string, values: Float64Array) => {
    out.considered.push(name);
    out.values[name] = values;
    let constant = true;
    for (let i = 1; i < values.length && constant; i++) if (values[i] !== values[0]) constant = false;
    if (constant) out.dropped.push({ covariate: name, reason: "constant" });
    else out.used.push(name);
  };
  for (const { name, values } of raw) {
    let sum = 0;
    let seen = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === v) {
        sum += v;
        seen++;
      }
    }
    if (seen === 0) {
      out.considered.push(name);
      out.dropped.push({ covariate: name, reason: "missing" });
      continue;
    }
    if (seen === values.length) {
      add(name, values);
      continue;
    }
    const mean = sum / seen;
    const filled = new Float64Array(values.length);
    const missing = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === v) filled[i] = v;
      else {
        filled[i] = mean;
        missing[i] = 1;
      }
    }
    add(name, filled);
    add(`${name}Missing`, missing);
  }
  return out;
}

/** The used covariates standardised (mean 0, SD 1 over all children), one column each. */
export function standardisedColumns(cov: Covariates, n: number): Float64Array[] {
  return cov.used.map((name) => {
    const v = cov.values[name]!;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v[i]!;
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (v[i]! - mean) ** 2;
    const sd = Math.sqrt(ss / Math.max(1, n - 1)) || 1;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) z[i] = (v[i]! - mean) / sd;
    return z;
  });
}

export interface LogisticFit {
  /** Intercept first, then one coefficient per column. */
  beta: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Penalised logistic regression by Newton's method with step halving. Each
 * step is one pass over the rows in blocks of BLOCK rows: the block's linear
 * predictor, log-likelihood, gradient and Hessian are summed while its
 * columns are in the processor's cache (at a million children the sums are
 * limited by memory, not arithmetic).
 * @param x the design, one column per covariate (no intercept column)
 * @param y 1 = intervention, per row
 * @param freq optional frequency weight per row (bootstrap multiplicities); rows with 0 are left out
 * @param start optional starting coefficients (a warm start)
 */
export function fitLogistic(x: Float64Array[], y: Uint8Array, ridge = RIDGE, freq?: Uint32Array, start?: Float64Array, maxIterations = 100): LogisticFit {
  const n = y.length;
  const p = x.length;
  const q = p + 1;
  const beta = new Float64Array(q);
  if (start) beta.set(start);
  else {
    // Start from the share treated: far fewer steps when the intervention cohort is small.
    let f = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const fi = freq ? freq[i]! : 1;
      f += fi;
      t += fi * y[i]!;
    }
    if (t > 0 && t < f) beta[0] = Math.log(t / (f - t));
  }
  const grad = new Float64Array(q);
  const hess = new Float64Array(q * q);
  const eta = new Float64Array(BLOCK);
  const w = new Float64Array(BLOCK);
  const r = new Float64Array(BLOCK);
  const wx = new Float64Array(BLOCK);
  /** The penalised log-likelihood at b; leaves its gradient and Hessian (upper triangle) in grad and hess. */
  const pass = (b: Float64Array): number => {
    grad.fill(0);
    hess.fill(0);
    let ll = 0;
    for (let s = 0; s < n; s += BLOCK) {
      const len = Math.min(BLOCK, n - s);
      eta.fill(b[0]!, 0, len);
      for (let j = 0; j < p; j++) {
        const col = x[j]!;
        const bj = b[j + 1]!;
        for (let k = 0; k < len; k++) eta[k]! += bj * col[s + k]!;
      }
      let g0 = 0;
      let h00 = 0;
      for (let k = 0; k < len; k++) {
        const f = freq ? freq[s + k]! : 1;
        const v = eta[k]!;
        const e = Math.exp(-Math.abs(v));
        // log(1 + e^η) and the score without overflow.
        const softplus = (v > 0 ? v : 0) + Math.log1p(e);
        const mu = v >= 0 ? 1 / (1 + e) : e / (1 + e);
        const yk = y[s + k]!;
        ll += f * (yk * v - softplus);
        const rk = f * (yk - mu);
        const wk = f * mu * (1 - mu);
        r[k] = rk;
        w[k] = wk;
        g0 += rk;
        h00 += wk;
      }
      grad[0]! += g0;
      hess[0]! += h00;
      for (let a = 0; a < p; a++) {
        const xa = x[a]!;
        let ga = 0;
        let ha = 0;
        for (let k = 0; k < len; k++) {
          const v = xa[s + k]!;
          ga += r[k]! * v;
          const t = w[k]! * v;
          wx[k] = t;
          ha += t;
        }
        grad[a + 1]! += ga;
        hess[a + 1]! += ha;
        for (let c = a; c < p; c++) {
          const xc = x[c]!;
          let h = 0;
          for (let k = 0; k < len; k++) h += wx[k]! * xc[s + k]!;
          hess[(a + 1) * q + c + 1]! += h;
        }
      }
    }
    let pen = 0;
    for (let j = 1; j < q; j++) {
      pen += b[j]! * b[j]!;
      grad[j]! -= ridge * b[j]!;
      hess[j * q + j]! += ridge;
    }
    hess[0]! += 1e-9; // the intercept's curvature can underflow to 0 when every score is saturated
    for (let a = 0; a < q; a++) for (let c = 0; c < a; c++) hess[a * q + c] = hess[c * q + a]!;
    return ll - (ridge / 2) * pen;
  };
  let current = pass(beta);
  let iterations = 0;
  let converged = false;
  const trial = new Float64Array(q);
  while (iterations < maxIterations) {
    iterations++;
    const step = solveSymmetric(hess, grad, q);
    let scale = 1;
    let next = current;
    for (let halvings = 0; halvings < 30; halvings++) {
      for (let j = 0; j < q; j++) trial[j] = beta[j]! + scale * step[j]!;
      next = pass(trial);
      if (next >= current - 1e-12 * Math.abs(current)) break;
      scale /= 2;
    }
    let largest = 0;
    for (let j = 0; j < q; j++) {
      largest = Math.max(largest, Math.abs(trial[j]! - beta[j]!));
      beta[j] = trial[j]!;
    }
    current = next;
    if (largest < 1e-9) {
      converged = true;
      break;
    }
  }
  return { beta, iterations, converged };
}

const BLOCK = 2048;

/** The linear predictor (logit of the score) of every row. */
export function linearPredictor(x: Float64Array[], beta: Float64Array, n: number): Float64Array {
  const eta = new Float64Array(n).fill(beta[0]!);
  x.forEach((col, j) => {
    const b = beta[j + 1]!;
    for (let i = 0; i < n; i++) eta[i]! += b * col[i]!;
  });
  return eta;
}

/** Solves A·z = b for a symmetric positive definite A (Cholesky). */
function solveSymmetric(a: Float64Array, b: Float64Array, q: number): Float64Array {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * q + j]!;
      for (let k = 0; k < j; k++) s -= l[i * q + k]! * l[j * q + k]!;
      l[i * q + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * q + j]!;
    }
  }
  const z = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * q + k]! * z[k]!;
    z[i] = s / l[i * q + i]!;
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < q; k++) s -= l[k * q + i]! * z[k]!;
    z[i] = s / l[i * q + i]!;
  }
  return z;
}
