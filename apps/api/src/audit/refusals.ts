/**
 * Anonymous refusals are counted, not audited row by row: a caller who is not
 * signed in can send as many requests as the rate limit allows, and one
 * permanent audit row each would let anyone fill the append-only log. The
 * counts (in total and by procedure) are kept in memory and written to the
 * log at most once a minute, as one line; signed-in refusals still get their
 * own audit row (the actor is known and rate-limited per session).
 */
import type { Logger } from "../logger.js";

export interface RefusalCounter {
  /** Counts one anonymous refusal of `action` (a procedure path). */
  count(action: string, ip: string | null): void;
  /** Totals since the process started, and by action (the 50 most refused). */
  snapshot(): { total: number; byAction: Record<string, number>; logLines: number };
}

const LOG_EVERY_MS = 60_000;
const MAX_ACTIONS = 500;

export function createRefusalCounter(logger: Logger, now: () => Date, every = LOG_EVERY_MS): RefusalCounter {
  let total = 0;
  let sinceLine = 0;
  let lastLine = -Infinity;
  let logLines = 0;
  const byAction = new Map<string, number>();
  const addresses = new Set<string>();

  return {
    count(action, ip) {
      total += 1;
      sinceLine += 1;
      const key = byAction.has(action) || byAction.size < MAX_ACTIONS ? action.slice(0, 100) : "(other)";
      byAction.set(key, (byAction.get(key) ?? 0) + 1);
      if (ip && addresses.size < 1000) addresses.add(ip);
      const t = now().getTime();
      if (t - lastLine >= every) {
        logger.warn({ anonymousRefusals: sinceLine, total, addresses: addresses.size }, "requests refused: not signed in");
        logLines += 1;
        lastLine = t;
        sinceLine = 0;
        addresses.clear();
      }
    },
    snapshot() {
      const top = [...byAction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 50);
      return { total, byAction: Object.fromEntries(top), logLines };
    },
  };
}
