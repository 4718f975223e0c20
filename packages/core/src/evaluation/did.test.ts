import { describe, expect, it } from "vitest";
import { differenceInDifferences, quantile, type PerChildChanges } from "./did.js";

function changes(values: number[]): PerChildChanges {
  const col = Float64Array.from(values);
  return { CIN: col, CP: col, CLA: col, referrals: col, cost: col };
}

describe("differenceInDifferences", () => {
  // Intervention changes 1, 3 (mean 2, variance 2); comparison 5, 7, 9 (mean 7, variance 4).
  const cohort = Uint8Array.from([0, 0, 1, 1, 1]);
  const data = changes([1, 3, 5, 7, 9]);

  it("computes the difference of mean changes and its Welch standard error", () => {
    const r = differenceInDifferences(data, cohort, 0, 1);
    expect(r.method).toBe("none");
    expect(r.measures.CP.estimate).toBe(-5);
    expect(r.measures.CP.standardError).toBeCloseTo(Math.sqrt(2 / 2 + 4 / 3), 12);
    expect(r.measures.CP.ci95).toBeNull();
  });

  it("bootstraps reproducibly within the cohorts' bounds", () => {
    const a = differenceInDifferences(data, cohort, 2000, 9);
    const b = differenceInDifferences(data, cohort, 2000, 9);
    expect(a).toEqual(b);
    expect(a.method).toBe("bootstrap");
    const [lo, hi] = a.measures.cost.ci95!;
    // Resampled means lie in [1, 3] and [5, 9]: the difference lies in [-8, -2].
    expect(lo).toBeGreaterThanOrEqual(-8);
    expect(hi).toBeLessThanOrEqual(-2);
    expect(lo).toBeLessThan(-5);
    expect(hi).toBeGreaterThan(-5);
  });

  it("switches to the normal interval when the bootstrap would exceed its budget", () => {
    const r = differenceInDifferences(data, cohort, 1000, 9, 100);
    expect(r.method).toBe("normal");
    const se = Math.sqrt(2 / 2 + 4 / 3);
    expect(r.measures.CIN.ci95![0]).toBeCloseTo(-5 - 1.959964 * se, 9);
    expect(r.measures.CIN.ci95![1]).toBeCloseTo(-5 + 1.959964 * se, 9);
  });

  it("agrees with the normal interval on large samples", () => {
    const n = 4000;
    const values: number[] = [];
    const groups: number[] = [];
    for (let i = 0; i < n; i++) {
      values.push(((i * 7919) % 101) - 50 + (i % 2 ? 10 : 0));
      groups.push(i % 2);
    }
    const boot = differenceInDifferences(changes(values), Uint8Array.from(groups), 1000, 3);
    const normal = differenceInDifferences(changes(values), Uint8Array.from(groups), 1000, 3, 1);
    expect(Math.abs(boot.measures.CP.ci95![0] - normal.measures.CP.ci95![0])).toBeLessThan(0.15 * (normal.measures.CP.ci95![1] - normal.measures.CP.ci95![0]));
  });

  it("quantile interpolates (type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10], 0.975)).toBe(10);
  });
});
