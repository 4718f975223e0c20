/**
 * The SSD import: an SSD extract, read and checked by @evident/core
 * (readSsdFiles / readSsdDir) and shaped by ssdRecordRows, written into
 * Evident's records in ONE transaction — all of it or none of it.
 *
 * The same design as the statutory import (./statutory.ts): the rows are
 * streamed into TEMP staging tables with COPY, then merged with set-based
 * statements, table by table in dependency order (people, families, members,
 * workers, referrals, assessments, episodes, events, allocations). Each merge
 * counts what it would add (a key not stored yet), update (stored, a field
 * differs) and skip (stored and the same), then runs one UPDATE … FROM and
 * one INSERT … SELECT (not run when the count is 0). Keys are the SSD ids
 * (Person.ssdPersonId, Family/FamilyMember/CaseAllocation/SsdEvent.ssdKey,
 * Staff.ssdProfessionalId, sourceRef `ssd:…` on referrals, assessments and
 * status episodes), so re-importing the same extract changes nothing and the
 * next extract adds only what is new and updates what changed.
 *
 * The dry run (planSsdImport) runs the very same statements in a transaction
 * that is rolled back, so its counts are the commit's.
 *
 * Workers (ssd_professionals) become Staff records — an existing member of
 * staff whose email equals prof_staff_id is linked instead — and never User
 * accounts: nobody can sign in because of an import.
 */
import { randomUUID } from "node:crypto";
import { SSD_RECORD_KINDS, type SsdRecordKind, type SsdRecordRows } from "@evident/core";
import type { RawSql, SqlRunner } from "../client.js";
import { copyLines, idPrefix, insertImportAudit, type ChangeCount, type ImportAuditRow } from "./statutory.js";

export type SsdImportCounts = Record<SsdRecordKind, ChangeCount> & {
  /** Existing staff records linked to an SSD worker by email. */
  workersLinked: number;
};

export class SsdImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SsdImportRefused";
  }
}

export interface SsdImportInput {
  rows: SsdRecordRows;
  problems: { severity: string }[];
}

type Cell = string | boolean | null | readonly string[];
type Stage = { table: string; columns: string; rows: (x: SsdRecordRows) => Cell[][] };

// ── staging ────────────────────────────────────────────────────────────────

const STAGES: Record<SsdRecordKind, Stage> = {
  people: {
    table: "ssd_stage_people",
    columns: "n bigint, key text, first_name text, last_name text, birth_date date, gender text, sex text, ethnicity text, upn text",
    rows: (x) => x.people.map((p, i) => [String(i), p.personId, p.firstName, p.lastName, p.birthDate, p.gender, p.sex, p.ethnicity, p.upn]),
  },
  families: { table: "ssd_stage_families", columns: "n bigint, key text, name text", rows: (x) => x.families.map((f, i) => [String(i), f.key, f.name]) },
  members: { table: "ssd_stage_members", columns: "n bigint, key text, family_key text, person_id text", rows: (x) => x.members.map((m, i) => [String(i), m.key, m.familyKey, m.personId]) },
  workers: {
    table: "ssd_stage_workers",
    columns: "n bigint, key text, email text, name text, job_title text, role text, since date",
    rows: (x) => x.workers.map((w, i) => [String(i), w.professionalId, w.email, w.name, w.jobTitle, w.role, w.since]),
  },
  referrals: {
    table: "ssd_stage_referrals",
    columns: "n bigint, key text, person_id text, date date, source text, primary_need text, nfa boolean, closed_at date, closure_reason text, outcome text",
    rows: (x) => x.referrals.map((r, i) => [String(i), r.key, r.personId, r.date, r.source, r.primaryNeed, r.nfa, r.closedAt, r.closureReason, r.outcome]),
  },
  assessments: {
    table: "ssd_stage_assessments",
    columns: "n bigint, key text, person_id text, worker_id text, started date, completed date, factors text[]",
    rows: (x) => x.assessments.map((a, i) => [String(i), a.key, a.personId, a.workerId, a.startedAt, a.completedAt, a.factors]),
  },
  episodes: {
    table: "ssd_stage_episodes",
    columns: "n bigint, key text, person_id text, status text, start_date date, end_date date, cp_cat text, cp_latest text, cla_ls text, cla_rne text, cla_rec text, cla_need text",
    rows: (x) =>
      x.episodes.map((e, i) => [String(i), e.key, e.personId, e.status, e.start, e.end, e.cpInitialCategory, e.cpLatestCategory, e.claLegalStatus, e.claReasonNew, e.claReasonEnded, e.claCategoryOfNeed]),
  },
  events: {
    table: "ssd_stage_events",
    columns: "n bigint, key text, kind text, person_id text, start_date date, end_date date, details text",
    rows: (x) => x.events.map((e, i) => [String(i), e.key, e.kind, e.personId, e.start, e.end, JSON.stringify(e.details)]),
  },
  allocations: {
    table: "ssd_stage_allocations",
    columns: "n bigint, key text, person_id text, professional_id text, from_date date, to_date date",
    rows: (x) => x.allocations.map((a, i) => [String(i), a.key, a.personId, a.professionalId, a.from, a.to]),
  },
};

