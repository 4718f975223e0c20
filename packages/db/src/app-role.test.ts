/**
 * The least-privilege server role on a real PostgreSQL: it reads and writes
 * records, appends to the audit log, and is refused (42501, insufficient
 * privilege) when it tries to change or remove audit rows, rewrite a saved
 * analysis, or change the schema. PGlite has one user, so this is PostgreSQL only.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoleSql, grantAppRole } from "./app-role.js";
import { createDb, type Db } from "./client.js";
import { migrate, pendingMigrations } from "./migrate.js";
import { PG_URL, targets } from "./test/targets.js";

it("refuses role names that are not plain identifiers", () => {
  expect(() => appRoleSql(`x"; DROP TABLE audit_log; --`)).toThrow(/not valid/);
  expect(appRoleSql("evident_app").join("\n")).toMatch(/REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM "evident_app"/);
});

const pgTarget = targets().find((t) => t.name === "postgres");
if (!PG_URL || !pgTarget) {
  it.skip("PostgreSQL: not run because EVIDENT_TEST_PG_URL is not set", () => {});
} else {
  describe("the server's role on PostgreSQL", () => {
    const role = `evident_app_${randomBytes(4).toString("hex")}`;
    let owner: Db;
    let app: Db;
    beforeAll(async () => {
      owner = await pgTarget.open();
      await migrate(owner);
      await grantAppRole(owner.raw, role);
      const dbName = (await owner.raw.query<{ d: string }>("SELECT current_database() AS d"))[0]!.d;
      const appUrl = new URL(PG_URL);
      appUrl.username = role;
      appUrl.pathname = `/${dbName}`;
      app = await createDb({ databaseUrl: appUrl.toString(), poolMax: 2 });
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await owner?.close();
      await pgTarget.cleanup();
      const admin = await createDb({ databaseUrl: PG_URL, poolMax: 1 });
      await admin.raw.query(`DROP ROLE IF EXISTS "${role}"`).catch(() => {});
      await admin.close();
    });

    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return "ok";
      } catch (error) {
        const e = error as { code?: string; cause?: { code?: string }; meta?: { code?: string } };
        return e.code ?? e.cause?.code ?? "error";
      }
    };

    it("sees the schema up to date and can read and write records", async () => {
      expect(await pendingMigrations(app)).toEqual([]);
      const id = randomUUID();
      expect(await code(app.raw.query(`INSERT INTO family (id, reference, name, "updatedAt") VALUES ($1, $2, 'Role test', now())`, [id, `RT${id.slice(0, 8)}`]))).toBe("ok");
      expect(await code(app.raw.query(`UPDATE family SET name = 'Renamed' WHERE id = $1`, [id]))).toBe("ok");
      expect(await code(app.raw.query(`DELETE FROM family WHERE id = $1`, [id]))).toBe("ok");
    });

    it("appends to the audit log but cannot change, delete or truncate it", async () => {
      const id = randomUUID();
      expect(await code(app.raw.query(`INSERT INTO audit_log (id, action, outcome) VALUES ($1, 'test.append', 'success')`, [id]))).toBe("ok");
      expect((await app.raw.query(`SELECT action FROM audit_log WHERE id = $1`, [id]))[0]).toEqual({ action: "test.append" });
      expect(await code(app.raw.query(`UPDATE audit_log SET action = 'rewritten' WHERE id = $1`, [id]))).toBe("42501");
      expect(await code(app.raw.query(`DELETE FROM audit_log WHERE id = $1`, [id]))).toBe("42501");
      expect(await code(app.raw.query(`TRUNCATE audit_log`))).toBe("42501");
    });

    it("cannot rewrite saved analyses, the migration history or the schema", async () => {
      expect(await code(app.raw.query(`UPDATE analysis_run SET title = title`))).toBe("42501");
      expect(await code(app.raw.query(`DELETE FROM "_prisma_migrations"`))).toBe("42501");
      expect(await code(app.raw.query(`CREATE TABLE sneaky (id int)`))).toBe("42501");
      expect(await code(app.raw.query(`DROP TABLE family`))).toBe("42501");
      expect(await code(app.raw.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`))).toBe("42501");
    });
  });
}
