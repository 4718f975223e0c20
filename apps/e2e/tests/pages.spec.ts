/** An accessibility check (axe, WCAG 2.2 AA) and a screenshot of every main page. */
import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, enrol, isoDay, makeFamily, makeGroup, makePerson } from "./records.js";

/** A family on the practitioner's caseload and a group the DA worker runs, made once for this file. */
const made = { familyId: "", groupName: "" };
test.beforeAll(async () => {
  const practitioner = await apiAs("practitioner");
  const family = await makeFamily(practitioner, "Pageant family");
  await makePerson(practitioner, family.id, { first: "Pia", last: "Pageant", role: "child", birthDate: "2018-02-03" });
  await practitioner.dispose();
  made.familyId = family.id;
  const manager = await apiAs("manager");
  const group = await makeGroup(manager, { stem: "E2E pages group", track: "perpetrators", startDate: isoDay(-21) });
  const him = await makePerson(manager, (await makeFamily(manager, "Paxton")).id, { first: "Pax", last: "Paxton", role: "perpetrator" });
  await enrol(manager, group.id, him.id, "perpetrators");
  await manager.dispose();
  made.groupName = group.name;
});

async function settle(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /Loading|Checking|Running/ })).toHaveCount(0, { timeout: 20_000 });
}

test.describe("practitioner pages", () => {
  test.use({ storageState: authFile("practitioner") });
  const pages: [string, string][] = [
    ["home", "/"],
    ["families", "/families"],
    ["family", "/families/:family"],
    ["family-new", "/families/new"],
    ["family-edit", "/families/:family/edit"],
    ["groups-practitioner", "/groups"],
    ["hub", "/hub"],
    ["not-found", "/no-such-page"],
  ];
  for (const [name, path] of pages) {
    test(`[A11Y]: ${name} page has no axe violations`, async ({ page }) => {
      await page.goto(path.replace(":family", made.familyId));
      await settle(page);
      await screenshot(page, `page-${name}`);
      await expectAccessible(page, name);
    });
  }
});

test.describe("domestic-abuse worker pages", () => {
  test.use({ storageState: authFile("dv_worker") });
  test("[A11Y]: groups and a group's register have no axe violations", async ({ page }) => {
    await page.goto("/groups");
    await settle(page);
    await screenshot(page, "page-groups");
    await expectAccessible(page, "groups");
    await page.getByRole("link", { name: made.groupName }).click();
    await settle(page);
    await expect(page.getByTestId("register")).toBeVisible();
    await screenshot(page, "page-group");
    await expectAccessible(page, "group");
  });
});

test.describe("analyst pages", () => {
  test.use({ storageState: authFile("analyst") });
  test("[A11Y]: evaluation page has no axe violations", async ({ page }) => {
    await page.goto("/evaluation");
    await settle(page);
    await screenshot(page, "page-evaluation");
    await expectAccessible(page, "evaluation");
  });
});
