import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client.js";
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

describe("statutory import", () => {
  let db: Db;
  beforeAll(async () => {
    db = await createDb({ memory: true, migrate: true, databaseUrl: null });
  });
  afterAll(async () => db?.close());

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
    const result = await importStatutory(db, next, { files: FILES });
    expect(result.counts.children).toEqual({ add: 1, update: 0, skip: 3 });
    expect(result.counts.claEpisodes).toEqual({ add: 2, update: 1, skip: 5 });
    const rows = await db.raw.query<{ endDate: string; version: number; claReasonEnded: string }>(`SELECT "endDate"::text AS "endDate", version, "claReasonEnded" FROM status_episode WHERE "sourceRef" = $1`, [next.claEpisodes[1]!.key]);
    expect(rows).toEqual([{ endDate: "2016-01-01", version: 2, claReasonEnded: "E11" }]);
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

/** Runs the importer in a child process on a file-backed database and SIGKILLs it after `ms` (or lets it finish). */
function importUntilKilled(dir: string, children: number, killOn: string, killAfterMs: number): Promise<{ killed: boolean; steps: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", tsxLoader, join(here, "..", "test", "import-writer.ts"), dir, String(children)], { stdio: ["ignore", "pipe", "pipe"] });
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

describe("statutory import killed part-way (SIGKILL, file-backed embedded database)", () => {
  const root = mkdtempSync(join(tmpdir(), "evident-import-kill-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const N = 1000;
  // Kill moments spread over the import: after a step the child reports (each step is written, not yet committed), plus a random delay.
  const rounds: [string, number][] = [
    ["ready", 0],
    ["planned", Math.floor(Math.random() * 30)],
    ["children", Math.floor(Math.random() * 30)],
    ["episodes", Math.floor(Math.random() * 30)],
    ["assessments", Math.floor(Math.random() * 10)],
    ["(never: runs to the end)", 0],
  ];
  beforeAll(async () => {
    // One migrated database, copied for each round (migrating is the slow part).
    const template = await createDb({ dataDir: join(root, "template"), databaseUrl: null, migrate: true });
    await template.close();
  }, 120_000);

  it(`leaves all (${N} children) or nothing, every time`, async () => {
    const outcomes: string[] = [];
    for (const [i, [step, ms]] of rounds.entries()) {
      const dir = join(root, `db${i}`);
      cpSync(join(root, "template"), dir, { recursive: true });
      const run = await importUntilKilled(dir, N, step, ms);
      const db = await createDb({ dataDir: dir, databaseUrl: null, migrate: true });
      try {
        const [c] = await db.raw.query<{ people: number; episodes: number; imports: number }>(
          `SELECT (SELECT count(*)::int FROM person WHERE "statutoryChildId" IS NOT NULL) AS people,
                  (SELECT count(*)::int FROM status_episode WHERE "sourceRef" IS NOT NULL) AS episodes,
                  (SELECT count(*)::int FROM statutory_import) AS imports`,
        );
        const all = { people: N, episodes: N * 3, imports: 1 };
        const none = { people: 0, episodes: 0, imports: 0 };
        expect([JSON.stringify(all), JSON.stringify(none)]).toContain(JSON.stringify(c));
        if (!run.killed) expect(c).toEqual(all);
        outcomes.push(`${step}+${ms}ms:${run.killed ? "killed" : "finished"}:${c!.people === N ? "all" : "none"}:${run.steps.at(-1)}`);
      } finally {
        await db.close();
      }
    }
    console.log(outcomes.join("\n"));
    // At least one kill landed in the middle of the import (after it had started writing).
    expect(outcomes.some((o) => o.includes("killed") && !o.endsWith("ready"))).toBe(true);
  }, 300_000);
});
