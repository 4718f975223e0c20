/**
 * Per-account lockout: after 6 failed sign-ins in a row the account is
 * locked for 30 minutes, whatever address the attempts came from. A
 * successful sign-in resets the count. Computed from the history of sign-in
 * attempts (the API keeps them in the audit log), so no counter can drift.
 */
export const LOCKOUT_THRESHOLD = 6;
export const LOCKOUT_MS = 30 * 60 * 1000;

export interface SignInAttempt {
  at: Date;
  ok: boolean;
}

export type LockoutDecision = { locked: false; failures: number } | { locked: true; until: Date; failures: number };

/**
 * Attempts may come in any order. Failures older than the lockout window
 * before the latest failure are not counted (a forgotten password a week ago
 * does not add to today's count).
 */
export function decideLockout(
  attempts: readonly SignInAttempt[],
  now: Date,
  options = { threshold: LOCKOUT_THRESHOLD, lockMs: LOCKOUT_MS },
): LockoutDecision {
  const sorted = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  let run: Date[] = [];
  for (const attempt of sorted) {
    if (attempt.ok) run = [];
    else run.push(attempt.at);
  }
  // Only failures within the lock window of the latest failure count.
  const latest = run[run.length - 1];
  if (!latest) return { locked: false, failures: 0 };
  const recent = run.filter((at) => latest.getTime() - at.getTime() < options.lockMs);
  if (recent.length >= options.threshold) {
    const until = new Date(latest.getTime() + options.lockMs);
    if (until.getTime() > now.getTime()) return { locked: true, until, failures: recent.length };
    return { locked: false, failures: 0 };
  }
  const stillCounting = recent.filter((at) => now.getTime() - at.getTime() < options.lockMs);
  return { locked: false, failures: stillCounting.length };
}
