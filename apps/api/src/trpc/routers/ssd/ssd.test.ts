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
