/**
 * Issue 17 finding 8: the logic-model diagram rendered at about 3 px text
 * with node text spilling out of its boxes. At the default zoom every box's
 * text is at least 14 px on screen and fits inside its box, there are zoom
 * controls, and the list view lists every node of the model.
 */
import { expect, test, type Page } from "@playwright/test";
import { join } from "node:path";
import { authFile, expectAccessible, screenshot, SCREENSHOTS } from "./fixtures.js";

test.use({ storageState: authFile("manager") });

const HUB = "Innovation Hub logic model (Figure 8)";

async function openHub(page: Page) {
  await page.goto("/logic-models");
  await page.getByRole("link", { name: HUB }).click();
  await expect(page.getByRole("heading", { level: 1, name: HUB })).toBeVisible();
}

/** Every node's text as the Nodes tables (one per column) list it: the model's whole node list. */
async function tableNodes(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const column of ["Inputs", "Activities", "Outputs", "Impacts", "Outcomes"]) {
    out.push(...(await page.getByRole("table", { name: new RegExp(`^${column} \\(`) }).locator("tbody tr > :first-child button").allInnerTexts()));
  }
  return out.map((t) => t.trim());
}

test("[LOGIC MODEL DIAGRAM]: readable at the default zoom: text at least 14 px on screen, inside its box; zoom controls", async ({ page }) => {
  await openHub(page);
  const diagram = page.getByTestId("logic-diagram");
  const boxes = diagram.locator(".app-flow-box");
  await expect(boxes.first()).toBeVisible();
  const nodes = await tableNodes(page);
  expect(nodes.length).toBeGreaterThan(10);
  await expect(boxes).toHaveCount(nodes.length);

  const measured = await boxes.evaluateAll((els) => {
    const viewport = document.querySelector(".react-flow__viewport") as HTMLElement;
    const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return els.map((el) => {
      const text = el.querySelector(".app-flow-box__text") as HTMLElement;
      return {
        text: text.textContent ?? "",
        onScreenPx: parseFloat(getComputedStyle(text).fontSize) * scale,
        // Drawn size against the size its content needs, in both directions.
        fitsAcross: el.scrollWidth <= el.clientWidth && text.scrollWidth <= text.clientWidth,
        fitsDown: el.scrollHeight <= el.clientHeight,
      };
    });
  });
  for (const m of measured) {
    expect(m.onScreenPx, m.text).toBeGreaterThanOrEqual(14);
    expect(m.fitsAcross, `${m.text} fits across its box`).toBe(true);
    expect(m.fitsDown, `${m.text} fits down its box`).toBe(true);
  }
  // Every node of the model is a box in the diagram.
  expect(measured.map((m) => m.text).sort()).toEqual([...nodes].sort());

  // No two boxes overlap (the layout gives each its own place).
  const rects = await boxes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number }));
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const [a, b] = [rects[i]!, rects[j]!];
      const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      expect(overlap, `boxes ${i} and ${j} overlap`).toBe(false);
    }
  }

  // Zoom controls: the diagram opens at 100%; zoom out and back to actual size.
  const zoom = page.getByTestId("diagram-zoom");
  await expect(zoom).toHaveText("Zoom 100%");
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect(zoom).not.toHaveText("Zoom 100%");
  await page.getByRole("button", { name: "Actual size" }).click();
  await expect(zoom).toHaveText("Zoom 100%");
  await expect(page.getByRole("button", { name: "Zoom in" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Show it all" })).toBeVisible();
  await screenshot(page, "logic-model-diagram");
  await diagram.screenshot({ path: join(SCREENSHOTS, "logic-model-diagram-at-100.png") });
  await expectAccessible(page, "logic model diagram");
});

test("[LOGIC MODEL DIAGRAM]: the list view lists every node by column with its links and indicators", async ({ page }) => {
  await openHub(page);
  await expect(page.getByTestId("logic-diagram")).toBeVisible();
  const nodes = await tableNodes(page);
  await page.getByLabel("A list").check();
  await expect(page.getByTestId("logic-diagram")).toHaveCount(0);
  const list = page.getByTestId("logic-list");
  const items = list.getByTestId("logic-list-node");
  await expect(items).toHaveCount(nodes.length);
  const listed = await items.evaluateAll((els) => els.map((el) => (el.querySelector("button")?.textContent ?? "").trim()));
  expect(listed.sort()).toEqual([...nodes].sort());
  for (const column of ["Inputs", "Activities", "Outputs", "Impacts", "Outcomes"]) await expect(list.getByRole("heading", { level: 3, name: new RegExp(`^${column} \\(\\d+\\)$`) })).toBeVisible();
  // Links by name: the first node that leads somewhere names its next nodes as links.
  await expect(list.getByText("Leads to:").first()).toBeVisible();
  await expect(list.getByRole("link").first()).toBeVisible();
  await expectAccessible(page, "logic model list view");
  await page.getByLabel("A diagram").check();
  await expect(page.getByTestId("logic-diagram").locator(".app-flow-box").first()).toBeVisible();
});
