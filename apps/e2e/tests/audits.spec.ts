/**
 * Practice quality end to end: a manager starts an audit round (random sample
 * with a seed) with two auditors; the practitioner and the manager each audit
 * the case file independently; the manager sees the agreement, moderates the
 * disagreement and reads the report. Also the seeded report round (16 of 20 v
 * 2 of 10) and the staff survey: answering anonymously, and results under the
 * threshold of 5. Axe checks on every page.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot, type Role } from "./fixtures.js";

const REPORT_ROUND = "00000000-0000-4000-8000-0000000c0002";
const PHASE3_WAVE = "00000000-0000-4000-8000-0000000c0005";

async function as(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(role) });
  return context.newPage();
}

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking/ })).toHaveCount(0, { timeout: 20_000 });
}

/** Answers every question of the audit form: yes (or good), with the given exceptions. */
async function answerAll(page: Page, exceptions: Record<string, string>) {
  for (const value of ["yes", "good"]) {
    const radios = page.locator(`input[type="radio"][value="${value}"]`);
    const n = await radios.count();
    for (let i = 0; i < n; i++) await radios.nth(i).check();
  }
  for (const [q, value] of Object.entries(exceptions)) await page.locator(`input[name="answers.${q}"][value="${value}"]`).check();
}

test("[AUDITS]: a round with two auditors, moderation and the report", async ({ browser }) => {
  test.setTimeout(240_000);
  const manager = await as(browser, "manager");
  await manager.goto("/audits");
  await settle(manager);
  await expectAccessible(manager, "audits");

  // Start a round: one case file "during", the practitioner first, the manager second.
  const form = manager.getByRole("form", { name: "Start a round" });
  await form.getByRole("button", { name: "Sample case files and start the round" }).click();
  await expect(manager.getByRole("link", { name: "Enter a name for the round" })).toBeVisible();
  const round = `E2E round ${Date.now().toString(36)}`;
  await form.getByLabel("Name of the round").fill(round);
  await form.getByLabel("Audit template").selectOption({ label: "Domestic abuse case-file audit (evaluation tool, 2019)" });
  await form.getByLabel("First auditor").selectOption({ label: "Pat Practitioner (practitioner)" });
  await form.getByLabel("Second auditor (moderation)").selectOption({ label: "Morgan Manager (manager)" });
  await form.getByLabel("Random seed").fill("42");
  await form.locator("#round-size-1").fill("1");
  await form.getByRole("button", { name: "Sample case files and start the round" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: round })).toBeVisible({ timeout: 20_000 });
  const roundUrl = manager.url();
  await expect(manager.getByText("Random, seed 42")).toBeVisible();

  // The practitioner audits the case file.
  const practitioner = await as(browser, "practitioner");
  await practitioner.goto("/audits");
  await settle(practitioner);
  const mine = practitioner.getByRole("table", { name: "Case files for you to audit" });
  await mine.getByRole("row").filter({ hasText: round }).getByRole("link").click();
  await settle(practitioner);
  await expectAccessible(practitioner, "audit form");
  await practitioner.getByRole("button", { name: "Submit finding" }).click();
  await expect(practitioner.getByRole("link", { name: /^Answer: / }).first()).toBeVisible();
  await answerAll(practitioner, { child_safety: "partly" });
  await practitioner.getByLabel("Actions for the case's worker").fill("Record the child's voice at each visit");
  await practitioner.getByRole("button", { name: "Submit finding" }).click();
  await expect(practitioner.getByText("Your finding has been submitted")).toBeVisible();
  await screenshot(practitioner, "audit-form-submitted");

  // The manager audits the same case file independently, disagreeing on child safety.
  await manager.goto("/audits");
  await settle(manager);
  await manager.getByRole("table", { name: "Case files for you to audit" }).getByRole("row").filter({ hasText: round }).getByRole("link").click();
  await settle(manager);
  await expect(manager.getByText("second auditor")).toBeVisible();
  await answerAll(manager, { child_safety: "no" });
  await manager.getByRole("button", { name: "Submit finding" }).click();
  await expect(manager.getByText("Your finding has been submitted")).toBeVisible();

  // Agreement: 17 of 18 answers (94%); one disagreement to moderate.
  await manager.goto(roundUrl);
  await settle(manager);
  await expect(manager.getByTestId("overall-agreement")).toContainText("94%");
  await expect(manager.getByTestId("overall-agreement")).toContainText("Disagreements still to moderate: 1");
  const report = manager.getByRole("table", { name: "Case files with at least partial evidence" });
  // Before moderation the first auditor's "partly" counts.
  await expect(report.getByRole("row").filter({ hasText: "Is the child safer following the intervention?" })).toContainText("1 of 1 (100%)");
  await expect(report).toContainText("Only 1 case file: treat with great caution");
  await expectAccessible(manager, "audit round");
  await manager.getByLabel(/^Is the child safer following the intervention\? First auditor: Partly; second auditor: No\./).selectOption("no");
  await manager.getByRole("button", { name: "Save moderated answers" }).click();
  await expect(manager.getByText(/Moderated answers saved/)).toBeVisible();
  await expect(manager.getByTestId("overall-agreement")).toContainText("Disagreements still to moderate: 0");
  await expect(report.getByRole("row").filter({ hasText: "Is the child safer following the intervention?" })).toContainText("0 of 1 (0%)");
  await screenshot(manager, "audit-round");
  // Kept: after a reload the moderated answer still counts.
  await manager.reload();
  await settle(manager);
  await expect(manager.getByTestId("overall-agreement")).toContainText("Disagreements still to moderate: 0");
  await expect(report.getByRole("row").filter({ hasText: "Is the child safer following the intervention?" })).toContainText("0 of 1 (0%)");

  // The seeded review reproduces the report: holistic family support 2 of 10 before, 16 of 20 during.
  await manager.goto(`/audits/rounds/${REPORT_ROUND}`);
  await settle(manager);
  const seeded = manager.getByRole("table", { name: "Case files with at least partial evidence" });
  const holistic = seeded.getByRole("row").filter({ hasText: "Was holistic family support offered" });
  await expect(holistic).toContainText("2 of 10 (20%)");
  await expect(holistic).toContainText("16 of 20 (80%)");
  await expect(holistic).toContainText("+60 points");
  await expectAccessible(manager, "report round");
  await screenshot(manager, "audit-report-round");
  await manager.getByRole("link", { name: "Domestic abuse case-file audit (evaluation tool, 2019)" }).click();
  await settle(manager);
  await expect(manager.getByRole("heading", { level: 2, name: "DfE practice features" })).toBeVisible();
  await expectAccessible(manager, "audit template");
});

