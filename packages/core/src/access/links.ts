/**
 * Where the information barrier's victim–perpetrator relationships come from.
 * A link exists as soon as the records say so, with no extra step:
 *
 * - `family`: two people of one family recorded with the family roles
 *   `victim` and `perpetrator` (whatever the dates of their membership: a
 *   separated couple stays linked);
 * - `marac`: a MARAC referral of the victim that names the perpetrator;
 * - an explicit link recorded by staff (`marac`, `police`, `disclosure`,
 *   `assessment` or `other`), across families too — ex-partners rarely share
 *   a family record. An explicit link can be ended by a manager, with a
 *   reason; the links the records imply end only when the records change.
 *
 * Who is barred from a victim by a link: staff allocated to the perpetrator
 * personally, staff allocated to a family of the perpetrator's that the
 * victim is not in (a worker allocated to the victim's own family — who may
 * be working with her and the children — is not barred by that alone), and
 * facilitators of a perpetrators' group he is enrolled in.
 *
 * Pure functions: the API loads the rows and calls these.
 */
import { z } from "zod";
import { ZId, zText } from "../records/common.js";

export const EXPLICIT_LINK_BASES = ["marac", "police", "disclosure", "assessment", "other"] as const;
export type TExplicitLinkBasis = (typeof EXPLICIT_LINK_BASES)[number];
export const LINK_BASES = ["family", ...EXPLICIT_LINK_BASES] as const;
export type TLinkBasis = (typeof LINK_BASES)[number];

/** Plain-English labels of the bases, for screens and exports. */
export const LINK_BASIS_LABELS: Record<TLinkBasis, string> = {
  family: "Recorded as victim and perpetrator in the same family",
  marac: "MARAC referral",
  police: "Police information",
  disclosure: "Disclosure by the victim or a professional",
  assessment: "Assessment",
  other: "Other",
};

export interface ExplicitLink {
  id: string;
  victimId: string;
  perpetratorId: string;
  basis: TExplicitLinkBasis;
  /** Ended links no longer bar anyone. */
  endedAt?: Date | null;
}

export interface FamilyRoleRow {
  familyId: string;
  personId: string;
  role: string;
}

export interface MaracNaming {
  /** The victim referred. */
  personId: string;
  perpetratorPersonId: string | null;
}

export interface LinkSources {
  explicit: readonly ExplicitLink[];
  /** Memberships of the families of the people in question (all roles). */
  memberships: readonly FamilyRoleRow[];
  maracReferrals: readonly MaracNaming[];
}

export interface DerivedLink {
  victimId: string;
  perpetratorId: string;
  /** Every basis on which the records link the pair, in LINK_BASES order. */
  bases: TLinkBasis[];
  /** Ids of the explicit links among them (so they can be shown and ended). */
  explicitLinkIds: string[];
}

/**
 * Every victim–perpetrator pair the records imply, one entry per pair. A
 * person is never linked to themselves.
 */
