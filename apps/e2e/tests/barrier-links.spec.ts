/**
 * #15: the information barrier for records staff enter through the screens.
 * A manager records a victim and her protected address; a DA worker opens a
 * new family for a perpetrator referred by the police, links him to her, and
 * refers him into the perpetrators' group she facilitates. From then on the
 * facilitator cannot see the victim's address anywhere in the portal — not in
 * a page, not in any API response — while the victim's own manager still can.
 */
import { expect, test, type Page } from "@playwright/test";
import { authFile, screenshot } from "./fixtures.js";
import { apiAs, isoDay, makeGroup } from "./records.js";

const uniq = Date.now().toString(36).toUpperCase().slice(-6);
const HER = { family: `Harbour ${uniq}`, ref: `HB-${uniq}`, first: "Hana", last: `Harbour${uniq}`, personRef: `HV-${uniq}` };
const HIM = { family: `Quay ${uniq}`, ref: `QY-${uniq}`, first: "Quinn", last: `Quay${uniq}`, personRef: `QP-${uniq}` };
const ADDRESS = { line1: `${Number.parseInt(uniq.slice(-3), 36) % 900 + 100} Lantern Walk`, postcode: "SL6 4QX", phone: `07700 9${String(Date.now()).slice(-5)}` };
const SECRETS = [ADDRESS.line1, ADDRESS.postcode, ADDRESS.phone, ADDRESS.phone.replace(/\s/g, "")];

