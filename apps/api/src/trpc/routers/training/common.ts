/** Shared pieces of the training router: the procedure builder, input parts and the audit call. */
import { assignRefusals, isDomainError, ZDate, ZId, zLine, type Assigner, type TPermission } from "@evident/core";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit, type AuditEntry } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
import { fieldProblems } from "../../errors.js";
import { authorised } from "../../trpc.js";
import type { AuthedContext } from "../scope.js";
import { STAFF_ROLES } from "./data.js";
import { ensureTrainingCatalogue } from "./seed.js";

/** `authorised(permission)` plus the catalogue bootstrap (once per database). */
export function trainingProcedure(permission: TPermission) {
  return authorised(permission).use(async ({ ctx, next }) => {
    await ensureTrainingCatalogue(ctx.prisma);
    return next();
  });
}

export const ZStaffRole = z.enum(STAFF_ROLES);
export const ZLanguages = z.array(zLine(40)).max(20);
export { ZDate, ZId, zLine };

/** An optional "as of" day; defaults to today on the server. */
export const ZAsOf = ZDate.optional();

export async function audit(ctx: AuthedContext, action: string, entry: Omit<AuditEntry, "action" | "outcome">, tx?: DbClient) {
  await recordAudit(ctx, { action: `training.${action}`, outcome: "success", ...entry }, tx);
}

export const clip = <T>(list: readonly T[], max = 1000) => list.slice(0, max);

/** The caller as the core's "who may assign to whom" rule sees them: a manager's own team(s). */
export function assignerOf(ctx: AuthedContext): Assigner {
  return { role: ctx.user.role, teamIds: ctx.user.teamId ? [ctx.user.teamId] : [] };
}

/** Refuses (403, naming the people) when the caller may not assign training to any of `people` (core `mayAssignTo`). */
export function checkMayAssign(ctx: AuthedContext, people: readonly { id: string; name: string; teamId: string | null }[]): void {
  const refused = assignRefusals(assignerOf(ctx), people);
  if (refused.length > 0) throw new TRPCError({ code: "FORBIDDEN", message: refused.map((r) => r.message).join(" ") });
}

/** Runs a core rule; its refusals that name a field become a 400 naming that field (as a schema error would). */
export function ruled<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (isDomainError(error) && error.code === "INVALID_INPUT" && error.issues.some((i) => i.path?.length)) {
      throw fieldProblems(error.issues.filter((i) => i.path?.length).map((i) => ({ path: i.path!.join("."), message: i.message })));
    }
    throw error;
  }
}
