#!/usr/bin/env node
// Starts the whole product for the end-to-end run: a temporary embedded
// database (deleted on exit) with the demo trust and demo logins, then the
// API, which serves the built portal (apps/portal/dist) on PORT.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const port = process.env.PORT ?? "3100";
const dataDir = process.env.EVIDENT_DATA_DIR ?? mkdtempSync(join(tmpdir(), "evident-e2e-"));
const temporary = !process.env.EVIDENT_DATA_DIR;
const env = { ...process.env, PORT: port, EVIDENT_DATA_DIR: dataDir, NODE_ENV: "development", EVIDENT_DEMO: "1" };
// Always the temporary embedded database, never a server the caller's environment points at.
delete env.DATABASE_URL;

const run = (args, opts = {}) => spawn(process.execPath, args, { stdio: "inherit", env, ...opts });
const cleanup = () => {
  if (temporary) rmSync(dataDir, { recursive: true, force: true });
};

const prepare = run([join(here, "prepare-demo-db.mjs")]);
prepare.on("exit", (code) => {
  if (code !== 0) {
    cleanup();
    process.exit(code ?? 1);
  }
  const api = run(["--import", "tsx", join(here, "api-entry.mjs")], { cwd: join(repo, "apps/api") });
  const stop = (signal) => api.kill(signal);
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  api.on("exit", (c) => {
    cleanup();
    process.exit(c ?? 0);
  });
});
