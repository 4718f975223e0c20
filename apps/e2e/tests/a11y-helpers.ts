/**
 * Helpers for the accessibility suite: moving with the keyboard only, axe with
 * WCAG 2.2 AA failing the test and best-practice rules reported, the page's
 * own width at 320 px, the pointer over every chart and every details open.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** One JSON line per axe run: the page, the width, the WCAG violations and the best-practice findings. */
export const AXE_REPORT = join(here, "..", "test-results", "accessibility-axe.jsonl");

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Presses Tab until `target` has focus; fails after `max` presses. Returns how
 * many presses it took, so a journey can assert that focus was never thrown
 * back to the top (each jump costs many presses).
 */
export async function tabTo(page: Page, target: Locator, max = 80, key: "Tab" | "Shift+Tab" = "Tab"): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return n;
  }
  throw new Error(`${max} presses of ${key} did not reach ${target.toString()}; focus is on ${await describeFocus(page)}`);
}

export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return "nothing";
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60)}"`;
  });
}

/** Types text one key at a time, as a person does; each key fires its own input event (and its own validation). */
export async function typeKeys(page: Page, text: string) {
  await page.keyboard.type(text, { delay: 15 });
}

/** Clears the focused text field with the keyboard. */
export async function clearField(page: Page) {
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
}

/** Nothing makes the page itself scroll sideways (WCAG 1.4.10 at 320 CSS px). */
export async function expectNoSideScroll(page: Page, name: string) {
  const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scrollWidth, `${name}: the page is ${scrollWidth} px wide in a ${width} px window`).toBeLessThanOrEqual(width);
}

/** Every scrolling box has a name and takes keyboard focus (WCAG 2.1.1, 4.1.2). */
export async function expectScrollBoxesReachable(page: Page, name: string) {
  const bad = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("main *"))
      .filter((el) => {
        const cs = getComputedStyle(el);
        return /(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.offsetParent !== null;
      })
      .filter((el) => el.tabIndex < 0 || !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
  expect(bad, `${name}: scrolling boxes without a name or keyboard focus`).toEqual([]);
}

/** Opens every details element on the page (so axe sees what is inside). */
export async function openAllDetails(page: Page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
}

/** Runs axe after moving the pointer over each chart (tooltips showing) and opening every details. */
export async function axeWithChartsAndDetails(page: Page, name: string, testInfo: TestInfo) {
  await openAllDetails(page);
  const charts = page.locator("main .recharts-surface");
  const count = await charts.count();
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) continue;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(150);
    await axeCheck(page, `${name}, pointer over chart ${i + 1}`, testInfo);
  }
  if (count === 0) await axeCheck(page, name, testInfo);
}

/**
 * axe with WCAG 2.2 A/AA (a violation fails the test) and the best-practice
 * rules (reported in AXE_REPORT and as an annotation, not failing).
 */
export async function axeCheck(page: Page, name: string, testInfo: TestInfo) {
  const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, "best-practice"]).analyze();
  const isWcag = (tags: string[]) => tags.some((t) => WCAG_TAGS.includes(t));
  const line = (v: (typeof results.violations)[number]) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`;
  const wcag = results.violations.filter((v) => isWcag(v.tags)).map(line);
  const bestPractice = results.violations.filter((v) => !isWcag(v.tags)).map(line);
  const width = page.viewportSize()?.width ?? 0;
  mkdirSync(dirname(AXE_REPORT), { recursive: true });
  appendFileSync(AXE_REPORT, `${JSON.stringify({ page: name, width, url: new URL(page.url()).pathname, wcag, bestPractice, passes: results.passes.length })}\n`);
  if (bestPractice.length) testInfo.annotations.push({ type: "axe best practice", description: `${name} at ${width} px: ${bestPractice.join("; ")}` });
  expect(wcag, `WCAG 2.2 AA violations on ${name} at ${width} px`).toEqual([]);
}

/** Waits for a page's heading and for its loading messages to go. */
export async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking|Running/ })).toHaveCount(0, { timeout: 30_000 });
}
