/**
 * Scheduled backups of the embedded database: once a day the running server
 * writes a gzipped copy of its data folder (PGlite `dumpDataDir`, taken
 * between queries, so it is consistent) to `<data dir>/../backups/
 * pglite-<time>.tgz` and keeps the newest 14. `npm run db:restore -w
 * @evident/db -- <file>` puts one back. PostgreSQL is backed up by its own
 * tools (pg_dump); nothing is scheduled there. EVIDENT_BACKUPS=off turns it off.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Db as EvidentDb } from "@evident/db";
import type { Logger } from "../logger.js";

export const BACKUPS_KEPT = 14;
export const DAY_MS = 86_400_000;
const NAME = /^pglite-\d{8}-\d{6}\.tgz$/;

/** The backups to delete so that the newest `keep` remain (names sort by time). */
export function backupsToRemove(names: readonly string[], keep = BACKUPS_KEPT): string[] {
  return names
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .slice(keep);
}

export function backupDirFor(dataDir: string): string {
  return join(dirname(dataDir), "backups");
}

export async function backupNow(db: Pick<EvidentDb, "pglite" | "dataDir">, options: { dir?: string; now: Date; keep?: number }): Promise<{ file: string; removed: string[] }> {
  if (!db.pglite || !db.dataDir) throw new Error("Scheduled backups are for the embedded database; back up PostgreSQL with pg_dump");
  const dir = options.dir ?? backupDirFor(db.dataDir);
  const stamp = options.now.toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  const file = join(dir, `pglite-${stamp}.tgz`);
  const dump = await db.pglite.dumpDataDir("gzip");
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { flag: "wx" });
  const removed = backupsToRemove(readdirSync(dir), options.keep ?? BACKUPS_KEPT);
  for (const name of removed) rmSync(join(dir, name), { force: true });
  return { file, removed };
}

/** Daily, the first an hour after start. */
export function startBackupScheduler(deps: { db: Pick<EvidentDb, "pglite" | "dataDir">; logger: Logger; now?: () => Date }): { stop(): void } {
  const now = deps.now ?? (() => new Date());
  const run = () =>
    backupNow(deps.db, { now: now() })
      .then((r) => deps.logger.info({ file: r.file, removed: r.removed.length }, "embedded database backed up"))
      .catch((error: unknown) => deps.logger.error({ err: error }, "scheduled backup failed"));
  const first = setTimeout(run, 3_600_000);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
