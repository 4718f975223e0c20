/**
 * Rate limits on /trpc, per session and per source address, answered with 429
 * and a Retry-After header. Fixed one-minute windows counted in memory (per
 * API process: with EVIDENT_WORKERS=N the effective limits are up to N times
 * higher). A batched request counts once per procedure in the batch, so one
 * GET of 300 procedures costs 300. The defaults are far above what a member of
 * staff or an office of staff behind one address does (a page asks for a
 * handful of procedures) and are set with EVIDENT_TRPC_LIMIT_PER_ADDRESS and
 * EVIDENT_TRPC_LIMIT_PER_SESSION (0 turns a limit off).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";

export interface TrpcRateLimits {
  /** Procedure calls per address per window (0 = no limit). */
  perAddress: number;
  /** Procedure calls per session per window (0 = no limit). */
  perSession: number;
  windowMs: number;
}

export const DEFAULT_TRPC_LIMITS: TrpcRateLimits = { perAddress: 6000, perSession: 1500, windowMs: 60_000 };

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=([^;]+)/;

/** Procedures in a /trpc path (`/trpc/a.b,c.d` → 2). */
export function proceduresIn(pathname: string): number {
  const rest = pathname.slice(pathname.indexOf("/trpc/") + "/trpc/".length);
  return rest ? rest.split(",").length : 1;
}

export function trpcRateLimit(limits: TrpcRateLimits, now: () => Date, ipOf: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string | null): MiddlewareHandler<AppEnv> {
  let windowStart = -Infinity;
  let byAddress = new Map<string, number>();
  let bySession = new Map<string, number>();
  return async (c, next) => {
    if (limits.perAddress <= 0 && limits.perSession <= 0) return next();
    const t = now().getTime();
    if (t - windowStart >= limits.windowMs) {
      windowStart = t - (t % limits.windowMs);
      byAddress = new Map();
      bySession = new Map();
    }
    const cost = proceduresIn(c.req.path);
    const address = ipOf(c) ?? "unknown";
    const session = SESSION_COOKIE.exec(c.req.header("cookie") ?? "")?.[1]?.slice(0, 200) ?? null;
    const usedByAddress = (byAddress.get(address) ?? 0) + cost;
    const usedBySession = session ? (bySession.get(session) ?? 0) + cost : 0;
    const over = (limits.perAddress > 0 && usedByAddress > limits.perAddress) || (session !== null && limits.perSession > 0 && usedBySession > limits.perSession);
    if (over) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + limits.windowMs - t) / 1000));
      c.header("Retry-After", String(retryAfter));
      return c.json({ error: { code: "TOO_MANY_REQUESTS", message: `Too many requests. Wait ${retryAfter} seconds and try again.`, requestId: c.get("requestId") } }, 429);
    }
    byAddress.set(address, usedByAddress);
    if (session) bySession.set(session, usedBySession);
    return next();
  };
}
