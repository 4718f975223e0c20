#!/usr/bin/env node
/**
 * How fast the main pages become usable against the seeded demo trust
 * (issue: "pages interactive in under 1 s"), measured, not asserted.
 *
 *   npm run build && node bench/pages.mjs [--runs 5]
 *
 * Starts the product as the end-to-end suite does (a temporary embedded
 * database with the demo trust: apps/e2e/scripts/serve.mjs), drives Debian's
 * Chromium (/usr/bin/chromium) with Playwright, signs in once per role, then
 * for each page measures, `--runs` times, the wall time from starting the
 * navigation to the page being usable: its main heading visible and no
 * loading message left (every query the page starts with has answered and
 * rendered). Each visit is a full page load (HTML, JavaScript, every API call
 * the page makes); the browser's HTTP cache is warm after the first, as it is
 * for a member of staff moving between pages. Prints medians and writes
 * bench/results/pages-<date>.json.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { freePort } from "../scripts/lib/postgres.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => (a.startsWith("--") ? [...p, [a.slice(2), all[i + 1]]] : p), []));
const runs = Number(args.runs ?? 5);
const log = (m) => process.stdout.write(`[pages] ${m}\n`);

const port = await freePort();
const base = `http://localhost:${port}`; // the origin the server trusts (EVIDENT_BASE_URL defaults to localhost)
const server = spawn(process.execPath, ["apps/e2e/scripts/serve.mjs"], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "inherit"] });
const stop = () => server.kill("SIGINT");
process.on("SIGINT", () => {
  stop();
  process.exit(130);
});

/** Pages per role: [label, path or a function finding the path from the previous page]. */
const PLAN = {
  practitioner: [
    ["home", "/"],
    ["families list", "/families"],
    ["family page", async (page) => page.locator('main a[href^="/families/"]').first().getAttribute("href")],
    ["hub cases", "/hub"],
  ],
  dv_worker: [
    ["groups", "/groups"],
    ["group register", async (page) => page.locator('main a[href^="/groups/"]').first().getAttribute("href")],
  ],
  analyst: [["evaluation", "/evaluation"]],
  manager: [
    ["home (manager)", "/"],
    ["monitoring", "/monitoring"],
    ["logic models", "/logic-models"],
    ["logic model diagram", async (page) => page.locator('main a[href^="/logic-models/"]').first().getAttribute("href")],
  ],
  trainer: [
    ["training dashboard", "/training/"],
    ["training courses", "/training/courses"],
    ["training staff", "/training/staff"],
    ["training staff member", async (page) => page.locator('main a[href^="/training/staff/"]:not([href$="/new"]):not([href$="/import"])').first().getAttribute("href")],
    ["training sessions", "/training/sessions"],
    ["training session", async (page) => page.locator('main a[href^="/training/sessions/"]').first().getAttribute("href")],
  ],
};

async function usable(page) {
  // Checked on every animation frame in the page (Playwright's locator waits poll at up to
  // 500 ms intervals, which would round every measurement up).
  await page.waitForFunction(
    () => {
      const h1 = document.querySelector("h1");
      if (!h1 || !h1.getClientRects().length) return false;
      // Loading messages are role=status elements ending in "…" (the Loading component).
      return ![...document.querySelectorAll('[role="status"]')].some((e) => /…\s*$/.test(e.textContent ?? ""));
    },
    null,
    { timeout: 30_000, polling: "raf" },
  );
}

const results = [];
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (i > 1200) throw new Error("the product did not start within 10 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`product up on ${base}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    for (const [role, pages] of Object.entries(PLAN)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: base });
      const page = await context.newPage();
      const signInPath = pages[0][1].toString().startsWith("/training") ? "/training/sign-in" : "/sign-in";
      await page.goto(signInPath);
      await page.getByLabel("Email address").fill(`${role}@demo.evident.local`);
      await page.getByLabel("Password").fill("evident-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => !u.pathname.endsWith("/sign-in"), { timeout: 30_000 });
      let previous = null;
      for (const [label, target] of pages) {
        const path = typeof target === "function" ? await target(page) : target;
        if (!path) {
          log(`${label}: no link found on ${previous}, skipped`);
          continue;
        }
        const times = [];
        for (let r = 0; r < runs; r++) {
          const t = performance.now();
          await page.goto(path, { waitUntil: "commit" });
          await usable(page);
          times.push(Math.round(performance.now() - t));
        }
        previous = path;
        const sorted = [...times].sort((a, b) => a - b);
        const row = { role, page: label, path, runs: times, median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
        results.push(row);
        log(`${label.padEnd(22)} median ${String(row.median).padStart(5)} ms, worst ${String(row.worst).padStart(5)} ms (${times.join(", ")})`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  stop();
}

const machine = `${cpus()[0]?.model ?? "cpu"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
const report = { date: new Date().toISOString(), machine, runs, goal: "usable in < 1000 ms", results };
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(`${root}bench/results/pages-${report.date.slice(0, 10)}.json`, `${JSON.stringify(report, null, 2)}\n`);
const over = results.filter((r) => r.median >= 1000);
console.log(`\n${results.length} pages measured; ${over.length ? `over 1 s (median): ${over.map((r) => r.page).join(", ")}` : "every median under 1 s"}`);
