/**
 * #17 finding 3: the family's social worker refers a father into Inspiring Families from the family's
 * record, with the perpetrators' track safety checks; the referral is kept (seen after a reload).
 */
import { expect, test } from "@playwright/test";
import { authFile } from "./fixtures.js";
import { apiAs, isoDay, makeGroup } from "./records.js";

test.use({ storageState: authFile("practitioner") });

test("[REFER] a social worker refers a family member into a group from the family's record", async ({ page }) => {
  const uniq = Date.now().toString(36).toUpperCase().slice(-6);
  // A perpetrators' group of its own that has finished (started 20 weeks ago, 10 weekly sessions), set up by the manager.
  const manager = await apiAs("manager");
  const finished = await makeGroup(manager, { stem: "E2E finished group", track: "perpetrators", startDate: isoDay(-140) });
  await manager.dispose();
  const family = { ref: `RW-${uniq}`, name: `Refwell ${uniq}` };
  await page.goto("/families/new");
  await page.getByLabel("Case reference").fill(family.ref);
  await page.getByLabel("Family name").fill(family.name);
  await page.getByRole("button", { name: "Record family" }).click();
  await expect(page.getByRole("heading", { level: 1, name: family.name })).toBeVisible();
  const familyId = page.url().split("/families/")[1]!.split(/[?#]/)[0]!;
  await page.goto(`/families/${familyId}/people/new`);
  await page.getByLabel("Adult", { exact: true }).check();
  await page.getByLabel("Role in the family").selectOption({ label: "Perpetrator" });
  await page.getByLabel("First name").fill("Fergus");
  await page.getByLabel("Last name").fill(`Refwell${uniq}`);
  await page.getByLabel("Person reference").fill(`RWP-${uniq}`);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText(`Fergus Refwell${uniq} added to the family`)).toBeVisible();

  await page.getByRole("link", { name: `Refer into a group Fergus Refwell${uniq}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Refer into a group" })).toBeVisible();
  const group = page.getByLabel("Group");
  const option = group.locator("option", { hasText: finished.name });
  await group.selectOption((await option.getAttribute("value"))!);
  await expect(page.getByText("This group has finished")).toBeVisible();
  await expect(page.getByTestId("refer-who")).toContainText(`Fergus Refwell${uniq}`);
  // The safety checks first: refused without them, in plain words.
  await page.getByRole("button", { name: "Refer into group" }).click();
  await expect(page.locator(".govuk-error-summary")).toBeVisible();
  await page.locator("#partnerSupport").check();
  await page.locator("#riskAssessed").check();
  await page.getByRole("button", { name: "Refer into group" }).click();
  await expect(page.getByText(`Fergus Refwell${uniq} has been referred into`)).toBeVisible();

  // Kept: the group, now on the worker's list because someone on their caseload is in it, shows him after a reload.
  await page.goto("/groups");
  await page.getByRole("link", { name: finished.name }).click();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: finished.name })).toBeVisible();
  await expect(page.getByText(`Fergus Refwell${uniq}`).first()).toBeVisible();
});
