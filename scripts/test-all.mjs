#!/usr/bin/env node
// The one test command (`npm test`): starts a throwaway PostgreSQL on a free
// loopback port (as the `postgres` user when run as root), runs every
// workspace's tests through Turborepo against both the embedded database and
// that server, then stops the server whatever happened.
import { spawn } from "node:child_process";
import { startPostgres } from "./lib/postgres.mjs";

const ci = process.env.CI === "true" || process.env.CI === "1";
const log = (message) => process.stdout.write(`[test] ${message}\n`);

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
