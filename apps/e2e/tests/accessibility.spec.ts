/**
 * Accessibility (WCAG 2.2 AA), as an auditor checks it: keyboard-only
 * journeys that type key by key after a failed submit (focus must stay in the
 * field being corrected), announcements and focus after a save and after a
 * run, and axe at 320 px and 1,280 px on the main pages with every details
 * open and the pointer over each chart; best-practice rules reported
 * (test-results/accessibility-axe.jsonl). See docs/accessibility.md.
 */
import { expect, test, type Page } from "@playwright/test";
import { axeCheck, axeWithChartsAndDetails, clearField, describeFocus, expectNoSideScroll, expectScrollBoxesReachable, settle, tabTo, typeKeys } from "./a11y-helpers.js";
import { authFile, email, paceSignIn, PASSWORD } from "./fixtures.js";
import { apiAs, enrol, isoDay, makeFamily, makeGroup, makePerson } from "./records.js";

const summary = (page: Page) => page.locator(".govuk-error-summary");

/** Records this file makes for itself once: a family with a child on the practitioner's caseload; a group the DA worker runs. */
const made = { familyId: "", groupName: "", groupId: "" };
test.beforeAll(async () => {
  const practitioner = await apiAs("practitioner");
  const family = await makeFamily(practitioner, "Keyworth family");
  await makePerson(practitioner, family.id, { first: "Kit", last: "Keyworth", role: "child", birthDate: "2017-05-04" });
  await makePerson(practitioner, family.id, { first: "Kay", last: "Keyworth", role: "parent_carer" });
  await practitioner.dispose();
  made.familyId = family.id;
  const manager = await apiAs("manager");
  const group = await makeGroup(manager, { stem: "E2E keyboard group", track: "perpetrators", startDate: isoDay(-84), slot: "day" });
  const him = await makePerson(manager, (await makeFamily(manager, "Tabbert")).id, { first: "Ted", last: "Tabbert", role: "perpetrator" });
  await enrol(manager, group.id, him.id, "perpetrators");
  await manager.dispose();
  made.groupName = group.name;
  made.groupId = group.id;
});

