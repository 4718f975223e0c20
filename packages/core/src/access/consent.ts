/**
 * Consent to share: may a person's information go to an agency for a
 * purpose? Pure decision, used by `consent.check` and by every share or
 * export path in the API. The latest decision recorded for the person,
 * purpose and agency counts: consent that is given, not withdrawn and not
 * expired allows the share; anything else refuses it, unless a manager
 * (the `consent:override` permission) records a safeguarding override with
 * a reason (e.g. a child at risk of significant harm; HM Government,
 * Information sharing advice 2024). Withdrawal takes effect from the moment
 * it is recorded, so it blocks the very next share.
 */
import type { TRole } from "./roles.js";
import { can } from "./permissions.js";

export const SHARE_OVERRIDE_MIN_REASON = 20;

export interface ConsentRecord {
  id: string;
  personId: string;
  purpose: string;
  recipientAgency: string;
  status: "given" | "refused" | "withdrawn";
  decidedAt: Date;
  withdrawnAt?: Date | null;
  /** The consent no longer applies from this instant. */
  expiresAt?: Date | null;
}

export interface ShareRequest {
  personId: string;
  purpose: string;
  recipientAgency: string;
}

/** Why consent does not allow a share. */
export type ConsentGap = "no_consent" | "refused" | "withdrawn" | "expired";

export type ShareDecision =
  | { allowed: true; basis: "consent"; consentId: string }
  | { allowed: true; basis: "override"; gap: ConsentGap; consentId: string | null; overrideReason: string }
  | { allowed: false; gap: ConsentGap; consentId: string | null; overrideProblem: string | null };

/** The consent that applies to a request at `now`: the latest decision recorded for that person, purpose and agency. */
export function applicableConsent(records: readonly ConsentRecord[], request: ShareRequest, now: Date): ConsentRecord | null {
  let latest: ConsentRecord | null = null;
  for (const r of records) {
    if (r.personId !== request.personId || r.purpose !== request.purpose || r.recipientAgency !== request.recipientAgency) continue;
    if (r.decidedAt.getTime() > now.getTime()) continue;
    if (!latest || r.decidedAt.getTime() >= latest.decidedAt.getTime()) latest = r;
  }
  return latest;
}

/** Does consent alone allow the share? Returns null when it does, or the gap. */
export function consentGap(record: ConsentRecord | null, now: Date): ConsentGap | null {
  if (!record) return "no_consent";
  if (record.status === "refused") return "refused";
  if (record.status === "withdrawn") return "withdrawn";
  if (record.withdrawnAt && record.withdrawnAt.getTime() <= now.getTime()) return "withdrawn";
  if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

/** Problem with an override request, or null when the actor may share without consent for this reason. */
export function shareOverrideProblem(actorRole: TRole, reason: string | undefined): string | null {
  if (!can(actorRole, "consent:override")) return "only a manager can share without consent";
  if (!reason || reason.trim().length < SHARE_OVERRIDE_MIN_REASON) return `a safeguarding reason of at least ${SHARE_OVERRIDE_MIN_REASON} characters is needed to share without consent`;
  return null;
}

export interface DecideShareInput {
  request: ShareRequest;
  consents: readonly ConsentRecord[];
  actor: { role: TRole };
  override?: { reason: string } | null;
  now: Date;
}

/**
 * Whether a person's information may go to an agency for a purpose: on the latest applicable consent, or else
 * on a manager's safeguarding override with a reason; says which consent or gap the decision rests on.
 */
export function decideShare(input: DecideShareInput): ShareDecision {
  const record = applicableConsent(input.consents, input.request, input.now);
  const gap = consentGap(record, input.now);
  if (gap === null && record) return { allowed: true, basis: "consent", consentId: record.id };
  const g = gap ?? "no_consent";
  if (!input.override) return { allowed: false, gap: g, consentId: record?.id ?? null, overrideProblem: null };
  const problem = shareOverrideProblem(input.actor.role, input.override.reason);
  if (problem) return { allowed: false, gap: g, consentId: record?.id ?? null, overrideProblem: problem };
  return { allowed: true, basis: "override", gap: g, consentId: record?.id ?? null, overrideReason: input.override.reason.trim() };
}

/** Decides a share of several people's information at once: allowed only if every person's share is. */
export function decideShareForAll(
  personIds: readonly string[],
  base: Omit<DecideShareInput, "request"> & { purpose: string; recipientAgency: string },
): { allowed: boolean; decisions: { personId: string; decision: ShareDecision }[] } {
  const decisions = personIds.map((personId) => ({
    personId,
    decision: decideShare({ ...base, request: { personId, purpose: base.purpose, recipientAgency: base.recipientAgency } }),
  }));
  return { allowed: decisions.length > 0 && decisions.every((d) => d.decision.allowed), decisions };
}

/** Plain words for a consent gap (for messages and audit reasons; no personal data). */
export function describeConsentGap(gap: ConsentGap): string {
  switch (gap) {
    case "no_consent":
      return "no consent is recorded";
    case "refused":
      return "consent was refused";
    case "withdrawn":
      return "consent was withdrawn";
    case "expired":
      return "consent has expired";
  }
}
