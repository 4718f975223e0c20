/**
 * Starts Evident on one port: the API, authentication and the built front
 * ends. With no DATABASE_URL it runs on the embedded database (migrated on
 * start) and, unless NODE_ENV=production, in demo mode: demo data is seeded
 * when the database is empty and one login per role is printed.
 */
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createDb, isSeeded, seed } from "@evident/db";
import { loadConfig } from "./config.js";
import { DEMO_PASSWORD, ensureDemoLogins } from "./demo.js";
import { createLogger } from "./logger.js";
import { startTrainingReminderScheduler } from "./jobs/training-reminders.js";
import { createApp } from "./server.js";

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

async function main() {
  const logger = createLogger();
  const embedded = !process.env.DATABASE_URL;
  const config = loadConfig(process.env, {
    portalDir: repo("apps/portal/dist"),
    trainingDir: repo("apps/training/dist"),
    demo: embedded,
  });
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
  const { app } = createApp({ db, config, logger });
  // Training reminders: once shortly after start, then hourly (TRAINING_REMINDERS=off to leave it to another process).
  const reminders = process.env.TRAINING_REMINDERS === "off" ? null : startTrainingReminderScheduler({ db, logger, baseUrl: config.baseUrl });
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    logger.info({ port: info.port, database: db.kind, demo: config.demo }, `Evident is listening on http://localhost:${info.port}`);
  });
  const stop = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    reminders?.stop();
    server.close();
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
