#!/usr/bin/env node
/**
 * Load benchmark of the API on a large trust (issue: ≥ 1,000 requests/s at
 * p99 < 100 ms with 50 connections), reported, not asserted.
 *
 *   node bench/load.mjs [--children 100000] [--duration 20] [--connections 50] [--reuse] [--only list|get]
 *                       [--repeat 1] [--warmup 5] [--pool 6]
 *
 * --workers N runs the API as N processes on the port (EVIDENT_WORKERS).
 * --transport socket|tcp: how the API reaches PostgreSQL (default: its Unix socket, as on a
 * single machine; tcp = 127.0.0.1).
 * --repeat N measures each journey N times on the same warm server and reports each run and the median;
 * --warmup S runs S seconds of unmeasured load first (default 5); --pool N sets the API's PostgreSQL
 * connections per process (default 6 in all, for this 2-core machine; the product's default is 10).
 * --reuse keeps the seeded PostgreSQL in bench/.data/load-pg-<children>/ and uses it
 * again next time (seeding takes about 2 minutes).
 *
 * 1. starts a throwaway PostgreSQL (Debian's binaries) on a free loopback port;
 * 2. migrates it and seeds the demo trust plus the --scale trust (100k children,
 *    500k episodes) with @evident/db;
 * 3. starts the product (apps/api) on that database in its own process;
 * 4. signs in as a team manager of one of the scale teams (cookie session);
 * 5. runs autocannon against the authenticated caseload list (families.list)
 *    and family detail (families.get) reads, one after the other;
 * 6. prints requests/s, latency percentiles and errors, writes
 *    bench/results/load-<date>.json, and stops everything.
 * All traffic goes to 127.0.0.1. Needs `npm run build` first (the db package's dist).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { freePort, startPostgres } from "../scripts/lib/postgres.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]?.startsWith("--") ? "" : all[i + 1]]] : pairs), []),
);
const children = Number(args.children ?? 100_000);
const duration = Number(args.duration ?? 20);
const connections = Number(args.connections ?? 50);
const workers = Number(args.workers ?? 1);
const warmup = Number(args.warmup ?? 5);
// Runs per journey on the same warm server: the machine is shared, so one run can be a lucky or unlucky one.
const repeat = Number(args.repeat ?? 1);
// Connections per API process (EVIDENT_PG_POOL_MAX). PostgreSQL shares the two cores here: 6 in all
// (about 3 per core) keeps fewer backends competing for them than the product's default of 10; the
// sweep is in docs/benchmarks.md.
const pool = Number(args.pool ?? Math.ceil(6 / workers));
const log = (m) => process.stdout.write(`[load] ${m}\n`);

// fsync stays on: every read writes its audit row, so commit durability is part of the cost measured.
const reuse = process.argv.includes("--reuse");
const pg = await startPostgres({ durable: args.fsync !== "off", keep: reuse ? `${root}bench/.data/load-pg-${children}` : undefined });
if (!pg) throw new Error("PostgreSQL binaries not found: apt-get install postgresql");
let server;
const cleanup = () => {
  server?.kill("SIGTERM");
  pg.stop();
};
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});

/** CPU time used so far (ms): the API process(es), every PostgreSQL process, and this process (autocannon). */
function cpuSample(serverPid) {
  const tick = 1000 / 100; // USER_HZ
  const read = (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      // utime, stime, cutime, cstime (fields 14–17; index 11–14 after the comm)
      return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * tick;
    } catch {
      return 0;
    }
  };
  let postgres = 0;
  let api = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let comm = "";
    try {
      comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (comm === "postgres") postgres += read(pid);
    else if (Number(pid) === serverPid) api += read(pid);
    else if (comm === "node" && readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(serverPid)) api += read(pid);
  }
  const self = process.cpuUsage();
  return { api, postgres, loadGenerator: (self.user + self.system) / 1000 };
}

