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
 * - Rebuilt care periods and section 47 enquiries are not stored (counted
 *   as not imported).
 * Every record keeps its natural key from the extract (Person.statutoryChildId,
 * sourceRef elsewhere, unique): a key seen before is updated when its fields
 * differ and skipped when they are the same, so re-importing the same files
 * changes nothing and next year's return adds only what is new (and closes
 * what has ended).
 *
 * Written below Prisma, as `INSERT … SELECT FROM unnest(…)` / `UPDATE … FROM
 * unnest(…)` in batches inside the one transaction: a million episodes go in
 * well under a minute on PostgreSQL.
 */
import { randomUUID } from "node:crypto";
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

// ── target rows ──────────────────────────────────────────────────────────

type Gender = "female" | "male" | "unknown";

interface PersonRow {
  id: string;
  childId: string;
  birthDate: string | null;
  gender: Gender;
  ethnicity: string | null;
  upn: string | null;
  sexCode: string | null;
  sexLegacyCode: string | null;
}

interface EpisodeRow {
  id: string;
  sourceRef: string;
  childId: string;
  status: "CIN" | "CP" | "CLA";
  source: "ssda903" | "cin_census";
  startDate: string;
  endDate: string | null;
  cpCategoryOfAbuse: string | null;
  cpLatestCategory: string | null;
  claLegalStatus: string | null;
  claPlacement: string | null;
  claReasonNew: string | null;
  claReasonEnded: string | null;
  claCategoryOfNeed: string | null;
}

interface ReferralRow {
  id: string;
  sourceRef: string;
  childId: string;
  date: string;
  source: string;
  primaryNeed: string | null;
  nfa: boolean;
  closedAt: string | null;
  closureReason: string | null;
}

interface AssessmentRow {
  id: string;
  sourceRef: string;
  childId: string;
  startedAt: string;
  completedAt: string | null;
  factors: string[];
}

export function genderOf(sex: string | null, legacy: string | null): Gender {
  if (sex === "M" || legacy === "1") return "male";
  if (sex === "F" || legacy === "2") return "female";
  return "unknown";
}

const EPISODE_FIELDS = ["childId", "status", "source", "startDate", "endDate", "cpCategoryOfAbuse", "cpLatestCategory", "claLegalStatus", "claPlacement", "claReasonNew", "claReasonEnded", "claCategoryOfNeed"] as const;
const REFERRAL_FIELDS = ["childId", "date", "source", "primaryNeed", "nfa", "closedAt", "closureReason"] as const;
const ASSESSMENT_FIELDS = ["childId", "startedAt", "completedAt", "factors"] as const;
const PERSON_FIELDS = ["birthDate", "gender", "ethnicity", "upn", "sexCode", "sexLegacyCode"] as const;

function same<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): boolean {
  return fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
}

// ── the plan: what would be added, updated, skipped ───────────────────────

interface Split<T> {
  add: T[];
  update: T[];
  skip: number;
}

export interface StatutoryImportPlan {
  counts: ImportCounts;
  people: Split<PersonRow>;
  /** New families: [familyId, personId, childId]. */
  newFamilies: { familyId: string; personId: string; childId: string }[];
  /** Child id (as in the returns) → family id, for referrals and assessments. */
  familyOf: Map<string, string | null>;
  /** Episodes are planned (and written) in chunks, so only their counts are kept. */
  episodes: { byKind: Record<EpisodeKind, ChangeCount> };
  personOf: Map<string, string>;
  referrals: Split<ReferralRow>;
  assessments: Split<AssessmentRow>;
}

const CHUNK = 20_000;

async function loadByKeys<T>(tx: SqlRunner, sql: string, keys: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...(await tx.query<T>(sql, [keys.slice(i, i + CHUNK)])));
  return out;
}

