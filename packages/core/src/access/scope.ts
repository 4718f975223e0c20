/**
 * Record scope: which families' case records a member of staff may see.
 * A practitioner or domestic-abuse worker sees families allocated to them or
 * to their team; a manager sees their team's families (and any allocated to
 * them); admins, analysts, trainers and staff see no identifiable case record.
 * The API turns a scope into a database filter so that out-of-scope records
 * are never loaded, counted or returned.
 */
import type { TRole } from "./roles.js";

export interface Viewer {
  userId: string;
  role: TRole;
  teamId: string | null;
}

export type FamilyScope =
  | { kind: "none"; reason: string }
  | { kind: "scoped"; userId: string; teamId: string | null };

/**
 * The families' case records a viewer may see: their own and their team's allocations for the case roles,
 * none for everyone else.
 */
export function familyScope(viewer: Viewer): FamilyScope {
  switch (viewer.role) {
    case "manager":
    case "practitioner":
    case "dv_worker":
      return { kind: "scoped", userId: viewer.userId, teamId: viewer.teamId };
    case "admin":
      return { kind: "none", reason: "admins cannot read case records unless granted" };
    case "analyst":
      return { kind: "none", reason: "analysts see only pseudonymised, aggregated data" };
    case "trainer":
    case "staff":
      return { kind: "none", reason: "training roles cannot read case records" };
  }
}

export interface FamilyAllocation {
  teamId: string | null;
  /** Users allocated to the family (lead worker and any co-workers). */
  allocatedUserIds: readonly string[];
}

/** May the viewer see this family's record? The same rule as the database filter. */
export function canSeeFamily(viewer: Viewer, family: FamilyAllocation): boolean {
  const scope = familyScope(viewer);
  if (scope.kind === "none") return false;
  if (family.allocatedUserIds.includes(scope.userId)) return true;
  return scope.teamId !== null && family.teamId === scope.teamId;
}
