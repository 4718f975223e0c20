/**
 * The databases the tests run on: embedded PGlite (in memory) always, and a
 * real PostgreSQL when EVIDENT_TEST_PG_URL points at a throwaway server (the
 * root `npm test` starts one). On PostgreSQL each test file gets its own
 * fresh database, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../client.js";

export const PG_URL = process.env.EVIDENT_TEST_PG_URL || "";

export interface Target {
  name: "pglite" | "postgres";
  open(): Promise<Db>;
  /** Drops what open() created. */
  cleanup(): Promise<void>;
}

export const targets = (): Target[] => {
  const list: Target[] = [{ name: "pglite", open: () => createDb({ memory: true, databaseUrl: null }), cleanup: async () => {} }];
  if (PG_URL) {
    const dbName = `evident_test_${randomBytes(6).toString("hex")}`;
    let created = false;
    const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    list.push({
      name: "postgres",
      async open() {
        if (!created) {
          await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
          created = true;
        }
        const url = new URL(PG_URL);
        url.pathname = `/${dbName}`;
        return createDb({ databaseUrl: url.toString(), poolMax: 5 });
      },
      async cleanup() {
        if (created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
      },
    });
  }
  return list;
};
