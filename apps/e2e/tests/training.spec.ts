/**
 * The training app (served by the API under /training/; needs apps/training built):
 * a trainer adds a starter and sees the onboarding plan assigned, completes a
 * module with its quiz, runs a session register and sees coverage move.
 */
import { expect, test, type Page } from "@playwright/test";
import { downloadedBytes, parseCsv } from "./downloads.js";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("trainer") });

const COURSE = "Working with Families Affected by DA";

const today = () => {
  const d = new Date();
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
};

/** "N of M" trained for the course on the dashboard's coverage table. */
async function coverageOf(page: Page): Promise<[number, number]> {
  await page.goto("/training/dashboard");
  const table = page.getByRole("table", { name: /Coverage on/ });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: COURSE }) });
  const text = (await row.getByRole("cell").first().textContent()) ?? "";
  const m = /(\d+) of (\d+)/.exec(text);
  expect(m, `coverage cell for ${COURSE}: ${text}`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

test("[TRAINING]: add a starter, take a module with its quiz, run a session register, see coverage move", async ({ page }) => {
  test.setTimeout(150_000); // a long journey through five pages; the shared test machine can be slow
  const name = `Tess Starter ${Date.now().toString(36)}`;

  // 1. Add a starter: the form explains what is missing, then the plan is assigned with due dates.
  await page.goto("/training/staff/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add a starter" })).toBeVisible();
  await page.getByRole("button", { name: "Add starter" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the starter's full name" })).toBeVisible();
  await expectAccessible(page, "add a starter with errors");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Job role").selectOption({ label: "Social worker" });
  const d = today();
  const start = page.getByRole("group", { name: "Start date" });
  await start.getByLabel("Day").fill(d.day);
  await start.getByLabel("Month").fill(d.month);
  await start.getByLabel("Year").fill(d.year);
  await page.getByRole("button", { name: "Add starter" }).click();
  await expect(page.getByRole("heading", { name: `${name} has been added` })).toBeVisible();
  await expect(page.getByText(/Onboarding plan assigned/)).toBeVisible();
  const assigned = page.getByRole("table", { name: "Assigned onboarding" });
  await expect(assigned.getByRole("row", { name: /E-learning module/ }).first()).toBeVisible();
  await expect(assigned.getByRole("row", { name: new RegExp(COURSE) })).toBeVisible();
  await screenshot(page, "training-starter-added");

  const [trainedBefore, countedBefore] = await coverageOf(page);
  await screenshot(page, "training-dashboard");

  // 2. Take a module: a wrong answer gets feedback; the right answers and the acknowledgement complete it.
  await page.goto("/training/my");
  await page.getByRole("link", { name: "Consent and information sharing" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Consent and information sharing" })).toBeVisible();
  const q = (n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });
  await q(1).getByLabel("Yes, consent covers all agencies").check();
  await q(2).getByLabel(/Share what is necessary under a safeguarding override/).check();
  await q(3).getByLabel(/Yes: record decisions not to share/).check();
  await page.getByRole("checkbox", { name: /I will record consent/ }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("did not reach the pass mark");
  await expect(page.getByText("Not quite. The answer is: No: consent is per purpose and per recipient agency")).toBeVisible();
  await expectAccessible(page, "module with quiz feedback");
  await q(1).getByLabel("No: consent is per purpose and per recipient agency").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Module completed")).toBeVisible();
  await expect(page.getByText("You scored 3 out of 3")).toBeVisible();
  await screenshot(page, "training-module-completed");

  // 3. Schedule a session today, invite the starter, take the register, record completion.
  await page.goto("/training/sessions");
  await page.getByText("Schedule a session").click();
  await page.getByLabel("Course").selectOption({ label: COURSE });
  // The date starts empty (never defaulted to today): today's date typed in the GOV.UK date input.
  const [ty, tm, td] = new Date().toISOString().slice(0, 10).split("-");
  await page.locator("#date").fill(td!);
  await page.locator("#date-month").fill(tm!);
  await page.locator("#date-year").fill(ty!);
  await page.getByRole("button", { name: "Schedule session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(COURSE) })).toBeVisible();
  await page.getByRole("checkbox", { name: new RegExp(name) }).check();
  await page.getByRole("button", { name: /Invite 1 person/ }).click();
  await expect(page.getByText("1 person invited")).toBeVisible();
  await page.getByRole("group", { name: "Tick everyone who attended" }).getByRole("checkbox", { name: new RegExp(name) }).check();
  await expectAccessible(page, "session register");
  await page.getByRole("button", { name: "Save and record completion" }).click();
  await expect(page.getByText(/Session completed: 1 completion recorded/)).toBeVisible();
  await screenshot(page, "training-session-register");

  // 4. Coverage moves: one more person trained in the course.
  const [trainedAfter, countedAfter] = await coverageOf(page);
  expect(countedAfter).toBe(countedBefore);
  expect(trainedAfter).toBe(trainedBefore + 1);
  await expectAccessible(page, "training dashboard");
});

test("[TRAINING]: Table 26 for the report's period, with CSV download", async ({ page }) => {
  await page.goto("/training/report");
  const table = page.getByRole("table");
  await expect(table.getByRole("row", { name: /Total/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /Total 13 144/ })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^table-26-training-.*\.csv$/);
  // The file's figures are the report's Appendix 3 Table 26: 13 courses, 144 participants in all;
  // "Working with abusive men" 4 courses and 56 participants.
  const rows = parseCsv((await downloadedBytes(await download)).toString("utf8")).filter((r) => r.some((c) => c.trim() !== ""));
  const numbers = (r: string[]) => r.slice(1).map((c) => c.replace(/,/g, "")).filter((c) => /^\d+$/.test(c)).map(Number);
  const total = rows.find((r) => /^Total/.test(r[0] ?? ""));
  expect(total, `a Total row in ${JSON.stringify(rows)}`).toBeTruthy();
  expect(numbers(total!).slice(0, 2)).toEqual([13, 144]);
  const abusiveMen = rows.find((r) => /abusive men/i.test(r[0] ?? ""));
  expect(numbers(abusiveMen!).slice(0, 2)).toEqual([4, 56]);
  await expectAccessible(page, "Table 26");
  await screenshot(page, "training-table-26");
});

test("[TRAINING]: a member of staff sees only their own training", async ({ browser }) => {
  const context = await browser.newContext({ storageState: authFile("staff") });
  const page = await context.newPage();
  await page.goto("/training/");
  await expect(page.getByRole("heading", { level: 1, name: "My training" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  await page.goto("/training/staff");
  await expect(page.getByText(/You do not have permission|not found/)).toBeVisible();
  await context.close();
});

test("[TRAINING]: change a course, with validation and the saved values shown", async ({ page }) => {
  await page.goto("/training/courses");
  await page.getByRole("link", { name: "VADA tool" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "VADA tool" })).toBeVisible();
  await page.getByRole("link", { name: /Change this course/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change VADA tool" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Prerequisites" }).getByRole("checkbox", { name: "Working with Families Affected by DA" })).toBeChecked();
  await page.getByLabel("Duration in hours").fill("");
  await page.getByLabel("Languages").fill("English, Urdu");
  await page.getByRole("button", { name: "Save course" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the duration in hours, like 6 or 1.5" })).toBeVisible();
  await expectAccessible(page, "course edit with errors");
  await page.getByLabel("Duration in hours").fill("3.5");
  await page.getByRole("button", { name: "Save course" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Course saved" })).toBeVisible();
  await expect(page.getByText("3.5 hours")).toBeVisible();
  await expect(page.getByText("English, Urdu")).toBeVisible();
  await screenshot(page, "training-course-edited");
  // Kept: after a reload the saved values are shown.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "VADA tool" })).toBeVisible();
  await expect(page.getByText("3.5 hours")).toBeVisible();
  await expect(page.getByText("English, Urdu")).toBeVisible();
});

test("[TRAINING]: change an onboarding plan: reorder, validate, save; the plan links to programme briefings", async ({ page }) => {
  await page.goto("/training/plans");
  const briefing = page.getByTestId("briefing-link").first();
  await expect(briefing).toBeVisible();
  expect(await briefing.getAttribute("href")).toMatch(/^\/briefing\/[^/]+$/);
  await page.getByRole("link", { name: /^Change this plan\W+Business support$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change the business support onboarding plan" })).toBeVisible();
  const items = page.getByRole("table", { name: "Items in the plan" });
  const firstTitle = (await items.getByRole("row").nth(1).getByRole("cell").nth(1).textContent()) ?? "";
  const button = (action: string) => items.getByRole("row").filter({ hasText: firstTitle }).getByRole("button", { name: new RegExp(`^${action}\\b`) });
  await button("Down").click();
  await expect(items.getByRole("row").nth(2).getByRole("cell").nth(1)).toHaveText(firstTitle);
  await page.getByLabel(`Days to complete ${firstTitle}`).fill("soon");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText(`Enter the days for "${firstTitle}" as a whole number from 0 to 730`);
  await expectAccessible(page, "onboarding plan edit with errors");
  await page.getByLabel(`Days to complete ${firstTitle}`).fill("21");
  await button("Up").click();
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Business support plan saved" })).toBeVisible();
  const section = page.getByRole("region", { name: "Business support", exact: true });
  await expect(section.getByRole("row").filter({ hasText: firstTitle })).toContainText("21 days");
  await screenshot(page, "training-plan-edited");
  // Kept: after a reload the plan still gives 21 days for that item.
  await page.reload();
  await expect(page.getByRole("region", { name: "Business support", exact: true }).getByRole("row").filter({ hasText: firstTitle })).toContainText("21 days");
});

test("[TRAINING]: cancel a session with a reason", async ({ page }) => {
  await page.goto("/training/sessions");
  await page.getByText("Schedule a session").click();
  await page.getByLabel("Course").selectOption({ label: "VADA tool" });
  const next = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  // The GOV.UK date input (day, month, year), as in the portal.
  const [y, mo, d] = next.split("-");
  await page.locator("#date").fill(d!);
  await page.locator("#date-month").fill(mo!);
  await page.locator("#date-year").fill(y!);
  await page.getByRole("button", { name: "Schedule session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /VADA tool/ })).toBeVisible();
  await page.getByText("Cancel this session").click();
  await page.getByRole("button", { name: "Cancel session" }).click();
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: "Enter why the session is cancelled" })).toBeVisible();
  await expectAccessible(page, "session cancel with errors");
  await page.getByLabel("Why is it cancelled?").fill("Trainer unavailable");
  await page.getByRole("button", { name: "Cancel session" }).click();
  await expect(page.getByText(/Session cancelled\./)).toBeVisible();
  await expect(page.getByText("Trainer unavailable")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel session" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("Trainer unavailable")).toBeVisible();
  await expect(page.getByText(/cancelled/i).first()).toBeVisible();
  await screenshot(page, "training-session-cancelled");
});

test("[TRAINING]: run the reminders now and see the last run", async ({ page }) => {
  await page.goto("/training/dashboard");
  const section = page.getByRole("region", { name: "Reminders" });
  await section.getByRole("button", { name: "Send due reminders now" }).click();
  await page.mouse.move(0, 0); // no chart tooltip left open under the pointer
  await expect(section.getByText(/Reminders sent: \d+ notifications?, \d+ emails?\.|Another run was under way/)).toBeVisible();
  await expect(section.getByText(/by hand|when the service started|on the hourly schedule/)).toBeVisible();
  await expectAccessible(page, "training dashboard with reminders");
});
