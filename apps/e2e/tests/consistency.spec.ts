/**
 * #17 findings 5 and 9, each as the person meets it: plain words in errors, references given by the
 * system, assessment factors by name, one count on "My training", one date input in both apps, one
 * permission-denied page, straight chart lines with every quarter labelled, a saved analysis at its
 * own address, the evaluation downloads agreeing with the screen, and the register grid at 1,280 px.
 * Every record is created by the test itself.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { authFile } from "./fixtures.js";

const uniq = () => Date.now().toString(36).toUpperCase().slice(-6);
const DEVELOPER_WORDS = /Invalid input|expected (string|number|object)|received (null|undefined)|YYYY-MM-DD|[a-z]+[A-Z][a-z]+:/;

async function fillDate(group: Locator, day: string, month: string, year: string) {
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}

async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking|Computing/ })).toHaveCount(0, { timeout: 30_000 });
}

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("[CONSISTENCY] references given by the system, factors by name, plain words on an empty group referral and an impossible decision date", async ({ page }) => {
    test.setTimeout(120_000);
    const u = uniq();
    // A family and its people saved without typing a reference: the system gives one.
    await page.goto("/families/new");
    await page.getByLabel("Family name").fill(`Plainword ${u}`);
    await page.getByRole("button", { name: "Record family" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Plainword ${u}` })).toBeVisible();
    const familyId = page.url().split("/families/")[1]!.split(/[?#/]/)[0]!;
    for (const p of [
      { kind: "Child", role: "Child", first: "Robin" },
      { kind: "Adult", role: "Perpetrator", first: "Fergus" },
    ]) {
      await page.goto(`/families/${familyId}/people/new`);
      const form = page.getByRole("form", { name: "Add a person" });
      await form.getByRole("group", { name: "Child or adult?" }).getByLabel(p.kind).check();
      await form.getByLabel("Role in the family").selectOption({ label: p.role });
      await form.getByLabel("First name").fill(p.first);
      await form.getByLabel("Last name").fill(`Plainword${u}`);
      await form.getByRole("button", { name: "Add person" }).click();
      await expect(page.getByText(`${p.first} Plainword${u} added to the family`)).toBeVisible();
    }

    // Assessment factors typed by name ("domestic abuse" was refused as "DOMESTIC"), the codes shown.
    await page.goto(`/families/${familyId}/assessments/new`);
    await expect(page.locator(".govuk-caption-l")).toContainText(/\(F\d{6}\)/);
    const assessment = page.getByRole("form", { name: "Record an assessment" });
    await assessment.getByLabel("Child", { exact: true }).selectOption({ label: `Robin Plainword${u}` });
    await assessment.getByLabel("Child in need (level 2)").check();
    const today = new Date();
    for (const name of ["Date the case was allocated", "Date the assessment started"]) {
      await fillDate(assessment.getByRole("group", { name }), String(today.getDate()), String(today.getMonth() + 1), String(today.getFullYear()));
    }
    await assessment.getByLabel("Assessment factors (optional)").fill("domestic abuse");
    await assessment.getByRole("button", { name: "Record assessment" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Say whom");
    await expect(page.locator(".govuk-error-summary")).toContainText("Domestic abuse: a parent or carer (3B)");
    await assessment.getByLabel("Assessment factors (optional)").fill("domestic abuse: parent, neglect");
    await expect(page.getByTestId("chosen-factors")).toHaveText("To be recorded: Domestic abuse: a parent or carer (3B); Neglect (16A)");
    await assessment.getByRole("button", { name: "Record assessment" }).click();
    await expect(page.getByText("Assessment recorded")).toBeVisible();

    // An empty group referral: plain words only.
    await page.goto(`/families/${familyId}`);
    await page.getByRole("link", { name: `Refer into a group Fergus Plainword${u}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Refer into a group" })).toBeVisible();
    await page.getByLabel("Group").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Refer into group" }).click();
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toBeVisible();
    expect(await summary.innerText()).not.toMatch(DEVELOPER_WORDS);

    // A decision on 30 February: the date input's own words, naming the field as labelled.
    await page.goto("/decisions");
    await settled(page);
    await page.getByRole("button", { name: "Record a decision" }).click();
    const decision = page.getByRole("form", { name: "Record a decision" });
    await decision.getByLabel("Title").fill(`Plain words ${u}`);
    await decision.getByLabel("What was decided").fill("Something");
    await decision.getByLabel("Why (the rationale)").fill("Because");
    await fillDate(decision.getByRole("group", { name: "Date of the decision" }), "30", "2", "2019");
    await decision.getByRole("button", { name: "Record the decision" }).click();
    await expect(summary).toContainText("Date of the decision must be a real date");
    expect(await summary.innerText()).not.toMatch(DEVELOPER_WORDS);
  });

  test("[CONSISTENCY] the register grid at 1,280 px scrolls inside its own box with the names fixed", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/groups");
    await page.getByRole("link", { name: /IFP Perpetrators English day 2019-03/ }).click();
    const register = page.getByTestId("register");
    await expect(register).toBeVisible();
    const box = page.getByTestId("register-scroll");
    const m = await box.evaluate((el) => {
      const doc = document.documentElement;
      const name = el.querySelector("tbody th[scope=row]") as HTMLElement;
      return { page: doc.scrollWidth <= doc.clientWidth, fits: el.scrollWidth <= el.clientWidth + 1, scrolls: el.getAttribute("data-scrolls") === "true", focusable: el.tabIndex === 0, sticky: getComputedStyle(name).position };
    });
    expect(m.page, "the page itself never scrolls sideways").toBe(true);
    expect(m.fits || (m.scrolls && m.focusable), "the grid fits, or scrolls in its own named, focusable box").toBe(true);
    expect(m.sticky).toBe("sticky");
    // Scrolled to its far right, the last session's column is reachable and the names are still in view.
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const nameBox = await register.locator("tbody th[scope=row]").first().boundingBox();
    const scrollBox = await box.boundingBox();
    expect(nameBox!.x).toBeGreaterThanOrEqual(scrollBox!.x - 1);
  });
});

test.describe("analyst", () => {
  test.use({ storageState: authFile("analyst") });

  test("[CONSISTENCY] a saved analysis at its own address; its CSV rounded as on screen, with no stray '% header", async ({ page }) => {
    test.setTimeout(180_000);
    const title = `E2E: own address ${uniq()}`;
    await page.goto("/evaluation");
    await page.getByLabel("Programme", { exact: true }).selectOption({ label: "Inspiring Families Programme" });
    await page.getByRole("button", { name: "Run the analysis" }).click();
    await expect(page.getByTestId("analysis")).toBeVisible({ timeout: 90_000 });
    await page.getByLabel("Title for this analysis").fill(title);
    await page.getByRole("button", { name: "Save this analysis" }).click();
    await page.getByRole("link", { name: "Open the saved analysis" }).click();
    await expect(page).toHaveURL(/\/evaluation\/saved\/[0-9a-f-]{36}$/);
    const address = page.url();
    await expect(page.locator("#saved-run-heading")).toHaveText(title);
    await page.reload();
    await expect(page.locator("#saved-run-heading")).toHaveText(title, { timeout: 60_000 });
    // The link shared: a fresh tab opens the same analysis.
    const other = await page.context().newPage();
    await other.goto(address);
    await expect(other.locator("#saved-run-heading")).toHaveText(title, { timeout: 60_000 });
    await other.close();

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV (as on screen)" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv).not.toContain("'%");
    expect(csv.match(/\d+\.\d{3,}/g), "no unrounded number").toBeNull();
    // The programme cohort's size is on screen and in the file alike (no small number hidden in one only).
    const heading = await page.getByTestId("outcome-table").locator("thead th").filter({ hasText: "Programme cohort" }).innerText();
    const n = /\((\d+) children\)/.exec(heading)![1]!;
    expect(csv).toContain(`intervention cohort (n=${n})`);
  });
});

test.describe("staff member", () => {
  test.use({ storageState: authFile("staff") });

  test("[CONSISTENCY] another role's page is one permission-denied page, and 'My training' counts what it lists", async ({ page }) => {
    await page.goto("/monitoring");
    await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to see this page" })).toBeVisible();
    await expect(page.getByTestId("permission-denied")).toContainText("Monitoring is not available to your role (Staff member)");
    await expect(page.getByText(/You do not have permission to see figure/i)).toHaveCount(0);
    await page.goto("/training/staff");
    await expect(page.getByRole("heading", { level: 1, name: "You do not have permission to see this page" })).toBeVisible();

    // "My training": the count above equals what the tables below list as still to do.
    await page.goto("/training/my");
    await settled(page);
    const sentence = await page.getByTestId("to-do-count").innerText();
    const said = Number(/You have (\d+) items? to do/.exec(sentence)?.[1] ?? "-1");
    const open = async (caption: string, statusColumn: number, done: RegExp) => {
      const table = page.getByRole("table", { name: caption });
      if ((await table.count()) === 0) return [] as string[];
      const rows = await table.locator("tbody tr").all();
      const out: string[] = [];
      for (const r of rows) {
        const cells = await r.locator("td, th").allInnerTexts();
        if (!done.test(cells[statusColumn] ?? "")) out.push(cells[0]!);
      }
      return out;
    };
    const assigned = await open("Assigned to me", 4, /Done|Complete/i);
    const requiredCourses = await openRequired(page);
    const modules = await open("Onboarding modules", 3, /Done|Complete/i);
    const distinct = new Set([...assigned, ...requiredCourses, ...modules]);
    expect(said, `${sentence} | ${[...distinct].join("; ")}`).toBe(distinct.size);
  });
});

/** Required courses (column "Required for my role" = Yes) not held: never completed or expired. */
async function openRequired(page: Page): Promise<string[]> {
  const rows = await page.getByRole("table", { name: "My courses" }).locator("tbody tr").all();
  const out: string[] = [];
  for (const r of rows) {
    const cells = await r.locator("td, th").allInnerTexts();
    if (cells[1] === "Yes" && !/Valid|Expiring/i.test(cells[4] ?? "")) out.push(cells[0]!);
  }
  return out;
}

