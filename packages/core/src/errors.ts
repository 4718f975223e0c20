/**
 * Errors raised by the domain core. They carry a stable string `code` so that
 * callers (the API, the CLI) can map them to their own error types without the
 * core knowing about tRPC, HTTP or exit codes.
 */
export type DomainErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "PRECONDITION_FAILED";

/** One problem behind a `DomainError`: where (a field path, or a file, line and column) and what. */
export interface DomainIssue {
  /** Where the problem is: a field path, or a file/line/column for tabular input. */
  path?: (string | number)[];
  file?: string;
  line?: number;
  column?: string;
  message: string;
}

/**
 * The one error the core throws: a stable `code` (mapped by the API to a 4xx and by the CLI to exit code 2),
 * a message, and `issues` naming each field or file position at fault.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: DomainIssue[] = [],
  ) {
    super(message);
  }
}

/** Minimal shape of a zod schema's safeParse, so that this file does not depend on zod. */
interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Parses with a zod schema or throws an INVALID_INPUT DomainError listing each issue with its path. */
export function parseOrThrow<T>(schema: SafeParser<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DomainError(
    "INVALID_INPUT",
    `invalid ${what}`,
    parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: issue.message })),
  );
}

/** Is the value a `DomainError`? */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
