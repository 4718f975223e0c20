/**
 * Maps errors raised below the routers to tRPC errors: domain errors by their
 * code, Prisma's known request errors by theirs (P2025 record not found,
 * P2002 unique constraint, P2003/P2014 broken reference). Everything else
 * stays an INTERNAL_SERVER_ERROR, whose message the error formatter replaces
 * with a generic one before it reaches a client.
 */
import { isDomainError } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";

type PrismaLike = { code: string; name?: string; clientVersion?: string };

function isPrismaKnownError(error: unknown): error is PrismaLike {
  if (!error || typeof error !== "object") return false;
  const e = error as { code?: unknown; name?: unknown; clientVersion?: unknown };
  return typeof e.code === "string" && /^P\d{4}$/.test(e.code) && (e.name === "PrismaClientKnownRequestError" || typeof e.clientVersion === "string");
}

export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError) return error;
  if (isDomainError(error)) {
    const code = error.code === "INVALID_INPUT" ? "BAD_REQUEST" : error.code;
    return new TRPCError({ code, message: error.message });
  }
  if (isPrismaKnownError(error)) {
    switch (error.code) {
      case "P2025":
      case "P2001":
        return new TRPCError({ code: "NOT_FOUND", message: "Record not found" });
      case "P2002":
        return new TRPCError({ code: "CONFLICT", message: "A record with these details already exists" });
      case "P2003":
      case "P2014":
        return new TRPCError({ code: "NOT_FOUND", message: "A referenced record does not exist" });
      case "P2000":
        return new TRPCError({ code: "BAD_REQUEST", message: "A value is too long" });
      case "P2034":
        return new TRPCError({ code: "CONFLICT", message: "The record changed while saving; try again" });
      default:
        return null;
    }
  }
  return null;
}

export function notFound(what = "Record"): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: `${what} not found` });
}

export function forbidden(message = "You do not have permission to do this"): TRPCError {
  return new TRPCError({ code: "FORBIDDEN", message });
}

export function conflict(message = "This record was changed by someone else; reload and try again"): TRPCError {
  return new TRPCError({ code: "CONFLICT", message });
}

/**
 * A 400 naming the fields, from the core's problems (shown at the field like a
 * schema error). Made by parsing: a ZodError built with `new` is not an Error
 * to tRPC, so the formatter would not list the fields.
 */
export function fieldProblems(problems: readonly { path: string; message: string }[]): TRPCError {
  return new TRPCError({
    code: "BAD_REQUEST",
    message: problems[0]!.message,
    cause: z
      .unknown()
      .superRefine((_v, zctx) => {
        for (const p of problems) zctx.addIssue({ code: "custom", path: p.path.split("."), message: p.message });
      })
      .safeParse(null).error,
  });
}
