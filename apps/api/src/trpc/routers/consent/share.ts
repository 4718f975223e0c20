/**
 * The consent gate every share or export path calls: loads the consent
 * records of the people whose information would be shared, asks
 * `decideShareForAll` (@evident/core) and, when the share is refused, audits
 * the refusal and throws FORBIDDEN. A share made under a manager's
 * safeguarding override is audited with its reason, and the other managers of
 * the family's team are notified (DA-3); the caller writes the success audit
 * row in its own transaction, using `shareAuditReason`.
 */
import { decideShareForAll, describeConsentGap, type ConsentRecord, type ShareDecision, type TAgency, type TConsentPurpose } from "@evident/core";
import type { DbClient } from "../../../db.js";
import { recordAudit } from "../../../audit/audit.js";
import { forbidden } from "../../errors.js";
import type { AuthedContext } from "../scope.js";

export interface ShareCheck {
  personIds: readonly string[];
  purpose: TConsentPurpose;
  recipientAgency: TAgency;
  override?: { reason: string } | undefined;
}

export interface ShareOutcome {
  allowed: boolean;
  decisions: { personId: string; decision: ShareDecision }[];
  /** True when at least one person's information goes under a safeguarding override. */
  overridden: boolean;
}

const consentSelect = { id: true, personId: true, purpose: true, recipientAgency: true, status: true, decidedAt: true, withdrawnAt: true, expiresAt: true } as const;

export async function loadConsents(client: DbClient, personIds: readonly string[], purpose: string, recipientAgency: string): Promise<ConsentRecord[]> {
  if (personIds.length === 0) return [];
  return (await client.consentToShare.findMany({ where: { personId: { in: [...personIds] }, purpose, recipientAgency }, select: consentSelect })) as ConsentRecord[];
}

/** Decides a share without side effects. */
export async function decideConsent(ctx: AuthedContext, check: ShareCheck): Promise<ShareOutcome> {
  const consents = await loadConsents(ctx.prisma, check.personIds, check.purpose, check.recipientAgency);
  const result = decideShareForAll(check.personIds, {
    consents,
    actor: { role: ctx.user.role },
    override: check.override ?? null,
    now: ctx.now,
    purpose: check.purpose,
    recipientAgency: check.recipientAgency,
  });
  return { ...result, overridden: result.decisions.some((d) => d.decision.allowed && d.decision.basis === "override") };
}

/** Why a share went ahead, for the audit row (no personal data). */
export function shareAuditReason(outcome: ShareOutcome, check: ShareCheck): string {
  const base = `${check.purpose} to ${check.recipientAgency}`;
  return outcome.overridden ? `shared without consent under a safeguarding override (${base}): ${check.override?.reason ?? ""}` : `shared with consent (${base})`;
}

/** Ids of the consent records a share relied on. */
export function consentIdsOf(outcome: ShareOutcome): string[] {
  return outcome.decisions.map((d) => d.decision.consentId).filter((id): id is string => !!id);
}

/**
 * Refuses (FORBIDDEN, audited as denied) unless every person's information may
 * be shared. `action` is the procedure path for the audit row.
 */
export async function requireConsent(ctx: AuthedContext, check: ShareCheck, action: string, entityIds: readonly string[]): Promise<ShareOutcome> {
  const outcome = await decideConsent(ctx, check);
  if (!outcome.allowed) {
    const refused = outcome.decisions.filter((d) => !d.decision.allowed);
    const gaps = [...new Set(refused.map((d) => (d.decision.allowed ? "" : describeConsentGap(d.decision.gap))))].filter(Boolean);
    const overrideProblem = refused.map((d) => (d.decision.allowed ? null : d.decision.overrideProblem)).find((p) => p);
    await recordAudit(ctx, {
      action,
      outcome: "denied",
      entityType: "ConsentToShare",
      entityIds,
      personIds: refused.map((d) => d.personId),
      reason: `consent to share (${check.purpose} to ${check.recipientAgency}): ${gaps.join("; ") || "nobody to share"}${overrideProblem ? `; ${overrideProblem}` : ""}`,
    });
    const who = check.personIds.length === 0 ? "There is nobody to share" : `Consent to share with ${check.recipientAgency.replace(/_/g, " ")} is not in force for ${refused.length} of ${check.personIds.length} people (${gaps.join("; ")})`;
    throw forbidden(overrideProblem ? `${who}. ${overrideProblem[0]!.toUpperCase()}${overrideProblem.slice(1)}.` : `${who}. A manager can share without consent by recording a safeguarding reason.`);
  }
  return outcome;
}

/** Tells the other managers of the team that information was shared without consent (no personal data in the message). */
export async function notifyOverride(ctx: AuthedContext, tx: DbClient, teamId: string | null, link: string): Promise<void> {
  if (!teamId) return;
  const managers = await tx.user.findMany({ where: { teamId, role: "manager", disabled: false, id: { not: ctx.user.id } }, select: { id: true } });
  if (managers.length === 0) return;
  await tx.notification.createMany({
    data: managers.map((m: { id: string }) => ({ userId: m.id, kind: "consent_override", title: "Information was shared without consent under a safeguarding override", body: "Review the reason recorded in the audit log.", link })),
  });
}
