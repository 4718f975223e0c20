import { describe, expect, it } from "vitest";
import { decideAttempt, delayAfter, SIGN_IN_RULES, type ThrottleCount } from "./lockout.js";

const t0 = new Date("2026-01-05T09:00:00Z").getTime();
const at = (ms: number) => new Date(t0 + ms);
const count = (failures: number, lastFailureMs: number | null, lastSuccessMs: number | null = null): ThrottleCount => ({
  failures,
  lastFailureAt: lastFailureMs === null ? null : at(lastFailureMs),
  lastSuccessAt: lastSuccessMs === null ? null : at(lastSuccessMs),
});

describe("sign-in throttling per account and address", () => {
  it("lets five failures through, then waits 1 s, 2 s, 4 s … capped at 15 minutes", () => {
    expect([0, 4, 5, 6, 7, 8, 14, 15, 40].map((f) => delayAfter(f))).toEqual([0, 0, 1000, 2000, 4000, 8000, 512_000, 900_000, 900_000]);
    expect(decideAttempt(count(4, 0), count(4, 0), at(1)).allowed).toBe(true);
    const refused = decideAttempt(count(5, 0), count(5, 0), at(999));
    expect(refused).toEqual({ allowed: false, reason: "address", retryAt: at(1000) });
    expect(decideAttempt(count(5, 0), count(5, 0), at(1000))).toMatchObject({ allowed: true, pairFailures: 6, accountFailures: 6 });
    expect(decideAttempt(count(8, 0), null, at(7999)).allowed).toBe(false);
    expect(decideAttempt(count(8, 0), null, at(8000)).allowed).toBe(true);
  });

  it("counts the attempt before the check and says when it starts the delays", () => {
    expect(decideAttempt(null, null, at(0))).toEqual({ allowed: true, pairFailures: 1, accountFailures: 1, pairThrottled: false, accountOverCeiling: false });
    expect(decideAttempt(count(4, 0), count(10, 0), at(5))).toMatchObject({ pairThrottled: true, accountOverCeiling: false });
  });

  it("does not refuse another address because one address is failing", () => {
    const elsewhere = decideAttempt(null, count(12, 0), at(10));
    expect(elsewhere.allowed).toBe(true);
  });

  it("forgets failures a day after the last one", () => {
    expect(decideAttempt(count(30, 0), count(49, 0), at(SIGN_IN_RULES.windowMs))).toMatchObject({ allowed: true, pairFailures: 1, accountFailures: 1 });
  });

  it("above the account ceiling refuses new addresses but not one the account signed in from", () => {
    const account = count(50, 0);
    expect(decideAttempt(null, account, at(60_000))).toEqual({ allowed: false, reason: "account", retryAt: at(SIGN_IN_RULES.windowMs) });
    expect(decideAttempt(count(0, null, -3_600_000), account, at(60_000))).toMatchObject({ allowed: true });
    // Known means within 90 days.
    expect(decideAttempt(count(0, null, -91 * 86_400_000), account, at(60_000)).allowed).toBe(false);
    expect(decideAttempt(null, count(48, 0), at(1))).toMatchObject({ allowed: true, accountOverCeiling: false });
    expect(decideAttempt(null, count(49, 0), at(1))).toMatchObject({ allowed: true, accountOverCeiling: true });
  });
});
