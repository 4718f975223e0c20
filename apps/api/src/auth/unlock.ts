/**
 * Unlocking an account after too many failed sign-ins, as a small call into
 * the lockout's own state: today the lockout is decided from the sign-in
 * attempts in the audit log (auth.ts `lockoutFor`, core `decideLockout`),
 * where a success ends the run of failures. An unlock is therefore one more
 * attempt row, outcome "success", reason "unlocked by an administrator".
 * If the lockout moves elsewhere, only this function changes.
 */
import { auditRow } from "../audit/audit.js";
import type { DbClient } from "../db.js";
import { SIGN_IN_ACTION, signInKey } from "./auth.js";

export async function unlockSignIn(client: DbClient, user: { id: string; email: string }, by: { adminId: string; now: Date; requestId: string; ip: string | null }): Promise<void> {
  await client.auditLog.create({
    data: auditRow(
      { now: by.now, requestId: by.requestId, user: null, ip: by.ip },
      { action: SIGN_IN_ACTION, outcome: "success", entityType: "SignIn", entityIds: [signInKey(user.email), user.id], actorId: by.adminId, actorRole: "admin", reason: "unlocked by an administrator" },
    ),
  });
}