async function stage(tx: SqlRunner, rows: SsdRecordRows, perChunk: number): Promise<void> {
  if (!tx.copyFrom) throw new Error("the SSD import needs a transaction's runner (db.raw.transaction) to stage its rows");
  await tx.exec(Object.values(STAGES).map((s) => `CREATE TEMP TABLE ${s.table} (${s.columns}) ON COMMIT DROP;`).join("\n"));
  for (const s of Object.values(STAGES)) await tx.copyFrom(`COPY ${s.table} FROM STDIN`, copyLines(s.rows(rows), (cells) => cells, perChunk));
  await tx.exec(Object.values(STAGES).map((s) => `ANALYZE ${s.table};`).join("\n"));
}

// ── merging ────────────────────────────────────────────────────────────────

interface Merge {
  kind: SsdRecordKind;
  target: string;
  keyCol: string;
  /** A SELECT giving `n`, `key` and one column per entry of `cols` (named by `as`). */
  source: string;
  /** Target column ← source column; `compare: false` = written on insert only. */
  cols: { col: string; as: string; compare?: boolean }[];
}

const PERSON = (stageAlias: string) => `JOIN person p ON p."ssdPersonId" = ${stageAlias}.person_id`;
/**
 * The extract's people with their person id and family in the records (the
 * first family they are a child member of, an SSD family before any other),
 * made once after people and members are merged: every later merge joins it.
 */
const PERSON_FAMILY = `
CREATE TEMP TABLE ssd_person_family ON COMMIT DROP AS
SELECT DISTINCT ON (p.id) sp.key AS ssd_id, p.id AS person_id, fm."familyId" AS family_id
  FROM ssd_stage_people sp JOIN person p ON p."ssdPersonId" = sp.key
  LEFT JOIN family_member fm ON fm."personId" = p.id AND fm.role = 'child'
 ORDER BY p.id, fm."ssdKey" NULLS LAST, fm."createdAt";
CREATE INDEX ON ssd_person_family (ssd_id);
ANALYZE ssd_person_family;`;
const PF = (stageAlias: string) => `JOIN ssd_person_family pf ON pf.ssd_id = ${stageAlias}.person_id`;

