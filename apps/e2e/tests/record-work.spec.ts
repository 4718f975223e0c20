/**
 * Recording the work: a family with a child, a referral and an assessment
 * (days against the 25-day target), consent to share, a hub case's visit,
 * step-down and follow-ups, the register at tablet width, one-to-one work
 * and a manager's safeguarding override. Each new page gets an axe check and
 * a screenshot.
 */
import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, enrol, fillDate, isoDay, makeFamily, makeGroup, makePerson, uniq } from "./records.js";


async function settled(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking/ })).toHaveCount(0, { timeout: 20_000 });
}

const tag = () => Date.now().toString(36).toUpperCase();

async function recordFamily(page: Page, name: string) {
  await page.goto("/families/new");
  await page.getByLabel("Case reference").fill(`E2E-${tag()}`);
  await page.getByLabel("Family name").fill(name);
  await page.getByRole("button", { name: "Record family" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function addPerson(page: Page, p: { kind: "Child" | "Adult"; role: string; first: string; last: string; birth?: string }) {
  await page.getByRole("link", { name: "Add a person to this family" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a person" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add a person" });
  await form.getByRole("group", { name: "Child or adult?" }).getByLabel(p.kind).check();
  await form.getByLabel("Role in the family").selectOption({ label: p.role });
  await form.getByLabel("First name").fill(p.first);
  await form.getByLabel("Last name").fill(p.last);
  await form.getByLabel("Person reference").fill(`P-${tag()}`);
  if (p.birth) await fillDate(form.getByRole("group", { name: "Date of birth (optional)" }), p.birth);
  await form.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText(`${p.first} ${p.last} added to the family`)).toBeVisible();
}

test.describe("practitioner", () => {
  test.use({ storageState: authFile("practitioner") });

  test("[RECORD]: a family with a child, a referral, an assessment against the 25-day target, and consent to share", async ({ page }) => {
    test.setTimeout(120_000);
    const surname = `Recordwell${uniq()}`;
    await recordFamily(page, `${surname} family`);
    // Adding a person: errors at the fields first.
    await page.getByRole("link", { name: "Add a person to this family" }).click();
    await page.getByRole("button", { name: "Add person" }).click();
    const summary = page.locator(".govuk-error-summary");
    await expect(summary).toContainText("Select whether this is a child or an adult");
    await expect(summary).toContainText("Enter their first name");
    await expectAccessible(page, "add a person with errors");
    await page.getByRole("link", { name: "Cancel" }).click();
    await addPerson(page, { kind: "Child", role: "Child", first: "Robin", last: surname, birth: "2015-06-01" });
    await addPerson(page, { kind: "Adult", role: "Victim", first: "Rae", last: surname });

    // A referral.
    await page.getByRole("link", { name: "Record a referral" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record a referral" })).toBeVisible();
    const referral = page.getByRole("form", { name: "Record a referral" });
    await referral.getByRole("button", { name: "Record referral" }).click();
    await expect(summary).toContainText("Select the child");
    await expect(summary).toContainText("Select who made the referral");
    await expectAccessible(page, "referral form with errors");
    await screenshot(page, "referral-form-errors");
    await referral.getByLabel("Child", { exact: true }).selectOption({ label: `Robin ${surname}` });
    await fillDate(referral.getByRole("group", { name: "Date of the referral" }), "2025-01-02");
    await referral.getByLabel("Who made the referral").selectOption({ label: "Police (6)" });
    await referral.getByRole("group", { name: "Is domestic abuse a factor?" }).getByLabel("Yes").check();
    await referral.getByRole("button", { name: "Record referral" }).click();
    await expect(page.getByText("Referral recorded")).toBeVisible();

    // An assessment allocated on 6 January 2025 and still open: far past the 25-day target.
    await page.getByRole("link", { name: "Record an assessment" }).click();
    const assessment = page.getByRole("form", { name: "Record an assessment" });
    await assessment.getByLabel("Child", { exact: true }).selectOption({ label: `Robin ${surname}` });
    await assessment.getByLabel("Child in need (level 2)").check();
    await fillDate(assessment.getByRole("group", { name: "Date the case was allocated" }), "2025-01-06");
    await fillDate(assessment.getByRole("group", { name: "Date the assessment started" }), "2025-01-03");
    await assessment.getByLabel("Assessment factors (optional)").fill("3A, 99Z");
    await assessment.getByRole("button", { name: "Record assessment" }).click();
    await expect(summary).toContainText("The assessment cannot start before the case was allocated");
    await expect(summary).toContainText('"99Z" is not a CIN census assessment factor');
    await expectAccessible(page, "assessment form with errors");
    await fillDate(assessment.getByRole("group", { name: "Date the assessment started" }), "2025-01-07");
    await assessment.getByLabel("Assessment factors (optional)").fill("3A, 4B");
    await assessment.getByRole("button", { name: "Record assessment" }).click();
    await expect(page.getByText("Assessment recorded")).toBeVisible();
    const table = page.getByRole("table", { name: "Assessments: days from allocation to completion" });
    await expect(table).toContainText(`Robin ${surname}`);
    await expect(table).toContainText("overdue");
    const familyUrl = page.url();

    // Completing it from the assessments list: 6 January to 5 February 2025 is 30 days, over the 25-day target.
    await page.goto("/assessments");
    await settled(page);
    await expect(page.getByRole("table", { name: "Assessments in progress, overdue first" })).toContainText(`Robin ${surname}`);
    await expectAccessible(page, "assessments");
    await screenshot(page, "assessments");
    await page.getByText(`Record completion for Robin ${surname}`).click();
    const complete = page.getByRole("form", { name: `Record completion for Robin ${surname}` });
    await fillDate(complete.getByRole("group", { name: "Date completed" }), "2025-02-05");
    await complete.getByRole("button", { name: "Record completion" }).click();
    await expect(page.getByText(`Assessment for Robin ${surname} completed`)).toBeVisible();
    // Back on the family's page: 30 days against the target of 25.
    await page.getByLabel("Show").selectOption("completed");
    await expect(page.getByRole("table", { name: "Completed assessments" })).toBeVisible();
    await page.goto(familyUrl);
    const done = page.getByRole("table", { name: "Assessments: days from allocation to completion" }).getByRole("row", { name: new RegExp(`Robin ${surname}`) });
    await expect(done).toContainText("5 February 2025");
    await expect(done).toContainText("30 (25)");

    // Consent to share.
    await page.getByRole("link", { name: "Record or withdraw consent" }).click();
    await settled(page);
    const consent = page.getByRole("form", { name: "Record a consent decision" });
    await consent.getByRole("button", { name: "Record decision" }).click();
    await expect(summary).toContainText("Select the person");
    await consent.getByLabel("Person").selectOption({ label: `Rae ${surname} (Victim)` });
    await consent.getByLabel("Shared for").selectOption({ label: "Hub multi-agency work" });
    await consent.getByLabel("Shared with").selectOption({ label: "Police" });
    await consent.getByLabel("Consent given").check();
    await fillDate(consent.getByRole("group", { name: "Date of the decision" }), isoDay(0));
    await consent.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText(`Consent given recorded for Rae ${surname}`)).toBeVisible();
    const decisions = page.getByRole("table", { name: "Consent decisions, per person, purpose and agency" });
    await expect(decisions.getByRole("row", { name: new RegExp(`Rae ${surname}`) })).toContainText("Yes");
    await expectAccessible(page, "consent");
    await screenshot(page, "consent");
    // Kept: after a reload the consent decision and the completed assessment are still there.
    await page.reload();
    await expect(decisions.getByRole("row", { name: new RegExp(`Rae ${surname}`) })).toContainText("Yes");
    await expect(decisions.getByRole("row", { name: new RegExp(`Rae ${surname}`) })).toContainText("Police");
    await page.goto(familyUrl);
    await page.reload();
    await expect(done).toContainText("30 (25)");
  });

  test("[HUB]: a hub case's plan, a weekly visit, a step-down plan, ending the case, and a follow-up recorded", async ({ page }) => {
    test.setTimeout(120_000);
    const hubwell = `Hubwell${uniq()} family`;
    await recordFamily(page, hubwell);
    await page.goto("/hub");
    await page.getByText("Open a hub case for a family").click();
    const open = page.getByRole("form", { name: "Open a hub case" });
    const value = await open.getByLabel("Family").locator("option", { hasText: hubwell }).first().getAttribute("value");
    await open.getByLabel("Family").selectOption(value!);
    await fillDate(open.getByRole("group", { name: "Start of the 16-week plan" }), isoDay(0));
    await open.getByRole("button", { name: "Open hub case" }).click();
    await expect(page.getByText("Hub case, family")).toBeVisible();
    await expect(page.getByTestId("plan-weeks").locator("li")).toHaveCount(16);

    // A visit: errors first, then saved and shown.
    const visit = page.getByRole("form", { name: "Record a visit" });
    await visit.getByRole("button", { name: "Save visit" }).click();
    await expect(visit.locator(".govuk-error-summary")).toContainText("Select how the visit took place");
    await visit.getByLabel("Home visit").check();
    await visit.getByLabel("Notes (optional)").fill("Met both parents; school attendance improving");
    await visit.getByRole("button", { name: "Save visit" }).click();
    await expect(page.getByText("Visit recorded")).toBeVisible();
    await expect(page.getByRole("table", { name: /Visits \(1\)/ })).toContainText("Home visit");
    await expect(page.getByTestId("plan-weeks").locator("li").first()).toContainText("1 visit");

    // A step-down plan.
    const step = page.getByRole("form", { name: "Record a step-down plan" });
    await step.getByLabel("Steps down to").selectOption("Early Help");
    await fillDate(step.getByRole("group", { name: "Date agreed" }), isoDay(0));
    await step.getByRole("button", { name: "Save step-down plan" }).click();
    await expect(page.getByText("Step-down plan to Early Help recorded")).toBeVisible();
    await expect(page.getByRole("table", { name: "Step-down plans" })).toContainText("Early Help");
    await expectAccessible(page, "hub case with visit and step-down");
    await screenshot(page, "hub-visit-step-down");

    // End the case, then plan the follow-ups: monthly for six months.
    const end = page.getByRole("form", { name: "End the hub case" });
    await end.getByLabel("Stepped down").check();
    await fillDate(end.getByRole("group", { name: "Date the case ended" }), isoDay(0));
    await end.getByRole("button", { name: "End the case" }).click();
    await expect(page.getByText("Hub case ended")).toBeVisible();
    const caseUrl = page.url();
    await page.getByRole("button", { name: "Plan follow-ups (monthly for six months)" }).click();
    await expect(page.getByText(/^6 monthly follow-ups planned from/)).toBeVisible();

    // The first one is due in a month: record it from the follow-ups list.
    await page.goto("/follow-ups");
    await settled(page);
    await page.getByLabel("Due within").selectOption("60");
    const due = page.getByRole("table", { name: "Follow-ups due" });
    await expect(due.getByRole("row", { name: new RegExp(hubwell) })).toHaveCount(1);
    await expectAccessible(page, "follow-ups");
    await screenshot(page, "follow-ups");
    await page.getByText(new RegExp(`Record the follow-up due .* for the ${hubwell}`)).click();
    const record = page.getByRole("form", { name: new RegExp(`Record the follow-up due .* for the ${hubwell}`) });
    await record.getByRole("button", { name: "Record follow-up" }).click();
    await expect(record.locator(".govuk-error-summary")).toContainText("Say what happened");
    await expect(record.locator(".govuk-error-summary")).toContainText("Enter the date of the follow-up");
    await record.getByLabel("Outcome").fill("Contacted: doing well");
    await fillDate(record.getByRole("group", { name: "Date of the follow-up" }), isoDay(0));
    await record.getByRole("button", { name: "Record follow-up" }).click();
    await expect(page.getByText(`Follow-up contact for the ${hubwell} recorded`)).toBeVisible();
    await expect(due.getByRole("row", { name: new RegExp(hubwell) })).toHaveCount(0);
    // Kept: after a reload the recorded follow-up is no longer due; the case keeps its visit, step-down and ending.
    await page.reload();
    await page.getByLabel("Due within").selectOption("60");
    await expect(page.getByRole("table", { name: "Follow-ups due" }).getByRole("row", { name: new RegExp(hubwell) })).toHaveCount(0);
    await page.goto(caseUrl);
    await page.reload();
    await expect(page.getByRole("table", { name: /Visits \(1\)/ })).toContainText("Home visit");
    await expect(page.getByRole("table", { name: "Step-down plans" })).toContainText("Early Help");
  });
});

test.describe("domestic-abuse worker", () => {
  test.use({ storageState: authFile("dv_worker") });

  test("[REGISTER]: at tablet width (768 px) the register fits without sideways scrolling, one session at a time", async ({ page }) => {
    // A group of its own, started 12 weeks ago (all 10 sessions past), with two people referred.
    const manager = await apiAs("manager");
    const group = await makeGroup(manager, { stem: "E2E tablet register", track: "perpetrators", startDate: isoDay(-84), slot: "day" });
    for (const stem of ["Tabley", "Slateford"]) {
      const f = await makeFamily(manager, stem);
      const p = await makePerson(manager, f.id, { first: "Tom", last: stem, role: "perpetrator" });
      await enrol(manager, group.id, p.id, "perpetrators");
    }
    await manager.dispose();
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto("/groups");
    await page.getByRole("link", { name: group.name }).click();
    const register = page.getByTestId("register");
    await expect(register).toBeVisible();
    await page.getByRole("navigation", { name: "Choose a session" }).getByRole("button", { name: /^Session 10\b/ }).click();
    await expect(register.locator("caption")).toContainText("Session 10");
    const fits = await page.evaluate(() => {
      const doc = document.documentElement;
      const box = document.querySelector('[data-testid="register-scroll"]') as HTMLElement;
      return { page: doc.scrollWidth <= doc.clientWidth, register: box.scrollWidth <= box.clientWidth, widths: [doc.scrollWidth, doc.clientWidth, box.scrollWidth, box.clientWidth] };
    });
    expect(fits, `no sideways scroll at 768 px: ${JSON.stringify(fits.widths)}`).toMatchObject({ page: true, register: true });
    // One person absent, saved; then everyone marked attended in one click, saved.
    const first = register.locator("tbody tr").first().locator("select");
    await first.selectOption("absent");
    await page.getByRole("button", { name: /Save register/ }).click();
    await expect(page.getByText("Register saved")).toBeVisible();
    await expect(first).toHaveValue("absent");
    await page.getByRole("button", { name: "Mark everyone attended at session 10" }).click();
    await expect(first).toHaveValue("attended");
    await page.getByRole("button", { name: /Save register \(1 session changed\)/ }).click();
    await expect(page.getByText("Register saved")).toBeVisible();
    await page.reload();
    await page.getByRole("navigation", { name: "Choose a session" }).getByRole("button", { name: /^Session 10\b/ }).click();
    await expect(register.locator("tbody tr")).toHaveCount(2);
    for (const select of await register.locator("tbody tr select").all()) await expect(select).toHaveValue("attended");
    await expectAccessible(page, "register at 768 px");
    await screenshot(page, "register-768");
  });

  test("[ONE-TO-ONE]: the one-to-one work page lists the work and refuses a referral without a person", async ({ page }) => {
    await page.goto("/one-to-one");
    await settled(page);
    await expect(page.getByRole("heading", { level: 2, name: "Completed or withdrawn" })).toBeVisible();
    const form = page.getByRole("form", { name: "Refer for one-to-one work" });
    await form.getByRole("button", { name: "Refer for one-to-one work" }).click();
    await expect(form.locator(".govuk-error-summary")).toContainText("Select the person to refer");
    await expectAccessible(page, "one-to-one");
    await screenshot(page, "one-to-one");
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("[OVERRIDE]: a manager records a time-limited safeguarding override with a reason, then revokes it", async ({ page }) => {
    const api = await apiAs("manager");
    const family = await makeFamily(api, "Overbury");
    const her = await makePerson(api, family.id, { first: "Olive", last: "Overbury", role: "victim" });
    await api.dispose();
    await page.goto(`/families/${family.id}/overrides`);
    await settled(page);
    const form = page.getByRole("form", { name: `Record a safeguarding override for ${her.full}` });
    await form.getByRole("button", { name: "Record override" }).click();
    await expect(form.locator(".govuk-error-summary")).toContainText("Select the member of staff to let through");
    await expect(form.locator(".govuk-error-summary")).toContainText("Give the safeguarding reason");
    await expectAccessible(page, "overrides with errors");
    await form.getByLabel("Member of staff to let through").selectOption({ index: 1 });
    const who = (await form.getByLabel("Member of staff to let through").locator("option:checked").textContent())!.split(" – ")[0]!;
    await form.getByLabel("Safeguarding reason").fill("Child at risk of significant harm: the worker must arrange a safe visit today");
    await form.getByLabel("Lasts for").selectOption("15");
    await form.getByRole("button", { name: "Record override" }).click();
    await expect(page.getByText(`Override recorded: ${who} can see`)).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(`${who}.*Child at risk of significant harm`) }).first();
    await expect(row).toContainText("Active until");
    await screenshot(page, "override-active");
    await page.reload();
    await expect(row).toContainText("Active until");
    await row.getByRole("button", { name: /Revoke/ }).click();
    await expect(page.getByText(`Override for ${who} revoked`)).toBeVisible();
    await expect(row).toContainText("Revoked");
    await page.reload();
    await expect(row).toContainText("Revoked");
  });

  test("[PROGRAMMES]: the safety checks recorded at referral are shown on the enrolment", async ({ page }) => {
    const api = await apiAs("manager");
    const group = await makeGroup(api, { stem: "E2E victims checks", track: "victims", startDate: isoDay(21), slot: "day" });
    const her = await makePerson(api, (await makeFamily(api, "Checkley")).id, { first: "Cara", last: "Checkley", role: "victim" });
    await enrol(api, group.id, her.id, "victims");
    await api.dispose();
    await page.goto("/groups");
    await page.getByRole("link", { name: group.name }).click();
    const completion = page.getByRole("table", { name: "Referral, start and completion" });
    await expect(completion).toBeVisible();
    await expect(completion.getByRole("columnheader", { name: "Safety checks at referral" })).toBeVisible();
    const checks = completion.getByRole("row", { name: new RegExp(her.full) }).getByTestId("safety-checks");
    await expect(checks).toContainText("Perpetrator absent: yes");
    await expect(checks).toContainText("Travel: Bus, with a travel pass");
  });
});
