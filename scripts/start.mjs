#!/usr/bin/env node
// `npm start`: the whole product on one port. Builds what the product serves
// (cached by Turborepo), then starts the API server, which creates, migrates
// and seeds the embedded database on first start and serves the front ends.
// In production it first checks the required settings (see README "Going live").
// Before the API exists in a checkout, runs the example analysis instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (existsSync("apps/api/package.json")) {
  // In production, refuse at once (before building) when required settings are missing.
  const core = await import("@evident/core").catch(() => null);
  const missing = core?.missingProductionSettings?.(process.env) ?? [];
  if (missing.length > 0) {
    process.stderr.write(`${core.productionSettingsMessage(missing)}\n`);
    process.exit(1);
  }
  run("npx", ["--no-install", "turbo", "run", "build", "--output-logs=errors-only"]);
  run("npm", ["run", "start", "-w", "@evident/api"]);
} else {
  run("npx", ["--no-install", "evident", "analyse", "--data", "examples/ifp-like", "--as-at", "2020-03-01", "--programme-cost", "501597"]);
}
