/**
 * Groups: the register and a referral into a victims' group. Each test sets up its own group
 * (sessions scheduled, in the past) and its own family through the API; what the test is about —
 * the register, the referral's safety checks — is done through the screens and checked after a reload.
 */
import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, enrol, isoDay, makeFamily, makeGroup, makePerson } from "./records.js";

test.describe("dv_worker", () => {
  test.use({ storageState: authFile("dv_worker") });
  test("[PROGRAMMES]: a facilitator takes the register for a session in a few clicks", async ({ page }) => {
    const manager = await apiAs("manager");
    const family = await makeFamily(manager, "Registerly");
    const him = await makePerson(manager, family.id, { first: "Reg", last: "Registerly", role: "perpetrator" });
    const other = await makePerson(manager, (await makeFamily(manager, "Attendwell")).id, { first: "Art", last: "Attendwell", role: "perpetrator" });
    // Started 12 weeks ago: all 10 weekly sessions are in the past.
    const group = await makeGroup(manager, { stem: "E2E register group", track: "perpetrators", startDate: isoDay(-84) });
    for (const p of [him, other]) await enrol(manager, group.id, p.id, "perpetrators");
    await manager.dispose();

    await page.goto("/groups");
    await page.getByRole("link", { name: group.name }).click();
    const register = page.getByTestId("register");
    await expect(register).toBeVisible();
    const hisCell = page.getByLabel(`${him.full}, session 10`);
    const otherCell = page.getByLabel(`${other.full}, session 10`);
    // One person absent with apologies at session 10, saved…
    await hisCell.selectOption("absent_notified");
    await page.getByRole("button", { name: /Save register/ }).click();
    await expect(page.getByText("Register saved")).toBeVisible();
    await page.reload();
    await expect(hisCell).toHaveValue("absent_notified");
    await expect(otherCell).toHaveValue("");
    // …then the whole session marked attended in one click and saved.
    await page.getByRole("button", { name: "Mark everyone attended at session 10" }).click();
    await page.getByRole("button", { name: /Save register \(1 session changed\)/ }).click();
    await expect(page.getByText("Register saved")).toBeVisible();
    await page.reload();
    await expect(hisCell).toHaveValue("attended");
    await expect(otherCell).toHaveValue("attended");
    await expect(page.getByLabel(`${him.full}, session 9`)).toHaveValue("");
    await screenshot(page, "register-saved");
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });
  test("[PROGRAMMES]: a victim is referred into a victims' group only after the safety checks", async ({ page }) => {
    const manager = await apiAs("manager");
    const family = await makeFamily(manager, "Safeway");
    const her = await makePerson(manager, family.id, { first: "Vera", last: "Safeway", role: "victim" });
    const group = await makeGroup(manager, { stem: "E2E victims group", track: "victims", startDate: isoDay(14), slot: "day" });
    await manager.dispose();

    await page.goto("/groups");
    await expect(page.getByRole("heading", { name: "Victims' track" })).toBeVisible();
    await page.getByRole("link", { name: group.name }).click();
    await page.getByText("Refer someone into this group").click();
    const form = page.getByRole("form", { name: "Refer into this group" });
    await form.getByLabel("Search families (optional)").fill(family.reference);
    await form.getByLabel("Family", { exact: true }).selectOption({ label: `${family.name} (${family.reference})` });
    await expect(form.getByLabel("Person to refer")).toBeEnabled();
    await form.getByLabel("Person to refer").selectOption({ label: `${her.full} – Victim` });
    await form.getByRole("group", { name: "Was the perpetrator absent when the referral was discussed?" }).getByLabel("No").check();
    await form.getByRole("button", { name: "Refer into group" }).click();
    await expect(form.locator(".govuk-error-summary")).toContainText("You can only refer a victim when the perpetrator was not present");
    await expect(form.locator(".govuk-error-summary")).toContainText("Say how they will get to the group");
    await expectAccessible(page, "referral with errors");
    await screenshot(page, "referral-safety-checks");
    await form.getByRole("group", { name: "Was the perpetrator absent when the referral was discussed?" }).getByLabel("Yes").check();
    await form.getByLabel("How will they travel to the group without relying on their partner?").fill("Bus, with a travel pass from the service");
    await form.getByRole("group", { name: "Is it safe to contact them about the group?" }).getByLabel("Yes").check();
    await form.getByRole("button", { name: "Refer into group" }).click();
    await expect(form.getByText(`${her.full} has been referred into ${group.name}`)).toBeVisible();
    // Kept: after a reload the enrolment shows the safety checks stored with the referral.
    await page.reload();
    const row = page.getByRole("table", { name: "Referral, start and completion" }).getByRole("row", { name: new RegExp(her.full) });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("safety-checks")).toContainText("Perpetrator absent: yes");
    await expect(row.getByTestId("safety-checks")).toContainText("Travel: Bus, with a travel pass from the service");
  });
});
