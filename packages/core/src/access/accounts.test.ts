import { describe, expect, it } from "vitest";
import { accountStatus, adminCreateProblem, missingProductionSettings, productionSettingsMessage, resendProblem, setPasswordUrl } from "./accounts.js";

describe("accounts", () => {
  it("calls an account invited until it has a way to sign in, and disabled above all", () => {
    expect(accountStatus({ disabled: false, hasLogin: false })).toBe("invited");
    expect(accountStatus({ disabled: false, hasLogin: true })).toBe("active");
    expect(accountStatus({ disabled: true, hasLogin: true })).toBe("disabled");
    expect(accountStatus({ disabled: true, hasLogin: false })).toBe("disabled");
  });
  it("refuses a second administrator without --another, and a taken email always", () => {
    expect(adminCreateProblem({ admins: 0, emailTaken: false, another: false })).toBeNull();
    expect(adminCreateProblem({ admins: 1, emailTaken: false, another: false })).toMatch(/--another/);
    expect(adminCreateProblem({ admins: 1, emailTaken: false, another: true })).toBeNull();
    expect(adminCreateProblem({ admins: 0, emailTaken: true, another: true })).toMatch(/already exists/);
  });
  it("sends an invitation again only while it is pending", () => {
    expect(resendProblem("invited")).toBeNull();
    expect(resendProblem("active")).toMatch(/already set a password/);
    expect(resendProblem("disabled")).toMatch(/disabled/);
  });
  it("builds the set-password address with the token as a query parameter", () => {
    expect(setPasswordUrl("https://e.example.gov.uk/", "a+b")).toBe("https://e.example.gov.uk/set-password?token=a%2Bb");
  });
  it("lists the missing production settings by name, and none outside production", () => {
    expect(missingProductionSettings({ NODE_ENV: "development" })).toEqual([]);
    const missing = missingProductionSettings({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short" });
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/^BETTER_AUTH_SECRET/);
    expect(missing[1]).toMatch(/^EVIDENT_BASE_URL/);
    expect(missingProductionSettings({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(32), EVIDENT_BASE_URL: "https://e.example" })).toEqual([]);
    expect(productionSettingsMessage(missing)).toContain("BETTER_AUTH_SECRET");
  });
});

describe("staff record of an account", () => {
  it("maps case roles to their staff roles and gives administrators none", async () => {
    const { staffRoleForAccount } = await import("./accounts.js");
    expect(staffRoleForAccount("admin")).toBeNull();
    expect(staffRoleForAccount("manager")).toBe("team_manager");
    expect(staffRoleForAccount("practitioner")).toBe("social_worker");
    expect(staffRoleForAccount("dv_worker")).toBe("domestic_abuse_worker");
    expect(staffRoleForAccount("staff")).toBe("business_support");
  });
});
