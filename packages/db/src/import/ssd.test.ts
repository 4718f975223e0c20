import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateSsdExtract, readSsdFiles, recordsToAnalysisRows, ssdRecordRows, ssdToAnalysisRows, type SsdExtract } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../client.js";
import { migrate } from "../migrate.js";
import { targets } from "../test/targets.js";
import { importSsd, planSsdImport, SsdImportRefused } from "./ssd.js";

const SMALL = fileURLToPath(new URL("../../../core/src/ssd/fixtures/small/", import.meta.url));
const smallFiles = () => readdirSync(SMALL).filter((f) => f.endsWith(".csv")).map((name) => ({ name, text: readFileSync(`${SMALL}${name}`, "utf8") }));
const input = (x: SsdExtract) => ({ rows: ssdRecordRows(x), problems: x.problems });
const opts = { files: [{ name: "ssd_person.csv", rows: 4 }], digest: "test" };
const fromFiles = (files: Record<string, string>) => readSsdFiles(Object.entries(files).map(([name, text]) => ({ name, text })));

/** Everything the SSD import writes, as stored (ids left out: they are new on each import). */
async function snapshot(db: Db) {
  const q = (sql: string) => db.raw.query(sql);
  return {
    people: await q(`SELECT "ssdPersonId", reference, "firstName", "lastName", "birthDate"::text, gender::text, "sexCode", ethnicity, version FROM person WHERE "ssdPersonId" IS NOT NULL ORDER BY 1`),
    families: await q(`SELECT "ssdKey", reference, name, version FROM family WHERE "ssdKey" IS NOT NULL ORDER BY 1`),
    members: await q(`SELECT m."ssdKey", f."ssdKey" AS family, p."ssdPersonId" AS person, m.role::text, m.version FROM family_member m JOIN family f ON f.id = m."familyId" JOIN person p ON p.id = m."personId" WHERE m."ssdKey" IS NOT NULL ORDER BY 1`),
    staff: await q(`SELECT "ssdProfessionalId", name, email, "jobTitle", role::text, "startDate"::text, version FROM staff WHERE "ssdProfessionalId" IS NOT NULL ORDER BY 1`),
    referrals: await q(`SELECT r."sourceRef", p."ssdPersonId" AS person, r.date::text, r.source, r."primaryNeed", r.nfa, r."closedAt"::text, r."closureReason", r.version FROM referral r JOIN person p ON p.id = r."childId" WHERE r."sourceRef" LIKE 'ssd:%' ORDER BY 1`),
    assessments: await q(`SELECT a."sourceRef", p."ssdPersonId" AS person, a."startedAt"::text, a."completedAt"::text, a.factors, s."ssdProfessionalId" AS worker, a.version FROM assessment a JOIN person p ON p.id = a."childId" LEFT JOIN staff s ON s.id = a."staffId" WHERE a."sourceRef" LIKE 'ssd:%' ORDER BY 1`),
    episodes: await q(`SELECT e."sourceRef", p."ssdPersonId" AS person, e.status::text, e."startDate"::text, e."endDate"::text, e."claLegalStatus", e."cpCategoryOfAbuse", e.version FROM status_episode e JOIN person p ON p.id = e."childId" WHERE e.source = 'ssd' ORDER BY 1`),
    events: await q(`SELECT "ssdKey", kind, "startDate"::text, "endDate"::text, details, version FROM ssd_event ORDER BY 1`),
    allocations: await q(`SELECT a."ssdKey", p."ssdPersonId" AS person, s."ssdProfessionalId" AS worker, a."fromDate"::text, a."toDate"::text, a.version FROM case_allocation a JOIN person p ON p.id = a."personId" JOIN staff s ON s.id = a."staffId" WHERE a."ssdKey" IS NOT NULL ORDER BY 1`),
    users: await q(`SELECT count(*)::int AS n FROM "user"`),
  };
}

