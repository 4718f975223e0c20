import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client.js";
import { migrate } from "../migrate.js";
import { PG_URL, targets } from "../test/targets.js";
import { sampleExtract } from "./sample.js";
import { importStatutory, planStatutoryImport, StatutoryImportRefused, type ImportableExtract } from "./statutory.js";

const FILES = [{ name: "episodes.csv", kind: "ssda903-episodes-csv", rows: 1 }];

async function snapshot(db: Db) {
  const q = (sql: string) => db.raw.query(sql);
  return {
    people: await q(`SELECT "statutoryChildId", "birthDate"::text, gender::text, ethnicity, "sexCode", "sexLegacyCode", version FROM person WHERE "statutoryChildId" IS NOT NULL ORDER BY 1`),
    episodes: await q(`SELECT "sourceRef", status::text, "startDate"::text, "endDate"::text, "claLegalStatus", "cpCategoryOfAbuse", version FROM status_episode WHERE "sourceRef" IS NOT NULL ORDER BY 1`),
    referrals: await q(`SELECT "sourceRef", date::text, source, nfa, "closedAt"::text, version FROM referral WHERE "sourceRef" IS NOT NULL ORDER BY 1`),
    assessments: await q(`SELECT "sourceRef", "startedAt"::text, "completedAt"::text, factors, version FROM assessment WHERE "sourceRef" IS NOT NULL ORDER BY 1`),
    families: await q(`SELECT reference FROM family WHERE reference LIKE 'S-%' ORDER BY 1`),
  };
}

