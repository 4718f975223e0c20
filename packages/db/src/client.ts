/**
 * The database handle: Prisma over embedded PGlite (default) or PostgreSQL
 * (when a connection string is given or DATABASE_URL is set).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { from as pgCopyFrom } from "pg-copy-streams";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { DataDirError } from "./errors.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { defaultDataDir } from "./paths.js";

export type DbKind = "pglite" | "postgres";

export interface CreateDbOptions {
  /**
   * PostgreSQL connection string (postgres://…). Default: `DATABASE_URL` from
   * the environment. When present Evident uses PostgreSQL; otherwise the
   * embedded PGlite database. Pass `null` to force PGlite.
   */
  databaseUrl?: string | null;
  /** Folder of the embedded database. Default: `EVIDENT_DATA_DIR`, else `<repo>/.data/pglite`. */
  dataDir?: string;
  /** A throwaway in-memory embedded database (tests). Ignored with PostgreSQL. */
  memory?: boolean;
  /** Apply the committed migrations after opening (see `migrate`). Default false. */
  migrate?: boolean;
  /** Maximum PostgreSQL pool size. Default `EVIDENT_PG_POOL_MAX` or 10. */
  poolMax?: number;
  /** Environment to read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

export interface QueryOptions {
  prepare?: boolean;
}

/** Something SQL can be sent to: the whole database, or one transaction. */
export interface SqlRunner {
  /**
   * One statement with `$1…` parameters. `prepare: true` (hot paths) makes it a named prepared
   * statement on PostgreSQL: parsed and planned once per connection instead of on every call.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** A script of one or more statements, no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load: `COPY <table> (<columns>) FROM STDIN` (text format), fed with
   * `chunks` (each whole lines) as they are produced — streamed to PostgreSQL
   * (pg-copy-streams), a few MB per statement on the embedded database.
   * Only on a transaction's runner (see RawSql.transaction).
   */
  copyFrom?(copySql: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
}

/** Driver-level access, below Prisma: used by the migration runner and tests. Not for request handling. */
export interface RawSql extends SqlRunner {
  /** Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export interface Db {
  prisma: PrismaClient;
  kind: DbKind;
  /** The embedded database's folder; null for in-memory and PostgreSQL. */
  dataDir: string | null;
  raw: RawSql;
  /**
   * Where audit rows of reads are appended (the API's group commit): on PostgreSQL a connection of
   * its own, outside the pool, so a batch of audit rows never queues behind the very requests that
   * wait for it; on the embedded database, which has one connection, the same as `raw`.
   */
  auditSql: SqlRunner;
  /** The PGlite instance (embedded only). */
  pglite: PGlite | null;
  /** Closes Prisma, then the database (and releases the data-folder lock). Safe to call twice. */
  close(): Promise<void>;
}

/** A PostgreSQL error as pglite-prisma-adapter reports it (`DriverAdapterError` with `cause.kind === "postgres"`). */
interface PgCause {
  kind: string;
  code?: string;
  message?: string;
  detail?: string;
  column?: string;
  severity?: string;
  hint?: string;
}

/**
 * pglite-prisma-adapter 0.6 (written for Prisma 6.10) reports every database
 * error as a raw `postgres` error, so Prisma 6.19 cannot turn a unique
 * violation into P2002, a serialization failure into P2034, etc. This maps
 * the codes as @prisma/adapter-pg 6.19 does, so errors are the same on both
 * databases.
 */
export function mapPgliteError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== "DriverAdapterError") return error;
  const cause = (error as Error & { cause?: PgCause }).cause;
  if (!cause || cause.kind !== "postgres" || !cause.code) return error;
  const fields = cause.detail?.match(/Key \(([^)]+)\)/)?.[1]?.split(", ");
  let mapped: Record<string, unknown> | null = null;
  switch (cause.code) {
    case "22001":
      mapped = { kind: "LengthMismatch", column: cause.column };
      break;
    case "22003":
      mapped = { kind: "ValueOutOfRange", cause: cause.message };
      break;
    case "23505":
      mapped = { kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined };
      break;
    case "23502":
      mapped = { kind: "NullConstraintViolation", constraint: fields ? { fields } : undefined };
      break;
    case "23503":
      mapped = { kind: "ForeignKeyConstraintViolation", constraint: cause.column ? { fields: [cause.column] } : undefined };
      break;
    case "40001":
      mapped = { kind: "TransactionWriteConflict" };
      break;
    case "42P01":
      mapped = { kind: "TableDoesNotExist", table: cause.message?.split(" ")[1]?.split('"')[1] };
      break;
    case "42703":
      mapped = { kind: "ColumnNotFound", column: cause.message?.split(" ")[1]?.split('"')[1] };
      break;
  }
  if (!mapped) return error;
  const out = new Error(cause.message ?? String(mapped.kind), { cause: { originalCode: cause.code, originalMessage: cause.message, ...mapped } });
  out.name = "DriverAdapterError";
  return out;
}

