import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, fillDate, isoDay, makeFamily } from "./records.js";

test.use({ storageState: authFile("practitioner") });

test("[HUB]: a practitioner records a team-around-the-family meeting with the agencies present and an action", async ({ page }) => {
  // A family of the practitioner's own, made for this test; the hub case is opened through the screens.
  const api = await apiAs("practitioner");
  const family = await makeFamily(api, "Meetwell family");
  await api.dispose();
  await page.goto("/hub");
  await expect(page.getByRole("heading", { level: 1, name: "Hub cases" })).toBeVisible();
  await page.getByText("Open a hub case for a family").click();
  const open = page.getByRole("form", { name: "Open a hub case" });
  const value = await open.getByLabel("Family").locator("option", { hasText: family.name }).getAttribute("value");
  await open.getByLabel("Family").selectOption(value!);
  await fillDate(open.getByRole("group", { name: "Start of the 16-week plan" }), isoDay(0));
  await open.getByRole("button", { name: "Open hub case" }).click();
  await expect(page.getByText(/Hub case, family/)).toBeVisible();
  const caseUrl = page.url();
  await expect(page.getByRole("heading", { level: 2, name: "Team-around-the-family meetings" })).toBeVisible();
  await expect(page.getByText("Closure meeting").first()).toBeVisible();
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
  // Kept: after a reload the meeting shows the agencies present and the action.
  await page.goto(caseUrl);
  await page.reload();
  const saved = page.getByRole("region", { name: kindLabel });
  await expect(saved).toContainText(started);
  await expect(saved).toContainText("Police, School");
  await expect(saved).toContainText("Check school attendance weekly");
  await expect(saved).toContainText("School");
});
