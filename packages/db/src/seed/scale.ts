/**
 * A large synthetic authority for load and performance work (PostgreSQL
 * focus): by default 100,000 children in 40,000 families with 500,000 status
 * episodes, 150,000 referrals, 100,000 assessments, 1,000 staff, case
 * allocations and contact details. Written below Prisma with
 * `INSERT … SELECT FROM unnest(…)` in batches (one transaction each), with
 * deterministic ids and ON CONFLICT DO NOTHING: an interrupted run resumes
 * where it stopped when run again; a finished run is recorded in `seed_run`
 * and not repeated. Run it after the demo seed (the demo practitioner gets a
 * share of the caseload, for authenticated load tests).
 */
import type { Db, SqlRunner } from "../client.js";
import { addDays, day, Rng } from "./random.js";
import { BACKGROUNDS, CLA_LEGAL, CP_CATEGORIES, OTHER_FACTORS, PRIMARY_NEEDS, REFERRAL_SOURCES, STAFF_FIRST, STAFF_LAST } from "./reference.js";
import { DEMO_USERS } from "./users.js";

export const SCALE_MARKER = "scale";

export interface ScaleOptions {
  /** Children (default 100,000). Families = children / 2.5; episodes = 5 per child. */
  children?: number;
  episodesPerChild?: number;
  seed?: number;
  /** Rows per INSERT (default 10,000). */
  batch?: number;
  log?: (line: string) => void;
}

export interface ScaleResult {
  skipped: boolean;
  counts: Record<string, number>;
  ms: number;
}

