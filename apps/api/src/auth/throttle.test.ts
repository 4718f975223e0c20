/**
 * #15 finding 3: sign-in protection that cannot be used against the user. Six wrong passwords from
 * anywhere used to lock the account for 30 minutes (the owner was refused with the right password),
 * and parallel attempts could be checked past the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { createTestApp, PASSWORD, type TestApp } from "../test/harness.js";
import { signInKey } from "./throttle.js";

const apps: TestApp[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  apps.push(t);
});
afterAll(async () => {
  for (const a of apps) await a.dispose();
});

async function signInFrom(app: TestApp, email: string, password: string, address: string) {
  const res = await app.app.app.request(
    "/api/auth/sign-in/email",
    { method: "POST", headers: { "content-type": "application/json", origin: app.config.baseUrl }, body: JSON.stringify({ email, password }) },
    { incoming: { socket: { remoteAddress: address } } },
  );
  const body = (await res.json().catch(() => null)) as { code?: string } | null;
  return { status: res.status, code: body?.code ?? null, retryAfter: res.headers.get("retry-after") };
}

/** Password checks made for an email: audit rows of attempts that reached the password check. */
const checked = (app: TestApp, email: string) =>
  app.testDb.db.prisma.auditLog.count({ where: { action: "auth.signIn", entityIds: { has: signInKey(email) }, outcome: { in: ["success", "failure"] } } });

describe("sign-in throttling", () => {
  it("30 wrong passwords from one address do not stop the owner signing in from another", async () => {
    const email = t.fx.users.practitioner.email;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signInFrom(t, email, "wrong-password-123", "198.51.100.1")).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect((await signInFrom(t, email, PASSWORD, "203.0.113.20")).status).toBe(200);
  });

  it("waits longer after each further failure from the same address: 1 s, then 2 s", async () => {
    const email = t.fx.users.manager.email;
    const address = "198.51.100.2";
    for (let i = 0; i < 5; i++) expect((await signInFrom(t, email, "wrong-password-123", address)).status).toBe(401);
    const start = t.clock.now.getTime();
    const early = await signInFrom(t, email, PASSWORD, address);
    expect(early).toMatchObject({ status: 429, code: "SIGN_IN_THROTTLED", retryAfter: "1" });
    t.clock.now = new Date(start + 1000);
    expect((await signInFrom(t, email, "wrong-password-123", address)).status).toBe(401);
    t.clock.now = new Date(start + 2500);
    expect((await signInFrom(t, email, PASSWORD, address)).retryAfter).toBe("1");
    t.clock.now = new Date(start + 3000);
    expect((await signInFrom(t, email, PASSWORD, address)).status).toBe(200);
    t.clock.now = new Date();
  });

  it("24 parallel wrong passwords from one address get exactly 5 password checks", async () => {
    const email = t.fx.users.trainer.email;
    const before = await checked(t, email);
    const results = await Promise.all(Array.from({ length: 24 }, () => signInFrom(t, email, "wrong-password-123", "198.51.100.3")));
    expect(results.filter((r) => r.status === 401).length).toBe(5);
    expect(results.filter((r) => r.status === 429).length).toBe(19);
    expect((await checked(t, email)) - before).toBe(5);
  });

  it("audits the lock and an admin's unlock", async () => {
    const email = t.fx.users.analyst.email;
    const key = signInKey(email);
    for (let i = 0; i < 6; i++) await signInFrom(t, email, "wrong-password-123", "198.51.100.4");
    expect(await t.testDb.db.prisma.auditLog.count({ where: { action: "auth.lock", entityIds: { has: key } } })).toBe(1);
    expect((await signInFrom(t, email, PASSWORD, "198.51.100.4")).status).toBe(429);
    const admin = await t.as(t.fx.users.admin.id);
    const r = await admin.admin.users.unlock({ userId: t.fx.users.analyst.id });
    expect(r.id).toBe(t.fx.users.analyst.id);
    const unlock = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "auth.unlock", entityIds: { has: key } } });
    expect(unlock).toMatchObject({ actorId: t.fx.users.admin.id, actorRole: "admin", outcome: "success" });
    expect((await signInFrom(t, email, PASSWORD, "198.51.100.4")).status).toBe(200);
  });
});

describe("the per-account ceiling across addresses", () => {
  it("24 parallel wrong passwords from 24 addresses get no more checks than the ceiling; the owner still signs in from an address they use", async () => {
    const app = await createTestApp({ config: { signInRules: { accountCeiling: 6 } } });
    apps.push(app);
    const email = app.fx.users.dv_worker.email;
    expect((await signInFrom(app, email, PASSWORD, "203.0.113.30")).status).toBe(200);
    const before = await checked(app, email);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => signInFrom(app, email, "wrong-password-123", `198.51.100.${100 + i}`)));
    expect(results.filter((r) => r.status === 401).length).toBe(6);
    expect(results.filter((r) => r.status === 403 && r.code === "ACCOUNT_LOCKED").length).toBe(18);
    expect((await checked(app, email)) - before).toBe(6);
    // The owner, at the address they signed in from before, is not refused.
    expect((await signInFrom(app, email, PASSWORD, "203.0.113.30")).status).toBe(200);
    // A new address is refused until an admin unlocks the account.
    expect((await signInFrom(app, email, PASSWORD, "203.0.113.31")).code).toBe("ACCOUNT_LOCKED");
    expect(await app.testDb.db.prisma.auditLog.count({ where: { action: "auth.lock", entityIds: { has: signInKey(email) } } })).toBe(1);
    await (await app.as(app.fx.users.admin.id)).admin.users.unlock({ userId: app.fx.users.dv_worker.id });
    expect((await signInFrom(app, email, PASSWORD, "203.0.113.31")).status).toBe(200);
  });
});

describe("an office behind one address", () => {
  it("ten people signing in within a minute are never refused (production's limits)", async () => {
    const production = loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40), EVIDENT_BASE_URL: "https://evident.example" }, { portalDir: null, trainingDir: null, demo: false });
    const app = await createTestApp({ config: { signInRateLimit: production.signInRateLimit } });
    apps.push(app);
    const { users, perpWorker, otherTeam } = app.fx;
    const emails = [...Object.values(users).map((u) => u.email), perpWorker.email, otherTeam.email, users.admin.email];
    expect(emails.length).toBe(10);
    // One mistyped password each on the way (the office's usual morning).
    const wrong = await Promise.all(emails.map((e) => signInFrom(app, e, "typo-password-123", "203.0.113.99")));
    expect(wrong.every((r) => r.status === 401)).toBe(true);
    const results = await Promise.all(emails.map((e) => signInFrom(app, e, PASSWORD, "203.0.113.99")));
    expect(results.map((r) => r.status)).toEqual(emails.map(() => 200));
  });
});
