/**
 * The record screens issue 4 still lacked: a referral's outcome (and what a
 * second tab sees when someone else saved first), withdrawing someone from a
 * group and re-instating them, the agencies involved with a hub family,
 * marking a meeting's action done, and paging through completed assessments.
 * Each new page gets an axe check and a screenshot; forms are checked at a
 * 768 px tablet width.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, enrol, isoDay, makeFamily, makeGroup, makePerson } from "./records.js";

async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking/ })).toHaveCount(0, { timeout: 20_000 });
}

async function enterDate(group: Locator, iso: string) {
  const [y, m, d] = iso.split("-");
  await group.getByLabel("Day").fill(String(Number(d)));
  await group.getByLabel("Month").fill(String(Number(m)));
  await group.getByLabel("Year").fill(y!);
}

async function fitsWidth(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, "no sideways scrolling at tablet width").toBeLessThanOrEqual(clientWidth);
}

test.describe("practitioner", () => {
  test.use({ storageState: authFile("practitioner") });

  test("[CONFLICT]: two tabs record a referral's outcome; the second save shows the conflict and keeps what was typed", async ({ page }) => {
    test.setTimeout(120_000);
    // A family of its own with a child and a referral, so nothing else depends on what this test changes.
    const name = `Outcomeby ${Date.now().toString(36)}`;
    await page.goto("/families/new");
    await page.getByLabel("Case reference").fill(`E2E-O-${Date.now().toString(36).toUpperCase()}`);
    await page.getByLabel("Family name").fill(name);
    await page.getByRole("button", { name: "Record family" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await page.getByRole("link", { name: "Add a person to this family" }).click();
    const person = page.getByRole("form", { name: "Add a person" });
    await person.getByRole("group", { name: "Child or adult?" }).getByLabel("Child").check();
    await person.getByLabel("Role in the family").selectOption({ label: "Child" });
    await person.getByLabel("First name").fill("Olive");
    await person.getByLabel("Last name").fill("Outcomeby");
    await person.getByLabel("Person reference").fill(`P-O-${Date.now().toString(36).toUpperCase()}`);
    await person.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByText("Olive Outcomeby added to the family")).toBeVisible();

    // No referral yet: the list says so.
    await page.getByRole("link", { name: "Referrals and outcomes" }).click();
    await settled(page);
    await expect(page.getByTestId("no-referrals")).toBeVisible();
    await page.getByRole("link", { name: "Record a referral" }).click();
    const referral = page.getByRole("form", { name: "Record a referral" });
    await referral.getByLabel("Child", { exact: true }).selectOption({ label: "Olive Outcomeby" });
    await enterDate(referral.getByRole("group", { name: "Date of the referral" }), "2025-03-03");
    await referral.getByLabel("Who made the referral").selectOption({ label: "Schools (2A)" });
    await referral.getByRole("group", { name: "Is domestic abuse a factor?" }).getByLabel("No").check();
    await referral.getByRole("button", { name: "Record referral" }).click();
    await expect(page.getByText("Referral recorded")).toBeVisible();

    await page.getByRole("link", { name: "Referrals and outcomes" }).click();
    await settled(page);
    const table = page.getByRole("table", { name: "Referrals, most recent first" });
    await expect(table).toContainText("Olive Outcomeby");
    await expect(table).toContainText("Not recorded");
    await screenshot(page, "referrals-list");
    await expectAccessible(page, "a family's referrals");
    await table.getByRole("link", { name: /Record outcome/ }).click();
    await settled(page);
    const url = page.url();

    // Nothing chosen: the error is at the field and in the summary.
    const form = page.getByRole("form", { name: "Record the referral's outcome" });
    await form.getByRole("button", { name: "Save outcome" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Select the outcome of the referral");
    await expectAccessible(page, "referral outcome with errors");

    // A second tab opens the same referral before the first saves.
    const other = await page.context().newPage();
    await other.goto(url);
    await settled(other);
    const otherForm = other.getByRole("form", { name: "Record the referral's outcome" });

    await form.getByLabel("Assessment (CIN)").check();
    await form.getByRole("button", { name: "Save outcome" }).click();
    await expect(page.getByText("Referral outcome saved")).toBeVisible();
    await expect(page.getByRole("table", { name: "Referrals, most recent first" })).toContainText("Assessment (CIN)");

    // The second tab, still on the old version, chooses no further action and a closing date.
    await otherForm.getByLabel("No further action").check();
    await enterDate(otherForm.getByRole("group", { name: "Date the referral closed (optional)" }), "2025-03-10");
    await otherForm.getByRole("button", { name: "Save outcome" }).click();
    const conflict = other.getByTestId("conflict");
    await expect(conflict).toContainText("Someone else saved this referral while you were editing it");
    await expect(conflict).toContainText("Assessment (CIN)");
    // What this user typed is still there, not replaced by the other tab's save.
    await expect(otherForm.getByLabel("No further action")).toBeChecked();
    await expect(otherForm.getByRole("group", { name: "Date the referral closed (optional)" }).getByLabel("Day")).toHaveValue("10");
    await screenshot(other, "referral-outcome-conflict");
    await expectAccessible(other, "referral outcome after a conflict");
    await other.setViewportSize({ width: 768, height: 1024 });
    await fitsWidth(other);

    // Saving again, knowingly, replaces theirs.
    await otherForm.getByRole("button", { name: "Save outcome" }).click();
    await expect(other.getByText("Referral outcome saved")).toBeVisible();
    const after = other.getByRole("table", { name: "Referrals, most recent first" });
    await expect(after).toContainText("No further action");
    await expect(after).toContainText("10 March 2025");
    // Kept: the first tab, reloaded, shows the saved outcome.
    await page.reload();
    await settled(page);
    await expect(page.getByRole("table", { name: "Referrals, most recent first" })).toContainText("No further action");
    await expect(page.getByRole("table", { name: "Referrals, most recent first" })).toContainText("10 March 2025");
    await other.close();
  });

  test("[HUB]: agencies involved are added and ended; a meeting action is marked done and reopened", async ({ page }) => {
    test.setTimeout(120_000);
    // A family and hub case of the practitioner's own (started a week ago), made for this test.
    const api = await apiAs("practitioner");
    const family = await makeFamily(api, "Agencyham");
    const hubCase = await api.mutate<{ id: string }>("hub.create", { familyId: family.id, startDate: isoDay(-7) });
    await api.dispose();
    const caseUrl = `/hub/${hubCase.id}`;
    await page.goto(caseUrl);
    await settled(page);
    await expect(page.getByRole("heading", { level: 2, name: "Agencies involved" })).toBeVisible();

    await page.getByText("Add an agency").click();
    const add = page.getByRole("form", { name: "Add an agency" });
    await add.getByRole("button", { name: "Add agency" }).click();
    await expect(add.locator(".govuk-error-summary")).toContainText("Select the agency");
    await expectAccessible(page, "add an agency with errors");
    const role = `Offender manager ${Date.now().toString(36)}`;
    await add.getByLabel("Agency").selectOption({ label: "Probation" });
    await add.getByLabel("Their role with the family (optional)").fill(role);
    await enterDate(add.getByRole("group", { name: "Involved from" }), isoDay(-7));
    await add.getByRole("button", { name: "Add agency" }).click();
    await expect(page.getByText("Probation added to the agencies involved")).toBeVisible();
    const row = page.getByRole("table", { name: "Agencies involved with the family" }).getByRole("row", { name: new RegExp(role) });
    await expect(row).toContainText("Involved now");

    await row.getByRole("button", { name: /End/ }).click();
    const end = page.getByRole("form", { name: "End Probation's involvement" });
    await enterDate(end.getByRole("group", { name: "Date the involvement ended" }), isoDay(0));
    await end.getByRole("button", { name: "End involvement" }).click();
    await expect(page.getByText("Probation's involvement ended")).toBeVisible();
    await expect(row).toContainText("Ended");
    await expect(row).not.toContainText("Involved now");
    await screenshot(page, "hub-agencies");
    await expectAccessible(page, "hub case with agencies");

    // Kept: after a reload the agency's involvement is still ended.
    await page.reload();
    await settled(page);
    await expect(row).toContainText("Ended");

    // A meeting with an action, recorded on this case; then the action marked done and reopened.
    const meeting = page.getByRole("form", { name: "Record a meeting" });
    await meeting.getByRole("group", { name: "Which meeting?" }).getByRole("radio").first().check();
    await enterDate(meeting.getByRole("group", { name: "Date of the meeting" }), isoDay(-5));
    await meeting.getByLabel("Police").check();
    await meeting.getByLabel("Action 1", { exact: true }).fill("Share the safety plan with the school");
    await meeting.getByLabel("Who will do action 1").selectOption({ label: "Police" });
    await meeting.getByRole("button", { name: "Save meeting" }).click();
    await expect(page.getByText(/recorded$/)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Mark done/ })).toHaveCount(1);
    // The row stays in place when the meeting is refreshed: pin it by its position.
    const index = await page.locator("tr").evaluateAll((trs) => trs.findIndex((tr) => Array.from(tr.querySelectorAll("button")).some((b) => b.textContent?.startsWith("Mark done"))));
    const actionRow = page.locator("tr").nth(index);
    const button = actionRow.getByRole("button", { name: /^Mark done/ });
    const description = ((await button.textContent()) ?? "").replace(/^Mark done:?\s*/, "").trim();
    await button.click();
    await expect(page.getByText(`Action done: ${description}`)).toBeVisible();
    await expect(actionRow).toContainText("Done");
    expect(description).toBe("Share the safety plan with the school");
    await page.reload();
    await settled(page);
    await expect(actionRow).toContainText("Done");
    await actionRow.getByRole("button", { name: /^Reopen/ }).click();
    await expect(page.getByText(`Action reopened: ${description}`)).toBeVisible();
    await expect(actionRow).toContainText("Open");
    await page.reload();
    await settled(page);
    await expect(actionRow).toContainText("Open");
    await page.setViewportSize({ width: 768, height: 1024 });
    await fitsWidth(page);
  });

  test("[ASSESSMENTS]: completed assessments page through all of them, with the total", async ({ page }) => {
    // Two completed assessments of its own, so the list has at least these two whatever else is recorded.
    const api = await apiAs("practitioner");
    const family = await makeFamily(api, "Pageworth");
    const child = await makePerson(api, family.id, { first: "Pip", last: "Pageworth", role: "child", birthDate: "2016-04-01" });
    for (const [startedAt, completedAt] of [[isoDay(-60), isoDay(-40)], [isoDay(-20), isoDay(-2)]]) {
      await api.mutate("assessments.create", { childId: child.id, familyId: family.id, level: "CIN", allocatedAt: startedAt, startedAt, completedAt });
    }
    await api.dispose();
    await page.goto("/assessments");
    await settled(page);
    // The completed list answers slowly (one second late), as on a busy server: the list in progress must not
    // stay on screen under the completed list's caption meanwhile.
    await page.route(/\/trpc\/[^?]*assessments\.list/, async (route) => {
      if (decodeURIComponent(route.request().url()).includes('"open":false')) await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.getByLabel("Show").selectOption({ label: "Completed" });
    const completedTable = page.getByRole("table", { name: "Completed assessments, most recent first" });
    await expect(completedTable).toBeVisible();
    // The list in progress is never shown under the completed list's caption (a loading message comes between):
    // as soon as the caption is there, every row has a completion date.
    const completedDates = async () => (await completedTable.locator("tbody tr td:nth-child(5)").allTextContents()).map((t) => Date.parse(`${t.trim()} UTC`));
    const first = await completedDates();
    expect(first.length).toBeGreaterThan(0);
    expect(first.filter((x) => Number.isNaN(x))).toEqual([]);
    const position = page.getByTestId("page-position");
    await expect(position).toHaveText(/^Showing 1 to \d+ of \d+$/);
    const [, shown, total] = /Showing 1 to (\d+) of (\d+)/.exec((await position.textContent())!)!.map(Number);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(shown).toBe(Math.min(50, total!));
    await expect(completedTable.locator("tbody tr")).toHaveCount(shown!);
    // Most recent first: the "Completed" column (the fifth) never goes up down the page.
    const completedOn = await completedDates();
    expect(completedOn).toEqual([...completedOn].sort((a, b) => b - a));
    await screenshot(page, "assessments-completed");
    await expectAccessible(page, "completed assessments");
    if (total! > 50) {
      await page.getByRole("button", { name: "Next page" }).click();
      await expect(position).toHaveText(new RegExp(`^Showing 51 to ${Math.min(100, total!)} of ${total}$`));
      await page.getByRole("button", { name: "Previous page" }).click();
      await expect(position).toHaveText(new RegExp(`^Showing 1 to 50 of ${total}$`));
    } else {
      await expect(page.getByRole("button", { name: "Next page" })).toHaveCount(0);
    }
  });
});

