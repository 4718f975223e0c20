/**
 * The Hono application: one process, one port, the whole product. Builds the
 * app without listening so tests can call `app.request(...)`.
 *
 *   GET  /health            200 while the process is alive and the database answers, 503 otherwise
 *   GET  /ready             200 when the database answers and every committed migration is applied
 *   *    /api/auth/*        better-auth (sign-in, sign-out, sessions, single sign-on callback)
 *   GET  /api/sso           whether single sign-on is on, and its label
 *   *    /trpc/*            the tRPC API
 *   GET  /training/*        the built training app (SPA)
 *   GET  /*                 the built portal (SPA)
 */
import { trpcServer } from "@hono/trpc-server";
import { Hono, type Context as HonoContext } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HANDOVER_REFUSAL } from "@evident/core";
import { insertAuditRows, pendingMigrations, type AuditRowInput } from "@evident/db";
import { createAuditQueue } from "./audit/group-commit.js";
import { createRefusalCounter } from "./audit/refusals.js";
import { createAuth, type Auth } from "./auth/auth.js";
import { whileAuthRuns } from "./auth/context-storage.js";
import { loadSession } from "./auth/session.js";
import { ssoOptions } from "./auth/sso.js";
import type { ApiConfig } from "./config.js";
import type { Db } from "./db.js";
import type { AppEnv } from "./http/env.js";
import { corsAllowlist, csrfGuard, requestId, securityHeaders } from "./http/security.js";
import { trpcRateLimit } from "./http/rate-limit.js";
import { mountFrontEnd } from "./http/static.js";
import { silentLogger, type Logger } from "./logger.js";
import { createMailSender } from "./mail/outbox.js";
import { createContext, type ApiDeps } from "./trpc/context.js";
import { appRouter } from "./trpc/root.js";

export interface CreateAppOptions {
  db: Db;
  config: ApiConfig;
  logger?: Logger;
  now?: () => Date;
}

export interface EvidentApp {
  app: Hono<AppEnv>;
  deps: ApiDeps;
  auth: Auth;
}

const RESERVED = /^\/(trpc|api|health|ready)(\/|$)/;
export const MAX_BODY_BYTES = 512 * 1024;
/** Statutory return uploads (SSDA903 / CIN census files as text). Larger histories: bench/import.mjs shows the bulk path. */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;
const UPLOAD_PROCEDURES = new Set(["statutory.dryRun", "statutory.commit", "ssd.dryRun", "ssd.commit"]);
function isUploadPath(pathname: string): boolean {
  if (!pathname.startsWith("/trpc/")) return false;
  const procedures = decodeURIComponent(pathname.slice("/trpc/".length)).split(",");
  return procedures.length > 0 && procedures.every((p) => UPLOAD_PROCEDURES.has(p));
}

