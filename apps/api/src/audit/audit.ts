/**
 * The audit log: one append-only row for every read and write of a person's
 * record, every denial and every sign-in attempt: who, role, when, action
 * (`<router>.<verb>`), which records, which fields (names, never values),
 * the reason for an override, the outcome and the request id. Writes pass
 * the transaction client so the audit row commits with the change.
 */
import { randomUUID } from "node:crypto";
import type { ApiDeps, Context } from "../trpc/context.js";
import type { DbClient } from "../db.js";

export type AuditOutcome = "success" | "denied" | "failure";

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  entityType?: string;
  entityIds?: readonly string[];
  /** People whose records were read or written ("who viewed this person"). */
  personIds?: readonly string[];
  fields?: readonly string[];
  reason?: string;
  /** Override the context's actor (sign-in attempts). */
  actorId?: string | null;
  actorRole?: string | null;
}

type AuditCtx = Pick<Context, "prisma" | "requestId" | "user" | "ip" | "now" | "logger"> & { audit?: Context["audit"] };

/** Notes on the request that it has written an audit row (the procedure wrapper then adds none of its own). */
function tally(ctx: { audit?: Context["audit"] }): void {
  if (ctx.audit) ctx.audit.rows += 1;
}

/**
 * An audit row for the caller to write in its own transaction (e.g. an importer's commit): the request
 * is noted as audited, so the procedure wrapper adds no second row for the same call.
 */
export function auditRow(ctx: Omit<AuditCtx, "prisma" | "logger">, entry: AuditEntry) {
  tally(ctx);
  return {
    at: ctx.now,
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.user?.id ?? null),
    actorRole: entry.actorRole !== undefined ? entry.actorRole : (ctx.user?.role ?? null),
    action: entry.action.slice(0, 100),
    entityType: entry.entityType ?? null,
    entityIds: [...(entry.entityIds ?? [])].slice(0, 1000),
    personIds: [...new Set(entry.personIds ?? [])].slice(0, 1000),
    fields: [...(entry.fields ?? [])].slice(0, 200),
    reason: entry.reason ? entry.reason.slice(0, 1000) : null,
    outcome: entry.outcome,
    requestId: ctx.requestId,
    ip: ctx.ip ?? null,
  };
}

/**
 * Audits a read through the group-commit queue (`deps.auditQueue`): resolves
 * once the row is committed, so the caller answers only after it is durable.
 */
export async function auditRead(ctx: Omit<AuditCtx, "prisma" | "logger"> & { deps: Pick<ApiDeps, "auditQueue"> }, entry: AuditEntry): Promise<void> {
  tally(ctx);
  await ctx.deps.auditQueue.append({ id: randomUUID(), ...auditRow(ctx, entry) });
}

/**
 * Appends an audit row. With `client` (a transaction) the row commits or rolls
 * back with the change; without, it is written on its own. A failure to write
 * an audit row for a write is an error (the change must not commit without
 * it); for denials it is logged and the denial still stands.
 */
export async function recordAudit(ctx: AuditCtx, entry: AuditEntry, client?: DbClient): Promise<void> {
  const target = client ?? ctx.prisma;
  tally(ctx);
  if (client || entry.outcome === "success") {
    await target.auditLog.create({ data: auditRow(ctx, entry) });
    return;
  }
  try {
    await target.auditLog.create({ data: auditRow(ctx, entry) });
  } catch (err) {
    ctx.logger.error({ err, requestId: ctx.requestId, action: entry.action }, "could not write audit row for a denial");
  }
}
