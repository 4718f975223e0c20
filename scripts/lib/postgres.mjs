// A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries,
// a temporary data folder, a free loopback port, started as the `postgres`
// user when run as root (PostgreSQL refuses to run as root).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function findPgBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], "bin") : undefined;
}

export function freePort() {
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

/**
 * `durable: true` keeps fsync on (benchmarks of writes); tests run with it off for speed.
 * `keep: dir` uses (and keeps) a server folder that survives the run — benchmarks reuse a
 * seeded database that way; `fresh` tells whether it had to be created.
 */
export async function startPostgres({ durable = false, keep } = {}) {
  const bin = findPgBin();
  if (!bin) return undefined;
  const asRoot = process.getuid?.() === 0;
  const dir = keep ?? mkdtempSync(join(tmpdir(), "evident-pg-"));
  const data = join(dir, "data");
  const fresh = !existsSync(join(data, "PG_VERSION"));
  if (keep) mkdirSync(dir, { recursive: true });
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
  if (fresh) run("initdb", ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--no-locale"]);
  run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${durable ? "" : "-c fsync=off "}-c max_connections=200`, "start"]);
  const url = `postgresql://${user}@127.0.0.1:${port}/postgres`;
  return {
    url,
    /** The same server over its Unix socket (no TCP: cheaper when the API runs on the same machine). */
    socketUrl: `postgresql://${user}@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    fresh,
    dataDir: data,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", keep ? "fast" : "immediate", "-w", "stop"]);
      } catch (error) {
        process.stderr.write(`could not stop PostgreSQL cleanly: ${error.message}\n`);
      }
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

