import { expect, test } from "@playwright/test";
import { email, expectAccessible, paceSignIn, ROLES, screenshot, signInWithForm, type Role } from "./fixtures.js";

const EXPECTED: Record<Role, { label: string; sections: string[]; nav: string[]; hidden: string[] }> = {
  admin: { label: "Administrator", sections: ["Administration", "Evidence"], nav: ["Evaluation"], hidden: ["Families", "Groups"] },
  manager: { label: "Team manager", sections: ["Your caseload", "Your groups", "Follow-ups due", "Overdue assessments", "Evidence"], nav: ["Families", "Groups", "Hub cases", "Evaluation"], hidden: [] },
  practitioner: { label: "Social worker", sections: ["Your caseload", "Your groups", "Follow-ups due", "Overdue assessments"], nav: ["Families", "Groups", "Hub cases"], hidden: ["Evaluation"] },
  dv_worker: { label: "Domestic-abuse worker", sections: ["Your caseload", "Your groups"], nav: ["Families", "Groups"], hidden: ["Hub cases", "Evaluation"] },
  trainer: { label: "Trainer", sections: ["Your training"], nav: [], hidden: ["Families", "Groups", "Evaluation"] },
  analyst: { label: "Analyst", sections: ["Evidence"], nav: ["Evaluation"], hidden: ["Families", "Groups"] },
  staff: { label: "Staff member", sections: ["Your training"], nav: [], hidden: ["Families", "Groups", "Evaluation"] },
};

test.describe("sign in", () => {
  for (const role of ROLES) {
    test(`[AUTH]: ${role} signs in and sees their home page`, async ({ page }) => {
      await signInWithForm(page, role);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
      await expect(page.getByTestId("signed-in-as")).toContainText(EXPECTED[role].label);
      const menu = page.getByRole("navigation", { name: "Menu" });
      for (const s of EXPECTED[role].sections) await expect(page.getByRole("heading", { level: 2, name: s })).toBeVisible();
      for (const n of EXPECTED[role].nav) await expect(menu.getByRole("link", { name: n, exact: true })).toBeVisible();
      for (const n of EXPECTED[role].hidden) await expect(menu.getByRole("link", { name: n, exact: true })).toHaveCount(0);
      // Wait for the home page's lists to settle before the screenshot.
      await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
      await screenshot(page, `home-${role}`);
      // SA-1: nothing is kept in web storage.
      expect(await page.evaluate(() => ({ local: localStorage.length, session: Object.keys(sessionStorage).filter((k) => !k.startsWith("evident:draft:")).length }))).toEqual({ local: 0, session: 0 });
    });
  }

  test("[AUTH]: a wrong password shows a clear error and the session cookie is HttpOnly", async ({ page, context }) => {
    await page.goto("/sign-in");
    await expectAccessible(page, "sign-in");
    await screenshot(page, "sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".govuk-error-summary")).toBeFocused();
    await expect(page.getByRole("link", { name: "Enter your email address" })).toBeVisible();
    await paceSignIn();
    await page.getByLabel("Email address").fill(email("staff"));
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter a correct email address and password");
    await expectAccessible(page, "sign-in with errors");
    await signInWithForm(page, "staff");
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies.filter((c) => /session/i.test(c.name))) expect(c.httpOnly).toBe(true);
  });

  test("[AUTH]: signing out returns to the sign-in page and pages need a session again", async ({ page }) => {
    await signInWithForm(page, "trainer");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out")).toBeVisible();
    await page.goto("/families");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ffamilies/);
  });
});