try {
  const db = await import(`${root}packages/db/dist/index.js`);
  const { hashPassword } = await import("better-auth/crypto");
  const handle = await db.createDb({ databaseUrl: pg.url, migrate: true });
  const email = "load.manager@bench.evident.local";
  const password = "load-bench-password-1";
  let user = await handle.prisma.user.findUnique({ where: { email } }).catch(() => null);
  if (!user) {
    let t = Date.now();
    await db.seed(handle.prisma, {});
    log(`demo trust seeded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    const scale = await db.seedScale(handle, { children, log: (line) => (/\d+%|done/.test(line) ? log(line) : undefined) });
    log(`scale trust seeded in ${((Date.now() - t) / 1000).toFixed(0)} s: ${JSON.stringify(scale.counts ?? scale)}`);
    // A manager of one scale team: sees that team's families (record scope = team).
    const seededTeam = await handle.prisma.team.findFirst({ where: { name: "Locality team 1 (scale)" }, select: { id: true } });
    user = await handle.prisma.user.create({ data: { name: "Load Manager", email, role: "manager", emailVerified: true, teamId: seededTeam.id } });
    await handle.prisma.account.create({ data: { userId: user.id, accountId: user.id, providerId: "credential", password: await hashPassword(password) } });
  } else log("reusing the seeded database");
  const team = { id: user.teamId };
  const teamFamilies = await handle.prisma.family.count({ where: { teamId: team.id } });
  const someFamilies = await handle.prisma.family.findMany({ where: { teamId: team.id }, select: { id: true }, take: 200 });
  await handle.close();
  log(`team has ${teamFamilies} families; sampling ${someFamilies.length} for detail reads`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // EVIDENT_PROFILE_DIR=dir writes a CPU profile of the server there when it stops.
  const profile = process.env.EVIDENT_PROFILE_DIR ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.EVIDENT_PROFILE_DIR}`] : [];
  // The same Node flags as `npm start` (apps/api/package.json): a 64 MiB young generation, so the objects of
  // requests in flight die young instead of being promoted (fewer, cheaper collections under load).
  server = spawn(process.execPath, [...profile, "--max-semi-space-size=64", "--import", "tsx", "apps/api/src/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: args.transport === "tcp" ? pg.url : pg.socketUrl, PORT: String(port), EVIDENT_BASE_URL: base, LOG_LEVEL: "warn", EVIDENT_PG_POOL_MAX: String(pool), EVIDENT_WORKERS: String(workers), EVIDENT_TRPC_LIMIT_PER_ADDRESS: "0", EVIDENT_TRPC_LIMIT_PER_SESSION: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (i > 120) throw new Error("the API did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email, password }) });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

  const input = (value) => encodeURIComponent(JSON.stringify(value));
  const listPath = `/trpc/families.list?input=${input({ limit: 25 })}`;
  const check = await fetch(base + listPath, { headers: { cookie } });
  if (!check.ok) throw new Error(`families.list failed: ${check.status} ${await check.text()}`);
  let n = 0;
  const journeys = [
    { name: "caseload list (families.list, 25 a page)", requests: [{ method: "GET", path: listPath, headers: { cookie } }] },
    {
      name: "family detail (families.get)",
      requests: [
        {
          method: "GET",
          headers: { cookie },
          setupRequest: (req) => ({ ...req, path: `/trpc/families.get?input=${input({ id: someFamilies[n++ % someFamilies.length].id })}` }),
        },
      ],
    },
  ];
  const results = [];
  for (const j of journeys.filter((j) => !args.only || j.name.includes(args.only === "get" ? "detail" : "caseload"))) {
    // Warm-up, not measured: JIT compilation, each pool connection's prepared statements, the first
    // collections. Standard practice; the measured runs then start on a warm server.
    if (warmup > 0) await autocannon({ url: base, connections, duration: warmup, requests: j.requests });
    for (let round = 1; round <= repeat; round++) {
      log(`${j.name}: ${connections} connections for ${duration} s${repeat > 1 ? ` (run ${round} of ${repeat})` : ""}`);
      const before = cpuSample(server.pid);
      const r = await autocannon({ url: base, connections, duration, requests: j.requests });
      const after = cpuSample(server.pid);
      // CPU milliseconds per request, by process: where the two cores go.
      const perRequest = Object.fromEntries(Object.keys(after).map((k) => [k, Number(((after[k] - before[k]) / r.requests.total).toFixed(3))]));
      const row = { journey: j.name, run: round, requestsPerSecond: Math.round(r.requests.average), mean: r.latency.mean, p50: r.latency.p50, p75: r.latency.p75, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, total: r.requests.total, cpuMsPerRequest: perRequest, loadAverage: loadavg()[0] };
      results.push(row);
      log(`  ${row.requestsPerSecond} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}, errors ${row.errors}; CPU ms per request ${JSON.stringify(perRequest)}`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const summary = [...new Set(results.map((r) => r.journey))].map((journey) => {
    const runs = results.filter((r) => r.journey === journey);
    const met = runs.filter((r) => r.requestsPerSecond >= 1000 && r.p99 < 100).length;
    return { journey, runs: runs.length, medianRequestsPerSecond: median(runs.map((r) => r.requestsPerSecond)), medianP99: median(runs.map((r) => r.p99)), runsMeetingGoal: met };
  });
  const machine = `${cpus()[0]?.model ?? "cpu"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
  const report = { date: new Date().toISOString(), machine, children, connections, duration, warmup, repeat, workers, pgPoolPerProcess: pool, transport: args.transport === "tcp" ? "tcp" : "socket", teamFamilies, summary, results, goal: "≥ 1000 req/s at p99 < 100 ms" };
  mkdirSync(`${root}bench/results`, { recursive: true });
  writeFileSync(`${root}bench/results/load-${report.date.slice(0, 10)}${workers > 1 ? `-${workers}-workers` : ""}.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nAPI load on PostgreSQL, ${children.toLocaleString("en-GB")} children (${machine})`);
  console.log("journey                                     run   req/s   p50 ms   p99 ms   non-2xx   goal (≥1000 req/s, p99 < 100 ms)");
  for (const r of results) console.log(`${r.journey.padEnd(42)} ${String(r.run).padStart(5)} ${String(r.requestsPerSecond).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.non2xx).padStart(9)}   ${r.requestsPerSecond >= 1000 && r.p99 < 100 ? "met" : "NOT met"}`);
  for (const s of summary) console.log(`${s.journey}: median ${s.medianRequestsPerSecond} req/s, median p99 ${s.medianP99} ms; goal met in ${s.runsMeetingGoal} of ${s.runs} runs`);
} finally {
  cleanup();
}
