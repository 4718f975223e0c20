/**
 * tRPC initialisation: the error formatter, the procedure builder and the
 * deny-by-default rule. Every procedure is built with `authorised(permission)`,
 * which records the permission in the procedure's meta; the base middleware
 * refuses any call whose procedure has no permission, whose caller is not
 * signed in, or whose caller's role does not hold the permission. Denials are
 * audited.
 */
import { can, HANDOVER_REFUSAL, handoverAllows, plainZodError, rolesFor, type TPermission, type TRole } from "@evident/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { auditRead, recordAudit } from "../audit/audit.js";
import { isAuditExempt } from "../audit/exempt.js";
import type { Context, SessionUser } from "./context.js";
import { fieldProblems, toTRPCError } from "./errors.js";
import { inputProblems } from "./sanitise.js";

export interface Meta {
  /** The permission a caller's role must hold. Absent → every call is refused. */
  permission?: TPermission;
}

// Plain words for every zod issue without a message of its own (the schemas' own messages still win).
z.config({ customError: plainZodError });

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

export interface FieldError {
  path: string;
  message: string;
}

function flattenZod(error: ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: clip(issue.path.map(String).join("."), 200) || "(input)",
    message: clip(issue.message),
  }));
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId ?? null;
      const data = { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, requestId };
      if (error.code === "INTERNAL_SERVER_ERROR") {
        return {
          code: shape.code,
          message: `Something went wrong on our side. If it keeps happening, quote reference ${requestId ?? "unknown"}.`,
          data,
        };
      }
      if (error.cause instanceof ZodError) {
        return { code: shape.code, message: "Some of the information sent is not valid", data: { ...data, fieldErrors: flattenZod(error.cause) } };
      }
      return { code: shape.code, message: clip(error.message), data };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Record ids named in an input (top level and one level down, e.g. `patch`), for the audit row the wrapper writes. */
function idsInInput(input: unknown): { entityIds: string[]; personIds: string[] } {
  const entityIds: string[] = [];
  const personIds: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== "object" || Array.isArray(value) || depth > 1) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const ids = typeof v === "string" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;
      if (ids && (key === "id" || /Ids?$/.test(key))) {
        const clipped = ids.filter((id) => id.length <= 64).slice(0, 100);
        entityIds.push(...clipped);
        if (/^(person|child|victim|perpetrator)Ids?$/.test(key)) personIds.push(...clipped);
      } else visit(v, depth + 1);
    }
  };
  visit(input, 0);
  return { entityIds: entityIds.slice(0, 200), personIds };
}

/**
 * Deny by default: a signed-in caller whose role holds the procedure's declared permission.
 * Anonymous calls are refused and counted (audit/refusals.ts), not audited one row each.
 * Then the one input sanitiser (sanitise.ts): text PostgreSQL cannot store and numbers beyond an
 * int4 column are a 400 naming the field. On the way out, domain and database errors become tRPC
 * errors (404, 409) before the formatter sees them, and a call that wrote no audit row of its own
 * gets one here: a success naming the records in its input, or a refusal on a record id (404, 403)
 * as a failed attempt (audit/exempt.ts lists the few procedures that need none).
 * (One middleware rather than several: each step of tRPC's chain copies the call's options.)
 */
const enforcePermission = t.middleware(async ({ ctx, meta, path, next, getRawInput }) => {
  const permission = meta?.permission;
  if (!ctx.user) {
    ctx.deps.refusals.count(path, ctx.ip);
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  }
  // A session handed to a participant: only their questionnaire and the worker's unlock (core access/handover.ts).
  if (ctx.lock && !handoverAllows(ctx.lock, path, await getRawInput())) {
    await recordAudit(ctx, { action: path, outcome: "denied", reason: "session handed to a participant" });
    throw new TRPCError({ code: "FORBIDDEN", message: HANDOVER_REFUSAL });
  }
  if (!permission || !can(ctx.user.role, permission)) {
    await recordAudit(ctx, { action: path, outcome: "denied", reason: permission ? `role lacks ${permission}` : "procedure has no permission" });
    throw new TRPCError({ code: "FORBIDDEN", message: "You do not have permission to do this" });
  }
  const rawInput = await getRawInput();
  const problems = inputProblems(rawInput);
  if (problems.length > 0) throw fieldProblems(problems);
  // A tally of this call's own audit rows (the context is shared by every procedure of a batch).
  const audit = { rows: 0 };
  const result = await next({ ctx: { user: ctx.user as SessionUser, permission, audit } });
  if (result.ok) {
    if (audit.rows === 0 && !isAuditExempt(path)) await auditRead(ctx, { action: path, outcome: "success", ...idsInInput(rawInput) });
    return result;
  }
  let err = result.error;
  if (err.code === "INTERNAL_SERVER_ERROR" && err.cause) err = toTRPCError(err.cause) ?? err;
  if (audit.rows === 0 && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) {
    await auditRead(ctx, { action: path, outcome: err.code === "NOT_FOUND" ? "failure" : "denied", reason: err.code === "NOT_FOUND" ? "not found or out of scope" : "refused by the procedure", ...idsInInput(rawInput) });
  }
  if (err !== result.error) throw err;
  return result;
});

const baseProcedure = t.procedure.use(enforcePermission);

/**
 * The only procedure builder routers use: `authorised("families:read").input(...).query(...)`.
 */
export function authorised(permission: TPermission) {
  return baseProcedure.meta({ permission });
}

/** Roles allowed to call a procedure declared with `permission` (for docs and the matrix test). */
export function rolesOf(permission: TPermission | undefined): readonly TRole[] {
  return permission ? rolesFor(permission) : [];
}

/**
 * A procedure builder with no permission, kept only so tests can prove that
 * an undeclared procedure is refused. Never use it in a router.
 */
export const undeclaredProcedureForTests = baseProcedure;