test.describe("keyboard-only journeys", () => {
  test("[A11Y-KEYS]: sign in after a wrong first try, typing key by key after a failed submit", async ({ browser }, testInfo) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/sign-in");
    const emailField = page.getByLabel("Email address");
    const password = page.getByLabel("Password");
    const signIn = page.getByRole("button", { name: "Sign in" });
    // Before any submit, tabbing past empty fields moves nothing and shows no error.
    await tabTo(page, emailField);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(signIn).toBeFocused();
    await expect(summary(page)).toHaveCount(0);
    // An empty submit: the summary takes focus and links to the field.
    await page.keyboard.press("Enter");
    await expect(summary(page)).toBeFocused();
    await axeCheck(page, "sign in with errors", testInfo);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Enter your email address" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(emailField).toBeFocused();
    // Typing corrects the error message key by key; focus stays and every key lands.
    await typeKeys(page, email("practitioner"));
    await expect(emailField).toBeFocused();
    await expect(emailField).toHaveValue(email("practitioner"));
    await expect(summary(page)).toContainText("Enter your password");
    await expect(summary(page)).not.toContainText("Enter your email address");
    await page.keyboard.press("Tab");
    await expect(password).toBeFocused();
    await typeKeys(page, "not-the-password");
    await expect(password).toHaveValue("not-the-password");
    await paceSignIn();
    await page.keyboard.press("Enter");
    // The refusal takes focus (a failed submit) and is read out.
    await expect(summary(page)).toContainText(/password/i, { timeout: 15_000 });
    await expect(summary(page)).toBeFocused();
    await tabTo(page, password);
    await clearField(page);
    await typeKeys(page, PASSWORD);
    await expect(password).toBeFocused();
    await expect(password).toHaveValue(PASSWORD);
    await paceSignIn();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 20_000 });
    await context.close();
  });

  test.describe("practitioner", () => {
    test.use({ storageState: authFile("practitioner") });
    test("[A11Y-KEYS]: record a referral with a correction", async ({ page }, testInfo) => {
      // The family this file made, with a child in it.
      await page.goto(`/families/${made.familyId}/referrals/new`);
      await settle(page);
      await expect(page.locator("#ref-child option")).toHaveCount(2);
      const form = page.getByRole("form", { name: "Record a referral" });
      const submit = form.getByRole("button", { name: "Record referral" });
      // No validation on blur before the first submit: Tab straight to the button, no jumps to the top.
      await page.locator("h1").focus();
      const presses = await tabTo(page, submit, 40);
      await expect(summary(page)).toHaveCount(0);
      expect(presses, "Tabs from the heading to the Record referral button").toBeLessThanOrEqual(16);
      await page.keyboard.press("Enter");
      await expect(summary(page)).toBeFocused();
      await expect(summary(page)).toContainText("Select the child");
      await expect(summary(page)).toContainText("Say whether domestic abuse is a factor");
      await expect(summary(page)).toContainText("Enter the date of the referral");
      await expect(summary(page)).not.toContainText("Invalid input");
      await axeCheck(page, "referral with errors", testInfo);
      // Follow the first error link to the child and choose one with the keyboard.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const child = form.getByLabel("Child", { exact: true });
      await expect(child).toBeFocused();
      await page.keyboard.press("ArrowDown");
      await expect(child).not.toHaveValue("");
      // Enter the date key by key (it starts empty): each key re-validates, focus stays in the field.
      const date = form.getByRole("group", { name: "Date of the referral" });
      await tabTo(page, date.getByLabel("Day"));
      await typeKeys(page, "3");
      await expect(date.getByLabel("Day")).toBeFocused();
      await tabTo(page, date.getByLabel("Month"));
      await typeKeys(page, "3");
      const year = date.getByLabel("Year");
      await tabTo(page, year);
      await clearField(page);
      await typeKeys(page, "2025");
      await expect(year).toBeFocused();
      await expect(year).toHaveValue("2025");
      await tabTo(page, form.getByLabel("Who made the referral"));
      await typeKeys(page, "Police");
      await expect(form.getByLabel("Who made the referral")).toHaveValue("6");
      await tabTo(page, form.getByRole("group", { name: "Is domestic abuse a factor?" }).getByLabel("Yes"));
      await page.keyboard.press("Space");
      await expect(summary(page)).toHaveCount(0);
      await tabTo(page, submit);
      await page.keyboard.press("Enter");
      // The save is announced (a success banner, role=alert).
      await expect(page.getByRole("alert").filter({ hasText: "Referral recorded" })).toBeVisible({ timeout: 20_000 });
      // Kept: the family's referrals, reloaded, list Kit's referral by the police.
      await page.goto(`/families/${made.familyId}/referrals`);
      await page.reload();
      await settle(page);
      await expect(page.getByRole("table", { name: "Referrals, most recent first" })).toContainText("Kit Keyworth");
      await expect(page.getByRole("table", { name: "Referrals, most recent first" })).toContainText("Police");
    });
  });

  test.describe("domestic-abuse worker", () => {
    test.use({ storageState: authFile("dv_worker") });
    test("[A11Y-KEYS]: mark a register and hear it saved", async ({ page }, testInfo) => {
      await page.goto("/groups");
      await settle(page);
      await tabTo(page, page.getByRole("link", { name: made.groupName }), 120);
      await page.keyboard.press("Enter");
      await settle(page);
      const register = page.getByTestId("register");
      await expect(register).toBeVisible();
      const cell = register.locator("tbody tr").first().locator("select").first();
      await tabTo(page, cell, 150);
      // A new group: nothing marked yet; the next option down is a mark.
      const before = await cell.inputValue();
      expect(before).toBe("");
      await page.keyboard.press("ArrowDown");
      const after = await cell.inputValue();
      expect(after).not.toBe(before);
      const save = page.getByRole("button", { name: /Save register/ });
      await tabTo(page, save, 150);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("alert").filter({ hasText: "Register saved" })).toBeVisible({ timeout: 20_000 });
      await axeCheck(page, "register saved", testInfo);
      // Kept: after a reload the mark chosen with the keyboard is there.
      await page.reload();
      await expect(register.locator("tbody tr").first().locator("select").first()).toHaveValue(after);
    });
  });

  test.describe("analyst", () => {
    test.use({ storageState: authFile("analyst") });
    test("[A11Y-KEYS]: run an evaluation, reach its result, save it", async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      await page.goto("/evaluation");
      await settle(page);
      const programme = page.getByLabel("Programme", { exact: true });
      await tabTo(page, programme);
      await typeKeys(page, "Inspiring");
      await expect(programme.locator("option:checked")).toHaveText("Inspiring Families Programme");
      await tabTo(page, page.getByRole("button", { name: "Run the analysis" }));
      await page.keyboard.press("Enter");
      // Focus moves to the result's heading when it arrives (it is read out); the next Tab goes on into the result.
      const heading = page.locator("#result-heading");
      await expect(heading).toBeVisible({ timeout: 90_000 });
      await expect(heading).toBeFocused();
      await expect(heading).toContainText("Inspiring Families Programme: result");
      // Charts are no focus stops: Tab from the heading never lands on an svg.
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press("Tab");
        expect(await describeFocus(page)).not.toMatch(/^svg/);
      }
      expect(await page.locator("svg[role=application], svg[tabindex='0']").count()).toBe(0);
      await axeWithChartsAndDetails(page, "evaluation result", testInfo);
      await page.mouse.move(0, 0);
      await page.setViewportSize({ width: 320, height: 800 });
      await expectNoSideScroll(page, "evaluation result");
      await expectScrollBoxesReachable(page, "evaluation result");
      await axeCheck(page, "evaluation result", testInfo);
      await page.setViewportSize({ width: 1280, height: 900 });
      // Save: the success banner takes focus and is an alert.
      const titleField = page.getByLabel("Title for this analysis");
      await tabTo(page, titleField, 200);
      const title = `A11y: keyboard-only run ${Date.now().toString(36)}`;
      await typeKeys(page, title);
      await expect(titleField).toHaveValue(title);
      await page.keyboard.press("Enter");
      const banner = page.getByRole("alert").filter({ hasText: "Analysis saved" });
      await expect(banner).toBeVisible({ timeout: 60_000 });
      await expect(banner).toBeFocused();
      // Kept: after a reload the saved analysis is listed.
      await page.reload();
      await expect(page.getByRole("table", { name: "Saved analyses" }).getByRole("cell", { name: title, exact: true })).toBeVisible({ timeout: 20_000 });
    });
  });

  test.describe("trainer", () => {
    test.use({ storageState: authFile("trainer") });
    test("[A11Y-KEYS]: add a starter after a failed submit, typing the name key by key", async ({ page }, testInfo) => {
      await page.goto("/training/staff/new");
      await settle(page);
      const add = page.getByRole("button", { name: "Add starter" });
      await tabTo(page, add);
      await expect(summary(page)).toHaveCount(0);
      await page.keyboard.press("Enter");
      await expect(summary(page)).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "Enter the starter's full name" })).toBeFocused();
      await page.keyboard.press("Enter");
      const nameField = page.getByLabel("Full name");
      await expect(nameField).toBeFocused();
      const name = `Kay Board ${Date.now().toString(36)}`;
      await typeKeys(page, name);
      await expect(nameField).toBeFocused();
      await expect(nameField).toHaveValue(name);
      await expect(summary(page)).not.toContainText("Enter the starter's full name");
      await tabTo(page, page.getByLabel("Job role"));
      await typeKeys(page, "Social worker");
      await expect(page.getByLabel("Job role").locator("option:checked")).toHaveText("Social worker");
      const start = page.getByRole("group", { name: "Start date" });
      const d = new Date();
      await tabTo(page, start.getByLabel("Day"));
      await typeKeys(page, String(d.getDate()));
      await page.keyboard.press("Tab");
      await typeKeys(page, String(d.getMonth() + 1));
      await page.keyboard.press("Tab");
      await typeKeys(page, String(d.getFullYear()));
      await expect(start.getByLabel("Year")).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: `${name} has been added` })).toBeVisible({ timeout: 20_000 });
      await axeCheck(page, "starter added", testInfo);
      // Kept: the staff list, freshly loaded, finds the starter.
      await page.goto("/training/staff");
      await page.getByLabel("Search by name").fill(name);
      await expect(page.getByRole("link", { name, exact: true })).toBeVisible({ timeout: 20_000 });
    });
  });
});

