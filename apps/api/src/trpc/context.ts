/**
 * The tRPC context. `createContext` (HTTP) loads the session from the
 * request's cookie; `createContextInner` takes a user id directly (tests,
 * scripts). Both load the user fresh from the database on every request, so a
 * role change or a disabled account applies to the very next call.
 */
import { randomUUID } from "node:crypto";
import { isRole, type HandoverLock, type TRole } from "@evident/core";
import type { AuditRowInput } from "@evident/db";
import type { AuditQueue } from "../audit/group-commit.js";
import type { RefusalCounter } from "../audit/refusals.js";
import type { Auth } from "../auth/auth.js";
import { loadSession } from "../auth/session.js";
import type { ApiConfig } from "../config.js";
import type { Db, PrismaClient } from "../db.js";
import type { Logger } from "../logger.js";
import type { MailSender } from "../mail/outbox.js";

export interface ApiDeps {
  db: Db;
  auth: Auth;
  config: ApiConfig;
  logger: Logger;
  /** The clock (tests move it). */
  now: () => Date;
  /** Audit rows of reads, written by group commit (audit/group-commit.ts). */
  auditQueue: AuditQueue<AuditRowInput>;
  /** Delivers the email outbox over SMTP when SMTP_URL is set (mail/outbox.ts). */
  mail: MailSender;
  /** Anonymous refusals, counted rather than audited one row each (audit/refusals.ts). */
  refusals: RefusalCounter;
}

/** Audit rows this request has written so far (shared by every copy of the context tRPC makes). */
export interface AuditTally {
  rows: number;
}

export interface SessionUser {
  id: string;
  role: TRole;
  teamId: string | null;
  /** The staff record linked to the login (allocations and facilitation are by staff). */
  staffId: string | null;
  name: string;
}

export interface Context {
  deps: ApiDeps;
  prisma: PrismaClient;
  requestId: string;
  user: SessionUser | null;
  sessionId: string | null;
  /** Set while the session is handed to a participant (session_lock): everything else is refused. */
  lock: HandoverLock | null;
  ip: string | null;
  now: Date;
  logger: Logger;
  audit: AuditTally;
}

export async function loadUser(prisma: PrismaClient, userId: string): Promise<SessionUser | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, teamId: true, staffId: true, name: true, disabled: true },
  });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, role: user.role, teamId: user.teamId ?? null, staffId: user.staffId ?? null, name: user.name };
}

export interface InnerOptions {
  deps: ApiDeps;
  userId?: string | null;
  /** The user already loaded with the session (HTTP); otherwise `userId` is loaded. */
  user?: SessionUser | null;
  sessionId?: string | null;
  /** The session's hand-over lock, loaded with the session (HTTP). */
  lock?: HandoverLock | null;
  requestId?: string;
  ip?: string | null;
}

export async function createContextInner(opts: InnerOptions): Promise<Context> {
  const { deps } = opts;
  const prisma = deps.db.prisma;
  const user = opts.user !== undefined ? opts.user : opts.userId ? await loadUser(prisma, opts.userId) : null;
  return {
    deps,
    prisma,
    requestId: opts.requestId ?? randomUUID(),
    user,
    sessionId: user ? (opts.sessionId ?? null) : null,
    lock: user ? (opts.lock ?? null) : null,
    ip: opts.ip ?? null,
    now: deps.now(),
    logger: deps.logger,
    audit: { rows: 0 },
  };
}

export async function createContext(deps: ApiDeps, req: Request, requestId: string, ip: string | null): Promise<Context> {
  const session = await loadSession(deps.auth, deps.db.raw, req.headers, deps.now());
  return createContextInner({ deps, user: session?.user ?? null, sessionId: session?.sessionId ?? null, lock: session?.lock ?? null, requestId, ip });
}
