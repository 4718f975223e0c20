import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { allocate, apiAs, makeFamily } from "./records.js";

test.use({ storageState: authFile("practitioner") });

test("[FAMILIES]: a practitioner records a new family, with errors shown at each field first", async ({ page }) => {
  await page.goto("/families");
  await page.getByRole("button", { name: "Record a new family" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a new family" })).toBeVisible();
  await page.getByRole("button", { name: "Record family" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  // The case reference is optional (the system gives the next one), so only the name is asked for.
  await expect(summary.getByRole("link", { name: /case reference/ })).toHaveCount(0);
  await expect(summary.getByRole("link", { name: "Enter the family name" })).toBeVisible();
  await summary.getByRole("link", { name: "Enter the family name" }).click();
  await expect(page.getByLabel("Family name")).toBeFocused();
  await expectAccessible(page, "family form with errors");
  await screenshot(page, "family-form-errors");

  const reference = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await page.getByLabel("Case reference").fill(reference);
  const name = `Testwood family ${reference}`;
  await page.getByLabel("Family name").fill(name);
  await page.getByRole("group", { name: "Date opened" }).getByLabel("Day").fill("3");
  await page.getByRole("group", { name: "Date opened" }).getByLabel("Month").fill("2");
  await page.getByRole("group", { name: "Date opened" }).getByLabel("Year").fill("2020");
  await page.getByRole("button", { name: "Record family" }).click();
  await expect(page.getByText("Family recorded")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // Kept: after a reload the saved values are shown.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("3 February 2020")).toBeVisible();
  await expect(page.getByText(reference).first()).toBeVisible();

  await page.goto("/families");
  await page.getByLabel("Filter by name or reference").fill(reference);
  await expect(page.getByRole("link", { name })).toBeVisible();
});

test("[FAMILIES]: when someone else saved first, the conflict is explained and the typing is kept", async ({ page, browser }) => {
  // A family made for this test by the manager, with the practitioner allocated to it.
  const api = await apiAs("manager");
  const family = await makeFamily(api, "Clashley family");
  await allocate(api, family.id, "practitioner");
  await api.dispose();
  await page.goto(`/families/${family.id}/edit`);
  await expect(page.getByLabel("Family name")).toHaveValue(family.name);
  // Someone else changes the family in another browser.
  const other = await browser.newContext({ storageState: authFile("manager") });
  const otherPage = await other.newPage();
  await otherPage.goto(`/families/${family.id}/edit`);
  await otherPage.getByLabel("Family name").fill(`${family.name} (renamed by manager)`);
  await otherPage.getByRole("button", { name: "Save changes" }).click();
  await expect(otherPage.getByText("Family details saved")).toBeVisible();
  await other.close();

  await page.getByLabel("Family name").fill(`${family.name} (my edit)`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Someone else saved this family while you were making changes")).toBeVisible();
  await expect(page.locator(".govuk-notification-banner").getByText(`${family.name} (renamed by manager)`, { exact: true })).toBeVisible();
  await expect(page.getByLabel("Family name")).toHaveValue(`${family.name} (my edit)`);
  await screenshot(page, "family-conflict");
  // Saving again applies the change on top of the latest version; kept, in a fresh context too.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${family.name} (my edit)` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: `${family.name} (my edit)` })).toBeVisible();
  const fresh = await browser.newContext({ storageState: authFile("manager") });
  const freshPage = await fresh.newPage();
  await freshPage.goto(`/families/${family.id}/edit`);
  await expect(freshPage.getByLabel("Family name")).toHaveValue(`${family.name} (my edit)`);
  await fresh.close();
});
