/**
 * HTTP-level protections applied to every response, including errors and
 * 404s: a request id, security headers, CORS with a fixed allowlist, and CSRF
 * checks on every state-changing request.
 */
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./env.js";

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Assigns a request id (echoed in `x-request-id`); never trusts a client-sent one. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = randomUUID();
    c.set("requestId", id);
    await next();
    c.res.headers.set("x-request-id", id);
  };
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Security headers on every response. Set after the handler runs so that
 * they also land on errors, 404s and responses built by other libraries.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const isHtml = (h.get("content-type") ?? "").startsWith("text/html") && c.get("staticFile") === true;
    h.set("Content-Security-Policy", isHtml ? APP_CSP : API_CSP);
    h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    h.delete("X-Powered-By");
    // Hashed build assets may be cached; everything else (API, HTML) never is.
    if (c.get("cacheable") !== true) h.set("Cache-Control", "no-store");
  };
}

export function corsAllowlist(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  const handler = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ["GET", "POST"],
    allowHeaders: ["content-type", "trpc-accept", "x-trpc-source"],
    exposeHeaders: ["x-request-id"],
    maxAge: 600,
  }) as MiddlewareHandler<AppEnv>;
  // CORS headers speak only to a browser that sent Origin (every cross-origin request and
  // preflight does). Without one, hono's cors would still set its credential and expose headers
  // before the handler runs, and Hono would then rebuild the handler's response to merge them:
  // about 0.1 ms of CPU a request for headers nobody reads (docs/benchmarks.md).
  return async (c, next) => {
    if (c.req.header("origin") !== undefined) return handler(c, next);
    await next();
    c.res.headers.append("Vary", "Origin");
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF for JSON APIs: a state-changing request must be `application/json`
 * (which a cross-site form or `no-cors` fetch cannot send without a
 * preflight), must not come from a foreign Origin, and must not be marked
 * cross-site by the browser. Hono's own `csrf()` only looks at form types.
 */
export function csrfGuard(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    if (origin !== undefined && !allowed.has(origin)) {
      return c.json({ error: { code: "FORBIDDEN", message: "Cross-origin request refused" } }, 403);
    }
    const site = c.req.header("sec-fetch-site");
    if (site === "cross-site") {
      return c.json({ error: { code: "FORBIDDEN", message: "Cross-site request refused" } }, 403);
    }
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") {
      return c.json({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send application/json" } }, 415);
    }
    return next();
  };
}
