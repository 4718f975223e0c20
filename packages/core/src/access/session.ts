/**
 * Session lifetime: a session ends after 60 minutes without use (idle) and
 * 12 hours after sign-in whatever happens (absolute). The API checks both on
 * every request against the session row it loads from the database.
 */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** How often a session's last-use time is written back (to avoid a write on every request). */
export const SESSION_TOUCH_MS = 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  /** Last time the session was used (written back at most every SESSION_TOUCH_MS). */
  lastSeenAt: Date;
  /** The authentication library's own expiry, if any. */
  expiresAt?: Date | null;
}

export type SessionDecision =
  | { valid: true; touch: boolean; expiresAt: Date }
  | { valid: false; reason: "idle" | "absolute" | "expired" };

/**
 * Whether a session is still valid `now` (not idle for `limits.idleMs`, not older than `limits.absoluteMs`,
 * not past its own expiry), its new expiry, and whether its last-use time should be written back (`touch`).
 */
export function decideSession(session: SessionTimes, now: Date, limits = { idleMs: SESSION_IDLE_MS, absoluteMs: SESSION_ABSOLUTE_MS }): SessionDecision {
  const t = now.getTime();
  if (t - session.createdAt.getTime() >= limits.absoluteMs) return { valid: false, reason: "absolute" };
  if (t - session.lastSeenAt.getTime() >= limits.idleMs) return { valid: false, reason: "idle" };
  if (session.expiresAt && session.expiresAt.getTime() <= t) return { valid: false, reason: "expired" };
  const expiresAt = new Date(Math.min(t + limits.idleMs, session.createdAt.getTime() + limits.absoluteMs));
  return { valid: true, touch: t - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS, expiresAt };
}
