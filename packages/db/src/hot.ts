/**
 * Hot-path reads in plain SQL, below Prisma.
 *
 * Every authenticated request loads its session and user, and the caseload
 * list and family page are the most frequent reads of all. Through Prisma
 * each of those costs a query-compiler pass and result mapping per query
 * (about half the server's CPU under load, docs/benchmarks.md); here each is
 * one parameterised, prepared statement on the driver (parsed and planned
 * once per connection).
 *
 * The reads write no audit row themselves: the caller appends it with
 * `insertAuditRows` — in the API through a group-commit queue that writes the
 * rows of concurrent requests in one statement and one commit — and answers
 * only once that row is durable, so no read leaves the server unaudited.
 *
 * Timestamps come back as ISO strings formatted by the database (Prisma
 * stores `timestamp(3)` as UTC) and calendar dates as `YYYY-MM-DD`, so the
 * results do not depend on the driver's or the process's time zone.
 */
import type { SqlRunner } from "./client.js";

const ISO_TS = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const ISO_DATE = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

export interface SessionWithUser {
  sessionId: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  role: string;
  teamId: string | null;
  staffId: string | null;
  name: string;
  disabled: boolean;
  /** Set while the session is handed to a participant (table session_lock). */
  lockPersonId: string | null;
  lockInstrumentId: string | null;
}

/** A session by its token, with the user it belongs to; null when there is none. */
export async function sessionWithUser(sql: SqlRunner, token: string): Promise<SessionWithUser | null> {
  const rows = await sql.query<SessionWithUser>(
    `SELECT s.id AS "sessionId", s."userId", ${ISO_TS('s."createdAt"')} AS "createdAt", ${ISO_TS('s."updatedAt"')} AS "updatedAt",
            ${ISO_TS('s."expiresAt"')} AS "expiresAt", u.role::text AS role, u."teamId", u."staffId", u.name, u.disabled,
            l."personId" AS "lockPersonId", l."instrumentId" AS "lockInstrumentId"
       FROM "session" s JOIN "user" u ON u.id = s."userId"
       LEFT JOIN session_lock l ON l."sessionId" = s.id
      WHERE s.token = $1`,
    [token],
    { prepare: true },
  );
  return rows[0] ?? null;
}

/** Slides a session: last use now, expiry as decided by the caller. */
export async function touchSession(sql: SqlRunner, sessionId: string, now: Date, expiresAt: Date): Promise<void> {
  await sql.query(`UPDATE "session" SET "updatedAt" = $2, "expiresAt" = $3 WHERE id = $1`, [sessionId, now.toISOString(), expiresAt.toISOString()]);
}

export async function deleteSession(sql: SqlRunner, sessionId: string): Promise<void> {
  await sql.query(`DELETE FROM "session" WHERE id = $1`, [sessionId]);
}

/** An audit_log row as the API builds it (`auditRow`). */
export interface AuditRowInput {
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityIds: readonly string[];
  personIds: readonly string[];
  fields: readonly string[];
  reason: string | null;
  outcome: "success" | "denied" | "failure";
  requestId: string | null;
  ip: string | null;
}

/** A PostgreSQL array literal of text values (arrays of arrays cannot go through unnest as parameters). */
function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

/**
 * Appends audit rows in one statement (one commit for the lot): the API's
 * group-commit queue sends the rows of concurrent requests together.
 */
export async function insertAuditRows(sql: SqlRunner, rows: readonly AuditRowInput[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: AuditRowInput) => T) => rows.map(f);
  await sql.query(
    `INSERT INTO audit_log (id, at, "actorId", "actorRole", action, "entityType", "entityIds", "personIds", fields, reason, outcome, "requestId", ip)
     SELECT id, at::timestamp, "actorId", "actorRole", action, "entityType", "entityIds"::text[], "personIds"::text[], fields::text[], reason, outcome::"AuditOutcome", "requestId", ip
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS u(id, at, "actorId", "actorRole", action, "entityType", "entityIds", "personIds", fields, reason, outcome, "requestId", ip)`,
    [
      col((r) => r.id),
      col((r) => r.at.toISOString()),
      col((r) => r.actorId),
      col((r) => r.actorRole),
      col((r) => r.action),
      col((r) => r.entityType),
      col((r) => textArrayLiteral(r.entityIds)),
      col((r) => textArrayLiteral(r.personIds)),
      col((r) => textArrayLiteral(r.fields)),
      col((r) => r.reason),
      col((r) => r.outcome),
      col((r) => r.requestId),
      col((r) => r.ip),
    ],
    { prepare: true },
  );
}

/** The record scope of a caller as SQL: families allocated to their staff record today, or in their team. */
export interface FamilyScopeSql {
  staffId: string | null;
  teamId: string | null;
  /** Today (UTC), `YYYY-MM-DD`: an allocation ending today is still current. */
  today: string;
}