type Queryable = { queryRaw(q: never): Promise<unknown>; executeRaw(q: never): Promise<unknown> };
function mapErrors<T extends Queryable>(q: T): T {
  for (const method of ["queryRaw", "executeRaw"] as const) {
    const original = (q[method] as (arg: never) => Promise<unknown>).bind(q);
    (q as Record<string, unknown>)[method] = (arg: never) =>
      original(arg).catch((error: unknown) => {
        throw mapPgliteError(error);
      });
  }
  return q;
}

/**
 * The PGlite adapter Evident uses. Besides mapping errors (above):
 * PGlite's `transaction()` does not sync the file system after COMMIT
 * (electric-sql/pglite#1065), so this syncs after every committed Prisma
 * transaction: an acknowledged write is on disk when Prisma returns.
 * (Statements outside transactions are synced by PGlite itself.)
 */
class DurablePGliteAdapterFactory extends PrismaPGlite {
  constructor(private readonly pg: PGlite) {
    super(pg);
  }
  override async connect() {
    const adapter = mapErrors(await super.connect());
    const startTransaction = adapter.startTransaction.bind(adapter);
    const pglite = this.pg;
    adapter.startTransaction = async (isolationLevel) => {
      const tx = mapErrors(await startTransaction(isolationLevel));
      const commit = tx.commit.bind(tx);
      tx.commit = async () => {
        await commit();
        await pglite.syncToFs();
      };
      return tx;
    };
    return adapter;
  }
}

