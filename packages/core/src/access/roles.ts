/**
 * The roles of Evident's staff. Every account has exactly one role; what a
 * role may do is the permission table in `permissions.ts`.
 */
import { z } from "zod";

export const ROLES = ["admin", "manager", "practitioner", "dv_worker", "trainer", "analyst", "staff"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Is the value one of the role names in `ROLES`? */
export function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Roles that work with families' case records (the "caseload" roles). */
export const CASE_ROLES = ["manager", "practitioner", "dv_worker"] as const satisfies readonly TRole[];
