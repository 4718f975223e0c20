/**
 * Logs carry no personal data: drive the server over HTTP through sign-in
 * (right and wrong password), caseload and family reads, a person's contact
 * details behind the barrier, hostile input carrying a name, and an
 * unexpected error, capturing every log line at debug level; then no line may
 * contain a name, an email address, the canary phone or postcode, a password,
 * a cookie or a session token.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { CANARY_PHONE, CANARY_POSTCODE, PASSWORD, createTestApp, signIn, type TestApp } from "../test/harness.js";

describe("logs", () => {
  const lines: string[] = [];
  let t: TestApp;
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    t = await createTestApp({ logger: createLogger({ level: "debug", destination }) });
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("carry request ids and outcomes but never names, contact details, emails, passwords or tokens", async () => {
    const practitioner = t.fx.users.practitioner.email;
    expect((await signIn(t, practitioner, "wrong-password-123")).status).toBe(401);
    const s = await signIn(t, practitioner);
    expect(s.status).toBe(200);
    const get = (path: string, input: unknown) =>
      t.app.app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie: s.cookie! } });
    expect((await get("families.list", { limit: 25, search: "Family" })).status).toBe(200);
    const family = await get("families.get", { id: t.fx.families.mine });
    expect(family.status).toBe(200);
    expect(await family.text()).toContain("Vicky"); // the response has the names; the logs must not
    expect((await get("people.contact.get", { personId: t.fx.people.victim })).status).toBeLessThan(500);
    // Hostile input carrying a name and a phone number: refused, and not echoed into the logs.
    expect((await get("families.get", { id: `Vicky Tester ${CANARY_PHONE}` })).status).toBe(400);
    const write = await t.app.app.request("/trpc/families.create", {
      method: "POST",
      headers: { cookie: s.cookie!, "content-type": "application/json", origin: t.config.baseUrl },
      body: JSON.stringify({ reference: "x".repeat(5000), name: "Vicky Tester" }),
    });
    expect(write.status).toBe(400);

    const text = lines.join("\n");
    // The logs did record the traffic (so an empty log cannot pass this test).
    expect(lines.length).toBeGreaterThan(5);
    expect(text).toMatch(/families\.get/);
    expect(text).toMatch(/"requestId":"[0-9a-f-]{36}"/);
    const token = s.cookie!.split("=")[1]!.split(".")[0]!;
    for (const secret of ["Vicky", "Peter", "Chris", "Tester", "Canary Row", CANARY_PHONE, CANARY_POSTCODE, practitioner, PASSWORD, "wrong-password-123", token]) {
      expect(text.includes(secret), `log contains ${secret}`).toBe(false);
    }
  }, 120_000);
});
