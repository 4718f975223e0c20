#!/usr/bin/env node
// Prepares an embedded demo database for the end-to-end run in
// EVIDENT_DATA_DIR: migrates, seeds the demo trust and makes sure every demo
// user has a credential account (password "evident-demo"). Idempotent.
// With EVIDENT_TEST_FIXTURES=1 (set only by the Playwright config) it also adds
// the test fixtures (the information-barrier canary), which the demo never has.
// The API does this itself on first start once its demo wiring passes the
// Prisma client to the seed; until then the e2e server runs this first.
import { createDb, ensureDemoUsers, migrate, seed, seedTestFixtures } from "@evident/db";
import { hashPassword } from "better-auth/crypto";

const dataDir = process.env.EVIDENT_DATA_DIR;
if (!dataDir) {
  console.error("prepare-demo-db: set EVIDENT_DATA_DIR");
  process.exit(1);
}
const db = await createDb({ dataDir, migrate: false });
try {
  await migrate(db, {});
  const result = await seed(db.prisma, {});
  if (process.env.EVIDENT_TEST_FIXTURES === "1") await seedTestFixtures(db.prisma);
  await ensureDemoUsers(db.prisma, hashPassword);
  console.log(result.skipped ? "demo database already seeded" : `demo database seeded in ${(result.ms / 1000).toFixed(1)} s`);
} finally {
  await db.close();
}
