import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("analyst") });

test("[MATCHING]: an analyst runs a matched analysis, sees the balance plot and the naive and matched estimates side by side, saves it and it reproduces", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/evaluation");
  await page.getByLabel("Programme", { exact: true }).selectOption({ label: "Inspiring Families Programme" });
  await page.getByLabel("Matched comparison as well: nearest neighbour on a propensity score").check();
  await expect(page.getByLabel("Caliper, in standard deviations of the score's logit")).toHaveValue("0.2");
  // A bad caliper is refused in plain words, naming the field.
  await page.getByLabel("Caliper, in standard deviations of the score's logit").fill("-1");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  await expect(page.getByRole("link", { name: "The caliper must be a number above 0 and at most 10, or empty for none" })).toBeVisible();
  await page.getByLabel("Caliper, in standard deviations of the score's logit").fill("0.5");
  await page.getByLabel("Random seed").fill("4242");
  await page.getByRole("button", { name: "Run the analysis" }).click();

  const matching = page.getByTestId("matching");
  await expect(matching).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("matching-method")).toContainText("caliper 0.5 standard deviations");
  await expect(page.getByTestId("matching-method")).toContainText("seed 4242");
  await expect(page.getByTestId("matching-method")).toContainText("Days of CP before");
  // The balance plot: a chart with bars before and after and the 0.1 lines, and its numbers.
  const plot = page.getByTestId("balance-plot");
  await expect(plot.locator(".recharts-surface").first()).toBeVisible();
  await expect(plot.locator(".recharts-reference-line")).toHaveCount(3);
  await expect(plot.locator(".recharts-bar-rectangle").first()).toBeAttached();
  await expect(plot.getByRole("img", { name: /Standardised mean differences per covariate/ })).toBeVisible();
  await plot.getByText("Show the numbers: balance").click();
  await expect(page.getByTestId("balance-table").getByRole("rowheader", { name: "Days of CP before" })).toBeVisible();
  await expect(page.getByTestId("overlap-plot").locator(".recharts-surface").first()).toBeVisible();
  // Naive and matched side by side, the verdict, the placebo.
  const side = page.getByTestId("side-by-side");
  await expect(side.getByRole("columnheader", { name: "Naive (all comparison children)" })).toBeVisible();
  await expect(side.getByRole("columnheader", { name: "Matched", exact: true })).toBeVisible();
  await expect(side.getByRole("row", { name: /Days of CP per child/ }).getByRole("cell")).toHaveCount(4);
  await expect(page.getByTestId("matching-verdict")).toContainText(/Rely on/);
  await expect(page.getByTestId("placebo").getByRole("row", { name: /Days of CP per child/ })).toBeVisible();
  await screenshot(page, "evaluation-matching");
  await expectAccessible(page, "matched evaluation");

  const title = `E2E matched ${Date.now().toString(36)}`;
  await page.getByLabel("Title for this analysis").fill(title);
  await page.getByRole("button", { name: "Save this analysis" }).click();
  await expect(page.getByText("Analysis saved")).toBeVisible({ timeout: 60_000 });
  // Kept: after a reload the saved analysis opens with its method and plot.
  await page.reload();
  await page.getByRole("link", { name: `Open ${title}` }).click();
  const saved = page.locator(`section[aria-labelledby="saved-run-heading"]`);
  await expect(saved.getByTestId("matching-method")).toContainText("caliper 0.5 standard deviations");
  await expect(saved.getByTestId("matching-method")).toContainText("seed 4242");
  await expect(saved.getByTestId("balance-plot")).toBeVisible();
  await saved.getByRole("button", { name: "Re-check against today's records" }).click();
  await expect(page.getByText("Re-run on today's records: the same result.")).toBeVisible({ timeout: 60_000 });
});