test("[SURVEYS]: answer a survey anonymously; results only for groups of 5 or more", async ({ browser }) => {
  test.setTimeout(120_000);
  const staff = await as(browser, "staff");
  await staff.goto("/surveys");
  await settle(staff);
  await expectAccessible(staff, "surveys (staff)");
  await staff.getByRole("link", { name: /Follow-up \(2020 onwards\)/ }).click();
  await settle(staff);
  await expectAccessible(staff, "survey answer form");
  await staff.getByRole("button", { name: "Send my answers" }).click();
  await expect(staff.getByText("Answer at least one question")).toBeVisible();
  await staff.getByRole("group", { name: "I feel confident working with families affected by domestic abuse" }).getByLabel("Agree", { exact: true }).check();
  await staff.getByRole("button", { name: "Send my answers" }).click();
  await expect(staff.getByText("Your answers have been sent")).toBeVisible();

  const manager = await as(browser, "manager");
  await manager.goto(`/surveys/waves/${PHASE3_WAVE}`);
  await settle(manager);
  // Phase 3 had 5 responses: shown overall, while every team (under 5) is hidden.
  await expect(manager.getByRole("heading", { name: "All responses: 5 responses" })).toBeVisible();
  await expect(manager.getByText(/Results are shown for groups of 5 or more responses, so that nobody's answers can be picked out\. This group/).first()).toBeVisible();
  await expectAccessible(manager, "survey results");
  await manager.getByRole("link", { name: "Back to the survey" }).click();
  await settle(manager);
  await expect(manager.getByRole("row").filter({ hasText: "Phase 2 (autumn 2018)" })).toContainText("18 of 112");
  await expectAccessible(manager, "survey");
  await screenshot(manager, "survey");

  // A manager creates a survey: each question line starts with its kind of answer.
  await manager.goto("/surveys");
  await settle(manager);
  const create = manager.getByRole("form", { name: "Create a survey" });
  const survey = `E2E pulse survey ${Date.now().toString(36)}`;
  await create.getByLabel("Name").fill(survey);
  await create.getByLabel("Questions").fill("agree: I feel supported by my manager\nHow many visits?");
  await create.getByRole("button", { name: "Create the survey" }).click();
  await expect(manager.getByRole("link", { name: 'Line 2: start with "agree:", "yes/no:" or "text:"' })).toBeVisible();
  await create.getByLabel("Questions").fill("agree: I feel supported by my manager\ntext: Anything else?");
  await create.getByRole("button", { name: "Create the survey" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: survey })).toBeVisible();
  await manager.reload();
  await expect(manager.getByRole("heading", { level: 1, name: survey })).toBeVisible();
  await expect(manager.getByText("I feel supported by my manager")).toBeAttached();
  await expectAccessible(manager, "new survey");
});
