import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestIdp, type TestIdp } from "../test/oidc-idp.js";
import { createTestApp, type TestApp } from "../test/harness.js";

let t: TestApp;
let idp: TestIdp;
beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: "http://localhost:3000/api/auth/callback/oidc" });
  t = await createTestApp({ config: { oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, label: "Test provider" } } });
});
afterAll(async () => {
  await t?.dispose();
  await idp?.close();
});

describe("single sign-on", () => {
  it("tells the sign-in page it is on, and starts at the provider", async () => {
    expect(await (await t.app.app.request("/api/sso")).json()).toEqual({ enabled: true, providerId: "oidc", label: "Test provider" });
    const res = await t.app.app.request("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json", origin: t.config.baseUrl },
      body: JSON.stringify({ provider: "oidc", callbackURL: `${t.config.baseUrl}/`, errorCallbackURL: `${t.config.baseUrl}/sign-in` }),
    });
    const body = (await res.json()) as { url?: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    const url = new URL(body.url!);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("client_id")).toBe("evident");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  });
});