/** Records → analysis files: what an analyst exports from Evident after the import. */
async function exportAnalysis(db: Db) {
  const children = await db.raw.query<{ childId: string; birthDate: string | null; sex: string | null; ethnicity: string | null }>(
    `SELECT "ssdPersonId" AS "childId", "birthDate"::text AS "birthDate", "sexCode" AS sex, ethnicity FROM person WHERE "ssdPersonId" IS NOT NULL`,
  );
  const episodes = await db.raw.query<{ childId: string; status: "CIN" | "CP" | "CLA"; start: string; end: string | null; legalStatus: string | null; reasonNew: string | null; reasonEnded: string | null }>(
    `SELECT p."ssdPersonId" AS "childId", e.status::text AS status, e."startDate"::text AS start, e."endDate"::text AS "end", e."claLegalStatus" AS "legalStatus",
            e."claReasonNew" AS "reasonNew", e."claReasonEnded" AS "reasonEnded"
       FROM status_episode e JOIN person p ON p.id = e."childId" WHERE p."ssdPersonId" IS NOT NULL`,
  );
  const referrals = await db.raw.query<{ childId: string; date: string; nfa: boolean }>(
    `SELECT p."ssdPersonId" AS "childId", r.date::text AS date, r.nfa FROM referral r JOIN person p ON p.id = r."childId" WHERE p."ssdPersonId" IS NOT NULL`,
  );
  return recordsToAnalysisRows({ children, episodes, referrals });
}

