#!/usr/bin/env node
/**
 * `npm run db:app-role -w @evident/db -- --role evident_app`: creates (when
 * missing) the least-privilege role the server should connect as, and grants
 * it what it needs on the current schema (see src/app-role.ts). Run it as the
 * schema owner, after `db:migrate`, and again after each upgrade.
 */
import { grantAppRole } from "../app-role.js";
import { createDb, describe, flag, run } from "./common.js";

await run(async () => {
  const role = flag(process.argv.slice(2), "role") ?? "evident_app";
  const db = await createDb();
  try {
    if (db.kind !== "postgres") throw new Error("db:app-role is for PostgreSQL: set DATABASE_URL to the schema owner's connection");
    await grantAppRole(db.raw, role);
    process.stdout.write(`role ${role} granted on ${describe(db)}: read/write records, append-only audit log, no schema changes\n`);
  } finally {
    await db.close();
  }
});
