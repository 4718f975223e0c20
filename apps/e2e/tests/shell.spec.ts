/**
 * The app shell shared by the portal and the training app (@evident/ui's
 * createAppShell): the same header, navigation and signed-in user in both,
 * and Sign out in the training app goes through the session's auth.signOut().
 */
import { expect, test } from "@playwright/test";
import { signInWithForm } from "./fixtures.js";

test("[SHELL]: the training app shows the shared shell and signs out through the session", async ({ page }) => {
  await signInWithForm(page, "trainer");
  await page.goto("/training/my");
  await expect(page.getByTestId("signed-in-as")).toContainText("Trainer");
  const menu = page.getByRole("navigation", { name: "Menu" });
  await expect(menu.getByRole("link", { name: "Back to the portal" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "My training", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "Sign out" }).click();
  // auth.signOut() marks the sign-out in the session state: no ?signedOut=1 in the address.
  await expect(page).toHaveURL(/\/training\/sign-in$/);
  await expect(page.getByText("You have signed out")).toBeVisible();
  await page.goto("/training/staff");
  await expect(page).toHaveURL(/\/training\/sign-in\?next=%2Fstaff$/);
});

test("[SHELL]: the browser's own request for /favicon.ico is answered with the icon", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/x-icon");
  expect((await res.body()).length).toBeGreaterThan(100);
});
