/**
 * #15 finding 4: anonymous requests must not fill the append-only audit log, and /trpc has rate
 * limits per session and per address answered with 429.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestApp } from "../test/harness.js";
import { listProcedures } from "../test/procedures.js";

const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
  t = await createTestApp({ logger, config: { trpcLimits: { perAddress: 120, perSession: 40, windowMs: 60_000 } } });
});
afterAll(async () => {
  await t?.dispose();
});

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const auditRows = () => t.testDb.db.prisma.auditLog.count();

describe("anonymous refusals", () => {
  it("are counted, not audited: 100 calls from 100 addresses and a batch of every query write no audit row", async () => {
    const rowsBefore = await auditRows();
    const countedBefore = t.app.deps.refusals.snapshot().total;
    for (let i = 0; i < 100; i++) {
      const res = await t.app.app.request("/trpc/families.list", {}, from(`198.51.100.${i}`));
      expect(res.status).toBe(401);
    }
    const queries = listProcedures().filter((p) => p.type === "query").map((p) => p.path);
    expect(queries.length).toBeGreaterThan(60);
    const batch = queries.slice(0, 100);
    const input = Object.fromEntries(batch.map((_, i) => [i, {}]));
    const res = await t.app.app.request(`/trpc/${batch.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, {}, from("198.51.100.200"));
    expect(res.status).toBe(401);
    expect(await auditRows()).toBe(rowsBefore);
    expect(t.app.deps.refusals.snapshot().total - countedBefore).toBe(100 + batch.length);
    // One log line for the lot (the clock has not moved a minute).
    expect(lines.filter((l) => l.includes("requests refused: not signed in")).length).toBe(1);
  });

  it("a signed-in caller's refusal still gets its audit row", async () => {
    const before = await t.testDb.db.prisma.auditLog.count({ where: { actorId: t.fx.users.analyst.id, outcome: "denied", action: "families.list" } });
    await (await t.as(t.fx.users.analyst.id)).families.list({}).catch(() => undefined);
    expect(await t.testDb.db.prisma.auditLog.count({ where: { actorId: t.fx.users.analyst.id, outcome: "denied", action: "families.list" } })).toBe(before + 1);
  });
});

describe("/trpc rate limits", () => {
  it("refuse a session over its limit with 429 and Retry-After, leave other sessions at the address alone, and reset after the window", async () => {
    t.clock.now = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 5_000);
    const a = await signIn(t, t.fx.users.practitioner.email);
    const b = await signIn(t, t.fx.users.manager.email);
    const office = from("203.0.113.7");
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await t.app.app.request("/trpc/session.me", { headers: { cookie: a.cookie! } }, office)).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
    const refused = await t.app.app.request("/trpc/session.me", { headers: { cookie: a.cookie! } }, office);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("TOO_MANY_REQUESTS");
    // Another person behind the same address is not refused because of the first.
    expect((await t.app.app.request("/trpc/session.me", { headers: { cookie: b.cookie! } }, office)).status).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    expect((await t.app.app.request("/trpc/session.me", { headers: { cookie: a.cookie! } }, office)).status).toBe(200);
  });

  it("count each procedure of a batch and refuse an address over its limit", async () => {
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const address = from("192.0.2.99");
    const batch = Array.from({ length: 100 }, () => "session.me").join(",");
    expect((await t.app.app.request(`/trpc/${batch}?batch=1`, {}, address)).status).toBe(401);
    const over = await t.app.app.request(`/trpc/${batch.split(",").slice(0, 21).join(",")}?batch=1`, {}, address);
    expect(over.status).toBe(429);
    // Other addresses are unaffected.
    expect((await t.app.app.request("/trpc/session.me", {}, from("192.0.2.100"))).status).toBe(401);
  });
});

describe("default limits", () => {
  it("never refuse an office of ten people behind one address working for a minute", async () => {
    const office = await createTestApp();
    try {
      const sessions = [];
      for (const role of ["admin", "manager", "practitioner", "dv_worker", "trainer", "analyst", "staff"] as const) sessions.push(await signIn(office, office.fx.users[role].email));
      sessions.push(await signIn(office, office.fx.perpWorker.email), await signIn(office, office.fx.otherTeam.email), await signIn(office, office.fx.users.manager.email));
      const address = from("203.0.113.50");
      const statuses = new Map<number, number>();
      // Each person opens 15 pages of 8 procedures in the minute: 1,200 calls from one address.
      const page = Array.from({ length: 8 }, () => "session.me").join(",");
      for (let round = 0; round < 15; round++) {
        const results = await Promise.all(sessions.map((s) => office.app.app.request(`/trpc/${page}?batch=1`, { headers: { cookie: s.cookie! } }, address)));
        for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
      expect(Object.fromEntries(statuses)).toEqual({ 200: 150 });
    } finally {
      await office.dispose();
    }
  });
});
