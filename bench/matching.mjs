#!/usr/bin/env node
/**
 * Benchmark of the matched comparison (`analyse` with `matching`): 10,000
 * intervention children against a 1,000,000-child comparison pool, 1,000
 * bootstrap replicates asked for.
 *
 *   npm run build -w @evident/core           # the benchmark runs the built package
 *   node bench/matching.mjs                  # 10k vs 1M, 1000 replicates, 3 runs
 *   node bench/matching.mjs --intervention 2000 --comparison 100000 --replicates 1000 --repeat 1
 *
 * The data are generated in memory (no CSV), deterministically: every child
 * has 0–3 episodes in its before and after windows and 0–3 referrals,
 * a birth date (missing for 5 %) and a numeric `x_risk`; intervention
 * children are drawn more often from children with more days before (the
 * selection the matching has to undo). Timed:
 * - `matched`: `analyse(data, { bootstrap: { replicates }, matching: { method: "nearest" } })`
 * - `plain`:   the same without matching;
 * - `matching` = matched − plain (covariates, the score, matching, balance, overlap,
 *   estimates, interval, placebo windows).
 * Each both as wall-clock time and as the process's CPU time (user + system): the
 * machine is shared, and under load the wall clock mostly measures the queue.
 * With 1,010,000 children, 1,000 replicates × 1.01M children exceed the
 * core's MATCHING_BOOTSTRAP_BUDGET, so the documented analytic interval is used
 * (the result says which). Results: bench/results/matching-<date>.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const core = await import(pathToFileURL(join(process.env.EVIDENT_CORE_DIST ?? join(ROOT, "packages/core/dist"), "index.js")).href);

const { values } = parseArgs({
  options: {
    intervention: { type: "string", default: "10000" },
    comparison: { type: "string", default: "1000000" },
    replicates: { type: "string", default: "1000" },
    repeat: { type: "string", default: "3" },
    out: { type: "string" },
  },
});
const nInt = Number(values.intervention);
const nComp = Number(values.comparison);
const replicates = Number(values.replicates);
const repeat = Number(values.repeat);
const GOAL_MS = 10_000; // for the whole matched analysis (wall clock on an idle machine; CPU time under load)

function generate() {
  let s = 20261206 >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const b = new core.DatasetBuilder();
  const start0 = core.parseIsoDay("2018-01-01");
  const risk = new Float64Array(nInt + nComp);
  let made = 0;
  let madeInt = 0;
  // Draw children until both cohorts are full; selection: P(intervention) rises with days before and risk.
  while (made < nInt + nComp) {
    const before = rand() < 0.5 ? 0 : Math.floor(rand() * 180);
    const r = rand() * 2 - 1;
    const pInt = nInt / (nInt + nComp) * (0.3 + (before / 90) + r);
    let cohort = rand() < pInt ? "intervention" : "comparison";
    if (cohort === "intervention" && madeInt >= nInt) cohort = "comparison";
    if (cohort === "comparison" && made - madeInt >= nComp) {
      if (madeInt >= nInt) break;
      continue;
    }
    const i = made++;
    if (cohort === "intervention") madeInt++;
    const start = start0 + Math.floor(rand() * 700);
    const end = cohort === "intervention" ? start + 30 + Math.floor(rand() * 150) : start;
    b.addChild({ childId: `C${i}`, cohort, start, end, birth: rand() < 0.05 ? undefined : start - Math.floor(rand() * 6000) });
    risk[i] = Math.round(r * 100) / 100;
    if (before > 0) b.addEpisode(i, rand() < 0.6 ? "CIN" : rand() < 0.8 ? "CP" : "CLA", start - before, start - Math.floor(rand() * 5));
    const after = Math.floor(rand() * 180 * (0.2 + before / 360));
    if (after > 0) b.addEpisode(i, rand() < 0.6 ? "CIN" : "CP", end + 1 + Math.floor(rand() * 10), end + 1 + after);
    const refs = Math.floor(rand() * 4);
    for (let k = 0; k < refs; k++) b.addReferral(i, start - 180 + Math.floor(rand() * 400));
  }
  const data = b.build();
  data.children.extra = [{ name: "x_risk", values: risk.subarray(0, data.children.count) }];
  return data;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const t0 = performance.now();
const data = generate();
const generateMs = performance.now() - t0;
const options = { asAt: "2021-03-31", bootstrap: { replicates, seed: 20200301 } };
const runs = [];
let last;
for (let r = 0; r < repeat; r++) {
  const load = loadavg()[0];
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const a = performance.now();
  const ac = cpu();
  analyse(options);
  const plainMs = performance.now() - a;
  const plainCpuMs = cpu() - ac;
  const b = performance.now();
  const bc = cpu();
  last = analyse({ ...options, matching: { method: "nearest" } });
  const matchedMs = performance.now() - b;
  const matchedCpuMs = cpu() - bc;
  runs.push({ plainMs, matchedMs, matchingMs: matchedMs - plainMs, plainCpuMs, matchedCpuMs, matchingCpuMs: matchedCpuMs - plainCpuMs, load1: load });
  console.log(
    `run ${r + 1}: wall: plain ${plainMs.toFixed(0)} ms, matched ${matchedMs.toFixed(0)} ms, matching ${(matchedMs - plainMs).toFixed(0)} ms; ` +
      `CPU: plain ${plainCpuMs.toFixed(0)} ms, matched ${matchedCpuMs.toFixed(0)} ms, matching ${(matchedCpuMs - plainCpuMs).toFixed(0)} ms (load ${load.toFixed(2)})`,
  );
}
function analyse(opts) {
  return core.analyse(data, opts);
}
const m = last.matching;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: totalmem() / 2 ** 30, node: process.version, loadavg: loadavg() },
  sizes: { intervention: m.n.intervention, comparison: m.n.comparisonPool, replicates },
  generateMs,
  runs,
  median: Object.fromEntries(["plainMs", "matchedMs", "matchingMs", "plainCpuMs", "matchedCpuMs", "matchingCpuMs"].map((k) => [k, median(runs.map((r) => r[k]))])),
  goalMs: GOAL_MS,
  interval: m.differenceInDifferences.method,
  n: m.n,
  balance: m.balance.map((b) => ({ covariate: b.covariate, smdBefore: b.smdBefore, smdAfter: b.smdAfter })),
  estimates: { naiveCP: last.differenceInDifferences.measures.CP.estimate, matchedCP: m.differenceInDifferences.measures.CP.estimate, matchedCPci: m.differenceInDifferences.measures.CP.ci95 },
  model: m.model,
};
console.log(JSON.stringify({ median: result.median, goalMs: GOAL_MS, interval: result.interval, n: result.n, model: result.model }, null, 1));
const verdict = (what, ms) => `${ms < GOAL_MS ? "GOAL MET" : "GOAL MISSED"} (${what}): matched analysis ${ms.toFixed(0)} ms ${ms < GOAL_MS ? "<" : "≥"} ${GOAL_MS} ms`;
console.log(verdict("wall clock", result.median.matchedMs));
console.log(verdict("CPU time", result.median.matchedCpuMs));
const out = values.out ?? join(HERE, "results", `matching-${result.date.slice(0, 10)}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${out}`);
