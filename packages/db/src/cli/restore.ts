#!/usr/bin/env node
/**
 * `npm run db:restore -w @evident/db -- <backup.tgz>`: restores a backup made
 * by db:backup into the embedded data folder (EVIDENT_DATA_DIR or
 * <repo>/.data/pglite). Refuses to overwrite: move the current folder aside first.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { defaultDataDir } from "../paths.js";
import { run } from "./common.js";

await run(async () => {
  const file = process.argv[2];
  if (!file) throw new Error("usage: npm run db:restore -w @evident/db -- <backup.tgz>");
  const dataDir = resolve(process.env.EVIDENT_DATA_DIR || defaultDataDir());
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty. Move it aside first (mv "${dataDir}" "${dataDir}.old"), then run the restore again.`);
  }
  const blob = new Blob([readFileSync(resolve(file))]);
  const pg = await PGlite.create({ dataDir, loadDataDir: blob, relaxedDurability: false });
  const rows = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
  await pg.close();
  process.stdout.write(`restored ${file} into ${dataDir} (${rows.rows[0]?.n ?? 0} migration(s) recorded)\n`);
});
