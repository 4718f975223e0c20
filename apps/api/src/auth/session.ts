/**
 * Loads the caller's session and user on every request, fresh from the
 * database (no cookie cache, so a role change, a disabled account or a
 * signed-out session applies to the very next request), and applies
 * Evident's session rules: 60 minutes idle and 12 hours absolute
 * (`decideSession` in @evident/core). An expired session is deleted. The
 * session's `updatedAt` is its last-use time.
 *
 * better-auth issues the cookie (`<token>.<HMAC-SHA256 signature>`, signed
 * with the auth secret). Reading it needs no library round trip: the
 * signature is checked here with the same secret and algorithm, then one SQL
 * statement loads the session and its user together (`sessionWithUser` in
 * @evident/db), instead of better-auth's session and user lookups plus a
 * separate user load through Prisma.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { decideSession, isRole, type HandoverLock } from "@evident/core";
import { deleteSession, sessionWithUser, touchSession, type SqlRunner } from "@evident/db";
import type { Auth } from "./auth.js";

export interface LoadedSession {
  sessionId: string;
  userId: string;
  /** The user, or null when the account is disabled or its role unknown (then the caller is anonymous). */
  user: { id: string; role: import("@evident/core").TRole; teamId: string | null; staffId: string | null; name: string } | null;
  /** Set while the session is handed to a participant: only their questionnaire may be used. */
  lock: HandoverLock | null;
}

export interface SessionCookieSpec {
  name: string;
  secret: string;
}

const specs = new WeakMap<Auth, Promise<SessionCookieSpec>>();

/** The session cookie's name (`__Secure-` prefixed in production) and signing secret, from better-auth's own context. */
export function sessionCookieSpec(auth: Auth): Promise<SessionCookieSpec> {
  let spec = specs.get(auth);
  if (!spec) {
    spec = auth.$context.then((c) => ({ name: c.authCookies.sessionToken.name, secret: c.secret }));
    specs.set(auth, spec);
  }
  return spec;
}

/** The value of cookie `name` in a Cookie header, URL-decoded; null when absent or malformed. */
export function readCookie(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** The token of a signed cookie value when its signature is valid; null otherwise. */
export function verifySignedToken(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return token;
}

const VERIFIED_MAX = 10_000;
const verified = new Map<string, Map<string, string>>();

/**
 * `verifySignedToken`, remembering valid values: the signature is a pure function of the value and
 * the secret, and a session's cookie comes with every request, so it is hashed once rather than on
 * each. Only valid values are kept (at most 10,000 per secret, oldest dropped first); whether the
 * session still exists is still asked of the database every time.
 */
export function verifySignedTokenCached(value: string, secret: string): string | null {
  let bySecret = verified.get(secret);
  if (!bySecret) {
    bySecret = new Map();
    verified.set(secret, bySecret);
  }
  const known = bySecret.get(value);
  if (known !== undefined) return known;
  const token = verifySignedToken(value, secret);
  if (token !== null) {
    if (bySecret.size >= VERIFIED_MAX) bySecret.delete(bySecret.keys().next().value as string);
    bySecret.set(value, token);
  }
  return token;
}

export async function loadSession(auth: Auth, sql: SqlRunner, headers: Headers, now: Date): Promise<LoadedSession | null> {
  const cookie = headers.get("cookie");
  if (!cookie || !cookie.includes("session_token")) return null;
  const spec = await sessionCookieSpec(auth);
  const value = readCookie(cookie, spec.name);
  const token = value ? verifySignedTokenCached(value, spec.secret) : null;
  if (!token) return null;
  const s = await sessionWithUser(sql, token);
  if (!s) return null;
  const decision = decideSession({ createdAt: new Date(s.createdAt), lastSeenAt: new Date(s.updatedAt), expiresAt: new Date(s.expiresAt) }, now);
  if (!decision.valid) {
    await deleteSession(sql, s.sessionId);
    return null;
  }
  if (decision.touch) await touchSession(sql, s.sessionId, now, decision.expiresAt);
  const user = !s.disabled && isRole(s.role) ? { id: s.userId, role: s.role, teamId: s.teamId, staffId: s.staffId, name: s.name } : null;
  const lock = s.lockPersonId && s.lockInstrumentId ? { personId: s.lockPersonId, instrumentId: s.lockInstrumentId } : null;
  return { sessionId: s.sessionId, userId: s.userId, user, lock };
}
