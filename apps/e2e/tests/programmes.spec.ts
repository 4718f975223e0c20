import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

test.describe("dv_worker", () => {
  test.use({ storageState: authFile("dv_worker") });
  test("[PROGRAMMES]: a facilitator takes the register for a session in a few clicks", async ({ page }) => {
    await page.goto("/groups");
    await page.getByRole("link", { name: /IFP Perpetrators English day 2019-03/ }).click();
    const register = page.getByTestId("register");
    await expect(register).toBeVisible();
    const lastCell = register.locator("tbody tr").last().locator("select").last();
    // One person absent with apologies at session 10, saved…
    await lastCell.selectOption("absent_notified");
    await page.getByRole("button", { name: /Save register/ }).click();
    await expect(page.getByText("Register saved")).toBeVisible();
    await page.reload();
    await expect(lastCell).toHaveValue("absent_notified");
    // …then the whole session marked attended in one click and saved.
    await page.getByRole("button", { name: "Mark everyone attended at session 10" }).click();
    await page.getByRole("button", { name: /Save register \(1 session changed\)/ }).click();
    await expect(page.getByText("Register saved")).toBeVisible();
    await page.reload();
    await expect(lastCell).toHaveValue("attended");
    await screenshot(page, "register-saved");
  });
});

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });
  test("[PROGRAMMES]: a victim is referred into a victims' group only after the safety checks", async ({ page }) => {
    await page.goto("/groups");
    await expect(page.getByRole("heading", { name: "Victims' track" })).toBeVisible();
    await page.getByRole("link", { name: "IFP Victims English day 2019-09" }).click();
    await page.getByText("Refer someone into this group").click();
    const form = page.getByRole("form", { name: "Refer into this group" });
    // The first family in the manager's caseload with someone who can join the victims' track.
    await expect(form.getByLabel("Family").locator("option").first()).toHaveText("Select a family");
    const families = await form.getByLabel("Family").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    let person = "";
    for (const id of families) {
      await form.getByLabel("Family").selectOption(id);
      await expect(form.getByLabel("Person to refer")).toBeEnabled();
      await expect(form.getByLabel("Person to refer").locator("option").first()).not.toHaveText("Loading…");
      const options = await form.getByLabel("Person to refer").locator("option").allTextContents();
      if (options.length > 1) {
        person = options[1]!.split(" – ")[0]!;
        await form.getByLabel("Person to refer").selectOption({ index: 1 });
        break;
      }
    }
    expect(person, "a family with a victim or parent in the manager's caseload").not.toBe("");
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
    await expect(form.getByText(/has been referred into IFP Victims English day 2019-09/)).toBeVisible();
    await expect(page.getByRole("table", { name: "Referral, start and completion" }).getByText(person).first()).toBeVisible();
    // The safety checks are stored with the referral and shown on the enrolment.
    const row = page.getByRole("table", { name: "Referral, start and completion" }).getByRole("row", { name: new RegExp(person) }).last();
    await expect(row.getByTestId("safety-checks")).toContainText("Perpetrator absent: yes");
    await expect(row.getByTestId("safety-checks")).toContainText("Travel: Bus, with a travel pass from the service");
  });
});
