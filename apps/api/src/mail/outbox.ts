/**
 * Email: everything Evident sends (invitations, password resets, training
 * reminders, survey invitations) is first a row in `email_outbox`, written in
 * the same transaction as the change that caused it. With `SMTP_URL` set the
 * sender delivers pending rows over SMTP (nodemailer) shortly after they are
 * written and on a timer; without it they stay in the outbox, which admins
 * read on the Outbox page in demo mode ("what would have been sent").
 *
 * Several API processes may run the sender: a row is claimed by moving its
 * version on before sending, so each email goes once. A failure is retried
 * with a growing delay, up to MAX_ATTEMPTS, then the row is `failed`.
 * Logs carry counts and ids only, never addresses or bodies.
 */
import nodemailer from "nodemailer";
import type { ApiConfig } from "../config.js";
import type { DbClient, PrismaClient } from "../db.js";
import type { Logger } from "../logger.js";

export const MAX_ATTEMPTS = 5;
const BATCH = 20;

export interface OutgoingEmail {
  to: string;
  subject: string;
  bodyText: string;
  template: string;
}

/** Writes an email to the outbox (pass the transaction so it commits with the change). */
export async function enqueueEmail(client: DbClient, email: OutgoingEmail, now: Date): Promise<string> {
  const row = await client.emailOutbox.create({ data: { ...email, createdAt: now, sendAfter: now }, select: { id: true } });
  return row.id;
}

export interface MailSender {
  /** True when SMTP_URL is set (email leaves the building). */
  readonly enabled: boolean;
  /** Asks the sender to deliver what is pending soon (after a transaction commits). */
  kick(): void;
  /** Delivers what is pending now and resolves when done (tests, shutdown). */
  flush(): Promise<{ sent: number; failed: number }>;
  stop(): Promise<void>;
}

export function createMailSender(deps: { prisma: PrismaClient; config: Pick<ApiConfig, "smtpUrl" | "mailFrom">; logger: Logger; now: () => Date; intervalMs?: number }): MailSender {
  const { prisma, config, logger, now } = deps;
  if (!config.smtpUrl) {
    return { enabled: false, kick() {}, flush: async () => ({ sent: 0, failed: 0 }), stop: async () => {} };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  let running: Promise<{ sent: number; failed: number }> | null = null;
  let again = false;

  async function deliverOnce(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const due = await prisma.emailOutbox.findMany({
        where: { status: "pending", sendAfter: { lte: now() } },
        orderBy: { sendAfter: "asc" },
        take: BATCH,
        select: { id: true, to: true, subject: true, bodyText: true, attempts: true, version: true },
      });
      if (due.length === 0) return { sent, failed };
      for (const mail of due) {
        // Claim: only one process moves the version on.
        const claimed = await prisma.emailOutbox.updateMany({ where: { id: mail.id, version: mail.version, status: "pending" }, data: { version: { increment: 1 }, attempts: { increment: 1 } } });
        if (claimed.count === 0) continue;
        try {
          await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.bodyText });
          await prisma.emailOutbox.update({ where: { id: mail.id }, data: { status: "sent", sentAt: now(), lastError: null } });
          sent++;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const message = error instanceof Error ? error.message.slice(0, 300) : "unknown error";
          const last = attempts >= MAX_ATTEMPTS;
          await prisma.emailOutbox.update({
            where: { id: mail.id },
            data: { status: last ? "failed" : "pending", lastError: message, sendAfter: new Date(now().getTime() + 60_000 * 2 ** attempts) },
          });
          failed++;
          logger.warn({ emailId: mail.id, attempts, final: last }, "email not delivered");
        }
      }
    }
  }

  function run(): Promise<{ sent: number; failed: number }> {
    if (running) {
      again = true;
      return running;
    }
    running = deliverOnce()
      .catch((error: unknown) => {
        logger.error({ err: error }, "email sender failed");
        return { sent: 0, failed: 0 };
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  }

  const timer = setInterval(() => void run(), deps.intervalMs ?? 30_000);
  timer.unref();
  return {
    enabled: true,
    kick: () => void run(),
    async flush() {
      while (running) await running;
      return run();
    },
    async stop() {
      clearInterval(timer);
      while (running) await running;
      transport.close();
    },
  };
}
