/**
 * Starts Evident on one port: the API, authentication and the built front
 * ends. With no DATABASE_URL it runs on the embedded database (migrated on
 * start) and, unless NODE_ENV=production, in demo mode: demo data is seeded
 * when the database is empty and one login per role is printed.
 */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { productionWarnings } from "@evident/core";
import { createDb, isSeeded, seed } from "@evident/db";
import { ensureExampleAnalysis } from "./demo-analysis.js";
import { loadConfig } from "./config.js";
import { DEMO_PASSWORD, ensureDemoLogins } from "./demo.js";
import { createLogger } from "./logger.js";
import { startBackupScheduler } from "./jobs/backups.js";
import { startTrainingReminderScheduler } from "./jobs/training-reminders.js";
import { createApp } from "./server.js";

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/**
 * EVIDENT_WORKERS=n (PostgreSQL only): this process forks n API processes sharing the port (Node's
 * cluster module), restarts one that dies, and stops them all on SIGTERM/SIGINT. They share the
 * session-signing secret (generated here when BETTER_AUTH_SECRET is unset) and, through the
 * database, rate limits, lockouts and training-reminder runs.
 */
function runPrimary(workers: number, logger: ReturnType<typeof createLogger>) {
  process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("hex");
  let stopping = false;
  const start = (index: number) => {
    const worker = cluster.fork({ EVIDENT_WORKER_INDEX: String(index) });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      logger.error({ worker: index, code, signal }, "API process ended: starting another");
      setTimeout(() => start(index), 1000).unref();
    });
  };
  for (let i = 0; i < workers; i++) start(i);
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    logger.info({ signal, workers }, "shutting down the API processes");
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

async function main() {
  const logger = createLogger();
  const embedded = !process.env.DATABASE_URL;
  const config = loadConfig(process.env, {
    portalDir: repo("apps/portal/dist"),
    trainingDir: repo("apps/training/dist"),
    demo: embedded,
  });
  if (config.workers > 1 && embedded) throw new Error("EVIDENT_WORKERS above 1 needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process");
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config.workers, logger);
  // Periodic jobs run in one process only (the first worker, or the only process).
  const firstProcess = (process.env.EVIDENT_WORKER_INDEX ?? "0") === "0";
  const db = await createDb({ migrate: embedded });
  if (config.demo) {
    if (!(await isSeeded(db.prisma))) {
      logger.info("first start: seeding the demo trust (about half a minute)");
      const result = await seed(db.prisma, { log: (line) => logger.info(line) });
      logger.info({ ms: result.ms }, "demo trust seeded");
    }
    const logins = await ensureDemoLogins(db);
    // Printed for the person starting the server, not logged.
    process.stdout.write(`\nDemo logins (password "${DEMO_PASSWORD}"):\n${logins.map((l) => `  ${l.role.padEnd(13)} ${l.email}`).join("\n")}\n\n`);
  }
  for (const warning of productionWarnings(process.env)) logger.warn(warning);
  const { app, deps } = createApp({ db, config, logger });
  // Demo mode: one saved example analysis on first start (the evaluation screen opens on finished work).
  if (config.demo && firstProcess && (await ensureExampleAnalysis(deps))) logger.info("saved the example analysis");
  // Training reminders: once shortly after start, then hourly (TRAINING_REMINDERS=off to leave it to another process).
  const reminders = process.env.TRAINING_REMINDERS === "off" || !firstProcess ? null : startTrainingReminderScheduler({ db, logger, baseUrl: config.baseUrl });
  // Daily backups of the embedded database, keeping 14 (EVIDENT_BACKUPS=off to leave it to something else).
  const backups = db.pglite && db.dataDir && process.env.EVIDENT_BACKUPS !== "off" ? startBackupScheduler({ db, logger }) : null;
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info({ port: info.port, database: db.kind, demo: config.demo }, `Evident is listening on http://localhost:${info.port}`);
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    reminders?.stop();
    backups?.stop();
    server.close();
    await deps.mail.stop();
    // Audit rows of reads still waiting for their commit go in before the database closes.
    await deps.auditQueue.drain();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Evident could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
