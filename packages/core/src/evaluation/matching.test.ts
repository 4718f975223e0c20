import { describe, expect, it } from "vitest";
import { balanceOf, matchNearest, seededPriorities, sortByScore, weightedMoments } from "./matching.js";
import { fitLogistic, linearPredictor, prepareCovariates } from "./propensity.js";

const f64 = (v: number[]) => Float64Array.from(v);
const u8 = (v: number[]) => Uint8Array.from(v);

describe("fitLogistic", () => {
  it("with no covariates gives the logit of the share treated (1 of 4: −ln 3)", () => {
    const fit = fitLogistic([], u8([1, 0, 0, 0]), 1);
    expect(fit.converged).toBe(true);
    expect(fit.beta[0]).toBeCloseTo(-Math.log(3), 9);
  });

  it("stays finite on a perfectly separated toy set, at the penalised optimum", () => {
    // x = −2, −1 (comparison) and 1, 2 (intervention): without the ridge the slope would run to infinity.
    const x = [f64([-2, -1, 1, 2])];
    const y = u8([0, 0, 1, 1]);
    const fit = fitLogistic(x, y, 1);
    expect(fit.converged).toBe(true);
    const [b0, b1] = fit.beta as unknown as [number, number];
    expect(Number.isFinite(b1)).toBe(true);
    expect(b1).toBeGreaterThan(0);
    expect(b0).toBeCloseTo(0, 9); // symmetric data
    // Stationarity of ℓ(β) − β₁²/2: Σ (y − μ) x = β₁ and Σ (y − μ) = 0.
    const eta = linearPredictor(x, fit.beta, 4);
    let g1 = 0;
    let g0 = 0;
    eta.forEach((e, i) => {
      const mu = 1 / (1 + Math.exp(-e));
      g1 += (y[i]! - mu) * x[0]![i]!;
      g0 += y[i]! - mu;
    });
    expect(g1).toBeCloseTo(b1, 9);
    expect(g0).toBeCloseTo(0, 9);
    // A smaller ridge gives a steeper but still finite slope.
    const steep = fitLogistic(x, y, 1e-4);
    expect(Number.isFinite(steep.beta[1]!)).toBe(true);
    expect(steep.beta[1]!).toBeGreaterThan(b1);
  });
});

describe("prepareCovariates", () => {
  it("fills missing values with the mean, adds an indicator, and drops constant or empty covariates", () => {
    const c = prepareCovariates([
      { name: "a", values: f64([1, Number.NaN, 3]) },
      { name: "b", values: f64([5, 5, 5]) },
      { name: "c", values: f64([Number.NaN, Number.NaN, Number.NaN]) },
    ]);
    expect(c.considered).toEqual(["a", "aMissing", "b", "c"]);
    expect(c.used).toEqual(["a", "aMissing"]);
    expect(c.dropped).toEqual([
      { covariate: "b", reason: "constant" },
      { covariate: "c", reason: "missing" },
    ]);
    expect([...c.values.a!]).toEqual([1, 2, 3]);
    expect([...c.values.aMissing!]).toEqual([0, 1, 0]);
  });
});

