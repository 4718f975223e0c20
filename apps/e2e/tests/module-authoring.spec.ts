/**
 * Authoring an onboarding module (training app): a trainer edits a module's
 * content and quiz, the form refuses a question without a correct option
 * (core schema), the preview never renders raw HTML, the save makes version 2,
 * a save from the stale version is refused with the conflict message; a
 * member of staff then sees the new question. Axe on the editor.
 * Uses "Working with abusive men", which no other spec takes.
 */
import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

const MODULE = "Working with abusive men";
const NEW_QUESTION = "Who should a father's change be checked with?";

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking/ })).toHaveCount(0, { timeout: 20_000 });
}

test("[MODULES]: a trainer edits a module's quiz; a conflicting save is refused; staff see the new question", async ({ browser }) => {
  test.setTimeout(180_000);
  const trainerContext = await browser.newContext({ storageState: authFile("trainer") });
  const page = await trainerContext.newPage();
  await page.goto("/training/modules");
  await settle(page);
  await expectAccessible(page, "onboarding modules");
  await page.getByRole("link", { name: `Edit ${MODULE}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit module: ${MODULE}` })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("module-version")).toContainText("Version 1 (from the built-in catalogue)");
  // A second editor opens the same module (version 1) in another tab.
  const stale = await trainerContext.newPage();
  await stale.goto(page.url());
  await expect(stale.getByTestId("module-version")).toContainText("Version 1");

  // The preview renders Markdown and skips raw HTML.
  const content = page.getByLabel("Content", { exact: true });
  await content.fill(`# ${MODULE}\n\nSee the **father** as well as the mother.\n\n<img src=x onerror="window.__xss=1"><b>raw html</b>`);
  const preview = page.getByTestId("preview");
  await expect(preview.locator("strong")).toHaveText("father");
  await expect(preview.locator("img")).toHaveCount(0);
  // The tags are dropped (their text stays as plain text): no element is created from them.
  await expect(preview.locator("b")).toHaveCount(0);

  // A new question without a correct option is refused by the core schema, naming the question.
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.getByLabel("Question 4", { exact: true }).fill(NEW_QUESTION);
  await page.getByLabel("Question 4, option 1").fill("Only the father");
  await page.getByLabel("Question 4, option 2").fill("His partner, through her own worker");
  await page.getByLabel("Pass mark (per cent of questions answered correctly)").fill("75");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("link", { name: "Choose the correct option of question 4" })).toBeVisible();
  await page.getByRole("group", { name: "Correct option for question 4" }).getByLabel(/^Option 2/).check();
  await expectAccessible(page, "module editor");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Module saved as version 2")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("module-version")).toContainText("Version 2.");
  await screenshot(page, "training-module-edited");

  // The second editor, who opened version 1 before the save, gets the conflict message and keeps their typing.
  await stale.getByLabel("Title", { exact: true }).fill(`${MODULE} (stale edit)`);
  await stale.getByRole("button", { name: "Save as a new version" }).click();
  await expect(stale.getByText(/Someone else saved this module \(now version 2\)/)).toBeVisible({ timeout: 20_000 });
  await expect(stale.getByLabel("Title", { exact: true })).toHaveValue(`${MODULE} (stale edit)`);

  // A member of staff sees the new question and the new pass mark.
  const staff = await (await browser.newContext({ storageState: authFile("staff") })).newPage();
  await staff.goto("/training/my");
  await settle(staff);
  await staff.getByRole("link", { name: MODULE }).first().click();
  await expect(staff.getByRole("heading", { level: 1, name: MODULE })).toBeVisible({ timeout: 20_000 });
  await expect(staff.getByRole("group", { name: `4. ${NEW_QUESTION}` })).toBeVisible();
  await expect(staff.getByText("The pass mark is 75%")).toBeVisible();
  await expect(staff.locator(".app-markdown strong")).toHaveText("father");
  expect(await staff.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
