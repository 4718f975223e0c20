import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, signInWithForm } from "./fixtures.js";

/**
 * Issue #17 finding 6, "work is lost": a record form keeps a draft on this device as it is typed, offers it
 * back after a reload (Restore / Discard), clears it on save; leaving a changed form asks first, in the app
 * and on a reload, and never after a save; signing out removes every draft.
 */

/** The drafts this browser holds (localStorage keys and values). */
const storedDrafts = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("evident:draft:")).map((k) => ({ key: k, value: localStorage.getItem(k)! })));

/** Every dialog the page shows is recorded and answered with `answer()`'s choice. */
function dialogs(page: Page) {
  const seen: { type: string; message: string }[] = [];
  let accept = true;
  page.on("dialog", (d) => {
    seen.push({ type: d.type(), message: d.message() });
    void (accept ? d.accept() : d.dismiss());
  });
  return { seen, answer: (yes: boolean) => (accept = yes) };
}

async function fillFamily(page: Page, uniq: string) {
  const reference = page.getByLabel("Case reference");
  if (await reference.count()) await reference.fill(`DR-${uniq}`);
  // Clicked first: a real gesture, without which Chromium never asks before unloading.
  await page.getByLabel("Family name").click();
  await page.getByLabel("Family name").fill(`Draftwell ${uniq}`);
}

test.describe("drafts and the leave warning", () => {
  test.use({ storageState: authFile("practitioner") });

  test("[DRAFTS]: typed, reloaded, offered and restored; saved; reloaded again with no draft", async ({ page }) => {
    const d = dialogs(page);
    const uniq = Date.now().toString(36).toUpperCase().slice(-6);
    await page.goto("/families/new");
    await expect(page.getByRole("heading", { level: 1, name: "Record a new family" })).toBeVisible();
    await fillFamily(page, uniq);
    // Kept as it is typed (after half a second of quiet), under the signed-in user's id.
    await expect.poll(async () => (await storedDrafts(page)).find((x) => x.key.endsWith(":family:new"))?.value ?? "").toContain(`Draftwell ${uniq}`);
    const [stored] = (await storedDrafts(page)).filter((x) => x.key.endsWith(":family:new"));
    expect(stored!.key).toMatch(/^evident:draft:[^:]+:family:new$/);

    // A reload asks first (the browser's own "leave site?" dialog), then the draft is offered, not forced in.
    await page.reload();
    expect(d.seen.map((x) => x.type)).toEqual(["beforeunload"]);
    const banner = page.getByRole("region", { name: "Important" });
    await expect(banner).toContainText(/You have an unsaved draft from \d\d:\d\d/);
    await expect(page.getByLabel("Family name")).toHaveValue("");
    await expectAccessible(page, "a draft offered back");
    await banner.getByRole("button", { name: "Restore draft" }).click();
    await expect(page.getByLabel("Family name")).toHaveValue(`Draftwell ${uniq}`);
    await expect(banner).toBeHidden();

    // Saved: no question on the way to the family's page, and the draft is gone.
    await page.getByRole("button", { name: "Record family" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Draftwell ${uniq}` })).toBeVisible();
    expect(d.seen).toHaveLength(1);
    expect((await storedDrafts(page)).filter((x) => x.key.endsWith(":family:new"))).toEqual([]);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: `Draftwell ${uniq}` })).toBeVisible();
    await page.goto("/families/new");
    await expect(page.getByRole("heading", { level: 1, name: "Record a new family" })).toBeVisible();
    await expect(page.getByText(/You have an unsaved draft/)).toBeHidden();
    await expect(page.getByLabel("Family name")).toHaveValue("");
    expect(d.seen).toHaveLength(1);
  });

  test("[DRAFTS]: Discard removes the draft", async ({ page }) => {
    dialogs(page);
    const uniq = Date.now().toString(36).toUpperCase().slice(-6);
    await page.goto("/families/new");
    await fillFamily(page, uniq);
    await expect.poll(async () => (await storedDrafts(page)).some((x) => x.value.includes(`Draftwell ${uniq}`))).toBe(true);
    await page.reload();
    await page.getByRole("button", { name: "Discard draft" }).click();
    await expect(page.getByText(/You have an unsaved draft/)).toBeHidden();
    expect((await storedDrafts(page)).some((x) => x.value.includes(`Draftwell ${uniq}`))).toBe(false);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Record a new family" })).toBeVisible();
    await expect(page.getByText(/You have an unsaved draft/)).toBeHidden();
  });

  test("[DRAFTS]: leaving a changed form by the app's own links asks first, in the page (no browser dialog); Stay keeps the typing", async ({ page }) => {
    const d = dialogs(page);
    const uniq = Date.now().toString(36).toUpperCase().slice(-6);
    const question = page.getByRole("alertdialog", { name: "You have unsaved changes" });
    await page.goto("/families/new");
    // An untouched form is left without a question.
    await page.getByRole("link", { name: "Families", exact: true }).click();
    await expect(page).toHaveURL(/\/families$/);
    await expect(question).toHaveCount(0);

    await page.goto("/families/new");
    await fillFamily(page, uniq);
    await page.getByRole("link", { name: "Families", exact: true }).click();
    await expect(question).toBeVisible();
    await expect(question).toBeFocused();
    await expect(question).toContainText("kept as a draft on this device");
    await expectAccessible(page, "the in-page leave question");
    await question.getByRole("button", { name: "Stay on this page" }).click();
    await expect(question).toHaveCount(0);
    await expect(page).toHaveURL(/\/families\/new$/);
    await expect(page.getByLabel("Family name")).toHaveValue(`Draftwell ${uniq}`);

    // Escape also stays.
    await page.getByRole("link", { name: "Families", exact: true }).click();
    await expect(question).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(question).toHaveCount(0);
    await expect(page).toHaveURL(/\/families\/new$/);

    await page.getByRole("link", { name: "Families", exact: true }).click();
    await question.getByRole("button", { name: "Leave this page" }).click();
    await expect(page).toHaveURL(/\/families$/);
    // No browser dialog was used for any of it.
    expect(d.seen).toEqual([]);
    // The draft is still kept: coming back offers it.
    await page.goto("/families/new");
    await expect(page.getByText(/You have an unsaved draft from/)).toBeVisible();
  });
});

test("[DRAFTS]: signing out removes every draft on the device", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  dialogs(page);
  await signInWithForm(page, "practitioner");
  const uniq = Date.now().toString(36).toUpperCase().slice(-6);
  await page.goto("/families/new");
  await fillFamily(page, uniq);
  await expect.poll(async () => (await storedDrafts(page)).length).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await storedDrafts(page)).toEqual([]);
  await context.close();
});
