import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestApp } from "./test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe("smoke", () => {
  it("health answers", async () => {
    const res = await t.app.app.request("/health");
    expect(res.status).toBe(200);
  });
  it("signs in and calls a procedure", async () => {
    const s = await signIn(t, t.fx.users.practitioner.email);
    expect(s.status).toBe(200);
    expect(s.cookie).toMatch(/session_token/);
    const res = await t.app.app.request("/trpc/session.me", { headers: { cookie: s.cookie! } });
    const body = (await res.json()) as { result: { data: { role: string } } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.result.data.role).toBe("practitioner");
  });
  it("caller works", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const list = await c.families.list({});
    expect(list.items.map((f) => f.id)).toContain(t.fx.families.mine);
    expect(list.items.map((f) => f.id)).not.toContain(t.fx.families.otherTeam);
  });
});
