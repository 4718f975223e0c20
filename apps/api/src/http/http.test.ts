import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../server.js";
import { testConfig } from "../config.js";
import { silentLogger } from "../logger.js";
import { createTestApp, PASSWORD, signIn, type TestApp } from "../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const json = (cookie: string | null, extra: Record<string, string> = {}) => ({
  ...(cookie ? { cookie } : {}),
  "content-type": "application/json",
  origin: "http://localhost:3000",
  ...extra,
});

function expectSecurityHeaders(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
}

describe("headers", () => {
  it("are on health, 404, tRPC errors, auth, static and 500 responses", async () => {
    const health = await t.app.app.request("/health");
    expectSecurityHeaders(health);
    expect(health.headers.get("cache-control")).toBe("no-store");
    expectSecurityHeaders(await t.app.app.request("/trpc/no.such.procedure"));
    const notFound = await t.app.app.request("/api/nothing-here");
    expect(notFound.status).toBe(404);
    expectSecurityHeaders(notFound);
    const trpcDenied = await t.app.app.request("/trpc/families.list");
    expect(trpcDenied.status).toBe(401);
    expectSecurityHeaders(trpcDenied);
    const page = await t.app.app.request("/");
    expect(await page.text()).toMatch(/front end not built/i);
    expectSecurityHeaders(page);
    const training = await t.app.app.request("/training/");
    expect(await training.text()).toMatch(/front end not built/i);
    const fresh = createApp({ db: t.testDb.db, config: t.config, logger: silentLogger() });
    fresh.app.on("PUT", "/boom", () => {
      throw new Error("database password=hunter2 in a message");
    });
    const boom = await fresh.app.request("/boom", { method: "PUT" });
    expect(boom.status).toBe(500);
    expectSecurityHeaders(boom);
    expect(await boom.text()).not.toContain("hunter2");
  });

  it("CORS answers only the allowlist", async () => {
    const foreign = await t.app.app.request("/trpc/session.me", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const own = await t.app.app.request("/trpc/session.me", { method: "OPTIONS", headers: { origin: "http://localhost:3000", "access-control-request-method": "POST" } });
    expect(own.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    // A simple request from the allowlist gets the origin and credentials; one from elsewhere neither.
    const s = await signIn(t, t.fx.users.manager.email);
    const ownGet = await t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie!, origin: "http://localhost:3000" } });
    expect(ownGet.status).toBe(200);
    expect(ownGet.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(ownGet.headers.get("access-control-allow-credentials")).toBe("true");
    expect(ownGet.headers.get("access-control-expose-headers")).toBe("x-request-id");
    const foreignGet = await t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie!, origin: "https://evil.example" } });
    expect(foreignGet.headers.get("access-control-allow-origin")).toBeNull();
    // Without Origin (same-origin GETs, scripts) no CORS header is sent, but the answer still varies by origin.
    const noOrigin = await t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie! } });
    expect(noOrigin.status).toBe(200);
    expect(noOrigin.headers.get("access-control-allow-origin")).toBeNull();
    expect(noOrigin.headers.get("access-control-allow-credentials")).toBeNull();
    expect(noOrigin.headers.get("vary")).toMatch(/origin/i);
    expectSecurityHeaders(noOrigin);
  });

  it("limits request bodies on POST (413, nothing written) but lets GET queries through untouched", async () => {
    const s = await signIn(t, t.fx.users.manager.email);
    const before = await t.testDb.db.prisma.family.count();
    const big = JSON.stringify({ reference: "BIG1", name: "x".repeat(600 * 1024) });
    const tooLarge = await t.app.app.request("/trpc/families.create", { method: "POST", headers: json(s.cookie), body: big });
    expect(tooLarge.status).toBe(413);
    expect(await t.testDb.db.prisma.family.count()).toBe(before);
    const list = await t.app.app.request(`/trpc/families.list?input=${encodeURIComponent(JSON.stringify({ limit: 5 }))}`, { headers: { cookie: s.cookie! } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { result: { data: { items: unknown[] } } }).result.data.items.length).toBeGreaterThan(0);
  });
});

