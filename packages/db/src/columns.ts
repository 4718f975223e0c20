/**
 * What the Prisma schema says about columns, for checks that must follow it:
 * the names of the models (tables) and of the `Int` (PostgreSQL int4) columns.
 * Read once from prisma/schema.prisma, the file the migrations are made from.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./paths.js";

export interface SchemaColumns {
  /** Every model, in schema order (Prisma's names, e.g. "AuditLog"). */
  models: string[];
  /** Names of fields declared `Int` or `Int?` in any model (int4: -2,147,483,648 to 2,147,483,647). */
  intFields: Set<string>;
  /** Each model's table (its `@@map`, else the model's name), in schema order. */
  tables: Record<string, string>;
}

let cached: SchemaColumns | null = null;

export function parseSchemaColumns(schema: string): SchemaColumns {
  const models: string[] = [];
  const intFields = new Set<string>();
  const tables: Record<string, string> = {};
  let inModel = false;
  for (const line of schema.split("\n")) {
    const start = /^model\s+(\w+)\s*\{/.exec(line);
    if (start) {
      models.push(start[1]!);
      tables[start[1]!] = start[1]!;
      inModel = true;
      continue;
    }
    if (/^\}/.test(line)) inModel = false;
    if (!inModel) continue;
    const map = /^\s+@@map\("([^"]+)"\)/.exec(line);
    if (map) tables[models[models.length - 1]!] = map[1]!;
    const field = /^\s+(\w+)\s+Int(\?|\[\])?(\s|$)/.exec(line);
    if (field) intFields.add(field[1]!);
  }
  return { models, intFields, tables };
}

export function schemaColumns(): SchemaColumns {
  cached ??= parseSchemaColumns(readFileSync(join(packageRoot, "prisma", "schema.prisma"), "utf8"));
  return cached;
}