/** The main pages, per role: axe at 1,280 px (details open, pointer over each chart) and at 320 px (no sideways scrolling, scrolling boxes named and focusable). */
const PAGES: Record<string, [string, string][]> = {
  practitioner: [
    ["home", "/"],
    ["families", "/families"],
    ["family", "/families/:family"],
    ["family referrals", "/families/:family/referrals"],
    ["new family", "/families/new"],
    ["assessments", "/assessments"],
    ["follow-ups", "/follow-ups"],
    ["one-to-one", "/one-to-one"],
    ["hub", "/hub"],
  ],
  dv_worker: [
    ["groups", "/groups"],
    ["domestic abuse work", "/da"],
  ],
  analyst: [
    ["evaluation", "/evaluation"],
    ["finance", "/finance"],
    ["logic models", "/logic-models"],
    ["monitoring", "/monitoring"],
    ["decisions", "/decisions"],
  ],
  manager: [["audits", "/audits"]],
  trainer: [
    ["training dashboard", "/training/dashboard"],
    ["training: my training", "/training/my"],
    ["training: courses", "/training/courses"],
    ["training: modules", "/training/modules"],
    ["training: staff", "/training/staff"],
    ["training: add a starter", "/training/staff/new"],
    ["training: import a roster", "/training/staff/import"],
    ["training: sessions", "/training/sessions"],
    ["training: report", "/training/report"],
  ],
};

