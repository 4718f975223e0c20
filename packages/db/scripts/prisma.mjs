#!/usr/bin/env node
// Runs the Prisma 6.19 CLI with nothing to download: the WebAssembly schema
// engine through prisma.config.ts, engine paths pointed at /dev/null so the CLI
// skips its download check, and a dummy DATABASE_URL (the schema requires the
// field; every connection goes through a driver adapter).
//   node scripts/prisma.mjs generate [--if-changed]   generate the client into src/generated/prisma
//   node scripts/prisma.mjs new-migration <name>      write prisma/migrations/<timestamp>_<name>/migration.sql
//                                                     (diff from the committed migrations to schema.prisma)
//   node scripts/prisma.mjs <any prisma args>         e.g. validate, format
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  DATABASE_URL: "postgresql://prisma-cli@localhost/unused",
  PRISMA_SCHEMA_ENGINE_BINARY: "/dev/null",
  PRISMA_QUERY_ENGINE_LIBRARY: "/dev/null",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_SKIP_POSTINSTALL_GENERATE: "1",
  CHECKPOINT_DISABLE: "1",
};
const prismaBin = (() => {
  for (let dir = root; ; dir = dirname(dir)) {
    const bin = join(dir, "node_modules", "prisma", "build", "index.js");
    if (existsSync(bin)) return bin;
    if (dirname(dir) === dir) throw new Error("prisma is not installed (npm install)");
  }
})();
const prisma = (args, opts = {}) => {
  const r = spawnSync(process.execPath, [prismaBin, ...args], { cwd: root, env, encoding: "utf8", stdio: opts.capture ? ["ignore", "pipe", "inherit"] : "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r.stdout;
};

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "generate") {
  const schema = readFileSync(join(root, "prisma", "schema.prisma"), "utf8");
  const pkg = readFileSync(join(root, "package.json"), "utf8");
  const hash = createHash("sha256").update(schema).update(pkg).digest("hex");
  const marker = join(root, "src", "generated", "prisma", ".schema-hash");
  if (rest.includes("--if-changed") && existsSync(marker) && readFileSync(marker, "utf8") === hash) process.exit(0);
  prisma(["generate", "--no-hints"]);
  writeFileSync(marker, hash);
} else if (cmd === "new-migration") {
  const name = (rest[0] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  if (!name) throw new Error("usage: node scripts/prisma.mjs new-migration <name>");
  const sql = prisma(
    ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { capture: true },
  );
  if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
    console.log("schema.prisma matches the committed migrations: nothing to write");
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = join(root, "prisma", "migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql: review it, then commit it`);
} else {
  prisma([cmd, ...rest].filter(Boolean));
}
