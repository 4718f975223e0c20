#!/usr/bin/env node
/**
 * Benchmark of `evident convert` on a large SSDA903 history (issue 7: a
 * 1M-episode history converts in < 30 s, memory bounded), reported, not asserted.
 *
 *   node bench/convert.mjs [--episodes 1000000] [--repeat 1] [--seed 20250331] [--out FILE]
 *
 * 1. generates (deterministically, streamed, once) a valid SSDA903 Header and
 *    Episodes CSV into bench/.data/convert-<n>/: children born 2008–2018, periods
 *    of care of 1–6 episodes chained with X1 on the same day, RNE S at each
 *    period start, some still open at 31 March 2025;
 * 2. runs `evident convert` (the built CLI's main) in a child process and
 *    reports wall time and peak RSS (getrusage maxRSS of that process);
 * 3. writes bench/results/convert-<date>.json.
 * Needs `npm run build -w @evident/core` first.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const target = Number(args.episodes ?? 1_000_000);
const repeat = Number(args.repeat ?? 1);
const seed = Number(args.seed ?? 20250331);
const log = (m) => process.stdout.write(`[convert] ${m}\n`);

/** sfc32, seeded: deterministic data without Math.random. */
function rng(s) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = s >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

const DAY = 86_400_000;
const YEAR_END = Date.UTC(2025, 2, 31);
const dmy = (ms) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
};

