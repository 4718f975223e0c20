#!/usr/bin/env node
/**
 * Benchmark of `evident analyse` against the same computation in DuckDB, each
 * both on all cores and on one thread.
 *
 *   npm run build -w @evident/core          # the benchmark runs the built package
 *   node bench/analyse.mjs                  # 10k, 100k and 1M children
 *   node bench/analyse.mjs --sizes 10000,100000 --repeat 3
 *
 * Options:
 *   --sizes LIST        children per dataset, e.g. 10k,100k,1m (default 10000,100000,1000000)
 *   --repeat N          runs of each engine per size; the median run by total time is reported (default 3)
 *   --bootstrap R       DiD bootstrap replicates timed separately (default 1000, Evident's default; 0 = skip)
 *   --bootstrap-large R no longer used: the core switches to the normal interval above its bootstrap work budget
 *                       (default 100: 1000 replicates at 1M take about 4 minutes; pass 1000 to measure them)
 *   --window-months M   window length (default 6)
 *   --as-at YYYY-MM-DD  analysis date (default: the generator's, 2021-03-31)
 *   --engines LIST      of evident (all cores), evident-1 (one thread), duckdb (one thread), duckdb-all (all cores);
 *                       default all four
 *   --data DIR          where generated data lives (default bench/.data)
 *   --out FILE          JSON results (default bench/results/analyse-<date>.json)
 *   --profile           also run Evident once per size under `node --cpu-prof` and print the hottest functions
 *
 * Every engine run is its own child process (this script re-invoked with
 * --worker), so its peak resident memory (getrusage maxRSS, read at the end of
 * the child) belongs to that engine alone. Data is generated with
 * bench/generate.mjs when missing. Both engines read the same CSV files from
 * the (warm) page cache.
 *
 * Evident: `loadDatasetDir` from @evident/core/node (read + parse + validate +
 * build columns; `threads: 1` for evident-1, the default of all cores for
 * evident), then `analyse` with 0 bootstrap replicates — that is the
 * comparable part. The DiD bootstrap (1000 replicates by default) is timed in a
 * separate process as analyse(R) − analyse(0).
 *
 * DuckDB (@duckdb/node-api, in memory, SET threads=1 for duckdb and = the
 * number of cores for duckdb-all, as analysts run it): read_csv of the three
 * files into tables (types given, no sniffing), then SQL computing the same
 * thing: per child a before window [start − M months, start) and an after
 * window [end + 1, end + M months + 1), both cut at as-at (DuckDB's
 * DATE ± INTERVAL n MONTH clamps to the month's last day exactly like
 * Evident); episodes joined to their child and clipped to each window; the
 * union of a child's overlapping episodes of one status measured with a
 * running maximum of end dates (gaps and islands in one window pass); days and
 * children per status, referrals in windows and the highest-status transition
 * matrix, per cohort. The totals of the two engines are compared cell by cell
 * and every disagreement is printed as MISMATCH (exit code 1).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { cpus, totalmem, loadavg, release, platform } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const RESULT_MARK = "@@BENCH_RESULT ";
const STATUSES = ["CIN", "CP", "CLA"];
const HIGHEST = ["none", "CIN", "CP", "CLA"];
const COHORTS = ["intervention", "comparison"];
const GOALS = { ratioAllCoresBelow: 1, ratioOneThreadAtMost: 0.5, peakMiB: 1024, children100kMs: 300 };
/** Engines: which worker runs them and with how many threads (0 = the engine's default, all cores). */
const ENGINES = {
  evident: { kind: "evident", threads: 0, label: "Evident" },
  "evident-1": { kind: "evident", threads: 1, label: "Evident 1t" },
  duckdb: { kind: "duckdb", threads: 1, label: "DuckDB 1t" },
  "duckdb-all": { kind: "duckdb", threads: cpus().length, label: "DuckDB all" },
};

// ===================================================================== helpers
const now = () => performance.now();
const round = (x, d = 0) => (x == null || Number.isNaN(x) ? x : Math.round(x * 10 ** d) / 10 ** d);
function peakRssMiB() {
  // getrusage maxRSS is in KiB on Linux; VmHWM is the same high-water mark from /proc.
  let hwm;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) hwm = Number(m[1]) / 1024;
  } catch {}
  return { maxRSS: process.resourceUsage().maxRSS / 1024, vmHWM: hwm };
}

