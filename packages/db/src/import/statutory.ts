/**
 * The statutory import: a normalised SSDA903 / CIN census extract (read and
 * validated by @evident/core's readStatutoryFiles) written into Evident's
 * records in ONE transaction — all of it or none of it, also when the
 * process is killed part-way (PostgreSQL and the embedded database both roll
 * back an uncommitted transaction).
 *
 * Mapping (docs/statutory.md has the analyst-facing version):
 * - child → Person (kind child): statutoryChildId = the child id as in the
 *   returns, birth date, sex in both codings (gender from it), ethnicity,
 *   UPN. Returns carry no names: firstName "Child", lastName = the child id.
 *   A new child gets a family of its own (reference "S-<child id>"), since
 *   the returns do not say who lives with whom; link families by hand later.
 * - SSDA903 episode → StatusEpisode CLA (source ssda903): DECOM → DEC, with
 *   LS, PLACE, RNE, REC and the 903 CIN column kept as codes.
 * - CIN plan → StatusEpisode CIN; CP plan → StatusEpisode CP (category of
 *   abuse: initial and latest) (source cin_census).
 * - every CINdetails → Referral on CINreferralDate (source code, primary
 *   need, NFA flag, closure date and reason).
 * - assessment → Assessment (level CIN): start, authorisation = completion,
 *   factors.
 * - referrals and assessments get the child's family: the new one for a new
 *   child, else the first family the child is a child member of.
 * - Rebuilt care periods and section 47 enquiries are not stored (counted
 *   as not imported).
 * Every record keeps its natural key from the extract (Person.statutoryChildId,
 * sourceRef elsewhere, unique): a key seen before is updated when its fields
 * differ and skipped when they are the same, so re-importing the same files
 * changes nothing and next year's return adds only what is new (and closes
 * what has ended).
 *
 * How (stage, then merge — set-based, in SQL): inside the one transaction
 * the extract's rows are streamed into TEMP staging tables (ON COMMIT DROP):
 * `COPY … FROM STDIN` in text format on PostgreSQL (pg-copy-streams), a few
 * MB per `COPY … FROM '/dev/blob'` on the embedded database, formatted a
 * thousand lines at a time, so the import holds no per-row maps or arrays of
 * its own (its memory is bounded whatever the size of the extract). Then a
 * handful of statements: the plan (a TEMP table of the children with their
 * person id — existing or new — and add / update / skip; the counts of the
 * others by LEFT JOIN on the natural key and IS [NOT] DISTINCT FROM on the
 * compared fields), then per table one UPDATE … FROM and one INSERT … SELECT
 * over the same plan query (not run when its count is 0). The dry run
 * (planStatutoryImport) runs the same staging and plan in a transaction that
 * is rolled back, so its counts are the commit's. New ids are UUIDs in row
 * order (idPrefix), so inserts append to the indexes. Time and memory for a
 * 1M-episode SSDA903 history: docs/benchmarks.md ("Statutory import").
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { RawSql, SqlRunner } from "../client.js";

/** The parts of @evident/core's TStatutoryExtract the import reads (structurally compatible). */
export interface ImportableExtract {
  children: { key: string; childId: string; upn: string | null; birthDate: string | null; sex: string | null; sexLegacy: string | null; ethnicity: string | null }[];
  claEpisodes: {
    key: string;
    childId: string;
    start: string;
    end: string | null;
    reasonNewEpisode: string | null;
    legalStatus: string | null;
    categoryOfNeed: string | null;
    placement: string | null;
    reasonEnded: string | null;
  }[];
  carePeriods?: unknown[];
  cinEpisodes: { key: string; childId: string; referralDate: string; closureDate: string | null; reasonForClosure: string | null; referralSource: string | null; primaryNeed: string | null; nfa: boolean }[];
  referrals: { key: string; childId: string; date: string; referralSource: string | null; nfa: boolean; cinEpisodeKey: string }[];
  cinPlans: { key: string; childId: string; start: string; end: string | null }[];
  cpPlans: { key: string; childId: string; start: string; end: string | null; initialCategory: string | null; latestCategory: string | null }[];
  assessments: { key: string; childId: string; start: string; authorisationDate: string | null; factors: string[] }[];
  section47s?: unknown[];
  problems: { severity: "error" | "warning" }[];
}

