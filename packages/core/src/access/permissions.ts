/**
 * The permission table: which roles hold each `resource:action` permission.
 * Deny by default: a permission not listed here is held by nobody, and a role
 * not listed for a permission does not hold it. The API declares one
 * permission per procedure; record-level scope (caseload, team) and the
 * information barrier are decided separately (`scope.ts`, `barrier.ts`).
 */
import type { TRole } from "./roles.js";

const CASE: readonly TRole[] = ["manager", "practitioner", "dv_worker"];
const CASE_WRITE: readonly TRole[] = ["manager", "practitioner", "dv_worker"];
const EVIDENCE_READ: readonly TRole[] = ["admin", "manager", "analyst"];
const TRAINING_ADMIN: readonly TRole[] = ["admin", "trainer"];
const EVERYONE: readonly TRole[] = ["admin", "manager", "practitioner", "dv_worker", "trainer", "analyst", "staff"];

export const PERMISSIONS = {
  // Case records (identifiable). Admins, analysts, trainers and staff have none.
  "families:read": CASE,
  "families:write": CASE_WRITE,
  "people:read": CASE,
  "people:write": CASE_WRITE,
  /** A person's address, phone, email and safe-contact preferences (behind the information barrier). */
  "contact:read": CASE,
  "contact:write": CASE_WRITE,
  /** Victim–perpetrator links behind the information barrier: seeing them on a record, recording one, ending one. */
  "links:read": CASE,
  "links:write": CASE_WRITE,
  "links:end": ["manager"],
  /** Recording a safeguarding override of the information barrier. */
  "override:write": ["manager"],
  "override:read": ["manager"],
  /** Allocating a family to workers and moving it to another team (a manager's decision). */
  "allocations:write": ["manager"],
  "referrals:read": CASE,
  "referrals:write": CASE_WRITE,
  "episodes:read": CASE,
  "episodes:write": ["manager", "practitioner"],
  "assessments:read": CASE,
  "assessments:write": ["manager", "practitioner"],
  "programmes:read": CASE,
  "programmes:write": ["manager", "dv_worker"],
  /** Referring someone on one's caseload into a group (the family's worker, as well as those who run groups). */
  "enrolments:refer": CASE_WRITE,
  "register:read": CASE,
  "register:write": ["manager", "dv_worker"],
  "hub:read": ["manager", "practitioner"],
  "hub:write": ["manager", "practitioner"],
  "followUps:read": CASE,
  "followUps:write": CASE_WRITE,
  "questionnaires:read": CASE,
  "questionnaires:write": CASE_WRITE,
  /** Adding and changing questionnaire instruments (reference data, not case records). */
  "instruments:write": ["manager"],
  /** Questionnaire translations: reading them and their completeness report; writing them (reference data). */
  "translations:read": ["admin", "manager", "practitioner", "dv_worker"],
  "translations:write": ["admin", "manager"],
  /** Programme finance: budget and actual cost lines (no personal data). */
  "finance:read": ["admin", "manager", "analyst"],
  "finance:write": ["manager"],
  /** Consent to share, per person, purpose and recipient agency. */
  "consent:read": CASE,
  "consent:write": CASE_WRITE,
  /** Sharing without consent (a safeguarding override with a reason). */
  "consent:override": ["manager"],
  /** Consultations with the domestic abuse coordinator (codes only; family optional). */
  "daConsultations:read": ["admin", "manager", "dv_worker"],
  "daConsultations:write": ["admin", "manager", "dv_worker"],
  /** MARAC referrals of victims (behind the information barrier; analysts see counts only, through monitoring). */
  "marac:read": ["manager", "practitioner", "dv_worker"],
  "marac:write": ["manager", "dv_worker"],
  // Evidence (aggregated, pseudonymised).
  "evaluation:read": EVIDENCE_READ,
  /** Running and saving analyses, and exporting their (aggregate, suppressed) tables. */
  "evaluation:run": ["manager", "analyst"],
  "evaluation:write": ["manager", "analyst"],
  "evaluation:export": ["manager", "analyst"],
  "logicModels:read": ["admin", "manager", "analyst", "practitioner", "dv_worker"],
  "logicModels:write": ["manager", "analyst"],
  "monitoring:read": EVIDENCE_READ,
  "decisions:read": ["admin", "manager", "analyst"],
  "decisions:write": ["manager"],
  /** Pseudonymised evaluation extracts (no names, birth month only, keyed pseudonyms). */
  "extracts:read": ["admin", "analyst"],
  "extracts:create": ["admin", "analyst"],
  /** Importing SSDA903 / CIN census returns (dry run and commit): writes children's statutory records. */
  "statutory:import": ["admin"],
  /** Importing a Standard Safeguarding Dataset extract (dry run and commit): writes children's records, workers and allocations. */
  "ssd:import": ["admin", "analyst"],
  // Training.
  "training:own": EVERYONE,
  "training:read": ["admin", "trainer", "manager"],
  "training:write": TRAINING_ADMIN,
  /** Assigning training by hand and recording completions from outside providers: trainers and admins for anyone, managers for their own team (core `mayAssignTo`). */
  "training:assign": ["admin", "trainer", "manager"],
  // Practice quality: case-file audits and staff surveys.
  /** Audit templates, rounds and round reports (aggregate shares, agreement). */
  "audits:read": ["admin", "manager", "analyst"],
  /** Creating and changing audit templates (reference data, no case records). */
  "audits:write": ["admin", "manager"],
  /** Running a round: sampling case files, assigning auditors, the moderation view (each auditor's answers per case file) and moderated answers. */
  "audits:run": ["manager"],
  /** Auditing the case files one is assigned to, and seeing the findings on one's own cases. */
  "audits:answer": CASE,
  /** Surveys, waves, response rates and results (anonymous, threshold applied). */
  "surveys:read": ["admin", "manager"],
  /** Creating surveys and waves, inviting and reminding. */
  "surveys:write": ["admin", "manager"],
  /** Answering the surveys one is invited to. */
  "surveys:answer": EVERYONE,
  // Administration.
  "users:read": ["admin"],
  "users:write": ["admin"],
  /** Teams: creating and renaming them (admins); reading them (admins and managers, for allocation). */
  "teams:read": ["admin", "manager"],
  "teams:write": ["admin"],
  /** The email outbox (in demo mode, what would have been sent). */
  "outbox:read": ["admin"],
  "audit:read": ["admin"],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

/** Is the value one of the permission names in `PERMISSIONS`? */
export function isPermission(value: unknown): value is TPermission {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/** Does a role hold a permission? Unknown roles and permissions are denied. */
export function can(role: TRole | null | undefined, permission: TPermission): boolean {
  if (!role || !isPermission(permission)) return false;
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}

/** The roles holding a permission. */
export function rolesFor(permission: TPermission): readonly TRole[] {
  return PERMISSIONS[permission];
}