const openDirs = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One process at a time per data folder (two PGlite instances on one folder would corrupt it). */
function lockDataDir(dir: string): () => void {
  const lockPath = join(dirname(dir), `${basename(dir)}.lock`);
  if (openDirs.has(dir)) {
    throw new Error(`The embedded database in ${dir} is already open in this process: close it first (db.close()).`);
  }
  mkdirSync(dirname(dir), { recursive: true });
  try {
    writeFileSync(lockPath, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(readFileSync(lockPath, "utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${holder}. Stop that process first ` +
          `(or, if it is not Evident, delete ${lockPath}).`,
      );
    }
    writeFileSync(lockPath, String(process.pid)); // stale lock from a process that died
  }
  openDirs.add(dir);
  return () => {
    openDirs.delete(dir);
    try {
      if (readFileSync(lockPath, "utf8").trim() === String(process.pid)) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
}

async function openPglite(options: CreateDbOptions, env: Record<string, string | undefined>): Promise<Db> {
  const memory = options.memory === true || options.dataDir === "memory" || options.dataDir === "memory://";
  let dataDir: string | null = null;
  let unlock = () => {};
  let pglite: PGlite;
  if (memory) {
    pglite = await PGlite.create({ relaxedDurability: false });
  } else {
    dataDir = resolve(options.dataDir ?? (env.EVIDENT_DATA_DIR || defaultDataDir()));
    const fresh = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
    if (!fresh && !existsSync(join(dataDir, "PG_VERSION"))) {
      throw new DataDirError(dataDir, "the folder is not empty but holds no database (no PG_VERSION file)");
    }
    unlock = lockDataDir(dataDir);
    try {
      pglite = await PGlite.create({ dataDir, relaxedDurability: false });
      await pglite.query("SELECT 1");
    } catch (error) {
      unlock();
      if (fresh) throw error;
      const detail = error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : String(error);
      throw new DataDirError(dataDir, detail || "unknown error", { cause: error });
    }
  }
  // pglite-prisma-adapter 0.6 is typed against @prisma/driver-adapter-utils 6.10; it does not read the
  // argument types that changed since, and is exercised against this client by the tests.
  const adapter = new DurablePGliteAdapterFactory(pglite) as unknown as PrismaPg;
  const prisma = new PrismaClient({ adapter });
  const runner = (q: Pick<PGlite, "query" | "exec">): SqlRunner => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  /** COPY … FROM STDIN as PGlite's `COPY … FROM '/dev/blob'`, about 4 MB of lines per statement. */
  const copier = (q: Pick<PGlite, "query">) => async (copySql: string, chunks: AsyncIterable<string> | Iterable<string>) => {
    const sql = copySql.replace(/FROM STDIN/i, "FROM '/dev/blob'");
    let parts: string[] = [];
    let size = 0;
    const flush = async () => {
      if (size > 0) await q.query(sql, [], { blob: new Blob(parts) });
      parts = [];
      size = 0;
    };
    for await (const chunk of chunks) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= 4 << 20) await flush();
    }
    await flush();
  };
  const raw: RawSql = {
    ...runner(pglite),
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>) {
      const result = await pglite.transaction((tx) => fn({ ...runner(tx), copyFrom: copier(tx) }));
      await pglite.syncToFs();
      return result;
    },
  };
  let closed = false;
  return {
    prisma,
    kind: "pglite",
    dataDir,
    raw,
    auditSql: raw,
    pglite,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

async function openPostgres(url: string, options: CreateDbOptions, env: Record<string, string | undefined>): Promise<Db> {
  const max = options.poolMax ?? (Number(env.EVIDENT_PG_POOL_MAX) || 10);
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  // The audit lane (Db.auditSql): one connection, replaced like the pool's when dropped.
  const auditPool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server (restart, pg_terminate_backend) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on("error", () => {});
  auditPool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Prepared statements are named by their text (node-postgres prepares a name once per connection).
  const statementNames = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = statementNames.get(sql);
    if (!name) statementNames.set(sql, (name = `evident_${statementNames.size + 1}`));
    return name;
  };
  const runner = (q: pg.Pool | pg.PoolClient): SqlRunner => ({
    async query<T>(sql: string, params?: unknown[], options?: QueryOptions) {
      if (options?.prepare) return (await q.query({ name: nameOf(sql), text: sql, values: params })).rows as T[];
      return (await q.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  const raw: RawSql = {
    ...runner(pool),
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const copyFrom = async (copySql: string, chunks: AsyncIterable<string> | Iterable<string>) => {
          await pipeline(Readable.from(chunks), client.query(pgCopyFrom(copySql)));
        };
        const result = await fn({ ...runner(client), copyFrom });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
  let closed = false;
  return {
    prisma,
    kind: "postgres",
    dataDir: null,
    raw,
    auditSql: runner(auditPool),
    pglite: null,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await Promise.all([pool.end(), auditPool.end()]);
    },
  };
}

/**
 * Opens the database. PostgreSQL when `databaseUrl` (or `DATABASE_URL`) is set,
 * else the embedded PGlite database in its data folder (created when absent;
 * a folder that cannot be opened is reported with `DataDirError`, never
 * re-initialised), or in memory with `{ memory: true }`.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl === undefined ? env.DATABASE_URL : options.databaseUrl;
  const db = url ? await openPostgres(url, options, env) : await openPglite(options, env);
  if (options.migrate) {
    const { migrate } = await import("./migrate.js");
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}
