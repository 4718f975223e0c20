/**
 * Going live: a production server refuses to start without its required
 * settings (one message naming each), and /health and /ready tell a load
 * balancer whether the process is alive and whether the database is migrated.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createDb } from "@evident/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "./config.js";
import { createApp } from "./server.js";
import { createTestApp, type TestApp } from "./test/harness.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe("production start-up", () => {
  it("npm start exits non-zero at once naming BETTER_AUTH_SECRET and EVIDENT_BASE_URL", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
    delete env.BETTER_AUTH_SECRET;
    delete env.EVIDENT_BASE_URL;
    const started = Date.now();
    const result = spawnSync("npm", ["start"], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.stderr).toContain("BETTER_AUTH_SECRET");
    expect(result.stderr).toContain("EVIDENT_BASE_URL");
    expect(result.stderr.match(/Evident cannot start in production/g)).toHaveLength(1);
  }, 60_000);

  it("the server itself refuses the same (started without npm start)", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", BETTER_AUTH_SECRET: "too short", EVIDENT_BASE_URL: "https://evident.example.gov.uk" };
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: fileURLToPath(new URL("../", import.meta.url)), env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("BETTER_AUTH_SECRET (a random secret of at least 32 characters");
    expect(result.stderr).not.toContain("EVIDENT_BASE_URL");
  }, 60_000);
});

describe("/health and /ready", () => {
  it("answers alive and ready on a migrated database", async () => {
    expect((await t.app.app.request("/health")).status).toBe(200);
    const ready = await t.app.app.request("/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: t.testDb.kind });
  });

  it("is alive but not ready on a database without the migrations", async () => {
    const bare = await createDb({ memory: true, migrate: false, databaseUrl: null });
    try {
      const { app } = createApp({ db: bare, config: testConfig() });
      expect((await app.request("/health")).status).toBe(200);
      const ready = await app.request("/ready");
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { pending: string[]; reason: string };
      expect(body.pending[0]).toBe("20261125000000_init");
      expect(body.reason).toMatch(/migration\(s\) not applied/);
    } finally {
      await bare.close();
    }
  });
});