const MERGES: Merge[] = [
  {
    kind: "people",
    target: "person",
    keyCol: '"ssdPersonId"',
    source: `SELECT n, key, 'SSD-' || key AS reference, 'child'::"PersonKind" AS kind, first_name, last_name, birth_date, gender::"Gender" AS gender, sex, ethnicity, upn FROM ssd_stage_people`,
    cols: [
      { col: "reference", as: "reference", compare: false },
      { col: "kind", as: "kind", compare: false },
      { col: '"firstName"', as: "first_name" },
      { col: '"lastName"', as: "last_name" },
      { col: '"birthDate"', as: "birth_date" },
      { col: "gender", as: "gender" },
      { col: '"sexCode"', as: "sex" },
      { col: "ethnicity", as: "ethnicity" },
      { col: "upn", as: "upn" },
    ],
  },
  {
    kind: "families",
    target: "family",
    keyCol: '"ssdKey"',
    source: `SELECT n, key, key AS reference, name FROM ssd_stage_families`,
    cols: [
      { col: "reference", as: "reference", compare: false },
      { col: "name", as: "name" },
    ],
  },
  {
    kind: "members",
    target: "family_member",
    keyCol: '"ssdKey"',
    source: `SELECT m.n, m.key, f.id AS family_id, p.id AS person_id, 'child'::"FamilyRole" AS role
               FROM ssd_stage_members m JOIN family f ON f."ssdKey" = m.family_key ${PERSON("m")}`,
    cols: [
      { col: '"familyId"', as: "family_id" },
      { col: '"personId"', as: "person_id" },
      { col: "role", as: "role", compare: false },
    ],
  },
  {
    kind: "workers",
    target: "staff",
    keyCol: '"ssdProfessionalId"',
    source: `SELECT n, key, name, job_title, role::"StaffRole" AS role, COALESCE(since, current_date) AS start_date, '{}'::text[] AS languages FROM ssd_stage_workers`,
    cols: [
      { col: "name", as: "name", compare: false },
      { col: '"jobTitle"', as: "job_title", compare: false },
      { col: "role", as: "role", compare: false },
      { col: '"startDate"', as: "start_date", compare: false },
      { col: "languages", as: "languages", compare: false },
    ],
  },
  {
    kind: "referrals",
    target: "referral",
    keyCol: '"sourceRef"',
    source: `SELECT r.n, r.key, pf.person_id AS child_id, pf.family_id, r.date, r.source, r.primary_need, r.nfa, r.closed_at, r.closure_reason, r.outcome, '{}'::text[] AS reasons
               FROM ssd_stage_referrals r ${PF("r")}`,
    cols: [
      { col: '"childId"', as: "child_id" },
      { col: '"familyId"', as: "family_id" },
      { col: "date", as: "date" },
      { col: "source", as: "source" },
      { col: '"primaryNeed"', as: "primary_need" },
      { col: "nfa", as: "nfa" },
      { col: '"closedAt"', as: "closed_at" },
      { col: '"closureReason"', as: "closure_reason" },
      { col: "outcome", as: "outcome" },
      { col: "reasons", as: "reasons", compare: false },
    ],
  },
  {
    kind: "assessments",
    target: "assessment",
    keyCol: '"sourceRef"',
    source: `SELECT a.n, a.key, pf.person_id AS child_id, pf.family_id, s.id AS staff_id, 'CIN'::"AssessmentLevel" AS level, a.started, a.completed, a.factors
               FROM ssd_stage_assessments a ${PF("a")} LEFT JOIN staff s ON s."ssdProfessionalId" = a.worker_id`,
    cols: [
      { col: '"childId"', as: "child_id" },
      { col: '"familyId"', as: "family_id" },
      { col: '"staffId"', as: "staff_id" },
      { col: "level", as: "level", compare: false },
      { col: '"startedAt"', as: "started" },
      { col: '"completedAt"', as: "completed" },
      { col: "factors", as: "factors" },
    ],
  },
  {
    kind: "episodes",
    target: "status_episode",
    keyCol: '"sourceRef"',
    source: `SELECT e.n, e.key, pf.person_id AS child_id, e.status::"ChildStatus" AS status, 'ssd'::"EpisodeSource" AS source, e.start_date, e.end_date, e.cp_cat, e.cp_latest, e.cla_ls, e.cla_rne, e.cla_rec, e.cla_need
               FROM ssd_stage_episodes e ${PF("e")}`,
    cols: [
      { col: '"childId"', as: "child_id" },
      { col: "status", as: "status" },
      { col: "source", as: "source" },
      { col: '"startDate"', as: "start_date" },
      { col: '"endDate"', as: "end_date" },
      { col: '"cpCategoryOfAbuse"', as: "cp_cat" },
      { col: '"cpLatestCategory"', as: "cp_latest" },
      { col: '"claLegalStatus"', as: "cla_ls" },
      { col: '"claReasonNew"', as: "cla_rne" },
      { col: '"claReasonEnded"', as: "cla_rec" },
      { col: '"claCategoryOfNeed"', as: "cla_need" },
    ],
  },
  {
    kind: "events",
    target: "ssd_event",
    keyCol: '"ssdKey"',
    source: `SELECT e.n, e.key, e.kind, pf.person_id, e.start_date, e.end_date, e.details::jsonb AS details FROM ssd_stage_events e ${PF("e")}`,
    cols: [
      { col: "kind", as: "kind" },
      { col: '"personId"', as: "person_id" },
      { col: '"startDate"', as: "start_date" },
      { col: '"endDate"', as: "end_date" },
      { col: "details", as: "details" },
    ],
  },
  {
    kind: "allocations",
    target: "case_allocation",
    keyCol: '"ssdKey"',
    source: `SELECT a.n, a.key, pf.family_id, pf.person_id, s.id AS staff_id, true AS lead, a.from_date, a.to_date
               FROM ssd_stage_allocations a ${PF("a")} JOIN staff s ON s."ssdProfessionalId" = a.professional_id`,
    cols: [
      { col: '"familyId"', as: "family_id" },
      { col: '"personId"', as: "person_id" },
      { col: '"staffId"', as: "staff_id" },
      { col: "lead", as: "lead", compare: false },
      { col: '"fromDate"', as: "from_date" },
      { col: '"toDate"', as: "to_date" },
    ],
  },
];