describe("CSRF", () => {
  it("refuses text/plain, forms and foreign origins on mutations, and writes nothing", async () => {
    const s = await signIn(t, t.fx.users.manager.email);
    const body = JSON.stringify({ reference: "CSRF1", name: "Forged family" });
    const before = await t.testDb.db.prisma.family.count();
    const plain = await t.app.app.request("/trpc/families.create", { method: "POST", headers: { cookie: s.cookie!, "content-type": "text/plain" }, body });
    expect(plain.status).toBe(415);
    const form = await t.app.app.request("/trpc/families.create", { method: "POST", headers: { cookie: s.cookie!, "content-type": "application/x-www-form-urlencoded" }, body: "reference=X" });
    expect(form.status).toBe(415);
    const foreign = await t.app.app.request("/trpc/families.create", { method: "POST", headers: json(s.cookie, { origin: "https://evil.example" }), body });
    expect(foreign.status).toBe(403);
    const signInForm = await t.app.app.request("/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify({ email: "a@b.c", password: "x" }) });
    expect(signInForm.status).toBe(415);
    expect(await t.testDb.db.prisma.family.count()).toBe(before);
    const ok = await t.app.app.request("/trpc/families.create", { method: "POST", headers: json(s.cookie), body });
    expect(ok.status).toBe(200);
  });

  it("refuses bodies over the limit with 413", async () => {
    const res = await t.app.app.request("/trpc/families.create", { method: "POST", headers: json(null), body: JSON.stringify({ name: "x".repeat(1024 * 1024) }) });
    expect(res.status).toBe(413);
  });
});

describe("sessions", () => {
  it("sets HttpOnly SameSite=Lax cookies (Secure and __Secure- in production)", async () => {
    const res = await t.app.app.request("/api/auth/sign-in/email", { method: "POST", headers: json(null), body: JSON.stringify({ email: t.fx.users.staff.email, password: PASSWORD }) });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const prodConfig = testConfig({ nodeEnv: "production", baseUrl: "https://evident.example", allowedOrigins: ["https://evident.example"] });
    const prod = createApp({ db: t.testDb.db, config: prodConfig, logger: silentLogger() });
    const pres = await prod.app.request("https://evident.example/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evident.example" },
      body: JSON.stringify({ email: t.fx.users.staff.email, password: PASSWORD }),
    });
    const pc = pres.headers.get("set-cookie") ?? "";
    expect(pc).toMatch(/__Secure-/);
    expect(pc).toMatch(/Secure/);
  });

  it("expires after 60 idle minutes and 12 hours at most", async () => {
    const s = await signIn(t, t.fx.users.trainer.email);
    const me = () => t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie! } });
    expect((await me()).status).toBe(200);
    const start = Date.now();
    // Used every 50 minutes, the session lives until the 12-hour cap.
    for (let minutes = 50; minutes < 12 * 60; minutes += 50) {
      t.clock.now = new Date(start + minutes * 60_000);
      expect((await me()).status, `at ${minutes} minutes`).toBe(200);
    }
    t.clock.now = new Date(start + 12 * 60 * 60_000 + 1000);
    expect((await me()).status).toBe(401);
    t.clock.now = new Date();
    const s2 = await signIn(t, t.fx.users.trainer.email);
    t.clock.now = new Date(Date.now() + 61 * 60_000);
    expect((await t.app.app.request("/trpc/session.me", { headers: { cookie: s2.cookie! } })).status).toBe(401);
    t.clock.now = new Date();
  });

  it("a disabled account or a role change applies to the next request", async () => {
    const target = t.fx.users.analyst;
    const s = await signIn(t, target.email);
    const admin = await t.as(t.fx.users.admin.id);
    expect((await t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie! } })).status).toBe(200);
    await admin.admin.users.setRole({ userId: target.id, role: "staff" });
    expect((await t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie! } })).status).toBe(401);
    const s2 = await signIn(t, target.email);
    const me = (await (await t.app.app.request("/trpc/session.me", { headers: { cookie: s2.cookie! } })).json()) as { result: { data: { role: string } } };
    expect(me.result.data.role).toBe("staff");
    await admin.admin.users.disable({ userId: target.id, disabled: true });
    expect((await t.app.app.request("/trpc/session.me", { headers: { cookie: s2.cookie! } })).status).toBe(401);
    expect((await signIn(t, target.email)).status).toBe(401);
    // Even with a session row left behind, the context reloads the user and refuses.
    expect(await (await t.as(target.id)).session.me().catch((e: { code: string }) => e.code)).toBe("UNAUTHORIZED");
    await admin.admin.users.disable({ userId: target.id, disabled: false });
    await admin.admin.users.setRole({ userId: target.id, role: "analyst" });
  });

  it("slows an address after 5 failed sign-ins, whatever X-Forwarded-For says (auth/throttle.test.ts has the rest)", async () => {
    const email = t.fx.users.practitioner.email;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.app.request("/api/auth/sign-in/email", { method: "POST", headers: json(null, { "x-forwarded-for": `10.0.0.${i}` }), body: JSON.stringify({ email, password: "wrong-password-123" }) });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    t.clock.now = new Date(Date.now() + 2000);
    expect((await signIn(t, email)).status).toBe(200);
    t.clock.now = new Date();
  });

  it("throttles unknown addresses too (no account probing)", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(t, "nobody@test.evident.local", "wrong-password-123")).status).toBe(401);
    expect((await signIn(t, "nobody@test.evident.local", "wrong-password-123")).status).toBe(429);
  });

  it("rate-limits sign-in per address", async () => {
    const limited = createTestAppRateLimited();
    const statuses: number[] = [];
    // The address comes from the socket; a spoofed X-Forwarded-For does not reset the count.
    const socket = { incoming: { socket: { remoteAddress: "10.9.9.9" } } };
    for (let i = 0; i < 5; i++) {
      const r = await limited.request(
        "/api/auth/sign-in/email",
        { method: "POST", headers: json(null, { "x-forwarded-for": `10.1.0.${i}`, "x-evident-client-ip": `10.2.0.${i}` }), body: JSON.stringify({ email: "rl@test.evident.local", password: "wrong-password-123" }) },
        socket,
      );
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses[3]).toBe(429);
  });

  it("never rate-limits the session check that every page load makes", async () => {
    const limited = createTestAppRateLimited();
    const socket = { incoming: { socket: { remoteAddress: "10.9.9.8" } } };
    const statuses = new Set<number>();
    // Over the general limit of 100 a minute per address.
    for (let i = 0; i < 120; i++) statuses.add((await limited.request("/api/auth/get-session", { method: "GET" }, socket)).status);
    expect([...statuses]).toEqual([200]);
  });

  it("refuses demo logins in production", async () => {
    const prod = createApp({ db: t.testDb.db, config: testConfig({ nodeEnv: "production" }), logger: silentLogger() });
    const r = await prod.app.request("/api/auth/sign-in/email", { method: "POST", headers: json(null), body: JSON.stringify({ email: "admin@demo.evident.local", password: "evident-demo" }) });
    expect(r.status).toBe(403);
  });
});

function createTestAppRateLimited() {
  return createApp({ db: t.testDb.db, config: testConfig({ signInRateLimit: 3 }), logger: silentLogger() }).app;
}

describe("health and outages", () => {
  it("reports 503 and generic errors when the database is gone", async () => {
    const other = await createTestApp();
    const s = await signIn(other, other.fx.users.practitioner.email);
    await other.testDb.db.close();
    const health = await other.app.app.request("/health");
    expect(health.status).toBe(503);
    const res = await other.app.app.request("/trpc/families.list", { headers: { cookie: s.cookie! } });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(text).not.toMatch(/prisma|stack|select |pglite/i);
    await other.dispose().catch(() => {});
  });
});
