import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("manager") });

test("[FINANCE]: a manager enters a budget and the analysis uses it, stating which figure it used", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/finance");
  await expect(page.getByRole("heading", { level: 1, name: "Programme finance" })).toBeVisible();
  await expectAccessible(page, "finance programmes");
  await page.getByRole("link", { name: "Inspiring Families Programme" }).click();
  // Seeded from the report: Table 23 (actual) and the DAARR logic model's funding (budget).
  const totals = page.getByTestId("finance-totals");
  await expect(totals).toContainText("£678,981");
  await expect(totals).toContainText("£501,597");
  await expectAccessible(page, "programme finance");

  // A new budget line for 2019-20.
  const form = page.getByRole("form", { name: "Add a cost line" });
  await form.getByLabel("First financial year").selectOption("2019");
  await form.getByLabel("Last financial year").selectOption("2019");
  await form.getByLabel("What the line is for").selectOption("venues");
  const line = `E2E community hall hire ${Date.now().toString(36)}`;
  await form.getByLabel("Description").fill(line);
  await form.getByLabel("Budget (£)").fill("abc");
  await form.getByRole("button", { name: "Add line" }).click();
  await expect(page.getByText("The budget must be an amount in pounds").first()).toBeVisible();
  await form.getByLabel("Budget (£)").fill("12345.67");
  await form.getByRole("button", { name: "Add line" }).click();
  await expect(page.getByText(`Line “${line}” added.`)).toBeVisible();
  // Kept: after a reload the line is there and the 2019-20 budget is its amount.
  await page.reload();
  await expect(page.getByText(line).first()).toBeVisible();
  await page.getByLabel("Financial years", { exact: true }).selectOption("2019:2019");
  await expect(totals).toContainText("£12,345.67");
  await screenshot(page, "finance-programme");

  // The analysis uses that budget and says so.
  await page.goto("/evaluation");
  await page.getByLabel("Programme", { exact: true }).selectOption({ label: "Inspiring Families Programme" });
  await page.getByLabel("The budget, from the finance page").check();
  await page.getByLabel("Financial years of the cost").selectOption("2019:2019");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  await expect(page.getByTestId("analysis")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("cost-used")).toContainText("Budget, 2019-20: £12,345.67");
  // The cost-benefit table uses it (shown to the pound).
  await expect(page.getByText("£12,346").first()).toBeVisible();
  const title = `E2E: IFP on the 2019-20 budget ${Date.now().toString(36)}`;
  await page.getByLabel("Title for this analysis").fill(title);
  await page.getByRole("button", { name: "Save this analysis" }).click();
  await expect(page.getByText("Analysis saved")).toBeVisible({ timeout: 90_000 });
  await page.reload();
  await page.getByRole("link", { name: `Open ${title}` }).click();
  await expect(page.locator("#saved-run-heading")).toHaveText(title);
  await expect(page.getByTestId("cost-used").last()).toContainText("Budget, 2019-20: £12,345.67");
});