async function createFamily(page: Page, f: { family: string; ref: string }) {
  await page.goto("/families/new");
  await page.getByLabel("Case reference").fill(f.ref);
  await page.getByLabel("Family name").fill(f.family);
  await page.getByRole("button", { name: /save|record/i }).click();
  await expect(page.getByRole("heading", { level: 1, name: f.family })).toBeVisible();
  return page.url().split("/families/")[1]!.split(/[?#]/)[0]!;
}

async function addAdult(page: Page, familyId: string, p: { first: string; last: string; personRef: string }, role: "Victim" | "Perpetrator") {
  await page.goto(`/families/${familyId}/people/new`);
  await page.getByLabel("Adult", { exact: true }).check();
  await page.getByLabel("Role in the family").selectOption({ label: role });
  await page.getByLabel("First name").fill(p.first);
  await page.getByLabel("Last name").fill(p.last);
  await page.getByLabel("Person reference").fill(p.personRef);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText(`${p.first} ${p.last} added to the family`)).toBeVisible();
}

test("[BARRIER] a perpetrator recorded by a DA worker in a new family and linked to a victim elsewhere: his facilitator never sees her address", async ({ browser }) => {
  test.setTimeout(240_000);
  // The perpetrators' group she facilitates: one of its own, set up by the manager (not what this test is about).
  const setup = await apiAs("manager");
  const group = await makeGroup(setup, { stem: "E2E barrier group", track: "perpetrators", startDate: isoDay(7) });
  await setup.dispose();
  // The victim's manager records her, and her protected contact details, through the screens.
  const managerCtx = await browser.newContext({ storageState: authFile("manager") });
  const manager = await managerCtx.newPage();
  const herFamilyId = await createFamily(manager, HER);
  await addAdult(manager, herFamilyId, HER, "Victim");
  await manager.getByRole("link", { name: `Record contact details for ${HER.first} ${HER.last}` }).click();
  await manager.getByLabel("Address line 1").fill(ADDRESS.line1);
  await manager.getByLabel("Postcode").fill(ADDRESS.postcode);
  await manager.getByLabel("Phone").fill(ADDRESS.phone);
  await manager.getByLabel("Protected").check();
  await manager.getByRole("button", { name: "Save contact details" }).click();
  await expect(manager.getByText(`Contact details for ${HER.first} ${HER.last} saved`)).toBeVisible();
  await manager.reload();
  await expect(manager.getByText(ADDRESS.phone)).toBeVisible();

  // The DA worker opens a family for him, adds him, and links him to her.
  const dvCtx = await browser.newContext({ storageState: authFile("dv_worker") });
  const dv = await dvCtx.newPage();
  const bodies: { url: string; body: string }[] = [];
  dv.on("response", async (res) => {
    if (res.url().includes("/trpc/")) bodies.push({ url: res.url(), body: await res.text().catch(() => "") });
  });
  const hisFamilyId = await createFamily(dv, HIM);
  await addAdult(dv, hisFamilyId, HIM, "Perpetrator");
  await dv.getByRole("link", { name: `Domestic-abuse links of ${HIM.first} ${HIM.last}` }).click();
  await dv.getByLabel("Perpetrator", { exact: true }).check();
  await dv.getByLabel("Search families (optional)").fill(HER.ref);
  await dv.getByLabel("The other person's family").selectOption({ label: `${HER.family} (${HER.ref})` });
  await dv.getByLabel(`${HER.first} ${HER.last}`).check();
  await dv.getByLabel("What the link rests on").selectOption({ label: "Police information" });
  await dv.getByRole("button", { name: "Record link" }).click();
  await expect(dv.getByText(/Link recorded/)).toBeVisible();

  // She refers him into the perpetrators' group she facilitates.
  await dv.goto("/groups");
  await dv.getByRole("link", { name: group.name }).click();
  await dv.getByText("Refer someone into this group").click();
  await dv.getByLabel("Search families (optional)").fill(HIM.ref);
  await dv.getByLabel("Family", { exact: true }).selectOption({ label: `${HIM.family} (${HIM.ref})` });
  await dv.getByLabel("Person to refer").selectOption({ label: `${HIM.first} ${HIM.last} – Perpetrator` });
  await dv.locator("#partnerSupport").check();
  await dv.locator("#riskAssessed").check();
  await dv.getByRole("button", { name: "Refer into group" }).click();
  await expect(dv.getByText(`${HIM.first} ${HIM.last} has been referred into ${group.name}`)).toBeVisible();

  // Everywhere she might look: her family, her record, his family, his links, the group, DA work, MARAC, the caseload.
  const before = bodies.length;
  for (const path of [`/families/${herFamilyId}`, `/families/${hisFamilyId}`, `/groups/${group.id}`, "/families", "/da", "/da/marac", "/follow-ups", "/"]) {
    await dv.goto(path);
    await expect(dv.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(dv.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
    const html = await dv.content();
    for (const s of SECRETS) expect(html, `${s} on ${path}`).not.toContain(s);
  }
  await dv.goto(`/families/${herFamilyId}`);
  await expect(dv.getByTestId("contact-withheld")).toBeVisible();
  await screenshot(dv, "barrier-links-facilitator");
  await dv.getByRole("link", { name: `Domestic-abuse links of ${HER.first} ${HER.last}` }).click();
  await expect(dv.getByRole("heading", { level: 1, name: "Domestic-abuse links" })).toBeVisible();
  expect(bodies.length - before, "API responses collected while browsing").toBeGreaterThan(10);
  for (const { url, body } of bodies) for (const s of SECRETS) expect(body, `${s} in ${url}`).not.toContain(s);

  // Her manager still sees her details, and the link is on her record after a reload.
  await manager.goto(`/people/${await personIdOf(manager, herFamilyId, HER)}/links?family=${herFamilyId}`);
  await manager.reload();
  await expect(manager.getByRole("cell", { name: `${HIM.first} ${HIM.last} (${HIM.personRef})`, exact: true })).toBeVisible();
  await expect(manager.getByRole("cell", { name: "Police information" })).toBeVisible();
  await manager.goto(`/families/${herFamilyId}`);
  await expect(manager.getByText(ADDRESS.phone)).toBeVisible();
  await managerCtx.close();
  await dvCtx.close();
});

async function personIdOf(page: Page, familyId: string, p: { first: string; last: string }) {
  await page.goto(`/families/${familyId}`);
  const href = await page.getByRole("link", { name: `Domestic-abuse links of ${p.first} ${p.last}` }).getAttribute("href");
  return href!.split("/people/")[1]!.split("/")[0]!;
}
