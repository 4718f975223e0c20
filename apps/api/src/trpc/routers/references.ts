/**
 * The reference the system gives a new family or person when none is typed: the core's `nextReference`
 * over the highest references written its way (prefix, then digits: the range "F0…" to "F:" holds them,
 * ':' sorting just after '9'). Two saves at the same moment may pick the same one: the unique index
 * refuses the second (409, "try again").
 */
import { nextReference } from "@evident/core";

type ReferenceTable = {
  findMany(args: { where: { reference: { gte: string; lt: string } }; select: { reference: true }; orderBy: { reference: "desc" }; take: number }): Promise<{ reference: string }[]>;
};

export async function systemReference(table: ReferenceTable, format: { prefix: string; width: number }): Promise<string> {
  const rows = await table.findMany({ where: { reference: { gte: `${format.prefix}0`, lt: `${format.prefix}:` } }, select: { reference: true }, orderBy: { reference: "desc" }, take: 200 });
  return nextReference(format.prefix, format.width, rows.map((r) => r.reference));
}
