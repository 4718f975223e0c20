/**
 * Checks of dates typed in the GOV.UK day/month/year input (`DateInput`), with messages that name the
 * field as it is labelled on screen: one for a single date, one for a From–To range in a filter (issue
 * #17: a range is checked and explained, never silently ignored).
 */
import { ZDate } from "@evident/core";
import type { SummaryError } from "./forms.js";

export interface DateField {
  /** The id of the date input (its Day box), for the error summary's link. */
  id: string;
  /** The field's label on screen, e.g. "Due date". */
  label: string;
  /** "YYYY-MM-DD", a partly filled value such as "2026--3", or "" when empty. */
  value: string;
}

/** What is wrong with one date (none when it is a real date, or empty and optional). */
export function dateFieldError(field: DateField, { required = false }: { required?: boolean } = {}): SummaryError | null {
  if (field.value === "") return required ? { href: field.id, text: `Enter the ${lowerFirst(field.label)}` } : null;
  const [year = "", month = "", day = ""] = field.value.split("-");
  const missing = [!day && "a day", !month && "a month", !year && "a year"].filter(Boolean) as string[];
  if (missing.length) return { href: field.id, text: `${field.label} must include ${missing.join(" and ")}` };
  if (!/^\d{4}$/.test(year)) return { href: field.id, text: `${field.label}: enter the year with 4 digits, for example 2026` };
  if (!ZDate.safeParse(field.value).success) return { href: field.id, text: `${field.label} must be a real date, for example 27 3 2026` };
  return null;
}

/** What is wrong with a From–To range: each date, then To before From. Both may be optional. */
export function dateRangeErrors(from: DateField, to: DateField, options: { required?: boolean } = {}): SummaryError[] {
  const out = [dateFieldError(from, options), dateFieldError(to, options)].filter((e): e is SummaryError => e !== null);
  if (out.length === 0 && from.value && to.value && to.value < from.value) out.push({ href: to.id, text: `The date in “${to.label}” must be the same as or after the date in “${from.label}”` });
  return out;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}
