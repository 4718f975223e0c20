import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("analyst") });

test("[EVALUATION]: an analyst runs an analysis, sees the warnings before the numbers, and saves it", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/evaluation");
  await page.getByLabel("Programme", { exact: true }).selectOption({ label: "Inspiring Families Programme" });
  await page.getByRole("button", { name: "Run the analysis" }).click();
  const analysis = page.getByTestId("analysis");
  await expect(analysis).toBeVisible({ timeout: 60_000 });
  // Warnings come first, then the numbers.
  const warningsBox = await page.getByTestId("warnings").boundingBox();
  const tableBox = await page.getByTestId("outcome-table").boundingBox();
  expect(warningsBox!.y).toBeLessThan(tableBox!.y);
  await expect(page.getByTestId("did-table")).toBeVisible();
  await expect(page.locator(".recharts-sankey, svg .recharts-sankey-nodes, .recharts-surface").first()).toBeVisible();
  await page.getByText("Show the numbers: programme cohort").click();
  await expect(page.getByRole("table", { name: /highest status before/ }).first()).toBeVisible();
  await screenshot(page, "evaluation-result");
  await expectAccessible(page, "evaluation result");
  const title = `E2E: Inspiring Families vs domestic-abuse comparison ${Date.now().toString(36)}`;
  await page.getByLabel("Title for this analysis").fill(title);
  await page.getByRole("button", { name: "Save this analysis" }).click();
  await expect(page.getByText("Analysis saved")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("table", { name: "Saved analyses" }).getByRole("cell", { name: title, exact: true })).toBeVisible();
  // Kept: after a reload the saved analysis is listed and opens with its result.
  await page.reload();
  await page.getByRole("link", { name: `Open ${title}` }).click();
  await expect(page.locator("#saved-run-heading")).toHaveText(title);
});
