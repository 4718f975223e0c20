import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible } from "./fixtures.js";
import { apiAs, enrol, fillDate, isoDay, makeFamily, makeGroup, makePerson, uniq } from "./records.js";

/**
 * Issue #17, the rest of findings 2, 5 and 9 in the portal: every coded value shown with its label (an
 * enrolment's status, the audit log's outcomes, actions and record types), one GOV.UK day/month/year input
 * for every date with range checks that name the field, and the audit log's record found by name instead
 * of a typed id. No page here uses a browser dialog: any one would fail the test.
 */

const DEVELOPER_WORDS = /Invalid input|expected (string|number|object)|received (null|undefined)|YYYY-MM-DD|[a-z]+[A-Z][a-z]+:/;

function noDialogs(page: Page) {
  page.on("dialog", (d) => {
    throw new Error(`A browser dialog was shown: ${d.type()} "${d.message()}"`);
  });
}

async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

test.describe("labels, dates and the audit log's picker", () => {
  test("[PLAIN-ENUMS]: a group's status and its people's statuses are shown in words, never the stored code", async ({ browser }) => {
    const manager = await apiAs("manager");
    const group = await makeGroup(manager, { stem: "E2E labels group", track: "perpetrators", startDate: isoDay(14), sessions: 2 });
    const him = await makePerson(manager, (await makeFamily(manager, "Labelby")).id, { first: "Lev", last: "Labelby", role: "perpetrator" });
    await enrol(manager, group.id, him.id, "perpetrators");
    await manager.dispose();

    const context = await browser.newContext({ storageState: authFile("manager") });
    const page = await context.newPage();
    noDialogs(page);
    await page.goto(`/groups/${group.id}`);
    await settled(page);
    const row = page.getByRole("row").filter({ hasText: him.full });
    await expect(row.first()).toBeVisible();
    await expect(page.getByText("Referred, not started").first()).toBeVisible();
    for (const text of await page.getByRole("row").filter({ hasText: him.full }).allInnerTexts()) expect(text).not.toMatch(/\breferred\b/);

    // The list of groups: a group starting in two weeks is "Not started yet", not "planned".
    await page.goto("/groups");
    await settled(page);
    const listed = page.getByRole("row").filter({ hasText: group.name });
    await expect(listed).toContainText("Not started yet");
    expect(await listed.innerText()).not.toMatch(/\bplanned\b/);
    await context.close();
  });

  test("[CASE-DATES]: a visit form opens with today only while the case's plan runs; after it ended, the date is left to type", async ({ browser }) => {
    const practitioner = await apiAs("practitioner");
    const ended = await practitioner.mutate<{ id: string }>("hub.create", { familyId: (await makeFamily(practitioner, "Longago")).id, startDate: isoDay(-140) });
    const running = await practitioner.mutate<{ id: string }>("hub.create", { familyId: (await makeFamily(practitioner, "Nowley")).id, startDate: isoDay(-7) });
    await practitioner.dispose();
    const context = await browser.newContext({ storageState: authFile("practitioner") });
    const page = await context.newPage();
    noDialogs(page);
    // Started 20 weeks ago: its 16-week plan ended 4 weeks ago, so today is not offered.
    await page.goto(`/hub/${ended.id}`);
    await settled(page);
    const date = page.getByRole("form", { name: "Record a visit" }).getByRole("group", { name: "Date of the visit" });
    await expect(date.getByLabel("Day")).toHaveValue("");
    await expect(date.getByLabel("Month")).toHaveValue("");
    await expect(date.getByLabel("Year")).toHaveValue("");
    // Started a week ago: today is within the plan.
    const [year, month, day] = isoDay(0).split("-");
    await page.goto(`/hub/${running.id}`);
    await settled(page);
    await expect(date.getByLabel("Day")).toHaveValue(day!);
    await expect(date.getByLabel("Month")).toHaveValue(month!);
    await expect(date.getByLabel("Year")).toHaveValue(year!);
    await context.close();
  });

  test.describe("as the administrator", () => {
    test.use({ storageState: authFile("admin") });

    test("[AUDIT-PICKER]: a record is found by its name, the log shows words (action, record type, outcome), and a To before From is refused, naming both fields", async ({ page }) => {
      noDialogs(page);
      const admin = await apiAs("admin");
      const teamName = `Picker team ${uniq()}`;
      await admin.mutate("admin.teams.create", { name: teamName });
      await admin.dispose();

      await page.goto("/admin/audit");
      await settled(page);
      await expect(page.locator("main")).not.toContainText("YYYY-MM-DD");
      // The id box is an advanced option now, behind a disclosure.
      await expect(page.getByLabel("Person or record id")).toBeHidden();

      await page.getByLabel("Record", { exact: true }).fill(teamName.slice(0, 16));
      await page.getByRole("button", { name: "Find" }).click();
      const choice = page.getByLabel(/^Records matching/);
      await expect(choice).toBeVisible();
      await choice.selectOption({ label: `${teamName}: team` });
      await page.getByRole("button", { name: "Show", exact: true }).click();
      const table = page.getByRole("table");
      await expect(table.getByRole("caption")).toHaveText("1 entries, newest first");
      const row = table.getByRole("row").nth(1);
      await expect(row).toContainText("Admin, teams: recorded");
      await expect(row).toContainText("Team (1)");
      await expect(row).toContainText("Done");
      expect(await row.innerText()).not.toMatch(/admin\.teams\.create|\bsuccess\b/);
      await expectAccessible(page, "the audit log filtered by a record chosen by name");

      // A To date before the From date: an error naming both, and nothing silently ignored.
      await fillDate(page.getByRole("group", { name: "From", exact: true }), isoDay(0));
      await fillDate(page.getByRole("group", { name: "To", exact: true }), isoDay(-1));
      await page.getByRole("button", { name: "Show", exact: true }).click();
      const summary = page.locator(".govuk-error-summary");
      await expect(summary).toContainText("The date in “To” must be the same as or after the date in “From”");
      await expect(page.locator("#to-error")).toBeVisible();
      await expect(summary).not.toContainText(DEVELOPER_WORDS);
      // A 30 February is refused too, naming the field.
      await fillDate(page.getByRole("group", { name: "From", exact: true }), "2019-02-30");
      await page.getByRole("button", { name: "Show", exact: true }).click();
      await expect(summary).toContainText("From must be a real date");
    });
  });

  test.describe("as the analyst", () => {
    test.use({ storageState: authFile("analyst") });

    test("[PLAIN-DATES]: monitoring and the decision search take day, month and year, and explain a wrong range", async ({ page }) => {
      noDialogs(page);
      await page.goto("/monitoring");
      await settled(page);
      const from = page.getByRole("group", { name: "From", exact: true });
      await expect(from.getByLabel("Day")).toHaveValue("01");
      await expect(from.getByLabel("Month")).toHaveValue("04");
      await expect(from.getByLabel("Year")).toHaveValue("2017");
      await fillDate(from, "2019-02-30");
      await page.getByRole("button", { name: "Show", exact: true }).click();
      await expect(page.locator(".govuk-error-summary")).toContainText("From must be a real date, for example 27 3 2026");
      await fillDate(from, "2021-04-01");
      await page.getByRole("button", { name: "Show", exact: true }).click();
      await expect(page.locator(".govuk-error-summary")).toContainText("The date in “To” must be the same as or after the date in “From”");

      await page.goto("/decisions");
      await settled(page);
      const search = page.getByRole("search", { name: "Search decisions" });
      await fillDate(search.getByRole("group", { name: "Decided on or after" }), "2020-03-10");
      await fillDate(search.getByRole("group", { name: "Decided on or before" }), "2020-03-09");
      await search.getByRole("button", { name: "Search" }).click();
      await expect(search.locator(".govuk-error-summary")).toContainText("The date in “Decided on or before” must be the same as or after the date in “Decided on or after”");
      await expect(page.locator("main")).not.toContainText("YYYY-MM-DD");
    });
  });
});
