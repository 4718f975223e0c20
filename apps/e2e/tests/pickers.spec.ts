import { expect, test, type Page } from "@playwright/test";
import { authFile } from "./fixtures.js";
import { apiAs, fillDate, isoDay, makeFamily, makePerson, uniq } from "./records.js";

/**
 * Issue #17 findings 5 and 6: people, logic-model nodes and indicators are chosen from lists (never typed
 * ids), what is chosen is what is saved and shown after a reload, and the decision form keeps a draft.
 */

async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking|Computing/ })).toHaveCount(0, { timeout: 30_000 });
}

/** The columns of a logic model as the decision form names them (hand-written, not the app's table). */
const COLUMN = { inputs: "Inputs", activities: "Activities", outputs: "Outputs", outcomes: "Outcomes", impacts: "Impacts" } as Record<string, string>;

type ModelList = { id: string; name: string; programmeName: string | null; nodes: number }[];
type ModelDetail = { nodes: { id: string; column: string; text: string; heading: string | null }[]; indicators: { id: string; title: string }[] };

test.describe("people chosen from a list", () => {
  test.use({ storageState: authFile("practitioner") });

  test("[PICKERS]: the person a consent decision is about is chosen from the family's people, saved and shown after a reload", async ({ page }) => {
    const api = await apiAs("practitioner");
    const family = await makeFamily(api, "Pickwell");
    const mother = await makePerson(api, family.id, { first: "Ada", last: "Pickwell", role: "parent_carer" });
    const child = await makePerson(api, family.id, { first: "Bo", last: "Pickwell", role: "child", birthDate: "2018-04-01" });
    await api.dispose();

    await page.goto(`/families/${family.id}/consent`);
    await settled(page);
    const form = page.getByRole("form", { name: "Record a consent decision" });
    const person = form.getByLabel("Person");
    // A list of the family's people by name, not a box for a reference or an id.
    await expect(person).toHaveJSProperty("tagName", "SELECT");
    const options = await person.locator("option").allTextContents();
    expect(options).toEqual(expect.arrayContaining([expect.stringContaining(mother.full), expect.stringContaining(child.full)]));
    expect(options.join(" ")).not.toContain(mother.reference);
    await person.selectOption({ label: options.find((o) => o.includes(child.full))! });
    await form.getByLabel("Shared for").selectOption({ label: "Hub multi-agency work" });
    await form.getByLabel("Shared with").selectOption({ label: "Police" });
    await form.getByLabel("Consent given").check();
    await fillDate(form.getByRole("group", { name: "Date of the decision" }), isoDay(0));
    await form.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText(`Consent given recorded for ${child.full}`)).toBeVisible();

    await page.reload();
    await settled(page);
    const table = page.getByRole("table", { name: "Consent decisions, per person, purpose and agency" });
    await expect(table.getByRole("row", { name: new RegExp(child.full) })).toContainText("Police");
    await expect(table.getByRole("row", { name: new RegExp(mother.full) })).toHaveCount(0);
  });
});

test.describe("nodes and indicators chosen from lists", () => {
  test.use({ storageState: authFile("manager") });

  test("[PICKERS]: a decision linked to a node and an indicator chosen from the model's lists; a draft survives a reload", async ({ page }) => {
    test.setTimeout(120_000);
    const api = await apiAs("manager");
    const models = await api.query<ModelList>("logicModels.list");
    let chosen: { model: ModelList[number]; detail: ModelDetail } | null = null;
    for (const model of models) {
      const detail = await api.query<ModelDetail>("logicModels.get", { id: model.id });
      if (detail.indicators.length > 0 && detail.nodes.some((n) => !n.heading)) {
        chosen = { model, detail };
        break;
      }
    }
    await api.dispose();
    expect(chosen, "a demo logic model with indicators").toBeTruthy();
    const { model, detail } = chosen!;
    const node = detail.nodes.find((n) => !n.heading)!;
    const indicator = detail.indicators[0]!;
    const title = `Pick from lists ${uniq()}`;
    page.on("dialog", (d) => void d.accept());

    await page.goto("/decisions");
    await settled(page);
    await page.getByRole("button", { name: "Record a decision" }).click();
    let form = page.getByRole("form", { name: "Record a decision" });
    await form.getByLabel("Title").click();
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("What was decided").fill("Review the chosen box each quarter.");
    // Kept as it is typed; a reload offers it back.
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith("evident:draft:") && k.endsWith(":decision:new")))).toBe(true);
    await page.reload();
    await settled(page);
    await page.getByRole("button", { name: "Record a decision" }).click();
    form = page.getByRole("form", { name: "Record a decision" });
    await expect(form.getByLabel("Title")).toHaveValue("");
    await form.getByRole("button", { name: "Restore draft" }).click();
    await expect(form.getByLabel("Title")).toHaveValue(title);
    await expect(form.getByLabel("What was decided")).toHaveValue("Review the chosen box each quarter.");

    // No box for an id: the model, then its box and its indicator, are chosen by name.
    await expect(form.getByText(/node's id/i)).toHaveCount(0);
    await form.getByLabel("Why (the rationale)").fill("Chosen from the lists.");
    await form.getByLabel("Logic model (optional)").selectOption({ label: model.programmeName ? `${model.name} (${model.programmeName})` : model.name });
    await form.getByLabel("Box in the model it concerns (optional)").selectOption({ label: `${COLUMN[node.column]}: ${node.text}` });
    await form.getByLabel("Indicator it concerns (optional)").selectOption({ label: indicator.title });
    await fillDate(form.getByRole("group", { name: "Date of the decision" }), isoDay(0));
    await form.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByTestId("decision-list")).toContainText(title);

    // Saved as chosen: after a reload the decision names the box's words and the indicator's code and name.
    await page.reload();
    await settled(page);
    await page.getByLabel("Words").fill(title);
    await page.getByRole("button", { name: "Search" }).click();
    const card = page.getByTestId("decision-list").locator("li").filter({ hasText: title });
    await expect(card).toContainText(`Logic model node: ${node.text}`);
    await expect(card).toContainText(`Indicator: ${indicator.id}: ${indicator.title}`);
    await expect(card).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    // The draft went with the save.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(":decision:new")))).toEqual([]);
  });
});