describe.each(targets())("statutory import on $name", (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it("a dry run counts without writing; the commit writes it all; the same files again change nothing", async () => {
    const x = sampleExtract(3);
    const before = await snapshot(db);
    const plan = await planStatutoryImport(db.raw, x);
    expect(plan.counts.children).toEqual({ add: 3, update: 0, skip: 0 });
    expect(plan.counts.claEpisodes).toEqual({ add: 6, update: 0, skip: 0 });
    expect(plan.counts.cinPlans.add + plan.counts.cpPlans.add).toBe(3);
    expect(await snapshot(db)).toEqual(before);

    const first = await importStatutory(db, x, { files: FILES });
    expect(first.counts.referrals).toEqual({ add: 3, update: 0, skip: 0 });
    const after = await snapshot(db);
    expect(after.people).toHaveLength(3);
    expect(after.people[1]).toEqual({ statutoryChildId: "T0000001", birthDate: "2006-10-14", gender: "male", ethnicity: "ABAN", sexCode: "M", sexLegacyCode: "1", version: 1 });
    expect(after.episodes).toHaveLength(9);
    expect(after.assessments[0]).toMatchObject({ factors: ["3A", "21"] });
    expect(after.families).toEqual([{ reference: "S-T0000000" }, { reference: "S-T0000001" }, { reference: "S-T0000002" }]);
    const [members] = await db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM family_member m JOIN family f ON f.id = m."familyId" WHERE f.reference LIKE 'S-%' AND m.role = 'child'`);
    expect(members!.n).toBe(3);

    const again = await importStatutory(db, sampleExtract(3), { files: FILES });
    expect(again.counts.children).toEqual({ add: 0, update: 0, skip: 3 });
    expect(again.counts.claEpisodes).toEqual({ add: 0, update: 0, skip: 6 });
    expect(again.counts.families).toBe(0);
    expect(await snapshot(db)).toEqual(after);
  });

  it("next year's return adds only what is new and updates what changed (an episode that has ended)", async () => {
    const next = sampleExtract(4);
    next.claEpisodes[1]!.end = "2016-01-01";
    next.claEpisodes[1]!.reasonEnded = "E11";
    next.children[0]!.ethnicity = "WIRI";
    const dry = await planStatutoryImport(db.raw, next);
    const result = await importStatutory(db, next, { files: FILES });
    expect(dry.counts).toEqual(result.counts);
    expect(result.counts.children).toEqual({ add: 1, update: 1, skip: 2 });
    expect(result.counts.claEpisodes).toEqual({ add: 2, update: 1, skip: 5 });
    expect(result.counts.referrals).toEqual({ add: 1, update: 0, skip: 3 });
    expect(result.counts.families).toBe(1);
    const [child0] = await db.raw.query<{ ethnicity: string; version: number }>(`SELECT ethnicity, version FROM person WHERE "statutoryChildId" = 'T0000000'`);
    expect(child0).toEqual({ ethnicity: "WIRI", version: 2 });
    const rows = await db.raw.query<{ endDate: string; version: number; claReasonEnded: string }>(`SELECT "endDate"::text AS "endDate", version, "claReasonEnded" FROM status_episode WHERE "sourceRef" = $1`, [next.claEpisodes[1]!.key]);
    expect(rows).toEqual([{ endDate: "2016-01-01", version: 2, claReasonEnded: "E11" }]);
  });

  it("gives a new record of an existing child (no characteristics in the file) the child's family", async () => {
    const x = sampleExtract(1);
    x.children = [];
    x.referrals[0]!.key = "ref:T0000000:2016-06-01";
    x.referrals[0]!.date = "2016-06-01";
    const result = await importStatutory(db, x, { files: FILES });
    expect(result.counts.children).toEqual({ add: 0, update: 0, skip: 1 });
    expect(result.counts.referrals).toEqual({ add: 1, update: 0, skip: 0 });
    const rows = await db.raw.query<{ same: boolean }>(
      `SELECT r."familyId" = f.id AS same FROM referral r JOIN family f ON f.reference = 'S-T0000000' WHERE r."sourceRef" = 'ref:T0000000:2016-06-01'`,
    );
    expect(rows).toEqual([{ same: true }]);
  });

  it("keeps tabs, line breaks, backslashes, quotes and commas in values exactly (COPY text format)", async () => {
    const x = sampleExtract(1);
    x.children[0]!.childId = x.claEpisodes[0]!.childId = x.claEpisodes[1]!.childId = "Q\\1";
    x.children[0]!.upn = 'a\tb\nc\\d"e';
    x.children[0]!.ethnicity = "W\u0000X"; // PostgreSQL text cannot hold NUL: kept as U+FFFD
    x.referrals = [];
    x.cinEpisodes = [];
    x.cpPlans = [];
    x.cinPlans = [];
    x.assessments = [{ key: "asmt:Q:2015-01-01", childId: "Q\\1", start: "2015-01-01", authorisationDate: null, factors: ['x"y', "p\\q", "r,s", "t\tu", "NULL"] }];
    x.claEpisodes[0]!.key = "cla:Q:2015-01-01";
    x.claEpisodes[1]!.key = "cla:Q:2015-02-10";
    x.claEpisodes[0]!.placement = "U\n1";
    await importStatutory(db, x, { files: FILES });
    const [p] = await db.raw.query<{ upn: string; ref: string; ethnicity: string }>(`SELECT upn, reference AS ref, ethnicity FROM person WHERE "statutoryChildId" = $1`, ["Q\\1"]);
    expect(p).toEqual({ upn: 'a\tb\nc\\d"e', ref: "S-Q\\1", ethnicity: "W\uFFFDX" });
    const [a] = await db.raw.query<{ factors: string[] }>(`SELECT factors FROM assessment WHERE "sourceRef" = 'asmt:Q:2015-01-01'`);
    expect(a!.factors).toEqual(['x"y', "p\\q", "r,s", "t\tu", "NULL"]);
    const [e] = await db.raw.query<{ claPlacement: string }>(`SELECT "claPlacement" FROM status_episode WHERE "sourceRef" = $1`, [x.claEpisodes[0]!.key]);
    expect(e!.claPlacement).toBe("U\n1");
    // …and the same values again are recognised as unchanged.
    const again = await planStatutoryImport(db.raw, x);
    expect(again.counts.children).toEqual({ add: 0, update: 0, skip: 1 });
    expect(again.counts.assessments).toEqual({ add: 0, update: 0, skip: 1 });
    expect(again.counts.claEpisodes).toEqual({ add: 0, update: 0, skip: 2 });
  });

  it("refuses an extract with errors and writes nothing", async () => {
    const before = await snapshot(db);
    const bad: ImportableExtract = { ...sampleExtract(6), problems: [{ severity: "warning" }, { severity: "error" }] };
    await expect(importStatutory(db, bad, { files: FILES })).rejects.toBeInstanceOf(StatutoryImportRefused);
    expect(await snapshot(db)).toEqual(before);
  });

  it("rolls everything back when a statement fails part-way", async () => {
    const before = await snapshot(db);
    const x = sampleExtract(8);
    // A code longer than the column allows? Columns are text; use a date that PostgreSQL rejects instead, on the last assessment.
    x.assessments[7]!.start = "2019-02-30";
    await expect(importStatutory(db, x, { files: FILES })).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

const here = dirname(fileURLToPath(import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve("tsx");

/**
 * Runs the importer in a child process on `target` (a folder or a postgres:// URL) and SIGKILLs it `killAfterMs`
 * after it prints `killOn` (or lets it finish); with `freeze`, the child stops dead at that step, so the kill lands there.
 */
function importUntilKilled(target: string, children: number, killOn: string, killAfterMs: number, freeze: boolean): Promise<{ killed: boolean; steps: string[] }> {
  return new Promise((resolve, reject) => {
    const args = ["--import", tsxLoader, join(here, "..", "test", "import-writer.ts"), target, String(children), ...(freeze ? [killOn] : [])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const steps: string[] = [];
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        steps.push(line);
        if (line === killOn) timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal === "SIGKILL") resolve({ killed: true, steps });
      else if (code === 0) resolve({ killed: false, steps });
      else reject(new Error(`import writer failed (code ${code}): ${stderr.slice(0, 2000)}`));
    });
  });
}

/** [step to kill at, delay in ms, freeze the child there (the kill certainly lands at that step: nothing may be committed)]. */
type Round = [step: string, ms: number, freeze: boolean];
const random = (max: number) => Math.floor(Math.random() * max);
const ROUNDS: Round[] = [
  ["ready", 0, false],
  ["staging-episodes", 0, true], // in the middle of the episodes' COPY
  ["staged", random(30), false], // while planning
  ["children", random(30), false], // during the merge
  ["episodes", random(30), false],
  ["committing", 0, true], // every row written, COMMIT not yet sent
  ["(never: runs to the end)", 0, false],
];

/** Kills the import at each round's moment on a fresh copy of a migrated database, then checks it holds all of it or none of it. */
async function killRounds(n: number, fresh: (round: number) => Promise<{ target: string; open: () => Promise<Db>; settle: () => Promise<void> }>) {
  const outcomes: string[] = [];
  for (const [i, [step, ms, freeze]] of ROUNDS.entries()) {
    const { target, open, settle } = await fresh(i);
    const run = await importUntilKilled(target, n, step, ms, freeze);
    await settle();
    const db = await open();
    try {
      const [c] = await db.raw.query<{ people: number; episodes: number; imports: number }>(
        `SELECT (SELECT count(*)::int FROM person WHERE "statutoryChildId" IS NOT NULL) AS people,
                (SELECT count(*)::int FROM status_episode WHERE "sourceRef" IS NOT NULL) AS episodes,
                (SELECT count(*)::int FROM statutory_import) AS imports`,
      );
      const all = { people: n, episodes: n * 3, imports: 1 };
      const none = { people: 0, episodes: 0, imports: 0 };
      expect([JSON.stringify(all), JSON.stringify(none)]).toContain(JSON.stringify(c));
      if (!run.killed) expect(c).toEqual(all);
      if (freeze) expect({ step, killed: run.killed, c }).toEqual({ step, killed: true, c: none });
      outcomes.push(`${step}+${ms}ms${freeze ? " (frozen)" : ""}:${run.killed ? "killed" : "finished"}:${c!.people === n ? "all" : "none"}:${run.steps.at(-1)}`);
    } finally {
      await db.close();
    }
  }
  console.log(outcomes.join("\n"));
  // At least one kill landed in the middle of the import (after it had started writing).
  expect(outcomes.some((o) => o.includes("killed") && !o.endsWith("ready"))).toBe(true);
  expect(outcomes.at(-1)).toMatch(/finished:all:done$/);
}

describe("statutory import killed part-way (SIGKILL, file-backed embedded database)", () => {
  const root = mkdtempSync(join(tmpdir(), "evident-import-kill-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(async () => {
    // One migrated database, copied for each round (migrating is the slow part).
    const template = await createDb({ dataDir: join(root, "template"), databaseUrl: null, migrate: true });
    await template.close();
  }, 120_000);

  it("leaves all (1000 children) or nothing, every time", async () => {
    await killRounds(1000, async (i) => {
      const dir = join(root, `db${i}`);
      cpSync(join(root, "template"), dir, { recursive: true });
      return { target: dir, open: () => createDb({ dataDir: dir, databaseUrl: null, migrate: true }), settle: async () => {} };
    });
  }, 600_000);
});

describe.skipIf(!PG_URL)("statutory import killed part-way (SIGKILL, PostgreSQL)", () => {
  const prefix = `evident_kill_${randomBytes(4).toString("hex")}`;
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const urlOf = (name: string) => {
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    return url.toString();
  };
  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE "${prefix}_template"`));
    made.push(`${prefix}_template`);
    const template = await createDb({ databaseUrl: urlOf(`${prefix}_template`), migrate: true, poolMax: 1 });
    await template.close();
  }, 120_000);
  afterAll(async () => {
    await admin(async (c) => {
      for (const name of made) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it("leaves all (3000 children) or nothing, every time", async () => {
    await killRounds(3000, async (i) => {
      const name = `${prefix}_${i}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${prefix}_template"`));
      made.push(name);
      return {
        target: urlOf(name),
        open: () => createDb({ databaseUrl: urlOf(name), poolMax: 1 }),
        // The server ends the dead client's session (and rolls its transaction back) when it next reads or writes
        // the socket; wait for that, so the check sees the end state, not a transaction still running.
        settle: () =>
          admin(async (c) => {
            for (let t = 0; t < 300; t++) {
              const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
              if (rows[0].n === 0) return;
              await new Promise((r) => setTimeout(r, 50));
            }
            throw new Error(`the killed import's session on ${name} did not end`);
          }),
      };
    });
  }, 600_000);
});
