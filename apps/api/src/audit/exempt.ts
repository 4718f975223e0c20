/**
 * Procedures that answer without an audit row of their own, each with the
 * reason. Every other procedure writes at least one audit row per call: its
 * own (with the records and fields it touched) or, failing that, one written
 * for it by the procedure wrapper (`trpc.ts`) naming the procedure and the
 * record ids in its input. A new procedure that returns data is audited by
 * default; adding it here needs a reason a reviewer would accept.
 * `src/audit/every-read.test.ts` checks both directions.
 */
export const AUDIT_EXEMPT: Readonly<Record<string, string>> = {
  "session.me": "The caller's own name, role and permissions, asked on every page load; the sign-in that made the session is audited.",
};

export function isAuditExempt(path: string): boolean {
  return Object.hasOwn(AUDIT_EXEMPT, path);
}
