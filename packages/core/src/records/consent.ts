/**
 * Consent to share, recorded per person, purpose and recipient agency:
 * given, refused or withdrawn, with the date of the decision and an optional
 * expiry. The agencies and purposes are code lists so that a share to
 * "police" is matched against consent to "police", never a spelling of it.
 * The share decision itself is `decideShare` in access/consent.ts.
 */
import { z } from "zod";
import { SHARE_OVERRIDE_MIN_REASON } from "../access/consent.js";
import { ZDate, ZId, ZPage, ZVersion, zText } from "./common.js";

/** Agencies the trust shares with (hub meetings, onward referrals, consent recipients). */
export const AGENCIES = [
  "police",
  "mental_health",
  "camhs",
  "drug_alcohol",
  "health_visiting",
  "gp",
  "school",
  "housing",
  "probation",
  "youth_justice",
  "early_help",
  "domestic_abuse_service",
  "adult_social_care",
  "other",
] as const;
export type TAgency = (typeof AGENCIES)[number];
export const ZAgency = z.enum(AGENCIES);

/** What the information is shared for. */
export const CONSENT_PURPOSES = ["hub_multi_agency", "programme_referral", "onward_referral", "evaluation"] as const;
export type TConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const ZConsentPurpose = z.enum(CONSENT_PURPOSES);

export const CONSENT_STATUSES = ["given", "refused", "withdrawn"] as const;
export type TConsentStatus = (typeof CONSENT_STATUSES)[number];

export const ZShareOverride = z
  .object({
    /** Why sharing without consent is justified (e.g. a child at risk of significant harm). */
    reason: z.string().trim().min(SHARE_OVERRIDE_MIN_REASON).max(1000),
  })
  .strict();
export type TShareOverride = z.infer<typeof ZShareOverride>;

export const ZConsentListInput = ZPage.extend({
  personId: ZId.optional(),
  familyId: ZId.optional(),
  purpose: ZConsentPurpose.optional(),
  recipientAgency: ZAgency.optional(),
}).strict();

export const ZConsentCreateInput = z
  .object({
    personId: ZId,
    purpose: ZConsentPurpose,
    recipientAgency: ZAgency,
    /** Only "given" or "refused": a withdrawal is recorded with `consent.withdraw`. */
    status: z.enum(["given", "refused"]),
    decidedAt: ZDate,
    expiresAt: ZDate.optional(),
    notes: zText(2000).optional(),
  })
  .strict()
  .refine((c) => !c.expiresAt || c.expiresAt > c.decidedAt, { message: "the expiry must be after the date of the decision", path: ["expiresAt"] })
  .refine((c) => c.status === "given" || c.expiresAt === undefined, { message: "only consent that is given can expire", path: ["expiresAt"] });

export const ZConsentWithdrawInput = z
  .object({
    id: ZId,
    version: ZVersion,
    withdrawnAt: ZDate,
    notes: zText(2000).optional(),
  })
  .strict();

export const ZConsentCheckInput = z
  .object({
    personId: ZId,
    purpose: ZConsentPurpose,
    recipientAgency: ZAgency,
    override: ZShareOverride.optional(),
  })
  .strict();
