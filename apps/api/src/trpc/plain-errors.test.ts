import type { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

async function issuesOf(call: Promise<unknown>) {
  const err = (await call.then(() => null, (e: unknown) => e)) as { code?: string; cause?: ZodError } | null;
  expect(err?.code).toBe("BAD_REQUEST");
  return (err!.cause as ZodError).issues.map((i) => [i.path.join("."), i.message] as const);
}

describe("plain words in field errors", () => {
  it("an empty group referral names what to do, never 'Invalid input: expected string, received null'", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const issues = await issuesOf(m.programmes.enrolments.create({ groupId: null, personId: null, safetyChecks: null } as never));
    expect(issues).toContainEqual(["personId", "choose an option"]);
    expect(issues).toContainEqual(["groupId", "choose an option"]);
    for (const [, message] of issues) expect(message).not.toMatch(/Invalid|expected|received/);
  });

  it("an impossible decision date says 'must be a real date', without YYYY-MM-DD", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const issues = await issuesOf(m.decisions.create({ title: "A decision", decision: "Something", rationale: "Because", decidedAt: "2019-02-30" }));
    expect(issues).toEqual([["decidedAt", "must be a real date"]]);
  });
});
