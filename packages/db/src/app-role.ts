/**
 * A least-privilege PostgreSQL role for the running server.
 *
 * Migrations run as the owner of the schema; the server should connect as a
 * role that can read and write the records but cannot rewrite history: on the
 * audit log it may only SELECT and INSERT (no UPDATE, DELETE or TRUNCATE), on
 * saved analysis runs it may not UPDATE, and it cannot create, alter or drop
 * tables. The append-only triggers in the migrations still apply to the owner;
 * the grants make the rule hold even if a trigger were dropped.
 *
 *   DATABASE_URL=<owner url> npm run db:app-role -w @evident/db -- --role evident_app
 *   then run the server with DATABASE_URL=<evident_app url>
 */
import type { SqlRunner } from "./client.js";

/** Tables whose rows the server may add but never change or remove. */
export const APPEND_ONLY = { audit_log: ["UPDATE", "DELETE", "TRUNCATE"], analysis_run: ["UPDATE", "TRUNCATE"] } as const;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** The statements that create (if missing) and grant the server's role. */
export function appRoleSql(role: string): string[] {
  if (!IDENT.test(role)) throw new Error(`Role name "${role.slice(0, 70)}" is not valid: use lower-case letters, digits and _, starting with a letter`);
  const q = `"${role}"`;
  return [
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${q} LOGIN; END IF; END $$`,
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${q}`,
    `GRANT USAGE ON SCHEMA public TO ${q}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${q}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${q}`,
    ...Object.entries(APPEND_ONLY).map(([table, privileges]) => `REVOKE ${privileges.join(", ")} ON "${table}" FROM ${q}`),
    // The server reads the migration history at start (to refuse a database it does not match) but never writes it.
    `REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${q}`,
  ];
}

/** Applies `appRoleSql(role)` as the schema owner (after `migrate`; re-run after each upgrade so new tables are granted). */
export async function grantAppRole(sql: SqlRunner, role: string): Promise<void> {
  for (const statement of appRoleSql(role)) await sql.query(statement);
}
