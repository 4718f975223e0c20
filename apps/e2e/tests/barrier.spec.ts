/** DA-1: a victim's contact details never reach staff working with the perpetrator. */
import { expect, test } from "@playwright/test";
import { authFile, CANARY, screenshot } from "./fixtures.js";

test.describe("domestic-abuse worker running the perpetrators' group", () => {
  test.use({ storageState: authFile("dv_worker") });
  test("[BARRIER]: the canary victim's phone, address and email are withheld from the dv_worker", async ({ page }) => {
    const bodies: string[] = [];
    page.on("response", async (res) => {
      if (/\/trpc\//.test(res.url())) bodies.push(await res.text().catch(() => ""));
    });
    await page.goto(`/families/${CANARY.familyId}`);
    await expect(page.getByRole("heading", { level: 1, name: CANARY.familyName })).toBeVisible();
    await expect(page.getByTestId("contact-withheld")).toBeVisible();
    await expect(page.getByTestId("contact-withheld")).toContainText("not available to you");
    await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
    await screenshot(page, "barrier-dv-worker");
    const html = await page.content();
    for (const secret of [CANARY.victimPhone, CANARY.victimPostcode, CANARY.victimEmail]) {
      expect(html).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
    // The group pages and the register show names only.
    await page.goto("/groups");
    await page.getByRole("link", { name: /IFP Perpetrators English evening 2019-09/ }).click();
    await expect(page.getByTestId("register")).toBeVisible();
    expect(await page.content()).not.toContain(CANARY.victimPhone);
  });
});

test.describe("social worker for the family", () => {
  test.use({ storageState: authFile("practitioner") });
  test("[BARRIER]: the practitioner allocated to the family sees the victim's safe-contact details", async ({ page }) => {
    await page.goto(`/families/${CANARY.familyId}`);
    await expect(page.getByText(CANARY.victimPhone)).toBeVisible();
    await expect(page.getByTestId("contact-withheld")).toHaveCount(0);
  });
});

test.describe("roles without case access", () => {
  for (const role of ["analyst", "admin", "trainer"] as const) {
    test.describe(role, () => {
      test.use({ storageState: authFile(role) });
      test(`[BARRIER]: ${role} cannot open a family record`, async ({ page }) => {
        await page.goto(`/families/${CANARY.familyId}`);
        await expect(page.getByText(/You do not have permission|not found/i).first()).toBeVisible();
        expect(await page.content()).not.toContain(CANARY.victimPhone);
      });
    });
  }
});
