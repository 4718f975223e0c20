/**
 * Form helpers shared by the screens: error-summary entries from
 * react-hook-form errors and API field errors onto form fields. Drafts kept
 * as the user types are in drafts.ts and form-draft.tsx.
 */
import { fieldLabel, plainZodError } from "@evident/core";
import type { FieldErrors, FieldValues, Path, UseFormSetError } from "react-hook-form";
import { z } from "zod";
import type { SummaryError } from "./forms.js";

// Plain words for every zod issue a form's own schema gives no message for
// (never "Invalid input: expected string, received null"): one map for both front ends.
z.config({ customError: plainZodError });

/** Error summary entries in field order; `ids` maps a field name to the id of its input. */
export function summaryErrors<T extends FieldValues>(errors: FieldErrors<T>, ids: Partial<Record<string, string>>): SummaryError[] {
  const out: SummaryError[] = [];
  for (const [name, id] of Object.entries(ids)) {
    const e = (errors as Record<string, { message?: unknown } | undefined>)[name];
    if (e && typeof e.message === "string" && id) out.push({ href: id, text: e.message });
  }
  return out;
}

/**
 * Puts the API's zod field errors (paths like "patch.name") on the matching form fields; returns the rest,
 * each named by its label on screen (`labels`, by field name) or its name in words ("Review date: must be a real date").
 */
export function applyFieldErrors<T extends FieldValues>(fieldErrors: { path: string; message: string }[], setError: UseFormSetError<T>, fields: readonly string[], labels: Readonly<Record<string, string>> = {}): string[] {
  const rest: string[] = [];
  for (const fe of fieldErrors) {
    const name = fe.path.split(".").pop() ?? "";
    if (fields.includes(name)) setError(name as Path<T>, { type: "server", message: capitalise(fe.message) });
    else rest.push(fieldProblem(fe, labels));
  }
  return rest;
}

/** One API field error as a line for an error summary: the field's label, then the message ("Date of the decision: must be a real date"). */
export function fieldProblem(fe: { path: string; message: string }, labels: Readonly<Record<string, string>> = {}): string {
  return `${fieldLabel(fe.path, labels)}: ${fe.message}`;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A required radio choice. react-hook-form gives null for a radio group with
 * nothing chosen; zod's own message for that ("Invalid input: expected
 * string, received null") is replaced by the field's plain one.
 */
export function requiredChoice(message: string) {
  return z.string({ error: message }).min(1, message);
}