export interface ChangeCount {
  add: number;
  update: number;
  skip: number;
}

export const IMPORT_KINDS = ["children", "claEpisodes", "cinPlans", "cpPlans", "referrals", "assessments"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportCounts extends Record<ImportKind, ChangeCount> {
  /** New families created for new children. */
  families: number;
  /** Read but not stored: rebuilt care periods and section 47 enquiries. */
  notImported: { carePeriods: number; section47s: number };
}

export class StatutoryImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StatutoryImportRefused";
  }
}

// ── staging: the extract's rows, streamed into TEMP tables ──────────────

type Gender = "female" | "male" | "unknown";

export function genderOf(sex: string | null, legacy: string | null): Gender {
  if (sex === "M" || legacy === "1") return "male";
  if (sex === "F" || legacy === "2") return "female";
  return "unknown";
}

type Cell = string | boolean | null | undefined | readonly string[];

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\u0000": "\uFFFD" };
/**
 * A value in COPY's text format: backslash, tab, newline and carriage return
 * escaped; a NUL (which PostgreSQL text cannot hold) becomes U+FFFD, so a
 * file with one gets its report instead of a database error.
 */
const copyText = (s: string): string => (/[\\\t\n\r\u0000]/.test(s) ? s.replace(/[\\\t\n\r\u0000]/g, (c) => COPY_ESCAPES[c]!) : s);

/** One cell of a COPY text line: \N for null, t/f, a text[] literal for arrays. */
export function copyCell(v: Cell): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "string") return copyText(v);
  return copyText(`{${v.map((x) => `"${x.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`);
}

/** COPY text lines of `list`, `perChunk` lines per string (the only buffer: one chunk at a time). */
export function* copyLines<T>(list: readonly T[], row: (x: T, i: number) => Cell[], perChunk: number, afterFirstChunk?: () => void): Generator<string> {
  let chunk = "";
  let n = 0;
  let first = true;
  for (let i = 0; i < list.length; i++) {
    const cells = row(list[i]!, i);
    let line = copyCell(cells[0]);
    for (let c = 1; c < cells.length; c++) line += `\t${copyCell(cells[c])}`;
    chunk += `${line}\n`;
    if (++n === perChunk) {
      yield chunk;
      chunk = "";
      n = 0;
      if (first) afterFirstChunk?.();
      first = false;
    }
  }
  if (chunk) yield chunk;
}

const STAGING_TABLES = ["evident_stage_child", "evident_stage_episode", "evident_stage_cin", "evident_stage_referral", "evident_stage_assessment", "evident_plan_person"];

const CREATE_STAGING = `
CREATE TEMP TABLE evident_stage_child (n int, child_id text, birth_date date, gender text, ethnicity text, upn text, sex text, sex_legacy text) ON COMMIT DROP;
CREATE TEMP TABLE evident_stage_episode (n bigint, kind text, key text, child_id text, status text, source text, start_date date, end_date date,
  cp_cat text, cp_latest text, cla_ls text, cla_place text, cla_rne text, cla_rec text, cla_cin text) ON COMMIT DROP;
CREATE TEMP TABLE evident_stage_cin (key text, referral_source text, primary_need text, closure_date date, closure_reason text) ON COMMIT DROP;
CREATE TEMP TABLE evident_stage_referral (n bigint, key text, child_id text, date date, referral_source text, nfa boolean, cin_key text) ON COMMIT DROP;
CREATE TEMP TABLE evident_stage_assessment (n bigint, key text, child_id text, started date, completed date, factors text[]) ON COMMIT DROP;`;

type Step = (step: string, done: number) => void;

