/**
 * tRPC initialisation: the error formatter, the procedure builder and the
 * deny-by-default rule. Every procedure is built with `authorised(permission)`,
 * which records the permission in the procedure's meta; the base middleware
 * refuses any call whose procedure has no permission, whose caller is not
 * signed in, or whose caller's role does not hold the permission. Denials are
 * audited.
 */
import { can, rolesFor, type TPermission, type TRole } from "@evident/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { recordAudit } from "../audit/audit.js";
import type { Context, SessionUser } from "./context.js";
import { toTRPCError } from "./errors.js";

export interface Meta {
  /** The permission a caller's role must hold. Absent → every call is refused. */
  permission?: TPermission;
}

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

/**
 * Deny by default: a signed-in caller whose role holds the procedure's declared permission.
 * Then, on the way out, domain and database errors become tRPC errors (404, 409) before the
 * formatter sees them. (One middleware rather than two: each step of tRPC's chain copies the call's options.)
 */
const enforcePermission = t.middleware(async ({ ctx, meta, path, next }) => {
  const permission = meta?.permission;
  if (!ctx.user) {
    await recordAudit(ctx, { action: path, outcome: "denied", reason: "not signed in" });
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  }
  if (!permission || !can(ctx.user.role, permission)) {
    await recordAudit(ctx, { action: path, outcome: "denied", reason: permission ? `role lacks ${permission}` : "procedure has no permission" });
    throw new TRPCError({ code: "FORBIDDEN", message: "You do not have permission to do this" });
  }
  const result = await next({ ctx: { user: ctx.user as SessionUser, permission } });
  if (!result.ok) {
    const err = result.error;
    if (err.code === "INTERNAL_SERVER_ERROR" && err.cause) {
      const mapped = toTRPCError(err.cause);
      if (mapped) throw mapped;
    }
  }
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
