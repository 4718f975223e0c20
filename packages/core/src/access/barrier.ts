/**
 * The information barrier for domestic abuse. A victim's address, phone,
 * email and safe-contact preferences never reach anyone working with a
 * perpetrator linked to them: the perpetrator's allocated worker, or a
 * facilitator of a perpetrators' group the perpetrator is enrolled in. The
 * only way through is a safeguarding override recorded by a manager for a
 * named member of staff, with a reason, for a limited time; the API audits
 * every use.
 *
 * The decision is pure: the API loads the relationships and calls
 * `decideContactAccess`; lists, searches and exports never include contact
 * details at all.
 */
import type { TRole } from "./roles.js";
import { can } from "./permissions.js";

/** Longest time a safeguarding override may last (3 hours, as for break-glass access). */
export const MAX_OVERRIDE_MS = 3 * 60 * 60 * 1000;
/** Shortest reason a manager must give for an override. */
export const MIN_OVERRIDE_REASON = 10;

export interface LinkedPerpetrator {
  personId: string;
  /** Users allocated to work with the perpetrator. */
  allocatedUserIds: readonly string[];
  /** Facilitators of perpetrators' groups the perpetrator is enrolled in. */
  groupFacilitatorUserIds: readonly string[];
}

export interface SafeguardingOverrideGrant {
  id: string;
  /** The member of staff the override lets through. */
  userId: string;
  /** The person whose contact details it opens. */
  personId: string;
  reason: string;
  expiresAt: Date;
  revokedAt?: Date | null;
}

export interface ContactAccessInput {
  viewer: { userId: string; role: TRole };
  subject: {
    personId: string;
    linkedPerpetrators: readonly LinkedPerpetrator[];
    /** "closed" records (e.g. a refuge address) are never opened by an override. */
    confidentiality?: "normal" | "protected" | "closed";
  };
  overrides: readonly SafeguardingOverrideGrant[];
  now: Date;
}

export type BarrierConflict = "allocated_to_perpetrator" | "facilitates_perpetrator_group" | "is_perpetrator_record";

export type ContactAccessDecision =
  | { allowed: true; reason: "no_conflict" | "override"; overrideId?: string }
  | { allowed: false; reason: "role" | "closed_record" | BarrierConflict };

/** The barrier conflicts between a viewer and a subject, without overrides. */
export function barrierConflicts(viewerUserId: string, linked: readonly LinkedPerpetrator[]): BarrierConflict[] {
  const found = new Set<BarrierConflict>();
  for (const p of linked) {
    if (p.allocatedUserIds.includes(viewerUserId)) found.add("allocated_to_perpetrator");
    if (p.groupFacilitatorUserIds.includes(viewerUserId)) found.add("facilitates_perpetrator_group");
  }
  return [...found];
}

/** Is this override in force for the viewer and subject at `now`? */
export function overrideInForce(grant: SafeguardingOverrideGrant, viewerUserId: string, personId: string, now: Date): boolean {
  return (
    grant.userId === viewerUserId &&
    grant.personId === personId &&
    grant.reason.trim().length >= MIN_OVERRIDE_REASON &&
    !grant.revokedAt &&
    grant.expiresAt.getTime() > now.getTime()
  );
}

/**
 * Whether a member of staff may see a person's contact details: refused without `contact:read`, allowed when
 * they work with no perpetrator linked to the person, otherwise only under a safeguarding override in force
 * for them (never on a closed record).
 */
export function decideContactAccess(input: ContactAccessInput): ContactAccessDecision {
  const { viewer, subject, overrides, now } = input;
  if (!can(viewer.role, "contact:read")) return { allowed: false, reason: "role" };
  const conflicts = barrierConflicts(viewer.userId, subject.linkedPerpetrators);
  if (conflicts.length === 0) return { allowed: true, reason: "no_conflict" };
  if (subject.confidentiality === "closed") return { allowed: false, reason: "closed_record" };
  const grant = overrides.find((g) => overrideInForce(g, viewer.userId, subject.personId, now));
  if (grant) return { allowed: true, reason: "override", overrideId: grant.id };
  return { allowed: false, reason: conflicts[0]! };
}

/**
 * Writes about a victim (her contact details, consent, follow-ups, answers)
 * by someone working with a linked perpetrator are always refused: a
 * safeguarding override opens reading only, so nothing a barred worker does
 * during one outlives it.
 */
export function barredFromWriting(viewerUserId: string, linked: readonly LinkedPerpetrator[]): BarrierConflict | null {
  return barrierConflicts(viewerUserId, linked)[0] ?? null;
}

export interface OverrideRequest {
  grantedBy: { userId: string; role: TRole };
  userId: string;
  reason: string;
  durationMs: number;
}

/** Validates a request to record an override; returns the problem, or null when it may be recorded. */
export function overrideRequestProblem(request: OverrideRequest): string | null {
  if (!can(request.grantedBy.role, "override:write")) return "only a manager can record a safeguarding override";
  if (request.grantedBy.userId === request.userId) return "a manager cannot grant an override to themselves";
  if (request.reason.trim().length < MIN_OVERRIDE_REASON) return `the reason must be at least ${MIN_OVERRIDE_REASON} characters`;
  if (!(request.durationMs > 0) || request.durationMs > MAX_OVERRIDE_MS) return "an override lasts at most 3 hours";
  return null;
}
