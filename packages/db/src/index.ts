/**
 * @evident/db: Evident's database.
 *
 *   const db = await createDb();          // PGlite in <repo>/.data/pglite, or PostgreSQL when DATABASE_URL is set
 *   await prepareDatabase(db);            // migrations (+ demo seed on the embedded database)
 *   await db.prisma.family.findMany(...);
 *   await db.close();
 */
export { createDb } from "./client.js";
export type { CreateDbOptions, Db, DbKind, QueryOptions, RawSql, SqlRunner } from "./client.js";
export { migrate, listMigrations, pendingMigrations } from "./migrate.js";
export type { Migration, MigrateResult } from "./migrate.js";
export { prepareDatabase } from "./prepare.js";
export type { PrepareOptions } from "./prepare.js";
export { DataDirError, MigrationDriftError, MigrationError } from "./errors.js";
export { defaultDataDir, migrationsDir } from "./paths.js";
export { schemaColumns, parseSchemaColumns } from "./columns.js";
export type { SchemaColumns } from "./columns.js";
export { seed, isSeeded, insertRows, seedTestFixtures, TEST_FIXTURES_MARKER, DEFAULT_SEED, DEMO_MARKER } from "./seed/index.js";
export type { SeedOptions, SeedResult } from "./seed/index.js";
export { seedScale, SCALE_MARKER } from "./seed/scale.js";
export type { ScaleOptions, ScaleResult } from "./seed/scale.js";
export { buildDemo, PERIOD_START, PERIOD_END } from "./seed/demo.js";
export { reportLogicModelRows } from "./seed/logic-models.js";
export type { LogicModelSeedOptions, LogicModelSeedRows } from "./seed/logic-models.js";
export { CANARY, DEMO_USERS, DEMO_PASSWORD, DEMO_EMAIL_DOMAIN, demoUser, ensureDemoUsers } from "./seed/users.js";
export type { DemoUser } from "./seed/users.js";
export { Prisma, PrismaClient } from "./generated/prisma/client.js";
export * from "./generated/prisma/enums.js";
export type * from "./generated/prisma/models.js";
export { sessionWithUser, touchSession, deleteSession, listFamiliesInScope, getFamilyInScope, insertAuditRows } from "./hot.js";
export type { SessionWithUser, AuditRowInput, FamilyScopeSql, FamilyListRow, FamilyDetailRow } from "./hot.js";
export { importStatutory, planStatutoryImport, StatutoryImportRefused, IMPORT_KINDS, genderOf } from "./import/index.js";
export { importSsd, planSsdImport, SsdImportRefused, SSD_IMPORT_KINDS } from "./import/index.js";
export type { SsdImportCounts, SsdImportInput, SsdImportOptions } from "./import/index.js";
export type { ImportableExtract, ImportCounts, ChangeCount, ImportKind, StatutoryImportFile, StatutoryImportOptions, StatutoryImportResult, StatutoryImportPlan } from "./import/index.js";
export { APPEND_ONLY, appRoleSql, grantAppRole } from "./app-role.js";
