import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

// The hand-written made-up extract (never real data) from @evident/core.
const SMALL = join(dirname(fileURLToPath(import.meta.url)), "../../../../../../packages/core/src/ssd/fixtures/small");
const smallFiles = () => readdirSync(SMALL).map((name) => ({ name, text: readFileSync(join(SMALL, name), "utf8") }));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

async function stored() {
  const q = (sql: string) => t.testDb.db.raw.query(sql);
  return {
    people: await q(`SELECT "ssdPersonId", "firstName", version FROM person WHERE "ssdPersonId" IS NOT NULL ORDER BY 1`),
    referrals: await q(`SELECT "sourceRef", version FROM referral WHERE "sourceRef" LIKE 'ssd:%' ORDER BY 1`),
    allocations: await q(`SELECT "ssdKey", version FROM case_allocation WHERE "ssdKey" IS NOT NULL ORDER BY 1`),
  };
}

describe("SSD import through the API", () => {
  it("an extract with errors: reported with file, row and field, nothing written, commit refused", async () => {
    const analyst = await t.as(t.fx.users.analyst.id);
    const files = smallFiles().map((f) => (f.name === "ssd_cp_plans.csv" ? { ...f, text: f.text.replace("PP2,R6,,0304,2024-05-01", "PP2,R6,,0304,2024-13-01") } : f));
    const before = await stored();
    const report = await analyst.ssd.dryRun({ files });
    expect(report.canCommit).toBe(false);
    expect(report.counts).toBeNull();
    expect(report.problems).toContainEqual(expect.objectContaining({ file: "ssd_cp_plans.csv", row: 3, field: "cppl_cp_plan_start_date", rule: "ssd-date", severity: "error" }));
    await expect(analyst.ssd.commit({ extract: { files }, digest: report.digest })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await stored()).toEqual(before);
  });

  it("an analyst uploads a zip: dry run, commit (audited), the same extract again changes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "evident-ssd-zip-"));
    execFileSync("zip", ["-q", "-r", join(dir, "extract.zip"), "."], { cwd: SMALL });
    const zip = readFileSync(join(dir, "extract.zip")).toString("base64");
    const analyst = await t.as(t.fx.users.analyst.id);
    const dry = await analyst.ssd.dryRun({ zip });
    expect(dry.errors).toBe(0);
    expect(dry.files.map((f) => f.table)).toContain("ssd_cla_episodes");
    expect(dry.counts!.referrals).toEqual({ add: 5, update: 0, skip: 0 });
    expect((await stored()).people).toEqual([]);
    // The commit must be for the extract the dry run saw.
    await expect(analyst.ssd.commit({ extract: { files: smallFiles().slice(1) }, digest: dry.digest })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const done = await analyst.ssd.commit({ extract: { zip }, digest: dry.digest });
    expect(done.counts.people).toEqual({ add: 4, update: 0, skip: 0 });
    expect(done.counts.allocations).toEqual({ add: 3, update: 0, skip: 0 });
    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: "ssd.commit", outcome: "success" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: t.fx.users.analyst.id, entityType: "SsdImport" });
    expect(audit[0]!.entityIds).toContain(done.importId);
    const after = await stored();
    expect(after.people.map((p) => p.ssdPersonId)).toEqual(["00101", "00102", "0203", "0304"]);

    // The same files (not zipped this time) again: the digest is of the files, so the dry run of either is the same.
    const again = await analyst.ssd.dryRun({ files: smallFiles() });
    expect(again.digest).toBe(dry.digest);
    const redo = await analyst.ssd.commit({ extract: { files: smallFiles() }, digest: again.digest });
    expect(redo.counts.people).toEqual({ add: 0, update: 0, skip: 4 });
    expect(await stored()).toEqual(after);
    const history = await analyst.ssd.history();
    expect(history.map((h) => h.id)).toEqual([redo.importId, done.importId]);
  });

  it("names the field of bad input (4xx), and refuses other roles", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    await expect(admin.ssd.dryRun({})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.ssd.dryRun({ zip: Buffer.from("not a zip").toString("base64") })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("zip") });
    const practitioner = await t.as(t.fx.users.practitioner.id);
    await expect(practitioner.ssd.dryRun({ files: smallFiles() })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the evaluation on SSD-imported records", () => {
  it("chooses the comparison cohort from the imported assessment factors (domestic abuse 3A–3C; 5 or more factors) and counts the imported episodes", async () => {
    // Imported by the test above: family F1 (00101 and 00102), F2 (0203), F3 (0304).
    // Assessments: A1 00101 [1B,3B,4B] done 2022-11-18; A2 00102 [3A] done 2022-11-25; A4 0304 [1B,2B,3B,4B,16A] done 2024-04-20.
    const p = t.testDb.db.prisma;
    const programme = await p.programme.create({ data: { code: `SSDEVAL${Date.now().toString(36)}`, name: "SSD evaluation programme", kind: "group" } });
    const [f1] = await t.testDb.db.raw.query<{ id: string }>(`SELECT id FROM family WHERE "ssdKey" = 'ssd:fami:F1'`);
    const adult = await p.person.create({ data: { reference: `SSDAD${Date.now().toString(36)}`.slice(0, 20), firstName: "Parent", lastName: "Able", kind: "adult" } });
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    await p.enrolment.create({ data: { personId: adult.id, programmeId: programme.id, familyId: f1!.id, status: "completed", referredAt: d("2023-01-01"), startedAt: d("2023-01-10"), completedAt: d("2023-03-10") } });
    const analyst = await t.as(t.fx.users.analyst.id);
    const base = { programmeId: programme.id, from: "2022-04-01", to: "2025-03-31", asAt: "2025-06-01", bootstrapReplicates: 0 };
    const da = await analyst.evaluation.run({ ...base, comparison: { kind: "factors_not_enrolled", anyOfFactors: ["3A", "3B", "3C"] } });
    // Intervention: one child of F1 (one per family). Comparison: 0304 only (00101 and 00102 are in the enrolled family).
    expect(da.cohortSizes).toMatchObject({ intervention: 1, comparison: 1 });
    // 0304's window after its assessment (completed 2024-04-20) is [2024-04-21, 2024-10-21): CP from 2024-05-01 (open) = 173 days;
    // CLA from 2024-05-20 in two overlapping episodes (E6, E7), counted once = 154 days.
    expect(da.result.cohorts.comparison.after.CP).toMatchObject({ children: 1, days: 173 });
    expect(da.result.cohorts.comparison.after.CLA).toMatchObject({ children: 1, days: 154 });
    const five = await analyst.evaluation.run({ ...base, comparison: { kind: "factor_count_not_enrolled", minFactors: 5 } });
    expect(five.cohortSizes).toMatchObject({ intervention: 1, comparison: 1 });
    // No imported assessment has six factors.
    await expect(analyst.evaluation.run({ ...base, comparison: { kind: "factor_count_not_enrolled", minFactors: 6 } })).rejects.toThrow("the comparison cohort has no children");
  });
});

describe("monitoring on SSD-imported records", () => {
  it("counts the imported referrals and re-referrals", async () => {
    // The small extract's referrals (one per child and day): 00101 on 2022-11-01 and 2023-06-05 (a re-referral within
    // 12 months), 0203 on 2024-04-10 and 2024-06-01 (a re-referral), 0304 on 2024-03-31. The harness's own are in 2025.
    const analyst = await t.as(t.fx.users.analyst.id);
    const r = await analyst.monitoring.compute({ measureId: "re_referrals", from: "2022-04-01", to: "2025-01-31", kind: "range" });
    expect(r.values.map((v) => [v.numerator, v.denominator])).toEqual([[2, 5]]);
  });
});
