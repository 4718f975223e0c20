#!/usr/bin/env node
// The API's integration tests, on both databases: first on the embedded
// PGlite (each test file gets a fresh in-memory database), then, when
// EVIDENT_TEST_PG_URL points at a throwaway PostgreSQL server (the root
// `npm test` starts one), the whole suite again on PostgreSQL. Extra
// arguments go to vitest (e.g. a file filter).
import { spawnSync } from "node:child_process";

const args = ["--no-install", "vitest", "run", ...process.argv.slice(2)];
const pgUrl = process.env.EVIDENT_TEST_PG_URL;
const runs = [{ name: "embedded PGlite", env: { ...process.env, EVIDENT_TEST_PG_URL: "" } }];
if (pgUrl) runs.push({ name: "PostgreSQL", env: { ...process.env } });
else process.stdout.write("EVIDENT_TEST_PG_URL is not set: the API tests run on PGlite only\n");

for (const run of runs) {
  process.stdout.write(`\n── API tests on ${run.name} ──\n`);
  const result = spawnSync("npx", args, { stdio: "inherit", env: run.env });
  if (result.status !== 0) {
    process.stdout.write(`API tests failed on ${run.name}\n`);
    process.exit(result.status ?? 1);
  }
}