function parseCount(text) {
  const t = String(text).trim().toLowerCase().replace(/_/g, "");
  const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(t);
  if (!m) throw new Error(`not a size: ${text}`);
  return Math.round(Number(m[1]) * (m[2] === "k" ? 1e3 : m[2] === "m" ? 1e6 : 1));
}
function sizeLabel(n) {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

function parseArgs(argv) {
  const a = {
    sizes: [10_000, 100_000, 1_000_000],
    repeat: 3,
    bootstrap: 1000,
    bootstrapLarge: 100,
    windowMonths: 6,
    asAt: undefined,
    engines: Object.keys(ENGINES),
    threads: 0,
    data: join(ROOT, "bench", ".data"),
    out: undefined,
    profile: false,
    worker: undefined,
    dir: undefined,
    seed: 20200301,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === "--sizes") a.sizes = v().split(",").filter(Boolean).map(parseCount);
    else if (k === "--repeat") a.repeat = Number.parseInt(v(), 10);
    else if (k === "--bootstrap") a.bootstrap = Number.parseInt(v(), 10);
    else if (k === "--bootstrap-large") a.bootstrapLarge = Number.parseInt(v(), 10);
    else if (k === "--window-months") a.windowMonths = Number.parseInt(v(), 10);
    else if (k === "--as-at") a.asAt = v();
    else if (k === "--engines") a.engines = v().split(",").filter(Boolean);
    else if (k === "--data") a.data = resolve(v());
    else if (k === "--out") a.out = resolve(v());
    else if (k === "--profile") a.profile = true;
    else if (k === "--worker") a.worker = v();
    else if (k === "--dir") a.dir = resolve(v());
    else if (k === "--seed") a.seed = Number.parseInt(v(), 10);
    else if (k === "--threads") a.threads = Number.parseInt(v(), 10);
    else if (k === "--help" || k === "-h") {
      process.stdout.write(readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0].replace(/^#!.*\n\/\*\*\n/, "").replace(/^ \* ?/gm, "") + "\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  if (!(a.repeat >= 1)) throw new Error("--repeat must be at least 1");
  if (!(a.bootstrap >= 0)) throw new Error("--bootstrap must be 0 or more");
  for (const e of a.engines) if (!ENGINES[e]) throw new Error(`unknown engine ${e} (${Object.keys(ENGINES).join(", ")})`);
  return a;
}

/** The built @evident/core (EVIDENT_CORE_DIST=path/to/dist benchmarks another build). */
async function importCore() {
  const dist = process.env.EVIDENT_CORE_DIST;
  try {
    if (dist) {
      return {
        core: await import(pathToFileURL(join(resolve(dist), "index.js")).href),
        node: await import(pathToFileURL(join(resolve(dist), "node", "index.js")).href),
      };
    }
    return { core: await import("@evident/core"), node: await import("@evident/core/node") };
  } catch (error) {
    throw new Error(`cannot import the built @evident/core (${error.message}); run \`npm run build -w @evident/core\` first`);
  }
}

/** The totals both engines must agree on. */
function emptyTotals() {
  const win = () => ({ referrals: 0, CIN: { children: 0, days: 0 }, CP: { children: 0, days: 0 }, CLA: { children: 0, days: 0 } });
  const matrix = () => Object.fromEntries(HIGHEST.map((b) => [b, Object.fromEntries(HIGHEST.map((f) => [f, 0]))]));
  return Object.fromEntries(COHORTS.map((c) => [c, { n: 0, before: win(), after: win(), transitions: matrix() }]));
}

/** SHA-256 of every column of a dataset: equal digests = bit-for-bit equal datasets. */
function datasetDigest(ds) {
  const h = createHash("sha256");
  const bytes = (a) => h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  const c = ds.children;
  h.update(JSON.stringify([c.count, c.ids, c.familyId, c.ethnicity]));
  for (const a of [c.cohort, c.start, c.end, c.birth, c.siblingGroupSize, ds.episodes.child, ds.episodes.status, ds.episodes.start, ds.episodes.end, ds.referrals.child, ds.referrals.date]) bytes(a);
  return h.digest("hex");
}

// ===================================================================== Evident worker
async function evidentWorker(args) {
  const t00 = now();
  const { core, node } = await importCore();
  if (typeof node.loadDatasetDir !== "function") throw new Error("@evident/core/node does not export loadDatasetDir");
  const setupMs = now() - t00;

  const t0 = now();
  const loaded = await node.loadDatasetDir(args.dir, args.threads ? { threads: args.threads } : {});
  const t1 = now();
  const result = core.analyse(loaded.dataset, {
    asAt: args.asAt,
    windowMonths: args.windowMonths,
    bootstrap: { replicates: 0, seed: args.seed },
  });
  const t2 = now();
  const peak = peakRssMiB();

  // Where the analysis time goes: the window computation on its own (second, warm call);
  // the rest of analyse() is aggregation (totals, profiles, costs, DiD point estimates, warnings).
  const asAtDay = core.parseIsoDay(args.asAt);
  const tw = now();
  core.computeChildWindows(loaded.dataset, asAtDay, args.windowMonths);
  const windowMs = now() - tw;

  // Reference point, not part of the total: just reading the three files' bytes (warm page cache).
  const tr = now();
  let bytes = 0;
  for (const f of ["children.csv", "episodes.csv", "referrals.csv"]) bytes += readFileSync(join(args.dir, f)).length;
  const rawReadMs = now() - tr;

  const totals = emptyTotals();
  for (const name of COHORTS) {
    const c = result.cohorts[name];
    const t = totals[name];
    t.n = c.n;
    for (const w of ["before", "after"]) {
      t[w].referrals = c[w].referrals;
      for (const s of STATUSES) t[w][s] = { children: c[w][s].children, days: c[w][s].days };
    }
    for (const b of HIGHEST) for (const f of HIGHEST) t.transitions[b][f] = c.transitions[b][f];
  }
  const ds = loaded.dataset;
  // A small extract is read on one thread by default: read it once more on all cores (not timed), so that
  // the worker path is checked against it at every size.
  const workersToo = !args.threads && loaded.timings?.threads === 1 && cpus().length > 1;
  const parallelDigest = workersToo ? datasetDigest((await node.loadDatasetDir(args.dir, { threads: cpus().length })).dataset) : undefined;
  return {
    engine: "evident",
    threads: loaded.timings?.threads,
    datasetDigest: datasetDigest(ds),
    ...(parallelDigest ? { parallelDigest } : {}),
    setupMs,
    loadMs: t1 - t0,
    analysisMs: t2 - t1,
    totalMs: t2 - t0,
    peakMiB: peak.maxRSS,
    vmHWMMiB: peak.vmHWM,
    phases: {
      loader: loaded.timings ?? {},
      windowsMs: windowMs,
      aggregationMs: Math.max(0, t2 - t1 - windowMs),
      rawReadMs,
      bytes,
    },
    rows: { children: ds.children.count, episodes: ds.episodes.count, referrals: ds.referrals.count },
    totals,
    saving: result.saving,
  };
}

async function evidentBootstrapWorker(args) {
  const { core, node } = await importCore();
  const { dataset } = await node.loadDatasetDir(args.dir);
  const opts = (replicates) => ({ asAt: args.asAt, windowMonths: args.windowMonths, bootstrap: { replicates, seed: args.seed } });
  core.analyse(dataset, opts(0)); // warm-up
  const t0 = now();
  core.analyse(dataset, opts(0));
  const t1 = now();
  const result = core.analyse(dataset, opts(args.bootstrap));
  const t2 = now();
  const peak = peakRssMiB();
  return {
    engine: "evident-bootstrap",
    replicates: args.bootstrap,
    analyseNoBootstrapMs: t1 - t0,
    analyseWithBootstrapMs: t2 - t1,
    bootstrapMs: t2 - t1 - (t1 - t0),
    peakMiB: peak.maxRSS,
    costCi95: result.differenceInDifferences.measures.cost.ci95,
    method: result.differenceInDifferences.method,
  };
}

// ===================================================================== DuckDB worker
const sqlString = (s) => `'${String(s).replace(/'/g, "''")}'`;

async function duckdbWorker(args) {
  const t00 = now();
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const n = String(args.threads || 1);
  const db = await DuckDBInstance.create(":memory:", { threads: n });
  const con = await db.connect();
  await con.run(`SET threads=${n}`);
  const version = (await con.runAndReadAll("SELECT version() AS v")).getRowObjectsJson()[0].v;
  const threads = (await con.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJson()[0].t;
  const setupMs = now() - t00;

  const phases = {};
  const timed = async (name, sql) => {
    const t = now();
    const reader = await con.runAndReadAll(sql);
    phases[name] = now() - t;
    return reader.getRowObjectsJson();
  };
  const csv = (file, columns) =>
    `read_csv(${sqlString(join(args.dir, file))}, header = true, delim = ',', quote = '"', auto_detect = false, columns = {${Object.entries(columns)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(", ")}})`;

  const t0 = now();
  await timed(
    "read children.csv",
    `CREATE TABLE children AS SELECT * FROM ${csv("children.csv", {
      child_id: "VARCHAR",
      cohort: "VARCHAR",
      start_date: "DATE",
      end_date: "DATE",
      family_id: "VARCHAR",
      birth_date: "DATE",
      ethnicity: "VARCHAR",
      sibling_group_size: "INTEGER",
    })}`,
  );
  await timed("read episodes.csv", `CREATE TABLE episodes AS SELECT * FROM ${csv("episodes.csv", { child_id: "VARCHAR", status: "VARCHAR", start_date: "DATE", end_date: "DATE" })}`);
  await timed("read referrals.csv", `CREATE TABLE referrals AS SELECT * FROM ${csv("referrals.csv", { child_id: "VARCHAR", referral_date: "DATE" })}`);
  const t1 = now();

  const asAt = `DATE ${sqlString(args.asAt)}`;
  const m = Number(args.windowMonths);
  // One row per child: its before window [start − M months, start) and after window
  // [end + 1, end + M months + 1), both cut at as-at; ci = the row number, an integer key for the partitions below.
  await timed(
    "windows",
    `CREATE TEMP TABLE cw AS
       SELECT rowid AS ci, child_id, cohort,
              CAST(start_date - INTERVAL ${m} MONTH AS DATE) AS b_s, least(start_date, ${asAt}) AS b_e,
              end_date + 1 AS a_s, least(CAST(end_date + INTERVAL ${m} MONTH AS DATE) + 1, ${asAt}) AS a_e
       FROM children`,
  );
  // Days per child × window × status: each episode clipped to both windows (open = runs to as-at), then the
  // union of a child's overlapping episodes of one status: sorted by start, each interval adds only what lies
  // beyond the furthest end seen so far (gaps and islands with a running maximum, one window pass).
  await timed(
    "episode windows (join + union)",
    `CREATE TEMP TABLE child_status AS
     WITH clipped AS (
       SELECT c.ci, c.cohort, t.w,
              CASE e.status WHEN 'CIN' THEN 1 WHEN 'CP' THEN 2 WHEN 'CLA' THEN 3 END AS st,
              greatest(e.start_date, CASE t.w WHEN 0 THEN c.b_s ELSE c.a_s END) AS s,
              least(coalesce(e.end_date, ${asAt}), CASE t.w WHEN 0 THEN c.b_e ELSE c.a_e END) AS en
       FROM episodes e JOIN cw c ON e.child_id = c.child_id CROSS JOIN (VALUES (0), (1)) t(w)
     ), kept AS (
       SELECT *, ci * 8 + w * 4 + st AS k FROM clipped WHERE en > s
     ), runs AS (
       SELECT *, max(en) OVER (PARTITION BY k ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS covered FROM kept
     )
     SELECT ci, cohort, w, st, sum(greatest(0, en - greatest(s, coalesce(covered, s)))) AS days
     FROM runs GROUP BY k, ci, cohort, w, st`,
  );
  const statusRows = await timed("status totals", `SELECT cohort, w, st, count(*) AS children, sum(days) AS days FROM child_status GROUP BY ALL`);
  // Highest status per child and window (0 = none); children with no status in either window are n − the rest.
  const transitionRows = await timed(
    "transition matrix",
    `WITH hi AS (
       SELECT ci, cohort, coalesce(max(st) FILTER (WHERE w = 0), 0) AS hb, coalesce(max(st) FILTER (WHERE w = 1), 0) AS ha
       FROM child_status GROUP BY ci, cohort
     )
     SELECT cohort, hb, ha, count(*) AS n FROM hi GROUP BY ALL
     UNION ALL
     SELECT cohort, -1 AS hb, -1 AS ha, count(*) AS n FROM children GROUP BY ALL`,
  );
  const referralRows = await timed(
    "referrals in windows",
    `SELECT c.cohort, CASE WHEN r.referral_date < c.b_e THEN 0 ELSE 1 END AS w, count(*) AS referrals
     FROM referrals r JOIN cw c ON r.child_id = c.child_id
     WHERE (r.referral_date >= c.b_s AND r.referral_date < c.b_e) OR (r.referral_date >= c.a_s AND r.referral_date < c.a_e)
     GROUP BY ALL`,
  );
  const t2 = now();
  const counts = (await con.runAndReadAll(`SELECT (SELECT count(*) FROM children) AS c, (SELECT count(*) FROM episodes) AS e, (SELECT count(*) FROM referrals) AS r`)).getRowObjectsJson()[0];
  const peak = peakRssMiB();

  const totals = emptyTotals();
  const cohortOf = (text) => {
    const c = String(text).trim().toLowerCase();
    if (!COHORTS.includes(c)) throw new Error(`unexpected cohort ${text}`);
    return totals[c];
  };
  for (const r of transitionRows) {
    const t = cohortOf(r.cohort);
    if (Number(r.hb) === -1) t.n += Number(r.n);
    else t.transitions[HIGHEST[Number(r.hb)]][HIGHEST[Number(r.ha)]] += Number(r.n);
  }
  for (const name of COHORTS) {
    const t = totals[name];
    let placed = 0;
    for (const b of HIGHEST) for (const f of HIGHEST) placed += t.transitions[b][f];
    t.transitions.none.none += t.n - placed;
  }
  for (const r of statusRows) {
    const cell = cohortOf(r.cohort)[Number(r.w) === 0 ? "before" : "after"][STATUSES[Number(r.st) - 1]];
    cell.children += Number(r.children);
    cell.days += Number(r.days);
  }
  for (const r of referralRows) cohortOf(r.cohort)[Number(r.w) === 0 ? "before" : "after"].referrals += Number(r.referrals);
  con.closeSync();
  db.closeSync();
  return {
    engine: "duckdb",
    version,
    threads,
    setupMs,
    loadMs: t1 - t0,
    analysisMs: t2 - t1,
    totalMs: t2 - t0,
    peakMiB: peak.maxRSS,
    vmHWMMiB: peak.vmHWM,
    phases,
    rows: { children: Number(counts.c), episodes: Number(counts.e), referrals: Number(counts.r) },
    totals,
  };
}

// ===================================================================== orchestration
function runWorker(kind, args, dir, extraNodeArgs = []) {
  const childArgs = [
    ...extraNodeArgs,
    fileURLToPath(import.meta.url),
    "--worker",
    kind,
    "--dir",
    dir,
    "--as-at",
    args.asAt,
    "--window-months",
    String(args.windowMonths),
    "--bootstrap",
    String(args.bootstrap),
    "--seed",
    String(args.seed),
    "--threads",
    String(args.threads ?? 0),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, childArgs, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (code !== 0 || !line) return reject(new Error(`${kind} worker failed (exit ${code})${out ? `:\n${out.slice(-2000)}` : ""}`));
      resolvePromise(JSON.parse(line.slice(RESULT_MARK.length)));
    });
  });
}

async function ensureData(n, args) {
  const dir = join(args.data, sizeLabel(n).toLowerCase());
  const metaPath = join(dir, "meta.json");
  const { generate, GENERATOR_VERSION } = await import(pathToFileURL(join(HERE, "generate.mjs")).href);
  let meta;
  if (existsSync(metaPath)) {
    meta = JSON.parse(readFileSync(metaPath, "utf8"));
    if (meta.children !== n || meta.version !== GENERATOR_VERSION) meta = undefined;
  }
  if (!meta) {
    process.stderr.write(`generating ${sizeLabel(n)} children into ${dir} …\n`);
    meta = await generate({ children: n, out: dir, log: (m) => process.stderr.write(`${m}\n`) });
  }
  return { dir, meta };
}

/** Lists every cell where the two engines' totals differ. */
function compareTotals(a, b) {
  const diffs = [];
  const walk = (x, y, path) => {
    if (typeof x === "object" && x !== null) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y ?? {})])) walk(x[k], y?.[k], `${path}.${k}`);
    } else if (x !== y) diffs.push({ cell: path.slice(1), evident: x, duckdb: y });
  };
  walk(a, b, "");
  return diffs;
}

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const medianRun = (runs) => {
  const sorted = [...runs].sort((p, q) => p.totalMs - q.totalMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/** Top functions by self time over several V8 .cpuprofile files (one per thread). */
function summariseProfile(files, top = 15) {
  const self = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8"));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas;
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]);
      const d = dt[i] ?? 0;
      total += d;
      const cf = node.callFrame;
      const key = `${cf.functionName || "(anonymous)"}  ${cf.url ? cf.url.replace(/^file:\/\//, "").replace(`${ROOT}/`, "") : ""}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
      self.set(key, (self.get(key) ?? 0) + d);
    }
  }
  return {
    totalMs: total / 1000,
    top: [...self.entries()]
      .sort((p, q) => q[1] - p[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, selfMs: round(us / 1000), share: round((100 * us) / total, 1) })),
  };
}

function pad(text, width, left = false) {
  const s = String(text);
  return left ? s.padEnd(width) : s.padStart(width);
}
const fmtMs = (x) => (x == null ? "–" : x >= 100 ? String(Math.round(x)) : x.toFixed(1));

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.worker) {
    const fn = { evident: evidentWorker, "evident-bootstrap": evidentBootstrapWorker, duckdb: duckdbWorker }[args.worker];
    if (!fn) throw new Error(`unknown worker ${args.worker}`);
    const result = await fn(args);
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
    return;
  }

  const started = new Date();
  const machine = {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
  };
  process.stderr.write(`evident analyse benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
  const sizes = [];
  let anyMismatch = false;
  for (const n of args.sizes) {
    const { dir, meta } = await ensureData(n, args);
    const asAt = args.asAt ?? meta.asAt ?? "2021-03-31";
    const wargs = { ...args, asAt };
    process.stderr.write(`\n${sizeLabel(n)} children, ${meta.episodes} episodes, ${meta.referrals} referrals (as at ${asAt}):\n`);
    const runs = Object.fromEntries(args.engines.map((e) => [e, []]));
    for (let r = 0; r < args.repeat; r++) {
      for (const engine of args.engines) {
        const spec = ENGINES[engine];
        const res = await runWorker(spec.kind, { ...wargs, threads: spec.threads }, dir);
        res.engine = engine;
        runs[engine].push(res);
        process.stderr.write(`  run ${r + 1} ${pad(engine, 10, true)} load ${fmtMs(res.loadMs)} ms, analysis ${fmtMs(res.analysisMs)} ms, total ${fmtMs(res.totalMs)} ms, peak ${Math.round(res.peakMiB)} MiB\n`);
      }
    }
    let bootstrap;
    if (args.engines.includes("evident") && args.bootstrap > 0) {
      // The interval as `evident analyse` computes it by default: a bootstrap up to the core's work
      // budget (replicates × children), the normal interval beyond it — `method` says which.
      const run = args.bootstrap;
      bootstrap = await runWorker("evident-bootstrap", { ...wargs, bootstrap: run }, dir);
      bootstrap.measuredReplicates = run;
      bootstrap.replicates = args.bootstrap;
      bootstrap.measuredMs = bootstrap.bootstrapMs;
      bootstrap.bootstrapMs = (bootstrap.measuredMs * args.bootstrap) / run;
      bootstrap.extrapolated = run !== args.bootstrap;
      bootstrap.perReplicateMs = bootstrap.measuredMs / run;
      process.stderr.write(
        `  DiD interval (${bootstrap.method}), ${args.bootstrap} replicates asked: ${fmtMs(Math.max(0, bootstrap.bootstrapMs))} ms${bootstrap.extrapolated ? ` (estimated from ${run} replicates measured, ${fmtMs(bootstrap.measuredMs)} ms)` : ""}; peak ${Math.round(bootstrap.peakMiB)} MiB\n`,
      );
    }
    let profile;
    const profiled = args.engines.find((e) => ENGINES[e].kind === "evident");
    if (args.profile && profiled) {
      const profDir = join(args.data, "profiles", sizeLabel(n).toLowerCase());
      mkdirSync(profDir, { recursive: true });
      const before = new Set(readdirSync(profDir));
      // --cpu-prof writes one profile per thread: the main thread's and each worker's.
      await runWorker("evident", { ...wargs, threads: ENGINES[profiled].threads }, dir, ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
      const files = readdirSync(profDir)
        .filter((f) => f.endsWith(".cpuprofile") && !before.has(f))
        .map((f) => join(profDir, f));
      if (files.length) profile = { engine: profiled, files: files.map((f) => f.replace(`${ROOT}/`, "")), ...summariseProfile(files) };
    }

    const med = Object.fromEntries(args.engines.map((e) => [e, medianRun(runs[e])]));
    let mismatches = [];
    // Every run of every engine must give the same totals as the first run.
    const all = args.engines.flatMap((e) => runs[e]);
    for (const run of all.slice(1)) {
      for (const d of compareTotals(all[0].totals, run.totals)) mismatches.push({ ...d, between: `${all[0].engine} vs ${run.engine}` });
    }
    // And Evident's dataset must be the same bit for bit whatever its threads.
    const evidentRuns = all.filter((r) => r.datasetDigest);
    for (const run of evidentRuns) {
      if (run.parallelDigest && run.parallelDigest !== evidentRuns[0].datasetDigest) mismatches.push({ cell: `dataset digest (${run.engine}, read again on all cores)`, evident: evidentRuns[0].datasetDigest.slice(0, 16), duckdb: run.parallelDigest.slice(0, 16), between: `${evidentRuns[0].engine} vs ${run.engine} on all cores` });
    }
    for (const run of evidentRuns.slice(1)) {
      if (run.datasetDigest !== evidentRuns[0].datasetDigest) mismatches.push({ cell: `dataset digest (${run.engine})`, evident: evidentRuns[0].datasetDigest.slice(0, 16), duckdb: run.datasetDigest.slice(0, 16), between: `${evidentRuns[0].engine} vs ${run.engine}` });
    }
    // Keep one entry per cell.
    mismatches = [...new Map(mismatches.map((d) => [d.cell, d])).values()];
    if (mismatches.length) anyMismatch = true;
    const ratio = (x, y) => (med[x] && med[y] ? med[x].totalMs / med[y].totalMs : undefined);
    const best = (e) => Math.min(...runs[e].map((x) => x.totalMs));
    const ratioOfBest = (x, y) => (med[x] && med[y] ? best(x) / best(y) : undefined);
    sizes.push({
      children: n,
      label: sizeLabel(n),
      data: { dir: dir.replace(`${ROOT}/`, ""), episodes: meta.episodes, referrals: meta.referrals, openEpisodes: meta.openEpisodes, bytes: meta.bytes },
      asAt,
      engines: Object.fromEntries(args.engines.map((e) => [e, { ...med[e], allTotalMs: runs[e].map((x) => round(x.totalMs, 1)), medianOf: runs[e].length }])),
      ratios: {
        evidentVsDuckdbAllCores: ratio("evident", "duckdb-all"),
        evidentVsDuckdbOneThread: ratio("evident", "duckdb"),
        evidentOneThreadVsDuckdbOneThread: ratio("evident-1", "duckdb"),
      },
      ratiosOfBest: {
        evidentVsDuckdbAllCores: ratioOfBest("evident", "duckdb-all"),
        evidentVsDuckdbOneThread: ratioOfBest("evident", "duckdb"),
        evidentOneThreadVsDuckdbOneThread: ratioOfBest("evident-1", "duckdb"),
      },
      check: all.length > 1 ? (mismatches.length ? "MISMATCH" : "same totals") : "not compared",
      datasetsIdentical: evidentRuns.length > 1 ? evidentRuns.every((r) => r.datasetDigest === evidentRuns[0].datasetDigest) : undefined,
      mismatches,
      bootstrap,
      profile,
    });
  }

  // ------------------------------------------------------------------ report
  const lines = [];
  const say = (s = "") => lines.push(s);
  say("");
  say(`evident analyse vs DuckDB — median of ${args.repeat} run(s) per engine; times in ms, memory = peak RSS of the engine's own process in MiB; "1t" = one thread, "all" = all cores`);
  say(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load average ${machine.loadAverageAtStart[0]} at start, ${round(loadavg()[0], 2)} at end${loadavg()[0] > machine.cores * 0.75 ? " — the machine was busy with other work: expect noisy times" : ""}`);
  say("");
  const head = ["children", "episodes", "engine", "load/parse", "analysis", "total", "best total", "peak RSS", "/DuckDB 1t", "/DuckDB all", "totals"];
  const widths = [9, 9, 10, 11, 9, 9, 10, 9, 10, 11, 12];
  say(head.map((h, i) => pad(h, widths[i], i === 2)).join("  "));
  say(widths.map((w) => "-".repeat(w)).join("  "));
  for (const s of sizes) {
    for (const e of args.engines) {
      const r = s.engines[e];
      const vs = (y) => (ENGINES[e].kind === "evident" && s.engines[y] ? (r.totalMs / s.engines[y].totalMs).toFixed(2) : "");
      say(
        [
          pad(s.label, widths[0]),
          pad(s.data.episodes, widths[1]),
          pad(ENGINES[e].label, widths[2], true),
          pad(fmtMs(r.loadMs), widths[3]),
          pad(fmtMs(r.analysisMs), widths[4]),
          pad(fmtMs(r.totalMs), widths[5]),
          pad(fmtMs(Math.min(...r.allTotalMs)), widths[6]),
          pad(Math.round(r.peakMiB), widths[7]),
          pad(vs("duckdb"), widths[8]),
          pad(vs("duckdb-all"), widths[9]),
          pad(e === args.engines[0] ? s.check : "", widths[10]),
        ].join("  "),
      );
    }
  }
  say("");
  for (const s of sizes) {
    if (s.mismatches.length) {
      say(`!!!!!!!! MISMATCH at ${s.label} children: ${s.mismatches.length} cell(s) differ !!!!!!!!`);
      for (const d of s.mismatches.slice(0, 40)) say(`  ${d.cell}: ${d.evident} vs ${d.duckdb} (${d.between})`);
      say("");
    }
  }

  say("Where the time goes (median runs):");
  for (const s of sizes) {
    for (const e of args.engines) {
      const r = s.engines[e];
      if (ENGINES[e].kind === "evident") {
        const loader = r.phases.loader ?? {};
        const parts = [];
        for (const [k, v] of Object.entries(loader)) if (typeof v === "number" && !/^(total|threads)/i.test(k)) parts.push(`${k.replace(/Ms$/, "")} ${fmtMs(v)}`);
        parts.push(`window computation ${fmtMs(r.phases.windowsMs)}`, `aggregation ${fmtMs(r.phases.aggregationMs)}`);
        if (e === "evident" && s.bootstrap) parts.push(`[not in total: DiD interval, ${s.bootstrap.method === "bootstrap" ? `bootstrap ×${s.bootstrap.replicates}` : "normal (over the bootstrap budget)"} ${fmtMs(Math.max(0, s.bootstrap.bootstrapMs))}]`);
        say(`  ${pad(s.label, 5)} ${pad(ENGINES[e].label, 10, true)} (${r.threads} thread${r.threads === 1 ? "" : "s"}): ${parts.join(" | ")}  (total ${fmtMs(r.totalMs)}; module import ${fmtMs(r.setupMs)} not counted; reading the files' ${round(r.phases.bytes / 1024 ** 2, 1)} MiB alone: ${fmtMs(r.phases.rawReadMs)})`);
      } else {
        say(`  ${pad(s.label, 5)} ${pad(ENGINES[e].label, 10, true)} (threads=${r.threads}): ${Object.entries(r.phases).map(([k, v]) => `${k} ${fmtMs(v)}`).join(" | ")}  (total ${fmtMs(r.totalMs)}; instance start ${fmtMs(r.setupMs)} not counted)`);
      }
    }
  }
  for (const s of sizes) {
    if (!s.profile) continue;
    say(`Hottest functions, ${ENGINES[s.profile.engine].label} at ${s.label} (self time over all its threads, ${s.profile.files.length} profile(s) in ${dirname(s.profile.files[0])}):`);
    for (const t of s.profile.top) say(`  ${pad(fmtMs(t.selfMs), 7)} ms ${pad(t.share.toFixed(1), 5)}%  ${t.fn}`);
  }

  // Goals.
  say("");
  say("Goals:");
  const big = sizes.find((s) => s.children === 1_000_000) ?? sizes.at(-1);
  const mid = sizes.find((s) => s.children === 100_000);
  const verdict = (ok) => (ok ? "PASS" : "FAIL");
  const r = big?.ratios ?? {};
  const rb = big?.ratiosOfBest ?? {};
  if (r.evidentVsDuckdbAllCores !== undefined) say(`  Evident faster than DuckDB on all cores end to end at ${big.label}: ratio ${r.evidentVsDuckdbAllCores.toFixed(2)} of medians, ${rb.evidentVsDuckdbAllCores.toFixed(2)} of best runs (goal < ${GOALS.ratioAllCoresBelow}) … ${verdict(r.evidentVsDuckdbAllCores < GOALS.ratioAllCoresBelow)}`);
  if (r.evidentVsDuckdbOneThread !== undefined) say(`  Evident at most half of DuckDB on one thread at ${big.label}: ratio ${r.evidentVsDuckdbOneThread.toFixed(2)} of medians, ${rb.evidentVsDuckdbOneThread.toFixed(2)} of best runs (goal ≤ ${GOALS.ratioOneThreadAtMost}) … ${verdict(r.evidentVsDuckdbOneThread <= GOALS.ratioOneThreadAtMost)}`);
  if (r.evidentOneThreadVsDuckdbOneThread !== undefined) say(`  (for reference: Evident on one thread / DuckDB on one thread at ${big.label}: ${r.evidentOneThreadVsDuckdbOneThread.toFixed(2)})`);
  if (big?.engines.evident) say(`  Evident peak memory at ${big.label}: ${Math.round(big.engines.evident.peakMiB)} MiB (goal ≤ ${GOALS.peakMiB} MiB = 1 GiB) … ${verdict(big.engines.evident.peakMiB <= GOALS.peakMiB)}`);
  if (mid?.engines.evident) say(`  Evident at 100k children: ${fmtMs(mid.engines.evident.totalMs)} ms (goal < ${GOALS.children100kMs} ms) … ${verdict(mid.engines.evident.totalMs < GOALS.children100kMs)}`);
  say(`  Same totals in every engine and run, and Evident's dataset identical on one thread and on all cores: ${anyMismatch ? "NO — MISMATCH (see above)" : sizes.every((s) => s.check === "same totals") ? `yes, at every size${sizes.every((s) => s.datasetsIdentical) ? " (dataset digests equal)" : ""}` : "not checked at every size"}`);
  process.stdout.write(`${lines.join("\n")}\n`);

  const out = args.out ?? join(ROOT, "bench", "results", `analyse-${started.toISOString().slice(0, 10)}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const json = {
    benchmark: "evident analyse vs DuckDB",
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => round(x, 2)) },
    options: { sizes: args.sizes, repeat: args.repeat, bootstrap: args.bootstrap, bootstrapLarge: args.bootstrapLarge, windowMonths: args.windowMonths, asAt: args.asAt ?? "from data (2021-03-31)", seed: args.seed },
    goals: GOALS,
    sizes,
    mismatch: anyMismatch,
  };
  writeFileSync(out, `${JSON.stringify(json, (k, v) => (typeof v === "number" && !Number.isInteger(v) ? round(v, 2) : v), 2)}\n`);
  process.stderr.write(`\nresults written to ${out.replace(`${ROOT}/`, "")}\n`);
  if (anyMismatch) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`bench/analyse: ${error.stack ?? error.message}\n`);
  process.exitCode = 2;
});
