/**
 * Practice-quality administration (portal): a manager creates an audit
 * template from the screen (with validation), starts a round with it, adds a
 * case file chosen by hand beside the sampled one (a reference they cannot see
 * and one already in the round are refused, naming the line), changes that
 * case file's first auditor, then closes the
 * round: the report says closed and the round no longer offers any changes.
 * Axe on the template form and the round page.
 */
import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, makeFamily } from "./records.js";

test.use({ storageState: authFile("manager") });

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking/ })).toHaveCount(0, { timeout: 20_000 });
}

test("[AUDIT-ADMIN]: create a template, add a case file by hand, close the round", async ({ page }) => {
  test.setTimeout(180_000);
  // A case file of the manager's own, made for this test, to choose by hand.
  const api = await apiAs("manager");
  const own = await makeFamily(api, "Auditmore family");
  await api.dispose();
  const code = `E2E_ADMIN_${own.reference.replace(/[^A-Z0-9]/g, "")}`;
  const templateName = `E2E admin template ${own.reference}`;
  const roundName = `E2E admin round ${own.reference}`;

  // (c) Create a template.
  await page.goto("/audits");
  await settle(page);
  await page.getByRole("link", { name: "Create an audit template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an audit template" })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Create the template" }).click();
  await expect(page.getByRole("link", { name: /Enter a code of capital letters/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Write question 1" })).toBeVisible();
  await page.getByLabel("Code").fill(code);
  await page.getByLabel("Name", { exact: true }).fill(templateName);
  await page.getByLabel("Section of question 1").fill("Quality of practice");
  await page.getByLabel("Question 1", { exact: true }).fill("Is the child's voice recorded at each visit?");
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.getByLabel("Question 2", { exact: true }).fill("Overall, how good is the plan?");
  await page.getByLabel("Answer scale of question 2").selectOption("graded");
  await expectAccessible(page, "audit template form");
  await page.getByRole("button", { name: "Create the template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: templateName })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Is the child's voice recorded at each visit?")).toBeVisible();
  await expect(page.getByText("Outstanding / Good / Requires improvement / Inadequate / Not applicable")).toBeVisible();

  // Start a round with it: one sampled case file "during".
  await page.goto("/audits");
  await settle(page);
  const form = page.getByRole("form", { name: "Start a round" });
  await form.getByLabel("Name of the round").fill(roundName);
  await form.getByLabel("Audit template").selectOption({ label: templateName });
  await form.getByLabel("First auditor").selectOption({ label: "Pat Practitioner (practitioner)" });
  await form.getByLabel("Second auditor (moderation)").selectOption({ label: "Morgan Manager (manager)" });
  await form.getByLabel("Random seed").fill("5");
  await form.locator("#round-size-1").fill("1");
  await form.getByRole("button", { name: "Sample case files and start the round" }).click();
  await expect(page.getByRole("heading", { level: 1, name: roundName })).toBeVisible({ timeout: 20_000 });
  const roundUrl = page.url();
  await settle(page);
  await expect(page.getByTestId("round-status")).toHaveText("Open");
  await page.getByText("Case files and auditors (1)").click();
  const sampled = (await page.locator("table").filter({ hasText: "Case files in this round" }).locator("tbody tr td:first-child").first().textContent())!.trim();
  expect(sampled).not.toBe(own.reference);
  const chosen = own.reference;

  // (b) Add case files by hand: one not visible and one already in the round are refused, naming the line.
  const add = page.getByRole("form", { name: "Add case files chosen by hand" });
  await add.getByLabel("Case file references").fill("F999999");
  await add.getByRole("button", { name: "Add case files" }).click();
  await expect(page.getByRole("link", { name: "Line 1: no case file F999999 that you can see" })).toBeVisible({ timeout: 20_000 });
  await add.getByLabel("Case file references").fill(`${chosen}\n${sampled}`);
  await add.getByRole("button", { name: "Add case files" }).click();
  await expect(page.getByRole("link", { name: `Line 2: case file ${sampled} is already in this round` })).toBeVisible({ timeout: 20_000 });
  await add.getByLabel("Case file references").fill(chosen);
  await add.getByLabel("Period").fill("before");
  await add.getByRole("button", { name: "Add case files" }).click();
  await expect(page.getByText("1 case file added to the round")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Case files and auditors (2)")).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: /Before: 1; During: 1|During: 1; Before: 1/ })).toBeVisible();
  await expectAccessible(page, "audit round with admin forms");

  // (d) Change the first auditor of the case file added by hand (nothing submitted yet).
  const re = page.getByRole("form", { name: "Change auditors" });
  await re.getByLabel("Case file").selectOption({ label: `${chosen} (Before)` });
  await expect(re.getByLabel("First auditor")).toHaveValue(/.+/);
  await re.getByLabel("First auditor").selectOption({ label: "Dee Worker (dv worker)" });
  await re.getByRole("button", { name: "Change auditors" }).click();
  await expect(page.getByText(`Auditors changed for case file ${chosen}`)).toBeVisible({ timeout: 20_000 });
  await page.locator("details").filter({ hasText: "Case files and auditors (2)" }).evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await expect(page.getByRole("row").filter({ hasText: chosen })).toContainText("Dee Worker");

  // (a) Close the round after confirming: the report says closed; no more adding or closing.
  await page.getByRole("button", { name: "Close this round" }).click();
  await expect(page.getByText(/Closing is final/)).toBeVisible();
  await page.getByRole("button", { name: "Yes, close the round" }).click();
  await expect(page.getByText("The round is closed")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("round-status")).toHaveText("Closed");
  await expect(page.getByRole("heading", { name: /Report\s*Closed/ })).toBeVisible();
  await expect(page.getByText("This round is closed: its findings and moderation are final")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add case files chosen by hand" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close this round" })).toHaveCount(0);
  await screenshot(page, "audit-round-closed");
  // Kept: after a reload the round is closed, with the case file chosen by hand and its new auditor.
  await page.goto(roundUrl);
  await page.reload();
  await settle(page);
  await expect(page.getByTestId("round-status")).toHaveText("Closed");
  await page.locator("details").filter({ hasText: "Case files and auditors (2)" }).evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await expect(page.getByRole("row").filter({ hasText: chosen })).toContainText("Dee Worker");

  // The auditor can no longer submit a finding on it.
  const practitioner = await (await page.context().browser()!.newContext({ storageState: authFile("practitioner") })).newPage();
  await practitioner.goto("/audits");
  await settle(practitioner);
  await practitioner.getByRole("row").filter({ hasText: roundName }).filter({ hasText: sampled }).getByRole("link").first().click();
  await expect(practitioner.getByText("This round is closed, so this finding can no longer be submitted or changed.")).toBeVisible({ timeout: 20_000 });
});