async function stage(tx: SqlRunner, x: ImportableExtract, perChunk: number, step: Step): Promise<void> {
  if (!tx.copyFrom) throw new Error("the statutory import needs a transaction's runner (db.raw.transaction) to stage its rows");
  const copy = tx.copyFrom.bind(tx);
  step("staging", 0);
  await tx.exec(CREATE_STAGING);
  await copy(
    "COPY evident_stage_child FROM STDIN",
    copyLines(x.children, (c, i) => [String(i), c.childId, c.birthDate, genderOf(c.sex, c.sexLegacy), c.ethnicity, c.upn, c.sex, c.sexLegacy], perChunk),
  );
  const episodes = "COPY evident_stage_episode FROM STDIN";
  await copy(
    episodes,
    copyLines(x.claEpisodes, (e, i) => [String(i), "claEpisodes", e.key, e.childId, "CLA", "ssda903", e.start, e.end, null, null, e.legalStatus, e.placement, e.reasonNewEpisode, e.reasonEnded, e.categoryOfNeed], perChunk, () =>
      step("staging-episodes", 0),
    ),
  );
  const cla = x.claEpisodes.length;
  const cin = cla + x.cinPlans.length;
  await copy(episodes, copyLines(x.cinPlans, (p, i) => [String(cla + i), "cinPlans", p.key, p.childId, "CIN", "cin_census", p.start, p.end, null, null, null, null, null, null, null], perChunk));
  await copy(episodes, copyLines(x.cpPlans, (p, i) => [String(cin + i), "cpPlans", p.key, p.childId, "CP", "cin_census", p.start, p.end, p.initialCategory, p.latestCategory, null, null, null, null, null], perChunk));
  await copy("COPY evident_stage_cin FROM STDIN", copyLines(x.cinEpisodes, (c) => [c.key, c.referralSource, c.primaryNeed, c.closureDate, c.reasonForClosure], perChunk));
  await copy("COPY evident_stage_referral FROM STDIN", copyLines(x.referrals, (r, i) => [String(i), r.key, r.childId, r.date, r.referralSource, r.nfa, r.cinEpisodeKey], perChunk));
  await copy("COPY evident_stage_assessment FROM STDIN", copyLines(x.assessments, (a, i) => [String(i), a.key, a.childId, a.start, a.authorisationDate, a.factors], perChunk));
  // Temp tables are never analysed automatically; the plan's joins need the row counts.
  await tx.exec(`ANALYZE evident_stage_child; ANALYZE evident_stage_episode; ANALYZE evident_stage_cin; ANALYZE evident_stage_referral; ANALYZE evident_stage_assessment;`);
  step("staged", x.children.length + x.claEpisodes.length + x.cinPlans.length + x.cpPlans.length + x.referrals.length + x.assessments.length);
}

// ── the plan: what would be added, updated, skipped ───────────────────────

/**
 * Ids of new rows: UUIDs (version 7 layout) made of this import's time and 26
 * random bits, then a 48-bit row number, written in row order — so new rows
 * go to the end of each primary-key index instead of all over it (random
 * UUIDs made a million-row insert thrash the indexes). `idPrefix` is
 * hex digits and dashes only (safe to inline in SQL).
 */
