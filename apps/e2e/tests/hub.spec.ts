import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("practitioner") });

test("[HUB]: a practitioner records a team-around-the-family meeting with the agencies present and an action", async ({ page }) => {
  await page.goto("/hub");
  await expect(page.getByRole("heading", { level: 1, name: "Hub cases" })).toBeVisible();
  const table = page.getByRole("table", { name: "Hub cases" });
  await expect(table.or(page.getByText("There are no hub cases to show."))).toBeVisible();
  if ((await table.count()) === 0) {
    // No hub case in the caseload yet: open one (16-week plan) for the first family.
    await page.getByText("Open a hub case for a family").click();
    const open = page.getByRole("form", { name: "Open a hub case" });
    await expect(open.getByLabel("Family").locator("option").first()).toHaveText("Select a family");
    await open.getByLabel("Family").selectOption({ index: 1 });
    await open.getByRole("button", { name: "Open hub case" }).click();
    await expect(page.getByText(/Hub case, family/)).toBeVisible();
    await page.goto("/hub");
    await expect(table).toBeVisible();
  }
  const links = page.getByRole("table", { name: "Hub cases" }).getByRole("link");
  const count = await links.count();
  expect(count, "hub cases in the practitioner's caseload").toBeGreaterThan(0);
  let found = false;
  for (let i = 0; i < count && !found; i++) {
    await page.goto("/hub");
    await page.getByRole("table", { name: "Hub cases" }).getByRole("link").nth(i).click();
    await expect(page.getByRole("heading", { level: 2, name: "Team-around-the-family meetings" })).toBeVisible();
    await expect(page.getByText("Closure meeting").first()).toBeVisible();
    found = (await page.getByRole("form", { name: "Record a meeting" }).count()) > 0;
  }
  expect(found, "a hub case with a meeting still to record").toBe(true);
  await screenshot(page, "hub-case");
  await expectAccessible(page, "hub case");
  const form = page.getByRole("form", { name: "Record a meeting" });
  await form.getByRole("button", { name: "Save meeting" }).click();
  await expect(form.locator(".govuk-error-summary")).toContainText("Select which meeting this is");
  const kind = form.getByRole("group", { name: "Which meeting?" }).getByRole("radio").first();
  const kindLabel = (await form.getByRole("group", { name: "Which meeting?" }).locator("label").first().textContent())!.trim();
  await kind.check();
  const date = form.getByRole("group", { name: "Date of the meeting" });
  // A date inside the case: the start date shown on the page.
  const started = (await page.locator(".govuk-summary-list__row", { hasText: "Started" }).locator("dd").textContent())!.trim();
  const [d, monthName, y] = started.split(" ");
  const month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"].indexOf(monthName!) + 1;
  await date.getByLabel("Day").fill(d!);
  await date.getByLabel("Month").fill(String(month));
  await date.getByLabel("Year").fill(y!);
  await form.getByLabel("Police").check();
  await form.getByLabel("School").check();
  await form.getByLabel("Action 1", { exact: true }).fill("Check school attendance weekly");
  await form.getByLabel("Who will do action 1").selectOption({ label: "School" });
  await form.getByRole("button", { name: "Save meeting" }).click();
  await expect(page.getByText(`${kindLabel} recorded`)).toBeVisible();
  const section = page.getByRole("region", { name: kindLabel });
  await expect(section).toContainText("Police, School");
  await expect(section).toContainText("Check school attendance weekly");
  await screenshot(page, "hub-meeting-recorded");
});
