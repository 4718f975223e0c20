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
    expect(bodies.length, "API responses collected on the family's page").toBeGreaterThan(0);
    // The group she runs for the canary's partner (by its id) and its register show names only.
    const before = bodies.length;
    await page.goto(`/groups/${CANARY.perpetratorsGroupId}`);
    await expect(page.getByTestId("register")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
    expect(bodies.length - before, "API responses collected on the group's page").toBeGreaterThan(0);
    const groupHtml = await page.content();
    for (const secret of [CANARY.victimPhone, CANARY.victimPostcode, CANARY.victimEmail]) {
      expect(groupHtml).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
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
        const bodies: string[] = [];
        page.on("response", async (res) => {
          if (/\/trpc\//.test(res.url())) bodies.push(await res.text().catch(() => ""));
        });
        await page.goto(`/families/${CANARY.familyId}`);
        await expect(page.getByText(/You do not have permission|not found/i).first()).toBeVisible();
        expect(await page.content()).not.toContain(CANARY.victimPhone);
        expect(bodies.length, "API responses collected").toBeGreaterThan(0);
        for (const body of bodies) for (const secret of [CANARY.victimPhone, CANARY.victimPostcode, CANARY.victimEmail]) expect(body).not.toContain(secret);
      });
    });
  }
});
