/**
 * What the database holds, table by table, for "nothing half-written" checks: every model of the
 * Prisma schema (its own model list, packages/db/prisma/schema.prisma), by row count and the sum
 * of the rows' xmin (the transaction that last wrote each row), so an insert, an update or a
 * delete that was committed changes it and a rolled-back one does not. One query for all tables.
 */
import { schemaColumns } from "@evident/db";
import type { TestDb } from "./harness.js";

/** Every table of the schema but `except` (e.g. the audit log: a refusal on a record id is audited by design). */
export function tablesOfSchema(except: string[] = []): string[] {
  const { models, tables } = schemaColumns();
  return models.filter((m) => !except.includes(m)).map((m) => tables[m]!);
}

export async function tableState(db: TestDb["db"], tables: string[]): Promise<Record<string, string>> {
  const columns = tables.map((table, i) => `(SELECT count(*)::text || ':' || coalesce(sum(xmin::text::bigint), 0)::text FROM "${table}") AS t${i}`);
  const [row] = await db.raw.query<Record<string, string>>(`SELECT ${columns.join(", ")}`);
  return Object.fromEntries(tables.map((table, i) => [table, row![`t${i}`]!]));
}

/** The tables whose state differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((table) => before[table] !== after[table]);
}
