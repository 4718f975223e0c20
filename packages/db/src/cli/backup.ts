#!/usr/bin/env node
/**
 * `npm run db:backup -w @evident/db [-- <file.tgz>]`: copies the embedded
 * database to a gzipped tarball (default `<data dir>/../backups/pglite-<time>.tgz`).
 * Stop Evident first: the data folder is opened exclusively. For PostgreSQL use pg_dump.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createDb, run } from "./common.js";

await run(async () => {
  if (process.env.DATABASE_URL) throw new Error("DATABASE_URL is set: back up PostgreSQL with pg_dump (e.g. pg_dump -Fc \"$DATABASE_URL\" > evident.dump)");
  const db = await createDb({ databaseUrl: null });
  try {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
    const file = resolve(process.argv[2] ?? join(dirname(db.dataDir!), "backups", `pglite-${stamp}.tgz`));
    const dump = await db.pglite!.dumpDataDir("gzip");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { flag: "wx" });
    process.stdout.write(`backed up ${db.dataDir} to ${file}\n`);
  } finally {
    await db.close();
  }
});