/** Pages reached by following a link: the group register, a programme's finance, a logic model. */
const FOLLOW: { role: string; name: string; from: string; link: RegExp }[] = [
  { role: "dv_worker", name: "group register", from: "/groups", link: /E2E keyboard group/ },
  { role: "analyst", name: "programme finance", from: "/finance", link: /Inspiring Families Programme/ },
  { role: "analyst", name: "logic model", from: "/logic-models", link: /Innovation Hub logic model/ },
];

for (const [role, pages] of Object.entries(PAGES)) {
  test.describe(`${role} pages`, () => {
    test.use({ storageState: authFile(role as never) });
    test(`[A11Y-PAGES]: ${role}: axe at 1,280 px and 320 px, reflow, charts and details`, async ({ page }, testInfo) => {
      test.setTimeout(60_000 + pages.length * 30_000);
      for (const [name, path] of pages) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(path.replace(":family", made.familyId));
        await settle(page);
        await axeWithChartsAndDetails(page, name, testInfo);
        await page.mouse.move(0, 0);
        await page.setViewportSize({ width: 320, height: 800 });
        await page.waitForTimeout(300);
        await expectNoSideScroll(page, name);
        await expectScrollBoxesReachable(page, name);
        await axeCheck(page, name, testInfo);
      }
      for (const f of FOLLOW.filter((x) => x.role === role)) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(f.from);
        await settle(page);
        await page.getByRole("link", { name: f.link }).first().click();
        await settle(page);
        await axeWithChartsAndDetails(page, f.name, testInfo);
        await page.mouse.move(0, 0);
        await page.setViewportSize({ width: 320, height: 800 });
        await page.waitForTimeout(300);
        await expectNoSideScroll(page, f.name);
        await expectScrollBoxesReachable(page, f.name);
        await axeCheck(page, f.name, testInfo);
      }
    });
  });
}

test.describe("logic model in words", () => {
  test.use({ storageState: authFile("manager") });
  test("[A11Y]: each node lists the nodes it leads to and comes from, by name, as links", async ({ page }) => {
    await page.goto("/logic-models");
    await page.getByRole("link", { name: "Innovation Hub logic model (Figure 8)" }).click();
    await settle(page);
    const outcomes = page.getByRole("table", { name: /^Outcomes/ });
    const node = "Risks to children are addressed sooner";
    await outcomes.getByRole("button", { name: node }).click();
    const from = page.getByTestId("node-comes-from").getByRole("link");
    expect(await from.count(), "nodes leading to the outcome").toBeGreaterThan(0);
    // Following a "comes from" link opens that node, whose "leads to" names the outcome.
    const first = (await from.first().textContent()) ?? "";
    await from.first().focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("#selected-node")).toBeFocused();
    await expect(page.locator("#selected-node")).toContainText(first.replace(/^[A-Za-z]+: /, ""));
    await expect(page.getByTestId("node-leads-to").getByRole("link", { name: new RegExp(node) })).toBeVisible();
  });
});

test.describe("monitoring period", () => {
  test.use({ storageState: authFile("analyst") });
  test("[A11Y]: an impossible date gets an error, focus on the summary, then a correction clears it without moving focus", async ({ page }) => {
    await page.goto("/monitoring");
    await settle(page);
    const fromDay = page.getByRole("group", { name: "From", exact: true }).getByLabel("Day");
    await tabTo(page, fromDay);
    await clearField(page);
    await typeKeys(page, "31");
    await page.keyboard.press("Tab");
    await clearField(page);
    await typeKeys(page, "2");
    await page.keyboard.press("Tab");
    await clearField(page);
    await typeKeys(page, "2019");
    await page.keyboard.press("Enter");
    await expect(summary(page)).toBeFocused();
    await expect(summary(page)).toContainText("From must be a real date");
    await tabTo(page, fromDay);
    await clearField(page);
    await typeKeys(page, "28");
    await expect(fromDay).toBeFocused();
    await expect(fromDay).toHaveValue("28");
    await expect(summary(page)).toHaveCount(0);
  });
});
