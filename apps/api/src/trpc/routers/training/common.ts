/** Shared pieces of the training router: the procedure builder, input parts and the audit call. */
import { ZDate, ZId, zLine, type TPermission } from "@evident/core";
import { z } from "zod";
import { recordAudit, type AuditEntry } from "../../../audit/audit.js";
import type { DbClient } from "../../../db.js";
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
