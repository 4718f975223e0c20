/**
 * Forms never put today's date in for the person (issue 17): each date below
 * opens empty, and saving without it names the field in the error summary.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { authFile } from "./fixtures.js";
import { apiAs, isoDay, makeFamily, makePerson } from "./records.js";

async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking/ })).toHaveCount(0, { timeout: 30_000 });
}

/** The date's day, month and year boxes are all empty; saving names the field. */
async function startsEmptyAndIsNeeded(page: Page, form: Locator, legend: string, save: string, message: string) {
  const date = form.getByRole("group", { name: legend });
  for (const part of ["Day", "Month", "Year"]) await expect(date.getByLabel(part), `${legend}: ${part}`).toHaveValue("");
  await form.getByRole("button", { name: save }).click();
  // Some forms put their summary above the form, so look for it on the page.
  await expect(page.locator(".govuk-error-summary").filter({ hasText: message })).toHaveCount(1);
  await expect(date).toContainText(message);
}

test.describe("practitioner", () => {
  test.use({ storageState: authFile("practitioner") });

  test("[DATES]: referral, assessment, opening a hub case, step-down, ending a case and adding an agency open with the date empty", async ({ page }) => {
    test.setTimeout(120_000);
    const api = await apiAs("practitioner");
    const family = await makeFamily(api, "Datewell");
    await makePerson(api, family.id, { first: "Dot", last: "Datewell", role: "child", birthDate: "2016-02-01" });
    const hubCase = await api.mutate<{ id: string }>("hub.create", { familyId: family.id, startDate: isoDay(-14) });
    await api.dispose();

    await page.goto(`/families/${family.id}/referrals/new`);
    await settled(page);
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Record a referral" }), "Date of the referral", "Record referral", "Enter the date of the referral");

    await page.goto(`/families/${family.id}/assessments/new`);
    await settled(page);
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Record an assessment" }), "Date the assessment started", "Record assessment", "Enter the date the assessment started");

    await page.goto("/hub");
    await settled(page);
    await page.getByText("Open a hub case for a family").click();
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Open a hub case" }), "Start of the 16-week plan", "Open hub case", "Enter the start of the 16-week plan");

    await page.goto(`/hub/${hubCase.id}`);
    await settled(page);
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Record a step-down plan" }), "Date agreed", "Save step-down plan", "Enter the date agreed");
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "End the hub case" }), "Date the case ended", "End the case", "Enter the date the case ended");
    await page.getByText("Add an agency").click();
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Add an agency" }), "Involved from", "Add agency", "Enter the date the agency was involved from");
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("[DATES]: a MARAC referral and a consultation with the coordinator open with the date empty", async ({ page }) => {
    const api = await apiAs("manager");
    const family = await makeFamily(api, "Datemara");
    await makePerson(api, family.id, { first: "Dana", last: "Datemara", role: "victim" });
    await api.dispose();

    await page.goto(`/da/marac?family=${family.id}`);
    await settled(page);
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Record a MARAC referral" }), "Date of the referral", "Record referral", "Enter the date of the referral");

    await page.goto(`/da/consultations?family=${family.id}`);
    await settled(page);
    await startsEmptyAndIsNeeded(page, page.getByRole("form", { name: "Record a consultation" }), "Date of the consultation", "Record consultation", "Enter the date of the consultation");
  });
});
