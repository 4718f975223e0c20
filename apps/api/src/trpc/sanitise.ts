/**
 * One input sanitiser for every procedure, run before the procedure's own
 * schema: text that PostgreSQL cannot store (a NUL byte, a lone UTF-16
 * surrogate, which is not valid Unicode) and whole numbers beyond the range
 * of the int4 column they name are refused with a 400 naming the field,
 * instead of failing in the database with a 500.
 */
import { schemaColumns } from "@evident/db";

export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

export interface InputProblem {
  path: string;
  message: string;
}

/** A NUL, or a surrogate not in a valid pair. */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const MAX_PROBLEMS = 20;
const MAX_DEPTH = 64;

/**
 * The problems of a raw input (before any schema): each names the field by its
 * path (`patch.name`, `items.3.text`). Keys are checked as well as values.
 */
export function inputProblems(input: unknown, intFields: ReadonlySet<string> = schemaColumns().intFields): InputProblem[] {
  const problems: InputProblem[] = [];
  const walk = (value: unknown, path: string[], key: string | null, depth: number): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    const where = path.join(".") || "(input)";
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) problems.push({ path: where, message: "Contains characters that cannot be stored (a NUL byte or an invalid Unicode character)" });
      return;
    }
    if (typeof value === "number") {
      if (!Number.isFinite(value)) problems.push({ path: where, message: "Must be a finite number" });
      else if (Number.isInteger(value) && key !== null && intFields.has(key) && (value < INT4_MIN || value > INT4_MAX)) {
        problems.push({ path: where, message: `Must be between ${INT4_MIN.toLocaleString("en-GB")} and ${INT4_MAX.toLocaleString("en-GB")}` });
      } else if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        problems.push({ path: where, message: "Is too large a number" });
      }
      return;
    }
    if (value === null || typeof value !== "object") return;
    if (depth > MAX_DEPTH) {
      problems.push({ path: where, message: "Is nested too deeply" });
      return;
    }
    if (Array.isArray(value)) {
      // An array's items take the array's own key (e.g. `versions: [..]` of an int column).
      value.forEach((item, i) => walk(item, [...path, String(i)], key, depth + 1));
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (UNSTORABLE.test(k)) problems.push({ path: [...path, "(key)"].join("."), message: "A field name contains characters that cannot be stored" });
      walk(v, [...path, k], k, depth + 1);
    }
  };
  walk(input, [], null, 0);
  return problems;
}
