import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROLES = ["admin", "manager", "practitioner", "dv_worker", "trainer", "analyst", "staff"] as const;
export type Role = (typeof ROLES)[number];
export const PASSWORD = "evident-demo";
export const email = (role: Role) => `${role}@demo.evident.local`;

const here = dirname(fileURLToPath(import.meta.url));
// Per server, so that two runs against different servers never mix cookies.
const serverKey = () => (process.env.E2E_BASE_URL ? new URL(process.env.E2E_BASE_URL).port || "default" : (process.env.E2E_PORT ?? "default"));
export const authFile = (role: Role) => join(here, "..", ".auth", serverKey(), `${role}.json`);
export const SCREENSHOTS = join(here, "..", "test-results", "screenshots");

/** The information-barrier canary (packages/db/src/seed/users.ts): the one fixture the barrier specs share, by id. */
export const CANARY = {
  familyId: "00000000-0000-4000-8000-0000000ca001",
  familyName: "Canary family",
  perpetratorsGroupId: "00000000-0000-4000-8000-0000000ca011",
  victimPhone: "07700 900999",
  victimPostcode: "SL1 9ZZ",
  victimEmail: "rosa.canary@example.org",
};

// better-auth counts sign-ins per address until there has been a quiet gap of
// 10 seconds, and refuses the 6th: after 3 sign-ins, pause for 11 seconds.
// The state is kept in a file because the global setup and the tests run in
// different processes.
export async function paceSignIn() {
  const paceFile = join(here, "..", ".auth", serverKey(), "pace.json");
  mkdirSync(dirname(paceFile), { recursive: true });
  let state = { last: 0, count: 0 };
  try {
    state = JSON.parse(readFileSync(paceFile, "utf8")) as typeof state;
  } catch {
    /* first sign-in */
  }
  const sinceLast = Date.now() - state.last;
  if (sinceLast > 11_000) state.count = 0;
  else if (state.count >= 3) {
    await new Promise((r) => setTimeout(r, 11_000 - sinceLast));
    state.count = 0;
  }
  state.count += 1;
  state.last = Date.now();
  writeFileSync(paceFile, JSON.stringify(state));
}

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, role: Role) {
  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 3; attempt++) {
    await paceSignIn();
    await page.getByLabel("Email address").fill(email(role));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const outcome = await Promise.race([
      page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 15_000 }).then(() => "in" as const),
      page.getByText("Too many sign-in attempts").waitFor({ timeout: 15_000 }).then(() => "limited" as const),
    ]);
    if (outcome === "in") return;
    await new Promise((r) => setTimeout(r, 10_000));
  }
  throw new Error(`could not sign in as ${role}`);
}

/** Runs axe (WCAG 2.2 A and AA) on the page and fails on any violation. */
export async function expectAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(summary, `accessibility violations on ${name}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
