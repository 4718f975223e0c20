#!/usr/bin/env node
/**
 * `npm run db:seed -w @evident/db [-- --seed N] [--families N] [--scale [--children N]]`
 * Migrates, then seeds the demo trust (skipped when already seeded). With
 * `--scale`, then adds the large synthetic authority for load tests
 * (100,000 children / 500,000 episodes by default; PostgreSQL recommended).
 */
import { migrate } from "../migrate.js";
import { seed } from "../seed/index.js";
import { seedScale } from "../seed/scale.js";
import { createDb, describe, flag, run } from "./common.js";

await run(async () => {
  const args = process.argv.slice(2);
  const seedNumber = flag(args, "seed") ? Number(flag(args, "seed")) : undefined;
  const families = flag(args, "families") ? Number(flag(args, "families")) : undefined;
  const db = await createDb();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    log(`database: ${describe(db)}`);
    await migrate(db, { log });
    const result = await seed(db.prisma, { seed: seedNumber, families, log });
    log(result.skipped ? `demo seed already present (seed ${result.seed}): nothing to do` : `demo seed written in ${(result.ms / 1000).toFixed(1)} s`);
    if (args.includes("--scale")) {
      const children = flag(args, "children") ? Number(flag(args, "children")) : undefined;
      if (db.kind === "pglite") log("note: --scale is meant for PostgreSQL; on the embedded database it is slow");
      const scale = await seedScale(db, { children, log });
      if (scale.skipped) log("scale seed already present: nothing to do");
    }
  } finally {
    await db.close();
  }
});