export function idPrefix(now = Date.now()): string {
  const ts = now.toString(16).padStart(12, "0");
  const r = randomBytes(4).toString("hex");
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r.slice(0, 3)}-${"89ab"[parseInt(r[3]!, 16) & 3]}${r.slice(4, 7)}-`;
}
const newId = (prefix: string, n: string) => `'${prefix}' || lpad(to_hex(${n}), 12, '0')`;

/**
 * Every child id mentioned anywhere, with its person id (existing, or new),
 * a new family id for a new child, and add / update / skip: a new child is
 * added; an existing one is updated when the extract has its characteristics
 * and they differ, else skipped.
 */
const PLAN_PEOPLE = (prefix: string) => `
CREATE TEMP TABLE evident_plan_person ON COMMIT DROP AS
WITH ids AS (
  SELECT child_id FROM evident_stage_child UNION SELECT child_id FROM evident_stage_episode
  UNION SELECT child_id FROM evident_stage_referral UNION SELECT child_id FROM evident_stage_assessment
), chars AS (
  SELECT DISTINCT ON (child_id) * FROM evident_stage_child ORDER BY child_id, n DESC
), joined AS (
  SELECT i.child_id, p.id AS old_id, c.child_id IS NOT NULL AS has_chars, c.birth_date, c.gender, c.ethnicity, c.upn, c.sex, c.sex_legacy,
         p."birthDate" AS old_birth_date, p.gender::text AS old_gender, p.ethnicity AS old_ethnicity, p.upn AS old_upn, p."sexCode" AS old_sex, p."sexLegacyCode" AS old_sex_legacy
    FROM ids i LEFT JOIN chars c ON c.child_id = i.child_id LEFT JOIN person p ON p."statutoryChildId" = i.child_id
)
SELECT child_id, old_id, COALESCE(old_id, ${newId(prefix, "row_number() OVER (ORDER BY child_id)")}) AS person_id,
       CASE WHEN old_id IS NULL THEN ${newId(prefix, "row_number() OVER (ORDER BY child_id)")} END AS family_id,
       CASE WHEN old_id IS NULL THEN 'add'
            WHEN NOT has_chars OR (birth_date IS NOT DISTINCT FROM old_birth_date AND gender IS NOT DISTINCT FROM old_gender AND ethnicity IS NOT DISTINCT FROM old_ethnicity
                                   AND upn IS NOT DISTINCT FROM old_upn AND sex IS NOT DISTINCT FROM old_sex AND sex_legacy IS NOT DISTINCT FROM old_sex_legacy) THEN 'skip'
            ELSE 'update' END AS action,
       birth_date, COALESCE(gender, 'unknown') AS gender, ethnicity, upn, sex, sex_legacy
  FROM joined;
