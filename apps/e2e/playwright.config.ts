/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium): Playwright's own
 * browser download cannot work offline, so the browser is never downloaded.
 * The web server is the real product on a free port with a temporary
 * embedded database seeded with the demo trust.
 */
import { createServer } from "node:net";
import { defineConfig, devices } from "@playwright/test";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// Chosen once by the runner; workers inherit it through the environment.
if (!process.env.E2E_PORT) process.env.E2E_PORT = String(process.env.E2E_BASE_URL ? 0 : await freePort());
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${process.env.E2E_PORT}`;
// Specs that start servers of their own (go-live.spec.ts: PostgreSQL, nothing seeded) can run alone
// without the demo server: E2E_OWN_SERVERS=1 npx playwright test tests/go-live.spec.ts
const ownServersOnly = process.env.E2E_OWN_SERVERS === "1";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results/artifacts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  globalSetup: ownServersOnly ? undefined : "./tests/global-setup.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "laptop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 }, launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS } } },
  ],
  webServer: process.env.E2E_BASE_URL || ownServersOnly
    ? undefined
    : {
        command: "node scripts/serve.mjs",
        url: `${baseURL}/health`,
        // the test fixtures (the information-barrier canary) are seeded for the tests only, never in the demo
        env: { PORT: process.env.E2E_PORT!, EVIDENT_TEST_FIXTURES: "1" },
        timeout: 300_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
      },
});
