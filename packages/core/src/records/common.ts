/**
 * Building blocks for the API's input schemas: ids, bounded text, real
 * calendar dates, pagination and optimistic-concurrency versions. Every
 * object schema is `.strict()` (unknown keys are refused) and every string
 * has a length limit.
 */
import { z } from "zod";
import { inputDayInRange, MAX_INPUT_DAY, MIN_INPUT_DAY, parseIsoDay } from "../dates.js";

export const ZId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "must be an id");
export type TId = z.infer<typeof ZId>;

/** Trimmed single-line text of 1..max characters with no control characters. */
export const zLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "must not contain control characters" });

/** Free text (notes) of at most max characters. */
export const zText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "must not contain control characters" });

/** A real calendar date written YYYY-MM-DD (2019-02-30 is refused), from 1900-01-01 to 2199-12-31. */
export const ZDate = z
  .string()
  .max(10)
  .refine((value) => parseIsoDay(value) !== undefined, { message: "must be a real date" })
  .refine(inputDayInRange, { message: `must be between ${MIN_INPUT_DAY} and ${MAX_INPUT_DAY}` });

export const ZVersion = z.number().int().min(0).max(2_147_483_647);

export const ZPage = z
  .object({
    cursor: ZId.optional(),
    limit: z.number().int().min(1).max(100).default(25),
  })
  .strict();

export const ZById = z.object({ id: ZId }).strict();
export type TById = z.infer<typeof ZById>;

/** Turns a validated YYYY-MM-DD into a UTC midnight Date for storage. */
export function dateFromIso(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** Formats a stored date as YYYY-MM-DD. */
export function isoFromDate(value: Date | null | undefined): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/** Is `end` on or after `start` (both validated YYYY-MM-DD)? */
export function notBefore(start: string, end: string): boolean {
  return (parseIsoDay(end) ?? 0) >= (parseIsoDay(start) ?? 0);
}

/**
 * The next reference the system gives when none is typed: `prefix` and the number after the highest of
 * `existing` written the same way (prefix and exactly `width` digits), zero-padded: ("F", 6, ["F000122",
 * "F000123", "FAM-9"]) → "F000124". Other references (typed by hand) are left alone.
 */
export function nextReference(prefix: string, width: number, existing: readonly string[]): string {
  const pattern = new RegExp(`^${prefix}(\\d{${width}})$`);
  let max = 0;
  for (const ref of existing) {
    const m = pattern.exec(ref);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}${String(max + 1).padStart(width, "0")}`;
}

/** The families' and people's references the system gives (as the demo's: F000123, P0001234). */
export const FAMILY_REFERENCE = { prefix: "F", width: 6 } as const;
export const PERSON_REFERENCE = { prefix: "P", width: 7 } as const;