ANALYZE evident_plan_person;`;

const same = (pairs: [string, string][]) => pairs.map(([a, b]) => `${a} IS NOT DISTINCT FROM ${b}`).join(" AND ");

/** Status episodes (CLA, CIN plans, CP plans) with their person, the stored episode of the same key and the action. */
const EPISODE_PLAN = `
SELECT s.*, pp.person_id, e.id AS old_id,
       CASE WHEN e.id IS NULL THEN 'add'
            WHEN ${same([
              ['e."childId"', "pp.person_id"],
              ["e.status::text", "s.status"],
              ["e.source::text", "s.source"],
              ['e."startDate"', "s.start_date"],
              ['e."endDate"', "s.end_date"],
              ['e."cpCategoryOfAbuse"', "s.cp_cat"],
              ['e."cpLatestCategory"', "s.cp_latest"],
              ['e."claLegalStatus"', "s.cla_ls"],
              ['e."claPlacement"', "s.cla_place"],
              ['e."claReasonNew"', "s.cla_rne"],
              ['e."claReasonEnded"', "s.cla_rec"],
              ['e."claCategoryOfNeed"', "s.cla_cin"],
            ])} THEN 'skip' ELSE 'update' END AS action
  FROM evident_stage_episode s JOIN evident_plan_person pp ON pp.child_id = s.child_id LEFT JOIN status_episode e ON e."sourceRef" = s.key`;

/** Referrals: one per CINdetails, with the CIN episode's details. */
const REFERRAL_PLAN = `
SELECT v.*, x.id AS old_id,
       CASE WHEN x.id IS NULL THEN 'add'
            WHEN ${same([
              ['x."childId"', "v.person_id"],
              ["x.date", "v.date"],
              ["x.source", "v.source"],
              ['x."primaryNeed"', "v.primary_need"],
              ["x.nfa", "v.nfa"],
              ['x."closedAt"', "v.closed_at"],
              ['x."closureReason"', "v.closure_reason"],
            ])} THEN 'skip' ELSE 'update' END AS action
  FROM (SELECT r.n, r.key, pp.person_id, pp.family_id, r.date, COALESCE(r.referral_source, c.referral_source, '') AS source, c.primary_need, r.nfa,
               c.closure_date AS closed_at, c.closure_reason
          FROM evident_stage_referral r JOIN evident_plan_person pp ON pp.child_id = r.child_id LEFT JOIN evident_stage_cin c ON c.key = r.cin_key) v
  LEFT JOIN referral x ON x."sourceRef" = v.key`;

const ASSESSMENT_PLAN = `
SELECT a.*, pp.person_id, pp.family_id, x.id AS old_id,
       CASE WHEN x.id IS NULL THEN 'add'
            WHEN ${same([
              ['x."childId"', "pp.person_id"],
              ['x."startedAt"', "a.started"],
              ['x."completedAt"', "a.completed"],
              ["x.factors", "a.factors"],
            ])} THEN 'skip' ELSE 'update' END AS action
  FROM evident_stage_assessment a JOIN evident_plan_person pp ON pp.child_id = a.child_id LEFT JOIN assessment x ON x."sourceRef" = a.key`;

/** A child's family: the new one made for a new child, else the first family it is a child member of. */
const FAMILY_OF = (v: string) =>
  `COALESCE(${v}.family_id, (SELECT fm."familyId" FROM family_member fm WHERE fm.role = 'child' AND fm."personId" = ${v}.person_id ORDER BY fm."createdAt" LIMIT 1))`;

async function planCounts(tx: SqlRunner, x: ImportableExtract, prefix: string): Promise<ImportCounts> {
  await tx.exec(PLAN_PEOPLE(prefix));
  const zero = (): ChangeCount => ({ add: 0, update: 0, skip: 0 });
  const counts: ImportCounts = {
    children: zero(),
    claEpisodes: zero(),
    cinPlans: zero(),
    cpPlans: zero(),
    referrals: zero(),
    assessments: zero(),
    families: 0,
    notImported: { carePeriods: x.carePeriods?.length ?? 0, section47s: x.section47s?.length ?? 0 },
  };
  const rows = await tx.query<{ kind: ImportKind; action: keyof ChangeCount; n: number }>(
    `SELECT 'children' AS kind, action, count(*)::int AS n FROM evident_plan_person GROUP BY action
     UNION ALL SELECT kind, action, count(*)::int FROM (${EPISODE_PLAN}) p GROUP BY kind, action
     UNION ALL SELECT 'referrals', action, count(*)::int FROM (${REFERRAL_PLAN}) p GROUP BY action
     UNION ALL SELECT 'assessments', action, count(*)::int FROM (${ASSESSMENT_PLAN}) p GROUP BY action`,
  );
  for (const r of rows) counts[r.kind][r.action] += r.n;
  counts.families = counts.children.add;
  return counts;
}

export interface StatutoryImportPlan {
  counts: ImportCounts;
}

class DryRunDone extends Error {
  constructor(readonly counts: ImportCounts) {
    super("dry run: rolled back");
  }
}

/**
 * Works out the changes without writing anything (the dry run): the same
 * staging and plan as the commit, in a transaction that is rolled back. Given
 * a transaction's runner instead, it runs inside it and drops its temp tables.
 */
export async function planStatutoryImport(db: SqlRunner | RawSql, extract: ImportableExtract, options: { batch?: number } = {}): Promise<StatutoryImportPlan> {
  const perChunk = Math.max(1, options.batch ?? 1000);
  const run = async (tx: SqlRunner) => {
    await stage(tx, extract, perChunk, () => {});
    return planCounts(tx, extract, idPrefix());
  };
  if ("transaction" in db) {
    try {
      await db.transaction(async (tx) => {
        throw new DryRunDone(await run(tx));
      });
    } catch (error) {
      if (error instanceof DryRunDone) return { counts: error.counts };
      throw error;
    }
    throw new Error("unreachable");
  }
  const counts = await run(db);
  await db.exec(`DROP TABLE ${STAGING_TABLES.join(", ")}`);
  return { counts };
}

// ── writing ──────────────────────────────────────────────────────────────

export interface StatutoryImportFile {
  name: string;
  kind: string;
  rows: number;
  sha256?: string;
}

export interface StatutoryImportOptions {
  files: StatutoryImportFile[];
  actorId?: string | null;
  /** An audit_log row (as the API's auditRow() builds it) written in the same transaction; entityIds gets the import id. */
  audit?: ImportAuditRow;
  /** Lines per COPY chunk handed to the driver (default 1,000). */
  batch?: number;
  /** Called between steps (for progress reports and the kill test). */
  onStep?: (step: string, done: number) => void;
}

export interface StatutoryImportResult {
  importId: string;
  counts: ImportCounts;
}

/**
 * Imports an extract in one transaction (see the file comment). Refuses an
 * extract with any error-severity problem. Imports run one at a time
 * (an advisory lock on PostgreSQL; the embedded database has one connection).
 */
export async function importStatutory(db: { raw: RawSql; kind: string }, extract: ImportableExtract, options: StatutoryImportOptions): Promise<StatutoryImportResult> {
  if (extract.problems.some((p) => p.severity === "error")) throw new StatutoryImportRefused("the files have errors: fix them and run the dry run again");
  const perChunk = Math.max(1, options.batch ?? 1000);
  const step = options.onStep ?? (() => {});
  return db.raw.transaction(async (tx) => {
    if (db.kind === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(7007001)`);
    await stage(tx, extract, perChunk, step);
    const prefix = idPrefix();
    const counts = await planCounts(tx, extract, prefix);
    step("planned", 0);
    const importId = randomUUID();
    const stamp = `"statutoryImportId" = $1, "updatedAt" = now()`;

    if (counts.children.update > 0)
      await tx.query(
        `UPDATE person t SET "birthDate" = p.birth_date, gender = p.gender::"Gender", ethnicity = p.ethnicity, upn = p.upn, "sexCode" = p.sex, "sexLegacyCode" = p.sex_legacy,
                version = t.version + 1, ${stamp}
           FROM evident_plan_person p WHERE p.action = 'update' AND t.id = p.old_id`,
        [importId],
      );
    if (counts.children.add > 0)
      await tx.query(
        `INSERT INTO person (id, reference, kind, "firstName", "lastName", "birthDate", gender, ethnicity, upn, "sexCode", "sexLegacyCode", "statutoryChildId", "statutoryImportId", "updatedAt")
         SELECT person_id, 'S-' || child_id, 'child', 'Child', child_id, birth_date, gender::"Gender", ethnicity, upn, sex, sex_legacy, child_id, $1, now()
           FROM evident_plan_person WHERE action = 'add' ORDER BY person_id`,
        [importId],
      );
    step("children", counts.children.add + counts.children.update);
    if (counts.families > 0)
      await tx.exec(
        `INSERT INTO family (id, reference, name, "updatedAt")
         SELECT family_id, 'S-' || child_id, 'Child ' || child_id || ' (statutory return)', now() FROM evident_plan_person WHERE action = 'add';
         INSERT INTO family_member (id, "familyId", "personId", role, "updatedAt")
         SELECT family_id, family_id, person_id, 'child', now() FROM evident_plan_person WHERE action = 'add'`,
      );
    step("families", counts.families);

    // Updates first: the inserts would otherwise be seen as stored episodes of the same key.
    // A statement whose plan count is 0 is not run (a re-import of the same files only stages and plans).
    if (counts.claEpisodes.update + counts.cinPlans.update + counts.cpPlans.update > 0)
      await tx.query(
        `UPDATE status_episode t SET "childId" = p.person_id, status = p.status::"ChildStatus", source = p.source::"EpisodeSource", "startDate" = p.start_date, "endDate" = p.end_date,
                "cpCategoryOfAbuse" = p.cp_cat, "cpLatestCategory" = p.cp_latest, "claLegalStatus" = p.cla_ls, "claPlacement" = p.cla_place,
                "claReasonNew" = p.cla_rne, "claReasonEnded" = p.cla_rec, "claCategoryOfNeed" = p.cla_cin, version = t.version + 1, ${stamp}
           FROM (${EPISODE_PLAN}) p WHERE p.action = 'update' AND t.id = p.old_id`,
        [importId],
      );
    if (counts.claEpisodes.add + counts.cinPlans.add + counts.cpPlans.add > 0)
      await tx.query(
        `INSERT INTO status_episode (id, "childId", status, source, "startDate", "endDate", "cpCategoryOfAbuse", "cpLatestCategory", "claLegalStatus", "claPlacement",
                                     "claReasonNew", "claReasonEnded", "claCategoryOfNeed", "sourceRef", "statutoryImportId", "updatedAt")
         SELECT ${newId(prefix, "p.n")}, person_id, status::"ChildStatus", source::"EpisodeSource", start_date, end_date, cp_cat, cp_latest, cla_ls, cla_place,
                cla_rne, cla_rec, cla_cin, key, $1, now()
           FROM (${EPISODE_PLAN}) p WHERE p.action = 'add'`,
        [importId],
      );
    step("episodes", counts.claEpisodes.add + counts.claEpisodes.update + counts.cinPlans.add + counts.cinPlans.update + counts.cpPlans.add + counts.cpPlans.update);

    if (counts.referrals.update > 0)
      await tx.query(
        `UPDATE referral t SET "childId" = p.person_id, date = p.date, source = p.source, "primaryNeed" = p.primary_need, nfa = p.nfa, "closedAt" = p.closed_at,
                "closureReason" = p.closure_reason, version = t.version + 1, ${stamp}
           FROM (${REFERRAL_PLAN}) p WHERE p.action = 'update' AND t.id = p.old_id`,
        [importId],
      );
    if (counts.referrals.add > 0)
      await tx.query(
        `INSERT INTO referral (id, "childId", "familyId", date, source, "primaryNeed", nfa, "closedAt", "closureReason", reasons, "sourceRef", "statutoryImportId", "updatedAt")
         SELECT ${newId(prefix, "p.n")}, p.person_id, ${FAMILY_OF("p")}, p.date, p.source, p.primary_need, p.nfa, p.closed_at, p.closure_reason, '{}'::text[], p.key, $1, now()
           FROM (${REFERRAL_PLAN}) p WHERE p.action = 'add'`,
        [importId],
      );
    step("referrals", counts.referrals.add + counts.referrals.update);
    if (counts.assessments.update > 0)
      await tx.query(
        `UPDATE assessment t SET "childId" = p.person_id, "startedAt" = p.started, "completedAt" = p.completed, factors = p.factors, version = t.version + 1, ${stamp}
           FROM (${ASSESSMENT_PLAN}) p WHERE p.action = 'update' AND t.id = p.old_id`,
        [importId],
      );
    if (counts.assessments.add > 0)
      await tx.query(
        `INSERT INTO assessment (id, "childId", "familyId", level, "startedAt", "completedAt", factors, "sourceRef", "statutoryImportId", "updatedAt")
         SELECT ${newId(prefix, "p.n")}, p.person_id, ${FAMILY_OF("p")}, 'CIN', p.started, p.completed, p.factors, p.key, $1, now()
           FROM (${ASSESSMENT_PLAN}) p WHERE p.action = 'add'`,
        [importId],
      );
    step("assessments", counts.assessments.add + counts.assessments.update);

    await tx.query(`INSERT INTO statutory_import (id, files, counts, "createdById") VALUES ($1, $2::jsonb, $3::jsonb, $4)`, [
      importId,
      JSON.stringify(options.files),
      JSON.stringify(counts),
      options.actorId ?? null,
    ]);
    if (options.audit) await insertImportAudit(tx, options.audit, importId);
    step("committing", 0);
    return { importId, counts };
  });
}

/** The audit row of an import's commit, written in the import's own transaction (the API builds it). */
export interface ImportAuditRow {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityIds: string[];
  personIds: string[];
  fields: string[];
  reason: string | null;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  at: Date;
}

/** Writes an import's audit row in its transaction, naming the import first among its records. */
export async function insertImportAudit(tx: SqlRunner, a: ImportAuditRow, importId: string): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (id, at, "actorId", "actorRole", action, "entityType", "entityIds", "personIds", fields, reason, outcome, "requestId", ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10, $11::"AuditOutcome", $12, $13)`,
    [randomUUID(), a.at, a.actorId, a.actorRole, a.action, a.entityType, [importId, ...a.entityIds], a.personIds, a.fields, a.reason, a.outcome, a.requestId, a.ip],
  );
}
