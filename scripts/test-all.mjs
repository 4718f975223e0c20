#!/usr/bin/env node
// The one test command (`npm test`): starts a throwaway PostgreSQL on a free
// loopback port (as the `postgres` user when run as root), runs every
// workspace's tests through Turborepo against both the embedded database and
// that server, then stops the server whatever happened.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ci = process.env.CI === "true" || process.env.CI === "1";
const log = (message) => process.stdout.write(`[test] ${message}\n`);

function findPgBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], "bin") : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startPostgres() {
  const bin = findPgBin();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "evident-pg-"));
  const data = join(dir, "data");
  const port = await freePort();
  const run = (cmd, args) => {
    const full = [join(bin, cmd), ...args];
    const result = asRoot
      ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", full.map((a) => `'${a}'`).join(" ")], { encoding: "utf8" })
      : spawnSync(full[0], full.slice(1), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const user = asRoot ? "postgres" : process.env.USER || "postgres";
  run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--no-locale"]);
  run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"]);
  const url = `postgresql://${user}@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch (error) {
        log(`could not stop PostgreSQL cleanly: ${error.message}`);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let pg;
const stopAll = () => {
  if (pg) {
    pg.stop();
    log("PostgreSQL stopped");
    pg = undefined;
  }
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

let code = 1;
try {
  pg = await startPostgres();
  if (pg) log(`throwaway PostgreSQL on ${pg.url.replace(/\/\/[^@]*@/, "//")}`);
  else if (ci) throw new Error("PostgreSQL binaries not found under /usr/lib/postgresql: install Debian's postgresql package");
  else log("PostgreSQL not installed: database tests run on the embedded PGlite only");
  const env = { ...process.env, ...(pg ? { EVIDENT_TEST_PG_URL: pg.url } : {}) };
  const turbo = spawn("npx", ["--no-install", "turbo", "run", "test", "--output-logs=full", "--concurrency=1", ...process.argv.slice(2)], { stdio: "inherit", env });
  code = await new Promise((resolve) => turbo.on("exit", (c) => resolve(c ?? 1)));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  stopAll();
}
process.exit(code);
