/**
 * The information barrier for MARAC referrals. A referral is about a victim;
 * it is never returned to anyone working with a perpetrator linked to the
 * victim (allocated to the perpetrator, or facilitating a perpetrators' group
 * the perpetrator is enrolled in). Unlike contact details, no safeguarding
 * override opens it. The relationships are those `people/barrier.ts` loads
 * (for many victims at once here); the decision is `barrierConflicts` in
 * @evident/core.
 */
import { barrierConflicts } from "@evident/core";
import { loadLinkedPerpetratorsOf } from "../people/barrier.js";
import type { AuthedContext } from "../scope.js";

/** The victims among `personIds` whose MARAC referrals the caller must not see. */
export async function barredVictims(ctx: AuthedContext, personIds: readonly string[]): Promise<Set<string>> {
  const barred = new Set<string>();
  for (const [victim, perpetrators] of await loadLinkedPerpetratorsOf(ctx, personIds)) {
    if (barrierConflicts(ctx.user.id, perpetrators).length > 0) barred.add(victim);
  }
  return barred;
}
