/**
 * Going live, as a trust would: PostgreSQL with nothing seeded (a throwaway
 * server, migrated), the product started with DATABASE_URL and SMTP_URL
 * pointing at a real local SMTP server started here, and nothing else.
 *
 * admin:create → the administrator sets a password from the printed link →
 * creates a team → invites a practitioner and a manager → the invitations
 * arrive at the SMTP server → each sets a password and signs in → the manager
 * records a family and allocates it to the practitioner → the practitioner
 * sees it on their caseload; "forgot password" works; a disabled account is
 * refused at once.
 *
 * Runs alone with: E2E_OWN_SERVERS=1 npx playwright test tests/go-live.spec.ts
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startTestIdp, type TestIdp } from "../../api/src/test/oidc-idp.js";
import { linkIn, startSmtpSink, type SmtpSink } from "../../api/src/test/smtp-sink.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const PG_LIB = `${repo}scripts/lib/postgres.mjs`;

interface Pg {
  url: string;
  stop(): void;
}

let pg: Pg | undefined;
let smtp: SmtpSink;
let idp: TestIdp | undefined;
let api: ChildProcess | undefined;
let base = "";
let apiLog = "";

const ADMIN = { email: "ada.admin@golive.example.gov.uk", name: "Ada Admin", password: "ada's first long passphrase" };
const PRACTITIONER = { email: "pat.practitioner@golive.example.gov.uk", name: "Pat Practitioner", password: "pat's garden has four gates" };
const MANAGER = { email: "mo.manager@golive.example.gov.uk", name: "Mo Manager", password: "mo walks the long canal path" };
const TEAM = "Golive Early Help";
const FAMILY = { reference: "GL-2026-1", name: "Family Golive" };

async function freePort(): Promise<number> {
  const { freePort: free } = (await import(PG_LIB)) as { freePort(): Promise<number> };
  return free();
}

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const { startPostgres } = (await import(PG_LIB)) as { startPostgres(): Promise<Pg | undefined> };
  pg = await startPostgres();
  test.skip(!pg, "PostgreSQL is not installed (apt-get install postgresql)");
  smtp = await startSmtpSink();
  const env = { ...process.env, DATABASE_URL: pg!.url, NODE_ENV: "development", EVIDENT_DEMO: "0", SMTP_URL: smtp.url, EVIDENT_MAIL_FROM: "Evident <evident@golive.example.gov.uk>", TRAINING_REMINDERS: "off", LOG_LEVEL: "warn" };
  const migrate = spawnSync(process.execPath, ["packages/db/dist/cli/migrate.js"], { cwd: repo, env, encoding: "utf8" });
  expect(migrate.status, migrate.stderr).toBe(0);
  const port = await freePort();
  base = `http://localhost:${port}`;
  // The trust's single sign-on: a real OpenID provider run here.
  idp = await startTestIdp({ redirectUri: `${base}/api/auth/callback/oidc` });
  const sso = { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_LABEL: "Golive Microsoft account" };
  api = spawn(process.execPath, ["--import", "tsx", "apps/e2e/scripts/api-entry.mjs"], { cwd: repo, env: { ...env, ...sso, PORT: String(port), EVIDENT_BASE_URL: base }, stdio: ["ignore", "pipe", "pipe"] });
  api.stdout?.on("data", (d: Buffer) => (apiLog += d.toString()));
  api.stderr?.on("data", (d: Buffer) => (apiLog += d.toString()));
  for (let i = 0; i < 240; i++) {
    const ready = await fetch(`${base}/ready`).catch(() => null);
    if (ready?.status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not become ready:\n${apiLog.slice(-2000)}`);
});

test.afterAll(async () => {
  api?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await smtp?.close();
  await idp?.close();
  pg?.stop();
});

// better-auth allows 5 sign-ins per address per 10 seconds; keep well under it.
let lastSignIn = 0;
async function pace() {
  const wait = lastSignIn + 2_600 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastSignIn = Date.now();
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto(`${base}/sign-in`);
  await pace();
  await page.getByLabel("Email address").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function setPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Enter the password again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your password is set");
}

async function newPage(browser: Browser) {
  return (await browser.newContext({ baseURL: base })).newPage();
}

test("a trust goes live on PostgreSQL with nothing seeded", async ({ browser }) => {
  // Nothing seeded: the demo administrator does not exist.
  await pace();
  const demo = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ email: "admin@demo.evident.local", password: "evident-demo" }) });
  expect(demo.status).toBe(401);

  // 1. The first administrator, from the command line: one line with the link.
  const created = spawnSync("npm", ["run", "-s", "admin:create", "--", "--email", ADMIN.email, "--name", ADMIN.name], { cwd: repo, env: { ...process.env, DATABASE_URL: pg!.url, EVIDENT_BASE_URL: base }, encoding: "utf8" });
  expect(created.status, created.stderr).toBe(0);
  const lines = created.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  const adminLink = lines[0]!.match(/https?:\/\/\S+token=\S+/)?.[0];
  expect(adminLink).toBeTruthy();
  const again = spawnSync("npm", ["run", "-s", "admin:create", "--", "--email", "second@golive.example.gov.uk", "--name", "Second"], { cwd: repo, env: { ...process.env, DATABASE_URL: pg!.url }, encoding: "utf8" });
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("An administrator already exists");

  // 2. The administrator sets a password from the link and signs in.
  const admin = await newPage(browser);
  await setPassword(admin, adminLink!, ADMIN.password);
  await admin.getByRole("link", { name: "Sign in with your new password" }).click();
  await pace();
  await admin.getByLabel("Email address").fill(ADMIN.email);
  await admin.getByLabel("Password").fill(ADMIN.password);
  await admin.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${ADMIN.name}`);

  // 3. A team.
  await admin.getByRole("link", { name: "Accounts", exact: true }).click();
  await admin.getByRole("link", { name: "Teams", exact: true }).click();
  await admin.getByLabel("New team name").fill(TEAM);
  await admin.getByRole("button", { name: "Create team" }).click();
  await expect(admin.getByText(`Team ${TEAM} created`)).toBeVisible();
  await expect(admin.getByRole("cell", { name: TEAM, exact: true })).toBeVisible();

  // 4. Invitations for a practitioner and a manager in that team.
  await admin.getByRole("link", { name: "Staff accounts", exact: true }).click();
  for (const [who, role] of [[PRACTITIONER, "Social worker"], [MANAGER, "Team manager"]] as const) {
    await admin.getByLabel("Full name").fill(who.name);
    await admin.getByLabel("Email address").fill(who.email);
    await admin.getByLabel("Role", { exact: true }).selectOption({ label: role });
    await admin.getByLabel("Team", { exact: true }).selectOption({ label: TEAM });
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await expect(admin.getByText(`Invitation sent to ${who.email}`)).toBeVisible();
    await expect(admin.getByTestId(`account-${who.email}`)).toBeVisible();
  }

  // 5. The emails arrive at the SMTP server; each person sets a password and signs in.
  const practitioner = await newPage(browser);
  const manager = await newPage(browser);
  for (const [page, who] of [[practitioner, PRACTITIONER], [manager, MANAGER]] as const) {
    const mail = await smtp.waitFor(who.email, 30_000);
    expect(mail.raw).toContain("You have been invited to Evident");
    const link = linkIn(mail.raw);
    expect(link?.startsWith(`${base}/set-password?token=`)).toBe(true);
    await setPassword(page, link!, who.password);
    await signIn(page, who);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${who.name}`);
  }

  // 6. The manager records a family and allocates it to the practitioner.
  await manager.goto(`${base}/families/new`);
  await manager.getByLabel("Case reference").fill(FAMILY.reference);
  await manager.getByLabel("Family name").fill(FAMILY.name);
  await manager.getByRole("button", { name: "Record family" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(FAMILY.name);
  await manager.getByLabel("Allocate to").selectOption({ label: `${PRACTITIONER.name} (${TEAM})` });
  await manager.getByRole("button", { name: "Allocate", exact: true }).click();
  await expect(manager.getByText(`${PRACTITIONER.name} is now the lead worker`)).toBeVisible();
  await expect(manager.getByTestId("allocated-workers")).toHaveText(`${PRACTITIONER.name} (lead)`);

  // 7. The practitioner has it on the caseload.
  await practitioner.goto(`${base}/families`);
  await expect(practitioner.getByRole("link", { name: FAMILY.name })).toBeVisible();

  // 8. Forgot password: the same answer for an unknown address; a link for a real one.
  const forgot = await newPage(browser);
  for (const address of ["nobody@golive.example.gov.uk", MANAGER.email]) {
    await forgot.goto(`${base}/sign-in`);
    await forgot.getByRole("link", { name: "Forgot your password?" }).click();
    await forgot.getByLabel("Email address").fill(address);
    await forgot.getByRole("button", { name: "Send me a link" }).click();
    await expect(forgot.getByTestId("forgot-password-sent")).toContainText("If there is an account for that address");
  }
  const reset = await (async () => {
    for (let i = 0; i < 200; i++) {
      const m = smtp.messages.find((x) => x.to.includes(MANAGER.email) && x.raw.includes("Reset your Evident password"));
      if (m) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("no reset email");
  })();
  expect(smtp.messages.some((m) => m.to.includes("nobody@golive.example.gov.uk"))).toBe(false);
  const newPassword = "mo's new password by the lock";
  await setPassword(forgot, linkIn(reset.raw)!, newPassword);
  await signIn(forgot, { email: MANAGER.email, password: newPassword });
  await expect(forgot.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${MANAGER.name}`);

  // 9. A disabled account is refused at once: the open session ends and sign-in fails.
  await admin.goto(`${base}/admin/users`);
  await admin.getByRole("button", { name: `Disable ${PRACTITIONER.email}` }).click();
  await expect(admin.getByText(`${PRACTITIONER.email} is disabled`)).toBeVisible();
  await practitioner.goto(`${base}/families`);
  await expect(practitioner).toHaveURL(/\/sign-in/);
  await signIn(practitioner, PRACTITIONER);
  await expect(practitioner.getByText("Enter a correct email address and password.")).toBeVisible();
});

/** Signs in at the test provider's development pages (any login name is that account's email). */
async function throughProvider(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Golive Microsoft account" }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 3_000 }).catch(() => false)) await consent.click();
}

test("single sign-on: an invited person gets in, an uninvited one is refused in plain words", async ({ browser }) => {
  const invited = await newPage(browser);
  await throughProvider(invited, MANAGER.email);
  await expect(invited.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${MANAGER.name}`);

  const stranger = await newPage(browser);
  await throughProvider(stranger, "stranger@golive.example.gov.uk");
  await expect(stranger).toHaveURL(/\/sign-in\?error=/);
  await expect(stranger.locator(".govuk-error-summary")).toContainText("There is no Evident account for the email address of the account you signed in with");

  // The practitioner was disabled in the first test: single sign-on does not let them back in.
  const disabled = await newPage(browser);
  await throughProvider(disabled, PRACTITIONER.email);
  await expect(disabled).toHaveURL(/\/sign-in\?error=/);
  await expect(disabled.locator(".govuk-error-summary")).toBeVisible();
});
