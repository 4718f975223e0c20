/**
 * EVIDENT_WORKERS=2: the product as two API processes sharing one port
 * (node:cluster), on PostgreSQL. A session cookie issued by one process is
 * accepted by the other (one shared signing secret), a read answered by either
 * is audited, and SIGTERM stops them all. PostgreSQL only: the embedded
 * database belongs to one process, and the server refuses to start otherwise.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, PASSWORD, seedFixture, type Fixture, type TestDb } from "./test/harness.js";

const apiDir = fileURLToPath(new URL("..", import.meta.url));
const onPostgres = Boolean(process.env.EVIDENT_TEST_PG_URL);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiDir,
    env: { ...process.env, LOG_LEVEL: "warn", TRAINING_REMINDERS: "off", NODE_ENV: "test", EVIDENT_PORTAL_DIR: "", EVIDENT_TRAINING_DIR: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("several API processes on one port", () => {
  it("refuses EVIDENT_WORKERS above 1 on the embedded database, with a clear message", async () => {
    const child = start({ DATABASE_URL: "", EVIDENT_WORKERS: "2", PORT: String(await freePort()), EVIDENT_DATA_DIR: "/nonexistent-evident-test" });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(1);
    expect(stderr).toContain("EVIDENT_WORKERS above 1 needs PostgreSQL");
  }, 60_000);

  describe.skipIf(!onPostgres)("on PostgreSQL", () => {
    let tdb: TestDb;
    let fx: Fixture;
    let server: ChildProcess;
    let base: string;

    beforeAll(async () => {
      tdb = await createTestDb();
      fx = await seedFixture(tdb.db);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = start({ DATABASE_URL: tdb.url!, PORT: String(port), EVIDENT_BASE_URL: base, EVIDENT_WORKERS: "2" });
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${base}/health`)).ok) break;
        } catch {}
        if (i > 120) throw new Error("the API processes did not start");
        await new Promise((r) => setTimeout(r, 500));
      }
    }, 120_000);

    afterAll(async () => {
      if (server && server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.on("exit", r));
      }
      await tdb?.dispose();
    });

    it("answers a signed-in caller from either process, audits every read, and stops on SIGTERM", async () => {
      const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base, connection: "close" },
        body: JSON.stringify({ email: fx.users.practitioner.email, password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      // A new connection per request: the cluster spreads connections over both processes.
      const requestIds = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const res = await fetch(`${base}/trpc/families.get?input=${encodeURIComponent(JSON.stringify({ id: fx.families.mine }))}`, { headers: { cookie, connection: "close" } });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { result: { data: { id: string } } };
        expect(body.result.data.id).toBe(fx.families.mine);
        requestIds.add(res.headers.get("x-request-id")!);
      }
      expect(requestIds.size).toBe(12);
      const [row] = await tdb.db.raw.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'families.get' AND "actorId" = $1 AND outcome = 'success' AND $2 = ANY("entityIds")`,
        [fx.users.practitioner.id, fx.families.mine],
      );
      expect(row?.n).toBe(12);
      server.kill("SIGTERM");
      const code = await new Promise<number | null>((r) => server.on("exit", r));
      expect(code).toBe(0);
    }, 120_000);
  });
});