test.describe("trainer", () => {
  test.use({ storageState: authFile("trainer") });

  test("[CONSISTENCY] the training app uses the GOV.UK day, month and year input, never the browser's", async ({ page }) => {
    for (const path of ["/training/dashboard", "/training/report", "/training/sessions"]) {
      await page.goto(path);
      await settled(page);
      if (path.endsWith("sessions")) await page.getByText("Schedule a session").click();
      await expect(page.locator('input[type="date"]')).toHaveCount(0);
      await expect(page.locator(".govuk-date-input").first()).toBeVisible();
    }
  });
});

test.describe("analyst charts", () => {
  test.use({ storageState: authFile("analyst") });

  test("[CONSISTENCY] monitoring draws straight lines, and Figure 2's axis names every quarter", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/monitoring");
    await settled(page);
    const figure = page.getByTestId("figure-cla_escalations");
    await expect(figure.locator(".recharts-line-curve")).toBeVisible({ timeout: 60_000 });
    const d = (await figure.locator(".recharts-line-curve").first().getAttribute("d")) ?? "";
    expect(d, "a straight line: moves and lines, no curves").not.toMatch(/[Cc]/);
    await figure.getByRole("button", { name: "Show the numbers" }).click();
    const periods = await figure.getByRole("table").locator("tbody tr th, tbody tr td:first-child").allInnerTexts();
    // recharts 3 draws tick labels in a layer of their own: every label of the figure, then each period looked for among them.
    const ticks = new Set((await figure.locator(".recharts-cartesian-axis-tick-value").allTextContents()).map((t) => t.trim()));
    expect(periods.length).toBeGreaterThan(4);
    expect(periods.filter((p) => !ticks.has(p.trim())), "every quarter labelled on the axis").toEqual([]);
  });
});
