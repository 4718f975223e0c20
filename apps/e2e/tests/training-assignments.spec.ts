/**
 * Training assigned by hand and a certificate from an outside provider: a
 * trainer adds a uniquely named refresher course and assigns it to a whole
 * team with a due date; a member of that team (Pat Practitioner, Child
 * Protection Hub 1) sees it in "My training", marked as assigned by hand; the
 * due view narrowed to hand assignments lists it; the trainer records an
 * external certificate for Pat, whose record turns valid and whose assignment
 * is done. Saved state is checked after reloading.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.use({ storageState: authFile("trainer") });

const TEAM = "Domestic Abuse (DAARR)";
const MEMBER = "Pat Practitioner";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()), words: `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}` };
};

async function fillDate(group: Locator, d: ReturnType<typeof day>) {
  await group.getByLabel("Day").fill(d.day);
  await group.getByLabel("Month").fill(d.month);
  await group.getByLabel("Year").fill(d.year);
}

/** Adds an e-learning course valid for 12 months through the catalogue's form. */
async function addCourse(page: Page, code: string, title: string) {
  await page.goto("/training/courses");
  await page.getByText("Add a course").click();
  await page.getByLabel("Code").fill(code.toUpperCase());
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("E-learning").check();
  await page.getByLabel("Duration in hours").fill("2");
  await page.getByLabel("Valid for (months)").fill("12");
  await page.getByRole("button", { name: "Add course" }).click();
  await expect(page.getByText(`${title} added to the catalogue`)).toBeVisible();
}

/** The row of a table (by caption) whose cells mention `text`. */
const rowOf = (page: Page, caption: string | RegExp, text: string) => page.getByRole("table", { name: caption }).getByRole("row").filter({ hasText: text });

test("[TRAINING]: a trainer assigns a refresher to a team, a member sees it in My training, an external certificate makes their record valid", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36);
  const title = `Safe sleep refresher ${tag}`;
  const due = day(14);
  const done = day(-3);
  const certificate = `LSP-${tag}`;

  // 1. A new course of our own (e-learning, valid 12 months).
  await addCourse(page, `SSR-${tag}`, title);

  // 2. Assign it to the whole team from the course's page, with a due date and a reason.
  await page.reload();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByLabel("Who to assign it to").selectOption({ label: `Team: ${TEAM}` });
  const inPost = page.getByRole("status").filter({ hasText: /in post/ });
  await expect(inPost).toContainText(TEAM);
  const people = Number(/(\d+) (?:person|people) in post/.exec((await inPost.textContent()) ?? "")?.[1]);
  expect(people).toBeGreaterThan(1);
  // The form says what is missing first.
  await page.getByRole("button", { name: `Assign to ${people} people` }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the due date");
  await fillDate(page.getByRole("group", { name: "Due date" }), due);
  await page.getByLabel("Reason (optional)").fill("Refresher after an incident");
  await expectAccessible(page, "assign a course to a team");
  await page.getByRole("button", { name: `Assign to ${people} people` }).click();
  await expect(page.getByText(`"${title}" assigned to ${people} people, due ${due.words}`)).toBeVisible();
  await screenshot(page, "training-assign-team");

  // 3. The due view, narrowed to hand assignments, lists the team's new assignments (due within 30 days).
  await page.goto("/training/dashboard");
  await page.getByLabel("How it was assigned").selectOption({ label: "Assigned by hand" });
  const teamDetails = page.locator("details").filter({ hasText: `${TEAM}:` });
  await expect(teamDetails).toContainText(`${people} due soon`);
  await teamDetails.locator("summary").click();
  await expect(teamDetails.getByRole("row").filter({ hasText: MEMBER }).filter({ hasText: title })).toContainText("Assigned by hand");

  // 4. A member of the team sees it in My training, marked as assigned by hand and by whom (after a reload).
  const member = await browser.newContext({ storageState: authFile("practitioner") });
  const memberPage = await member.newPage();
  await memberPage.goto("/training/my");
  await memberPage.reload();
  const mine = memberPage.getByRole("row").filter({ hasText: title });
  await expect(mine).toContainText(due.words);
  await expect(mine).toContainText("By hand: Terry Trainer (Refresher after an incident)");
  await expect(mine).toContainText("Due soon");
  await screenshot(memberPage, "training-my-assigned-by-hand");

  // 5. The trainer records the member's certificate from an outside provider on their record.
  await page.goto("/training/staff");
  await page.getByLabel("Search by name").fill(MEMBER);
  await page.getByRole("link", { name: MEMBER }).click();
  await expect(page.getByRole("heading", { level: 1, name: MEMBER })).toBeVisible();
  await expect(rowOf(page, "Onboarding and assigned training", title)).toContainText("Due soon");
  await page.locator("#ext-courseId").selectOption({ label: title });
  await fillDate(page.getByRole("group", { name: "Date completed" }), done);
  await page.getByLabel("Training provider").fill("Local Safeguarding Partnership");
  await page.getByLabel("Evidence (optional)").fill(`Certificate ${certificate}`);
  await page.getByRole("button", { name: "Record completion" }).click();
  await expect(page.getByText(new RegExp(`${title} recorded for ${MEMBER}: valid until .*Their open assignment of it is now done`))).toBeVisible();

  // 6. After a reload: the course is valid for 12 months from the certificate, the assignment is done, the evidence is kept.
  await page.reload();
  await expect(rowOf(page, "Courses", title)).toContainText("Valid");
  await expect(rowOf(page, "Courses", title)).toContainText(done.words);
  await expect(rowOf(page, "Onboarding and assigned training", title)).toContainText("Done");
  await expect(rowOf(page, "Completions from outside providers", title)).toContainText(`Certificate ${certificate}`);
  await expectAccessible(page, "a person's record with an external completion");
  await screenshot(page, "training-external-completion");

  // 7. The member's own view agrees.
  await memberPage.reload();
  await expect(memberPage.getByRole("row").filter({ hasText: title }).first()).toContainText("Done");
  await member.close();
});

test("[TRAINING]: a trainer chooses several people on the staff list and assigns them a course", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const title = `Information sharing update ${tag}`;
  const due = day(40);
  await addCourse(page, `ISU-${tag}`, title);

  await page.goto("/training/staff");
  await page.getByLabel("Team").selectOption({ label: TEAM });
  const table = page.getByRole("table", { name: "Staff in post" });
  await expect(table.getByRole("row").filter({ hasText: MEMBER })).toBeVisible();
  const names = (await table.getByRole("rowheader").allTextContents()).filter((n) => n !== MEMBER).slice(0, 2);
  expect(names).toHaveLength(2);
  for (const name of names) await page.getByLabel(`Choose ${name}`).check();
  await expect(page.getByText("2 people chosen.")).toBeVisible();
  await expectAccessible(page, "staff list with people chosen");
  await page.locator("#assign-chosen-courseId").selectOption({ label: title });
  await fillDate(page.getByRole("group", { name: "Due date" }), due);
  await page.getByRole("button", { name: "Assign training to 2 people" }).click();
  await expect(page.getByText(`"${title}" assigned to 2 people, due ${due.words}`)).toBeVisible();

  // Saved: each person's record lists it after a reload, assigned by hand, to do (due in 40 days).
  for (const name of names) {
    await page.goto("/training/staff");
    await page.getByLabel("Search by name").fill(name);
    await page.getByRole("link", { name, exact: true }).click();
    await page.reload();
    const row = rowOf(page, "Onboarding and assigned training", title);
    await expect(row).toContainText("By hand: Terry Trainer");
    await expect(row).toContainText(due.words);
    await expect(row).toContainText("To do");
  }
});
