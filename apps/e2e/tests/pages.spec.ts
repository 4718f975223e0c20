/** An accessibility check (axe, WCAG 2.2 AA) and a screenshot of every main page. */
import { expect, test, type Page } from "@playwright/test";
import { authFile, CANARY, expectAccessible, screenshot } from "./fixtures.js";

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking|Running/ })).toHaveCount(0, { timeout: 20_000 });
}

test.describe("practitioner pages", () => {
  test.use({ storageState: authFile("practitioner") });
  const pages: [string, string][] = [
    ["home", "/"],
    ["families", "/families"],
    ["family", `/families/${CANARY.familyId}`],
    ["family-new", "/families/new"],
    ["family-edit", `/families/${CANARY.familyId}/edit`],
    ["groups-practitioner", "/groups"],
    ["hub", "/hub"],
    ["not-found", "/no-such-page"],
  ];
  for (const [name, path] of pages) {
    test(`[A11Y]: ${name} page has no axe violations`, async ({ page }) => {
      await page.goto(path);
      await settle(page);
      await screenshot(page, `page-${name}`);
      await expectAccessible(page, name);
    });
  }
});

test.describe("domestic-abuse worker pages", () => {
  test.use({ storageState: authFile("dv_worker") });
  test("[A11Y]: groups and a group's register have no axe violations", async ({ page }) => {
    await page.goto("/groups");
    await settle(page);
    await screenshot(page, "page-groups");
    await expectAccessible(page, "groups");
    await page.getByRole("link", { name: /IFP Perpetrators/ }).first().click();
    await settle(page);
    await expect(page.getByTestId("register")).toBeVisible();
    await screenshot(page, "page-group");
    await expectAccessible(page, "group");
  });
});

test.describe("analyst pages", () => {
  test.use({ storageState: authFile("analyst") });
  test("[A11Y]: evaluation page has no axe violations", async ({ page }) => {
    await page.goto("/evaluation");
    await settle(page);
    await screenshot(page, "page-evaluation");
    await expectAccessible(page, "evaluation");
  });
});
