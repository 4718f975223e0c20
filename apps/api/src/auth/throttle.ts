/**
 * Sign-in throttling kept in the database (table sign_in_throttle), with the
 * rules of @evident/core's access/lockout.ts. An attempt is claimed before the
 * password is checked: in one transaction the account's row and the
 * account-and-address row are locked (always in the same order, so two claims
 * cannot deadlock), the rules decide, and the attempt is counted as a failure
 * at once. Parallel attempts therefore queue on the lock and each sees the
 * counts of the ones before it: no more attempts are checked than the rules
 * allow. A success then clears its address's count.
 *
 * Lock and unlock events are audited (`auth.lock`, `auth.unlock`); an admin
 * clears an account's counts with `unlockAccount` (admin.users.unlock).
 */
import { createHash } from "node:crypto";
import { afterSuccess, decideAttempt, SIGN_IN_RULES, type SignInRules, type ThrottleCount, type ThrottleDecision } from "@evident/core";
import { auditRow } from "../audit/audit.js";
import type { DbClient, PrismaClient } from "../db.js";

export const LOCK_ACTION = "auth.lock";
export const UNLOCK_ACTION = "auth.unlock";

/** The key of a sign-in email (a hash, so unknown addresses are counted too and no email is stored). */
export function signInKey(email: string): string {
  return createHash("sha256").update(`evident-sign-in:${email.trim().toLowerCase()}`).digest("hex");
}

const accountKey = (emailKey: string) => `a:${emailKey}`;
const pairKey = (emailKey: string, ip: string | null) => `p:${emailKey}:${(ip ?? "unknown").slice(0, 100)}`;

interface Row {
  key: string;
  failures: number;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
}

async function lockRows(tx: DbClient, keys: string[], now: Date): Promise<Map<string, ThrottleCount>> {
  for (const key of keys) {
    await tx.$executeRaw`INSERT INTO sign_in_throttle (key, failures, "updatedAt") VALUES (${key}, 0, ${now}) ON CONFLICT (key) DO NOTHING`;
  }
  const rows = await tx.$queryRaw<Row[]>`SELECT key, failures, "lastFailureAt", "lastSuccessAt" FROM sign_in_throttle WHERE key = ANY(${keys}) ORDER BY key FOR UPDATE`;
  return new Map(rows.map((r) => [r.key, { failures: r.failures, lastFailureAt: r.lastFailureAt, lastSuccessAt: r.lastSuccessAt }]));
}

function lockEvent(now: Date, emailKey: string, userId: string | null, ip: string | null, reason: string, action = LOCK_ACTION) {
  return auditRow({ now, requestId: "auth", user: null, ip }, { action, outcome: "success", entityType: "SignIn", entityIds: userId ? [emailKey, userId] : [emailKey], actorId: null, actorRole: null, reason });
}

export interface ClaimOptions {
  emailKey: string;
  userId: string | null;
  ip: string | null;
  now: Date;
  rules?: SignInRules;
}

/** Claims one attempt: refused (with when to retry), or counted as a failure until it succeeds. */
export async function claimAttempt(prisma: PrismaClient, o: ClaimOptions): Promise<ThrottleDecision> {
  const rules = o.rules ?? SIGN_IN_RULES;
  const a = accountKey(o.emailKey);
  const p = pairKey(o.emailKey, o.ip);
  return prisma.$transaction(async (tx: DbClient) => {
    // "a:" sorts before "p:": every claim locks the account row first.
    const counts = await lockRows(tx, [a, p], o.now);
    const decision = decideAttempt(counts.get(p) ?? null, counts.get(a) ?? null, o.now, rules);
    if (!decision.allowed) return decision;
    await tx.$executeRaw`UPDATE sign_in_throttle SET failures = ${decision.pairFailures}, "lastFailureAt" = ${o.now}, "updatedAt" = ${o.now} WHERE key = ${p}`;
    await tx.$executeRaw`UPDATE sign_in_throttle SET failures = ${decision.accountFailures}, "lastFailureAt" = ${o.now}, "updatedAt" = ${o.now} WHERE key = ${a}`;
    if (decision.pairThrottled) {
      await tx.auditLog.create({ data: lockEvent(o.now, o.emailKey, o.userId, o.ip, `${rules.freeFailures} failed sign-ins from this address: further attempts from it wait, doubling each time`) });
    }
    if (decision.accountOverCeiling) {
      await tx.auditLog.create({ data: lockEvent(o.now, o.emailKey, o.userId, o.ip, `${rules.accountCeiling} failed sign-ins across addresses: only addresses the account has signed in from may try`) });
    }
    return decision;
  });
}

/** After a successful sign-in: the address's count cleared (and remembered as one the account uses), the claim taken back from the account. */
export async function recordSuccess(prisma: PrismaClient, o: ClaimOptions): Promise<void> {
  const rules = o.rules ?? SIGN_IN_RULES;
  const a = accountKey(o.emailKey);
  const p = pairKey(o.emailKey, o.ip);
  await prisma.$transaction(async (tx: DbClient) => {
    const counts = await lockRows(tx, [a, p], o.now);
    const pairBefore = counts.get(p)?.failures ?? 0;
    const next = afterSuccess(pairBefore, counts.get(a)?.failures ?? 0);
    await tx.$executeRaw`UPDATE sign_in_throttle SET failures = ${next.pairFailures}, "lastSuccessAt" = ${o.now}, "updatedAt" = ${o.now} WHERE key = ${p}`;
    await tx.$executeRaw`UPDATE sign_in_throttle SET failures = ${next.accountFailures}, "updatedAt" = ${o.now} WHERE key = ${a}`;
    // The attempt itself was counted; more than that means this address had been throttled.
    if (pairBefore > rules.freeFailures) await tx.auditLog.create({ data: lockEvent(o.now, o.emailKey, o.userId, o.ip, "signed in: this address's failed attempts cleared", UNLOCK_ACTION) });
  });
}

/**
 * Clears every count of an account (all addresses), so it can sign in from anywhere at once;
 * the audit row (action `auth.unlock`, actor the admin) commits with it. Returns how many counts were cleared.
 */
export async function unlockAccount(
  tx: DbClient,
  user: { id: string; email: string },
  actor: { id: string; role: string; requestId: string; ip: string | null; now: Date },
  reason = "unlocked by an administrator",
): Promise<number> {
  const emailKey = signInKey(user.email);
  const cleared = await tx.$executeRaw`DELETE FROM sign_in_throttle WHERE key = ${accountKey(emailKey)} OR (key LIKE ${`p:${emailKey}:%`} AND "lastSuccessAt" IS NULL)`;
  await tx.$executeRaw`UPDATE sign_in_throttle SET failures = 0, "updatedAt" = ${actor.now} WHERE key LIKE ${`p:${emailKey}:%`}`;
  await tx.auditLog.create({
    data: auditRow(
      { now: actor.now, requestId: actor.requestId, user: null, ip: actor.ip },
      { action: UNLOCK_ACTION, outcome: "success", entityType: "SignIn", entityIds: [emailKey, user.id], actorId: actor.id, actorRole: actor.role, reason },
    ),
  });
  return Number(cleared);
}
