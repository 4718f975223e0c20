/**
 * One-time links to set a password: the first administrator's, invitations
 * and "forgot password". They are better-auth's own reset-password tokens (a
 * `verification` row `reset-password:<token>` holding the user id), so the
 * standard `POST /api/auth/reset-password {token, newPassword}` consumes them,
 * creates the password login when there is none yet, and ends the user's
 * sessions. Only one link per person is live: issuing one removes the others.
 */
import { randomBytes } from "node:crypto";
import { setPasswordUrl } from "@evident/core";
import type { DbClient } from "../db.js";

const PREFIX = "reset-password:";

export async function revokeSetPasswordLinks(prisma: DbClient, userId: string): Promise<number> {
  const { count } = await prisma.verification.deleteMany({ where: { identifier: { startsWith: PREFIX }, value: userId } });
  return count;
}

export async function issueSetPasswordLink(prisma: DbClient, options: { userId: string; hours: number; baseUrl: string; now: Date }): Promise<{ url: string; token: string; expiresAt: Date }> {
  await revokeSetPasswordLinks(prisma, options.userId);
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(options.now.getTime() + options.hours * 3_600_000);
  await prisma.verification.create({ data: { identifier: `${PREFIX}${token}`, value: options.userId, expiresAt } });
  return { url: setPasswordUrl(options.baseUrl, token), token, expiresAt };
}

/** Whether a link is waiting to be used (for the accounts list). */
export async function pendingLinkUserIds(prisma: DbClient, userIds: readonly string[], now: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await prisma.verification.findMany({ where: { identifier: { startsWith: PREFIX }, value: { in: [...userIds] }, expiresAt: { gt: now } }, select: { value: true } });
  return new Set(rows.map((r: { value: string }) => r.value));
}