async function generate(dir) {
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const header = createWriteStream(join(dir, "header.csv"));
  const episodes = createWriteStream(join(dir, "episodes.csv"));
  header.write("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
  episodes.write("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
  const ETHNIC = ["WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "MOTH", "AIND", "APKN", "BAFR", "BCRB", "OOTH", "NOBT"];
  const LS = ["C1", "C2", "C2", "C2", "E1", "V2", "J1"];
  const PLACE = ["U1", "U3", "U4", "U5", "U6", "K2", "R1", "P1", "S1"];
  const PROVIDER = ["PR1", "PR1", "PR2", "PR4", "PR5"];
  const END = ["E4A", "E4B", "E41", "E8", "E13"];
  // Valid under the DfE rules Evident checks (issue 19): J1 only from age 11, school (S1) from 4, placed with
  // parents (P1) with provider PR0 and not under V2; each RNE matches what changed (L: legal status only,
  // P/T: placement only, B/U: both); the reason for a placement change is on the episode that ends (X1).
  const YEAR = 365.25 * DAY;
  const pickLs = (age, not) => {
    let ls;
    do ls = pick(LS);
    while (ls === not || (ls === "J1" && age < 11 * YEAR));
    return ls;
  };
  const pickPlace = (age, ls, not) => {
    let place;
    do place = pick(PLACE);
    while (place === not || (place === "S1" && age < 4 * YEAR) || (place === "P1" && ls === "V2"));
    return place;
  };
  let count = 0;
  let child = 0;
  let hBuf = "";
  let eBuf = "";
  while (count < target) {
    child++;
    const id = `C${String(child).padStart(7, "0")}`;
    const dob = Date.UTC(2008, 0, 1) + Math.floor(r() * 3900) * DAY;
    // UPN unknown codes other than UN1 (not of school age: rule 209) and UN4 (started in the last week: 210); MOTHER
    // given for girls (393, 607).
    const girl = r() < 0.5;
    hBuf += `${id},${girl ? "F" : "M"},${dmy(dob)},${pick(ETHNIC)},${pick(["UN2", "UN3", "UN5"])},${girl ? "0" : ""},\n`;
    let start = dob + (30 + Math.floor(r() * 2000)) * DAY;
    const want = 1 + Math.floor(r() * 7);
    let made = 0;
    let rne = "S";
    let ls = pickLs(start - dob);
    let place = pickPlace(start - dob, ls);
    const providerFor = (pl) => (pl === "P1" ? "PR0" : pick(PROVIDER));
    let provider = providerFor(place);
    // The category of need is kept through a period of care (rule 504).
    let need = `N${1 + Math.floor(r() * 8)}`;
    while (made < want && count < target && start <= YEAR_END) {
      const len = 7 + Math.floor(r() * 400);
      let end = start + len * DAY;
      const last = made === want - 1 || count === target - 1;
      let rec = last ? pick(END) : r() < 0.8 ? "X1" : pick(END);
      if (end > YEAR_END) {
        end = null;
        rec = "";
      }
      const next = rec === "X1" ? pick(["P", "T", "L", "U", "B"]) : "S";
      eBuf += `${id},${dmy(start)},${rne},${ls},${need},${place},${provider},${end === null ? "" : dmy(end)},${rec},${rec === "X1" && next !== "L" ? "CARPL" : ""},,,\n`;
      made++;
      count++;
      if (end === null) break;
      if (rec === "X1") {
        start = end;
        rne = next;
        const age = start - dob;
        if (next !== "P" && next !== "T") {
          const before = ls;
          do ls = pickLs(age, before);
          while (next === "L" && place === "P1" && ls === "V2");
        }
        if (next !== "L") {
          place = pickPlace(age, ls, place);
          provider = providerFor(place);
        }
      } else {
        start = end + (10 + Math.floor(r() * 600)) * DAY;
        rne = "S";
        need = `N${1 + Math.floor(r() * 8)}`;
        ls = pickLs(start - dob);
        place = pickPlace(start - dob, ls);
        provider = providerFor(place);
      }
    }
    if (eBuf.length > 1 << 20) {
      if (!episodes.write(eBuf)) await new Promise((res) => episodes.once("drain", res));
      eBuf = "";
    }
    if (hBuf.length > 1 << 20) {
      if (!header.write(hBuf)) await new Promise((res) => header.once("drain", res));
      hBuf = "";
    }
  }
  header.end(hBuf);
  episodes.end(eBuf);
  await Promise.all([new Promise((res) => header.on("finish", res)), new Promise((res) => episodes.on("finish", res))]);
  return { children: child, episodes: count };
}

const dir = join(root, "bench/.data", `convert-${target}-${seed}`);
let generated;
if (!existsSync(join(dir, "episodes.csv"))) {
  log(`generating ${target} episodes into ${dir}`);
  const t = performance.now();
  generated = await generate(dir);
  log(`generated ${generated.children} children, ${generated.episodes} episodes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  writeFileSync(join(dir, "meta.json"), JSON.stringify(generated));
} else generated = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));

const runner = `
const t0 = performance.now();
const { main } = await import(${JSON.stringify(join(root, "packages/core/dist/cli/main.js"))});
const t1 = performance.now();
let out = "", err = "";
const code = await main(process.argv.slice(1), { stdout: (t) => (out += t), stderr: (t) => (err += t) });
const t2 = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ code, importMs: t1 - t0, convertMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, stdout: out, stderr: err.slice(0, 2000) }));
`;
const runs = [];
for (let i = 0; i < repeat; i++) {
  const outDir = join(dir, "out");
  rmSync(outDir, { recursive: true, force: true });
  const started = performance.now();
  const p = spawnSync(process.execPath, ["--input-type=module", "-e", runner, "convert", "--out", outDir, "--year-end", "2025-03-31", "--ssda903-header", join(dir, "header.csv"), "--ssda903-episodes", join(dir, "episodes.csv")], { encoding: "utf8", maxBuffer: 64 << 20 });
  const wallMs = performance.now() - started;
  if (p.status !== 0) throw new Error(`convert run failed: ${p.stderr || p.stdout}`);
  const r = JSON.parse(p.stdout);
  if (r.code !== 0) throw new Error(`evident convert exited ${r.code}: ${r.stderr}`);
  const load = loadavg()[0];
  runs.push({ wallMs: Math.round(wallMs), convertMs: Math.round(r.convertMs), cpuMs: Math.round(r.cpuMs), importMs: Math.round(r.importMs), maxRssMiB: Math.round(r.maxRssMiB), loadAverage1m: Math.round(load * 10) / 10, summary: r.stdout.trim() });
  log(`run ${i + 1}: convert ${(r.convertMs / 1000).toFixed(1)} s wall (CPU ${(r.cpuMs / 1000).toFixed(1)} s; process ${(wallMs / 1000).toFixed(1)} s), peak RSS ${Math.round(r.maxRssMiB)} MiB, load average ${load.toFixed(1)} — ${r.stdout.trim()}`);
}
const result = {
  benchmark: "evident convert (SSDA903 Header + Episodes CSV → analyse files)",
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemGiB: Math.round(totalmem() / 1024 ** 3), node: process.version },
  input: { ...generated, seed, episodesBytes: statSync(join(dir, "episodes.csv")).size, headerBytes: statSync(join(dir, "header.csv")).size },
  runs,
  target: { seconds: 30 },
};
mkdirSync(join(root, "bench/results"), { recursive: true });
const file = args.out ?? join(root, "bench/results", `convert-${result.date.slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
log(`wrote ${file}`);
