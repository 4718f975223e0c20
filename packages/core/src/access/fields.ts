/**
 * Field-level rules: which fields of a record each role may read and write.
 * Reads are filtered with `pickFields`; a write naming a field the role may
 * not change is refused as a whole (`unpermittedFields`), never half-applied.
 */
import type { TRole } from "./roles.js";

export type FieldRule = Partial<Record<TRole, readonly string[] | "*">>;

/**
 * The fields of a record that a role may read or write under a rule (`"*"` = all; none for no role or a role
 * the rule does not name).
 */
export function fieldsFor(rule: FieldRule, role: TRole | null | undefined): readonly string[] | "*" {
  if (!role) return [];
  return rule[role] ?? [];
}

/** Keeps only the fields a role may read (`"*"` keeps all). */
export function pickFields<T extends Record<string, unknown>>(record: T, allowed: readonly string[] | "*"): Partial<T> {
  if (allowed === "*") return { ...record };
  const out: Partial<T> = {};
  for (const key of allowed) {
    if (Object.prototype.hasOwnProperty.call(record, key)) (out as Record<string, unknown>)[key] = record[key];
  }
  return out;
}

/** The fields in a change that the role may not write (empty when the change is permitted). */
export function unpermittedFields(change: Record<string, unknown>, allowed: readonly string[] | "*"): string[] {
  if (allowed === "*") return [];
  return Object.keys(change).filter((key) => change[key] !== undefined && !allowed.includes(key));
}

/** Writable fields of a family record. Only a manager moves a family between workers or teams. */
export const FAMILY_WRITE: FieldRule = {
  manager: "*",
  practitioner: ["name", "openedAt", "closedAt"],
  dv_worker: [],
};

/** Writable fields of a person record. Domestic-abuse workers do not change identity fields. */
export const PERSON_WRITE: FieldRule = {
  manager: "*",
  practitioner: "*",
  dv_worker: ["firstLanguage", "interpreterNeeded"],
};

/**
 * Who may add a person to a family record, in which family role: managers and
 * practitioners anyone; domestic-abuse workers only the adults of their own
 * work — a victim or a perpetrator (e.g. a perpetrator referred by the police
 * who has no family record yet). Returns the problem, or null.
 */
export function personCreateProblem(role: TRole, person: { kind: "child" | "adult"; familyRole: string }): string | null {
  if (role === "manager" || role === "practitioner") return null;
  if (role === "dv_worker") {
    if (person.kind === "adult" && (person.familyRole === "victim" || person.familyRole === "perpetrator")) return null;
    return "Domestic-abuse workers can add only an adult victim or perpetrator to a family record";
  }
  return "You cannot add people to a family record";
}
