/**
 * A simulation with a known truth. Our own generator: children whose before
 * window was worse (more CP days) and who score higher on a recorded risk
 * factor (`x_risk`) are more likely to be chosen for the programme;
 * everyone's CP days regress towards the mean afterwards; the programme cuts
 * them by TRUE_EFFECT days. The analysis sees only the records — not why a
 * child was chosen, nor the potential outcomes.
 */
import { describe, expect, it } from "vitest";
import { parseIsoDay } from "../dates.js";
import { analyse } from "./analyse.js";
import { DatasetBuilder, type Dataset } from "./dataset.js";

const TRUE_EFFECT = -25;
const START = parseIsoDay("2019-01-01")!;

function simulate(n: number, seed: number): { data: Dataset; att: number; treated: number } {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const b = new DatasetBuilder();
  const risks: number[] = [];
  let attSum = 0;
  let treated = 0;
  const clamp = (v: number) => Math.max(0, Math.min(180, Math.round(v)));
  for (let i = 0; i < n; i++) {
    const risk = normal();
    const before = rand() < 0.5 ? 0 : 1 + Math.floor(rand() * 180);
    const chosen = rand() < 1 / (1 + Math.exp(-(-3.5 + 0.02 * before + 0.8 * risk)));
    const noise = 20 * normal();
    // Regression to the mean: after = 30 + 0.4 × before + 15 × risk + noise (+ the effect if treated).
    const y0 = clamp(30 + 0.4 * before + 15 * risk + noise);
    const y1 = clamp(30 + 0.4 * before + 15 * risk + noise + TRUE_EFFECT);
    if (chosen) {
      attSum += y1 - y0;
      treated++;
    }
    const id = `K${i}`;
    const end = START + (chosen ? 60 : 0);
    b.addChild({ childId: id, cohort: chosen ? "intervention" : "comparison", start: START, end, birth: undefined });
    risks.push(Math.round(risk * 100) / 100);
    if (before > 0) b.addEpisode(i, "CP", START - before, START);
    const after = chosen ? y1 : y0;
    if (after > 0) b.addEpisode(i, "CP", end + 1, end + 1 + after);
  }
  const data = b.build();
  data.children.extra = [{ name: "x_risk", values: Float64Array.from(risks) }];
  return { data, att: attSum / treated, treated };
}

describe("matched comparison on simulated selection with a known effect", { timeout: 120_000 }, () => {
  const { data, att, treated } = simulate(4000, 20261206);
  const options = { asAt: "2021-01-01", bootstrap: { replicates: 200, seed: 7 }, matching: { method: "nearest" as const } };
  const r = analyse(data, options);
  const m = r.matching!;

  it("the generator selected on the baseline: a few hundred treated, a large pool", () => {
    expect(treated).toBeGreaterThan(200);
    expect(m.n.intervention).toBe(treated);
    expect(m.n.comparisonPool).toBe(4000 - treated);
    // The true effect on the treated, after the 0–180 day bounds, is close to the −25 put in.
    expect(att).toBeGreaterThan(-26);
    expect(att).toBeLessThan(-20);
  });

  it("the naive estimate is far off; the matched one recovers the truth within 6 days and its interval covers it", () => {
    const naive = r.differenceInDifferences.measures.CP.estimate;
    expect(Math.abs(naive - att)).toBeGreaterThan(25);
    const matched = m.differenceInDifferences.measures.CP;
    expect(Math.abs(matched.estimate! - att)).toBeLessThan(6);
    expect(matched.ci95![0]).toBeLessThan(att);
    expect(matched.ci95![1]).toBeGreaterThan(att);
    expect(m.differenceInDifferences.method).toBe("bootstrap");
  });

  it("balance after matching is below 0.1 on every covariate used; the unusable ones are reported", () => {
    const used = m.balance.filter((b) => b.smdAfter !== null);
    expect(used.map((b) => b.covariate).sort()).toEqual(["cpDaysBefore", "highestBefore", "x_risk"]);
    for (const b of used) expect(Math.abs(b.smdAfter!)).toBeLessThan(0.1);
    expect(m.balance.find((b) => b.covariate === "cpDaysBefore")!.smdBefore!).toBeGreaterThan(0.5);
    expect(m.dropped).toEqual([
      { covariate: "cinDaysBefore", reason: "constant" },
      { covariate: "claDaysBefore", reason: "constant" },
      { covariate: "referralsBefore", reason: "constant" },
      { covariate: "ageAtStart", reason: "missing" },
    ]);
    expect(m.covariates).toEqual(["cinDaysBefore", "cpDaysBefore", "claDaysBefore", "referralsBefore", "ageAtStart", "highestBefore", "x_risk"]);
    expect(m.warnings.map((w) => w.code)).not.toContain("RESIDUAL_IMBALANCE");
  });

  it("the placebo (nothing happened in the earlier windows) is near zero and its interval includes zero", () => {
    const p = m.placebo.measures.CP;
    expect(Math.abs(p.estimate!)).toBeLessThan(3);
    expect(p.ci95![0]).toBeLessThanOrEqual(0);
    expect(p.ci95![1]).toBeGreaterThanOrEqual(0);
    expect(m.warnings.map((w) => w.code)).not.toContain("PLACEBO_NONZERO");
  });

  it("is reproducible from the seed, and the seed changes only the random parts", () => {
    expect(analyse(data, options).matching).toEqual(m);
    const other = analyse(data, { ...options, bootstrap: { replicates: 200, seed: 8 } }).matching!;
    expect(other.differenceInDifferences.measures.CP.ci95).not.toEqual(m.differenceInDifferences.measures.CP.ci95);
    expect(other.n).toEqual(m.n); // distinct scores: no ties for the seed to break
  });

  it("the analytic interval (above the bootstrap budget) is close to the bootstrap one", () => {
    const analytic = analyse(data, { ...options, bootstrap: { replicates: 1000, seed: 7 } });
    expect(analytic.matching!.differenceInDifferences.method).toBe("analytic");
    const a = analytic.matching!.differenceInDifferences.measures.CP;
    const b = m.differenceInDifferences.measures.CP;
    expect(a.estimate).toBe(b.estimate);
    // The analytic path computes the placebo windows of the matched children only: the same figures.
    expect(analytic.matching!.placebo.measures.CP.estimate).toBe(m.placebo.measures.CP.estimate);
    expect(analytic.matching!.balance).toEqual(m.balance);
    expect(a.ci95![1] - a.ci95![0]).toBeGreaterThan(0.5 * (b.ci95![1] - b.ci95![0]));
    expect(a.ci95![1] - a.ci95![0]).toBeLessThan(2 * (b.ci95![1] - b.ci95![0]));
  });

  it("a caliper of 0.01 SD leaves some intervention children out and says so", () => {
    const tight = analyse(data, { ...options, bootstrap: { replicates: 0, seed: 7 }, matching: { method: "nearest", caliper: 0.001 } }).matching!;
    expect(tight.n.interventionUnmatched).toBeGreaterThan(0);
    expect(tight.n.interventionMatched + tight.n.interventionUnmatched).toBe(treated);
    expect(tight.warnings.map((w) => w.code)).toContain("MATCHING_DROPPED_INTERVENTION");
  });

  it("leaves the rest of the output as it was", () => {
    const { matching: _m, ...rest } = r;
    const plain = analyse(data, { asAt: options.asAt, bootstrap: options.bootstrap });
    expect(plain.matching).toBeUndefined();
    expect(rest).toEqual(plain);
  });
});