/**
 * The scope condition over the family alias `f`, using parameters $1 (staffId), $2 (teamId), $3 (today).
 * Written for the caller's shape (staff record, team, or both), so that each shape gets its own prepared
 * statement and plan: a team-only caller's list is then a walk of the (teamId, id) index.
 * A caller with neither a staff record nor a team sees nothing.
 */
function familyInScope(scope: FamilyScopeSql): string {
  const allocated = `EXISTS (SELECT 1 FROM case_allocation a WHERE a."familyId" = f.id AND a."staffId" = $1::text
      AND (a."toDate" IS NULL OR a."toDate" >= $3::date))`;
  const team = `f."teamId" = $2::text`;
  if (scope.staffId !== null && scope.teamId !== null) return `(${allocated} OR ${team})`;
  if (scope.staffId !== null) return `(${allocated} AND $2::text IS NULL)`;
  if (scope.teamId !== null) return `(${team} AND $1::text IS NULL AND $3::date IS NOT NULL)`;
  return `(false AND $1::text IS NULL AND $2::text IS NULL AND $3::date IS NOT NULL)`;
}

/** Escapes LIKE wildcards so a search for "50%" matches the text "50%". */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface FamilyListRow {
  id: string;
  reference: string;
  name: string;
  teamId: string | null;
  openedAt: string | null;
  closedAt: string | null;
  version: number;
  updatedAt: string;
}

const FAMILY_COLUMNS = `f.id, f.reference, f.name, f."teamId", ${ISO_DATE('f."openedAt"')} AS "openedAt", ${ISO_DATE('f."closedAt"')} AS "closedAt",
  f.version, ${ISO_TS('f."updatedAt"')} AS "updatedAt"`;

/**
 * One page of the families in scope, ordered by id (keyset pagination after
 * `cursor`). Returns up to `limit + 1` rows: the extra one only tells the
 * caller there is a next page.
 */
export async function listFamiliesInScope(
  sql: SqlRunner,
  scope: FamilyScopeSql,
  filter: { open?: boolean; search?: string; cursor?: string; limit: number },
): Promise<FamilyListRow[]> {
  const params: unknown[] = [scope.staffId, scope.teamId, scope.today];
  const where = [familyInScope(scope)];
  if (filter.open !== undefined) where.push(filter.open ? `f."closedAt" IS NULL` : `f."closedAt" IS NOT NULL`);
  if (filter.search) {
    params.push(likeEscape(filter.search));
    const p = `$${params.length}`;
    where.push(`(f.name ILIKE '%' || ${p} || '%' OR f.reference LIKE ${p} || '%')`);
  }
  if (filter.cursor) {
    params.push(filter.cursor);
    where.push(`f.id > $${params.length}`);
  }
  params.push(filter.limit + 1);
  return sql.query<FamilyListRow>(`SELECT ${FAMILY_COLUMNS} FROM family f WHERE ${where.join(" AND ")} ORDER BY f.id LIMIT $${params.length}`, params, { prepare: true });
}

export interface FamilyDetailRow extends FamilyListRow {
  people: Array<{ id: string; reference: string; firstName: string; lastName: string; kind: string; birthDate: string | null; restricted: boolean; familyRole: string }>;
  allocations: Array<{ staffId: string; personId: string | null; lead: boolean }>;
}

/**
 * A family in scope with its members and current allocations, in one
 * statement. Null when the family does not exist or is out of scope.
 */
export async function getFamilyInScope(sql: SqlRunner, scope: FamilyScopeSql, id: string): Promise<FamilyDetailRow | null> {
  const rows = await sql.query<FamilyDetailRow>(
    `SELECT ${FAMILY_COLUMNS},
       COALESCE((SELECT json_agg(json_build_object('id', p.id, 'reference', p.reference, 'firstName', p."firstName", 'lastName', p."lastName",
                   'kind', p.kind::text, 'birthDate', ${ISO_DATE('p."birthDate"')}, 'restricted', p.restricted, 'familyRole', m.role::text) ORDER BY m.id)
                   FROM family_member m JOIN person p ON p.id = m."personId" WHERE m."familyId" = f.id), '[]'::json) AS people,
       COALESCE((SELECT json_agg(json_build_object('staffId', a."staffId", 'personId', a."personId", 'lead', a.lead) ORDER BY a.id)
                   FROM case_allocation a WHERE a."familyId" = f.id AND (a."toDate" IS NULL OR a."toDate" >= $3::date)), '[]'::json) AS allocations
     FROM family f WHERE f.id = $4 AND ${familyInScope(scope)}`,
    [scope.staffId, scope.teamId, scope.today, id],
    { prepare: true },
  );
  const row = rows[0];
  if (!row) return null;
  // PGlite returns json as parsed values already; node-postgres too. Guard against text just in case.
  return {
    ...row,
    people: typeof row.people === "string" ? JSON.parse(row.people) : row.people,
    allocations: typeof row.allocations === "string" ? JSON.parse(row.allocations) : row.allocations,
  };
}
