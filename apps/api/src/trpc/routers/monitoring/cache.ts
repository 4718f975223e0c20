/**
 * The monitoring records (load.ts), read once and kept until a table they
 * come from changes, so the monitoring page's eleven figures and every logic
 * model's indicators do not each read every referral, episode and enrolment
 * again (issue 17: /monitoring took 2–4 s).
 *
 * Staying correct: each part is stored with its tables' fingerprint, the row
 * count and the newest row version (PostgreSQL's `xmin`, which every insert
 * and update sets, whoever writes: Prisma, raw SQL, an importer or another
 * API process). A delete lowers the count; an insert or update raises the
 * newest version. One small query fetches every fingerprint a call needs;
 * a part whose fingerprint changed is read again. Concurrent calls for the
 * same part share one read. Kept per database handle (a transaction's own
 * client gets its own cache, dropped with it). The monitoring router keeps
 * each figure it computes the same way (`cachedWhileUnchanged`).
 */
import type { TMonitoringData } from "@evident/core";
import type { DbClient } from "../../../db.js";
import { readMonitoringData } from "./load.js";

type Part = keyof TMonitoringData;

/** The tables each part is read from (load.ts's MAPPING). */
export const MONITORING_TABLES: Readonly<Record<Part, readonly string[]>> = {
  referrals: ["referral"],
  episodes: ["status_episode", "family_member"],
  assessments: ["assessment"],
  enrolments: ["enrolment", "programme", "person", "family_member"],
  hubCases: ["hub_case"],
  trainingAttendances: ["training_attendance", "training_session"],
  daConsultations: ["da_consultation"],
  maracReferrals: ["marac_referral"],
};

interface Entry {
  version: string;
  value: Promise<unknown>;
}

/** At most this many results kept per database handle (the oldest dropped first). */
const MAX_ENTRIES = 500;
const caches = new WeakMap<object, Map<string, Entry>>();

/** Each table's fingerprint ("rows:newest row version"), in one query. */
export async function tableVersions(db: DbClient, tables: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(tables)];
  if (unique.length === 0) return new Map();
  // Table names come from this file and its callers' constants, never from input.
  const sql = unique.map((t) => `SELECT '${t}' AS t, count(*)::text AS n, coalesce(max(xmin::text::bigint), 0)::text AS v FROM "${t}"`).join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ t: string; n: string; v: string }[]>(sql);
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.v}`]));
}

/**
 * `compute()`'s result for `key`, kept while none of `tables` changes
 * (`versions`: their fingerprints, from `tableVersions`). Concurrent calls
 * with the same key and versions share one computation; a failure is not kept.
 */
export function cachedWhileUnchanged<T>(db: DbClient, key: string, tables: readonly string[], versions: ReadonlyMap<string, string>, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const version = tables.map((t) => `${t}=${versions.get(t)}`).join("|");
  const entry = cache.get(key);
  if (entry && entry.version === version) return entry.value as Promise<T>;
  const value = compute();
  const fresh: Entry = { version, value };
  cache.delete(key);
  cache.set(key, fresh);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  value.catch(() => {
    if (cache.get(key) === fresh) cache.delete(key);
  });
  return value;
}

/** The monitoring records for `parts`, from the cache when no table they come from has changed. */
export async function loadMonitoringData(db: DbClient, parts: readonly Part[]): Promise<TMonitoringData> {
  const wanted = [...new Set(parts)];
  if (wanted.length === 0) return {};
  const versions = await tableVersions(db, wanted.flatMap((p) => MONITORING_TABLES[p]));
  const out: TMonitoringData = {};
  await Promise.all(
    wanted.map(async (part) => {
      const data = await cachedWhileUnchanged(db, `part:${part}`, MONITORING_TABLES[part], versions, () => readMonitoringData(db, [part]));
      Object.assign(out, { [part]: data[part] });
    }),
  );
  return out;
}