describe("matchNearest", () => {
  const priority = Uint32Array.from([0, 0, 0, 0, 0, 0, 0]);
  // Rows 0-2 intervention (logits 0, 0.1, 3), rows 3-6 comparison (−0.3, 0.2, 0.9, 5).
  const logit = f64([0, 0.1, 3, -0.3, 0.2, 0.9, 5]);
  const cohort = u8([0, 0, 0, 1, 1, 1, 1]);

  it("1:1 with replacement: nearest by logit, a comparison child reused gets the summed weight", () => {
    const m = matchNearest({ logit, cohort, ratio: 1, caliperWidth: Infinity, priority });
    // 0 → 0.2 (0.2 < 0.3); 0.1 → 0.2 (0.1); 3 → 5 (|5 − 3| = 2 < |3 − 0.9| = 2.1).
    expect([...m.weight]).toEqual([1, 1, 1, 0, 2, 0, 1]);
    expect(m).toMatchObject({ matched: 3, unmatched: 0, comparisonUsed: 2 });
  });

  it("2:1: each of the two nearest receives half", () => {
    const m = matchNearest({ logit, cohort, ratio: 2, caliperWidth: Infinity, priority });
    // 0 → 0.2, −0.3; 0.1 → 0.2, −0.3 (0.4) vs 0.9 (0.8): −0.3; 3 → 5, 0.9.
    expect([...m.weight]).toEqual([1, 1, 1, 0.5 + 0.5, 0.5 + 0.5, 0.5, 0.5]);
    expect(m.comparisonUsed).toBe(4);
  });

  it("leaves out an intervention child with no comparison child within the caliper", () => {
    const m = matchNearest({ logit, cohort, ratio: 1, caliperWidth: 0.25, priority });
    expect([...m.weight]).toEqual([1, 1, 0, 0, 2, 0, 0]);
    expect(m).toMatchObject({ matched: 2, unmatched: 1, comparisonUsed: 1 });
  });

  it("matches only within exact strata", () => {
    const m = matchNearest({ logit, cohort, ratio: 1, caliperWidth: Infinity, priority, stratum: [0, 1, 0, 0, 1, 0, 1] });
    // Stratum 0: int 0, 3 vs comp −0.3, 0.9; stratum 1: int 0.1 vs comp 0.2, 5.
    expect([...m.weight]).toEqual([1, 1, 1, 1, 1, 1, 0]);
  });

  it("breaks ties by the seeded priority, whatever the row order", () => {
    // One intervention child at 0, comparison children "L" at −1 and "R" at +1: equally near.
    const ids = ["T", "L", "R"];
    const run = (rows: number[], seed: number) => {
      const m = matchNearest({
        logit: f64(rows.map((r) => [0, -1, 1][r]!)),
        cohort: u8(rows.map((r) => (r === 0 ? 0 : 1))),
        ratio: 1,
        caliperWidth: Infinity,
        priority: seededPriorities(rows.map((r) => ids[r]!), seed),
      });
      return rows[m.weight.findIndex((w, i) => w > 0 && rows[i] !== 0)]!;
    };
    const chosen = new Set<number>();
    for (let seed = 1; seed <= 20; seed++) {
      const a = run([0, 1, 2], seed);
      expect(run([2, 0, 1], seed)).toBe(a);
      expect(run([1, 2, 0], seed)).toBe(a);
      expect(run([0, 1, 2], seed)).toBe(a);
      chosen.add(a);
    }
    expect(chosen).toEqual(new Set([1, 2])); // the seed decides, not the side
  });
});

describe("balance", () => {
  // Intervention 1, 2, 3 (mean 2, variance 1); comparison 2, 4, 6, 8 (mean 5, variance 20/3).
  const x = f64([1, 2, 3, 2, 4, 6, 8]);
  const cohort = u8([0, 0, 0, 1, 1, 1, 1]);
  const pooled = Math.sqrt((1 + 20 / 3) / 2);

  it("SMD before uses the whole cohorts; after uses the same yardstick with the weights", () => {
    const b = balanceOf("x", x, cohort, f64([1, 1, 1, 1, 1, 0, 0]));
    expect(b.smdBefore).toBeCloseTo((2 - 5) / pooled, 12);
    // Comparison after: 2 and 4, mean 3, variance 2.
    expect(b.smdAfter).toBeCloseTo((2 - 3) / pooled, 12);
    expect(b.varianceRatioAfter).toBeCloseTo(1 / 2, 12);
    expect(b.imbalanced).toBe(true);
  });

  it("weighted variance uses reliability weights (weights 2, 1 on values 2, 4: mean 8/3, variance 2)", () => {
    const m = weightedMoments(f64([2, 4]), f64([2, 1]), null, 0);
    expect(m.mean).toBeCloseTo(8 / 3, 12);
    expect(m.variance).toBeCloseTo(2, 12);
    const b = balanceOf("x", x, cohort, f64([1, 1, 1, 2, 1, 0, 0]));
    expect(b.varianceRatioAfter).toBeCloseTo(1 / 2, 12);
    expect(b.smdAfter).toBeCloseTo((2 - 8 / 3) / pooled, 12);
  });
});

describe("sortByScore", () => {
  it("orders as (stratum, logit, priority, row), with negative scores, −0 and ties", () => {
    const n = 3000;
    let s = 5;
    const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
    const logit = Float64Array.from({ length: n }, () => (rand() < 0.3 ? Math.round(rand() * 6 - 3) : (rand() - 0.5) * 1e3) || (rand() < 0.5 ? -0 : 0));
    const priority = Uint32Array.from({ length: n }, () => Math.floor(rand() * 8) * 0x10001 * (rand() < 0.5 ? 1 : 4000));
    const stratum = Uint8Array.from({ length: n }, () => Math.floor(rand() * 4));
    const rows = Int32Array.from({ length: n / 2 }, (_, k) => k * 2);
    const expected = [...rows].sort((a, b) => stratum[a]! - stratum[b]! || logit[a]! - logit[b]! || priority[a]! - priority[b]! || a - b);
    const plain = [...rows].sort((a, b) => logit[a]! - logit[b]! || priority[a]! - priority[b]! || a - b);
    // Both ways of sorting: the radix sort (large inputs) and the comparison sort (small ones).
    for (const radixFrom of [0, Infinity]) {
      expect([...sortByScore(rows, logit, priority, stratum, radixFrom)]).toEqual(expected);
      expect([...sortByScore(rows, logit, priority, undefined, radixFrom)]).toEqual(plain);
    }
  });
});
