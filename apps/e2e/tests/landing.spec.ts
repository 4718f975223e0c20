/**
 * The first page each of the seven demo roles meets, on a demo trust seeded
 * today (issue #17, finding 1: "the demo trust stopped in 2020"): live work,
 * not a trust frozen in the report's years. Families opened in the last three
 * years, follow-ups due within days, a group running now, hub cases open
 * within their 16 weeks, training coverage short of the 80% target but far
 * from 0%, refreshers due and overdue, a saved example analysis; and the
 * manager leads the practitioner's team, so sees the practitioner's hub case.
 */
import { expect, test, type Page } from "@playwright/test";
import { authFile } from "./fixtures.js";

const year = new Date().getUTCFullYear();
/** Years written in a locator's text (dates are shown as "5 March 2026"). */
const years = async (page: Page, selector: string) => ((await page.locator(selector).allInnerTexts()).join(" ").match(/\b(19|20)\d\d\b/g) ?? []).map(Number);

async function followUpsDueSoon(page: Page) {
  const due = page.locator("#follow-ups").locator("xpath=..").getByRole("heading", { name: /^Due soon: \d+$/ });
  await expect(due).toBeVisible();
  expect(Number((await due.innerText()).replace(/\D+/g, ""))).toBeGreaterThanOrEqual(1);
}

async function recentCaseload(page: Page) {
  const caseload = page.getByRole("table", { name: "Open families" });
  await expect(caseload.locator("tbody tr").first()).toBeVisible();
  expect((await years(page, 'table:has(caption:text-is("Open families")) tbody td:nth-child(3)')).some((y) => y >= year - 3)).toBe(true);
}

/** The practitioner's open hub case in the hub list, opened, inside its 16-week plan. */
async function practitionersHubCase(page: Page) {
  await page.goto("/hub");
  // Any of the worker's open cases: other specs open cases of their own (family references E2E-…) for the same worker.
  const row = page.getByRole("table", { name: "Hub cases" }).getByRole("row").filter({ hasText: "Pat Practitioner" }).filter({ hasText: "Open" });
  await expect(row.first()).toBeVisible();
  await row.first().getByRole("link").click();
  await expect(page.getByText(/^Hub case, family \S+/)).toBeVisible();
  await expect(page.getByText(/^Week \d+$/).first()).toBeVisible();
}

// The manager sees the practitioner's team's work: the same open families, follow-ups and hub case.
for (const role of ["manager", "practitioner"] as const) {
  test.describe(role, () => {
    test.use({ storageState: authFile(role) });
    test("recent open families, follow-ups due this week, and the practitioner's open hub case", async ({ page }) => {
      await page.goto("/");
      await recentCaseload(page);
      await followUpsDueSoon(page);
      await practitionersHubCase(page);
    });
  });
}

test.describe("dv_worker", () => {
  test.use({ storageState: authFile("dv_worker") });
  test("a group running now with its register taken up to today, and follow-ups due", async ({ page }) => {
    await page.goto("/");
    const groups = page.getByRole("table", { name: /Groups you run/ });
    const running = groups.getByRole("row").filter({ hasText: "running" });
    await expect(running.first()).toBeVisible();
    expect((await years(page, 'table:has(caption:has-text("Groups you run")) tbody tr:first-child td:nth-child(3)'))[0]).toBeGreaterThanOrEqual(year - 1);
    await followUpsDueSoon(page);
  });
});

test.describe("trainer", () => {
  test.use({ storageState: authFile("trainer") });
  test("coverage between 60% and 80%, facilitators qualified, refreshers overdue and due soon", async ({ page }) => {
    await page.goto("/training/dashboard");
    const overall = page.getByTestId("overall-coverage");
    await expect(overall).toContainText("fully trained");
    const [, percent, trained, people] = (await overall.innerText()).match(/(\d+)% \((\d+) of (\d+) people fully trained/) ?? [];
    expect(Number(percent)).toBeGreaterThanOrEqual(60);
    expect(Number(percent)).toBeLessThanOrEqual(80);
    expect(Number(trained)).toBeGreaterThan(0);
    expect(Number(people)).toBeGreaterThan(Number(trained));
    await expect(page.getByRole("table", { name: /Qualified facilitators/ }).locator("tbody tr").first()).toBeVisible();
    const teams = (await page.locator("summary").allInnerTexts()).map((t) => t.match(/(\d+) overdue, (\d+) due soon/)).filter((m) => m !== null);
    expect(teams.reduce((n, m) => n + Number(m[1]), 0)).toBeGreaterThan(0);
    expect(teams.reduce((n, m) => n + Number(m[2]), 0)).toBeGreaterThan(0);
  });
});

test.describe("analyst", () => {
  test.use({ storageState: authFile("analyst") });
  test("a saved example analysis to open", async ({ page }) => {
    await page.goto("/evaluation");
    await expect(page.getByRole("table", { name: "Saved analyses" }).getByText(/^Example: Inspiring Families/)).toBeVisible();
  });
});

test.describe("staff", () => {
  test.use({ storageState: authFile("staff") });
  test("training to do, due soon", async ({ page }) => {
    await page.goto("/training/my");
    const summary = page.getByText(/You have \d+ items? to do/);
    await expect(summary).toBeVisible();
    expect(Number((await summary.innerText()).match(/You have (\d+)/)![1])).toBeGreaterThan(0);
  });
});

test.describe("admin", () => {
  test.use({ storageState: authFile("admin") });
  test("the staff accounts to manage", async ({ page }) => {
    await page.goto("/");
    const summary = page.getByText(/\d+\+? active staff accounts/);
    await expect(summary).toBeVisible();
    expect(Number((await summary.innerText()).match(/(\d+)/)![1])).toBeGreaterThanOrEqual(7);
  });
});
