/**
 * A small migration runner for the committed SQL under prisma/migrations.
 * `prisma migrate deploy` needs the native schema engine (or a driver adapter
 * the CLI does not support on these machines), so Evident applies its
 * migrations itself, identically on PGlite and PostgreSQL:
 * - folders are applied in name order, each `migration.sql` in its own
 *   transaction together with its bookkeeping row (all or nothing);
 * - applied migrations are recorded in Prisma's own `_prisma_migrations`
 *   table (same columns, sha256 checksum of the file), so the Prisma CLI's
 *   `migrate status` / `migrate deploy` agree with it;
 * - concurrent runners (two API processes starting) serialise on a
 *   transaction-level advisory lock and re-check before applying;
 * - a committed migration whose file changed after it was applied stops the
 *   run (MigrationDriftError) instead of leaving the schema unknown.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Db, SqlRunner } from "./client.js";
import { MigrationDriftError, MigrationError } from "./errors.js";
import { migrationsDir } from "./paths.js";

/** The advisory lock key Prisma's own migrate uses. */
const LOCK_KEY = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  /** Applied by this run, in order. */
  applied: string[];
  /** Already applied before this run. */
  alreadyApplied: string[];
  /** Recorded in the database but not among the committed migrations (the database is newer than this code). */
  unknownInDatabase: string[];
}

const TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The committed migrations, in the order they apply. */
export function listMigrations(dir: string = migrationsDir): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

async function appliedRows(q: SqlRunner): Promise<AppliedRow[]> {
  return q.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

function check(rows: AppliedRow[], migrations: Migration[]): Map<string, AppliedRow> {
  const byName = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new MigrationDriftError(
        `Migration ${row.migration_name} is recorded as started but not finished (a failed \`prisma migrate deploy\`?). ` +
          `Inspect the database, then resolve it with \`prisma migrate resolve\` before starting Evident.`,
      );
    }
    byName.set(row.migration_name, row);
  }
  for (const m of migrations) {
    const row = byName.get(m.name);
    if (row && row.checksum !== m.checksum) {
      throw new MigrationDriftError(
        `Migration ${m.name} was changed after it was applied to this database (checksum differs). ` +
          `Committed migrations must never be edited: restore the file and add a new migration instead.`,
      );
    }
  }
  return byName;
}

/** Applies every committed migration not yet applied. Idempotent; safe to run from several processes at once. */
export async function migrate(db: Pick<Db, "raw">, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const migrations = listMigrations(options.dir);
  const log = options.log ?? (() => {});
  await db.raw.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.exec(TABLE_SQL);
  });
  const before = check(await appliedRows(db.raw), migrations);
  const result: MigrateResult = {
    applied: [],
    alreadyApplied: migrations.filter((m) => before.has(m.name)).map((m) => m.name),
    unknownInDatabase: [...before.keys()].filter((name) => !migrations.some((m) => m.name === name)),
  };
  for (const m of migrations) {
    if (before.has(m.name)) continue;
    const applied = await db.raw
      .transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
        // Another process may have applied it while we waited for the lock.
        if (check(await appliedRows(tx), migrations).has(m.name)) return false;
        const started = new Date();
        await tx.exec(m.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), m.checksum, m.name, started],
        );
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof MigrationDriftError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new MigrationError(m.name, message, { cause: error });
      });
    if (applied) {
      result.applied.push(m.name);
      log(`applied ${m.name}`);
    } else {
      result.alreadyApplied.push(m.name);
    }
  }
  return result;
}

/** Names of committed migrations not yet applied (without applying anything). */
export async function pendingMigrations(db: Pick<Db, "raw">, dir?: string): Promise<string[]> {
  const migrations = listMigrations(dir);
  const exists = await db.raw.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
  if (!exists[0]?.t) return migrations.map((m) => m.name);
  const applied = check(await appliedRows(db.raw), migrations);
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}