async function merge(tx: SqlRunner, m: Merge): Promise<ChangeCount> {
  const compared = m.cols.filter((c) => c.compare !== false);
  const same = compared.length === 0 ? "true" : compared.map((c) => `t.${c.col} IS NOT DISTINCT FROM s.${c.as}`).join(" AND ");
  // The source, joined once with what is stored: each row with the stored id (or null) and whether it differs.
  const src = `ssd_merge_${m.kind}`;
  await tx.exec(
    `CREATE TEMP TABLE ${src} ON COMMIT DROP AS
     SELECT s.*, t.id AS old_id, (t.id IS NOT NULL AND ${same}) AS same FROM (${m.source}) s LEFT JOIN ${m.target} t ON t.${m.keyCol} = s.key;
     ANALYZE ${src};`,
  );
  const [count] = await tx.query<ChangeCount>(
    `SELECT count(*) FILTER (WHERE old_id IS NULL)::int AS add, count(*) FILTER (WHERE old_id IS NOT NULL AND NOT same)::int AS update,
            count(*) FILTER (WHERE same)::int AS skip FROM ${src}`,
  );
  if (count!.update > 0)
    await tx.exec(
      `UPDATE ${m.target} t SET ${compared.map((c) => `${c.col} = s.${c.as}`).join(", ")}, version = t.version + 1, "updatedAt" = now()
         FROM ${src} s WHERE t.id = s.old_id AND NOT s.same`,
    );
  if (count!.add > 0) {
    const prefix = idPrefix();
    await tx.exec(
      `INSERT INTO ${m.target} (id, ${m.keyCol}, ${m.cols.map((c) => c.col).join(", ")}, "updatedAt")
       SELECT '${prefix}' || lpad(to_hex(row_number() OVER (ORDER BY s.n)), 12, '0'), s.key, ${m.cols.map((c) => `s.${c.as}`).join(", ")}, now()
         FROM ${src} s WHERE s.old_id IS NULL ORDER BY s.n`,
    );
  }
  return { add: count!.add, update: count!.update, skip: count!.skip };
}

/** An existing member of staff whose email is the worker's prof_staff_id becomes that worker (not a new staff record). */
async function linkWorkersByEmail(tx: SqlRunner): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE staff t SET "ssdProfessionalId" = w.key, version = t.version + 1, "updatedAt" = now()
       FROM ssd_stage_workers w
      WHERE w.email IS NOT NULL AND lower(t.email) = w.email AND t."ssdProfessionalId" IS NULL
        AND NOT EXISTS (SELECT 1 FROM staff x WHERE x."ssdProfessionalId" = w.key)
     RETURNING t.id`,
  );
  return rows.length;
}

type Step = (step: string, done: number) => void;

async function run(tx: SqlRunner, rows: SsdRecordRows, perChunk: number, step: Step): Promise<SsdImportCounts> {
  step("staging", 0);
  await stage(tx, rows, perChunk);
  const counts = { workersLinked: 0 } as SsdImportCounts;
  for (const m of MERGES) {
    if (m.kind === "workers") counts.workersLinked = await linkWorkersByEmail(tx);
    counts[m.kind] = await merge(tx, m);
    if (m.kind === "members") await tx.exec(PERSON_FAMILY);
    step(m.kind, counts[m.kind].add + counts[m.kind].update);
  }
  return counts;
}

class DryRunDone extends Error {
  constructor(readonly counts: SsdImportCounts) {
    super("dry run: rolled back");
  }
}

/** What the import would add, update and skip: the same statements as the commit, rolled back. */
export async function planSsdImport(db: { raw: RawSql }, input: SsdImportInput, options: { batch?: number } = {}): Promise<SsdImportCounts> {
  try {
    await db.raw.transaction(async (tx) => {
      throw new DryRunDone(await run(tx, input.rows, Math.max(1, options.batch ?? 1000), () => {}));
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.counts;
    throw error;
  }
  throw new Error("unreachable");
}

export interface SsdImportOptions {
  files: { name: string; rows: number }[];
  /** The digest of the files (the dry run's): stored with the import. */
  digest: string;
  actorId?: string | null;
  /** An audit_log row written in the same transaction; entityIds gets the import id. */
  audit?: ImportAuditRow;
  batch?: number;
  onStep?: Step;
}

/** Imports an SSD extract in one transaction. Refuses an extract with any error. One import at a time. */
export async function importSsd(db: { raw: RawSql; kind: string }, input: SsdImportInput, options: SsdImportOptions): Promise<{ importId: string; counts: SsdImportCounts }> {
  if (input.problems.some((p) => p.severity === "error")) throw new SsdImportRefused("the extract has errors: fix them and run the dry run again");
  const step = options.onStep ?? (() => {});
  return db.raw.transaction(async (tx) => {
    if (db.kind === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(7007002)`);
    const counts = await run(tx, input.rows, Math.max(1, options.batch ?? 1000), step);
    const importId = randomUUID();
    await tx.query(`INSERT INTO ssd_import (id, files, digest, counts, "createdById") VALUES ($1, $2::jsonb, $3, $4::jsonb, $5)`, [
      importId,
      JSON.stringify(options.files),
      options.digest,
      JSON.stringify(counts),
      options.actorId ?? null,
    ]);
    if (options.audit) await insertImportAudit(tx, options.audit, importId);
    step("committing", 0);
    return { importId, counts };
  });
}

export const SSD_IMPORT_KINDS = SSD_RECORD_KINDS;
