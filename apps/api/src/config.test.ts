import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const defaults = { portalDir: null, trainingDir: null, demo: true };
const secret = "s".repeat(40);

describe("configuration", () => {
  it("refuses production without an https:// public address (its cookies are Secure)", () => {
    expect(() => loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret, EVIDENT_BASE_URL: "http://evident.example" }, defaults)).toThrow(/https/);
    expect(() => loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret }, defaults)).toThrow(/https/);
    const ok = loadConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret, EVIDENT_BASE_URL: "https://evident.example" }, defaults);
    expect(ok).toMatchObject({ nodeEnv: "production", demo: false, baseUrl: "https://evident.example" });
    expect(loadConfig({ NODE_ENV: "development" }, defaults).baseUrl).toBe("http://localhost:3000");
  });

  it("reads the /trpc rate limits, 0 turning one off", () => {
    expect(loadConfig({}, defaults).trpcLimits).toEqual({ perAddress: 6000, perSession: 1500, windowMs: 60_000 });
    expect(loadConfig({ EVIDENT_TRPC_LIMIT_PER_ADDRESS: "0", EVIDENT_TRPC_LIMIT_PER_SESSION: "200" }, defaults).trpcLimits).toMatchObject({ perAddress: 0, perSession: 200 });
    expect(() => loadConfig({ EVIDENT_TRPC_LIMIT_PER_SESSION: "-1" }, defaults)).toThrow();
  });
});
