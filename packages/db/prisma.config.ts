// Prisma CLI configuration (Prisma 6.19): the WebAssembly schema engine through a
// driver adapter, so the CLI never downloads native engines. Used by
// `prisma generate` and `prisma migrate diff` (scripts/prisma.mjs), with a
// throwaway in-memory PGlite as the (shadow) database.
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** pglite-prisma-adapter 0.6 does not await `exec` in `executeScript` and sends scripts as prepared statements; migration scripts need both fixed. */
class ScriptSafePGlite extends PrismaPGlite {
  constructor(private readonly pg: PGlite) {
    super(pg);
  }
  private patch<T extends { executeScript(script: string): Promise<void>; executeRaw(q: { sql: string; args: unknown[] }): Promise<number> }>(
    adapter: T,
    pg: PGlite,
  ): T {
    adapter.executeScript = async (script: string) => {
      await pg.exec(script);
    };
    // The schema engine applies migration files to the shadow database as one parameterless statement.
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (q) => {
      if (q.args.length === 0 && q.sql.includes(";")) {
        await pg.exec(q.sql);
        return 0;
      }
      return executeRaw(q);
    };
    return adapter;
  }
  override async connect() {
    return this.patch(await super.connect(), this.pg);
  }
  override async connectToShadowDb() {
    const shadow = new PGlite();
    return this.patch(await new PrismaPGlite(shadow).connect(), shadow);
  }
}

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new ScriptSafePGlite(new PGlite()) as never;
  },
} satisfies PrismaConfig;