export function deriveLinks(sources: LinkSources): DerivedLink[] {
  const pairs = new Map<string, { victimId: string; perpetratorId: string; bases: Set<TLinkBasis>; explicitLinkIds: string[] }>();
  const add = (victimId: string, perpetratorId: string, basis: TLinkBasis, explicitId?: string) => {
    if (victimId === perpetratorId) return;
    const key = `${victimId}\u0000${perpetratorId}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { victimId, perpetratorId, bases: new Set(), explicitLinkIds: [] }));
    pair.bases.add(basis);
    if (explicitId) pair.explicitLinkIds.push(explicitId);
  };
  for (const link of sources.explicit) if (!link.endedAt) add(link.victimId, link.perpetratorId, link.basis, link.id);
  const byFamily = new Map<string, { victims: string[]; perpetrators: string[] }>();
  for (const m of sources.memberships) {
    if (m.role !== "victim" && m.role !== "perpetrator") continue;
    let f = byFamily.get(m.familyId);
    if (!f) byFamily.set(m.familyId, (f = { victims: [], perpetrators: [] }));
    (m.role === "victim" ? f.victims : f.perpetrators).push(m.personId);
  }
  for (const f of byFamily.values()) for (const v of f.victims) for (const p of f.perpetrators) add(v, p, "family");
  for (const r of sources.maracReferrals) if (r.perpetratorPersonId) add(r.personId, r.perpetratorPersonId, "marac");
  return [...pairs.values()]
    .map((p) => ({ victimId: p.victimId, perpetratorId: p.perpetratorId, bases: LINK_BASES.filter((b) => p.bases.has(b)), explicitLinkIds: p.explicitLinkIds.sort() }))
    .sort((a, b) => (a.victimId + a.perpetratorId < b.victimId + b.perpetratorId ? -1 : 1));
}

export interface AllocationRow {
  staffId: string;
  familyId: string;
  /** Set when the allocation is to one person rather than the whole family. */
  personId: string | null;
}

/**
 * The staff working with a perpetrator, as far as the barrier for one victim
 * is concerned (see the module comment). `allocations` are the current
 * allocations touching the perpetrator or his families.
 */
export function perpetratorWorkerStaffIds(input: {
  perpetratorId: string;
  perpetratorFamilyIds: readonly string[];
  victimFamilyIds: readonly string[];
  allocations: readonly AllocationRow[];
}): string[] {
  const his = new Set(input.perpetratorFamilyIds);
  const hers = new Set(input.victimFamilyIds);
  const out = new Set<string>();
  for (const a of input.allocations) {
    if (a.personId === input.perpetratorId) out.add(a.staffId);
    else if (a.personId === null && his.has(a.familyId) && !hers.has(a.familyId)) out.add(a.staffId);
  }
  return [...out].sort();
}

// ---------------------------------------------------------------- addresses

export interface AddressLike {
  addressLine1?: string | null;
  postcode?: string | null;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Do two records hold the same address? Same postcode and the same first
 * line, ignoring case, spaces and punctuation ("12 Canary Row" = "12, canary
 * row"). Either part missing on either side: not the same (nothing to protect
 * by a partial match, and nothing to leak by one).
 */
export function sameAddress(a: AddressLike, b: AddressLike): boolean {
  if (!a.postcode || !b.postcode || !a.addressLine1 || !b.addressLine1) return false;
  return squash(a.postcode) === squash(b.postcode) && squash(a.addressLine1) === squash(b.addressLine1);
}

/** Address fields that are withheld together when an address must be protected. */
export const ADDRESS_FIELDS = ["addressLine1", "addressLine2", "town", "postcode"] as const;

/**
 * Does a perpetrator's recorded address repeat a protected address of a victim
 * linked to him (same household before separation)? Then whoever is barred
 * from that victim must not read it on his record either.
 */
export function repeatsProtectedAddress(perpetrator: AddressLike, victims: readonly (AddressLike & { confidentiality?: string | null })[]): boolean {
  return victims.some((v) => (v.confidentiality === "protected" || v.confidentiality === "closed") && sameAddress(perpetrator, v));
}

// ---------------------------------------------------------------- inputs

export const ZPersonLinkCreateInput = z
  .object({
    victimId: ZId,
    perpetratorId: ZId,
    basis: z.enum(EXPLICIT_LINK_BASES),
    notes: zText(1000).optional(),
  })
  .strict()
  .refine((v) => v.victimId !== v.perpetratorId, { path: ["perpetratorId"], message: "must be a different person from the victim" });
export type TPersonLinkCreateInput = z.infer<typeof ZPersonLinkCreateInput>;

export const ZPersonLinkListInput = z.object({ personId: ZId }).strict();

export const ZPersonLinkEndInput = z
  .object({
    id: ZId,
    version: z.number().int().min(0).max(2_147_483_647),
    reason: z.string().trim().min(10, "give a reason of at least 10 characters").max(1000),
  })
  .strict();

export const ZOverrideReviewInput = z
  .object({
    /** Overrides granted in the last N days (default 30). */
    days: z.number().int().min(1).max(366).default(30),
  })
  .strict()
  .optional();
