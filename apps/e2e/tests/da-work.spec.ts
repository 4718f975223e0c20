/**
 * Domestic abuse work (issue 6): MARAC referrals behind the information
 * barrier, consultations with the DA coordinator, and the visual diff between
 * two versions of a logic model.
 */
import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { apiAs, enrol, fillDate, isoDay, makeFamily, makeGroup, makePerson } from "./records.js";

test.describe("manager", () => {
  test.use({ storageState: authFile("manager") });

  test("[DA WORK]: record a MARAC referral for a family: the threshold rule names the DASH score, then it is listed", async ({ page }) => {
    test.setTimeout(120_000);
    // A family of the manager's own with a victim, made for this test.
    const api = await apiAs("manager");
    const family = await makeFamily(api, "Maracombe");
    const victim = (await makePerson(api, family.id, { first: "Mara", last: "Maracombe", role: "victim" })).full;
    await api.dispose();
    await page.goto(`/da/marac?family=${family.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "MARAC referrals" })).toBeVisible();
    const table = page.getByRole("table", { name: /referrals you can see/ });
    await expect(page.getByRole("status").filter({ hasText: /Loading/ })).toHaveCount(0, { timeout: 20_000 });
    await expect(table.getByText(victim)).toHaveCount(0);
    await expectAccessible(page, "marac");

    const form = page.getByRole("form", { name: "Record a MARAC referral" });
    await form.getByLabel("Victim referred").selectOption({ label: victim });
    await form.getByLabel("Referring agency").selectOption({ label: "Police" });
    await fillDate(form.getByRole("group", { name: "Date of the referral" }), isoDay(0));
    await form.getByLabel("DASH score (optional)").fill("12");
    await form.getByLabel("Visible high risk (DASH 14 or more)").check();
    await form.getByRole("button", { name: "Record referral" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: /DASH score of 14 or more/ })).toBeVisible();
    await form.getByLabel("DASH score (optional)").fill("18");
    await form.getByRole("button", { name: "Record referral" }).click();
    await expect(page.getByRole("alert", { name: "Success" })).toContainText("MARAC referral recorded");
    // Today's referral of the victim, referred by the police, awaiting its conference; kept after a reload.
    await screenshot(page, "da-marac");
    await page.reload();
    const row = table.getByRole("row").filter({ hasText: victim });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Police");
    await expect(row).toContainText("18");
    await expect(row).toContainText("Awaiting conference");
  });

  test("[DA WORK]: the logic model page shows what changed between two versions", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/logic-models");
    await page.getByRole("link", { name: "DAARR workstream logic model (Figure 7)" }).click();
    await page.getByRole("table", { name: /^Outputs/ }).getByRole("button", { name: "Total number of referrals to MARAC" }).click();
    const detail = page.getByTestId("node-detail");
    const wording = `Total number of referrals to MARAC (victims at high risk, ${Date.now()})`;
    await detail.getByLabel("Wording").fill(wording);
    await detail.getByRole("form", { name: /Change this output/ }).getByLabel("Reason for the change").fill("E2E: say who is referred");
    await detail.getByRole("button", { name: "Save the change" }).click();
    await expect(page.getByTestId("model-version")).toContainText("E2E: say who is referred");
    // Kept: after a reload the new version and its wording are there.
    await page.reload();
    await expect(page.getByTestId("model-version")).toContainText("E2E: say who is referred");

    const diff = page.getByTestId("version-diff");
    await expect(diff.getByTestId("diff-summary")).toContainText("0 nodes added, 0 removed, 1 changed; 0 links added, 0 removed");
    const row = diff.getByRole("table", { name: /^Changes from version/ }).getByRole("row").nth(1);
    await expect(row).toContainText("Changed");
    await expect(row).toContainText("Node (text)");
    await expect(row).toContainText("Total number of referrals to MARAC (Outputs, System)");
    await expect(row).toContainText(wording);
    // The diagram highlights the changed node.
    await expect(diff.getByTestId("diff-diagram").locator(".react-flow__node").filter({ hasText: `Changed: ${wording}` })).toBeVisible();
    await screenshot(page, "logic-model-diff");
    await expectAccessible(page, "logic model diff");
  });
});

test.describe("DV worker (works with the victim's partner)", () => {
  test.use({ storageState: authFile("dv_worker") });

  test("[DA WORK]: never sees the MARAC referral of her group member's victim; records a consultation with the coordinator", async ({ page }) => {
    test.setTimeout(120_000);
    // The manager's family: a victim referred to MARAC naming her partner, who is in a group the DA worker runs.
    const manager = await apiAs("manager");
    const family = await makeFamily(manager, "Wardley");
    const victim = await makePerson(manager, family.id, { first: "Wren", last: "Wardley", role: "victim" });
    const partner = await makePerson(manager, family.id, { first: "Wade", last: "Wardley", role: "perpetrator" });
    await manager.mutate("marac.create", { personId: victim.id, perpetratorPersonId: partner.id, familyId: family.id, referredOn: isoDay(-10), referringAgency: "police", dashScore: 16, criteria: ["visible_high_risk"] });
    const group = await makeGroup(manager, { stem: "E2E MARAC partner group", track: "perpetrators", startDate: isoDay(7) });
    await enrol(manager, group.id, partner.id, "perpetrators");
    await manager.dispose();
    // A family of the DA worker's own, for the consultation.
    const own = await apiAs("dv_worker");
    const mine = await makeFamily(own, "Consulton");
    await own.dispose();

    await page.goto("/da/marac");
    await expect(page.getByRole("heading", { level: 1, name: "MARAC referrals" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /Loading/ })).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByText(victim.full)).toHaveCount(0);
    await page.goto(`/groups/${group.id}`);
    await expect(page.getByText(partner.full).first()).toBeVisible();

    await page.goto("/da");
    await expect(page.getByRole("link", { name: "Consultations with the DA coordinator" })).toBeVisible();
    // Her new family has no consultations: the empty state, then one recorded about the family.
    await page.goto(`/da/consultations?family=${mine.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Consultations with the DA coordinator" })).toBeVisible();
    await expect(page.getByTestId("consultations-empty")).toHaveText("No consultations about this family have been recorded yet.");
    await expectAccessible(page, "consultations (empty)");
    const form = page.getByRole("form", { name: "Record a consultation" });
    await form.getByRole("button", { name: "Record consultation" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Choose the worker who consulted the coordinator" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Choose at least one topic" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter the date of the consultation, for example 27 3 2025" })).toBeVisible();
    await fillDate(form.getByRole("group", { name: "Date of the consultation" }), isoDay(0));
    await form.getByLabel("Worker who consulted the coordinator").selectOption({ index: 1 });
    const worker = (await form.getByLabel("Worker who consulted the coordinator").locator("option:checked").textContent())!.split(",")[0]!;
    await form.getByLabel("Safety planning").check();
    await form.getByLabel("Refer to an IDVA").check();
    await form.getByRole("button", { name: "Record consultation" }).click();
    await expect(page.getByRole("alert", { name: "Success" })).toContainText("Consultation recorded");
    await page.reload();
    const first = page.getByRole("table", { name: /consultations you can see/ }).getByRole("row").filter({ hasText: mine.name });
    await expect(first).toHaveCount(1);
    await expect(first).toContainText(worker);
    await expect(first).toContainText("Safety planning");
    await expect(first).toContainText("Refer to an IDVA");
    await screenshot(page, "da-consultations");
    await expectAccessible(page, "consultations");
  });
});
