#!/usr/bin/env node
/**
 * `npm run db:migrate -w @evident/db`: applies the committed migrations to the
 * PostgreSQL database in DATABASE_URL (or, without it, to the embedded
 * database). Safe to run repeatedly and from several machines at once.
 */
import { migrate } from "../migrate.js";
import { createDb, describe, run } from "./common.js";

await run(async () => {
  const db = await createDb();
  try {
    process.stdout.write(`migrating ${describe(db)}\n`);
    const result = await migrate(db, { log: (line) => process.stdout.write(`  ${line}\n`) });
    process.stdout.write(
      result.applied.length
        ? `applied ${result.applied.length} migration(s); ${result.alreadyApplied.length} already applied\n`
        : `up to date (${result.alreadyApplied.length} migration(s) applied)\n`,
    );
    if (result.unknownInDatabase.length) {
      process.stdout.write(`warning: the database has migrations this code does not know: ${result.unknownInDatabase.join(", ")}\n`);
    }
  } finally {
    await db.close();
  }
});
