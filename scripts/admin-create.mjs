#!/usr/bin/env node
// `npm run admin:create -- --email E --name N [--another]`: builds what the
// command needs (cached by Turborepo; its output is shown only when it fails), then creates
// the administrator and prints the one-time set-password link on stdout.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const build = spawnSync("npx", ["--no-install", "turbo", "run", "build", "--filter=@evident/api^...", "--output-logs=errors-only"], { cwd: root, encoding: "utf8" });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`);
  process.exit(build.status ?? 1);
}
const cli = fileURLToPath(new URL("../apps/api/src/cli/admin-create.ts", import.meta.url));
const result = spawnSync(process.execPath, ["--import", "tsx", cli, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
