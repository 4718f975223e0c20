/**
 * `npm run admin:create -- --email E --name N [--another]`: creates an
 * administrator on the database Evident uses (DATABASE_URL, else the embedded
 * one; migrated first) and prints one line with a one-time link to set the
 * password, valid for 24 hours. Refuses when an administrator exists unless
 * `--another` is given. Everything else goes to stderr, so the link is the
 * only line on stdout.
 */
import { createDb } from "@evident/db";
import { adminCreateProblem, FIRST_ADMIN_LINK_HOURS } from "@evident/core";
import { z } from "zod";
import { auditRow } from "../audit/audit.js";
import { issueSetPasswordLink } from "../auth/set-password-link.js";
import type { DbClient } from "../db.js";

const ZArgs = z
  .object({
    email: z.string().trim().toLowerCase().max(254).email("--email must be an email address"),
    name: z.string().trim().min(1, "--name is required").max(200),
    another: z.boolean(),
  })
  .strict();

export function parseArgs(argv: readonly string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  return ZArgs.safeParse({ email: value("email") ?? "", name: value("name") ?? "", another: argv.includes("--another") });
}

export async function createAdministrator(prisma: DbClient & { $transaction: <T>(fn: (tx: DbClient) => Promise<T>) => Promise<T> }, input: z.infer<typeof ZArgs>, options: { baseUrl: string; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
    const emailTaken = (await tx.user.count({ where: { email: input.email } })) > 0;
    const problem = adminCreateProblem({ admins, emailTaken, another: input.another });
    if (problem) return { ok: false as const, problem };
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: "admin", emailVerified: true }, select: { id: true } });
    const link = await issueSetPasswordLink(tx, { userId: user.id, hours: FIRST_ADMIN_LINK_HOURS, baseUrl: options.baseUrl, now: options.now });
    await tx.auditLog.create({
      data: auditRow(
        { now: options.now, requestId: "admin:create", user: null, ip: null },
        { action: "admin.users.create", outcome: "success", entityType: "User", entityIds: [user.id], fields: ["email", "name", "role"], reason: "administrator created on the command line (admin:create)" },
      ),
    });
    return { ok: true as const, userId: user.id, ...link };
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.success) {
    process.stderr.write(`admin:create: ${args.error.issues.map((i) => i.message).join("; ")}\nUsage: npm run admin:create -- --email someone@example.gov.uk --name "Their Name" [--another]\n`);
    process.exit(2);
  }
  const baseUrl = process.env.EVIDENT_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const db = await createDb({ migrate: true });
  try {
    const result = await createAdministrator(db.prisma as never, args.data, { baseUrl, now: new Date() });
    if (!result.ok) {
      process.stderr.write(`admin:create: ${result.problem}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`Administrator ${args.data.email} created on ${db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : "the embedded database"}.\n`);
    process.stdout.write(`Set the password within ${FIRST_ADMIN_LINK_HOURS} hours (the link works once): ${result.url}\n`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`admin:create failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
