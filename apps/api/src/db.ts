/**
 * The database handle the API runs on, from `@evident/db`'s `createDb()`:
 * `{ prisma, kind, close, ... }`. `DbClient` is the Prisma client or a
 * transaction client (what `$transaction(async (tx) => ...)` passes).
 */
import type { Db as EvidentDb } from "@evident/db";

export type Db = Pick<EvidentDb, "prisma" | "kind" | "close" | "raw" | "auditSql">;
export type PrismaClient = EvidentDb["prisma"];
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
