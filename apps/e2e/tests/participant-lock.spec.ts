import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, PASSWORD, signInWithForm } from "./fixtures.js";

/**
 * Issue #17 finding 7: handing the tablet to a participant locks the worker's session on the server. The
 * participant cannot get back to the worker's view or open any other portal page (or call the API) without the
 * worker's password; the answers are saved before the lock is lifted. Its own signed-in session (not the
 * shared one of the other specs), since it locks that session.
 */

async function trpc(page: Page, path: string, input: unknown, kind: "query" | "mutation" = "mutation") {
  const origin = new URL(page.url()).origin;
  const res =
    kind === "query"
      ? await page.request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { origin } })
      : await page.request.post(`/trpc/${path}`, { data: input, headers: { origin } });
  return { status: res.status(), body: (await res.json()) as { result?: { data: Record<string, unknown> }; error?: { message: string } } };
}

test("[HANDOVER]: a locked tablet shows only the participant's questionnaire until the worker's password is entered", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithForm(page, "dv_worker");
  // A victim recorded by the worker herself, through the API.
  const uniq = Date.now().toString(36).toUpperCase().slice(-6);
  const family = await trpc(page, "families.create", { reference: `HL-${uniq}`, name: `Handwell ${uniq}` });
  expect(family.status, JSON.stringify(family.body)).toBe(200);
  const person = await trpc(page, "people.create", { familyId: family.body.result!.data.id, reference: `HP-${uniq}`, kind: "adult", familyRole: "victim", firstName: "Lina", lastName: `Handwell${uniq}` });
  expect(person.status, JSON.stringify(person.body)).toBe(200);
  const personId = person.body.result!.data.id as string;

  await page.goto(`/people/${personId}/questionnaires`);
  await page.getByLabel("Questionnaire", { exact: true }).selectOption({ label: "Safety and Confidence Scale (demo, 5 items)" });
  await page.getByRole("button", { name: "Hand over for entry" }).click();
  const view = page.getByTestId("participant-view");
  await expect(view.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Families", exact: true })).toBeHidden();

  // Any other page is the lock screen; the API refuses everything else, in plain words.
  for (const url of ["/families", `/people/${personId}/questionnaires`, "/"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: "This device is locked" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Families", exact: true })).toHaveCount(0);
  }
  await expectAccessible(page, "the lock screen");
  const refused = await trpc(page, "families.list", {}, "query");
  expect(refused.status).toBe(403);
  expect(refused.body.error?.message).toMatch(/handed to a participant/);
  const responses = await trpc(page, "questionnaires.responses.list", { personId }, "query");
  expect(responses.status).toBe(403);

  // The participant goes back to the questionnaire and answers it: saved while still locked.
  await page.getByRole("link", { name: "Go back to the questionnaire" }).click();
  const fieldsets = view.locator("fieldset");
  await expect(fieldsets).toHaveCount(5);
  for (let i = 0; i < 5; i++) await fieldsets.nth(i).locator("input[type=radio]").nth(2).check();
  await view.getByRole("button").last().click();
  await expect(page.getByTestId("participant-thanks")).toBeVisible();

  // "Back to the worker view" asks for the worker's password; a wrong one is refused and the device stays locked.
  await page.getByRole("link", { name: "Back to the worker view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "This device is locked" })).toBeVisible();
  await page.getByLabel("Your password").fill("not-the-password");
  await page.getByRole("button", { name: "Unlock and go back to my work" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The password is not correct");
  await page.goto("/families");
  await expect(page.getByRole("heading", { level: 1, name: "This device is locked" })).toBeVisible();
  expect((await trpc(page, "families.list", {}, "query")).status).toBe(403);

  // The right password: back to the worker's page, told the answers were saved, and they are there.
  await page.goto(`/people/${personId}/questionnaires`);
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Unlock and go back to my work" }).click();
  await expect(page.getByText("Unlocked. The participant's answers were saved (1 questionnaire).")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `Questionnaires: Lina Handwell${uniq}` })).toBeVisible();
  const saved = await trpc(page, "questionnaires.responses.list", { personId }, "query");
  expect(saved.status).toBe(200);
  expect((saved.body.result!.data.items as unknown[]).length).toBe(1);
  expect((await trpc(page, "families.list", {}, "query")).status).toBe(200);
  await context.close();
});