function split<T extends { id: string }>(rows: (T & { key: string })[], existing: Map<string, T>, fields: readonly (keyof T)[]): Split<T> {
  const out: Split<T> = { add: [], update: [], skip: 0 };
  for (const { key, ...rest } of rows) {
    const row = rest as unknown as T;
    const old = existing.get(key);
    if (!old) out.add.push(row);
    else if (same(old, row, fields)) out.skip++;
    else out.update.push({ ...row, id: old.id });
  }
  return out;
}

const count = (s: Split<unknown>): ChangeCount => ({ add: s.add.length, update: s.update.length, skip: s.skip });

type EpisodeKind = "claEpisodes" | "cinPlans" | "cpPlans";
const EPISODE_CHUNK = 50_000;

/**
 * Status episodes, a chunk at a time (memory stays bounded for a million
 * episodes): builds the rows, looks their keys up, splits them into add /
 * update / skip and hands each chunk to `write` (the commit) or only counts
 * them (the dry run).
 */
async function eachEpisodeChunk(
  tx: SqlRunner,
  extract: ImportableExtract,
  personOf: Map<string, string>,
  write?: (chunk: Split<EpisodeRow>) => Promise<void>,
): Promise<Record<EpisodeKind, ChangeCount>> {
  const byKind: Record<EpisodeKind, ChangeCount> = { claEpisodes: { add: 0, update: 0, skip: 0 }, cinPlans: { add: 0, update: 0, skip: 0 }, cpPlans: { add: 0, update: 0, skip: 0 } };
  const blank = { cpCategoryOfAbuse: null, cpLatestCategory: null, claLegalStatus: null, claPlacement: null, claReasonNew: null, claReasonEnded: null, claCategoryOfNeed: null };
  const person = (childId: string) => personOf.get(childId)!;
  const toRow = {
    claEpisodes: (e: ImportableExtract["claEpisodes"][number]): EpisodeRow & { key: string } => ({
      ...blank,
      key: e.key,
      id: randomUUID(),
      sourceRef: e.key,
      childId: person(e.childId),
      status: "CLA",
      source: "ssda903",
      startDate: e.start,
      endDate: e.end,
      claLegalStatus: e.legalStatus,
      claPlacement: e.placement,
      claReasonNew: e.reasonNewEpisode,
      claReasonEnded: e.reasonEnded,
      claCategoryOfNeed: e.categoryOfNeed,
    }),
    cinPlans: (p: ImportableExtract["cinPlans"][number]): EpisodeRow & { key: string } => ({ ...blank, key: p.key, id: randomUUID(), sourceRef: p.key, childId: person(p.childId), status: "CIN", source: "cin_census", startDate: p.start, endDate: p.end }),
    cpPlans: (p: ImportableExtract["cpPlans"][number]): EpisodeRow & { key: string } => ({
      ...blank,
      key: p.key,
      id: randomUUID(),
      sourceRef: p.key,
      childId: person(p.childId),
      status: "CP",
      source: "cin_census",
      startDate: p.start,
      endDate: p.end,
      cpCategoryOfAbuse: p.initialCategory,
      cpLatestCategory: p.latestCategory,
    }),
  };
  // A first import (no statutory episode stored yet, checked once, inside the transaction) needs no look-ups.
  const [{ any } = { any: true }] = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM status_episode WHERE "sourceRef" IS NOT NULL) AS any`);
  for (const kind of ["claEpisodes", "cinPlans", "cpPlans"] as const) {
    const list = extract[kind] as { key: string }[];
    for (let i = 0; i < list.length; i += EPISODE_CHUNK) {
      const rows = list.slice(i, i + EPISODE_CHUNK).map((x) => (toRow[kind] as (x: unknown) => EpisodeRow & { key: string })(x));
      const existing = new Map<string, EpisodeRow>();
      if (any)
        for (const r of await tx.query<EpisodeRow>(
          `SELECT e.id, e."sourceRef", e."childId", e.status::text AS status, e.source::text AS source, to_char(e."startDate", 'YYYY-MM-DD') AS "startDate", to_char(e."endDate", 'YYYY-MM-DD') AS "endDate",
                  e."cpCategoryOfAbuse", e."cpLatestCategory", e."claLegalStatus", e."claPlacement", e."claReasonNew", e."claReasonEnded", e."claCategoryOfNeed"
             FROM unnest($1::text[]) AS k(key) JOIN status_episode e ON e."sourceRef" = k.key`,
          [rows.map((r) => r.key)],
        ))
          existing.set(r.sourceRef, r);
      const chunk = split(rows, existing, EPISODE_FIELDS);
      byKind[kind].add += chunk.add.length;
      byKind[kind].update += chunk.update.length;
      byKind[kind].skip += chunk.skip;
      if (write) await write(chunk);
    }
  }
  return byKind;
}

/** Works out the changes without writing anything (the dry run; the commit runs it again inside its transaction). */
export async function planStatutoryImport(tx: SqlRunner, extract: ImportableExtract, options: { skipEpisodes?: boolean } = {}): Promise<StatutoryImportPlan> {
  // Children: every child id mentioned anywhere, with characteristics when the extract has them.
  const characteristics = new Map(extract.children.map((c) => [c.childId, c]));
  const childIds = new Set<string>(characteristics.keys());
  for (const list of [extract.claEpisodes, extract.cinPlans, extract.cpPlans, extract.referrals, extract.assessments]) for (const r of list) childIds.add(r.childId);
  const ids = [...childIds];
  const existingPeople = new Map<string, PersonRow>();
  for (const r of await loadByKeys<PersonRow>(
    tx,
    `SELECT id, "statutoryChildId" AS "childId", to_char("birthDate", 'YYYY-MM-DD') AS "birthDate", gender::text AS gender, ethnicity, upn, "sexCode", "sexLegacyCode"
       FROM person WHERE "statutoryChildId" = ANY($1::text[])`,
    ids,
  ))
    existingPeople.set(r.childId, r);
  const peopleRows = ids.map((childId) => {
    const c = characteristics.get(childId);
    const old = existingPeople.get(childId);
    const row: PersonRow = c
      ? { id: randomUUID(), childId, birthDate: c.birthDate, gender: genderOf(c.sex, c.sexLegacy), ethnicity: c.ethnicity, upn: c.upn, sexCode: c.sex, sexLegacyCode: c.sexLegacy }
      : old
        ? { ...old }
        : { id: randomUUID(), childId, birthDate: null, gender: "unknown", ethnicity: null, upn: null, sexCode: null, sexLegacyCode: null };
    return { ...row, key: childId };
  });
  const people = split(peopleRows, existingPeople, PERSON_FIELDS);
  const personOf = new Map<string, string>();
  for (const p of [...people.add, ...people.update]) personOf.set(p.childId, p.id);
  for (const [childId, p] of existingPeople) if (!personOf.has(childId)) personOf.set(childId, p.id);

  const familyOf = new Map<string, string | null>();
  const existingFamilies = await loadByKeys<{ personId: string; familyId: string }>(
    tx,
    `SELECT DISTINCT ON ("personId") "personId", "familyId" FROM family_member WHERE role = 'child' AND "personId" = ANY($1::text[]) ORDER BY "personId", "createdAt"`,
    [...existingPeople.values()].map((p) => p.id),
  );
  const familyByPerson = new Map(existingFamilies.map((f) => [f.personId, f.familyId]));
  for (const [childId, p] of existingPeople) familyOf.set(childId, familyByPerson.get(p.id) ?? null);
  const newFamilies = people.add.map((p) => ({ familyId: randomUUID(), personId: p.id, childId: p.childId }));
  for (const f of newFamilies) familyOf.set(f.childId, f.familyId);

  const zero = () => ({ add: 0, update: 0, skip: 0 });
  const byKind = options.skipEpisodes ? { claEpisodes: zero(), cinPlans: zero(), cpPlans: zero() } : await eachEpisodeChunk(tx, extract, personOf);
  const person = (childId: string) => personOf.get(childId)!;
  // Referrals: one per CINdetails, with the CIN episode's details.
  const cinByKey = new Map(extract.cinEpisodes.map((c) => [c.key, c]));
  const referralRows = extract.referrals.map((r) => {
    const cin = cinByKey.get(r.cinEpisodeKey);
    return {
      key: r.key,
      id: randomUUID(),
      sourceRef: r.key,
      childId: person(r.childId),
      date: r.date,
      source: r.referralSource ?? cin?.referralSource ?? "",
      primaryNeed: cin?.primaryNeed ?? null,
      nfa: r.nfa,
      closedAt: cin?.closureDate ?? null,
      closureReason: cin?.reasonForClosure ?? null,
    };
  });
  const existingReferrals = new Map<string, ReferralRow>();
  for (const r of await loadByKeys<ReferralRow>(
    tx,
    `SELECT id, "sourceRef", "childId", to_char(date, 'YYYY-MM-DD') AS date, source, "primaryNeed", nfa, to_char("closedAt", 'YYYY-MM-DD') AS "closedAt", "closureReason"
       FROM referral WHERE "sourceRef" = ANY($1::text[])`,
    referralRows.map((r) => r.key),
  ))
    existingReferrals.set(r.sourceRef, r);
  const referrals = split(referralRows, existingReferrals, REFERRAL_FIELDS);

  const assessmentRows = extract.assessments.map((a) => ({
    key: a.key,
    id: randomUUID(),
    sourceRef: a.key,
    childId: person(a.childId),
    startedAt: a.start,
    completedAt: a.authorisationDate,
    factors: [...a.factors],
  }));
  const existingAssessments = new Map<string, AssessmentRow>();
  for (const r of await loadByKeys<AssessmentRow>(
    tx,
    `SELECT id, "sourceRef", "childId", to_char("startedAt", 'YYYY-MM-DD') AS "startedAt", to_char("completedAt", 'YYYY-MM-DD') AS "completedAt", factors
       FROM assessment WHERE "sourceRef" = ANY($1::text[])`,
    assessmentRows.map((a) => a.key),
  ))
    existingAssessments.set(r.sourceRef, r);
  const assessments = split(assessmentRows, existingAssessments, ASSESSMENT_FIELDS);

  return {
    counts: {
      children: count(people),
      ...byKind,
      referrals: count(referrals),
      assessments: count(assessments),
      families: newFamilies.length,
      notImported: { carePeriods: extract.carePeriods?.length ?? 0, section47s: extract.section47s?.length ?? 0 },
    },
    people,
    newFamilies,
    familyOf,
    personOf,
    episodes: { byKind },
    referrals,
    assessments,
  };
}

// ── writing ──────────────────────────────────────────────────────────────

/** A PostgreSQL text[] literal (arrays inside unnest() travel as text, since unnest flattens 2-D arrays). */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

type Col = [name: string, cast: string];

async function bulkInsert(tx: SqlRunner, table: string, cols: Col[], rows: unknown[][], constants: Record<string, string>, batch: number): Promise<void> {
  const names = [...cols.map(([c]) => c), ...Object.keys(constants)];
  const select = [...cols.map(([c, t]) => `u."${c}"::${t}`), ...Object.values(constants)];
  const sql = `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(", ")})
    SELECT ${select.join(", ")} FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${cols.map(([c]) => `"${c}"`).join(", ")})`;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await tx.query(sql, cols.map((_, c) => slice.map((r) => (r[c] === null || r[c] === undefined ? null : String(r[c])))));
  }
}

async function bulkUpdate(tx: SqlRunner, table: string, cols: Col[], rows: unknown[][], constants: Record<string, string>, batch: number): Promise<void> {
  const sets = [...cols.slice(1).map(([c, t]) => `"${c}" = u."${c}"::${t}`), `version = t.version + 1`, ...Object.entries(constants).map(([c, v]) => `"${c}" = ${v}`)];
  const sql = `UPDATE "${table}" AS t SET ${sets.join(", ")}
    FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${cols.map(([c]) => `"${c}"`).join(", ")})
    WHERE t.id = u.id`;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await tx.query(sql, cols.map((_, c) => slice.map((r) => (r[c] === null || r[c] === undefined ? null : String(r[c])))));
  }
}

const PERSON_COLS: Col[] = [["id", "text"], ["birthDate", "date"], ["gender", '"Gender"'], ["ethnicity", "text"], ["upn", "text"], ["sexCode", "text"], ["sexLegacyCode", "text"]];
const EPISODE_COLS: Col[] = [
  ["id", "text"],
  ["childId", "text"],
  ["status", '"ChildStatus"'],
  ["source", '"EpisodeSource"'],
  ["startDate", "date"],
  ["endDate", "date"],
  ["cpCategoryOfAbuse", "text"],
  ["cpLatestCategory", "text"],
  ["claLegalStatus", "text"],
  ["claPlacement", "text"],
  ["claReasonNew", "text"],
  ["claReasonEnded", "text"],
  ["claCategoryOfNeed", "text"],
  ["sourceRef", "text"],
];
const REFERRAL_COLS: Col[] = [["id", "text"], ["childId", "text"], ["familyId", "text"], ["date", "date"], ["source", "text"], ["primaryNeed", "text"], ["nfa", "boolean"], ["closedAt", "date"], ["closureReason", "text"], ["sourceRef", "text"]];
const ASSESSMENT_COLS: Col[] = [["id", "text"], ["childId", "text"], ["familyId", "text"], ["startedAt", "date"], ["completedAt", "date"], ["factors", "text[]"], ["sourceRef", "text"]];

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
  audit?: { actorId: string | null; actorRole: string | null; action: string; entityType: string | null; entityIds: string[]; personIds: string[]; fields: string[]; reason: string | null; outcome: string; requestId: string | null; ip: string | null; at: Date };
  /** Rows per statement (default 10,000). */
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
  const batch = options.batch ?? 10_000;
  const step = options.onStep ?? (() => {});
  return db.raw.transaction(async (tx) => {
    if (db.kind === "postgres") await tx.query(`SELECT pg_advisory_xact_lock(7007001)`);
    const plan = await planStatutoryImport(tx, extract, { skipEpisodes: true });
    step("planned", 0);
    const importId = randomUUID();
    const stamp = { updatedAt: "now()", statutoryImportId: `'${importId}'` };
    const childOf = new Map<string, string>();
    for (const p of [...plan.people.add, ...plan.people.update]) childOf.set(p.id, p.childId);
    const family = (personId: string) => {
      const childId = childOf.get(personId);
      return childId !== undefined ? (plan.familyOf.get(childId) ?? null) : null;
    };

    await bulkInsert(
      tx,
      "person",
      [...PERSON_COLS, ["statutoryChildId", "text"], ["reference", "text"], ["lastName", "text"]],
      plan.people.add.map((p) => [p.id, p.birthDate, p.gender, p.ethnicity, p.upn, p.sexCode, p.sexLegacyCode, p.childId, `S-${p.childId}`, p.childId]),
      { ...stamp, kind: "'child'", firstName: "'Child'" },
      batch,
    );
    await bulkUpdate(tx, "person", PERSON_COLS, plan.people.update.map((p) => [p.id, p.birthDate, p.gender, p.ethnicity, p.upn, p.sexCode, p.sexLegacyCode]), stamp, batch);
    step("children", plan.people.add.length + plan.people.update.length);
    await bulkInsert(
      tx,
      "family",
      [["id", "text"], ["reference", "text"], ["name", "text"]],
      plan.newFamilies.map((f) => [f.familyId, `S-${f.childId}`, `Child ${f.childId} (statutory return)`]),
      { updatedAt: "now()" },
      batch,
    );
    await bulkInsert(
      tx,
      "family_member",
      [["id", "text"], ["familyId", "text"], ["personId", "text"]],
      plan.newFamilies.map((f) => [randomUUID(), f.familyId, f.personId]),
      { updatedAt: "now()", role: "'child'" },
      batch,
    );
    step("families", plan.newFamilies.length);
    const episodeValues = (e: EpisodeRow) => [e.id, e.childId, e.status, e.source, e.startDate, e.endDate, e.cpCategoryOfAbuse, e.cpLatestCategory, e.claLegalStatus, e.claPlacement, e.claReasonNew, e.claReasonEnded, e.claCategoryOfNeed, e.sourceRef];
    let written = 0;
    const byKind = await eachEpisodeChunk(tx, extract, plan.personOf, async (chunk) => {
      await bulkInsert(tx, "status_episode", EPISODE_COLS, chunk.add.map(episodeValues), stamp, batch);
      await bulkUpdate(tx, "status_episode", EPISODE_COLS, chunk.update.map(episodeValues), stamp, batch);
      written += chunk.add.length + chunk.update.length;
    });
    Object.assign(plan.counts, byKind);
    plan.episodes.byKind = byKind;
    step("episodes", written);
    const personFamily = new Map<string, string | null>();
    const familyOfPerson = (personId: string) => {
      if (!personFamily.has(personId)) personFamily.set(personId, family(personId));
      return personFamily.get(personId) ?? null;
    };
    const referralValues = (r: ReferralRow) => [r.id, r.childId, familyOfPerson(r.childId), r.date, r.source, r.primaryNeed, r.nfa, r.closedAt, r.closureReason, r.sourceRef];
    await bulkInsert(tx, "referral", REFERRAL_COLS, plan.referrals.add.map(referralValues), { ...stamp, reasons: "'{}'::text[]" }, batch);
    await bulkUpdate(tx, "referral", REFERRAL_COLS.filter(([c]) => c !== "familyId"), plan.referrals.update.map((r) => referralValues(r).filter((_, i) => i !== 2)), stamp, batch);
    step("referrals", plan.referrals.add.length + plan.referrals.update.length);
    const assessmentValues = (a: AssessmentRow) => [a.id, a.childId, familyOfPerson(a.childId), a.startedAt, a.completedAt, pgArray(a.factors), a.sourceRef];
    await bulkInsert(tx, "assessment", ASSESSMENT_COLS, plan.assessments.add.map(assessmentValues), { ...stamp, level: "'CIN'" }, batch);
    await bulkUpdate(tx, "assessment", ASSESSMENT_COLS.filter(([c]) => c !== "familyId"), plan.assessments.update.map((a) => assessmentValues(a).filter((_, i) => i !== 2)), stamp, batch);
    step("assessments", plan.assessments.add.length + plan.assessments.update.length);

    await tx.query(`INSERT INTO statutory_import (id, files, counts, "createdById") VALUES ($1, $2::jsonb, $3::jsonb, $4)`, [
      importId,
      JSON.stringify(options.files),
      JSON.stringify(plan.counts),
      options.actorId ?? null,
    ]);
    if (options.audit) {
      const a = options.audit;
      await tx.query(
        `INSERT INTO audit_log (id, at, "actorId", "actorRole", action, "entityType", "entityIds", "personIds", fields, reason, outcome, "requestId", ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10, $11::"AuditOutcome", $12, $13)`,
        [randomUUID(), a.at, a.actorId, a.actorRole, a.action, a.entityType, [importId, ...a.entityIds], a.personIds, a.fields, a.reason, a.outcome, a.requestId, a.ip],
      );
    }
    step("committing", 0);
    return { importId, counts: plan.counts };
  });
}