describe.each(targets())("SSD import on $name", (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it("a bad extract changes nothing: refused before writing, and a failure part-way rolls everything back", async () => {
    const before = await snapshot(db);
    const files = Object.fromEntries(smallFiles().map((f) => [f.name, f.text]));
    const bad = fromFiles({ ...files, "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nCP1,99999,2024-01-01\n" });
    await expect(importSsd(db, input(bad), opts)).rejects.toBeInstanceOf(SsdImportRefused);
    const good = fromFiles(files);
    await expect(
      importSsd(db, input(good), {
        ...opts,
        onStep: (step) => {
          if (step === "episodes") throw new Error("killed part-way");
        },
      }),
    ).rejects.toThrow("killed part-way");
    expect(await snapshot(db)).toEqual(before);
  });

  it("the hand-written extract: the dry run counts without writing, the commit writes exactly the expected records, the same extract again changes nothing", async () => {
    const x = readSsdFiles(smallFiles());
    const before = await snapshot(db);
    const dry = await planSsdImport(db, input(x));
    expect(await snapshot(db)).toEqual(before);
    const add = (n: number) => ({ add: n, update: 0, skip: 0 });
    // Written down by hand from the files (see fixtures/small-expected/README.md).
    const expected = {
      people: add(4),
      families: add(3),
      members: add(4),
      workers: add(2),
      referrals: add(5), // six rows; R4 and R5 are one referral
      assessments: add(4),
      episodes: add(11), // 2 CIN plans, 2 CP plans, 7 CLA episodes
      events: add(8), // 2 contacts, 1 early help, 1 s47, 1 conference, 3 legal statuses
      allocations: add(3),
      workersLinked: 0,
    };
    expect(dry).toEqual(expected);
    const first = await importSsd(db, input(x), opts);
    expect(first.counts).toEqual(expected);
    const after = await snapshot(db);
    expect(after.people).toEqual([
      { ssdPersonId: "00101", reference: "SSD-00101", firstName: "Amy", lastName: "Able", birthDate: "2012-03-15", gender: "female", sexCode: "F", ethnicity: "WBRI", version: 1 },
      { ssdPersonId: "00102", reference: "SSD-00102", firstName: "Ben", lastName: "Able", birthDate: "2014-07-01", gender: "male", sexCode: "M", ethnicity: "WBRI", version: 1 },
      { ssdPersonId: "0203", reference: "SSD-0203", firstName: "Cal", lastName: "Baker", birthDate: "2016-11-02", gender: "male", sexCode: "M", ethnicity: "BAFR", version: 1 },
      { ssdPersonId: "0304", reference: "SSD-0304", firstName: "Dee", lastName: "Cole", birthDate: "2019-05-15", gender: "female", sexCode: "F", ethnicity: "WIRI", version: 1 },
    ]);
    expect(after.members.map((m) => [m.family, m.person])).toEqual([
      ["ssd:fami:F1", "00101"],
      ["ssd:fami:F1", "00102"],
      ["ssd:fami:F2", "0203"],
      ["ssd:fami:F3", "0304"],
    ]);
    expect(after.referrals.map((r) => [r.sourceRef, r.person, r.date, r.source, r.nfa, r.closedAt])).toEqual([
      ["ssd:cine:R1", "00101", "2022-11-01", "3A", false, "2023-01-20"],
      ["ssd:cine:R2", "00101", "2023-06-05", "5A", false, null],
      ["ssd:cine:R3", "0203", "2024-04-10", "1A", true, "2024-04-10"],
      ["ssd:cine:R4", "0203", "2024-06-01", "2B", false, null],
      ["ssd:cine:R6", "0304", "2024-03-31", "8", false, null],
    ]);
    expect(after.assessments.map((a) => [a.sourceRef, a.factors, a.worker])).toEqual([
      ["ssd:cina:A1", ["1B", "3B", "4B"], "P1"],
      ["ssd:cina:A2", ["3A"], "P1"],
      ["ssd:cina:A3", [], null],
      ["ssd:cina:A4", ["16A", "1B", "2B", "3B", "4B"], "P2"],
    ]);
    expect(after.episodes.filter((e) => e.status === "CLA").map((e) => [e.sourceRef, e.claLegalStatus])).toEqual([
      ["ssd:clae:E1", "C2"],
      ["ssd:clae:E2", "C2"],
      ["ssd:clae:E3", "C2"],
      ["ssd:clae:E4", "V3"],
      ["ssd:clae:E5", "C2"],
      ["ssd:clae:E6", null],
      ["ssd:clae:E7", null],
    ]);
    expect(after.episodes.find((e) => e.sourceRef === "ssd:cppl:PP1")).toMatchObject({ cpCategoryOfAbuse: "NEG" });
    expect(after.staff.map((s) => [s.ssdProfessionalId, s.name, s.role, s.email])).toEqual([
      ["P1", "Pat Worker", "social_worker", null],
      ["P2", "Sam Helper", "social_worker", null],
    ]);
    expect(after.allocations.map((a) => [a.ssdKey, a.person, a.worker, a.fromDate, a.toDate])).toEqual([
      ["ssd:invo:I1", "00101", "P1", "2022-11-01", "2023-06-01"],
      ["ssd:invo:I2", "00101", "P2", "2023-06-01", null],
      ["ssd:invo:I3", "0304", "P2", "2024-04-01", null],
    ]);
    expect(after.events.find((e) => e.ssdKey === "ssd:cont:C1")).toMatchObject({ kind: "contact", startDate: "2022-10-30", details: { cont_contact_source_code: "3A", cont_contact_source_desc: "GP" } });
    expect(after.users).toEqual(before.users);

    // Import then export equals convert (and the hand-written expected files).
    const exported = await exportAnalysis(db);
    expect(exported).toEqual(ssdToAnalysisRows(x));
    const expectedEpisodes = readFileSync(`${SMALL}../small-expected/episodes.csv`, "utf8").trim().split("\n").slice(1);
    expect(exported.episodes.map((e) => `${e.child_id},${e.status},${e.start_date},${e.end_date}`)).toEqual(expectedEpisodes);

    // Re-import: nothing changes.
    const again = await importSsd(db, input(readSsdFiles(smallFiles())), opts);
    expect(again.counts).toEqual({ ...Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, typeof v === "number" ? 0 : { add: 0, update: 0, skip: v.add }])) });
    expect(await snapshot(db)).toEqual(after);
  });

  it("the next extract adds only what is new and updates only what changed", async () => {
    const files = Object.fromEntries(smallFiles().map((f) => [f.name, f.text]));
    files["ssd_cin_episodes.csv"] += "R7,00102,2025-01-05,N1,5A,,,N,,,,\n";
    files["ssd_cin_plans.csv"] = files["ssd_cin_plans.csv"]!.replace("CP2,R4,0203,2024-06-21,NULL", "CP2,R4,0203,2024-06-21,2024-12-01");
    const next = readSsdFiles(Object.entries(files).map(([name, text]) => ({ name, text })));
    const counts = await importSsd(db, input(next), opts);
    expect(counts.counts.referrals).toEqual({ add: 1, update: 0, skip: 5 });
    expect(counts.counts.episodes).toEqual({ add: 0, update: 1, skip: 10 });
    expect(counts.counts.people).toEqual({ add: 0, update: 0, skip: 4 });
    const [plan] = await db.raw.query(`SELECT "endDate"::text AS end, version FROM status_episode WHERE "sourceRef" = 'ssd:cinp:CP2'`);
    expect(plan).toEqual({ end: "2024-12-01", version: 2 });
  });

  it("links a worker to the existing staff record with the same email, and creates no sign-in account", async () => {
    await db.raw.query(`INSERT INTO staff (id, name, email, role, "jobTitle", "startDate", languages, "updatedAt") VALUES ('staff-ssd-1', 'Pat Existing', 'pat.worker@example.org', 'social_worker', 'Social worker', '2020-01-01', '{}', now())`);
    const users = await db.raw.query(`SELECT count(*)::int AS n FROM "user"`);
    const x = fromFiles({
      "ssd_person.csv": "pers_person_id\n9001\n",
      "ssd_professionals.csv": "prof_professional_id,prof_staff_id,prof_professional_name\nPX,Pat.Worker@example.org,Pat W\nPY,S999,New Person\n",
      "ssd_involvements.csv": "invo_involvements_id,invo_professional_id,invo_person_id,invo_involvement_start_date\nIX,PX,9001,2025-02-01\n",
    });
    const result = await importSsd(db, input(x), opts);
    expect(result.counts.workersLinked).toBe(1);
    expect(result.counts.workers).toEqual({ add: 1, update: 0, skip: 1 });
    const [linked] = await db.raw.query(`SELECT id, name FROM staff WHERE "ssdProfessionalId" = 'PX'`);
    expect(linked).toEqual({ id: "staff-ssd-1", name: "Pat Existing" });
    const [alloc] = await db.raw.query(`SELECT "staffId" FROM case_allocation WHERE "ssdKey" = 'ssd:invo:IX'`);
    expect(alloc).toEqual({ staffId: "staff-ssd-1" });
    expect(await db.raw.query(`SELECT count(*)::int AS n FROM "user"`)).toEqual(users);
  });

  it("a generated extract: import then export equals convert, and a re-import is a no-op", async () => {
    const g = generateSsdExtract({ children: 400, seed: 3, descriptions: true, idPrefix: "G" });
    const x = fromFiles(g.files);
    expect(x.problems.filter((p) => p.severity === "error")).toEqual([]);
    await importSsd(db, input(x), opts);
    const exported = await exportAnalysis(db);
    const converted = ssdToAnalysisRows(x);
    const ids = new Set(converted.childrenProfile.map((c) => c.child_id));
    const mine = <T extends { child_id: string }>(rows: T[]) => rows.filter((r) => ids.has(r.child_id));
    expect(mine(exported.episodes)).toEqual(converted.episodes);
    expect(mine(exported.referrals)).toEqual(converted.referrals);
    expect(mine(exported.childrenProfile)).toEqual(converted.childrenProfile);
    const again = await importSsd(db, input(fromFiles(g.files)), opts);
    for (const [kind, c] of Object.entries(again.counts)) if (typeof c !== "number") expect([kind, c.add, c.update]).toEqual([kind, 0, 0]);
  });
});
