/**
 * Hot-path reads in plain SQL, below Prisma.
 *
 * Every authenticated request loads its session and user, and the caseload
 * list and family page are the most frequent reads of all. Through Prisma
 * each of those costs a query-compiler pass and result mapping per query
 * (about half the server's CPU under load, docs/benchmarks.md); here each is
 * one parameterised statement on the driver, and the audit row of a read is
 * written by the same statement (a data-modifying CTE), so a read and its
 * audit entry commit together in one round trip.
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
}

/** A session by its token, with the user it belongs to; null when there is none. */
export async function sessionWithUser(sql: SqlRunner, token: string): Promise<SessionWithUser | null> {
  const rows = await sql.query<SessionWithUser>(
    `SELECT s.id AS "sessionId", s."userId", ${ISO_TS('s."createdAt"')} AS "createdAt", ${ISO_TS('s."updatedAt"')} AS "updatedAt",
            ${ISO_TS('s."expiresAt"')} AS "expiresAt", u.role::text AS role, u."teamId", u."staffId", u.name, u.disabled
       FROM "session" s JOIN "user" u ON u.id = s."userId"
      WHERE s.token = $1`,
    [token],
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

/** An audit row as the API builds it (`auditRow`), without ids of the page (the statement adds them). */
export interface HotAuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  fields: readonly string[];
  requestId: string | null;
  ip: string | null;
}

/** The record scope of a caller as SQL: families allocated to their staff record today, or in their team. */
export interface FamilyScopeSql {
  staffId: string | null;
  teamId: string | null;
  /** Today (UTC), `YYYY-MM-DD`: an allocation ending today is still current. */
  today: string;
}

/**
 * `EXISTS`/team condition over the family alias `f`, using parameters $1 (staffId), $2 (teamId), $3 (today).
 * A caller with neither a staff record nor a team sees nothing.
 */
const FAMILY_IN_SCOPE = `(
  ($1::text IS NOT NULL AND EXISTS (SELECT 1 FROM case_allocation a WHERE a."familyId" = f.id AND a."staffId" = $1
      AND (a."toDate" IS NULL OR a."toDate" >= $3::date)))
  OR ($2::text IS NOT NULL AND f."teamId" = $2))`;

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

const AUDIT_INSERT = `INSERT INTO audit_log (id, at, "actorId", "actorRole", action, "entityType", "entityIds", "personIds", fields, reason, outcome, "requestId", ip)`;

/**
 * One page of the families in scope, ordered by id (keyset pagination after
 * `cursor`), and the audit row listing the ids returned, in one statement.
 * Returns up to `limit + 1` rows: the extra one only tells the caller there is a next page.
 */
export async function listFamiliesInScope(
  sql: SqlRunner,
  scope: FamilyScopeSql,
  filter: { open?: boolean; search?: string; cursor?: string; limit: number },
  audit: HotAuditRow,
): Promise<FamilyListRow[]> {
  const params: unknown[] = [scope.staffId, scope.teamId, scope.today];
  const where = [FAMILY_IN_SCOPE];
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
  const limitP = `$${params.length}`;
  params.push(filter.limit);
  const pageP = `$${params.length}`;
  const a = auditParams(params, audit);
  return sql.query<FamilyListRow>(
    `WITH page AS (SELECT ${FAMILY_COLUMNS} FROM family f WHERE ${where.join(" AND ")} ORDER BY f.id LIMIT ${limitP}),
     audit AS (${AUDIT_INSERT}
       SELECT ${a.id}, ${a.at}, ${a.actorId}, ${a.actorRole}, ${a.action}, ${a.entityType},
              ARRAY(SELECT id FROM page ORDER BY id LIMIT ${pageP}), '{}'::text[], ${a.fields}, NULL, 'success'::"AuditOutcome", ${a.requestId}, ${a.ip})
     SELECT * FROM page ORDER BY id`,
    params,
  );
}

export interface FamilyDetailRow extends FamilyListRow {
  people: Array<{ id: string; reference: string; firstName: string; lastName: string; kind: string; birthDate: string | null; restricted: boolean; familyRole: string }>;
  allocations: Array<{ staffId: string; personId: string | null; lead: boolean }>;
}

/**
 * A family in scope with its members and current allocations, and the audit
 * row naming the family and every member, in one statement. Null (and no
 * audit row) when the family does not exist or is out of scope.
 */
export async function getFamilyInScope(sql: SqlRunner, scope: FamilyScopeSql, id: string, audit: HotAuditRow): Promise<FamilyDetailRow | null> {
  const params: unknown[] = [scope.staffId, scope.teamId, scope.today, id];
  const a = auditParams(params, audit);
  const rows = await sql.query<FamilyDetailRow>(
    `WITH fam AS (
       SELECT ${FAMILY_COLUMNS},
         COALESCE((SELECT json_agg(json_build_object('id', p.id, 'reference', p.reference, 'firstName', p."firstName", 'lastName', p."lastName",
                     'kind', p.kind::text, 'birthDate', ${ISO_DATE('p."birthDate"')}, 'restricted', p.restricted, 'familyRole', m.role::text) ORDER BY m.id)
                     FROM family_member m JOIN person p ON p.id = m."personId" WHERE m."familyId" = f.id), '[]'::json) AS people,
         COALESCE((SELECT json_agg(json_build_object('staffId', a."staffId", 'personId', a."personId", 'lead', a.lead) ORDER BY a.id)
                     FROM case_allocation a WHERE a."familyId" = f.id AND (a."toDate" IS NULL OR a."toDate" >= $3::date)), '[]'::json) AS allocations
       FROM family f WHERE f.id = $4 AND ${FAMILY_IN_SCOPE}),
     audit AS (${AUDIT_INSERT}
       SELECT ${a.id}, ${a.at}, ${a.actorId}, ${a.actorRole}, ${a.action}, ${a.entityType},
              ARRAY[fam.id], ARRAY(SELECT DISTINCT x->>'id' FROM json_array_elements(fam.people) x), ${a.fields}, NULL, 'success'::"AuditOutcome", ${a.requestId}, ${a.ip}
         FROM fam)
     SELECT * FROM fam`,
    params,
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

/** Appends the audit row's values to `params`, returning the placeholders. */
function auditParams(params: unknown[], audit: HotAuditRow) {
  const add = (value: unknown, cast = "") => {
    params.push(value);
    return `$${params.length}${cast}`;
  };
  return {
    id: add(audit.id),
    at: add(audit.at.toISOString(), "::timestamp"),
    actorId: add(audit.actorId),
    actorRole: add(audit.actorRole),
    action: add(audit.action),
    entityType: add(audit.entityType),
    fields: add([...audit.fields], "::text[]"),
    requestId: add(audit.requestId),
    ip: add(audit.ip),
  };
}