function clientIp(c: HonoContext<AppEnv>): string | null {
  // Set by main.ts from the socket; app.request() in tests has no socket.
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

export function createApp(options: CreateAppOptions): EvidentApp {
  const { db, config } = options;
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const mail = createMailSender({ prisma: db.prisma, config, logger, now });
  const auth = createAuth({ prisma: db.prisma, config, logger, now, mail });
  const auditQueue = createAuditQueue<AuditRowInput>((rows) => insertAuditRows(db.auditSql, rows));
  const deps: ApiDeps = { db, auth, config, logger, now, auditQueue, mail, refusals: createRefusalCounter(logger, now) };
  const app = new Hono<AppEnv>();

  app.use("*", requestId());
  app.use("*", async (c, next) => {
    const started = performance.now();
    c.set("logger", logger);
    await next();
    const status = c.res.status;
    const entry = { requestId: c.get("requestId"), method: c.req.method, path: c.req.path.slice(0, 200), status, ms: Math.round(performance.now() - started) };
    if (status >= 500) logger.error(entry, "request failed");
    else logger.info(entry, "request");
  });
  app.use("*", securityHeaders());
  app.use("/trpc/*", trpcRateLimit(config.trpcLimits, now, clientIp));
  app.use("/trpc/*", corsAllowlist(config.allowedOrigins));
  app.use("/api/*", corsAllowlist(config.allowedOrigins));
  for (const path of ["/trpc/*", "/api/*"]) {
    app.use(path, csrfGuard(config.allowedOrigins));
    const tooLarge = (c: HonoContext<AppEnv>) => c.json({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large" } }, 413);
    const small = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
    // Statutory return files and SSD extracts are uploaded as text to statutory.dryRun / statutory.commit / ssd.dryRun / ssd.commit (and nothing else in the batch).
    const upload = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: tooLarge });
    // GET and HEAD carry no body the API reads (tRPC queries take their input in the URL, whose size
    // Node's header limit bounds), so they skip the check: reading `body` would make the Node adapter
    // build a full fetch Request for every query, about 0.2 ms of CPU each (docs/benchmarks.md).
    app.use(path, (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : isUploadPath(c.req.path) ? upload(c, next) : small(c, next)));
  }

  const withinTwoSeconds = <T>(work: Promise<T>) =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref())]);

  app.get("/health", async (c) => {
    try {
      await withinTwoSeconds(db.prisma.$queryRaw`SELECT 1`);
      return c.json({ status: "ok", database: db.kind });
    } catch {
      return c.json({ status: "unavailable" }, 503);
    }
  });

  // Ready for traffic: the database answers and has every migration this code expects (a load
  // balancer keeps a new version out of rotation until `db:migrate` has run on PostgreSQL).
  app.get("/ready", async (c) => {
    let pending: string[];
    try {
      pending = await withinTwoSeconds(pendingMigrations(db));
    } catch {
      return c.json({ status: "unavailable", reason: "The database is not reachable." }, 503);
    }
    if (pending.length > 0) return c.json({ status: "unavailable", reason: `${pending.length} database migration(s) not applied: run npm run db:migrate -w @evident/db.`, pending }, 503);
    return c.json({ status: "ready", database: db.kind });
  });

  // The sign-in page asks whether single sign-on is on (no secrets: the label and provider id).
  app.get("/api/sso", (c) => c.json(ssoOptions(config)));

  app.on(["GET", "POST"], "/api/auth/*", async (c) => {
    // A session handed to a participant may only ask who is signed in or sign out (core access/handover.ts).
    if (!/\/api\/auth\/(get-session|sign-out)$/.test(c.req.path) && c.req.header("cookie")?.includes("session_token")) {
      const session = await loadSession(auth, db.raw, c.req.raw.headers, now());
      if (session?.lock) return c.json({ code: "HANDED_OVER", message: HANDOVER_REFUSAL }, 403);
    }
    const headers = new Headers(c.req.raw.headers);
    // The client address as seen on the socket; a client cannot set this header itself.
    headers.set(config.clientIpHeader, clientIp(c) ?? "127.0.0.1");
    const init: RequestInit & { duplex?: "half" } = { method: c.req.method, headers };
    if (c.req.method === "POST") {
      init.body = await c.req.raw.arrayBuffer();
    }
    const request = new Request(c.req.raw.url, init);
    const res = await whileAuthRuns(() => auth.handler(request));
    return new Response(res.body, { status: res.status, headers: res.headers });
  });

  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      createContext: async (_opts, c) =>
        (await createContext(deps, c.req.raw, (c as HonoContext<AppEnv>).get("requestId"), clientIp(c as HonoContext<AppEnv>))) as unknown as Record<string, unknown>,
      onError: ({ error, path, ctx }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          const requestId = (ctx as { requestId?: string } | undefined)?.requestId;
          logger.error({ requestId, path, err: error.cause ?? error }, "unexpected error in procedure");
        }
      },
    }),
  );

  mountFrontEnd(app, { prefix: "/training", dir: config.trainingDir, name: "training", reserved: RESERVED });
  mountFrontEnd(app, { prefix: "", dir: config.portalDir, name: "portal", reserved: RESERVED });

  app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: "Not found", requestId: c.get("requestId") } }, 404));
  app.onError((err, c) => {
    const id = c.get("requestId");
    logger.error({ requestId: id, err }, "unhandled error");
    return c.json({ error: { code: "INTERNAL_SERVER_ERROR", message: `Something went wrong on our side. Quote reference ${id}.`, requestId: id } }, 500);
  });

  return { app, deps, auth };
}