test.describe("domestic-abuse worker", () => {
  test.use({ storageState: authFile("dv_worker") });

  test("[WITHDRAW]: withdrawing someone takes them off the register and the completers; re-instating brings them back", async ({ page }) => {
    test.setTimeout(90_000);
    // A group of its own under way (started 4 weeks ago) with a perpetrator referred, set up by the manager.
    const api = await apiAs("manager");
    const group = await makeGroup(api, { stem: "E2E withdraw group", track: "perpetrators", startDate: isoDay(-28) });
    const him = await makePerson(api, (await makeFamily(api, "Leaveson")).id, { first: "Len", last: "Leaveson", role: "perpetrator" });
    await enrol(api, group.id, him.id, "perpetrators");
    await api.dispose();
    const PERPETRATOR = him.full;
    await page.goto(`/groups/${group.id}`);
    await settled(page);
    await expect(page.getByTestId("register")).toContainText(PERPETRATOR);
    await page.getByRole("button", { name: `Withdraw ${PERPETRATOR}` }).click();
    const form = page.getByRole("form", { name: `Withdraw ${PERPETRATOR}` });
    await form.getByRole("button", { name: "Withdraw from the group" }).click();
    await expect(form.locator(".govuk-error-summary")).toContainText("Give the reason they withdrew");
    await expect(form.locator(".govuk-error-summary")).toContainText("Enter the date they withdrew");
    await expectAccessible(page, "withdraw with errors");
    await page.setViewportSize({ width: 768, height: 1024 });
    await fitsWidth(page);
    await form.getByLabel("Reason").fill("Moved out of area");
    await enterDate(form.getByRole("group", { name: "Date they withdrew" }), isoDay(0));
    await form.getByRole("button", { name: "Withdraw from the group" }).click();
    await expect(page.getByText(`${PERPETRATOR} withdrawn from the group`)).toBeVisible();
    await expect(page.getByTestId("completion-summary")).toContainText(PERPETRATOR);
    await expect(page.locator('[data-testid="register"]', { hasText: PERPETRATOR })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Referral, start and completion" }).getByRole("row", { name: new RegExp(PERPETRATOR) })).toContainText("Withdrawn");
    await screenshot(page, "group-withdrawn");
    await expectAccessible(page, "group after a withdrawal");

    // Kept: after a reload they are still withdrawn, with the reason.
    await page.reload();
    await settled(page);
    await expect(page.getByRole("table", { name: "Referral, start and completion" }).getByRole("row", { name: new RegExp(PERPETRATOR) })).toContainText("Withdrawn");
    await expect(page.locator('[data-testid="register"]', { hasText: PERPETRATOR })).toHaveCount(0);

    await page.getByRole("button", { name: `Re-instate ${PERPETRATOR}` }).click();
    await expect(page.getByText(`${PERPETRATOR} re-instated in the group`)).toBeVisible();
    await expect(page.getByTestId("register")).toContainText(PERPETRATOR);
    await page.reload();
    await settled(page);
    await expect(page.getByTestId("register")).toContainText(PERPETRATOR);
  });
});