/** Deterministic id: table code and sequence number. */
const sid = (table: number, n: number) => `5ca1e0${table.toString(16).padStart(2, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** [column, SQL type to cast to]; enum and array columns travel as text. */
type Col = readonly [name: string, pgType: string];
const paramType = (t: string) => (t.startsWith('"') || t.endsWith("[]") ? "text" : t);

/** Batched bulk insert of column arrays through unnest(). */
class Bulk {
  private cols: unknown[][];
  private n = 0;
  total = 0;
  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: readonly Col[],
    private readonly batch: number,
    /** Constant SQL expressions for the remaining NOT NULL columns, e.g. {"updatedAt": "now()"} */
    private readonly constants: Record<string, string> = { updatedAt: "now()" },
  ) {
    this.cols = columns.map(() => []);
  }
  add(...values: unknown[]) {
    values.forEach((v, i) => this.cols[i]!.push(v));
    this.n++;
  }
  get full() {
    return this.n >= this.batch;
  }
  async flush() {
    if (this.n === 0) return;
    const names = [...this.columns.map(([c]) => c), ...Object.keys(this.constants)];
    const select = [...this.columns.map(([c, t]) => `u."${c}"::${t}`), ...Object.values(this.constants)];
    const arrays = this.columns.map(([, t], i) => `$${i + 1}::${paramType(t)}[]`);
    const sql = `INSERT INTO "${this.table}" (${names.map((c) => `"${c}"`).join(", ")})
      SELECT ${select.join(", ")} FROM unnest(${arrays.join(", ")}) AS u(${this.columns.map(([c]) => `"${c}"`).join(", ")})
      ON CONFLICT DO NOTHING`;
    const params = this.cols;
    await this.db.raw.transaction((tx: SqlRunner) => tx.query(sql, params));
    this.total += this.n;
    this.cols = this.columns.map(() => []);
    this.n = 0;
  }
}

export async function seedScale(db: Db, options: ScaleOptions = {}): Promise<ScaleResult> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const done = await db.raw.query<{ id: string }>(`SELECT id FROM "seed_run" WHERE id = $1`, [SCALE_MARKER]);
  if (done.length) return { skipped: true, counts: {}, ms: Date.now() - t0 };
  const children = options.children ?? 100_000;
  const perChild = options.episodesPerChild ?? 5;
  const batch = options.batch ?? 10_000;
  const rng = new Rng(options.seed ?? 20200331);
  const families = Math.ceil(children / 2.5);

  // teams and staff
  const teams = Array.from({ length: 20 }, (_, i) => sid(1, i + 1));
  const teamBulk = new Bulk(db, "team", [["id", "text"], ["name", "text"], ["service", "text"]], batch);
  for (let i = 0; i < teams.length; i++) teamBulk.add(teams[i], `Locality team ${i + 1} (scale)`, i < 8 ? "Early Help" : "Safeguarding");
  await teamBulk.flush();
  const staffCount = 1000;
  const staffBulk = new Bulk(db, "staff", [["id", "text"], ["name", "text"], ["role", '"StaffRole"'], ["jobTitle", "text"], ["teamId", "text"], ["startDate", "date"]], batch, { languages: "ARRAY['English']::text[]", updatedAt: "now()" });
  for (let i = 0; i < staffCount; i++) {
    const sw = rng.chance(0.65);
    staffBulk.add(sid(2, i + 1), `${rng.pick(STAFF_FIRST)} ${rng.pick(STAFF_LAST)}`, sw ? "social_worker" : "family_support_worker", sw ? "Social Worker" : "Family Support Worker", teams[i % teams.length], addDays(day("2008-01-01"), rng.int(0, 4000)));
  }
  await staffBulk.flush();
  log(`staff: ${staffCount}`);

  const practitionerStaffId = DEMO_USERS.find((u) => u.role === "practitioner")!.staffId;
  const hasPractitioner = (await db.raw.query(`SELECT 1 FROM "staff" WHERE id = $1`, [practitionerStaffId])).length > 0;

  const familyBulk = new Bulk(db, "family", [["id", "text"], ["reference", "text"], ["name", "text"], ["teamId", "text"], ["openedAt", "date"]], batch);
  const personBulk = new Bulk(db, "person", [["id", "text"], ["reference", "text"], ["kind", '"PersonKind"'], ["firstName", "text"], ["lastName", "text"], ["birthDate", "date"], ["gender", '"Gender"'], ["ethnicity", "text"], ["firstLanguage", "text"]], batch);
  const memberBulk = new Bulk(db, "family_member", [["id", "text"], ["familyId", "text"], ["personId", "text"], ["role", '"FamilyRole"']], batch);
  const contactBulk = new Bulk(db, "contact_details", [["id", "text"], ["personId", "text"], ["addressLine1", "text"], ["town", "text"], ["postcode", "text"], ["phone", "text"]], batch, { unsafePeople: "'{}'::text[]", updatedAt: "now()" });
  const allocBulk = new Bulk(db, "case_allocation", [["id", "text"], ["familyId", "text"], ["staffId", "text"], ["lead", "boolean"], ["fromDate", "date"]], batch);
  const referralBulk = new Bulk(db, "referral", [["id", "text"], ["childId", "text"], ["familyId", "text"], ["date", "date"], ["source", "text"], ["primaryNeed", "text"], ["domesticAbuse", "boolean"], ["nfa", "boolean"]], batch, { reasons: "'{}'::text[]", updatedAt: "now()" });
  // factors travel as one array literal per row ("{3A,21}") cast to text[] in SQL
  const assessBulk = new Bulk(db, "assessment", [["id", "text"], ["childId", "text"], ["familyId", "text"], ["level", '"AssessmentLevel"'], ["allocatedAt", "date"], ["startedAt", "date"], ["completedAt", "date"], ["factors", "text[]"]], batch);
  const episodeBulk = new Bulk(db, "status_episode", [["id", "text"], ["childId", "text"], ["status", '"ChildStatus"'], ["startDate", "date"], ["endDate", "date"], ["cpCategoryOfAbuse", "text"], ["claLegalStatus", "text"], ["source", '"EpisodeSource"']], batch);
  // flushed together, parents first, so foreign keys always hold
  const ordered = [familyBulk, allocBulk, personBulk, memberBulk, contactBulk, referralBulk, assessBulk, episodeBulk];
  const flushAll = async () => {
    for (const b of ordered) await b.flush();
  };

  let child = 0;
  let adult = 0;
  let episode = 0;
  let referral = 0;
  let assessment = 0;
  const start = day("2010-04-01");
  const end = day("2020-03-31");
  const span = 3652;
  for (let f = 0; f < families; f++) {
    const fid = sid(3, f + 1);
    const bg = rng.weighted(BACKGROUNDS);
    const surname = rng.pick(bg.surnames);
    const opened = addDays(start, rng.int(0, span - 2200));
    familyBulk.add(fid, `S${(f + 1).toString().padStart(7, "0")}`, `${surname} family`, teams[f % teams.length], opened);
    const drawn = sid(2, rng.int(1, staffCount));
    const staffId = hasPractitioner && f % 1000 === 7 ? practitionerStaffId : drawn;
    allocBulk.add(sid(4, f + 1), fid, staffId, true, opened);
    const nAdults = rng.chance(0.5) ? 2 : 1;
    for (let a = 0; a < nAdults; a++) {
      adult++;
      const pid = sid(5, adult);
      const female = a === 0 ? rng.chance(0.85) : rng.chance(0.2);
      personBulk.add(pid, `SA${adult.toString().padStart(8, "0")}`, "adult", rng.pick(female ? bg.female : bg.male), surname, addDays(day("1965-01-01"), rng.int(0, 12000)), female ? "female" : "male", rng.weighted(bg.ethnicity), bg.language);
      memberBulk.add(sid(6, adult), fid, pid, "parent_carer");
      contactBulk.add(sid(7, adult), pid, `${rng.int(1, 300)} Scale Street`, "Slough", `SL${rng.int(1, 3)} ${rng.int(1, 9)}XX`, `07700 9${rng.int(10000, 99998).toString().padStart(5, "0")}`);
    }
    // children: the remaining budget spread so the total lands on `children`
    const left = children - child;
    const famLeft = families - f;
    const nChildren = f === families - 1 ? left : Math.max(1, Math.min(left - (famLeft - 1), rng.int(1, 4)));
    for (let c = 0; c < nChildren; c++) {
      child++;
      const cid = sid(8, child);
      const female = rng.chance(0.5);
      personBulk.add(cid, `SC${child.toString().padStart(8, "0")}`, "child", rng.pick(female ? bg.female : bg.male), surname, addDays(opened, -rng.int(30, 6000)), female ? "female" : "male", rng.weighted(bg.ethnicity), "English");
      memberBulk.add(sid(9, child), fid, cid, "child");
      // referrals and assessments (about 1.5 and 1 per child)
      let d = addDays(opened, rng.int(0, 60));
      const nRef = rng.chance(0.5) ? 2 : 1;
      for (let r = 0; r < nRef && d < end; r++) {
        referral++;
        referralBulk.add(sid(10, referral), cid, fid, d, rng.weighted(REFERRAL_SOURCES), rng.weighted(PRIMARY_NEEDS), rng.chance(0.2), rng.chance(0.1));
        if (r === 0) {
          assessment++;
          const alloc = addDays(d, rng.int(1, 5));
          const comp = addDays(alloc, rng.int(10, 60));
          assessBulk.add(sid(11, assessment), cid, fid, rng.chance(0.45) ? "EARLY_HELP" : "CIN", alloc, addDays(alloc, rng.int(0, 7)), comp < end ? comp : null, `{${rng.sample(OTHER_FACTORS, rng.int(1, 4)).join(",")}}`);
        }
        d = addDays(d, rng.int(200, 900));
      }
      // episodes in sequence (CIN, CP, CLA mixes), ~perChild on average
      let s = addDays(opened, rng.int(10, 120));
      const nEp = Math.max(1, Math.round(perChild + rng.int(-2, 2)));
      for (let e = 0; e < nEp && s < end; e++) {
        const status = rng.weighted([["CIN", 60], ["CP", 28], ["CLA", 12]] as const);
        const len = status === "CLA" ? rng.int(60, 600) : rng.int(30, 330);
        const epEnd = addDays(s, len);
        episode++;
        episodeBulk.add(sid(12, episode), cid, status, s, epEnd < end ? epEnd : null, status === "CP" ? rng.weighted(CP_CATEGORIES) : null, status === "CLA" ? rng.weighted(CLA_LEGAL) : null, status === "CLA" ? "ssda903" : "cin_census");
        if (epEnd >= end) break;
        s = addDays(epEnd, rng.int(0, 60));
      }
    }
    if (ordered.some((b) => b.full)) await flushAll();
    if ((f + 1) % 5000 === 0) log(`families ${f + 1}/${families}, children ${child}, episodes ${episode}`);
  }
  await flushAll();
  const counts = { staff: staffCount, family: families, person: child + adult, children: child, referral, assessment, statusEpisode: episode };
  await db.raw.query(`INSERT INTO "seed_run" (id, seed, summary) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING`, [SCALE_MARKER, options.seed ?? 20200331, JSON.stringify(counts)]);
  await db.raw.exec(`ANALYZE`);
  log(`scale seed done in ${Math.round((Date.now() - t0) / 1000)} s: ${JSON.stringify(counts)}`);
  return { skipped: false, counts, ms: Date.now() - t0 };
}
