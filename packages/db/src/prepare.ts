import type { Db } from "./client.js";
import { migrate, type MigrateResult } from "./migrate.js";
import { seed, type SeedResult } from "./seed/index.js";

export interface PrepareOptions {
  /** Seed the demo trust when the database is not yet seeded. Default: true on the embedded database, false on PostgreSQL. */
  seed?: boolean;
  seedNumber?: number;
  log?: (line: string) => void;
}

/** What start-up does: apply migrations, then (embedded by default) seed the demo trust once. */
export async function prepareDatabase(db: Db, options: PrepareOptions = {}): Promise<{ migrations: MigrateResult; seed: SeedResult | null }> {
  const migrations = await migrate(db, { log: options.log });
  const wantSeed = options.seed ?? db.kind === "pglite";
  const seeded = wantSeed ? await seed(db.prisma, { seed: options.seedNumber, log: options.log }) : null;
  return { migrations, seed: seeded };
}
