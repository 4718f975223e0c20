import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.describe("as an analyst", () => {
  test.use({ storageState: authFile("analyst") });

  test("[MONITORING]: figures from live data with their definitions, numbers one click away", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/monitoring");
    const fig1 = page.getByTestId("figure-cp_cases_known_da_perpetrator");
    await expect(fig1.getByRole("heading", { name: /Figure 1/ })).toBeVisible({ timeout: 60_000 });
    await expect(fig1.getByTestId("definition")).toContainText("LAST DAY of the period");
    await fig1.getByRole("button", { name: "Show the numbers" }).click();
    await expect(fig1.getByRole("table", { name: "Figure 1 as a table" })).toBeVisible();
    await expect(page.getByTestId("table-5")).toContainText("Targets: 43 Early Help", { timeout: 60_000 });
    await screenshot(page, "page-monitoring");
    await expectAccessible(page, "monitoring");
  });

  test("[DECISIONS]: the decision log is searchable; the plan lists milestones", async ({ page }) => {
    await page.goto("/decisions");
    await expect(page.getByTestId("decision-list")).toContainText("Close the Innovation Hub");
    await page.getByLabel("Words").fill("VADA");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("decision-list")).toContainText("Adopt the VADA tool");
    await expect(page.getByTestId("decision-list")).not.toContainText("Close the Innovation Hub");
    await screenshot(page, "page-decisions");
    await expectAccessible(page, "decisions");
    await page.goto("/plan");
    await expect(page.getByRole("table", { name: "Milestones" })).toContainText("Train replacement IFP facilitators");
    await expectAccessible(page, "plan");
  });
});

test.describe("as a practitioner", () => {
  test.use({ storageState: authFile("practitioner") });

  test("[BRIEFING]: the one-page programme briefing is readable and printable", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/logic-models");
    await page.getByRole("link", { name: /Inspiring Families Programme briefing/ }).click();
    await expect(page).toHaveURL(/\/briefing\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1, name: /briefing/ })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("briefing-aims")).toContainText("Reduction in the number of CYP becoming looked after");
    await expect(page.getByRole("button", { name: "Print this briefing" })).toBeVisible();
    await screenshot(page, "page-briefing");
    await expectAccessible(page, "briefing");
  });
});

test.describe("as a manager", () => {
  test.use({ storageState: authFile("manager") });

  test("[PLAN]: overdue milestone reviews show on the manager's home page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Plan reviews overdue" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Milestones to review" })).toContainText("Train replacement IFP facilitators");
  });
});
