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

export interface DomainIssue {
  /** Where the problem is: a field path, or a file/line/column for tabular input. */
  path?: (string | number)[];
  file?: string;
  line?: number;
  column?: string;
  message: string;
}

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

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
