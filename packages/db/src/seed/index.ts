/**
 * Seeding: `seed(prisma, { seed })` fills an empty, migrated database with the
 * demo trust (demo.ts), living in the present (present.ts); `seedTestFixtures(prisma)`
 * adds the records only tests need (the information-barrier canary: fixtures.ts) and
 * is never part of the demo; `seedScale(prisma, …)` adds a large synthetic
 * authority for load tests (scale.ts). Both are idempotent: a seeded database
 * is recognised by its `seed_run` marker and left alone, and every row has a
 * deterministic id inserted with ON CONFLICT DO NOTHING, so an interrupted
 * run can simply be run again.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import { buildDemo } from "./demo.js";
import { insertRows } from "./rows.js";

export { insertRows } from "./rows.js";
export { seedTestFixtures, TEST_FIXTURES_MARKER } from "./fixtures.js";

export const DEFAULT_SEED = 20170401;
import { DEMO_MARKER } from "./markers.js";

export { DEMO_MARKER } from "./markers.js";

export interface SeedOptions {
  /** The seed number (default 20170401). The same number always gives the same data. */
  seed?: number;
  /** Number of families (default 1500). */
  families?: number;
  /** The day the trust's present ends on (default: today). */
  today?: Date;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface SeedResult {
  /** true when the database was already seeded (nothing written). */
  skipped: boolean;
  seed: number;
  /** Rows written per model. */
  counts: Record<string, number>;
  ms: number;
}

/** Seeds the demo trust unless the database is already seeded. All or nothing (one transaction). */
export async function seed(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedResult> {
  const t0 = Date.now();
  const seedNumber = options.seed ?? DEFAULT_SEED;
  const existing = await prisma.seedRun.findUnique({ where: { id: DEMO_MARKER } });
  if (existing) return { skipped: true, seed: existing.seed, counts: {}, ms: Date.now() - t0 };
  options.log?.(`seeding the demo trust (seed ${seedNumber})`);
  const rows = buildDemo({ seed: seedNumber, families: options.families, today: options.today });
  const counts = await prisma.$transaction(
    async (tx) => {
      // re-check inside the transaction: another process may have seeded meanwhile
      if (await tx.seedRun.findUnique({ where: { id: DEMO_MARKER } })) return null;
      const c = await insertRows(tx, rows, options.log);
      await tx.seedRun.create({ data: { id: DEMO_MARKER, seed: seedNumber, summary: c } });
      return c;
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
  if (!counts) return { skipped: true, seed: seedNumber, counts: {}, ms: Date.now() - t0 };
  return { skipped: false, seed: seedNumber, counts, ms: Date.now() - t0 };
}

/** Whether the demo seed has been applied. */
export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.seedRun.findUnique({ where: { id: DEMO_MARKER }, select: { id: true } })) !== null;
}
