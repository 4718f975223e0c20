#!/usr/bin/env node
// `npm start`: the whole product on one port. Builds what the product serves
// (cached by Turborepo), then starts the API server, which creates, migrates
// and seeds the embedded database on first start and serves the front ends.
// Before the API exists in a checkout, runs the example analysis instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (existsSync("apps/api/package.json")) {
  run("npx", ["--no-install", "turbo", "run", "build", "--output-logs=errors-only"]);
  run("npm", ["run", "start", "-w", "@evident/api"]);
} else {
  run("npx", ["--no-install", "evident", "analyse", "--data", "examples/ifp-like", "--as-at", "2020-03-01", "--programme-cost", "501597"]);
}
