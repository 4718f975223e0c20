import { getCurrentAuthContextAsyncLocalStorage, getCurrentDBAdapterAsyncLocalStorage, getRequestStateAsyncLocalStorage } from "@better-auth/core/context";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, signIn, type TestApp } from "../test/harness.js";
import { outstandingAuthWork, whileAuthRuns } from "./context-storage.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const storages = () => Promise.all([getCurrentAuthContextAsyncLocalStorage(), getRequestStateAsyncLocalStorage(), getCurrentDBAdapterAsyncLocalStorage()]);
/**
 * Whether each storage was left: `disable()` was called on it since `since` and none has entered it again.
 * Checked through the storages' own methods (spied), so the expectation holds on every Node version;
 * Node 20 also keeps the state in `enabled`, checked where it exists.
 */
async function spyOnStorages() {
  const all = await storages();
  const disables = all.map((s) => vi.spyOn(s, "disable"));
  return {
    reset: () => disables.forEach((d) => d.mockClear()),
    expectLeft: () => {
      for (const [i, d] of disables.entries()) {
        expect(d, `storage ${i} was not disabled`).toHaveBeenCalled();
        expect(all[i]!.getStore(), `storage ${i} still holds a store`).toBeUndefined();
        const enabled = (all[i] as { enabled?: boolean }).enabled;
        if (enabled !== undefined) expect(enabled).toBe(false);
      }
    },
  };
}
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("better-auth's context storages", () => {
  it("are left once no better-auth call is in flight, and entered again by the next", async () => {
    const { fx } = t;
    const spies = await spyOnStorages();
    const first = await signIn(t, fx.users.practitioner.email);
    expect(first.status).toBe(200);
    await settle();
    expect(outstandingAuthWork()).toBe(0);
    spies.expectLeft();
    spies.reset();

    // Concurrent sign-ins and session checks, all answered as before.
    const results = await Promise.all([
      ...["practitioner", "manager", "dv_worker", "trainer", "analyst"].map((role) => signIn(t, fx.users[role as keyof typeof fx.users].email)),
      t.app.app.request("/api/auth/get-session", { headers: { cookie: first.cookie! } }),
    ]);
    for (const r of results.slice(0, 5)) expect((r as { status: number }).status).toBe(200);
    const session = results[5] as Response;
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user?: { email?: string } }).user?.email).toBe(fx.users.practitioner.email);
    await settle();
    expect(outstandingAuthWork()).toBe(0);
    spies.expectLeft();
  });

  it("stay entered while a call is in flight, so its store is there after each await", async () => {
    const [endpoint] = await storages();
    let seenAfterAwait: unknown = "unset";
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const call = whileAuthRuns(() =>
      endpoint!.run({ marker: 1 } as never, async () => {
        await held;
        seenAfterAwait = endpoint!.getStore();
      }),
    );
    // Another call finishing meanwhile must not leave the storages under the first.
    await whileAuthRuns(async () => undefined);
    await settle();
    expect(outstandingAuthWork()).toBe(1);
    release();
    await call;
    expect(seenAfterAwait).toEqual({ marker: 1 });
    await settle();
    expect(outstandingAuthWork()).toBe(0);
  });
});
