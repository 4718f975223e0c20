#!/usr/bin/env node
/**
 * Benchmark of an SSD extract (issue 18): `evident convert --ssd` and the
 * import into PostgreSQL of a generated 100,000-child, six-year extract
 * (about 1M rows across the tables); goal < 60 s each, memory bounded.
 * Reported, not asserted.
 *
 *   node bench/ssd.mjs [--children 100000] [--seed 18] [--skip-import]
 *
 * 1. generates the extract with generateSsdExtract (@evident/core) into
 *    bench/.data/ssd-<children>-<seed>/ (once; descriptions instead of codes,
 *    as Mosaic writes, so the mapping is exercised);
 * 2. converts it with the built CLI in a child process (wall time, peak RSS);
 * 3. starts a throwaway PostgreSQL (scripts/lib/postgres.mjs), and in a child
 *    process reads the folder (readSsdDir), shapes it (ssdRecordRows) and
 *    imports it (importSsd: one transaction), then imports it again (all
 *    unchanged); wall times, peak RSS;
 * 4. writes bench/results/ssd-<date>.json with the machine's load.
 * Needs `npx turbo run build` (core, db) first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPostgres } from "../scripts/lib/postgres.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]?.startsWith("--") ? "1" : (all[i + 1] ?? "1")]] : pairs), []));
const children = Number(args.children ?? 100_000);
const seed = Number(args.seed ?? 18);
const log = (m) => process.stdout.write(`[ssd] ${m}\n`);
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const core = join(root, "packages/core/dist/index.js");
const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: +(totalmem() / 2 ** 30).toFixed(1), loadAtStart: loadavg() }, children, seed };

const dir = join(root, "bench/.data", `ssd-${children}-${seed}`);
if (!existsSync(join(dir, "ssd_person.csv"))) {
  log(`generating ${children} children into ${dir}`);
  const t = performance.now();
  const { generateSsdExtract } = await import(core);
  const g = generateSsdExtract({ children, seed, descriptions: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(g.files)) writeFileSync(join(dir, name), text);
  log(`generated ${g.rows} rows in ${s(performance.now() - t)}`);
}
const files = readdirSync(dir).filter((f) => f.endsWith(".csv"));
report.rows = 0;
report.bytes = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
for (const f of files) report.rows += spawnSync("wc", ["-l", join(dir, f)], { encoding: "utf8" }).stdout.trim().split(" ").map(Number)[0] - 1;
log(`extract: ${files.length} tables, ${report.rows.toLocaleString("en-GB")} rows, ${(report.bytes / 2 ** 20).toFixed(0)} MiB`);

// convert, as an analyst runs it: the built CLI in a process of its own.
const out = join(tmpdir(), `evident-ssd-bench-${process.pid}`);
let t = performance.now();
const convert = spawnSync("/usr/bin/time", ["-f", "%U %S %M", process.execPath, join(root, "packages/core/bin/evident.js"), "convert", "--ssd", dir, "--out", out], { encoding: "utf8" });
report.convertMs = performance.now() - t;
if (convert.status !== 0) throw new Error(`convert failed: ${convert.stderr.slice(0, 2000)}`);
const [user, sys, rss] = convert.stderr.trim().split("\n").pop().split(" ").map(Number);
report.convertCpuMs = (user + sys) * 1000;
report.convertPeakRssMiB = rss / 1024;
report.convertOutput = convert.stdout.trim();
rmSync(out, { recursive: true, force: true });
log(`convert: ${s(report.convertMs)} (CPU ${s(report.convertCpuMs)}), peak RSS ${report.convertPeakRssMiB.toFixed(0)} MiB — ${report.convertOutput}`);

if (!args["skip-import"]) {
  const pg = await startPostgres({ durable: true });
  if (!pg) throw new Error("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin)");
  const runner = `
const { readSsdDir } = await import(${JSON.stringify(join(root, "packages/core/dist/node/index.js"))});
const { ssdRecordRows } = await import(${JSON.stringify(core)});
const { createDb, importSsd } = await import(${JSON.stringify(join(root, "packages/db/dist/index.js"))});
const [url, dir] = process.argv.slice(1);
const db = await createDb({ databaseUrl: url, migrate: true, poolMax: 2 });
const out = { steps: {} };
let t = performance.now();
let c = process.cpuUsage();
const extract = readSsdDir(dir);
const rows = ssdRecordRows(extract);
out.readMs = performance.now() - t;
const cpuMs = (u) => (u.user + u.system) / 1000;
out.readCpuMs = cpuMs(process.cpuUsage(c));
out.errors = extract.problems.filter((p) => p.severity === "error").length;
let last = performance.now();
const onStep = (step) => { const now = performance.now(); out.steps[step] = Math.round(now - last); last = now; };
t = performance.now();
last = t;
c = process.cpuUsage();
const first = await importSsd(db, { rows, problems: extract.problems }, { files: extract.files.map((f) => ({ name: f.file, rows: f.rows })), digest: "bench", onStep });
out.importMs = performance.now() - t;
out.importNodeCpuMs = cpuMs(process.cpuUsage(c));
out.counts = first.counts;
t = performance.now();
const again = await importSsd(db, { rows, problems: extract.problems }, { files: [], digest: "bench" });
out.reimportMs = performance.now() - t;
out.reimportChanged = Object.values(again.counts).reduce((n, c) => n + (typeof c === "number" ? 0 : c.add + c.update), 0);
await db.close();
out.maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(out));
`;
  try {
    log(`importing into a throwaway PostgreSQL (fsync on)`);
    t = performance.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", runner, pg.url, dir], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (child.status !== 0) throw new Error(child.stderr.slice(0, 4000));
    report.import = { ...JSON.parse(child.stdout), wallMs: performance.now() - t };
  } finally {
    pg.stop();
  }
  const r = report.import;
  log(`read + shape: ${s(r.readMs)} (CPU ${s(r.readCpuMs)}; ${r.errors} errors); import (one transaction): ${s(r.importMs)} (Node CPU ${s(r.importNodeCpuMs)}) — per step (ms) ${JSON.stringify(r.steps)}`);
  log(`re-import (all unchanged: ${r.reimportChanged} changed): ${s(r.reimportMs)}; process peak RSS ${r.maxRssMiB.toFixed(0)} MiB`);
}
report.loadAtEnd = loadavg();
mkdirSync(join(root, "bench/results"), { recursive: true });
const file = join(root, "bench/results", `ssd-${report.date.slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
log(`load average ${report.machine.loadAtStart.map((x) => x.toFixed(1)).join(" ")} at start, ${report.loadAtEnd.map((x) => x.toFixed(1)).join(" ")} at end; wrote ${file}`);
