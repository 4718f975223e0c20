import { CANARY } from "@evident/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { text } from "@evident/core";
import { CANARY_PHONE, CANARY_POSTCODE, createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
let cohortId: string;

beforeAll(async () => {
  t = await createTestApp();
  const p = t.testDb.db.prisma;
  // The harness victim's contact details carry the same canary values as the demo seed's.
  expect([CANARY_PHONE, CANARY_POSTCODE]).toEqual([CANARY.phone, CANARY.postcode]);
  await p.statusEpisode.create({ data: { childId: t.fx.people.otherChild, status: "CP", startDate: new Date("2025-04-01"), cpCategoryOfAbuse: "EMO" } });
  const cohort = await p.cohort.create({ data: { name: `Extract cohort ${Date.now()}`, kind: "intervention" } });
  cohortId = cohort.id;
  await p.cohortMember.create({ data: { cohortId, childId: t.fx.people.child, familyId: t.fx.families.mine, interventionStart: new Date("2025-04-01") } });
});

afterAll(async () => {
  await t?.dispose();
});

const decode = (files: { filename: string; base64: string }[]) => Object.fromEntries(files.map((f) => [f.filename.replace(/^.*-(\w+)\.csv$/, "$1"), Buffer.from(f.base64, "base64").toString("utf8")]));

describe("pseudonymised extracts", () => {
  it("writes pseudonyms, birth months and codes only — no names, ids, addresses, postcodes or phone numbers", async () => {
    const analyst = await t.as(t.fx.users.analyst.id);
    const created = await analyst.extracts.create({ title: "Evaluator extract" });
    // The fixture's two children each have a referral; one has a CIN episode, the other the CP plan added above.
    expect(created.counts).toEqual({ children: 2, episodes: 2, referrals: 2, cohort_members: 1 });
    const { files } = await analyst.extracts.download({ id: created.id, format: "csv" });
    const csv = decode(files);
    expect(Object.keys(csv).sort()).toEqual(["children", "cohort_members", "episodes", "referrals"]);
    const all = Object.values(csv).join("\n");
    for (const secret of [CANARY.phone, CANARY.postcode, "Canary", "Tester", "Chris", "Olly", "Vicky", "Peter", "Family A", "2015-05-05", t.fx.people.child, t.fx.people.otherChild, t.fx.families.mine, cohortId]) {
      expect(all).not.toContain(secret);
    }
    expect(csv.children).toMatch(/^\uFEFFchild_id,family_id,birth_month,sex,ethnicity\r\nC[0-9a-f]{20},F[0-9a-f]{20},2015-05,unknown,\r\n/);
    expect(csv.episodes).toContain(",CP,2025-04-01,,EMO,,");
    expect(csv.referrals).toContain(",2025-02-01,5A,,3A,1,0,");

    // The audit says who exported which children.
    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: { in: ["extracts.create", "extracts.download"] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["extracts.create", "extracts.download"]);
    for (const a of audit) {
      expect(a.actorId).toBe(t.fx.users.analyst.id);
      expect(a.entityIds[0]).toBe(created.id);
      expect([...a.personIds].sort()).toEqual([t.fx.people.child, t.fx.people.otherChild].sort());
    }
    // The secret never leaves the server.
    const list = await analyst.extracts.list();
    expect(JSON.stringify(list)).not.toContain((await t.testDb.db.prisma.evaluationExtract.findUniqueOrThrow({ where: { id: created.id } })).secret);
  });

  it("keeps pseudonyms stable within an extract and unrelated across extracts; limits to a cohort", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const a = await admin.extracts.create({ title: "First" });
    const b = await admin.extracts.create({ title: "Second" });
    const ids = async (id: string) => decode((await admin.extracts.download({ id, format: "csv" })).files).children!.split("\r\n").slice(1, -1).map((l) => l.split(",")[0]);
    const a1 = await ids(a.id);
    expect(await ids(a.id)).toEqual(a1);
    const b1 = await ids(b.id);
    expect(b1).toHaveLength(2);
    expect(b1.filter((x) => a1.includes(x))).toEqual([]);

    const c = await admin.extracts.create({ title: "Cohort only", cohortIds: [cohortId] });
    expect(c.counts).toEqual({ children: 1, episodes: 1, referrals: 1, cohort_members: 1 });
    await expect(admin.extracts.create({ title: "Nope", cohortIds: ["00000000-0000-4000-8000-000000000000"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const xlsx = (await admin.extracts.download({ id: c.id, format: "xlsx" })).files[0]!;
    expect(Buffer.from(xlsx.base64, "base64").subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("keeps practitioners and managers out", async () => {
    for (const role of ["practitioner", "manager", "dv_worker"] as const) {
      const caller = await t.as(t.fx.users[role].id);
      await expect(caller.extracts.create({ title: "Not allowed" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
