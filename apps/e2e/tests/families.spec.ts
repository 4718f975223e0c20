import { expect, test } from "@playwright/test";
import { authFile, CANARY, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("practitioner") });

test("[FAMILIES]: a practitioner records a new family, with errors shown at each field first", async ({ page }) => {
  await page.goto("/families");
  await page.getByRole("button", { name: "Record a new family" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a new family" })).toBeVisible();
  await page.getByRole("button", { name: "Record family" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the family's case reference" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter the family name" })).toBeVisible();
  await summary.getByRole("link", { name: "Enter the family name" }).click();
  await expect(page.getByLabel("Family name")).toBeFocused();
  await expectAccessible(page, "family form with errors");
  await screenshot(page, "family-form-errors");

  const reference = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await page.getByLabel("Case reference").fill(reference);
  await page.getByLabel("Family name").fill("Testwood family");
  await page.getByRole("group", { name: "Date opened" }).getByLabel("Day").fill("3");
  await page.getByRole("group", { name: "Date opened" }).getByLabel("Month").fill("2");
  await page.getByRole("group", { name: "Date opened" }).getByLabel("Year").fill("2020");
  await page.getByRole("button", { name: "Record family" }).click();
  await expect(page.getByText("Family recorded")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Testwood family" })).toBeVisible();
  await expect(page.getByText("3 February 2020")).toBeVisible();
  await expect(page.getByText(reference).first()).toBeVisible();

  await page.goto("/families");
  await page.getByLabel("Filter by name or reference").fill("Testwood");
  await expect(page.getByRole("link", { name: "Testwood family" })).toBeVisible();
});

test("[FAMILIES]: when someone else saved first, the conflict is explained and the typing is kept", async ({ page, browser }) => {
  await page.goto(`/families/${CANARY.familyId}/edit`);
  await expect(page.getByLabel("Family name")).toHaveValue(CANARY.familyName);
  // Someone else changes the family in another browser.
  const other = await browser.newContext({ storageState: authFile("manager") });
  const otherPage = await other.newPage();
  await otherPage.goto(`/families/${CANARY.familyId}/edit`);
  await otherPage.getByLabel("Family name").fill("Canary family (renamed by manager)");
  await otherPage.getByRole("button", { name: "Save changes" }).click();
  await expect(otherPage.getByText("Family details saved")).toBeVisible();
  await other.close();

  await page.getByLabel("Family name").fill("Canary family (my edit)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Someone else saved this family while you were making changes")).toBeVisible();
  await expect(page.locator(".govuk-notification-banner").getByText("Canary family (renamed by manager)", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Family name")).toHaveValue("Canary family (my edit)");
  await screenshot(page, "family-conflict");
  // Saving again applies the change on top of the latest version; then put the name back.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Canary family (my edit)" })).toBeVisible();
  await page.goto(`/families/${CANARY.familyId}/edit`);
  await page.getByLabel("Family name").fill(CANARY.familyName);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: CANARY.familyName })).toBeVisible();
});
