/**
 * Plain words for zod's own messages. zod's defaults ("Invalid input:
 * expected string, received null", "Too big: expected string to have <=200
 * characters") are written for developers; `plainZodError` gives the words a
 * person filling in a form can act on. It is a zod error map: install it with
 * `z.config({ customError: plainZodError })` (the API and both front ends do)
 * or pass it to one parse. A message written on a schema (`.min(1, "Enter the
 * title")`) always wins over it: zod uses the global map only for issues
 * without their own message.
 *
 * The messages are fragments in the style of the schemas' own ("must be a real
 * date"): a screen shows them capitalised at their field, or after the field's
 * label in the error summary ("Title: must be 200 characters or fewer").
 */

type Issue = {
  code?: string;
  input?: unknown;
  expected?: unknown;
  origin?: unknown;
  format?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  exact?: boolean;
  divisor?: unknown;
};

const n = (v: unknown) => (typeof v === "bigint" ? v.toString() : typeof v === "number" ? v.toLocaleString("en-GB") : String(v));

function missing(issue: Issue): string {
  if (issue.expected === "boolean") return "choose yes or no";
  if (issue.expected === "array") return "choose at least one";
  if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") return "enter a number";
  return issue.input === null ? "choose an option" : "enter a value";
}

/** Plain words for one zod issue. */
export function plainIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined || issue.input === null || issue.input === "") return missing(issue);
      if (issue.expected === "int" && typeof issue.input === "number" && Number.isFinite(issue.input)) return "must be a whole number";
      if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") return typeof issue.input === "number" && Number.isNaN(issue.input) ? "enter a number" : "must be a number";
      if (issue.expected === "date") return "must be a real date";
      return "is not valid";
    }
    case "invalid_value":
      return "choose one of the options given";
    case "too_small": {
      const min = issue.minimum;
      if (issue.origin === "string") return min === 1 || min === 1n ? "enter a value" : issue.exact ? `must be exactly ${n(min)} characters` : `must be ${n(min)} characters or more`;
      if (issue.origin === "array" || issue.origin === "set") return min === 1 ? "choose at least one" : `choose at least ${n(min)}`;
      if (issue.origin === "date") return "is too early";
      return issue.inclusive === false ? `must be more than ${n(min)}` : `must be ${n(min)} or more`;
    }
    case "too_big": {
      const max = issue.maximum;
      if (issue.origin === "string") return issue.exact ? `must be exactly ${n(max)} characters` : `must be ${n(max)} characters or fewer`;
      if (issue.origin === "array" || issue.origin === "set") return `choose no more than ${n(max)}`;
      if (issue.origin === "date") return "is too late";
      return issue.inclusive === false ? `must be less than ${n(max)}` : `must be ${n(max)} or less`;
    }
    case "invalid_format":
      if (issue.format === "email") return "enter an email address in the correct format, like name@example.com";
      if (issue.format === "url") return "enter a web address in the correct format, like https://www.example.com";
      if (issue.format === "date" || issue.format === "datetime") return "must be a real date";
      if (issue.format === "time") return "enter a time in the correct format, like 14:30";
      return "is not in the correct format";
    case "not_multiple_of":
      return issue.divisor === 1 ? "must be a whole number" : `must be a multiple of ${n(issue.divisor)}`;
    case "unrecognized_keys":
      return "contains information this form does not use";
    case "invalid_union":
      return "is not one of the accepted answers";
    default:
      return "is not valid";
  }
}

/** A zod error map (`z.config({ customError: plainZodError })`): plain words for every issue without a message of its own. */
export function plainZodError(issue: Issue): string {
  return plainIssueMessage(issue);
}

/**
 * The label to name a field by in an error summary: the screen's label when the
 * form gives one, else the last part of the path in words ("decidedAt" →
 * "Decided at", "safetyChecks.partnerOfferedSupport" → "Partner offered support").
 */
export function fieldLabel(path: string, labels: Readonly<Record<string, string>> = {}): string {
  if (labels[path]) return labels[path]!;
  const parts = path.split(".").filter((p) => p !== "" && !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? "";
  if (labels[last]) return labels[last]!;
  if (last === "" || last === "(input)") return "The form";
  const words = last
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
