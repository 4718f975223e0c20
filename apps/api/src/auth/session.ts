/**
 * Loads the caller's session on every request, fresh from the database (no
 * cookie cache), and applies Evident's session rules: 60 minutes idle and 12
 * hours absolute (`decideSession` in @evident/core). An expired session is
 * deleted. The session's `updatedAt` is its last-use time.
 */
import { decideSession } from "@evident/core";
import type { PrismaClient } from "../db.js";
import type { Auth } from "./auth.js";

export interface LoadedSession {
  sessionId: string;
  userId: string;
}

export async function loadSession(auth: Auth, prisma: PrismaClient, headers: Headers, now: Date): Promise<LoadedSession | null> {
  const cookie = headers.get("cookie");
  if (!cookie || !cookie.includes("session_token")) return null;
  let found: Awaited<ReturnType<Auth["api"]["getSession"]>>;
  try {
    found = await auth.api.getSession({ headers, query: { disableCookieCache: true, disableRefresh: true } });
  } catch {
    return null;
  }
  if (!found) return null;
  const s = found.session;
  const decision = decideSession({ createdAt: new Date(s.createdAt), lastSeenAt: new Date(s.updatedAt), expiresAt: new Date(s.expiresAt) }, now);
  if (!decision.valid) {
    await prisma.session.deleteMany({ where: { id: s.id } });
    return null;
  }
  if (decision.touch) {
    await prisma.session.updateMany({ where: { id: s.id }, data: { updatedAt: now, expiresAt: decision.expiresAt } });
  }
  return { sessionId: s.id, userId: s.userId };
}
