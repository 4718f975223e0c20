import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signIn, type TestApp } from "../test/harness.js";
import { createAdministrator, parseArgs } from "./admin-create.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

async function resetPassword(token: string, newPassword: string) {
  return t.app.app.request("/api/auth/reset-password", {
    method: "POST",
    headers: { "content-type": "application/json", origin: t.config.baseUrl },
    body: JSON.stringify({ token, newPassword }),
  });
}

describe("admin:create", () => {
  it("reads --email and --name, lower-cases the email, and names what is missing", () => {
    const ok = parseArgs(["--email", "Ada@Example.gov.uk", "--name", "Ada Admin"]);
    expect(ok.success && ok.data).toEqual({ email: "ada@example.gov.uk", name: "Ada Admin", another: false });
    const bad = parseArgs(["--name", "x"]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("--email must be an email address");
  });

  it("refuses while an administrator exists, then creates one with --another whose link sets a password once, for 24 hours", async () => {
    const p = t.testDb.db.prisma;
    const now = new Date();
    // The fixture has an administrator already.
    const refused = await createAdministrator(p as never, { email: "second.admin@example.gov.uk", name: "Second Admin", another: false }, { baseUrl: "https://evident.example.gov.uk", now });
    expect(refused).toEqual({ ok: false, problem: "An administrator already exists. Add --another to create one more." });
    expect(await p.user.count({ where: { email: "second.admin@example.gov.uk" } })).toBe(0);

    const made = await createAdministrator(p as never, { email: "second.admin@example.gov.uk", name: "Second Admin", another: true }, { baseUrl: "https://evident.example.gov.uk", now });
    if (!made.ok) throw new Error(made.problem);
    expect(made.url).toMatch(/^https:\/\/evident\.example\.gov\.uk\/set-password\?token=[A-Za-z0-9_-]{32}$/);
    expect(made.expiresAt.getTime() - now.getTime()).toBe(24 * 3_600_000);
    const token = new URL(made.url).searchParams.get("token")!;

    // No password yet: signing in fails.
    expect((await signIn(t, "second.admin@example.gov.uk", "a long enough passphrase 7")).status).toBe(401);
    const res = await resetPassword(token, "a long enough passphrase 7");
    expect(res.status).toBe(200);
    const session = await signIn(t, "second.admin@example.gov.uk", "a long enough passphrase 7");
    expect(session.status).toBe(200);
    expect(session.cookie).toBeTruthy();
    // The link works once.
    expect((await resetPassword(token, "another long passphrase 8")).status).toBe(400);
    const audit = await p.auditLog.findFirst({ where: { action: "admin.users.create", entityIds: { has: made.userId } } });
    expect(audit?.outcome).toBe("success");
    // A taken email is refused even with --another.
    const again = await createAdministrator(p as never, { email: "second.admin@example.gov.uk", name: "Again", another: true }, { baseUrl: "https://evident.example.gov.uk", now });
    expect(again.ok).toBe(false);
  });
});
