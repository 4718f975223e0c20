import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { fillDate, isoDay } from "./records.js";

test.use({ storageState: authFile("manager") });

const HUB = "Innovation Hub logic model (Figure 8)";
const NODE = "Risks to children are addressed sooner";

async function openNode(page: Page, text: string | RegExp) {
  await page.getByRole("table", { name: /^Outcomes/ }).getByRole("button", { name: text }).click();
  await expect(page.getByTestId("node-detail")).toBeVisible();
}

test("[LOGIC MODELS]: the seeded models render and the validation panel lists the report's gaps", async ({ page }) => {
  await page.goto("/logic-models");
  await expect(page.getByRole("link", { name: "DAARR workstream logic model (Figure 7)" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Theory of Change/ })).toBeVisible();
  await page.getByRole("link", { name: HUB }).click();
  await expect(page.getByRole("heading", { level: 1, name: HUB })).toBeVisible();
  await expect(page.getByTestId("logic-diagram").locator(".react-flow__node").first()).toBeVisible();
  const panel = page.getByTestId("validation-panel");
  // The hub model's own gaps (report Figure 8): outputs for parents/carers lead to no impact, two outcomes unmeasured.
  await expect(panel).toContainText("0 errors");
  await expect(panel.getByText("Leads nowhere (4)")).toBeVisible();
  await expect(panel.getByText(/Outcome with no indicator \(\d\)/)).toBeVisible();
  await screenshot(page, "logic-model-hub");
  await expectAccessible(page, "logic model");
});

test("[LOGIC MODELS]: edit a node, bind an indicator, set a target, record a value, see its status; record a decision about it", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/logic-models");
  await page.getByRole("link", { name: HUB }).click();
  await openNode(page, NODE);
  const detail = page.getByTestId("node-detail");

  // Edit the node's wording, with a reason: a new version.
  await detail.getByLabel("Wording").fill(`${NODE} (E2E)`);
  await detail.getByRole("form", { name: /Change this outcome/ }).getByLabel("Reason for the change").fill("E2E: clearer wording");
  await detail.getByRole("button", { name: "Save the change" }).click();
  await expect(page.getByTestId("model-version")).toContainText("E2E: clearer wording");
  await expect(page.getByRole("heading", { level: 2, name: `Outcomes: ${NODE} (E2E)` })).toBeVisible();

  // Bind a hand-entered indicator.
  const bind = detail.getByRole("form", { name: "Add an indicator to this node" });
  await bind.getByLabel("Measure").selectOption({ label: "Entered by hand" });
  await bind.getByLabel("Indicator name").fill("E2E safety score");
  await bind.getByLabel("Reason for the change").fill("E2E: measure this outcome");
  await bind.getByRole("button", { name: "Add the indicator" }).click();
  const indicator = detail.locator("[data-testid^=indicator-]").filter({ hasText: "E2E safety score" });
  await expect(indicator).toContainText("No target");

  // Set a target: 10 → 20 over 2019.
  await indicator.getByText("Set a target for E2E safety score").click();
  const target = indicator.getByRole("form", { name: "Set a target" });
  await target.getByLabel("Baseline", { exact: true }).fill("10");
  await fillDate(target.getByRole("group", { name: "Baseline date" }), "2019-01-01");
  await target.getByLabel("Better is").selectOption("higher_is_better");
  await target.getByLabel("Target value").fill("20");
  await fillDate(target.getByRole("group", { name: "Due date" }), "2019-12-31");
  await target.getByLabel("Reason for the change").fill("E2E: board target");
  await target.getByRole("button", { name: "Set the target" }).click();
  await expect(indicator).toContainText("No data");

  // Record a value above the target: on track.
  await indicator.getByText("Record a value for E2E safety score").click();
  const value = indicator.getByRole("form", { name: "Record a value" });
  await fillDate(value.getByRole("group", { name: "Period from" }), "2019-12-01");
  await fillDate(value.getByRole("group", { name: "Period to" }), "2019-12-31");
  await value.getByLabel("Value").fill("21");
  await value.getByLabel("Reason for the change").fill("E2E: December survey");
  await value.getByRole("button", { name: "Record the value" }).click();
  await expect(indicator).toContainText("On track");
  await screenshot(page, "logic-model-node-edited");

  // Record a decision about the node and see it on the node.
  await detail.getByRole("link", { name: "Record a decision about this node" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Decision log" })).toBeVisible();
  await page.getByLabel("Title").fill("E2E: survey families quarterly");
  await page.getByLabel("What was decided").fill("Survey every family on the safety score each quarter.");
  await page.getByLabel("Why (the rationale)").fill("The outcome had no indicator.");
  await fillDate(page.getByRole("group", { name: "Date of the decision" }), isoDay(0));
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("decision-list")).toContainText("E2E: survey families quarterly");
  await page.goBack();
  await page.goBack();
  await page.goto("/logic-models");
  await page.getByRole("link", { name: HUB }).click();
  await openNode(page, `${NODE} (E2E)`);
  await expect(page.getByTestId("node-decisions")).toContainText("E2E: survey families quarterly");
  // The history says who, when and why.
  const history = page.getByRole("table", { name: "Version history" });
  await expect(history).toContainText("E2E: December survey");
  await expect(history).toContainText("E2E: clearer wording");
});
