import { canonicalJson } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

/**
 * A hand-worked evaluation on a tiny trust (figures checked by hand):
 * intervention families F1-F3 (one child each), comparison children D1, D2
 * (domestic abuse at assessment, never enrolled), as at 2019-06-01.
 */
let t: TestApp;
let programmeId: string;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  const p = t.testDb.db.prisma;
  const programme = await p.programme.create({ data: { code: `EVAL${Date.now().toString(36)}`, name: "Evaluation test programme", kind: "group" } });
  programmeId = programme.id;
  await p.programmeCost.create({ data: { programmeId, item: "Total (Table 23)", amountPence: 50159700n } });
  const team = t.fx.teams.a;
  async function family(name: string) {
    const f = await p.family.create({ data: { reference: `${name}${Date.now().toString(36)}`.slice(0, 20), name, teamId: team, openedAt: d("2017-01-01") } });
    const c = await p.person.create({ data: { reference: `C${name}${Date.now().toString(36)}`.slice(0, 20), firstName: name, lastName: "Child", kind: "child", birthDate: d("2012-01-01"), ethnicity: "WBRI" } });
    await p.familyMember.create({ data: { familyId: f.id, personId: c.id, role: "child" } });
    return { family: f.id, child: c.id };
  }
  const f1 = await family("F1");
  const f2 = await family("F2");
  const f3 = await family("F3");
  const g1 = await family("G1");
  const g2 = await family("G2");
  const g3 = await family("G3");
  const adult = await p.person.create({ data: { reference: `AD${Date.now().toString(36)}`.slice(0, 20), firstName: "Parent", lastName: "X", kind: "adult" } });
  const enrol = (familyId: string, startedAt: string, completedAt: string | null, withdrawnAt: string | null = null) =>
    p.enrolment.create({
      data: { personId: adult.id, programmeId, familyId, status: completedAt ? "completed" : "withdrawn", referredAt: d(startedAt), startedAt: d(startedAt), completedAt: completedAt ? d(completedAt) : null, withdrawnAt: withdrawnAt ? d(withdrawnAt) : null },
    });
  await enrol(f1.family, "2018-03-01", "2018-05-09");
  await enrol(f2.family, "2018-06-01", "2018-08-10");
  await enrol(f3.family, "2018-09-03", null, "2018-10-01");
  // Before window of F1's child: [2017-09-01, 2018-03-01): CP 2017-11-01..2018-01-15 = 75 days; one referral.
  await p.statusEpisode.create({ data: { childId: f1.child, status: "CP", startDate: d("2017-11-01"), endDate: d("2018-01-15") } });
  await p.referral.create({ data: { childId: f1.child, date: d("2017-10-10"), source: "5A", reasons: ["3A"], domesticAbuse: true } });
  // After window of F2's child: [2018-08-11, 2019-02-11): CIN open from 2018-08-20 = 175 days.
  await p.statusEpisode.create({ data: { childId: f2.child, status: "CIN", startDate: d("2018-08-20") } });
  // Comparison: D1 (G1) assessed 2018-04-30 with 3A; CLA 2018-04-01..2018-06-01 = 29 days before, 31 after.
  await p.assessment.create({ data: { childId: g1.child, level: "CIN", startedAt: d("2018-04-01"), completedAt: d("2018-04-30"), factors: ["3A"] } });
  await p.statusEpisode.create({ data: { childId: g1.child, status: "CLA", startDate: d("2018-04-01"), endDate: d("2018-06-01") } });
  // D2 (G2) assessed 2018-05-15 with 3B; a referral on 2018-06-01 is in its after window [2018-05-16, 2018-11-16).
  await p.assessment.create({ data: { childId: g2.child, level: "CIN", startedAt: d("2018-05-01"), completedAt: d("2018-05-15"), factors: ["3B", "4A"] } });
  await p.referral.create({ data: { childId: g2.child, date: d("2018-06-01"), source: "1A", reasons: [] } });
  // G3: an assessment without domestic abuse: not a comparison child.
  await p.assessment.create({ data: { childId: g3.child, level: "CIN", startedAt: d("2018-05-01"), completedAt: d("2018-05-20"), factors: ["1A"] } });
});

afterAll(async () => {
  await t?.dispose();
});

const request = () => ({
  programmeId,
  comparison: { kind: "factors_not_enrolled" as const, anyOfFactors: ["3A", "3B", "3C"] },
  from: "2017-04-01",
  to: "2019-03-31",
  asAt: "2019-06-01",
  bootstrapReplicates: 200,
});

describe("evaluation", () => {
  it("runs the analysis on live records with hand-checked figures", async () => {
    const analyst = await t.as(t.fx.users.analyst.id);
    const out = await analyst.evaluation.run(request());
    expect(out.cohortSizes).toEqual({ intervention: 3, comparison: 2, excludedFamilies: 0 });
    const i = out.result.cohorts.intervention;
    const c = out.result.cohorts.comparison;
    expect(i.before.CP).toMatchObject({ children: 1, days: 75 });
    expect(i.after.CIN).toMatchObject({ children: 1, days: 175 });
    expect([i.before.referrals, i.after.referrals]).toEqual([1, 0]);
    expect(c.before.CLA.days).toBe(29);
    expect(c.after.CLA.days).toBe(31);
    expect(c.after.referrals).toBe(1);
    const cp = 3727 / 365;
    const cin = 3402 / 365;
    const cla = 58663 / 365;
    const saving = 1.5 * (31 * cla + 223 - 29 * cla) - (175 * cin - (75 * cp + 223));
    expect(out.result.saving).toBeCloseTo(saving, 6);
    expect(out.result.programmeCost).toBe(501597);
    expect(out.result.netCost).toBeCloseTo(501597 - saving, 6);
    // Aggregates only: no child's id reaches the analyst.
    expect(JSON.stringify(out)).not.toContain(t.fx.people.child);
  });

  it("saves an immutable run, lists it, gets it, verifies it and exports it", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    const saved = await manager.evaluation.save({ title: "IFP v DA comparison", request: request() });
    const list = await manager.evaluation.list();
    expect(list.map((r) => r.id)).toContain(saved.id);
    const got = await manager.evaluation.get({ id: saved.id });
    expect(got.result.cohorts.intervention.n).toBe(3);
    expect((await manager.evaluation.verify({ id: saved.id })).reproduced).toBe(true);
    await expect(t.testDb.db.prisma.analysisRun.update({ where: { id: saved.id }, data: { title: "changed" } })).rejects.toThrow();

    const csv = await manager.evaluation.export({ id: saved.id, format: "csv" });
    const text = Buffer.from(csv.base64, "base64").toString("utf8");
    expect(csv.filename).toMatch(/\.csv$/);
    expect(text).toContain("Cost of statutory care and referrals");
    // Counts of 1-4 children are withheld in exports ("<5"), with the figures that would reveal them ("[c]").
    expect(text).toContain("[c]");
    expect(text).toMatch(/^Children with CP,<5,\[c\],0,\[c\],\[c\]\r$/m);
    // As on screen (unsuppressed, rounded the screen's way): the intervention cohort's one CP child before (1 of 3 = 33.3%), none after.
    const raw = Buffer.from((await manager.evaluation.export({ id: saved.id, format: "csv", published: false })).base64, "base64").toString("utf8");
    expect(raw).not.toContain("<5");
    expect(raw).toMatch(/^Children with CP,1,33\.3%,0,0\.0%,-1\r$/m);
    const xlsx = await manager.evaluation.export({ id: saved.id, format: "xlsx" });
    expect(Buffer.from(xlsx.base64, "base64").subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("runs a matched comparison, saves what it used, and reproduces it bit for bit", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    const matching = { method: "nearest" as const, ratio: 1, caliper: null, exact: [] };
    const run = await manager.evaluation.run({ ...request(), matching });
    const m = run.result.matching!;
    expect(m).toMatchObject({ method: "nearest", ratio: 1, caliper: null, replace: true, exact: [], seed: 20200301 });
    // 3 programme children, 2 comparison children; no caliper, so all 3 are matched.
    expect(m.n).toMatchObject({ intervention: 3, interventionMatched: 3, interventionUnmatched: 0, comparisonPool: 2 });
    // Nobody had CIN before, nor a referral except F1's child: CIN is constant and dropped, and still listed.
    expect(m.dropped).toContainEqual({ covariate: "cinDaysBefore", reason: "constant" });
    expect(m.balance.map((b) => b.covariate)).toEqual(m.covariates);
    expect(m.balance.find((b) => b.covariate === "cinDaysBefore")).toMatchObject({ smdAfter: null });
    // Everything else is as without matching.
    const { matching: _ignored, ...rest } = run.result;
    expect(rest).toEqual((await manager.evaluation.run(request())).result);

    const saved = await manager.evaluation.save({ title: "IFP matched", request: { ...request(), matching } });
    const got = await manager.evaluation.get({ id: saved.id });
    expect((got.request as { matching?: unknown }).matching).toEqual(matching);
    // The database's JSON keeps about 15 significant digits; the engine itself repeats every bit.
    expect(canonicalJson(got.result.matching, 12)).toBe(canonicalJson(m, 12));
    expect((await manager.evaluation.verify({ id: saved.id })).reproduced).toBe(true);
    expect(JSON.stringify((await manager.evaluation.run({ ...request(), matching })).result.matching)).toBe(JSON.stringify(m));
    await expect(manager.evaluation.run({ ...request(), matching: { ...matching, caliper: -1 } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/caliper/) });
  });

  it("refuses an unknown programme and a bad period with 4xx errors", async () => {
    const analyst = await t.as(t.fx.users.analyst.id);
    await expect(analyst.evaluation.run({ ...request(), programmeId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(analyst.evaluation.run({ ...request(), from: "2019-01-01", to: "2018-01-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(analyst.evaluation.run({ ...request(), tariffSetId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("uses the cost figure the analyst chooses from the programme's finance and records it with a saved run", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    // Without a choice: the recorded programme cost (Table 23), stated as such.
    expect((await manager.evaluation.run(request())).cost).toMatchObject({ source: "recorded_costs", pounds: 501597, label: "Recorded programme cost: £501,597" });
    await manager.finance.lines.create({ programmeId, fromYear: 2018, toYear: 2018, category: "staff", description: "DV/A coordinator", fte: 1, budgetPence: 4000000 });
    await manager.finance.lines.create({ programmeId, fromYear: 2018, toYear: 2018, category: "venues", description: "Community hall", budgetPence: 250050 });
    const costFigure = { basis: "budget" as const, fromYear: 2018, toYear: 2018 };
    const out = await manager.evaluation.run({ ...request(), costFigure });
    expect(out.cost).toEqual({ source: "budget", years: "2018-19", pence: 4250050, pounds: 42500.5, label: "Budget, 2018-19: £42,500.50" });
    expect(out.result.programmeCost).toBe(42500.5);
    const saved = await manager.evaluation.save({ title: "IFP on the 2018-19 budget", request: { ...request(), costFigure } });
    expect(saved.cost?.label).toBe("Budget, 2018-19: £42,500.50");
    const got = await manager.evaluation.get({ id: saved.id });
    expect(got.cost).toMatchObject({ source: "budget", years: "2018-19", pounds: 42500.5 });
    expect(got.result.programmeCost).toBe(42500.5);
    // A cost typed in wins, and says so; a choice with nothing recorded is a 4xx naming the choice.
    expect((await manager.evaluation.run({ ...request(), costFigure, programmeCost: 1000 })).cost).toMatchObject({ source: "entered", pounds: 1000 });
    await expect(manager.evaluation.run({ ...request(), costFigure: { basis: "actual", fromYear: 2018, toYear: 2018 } })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/No actual cost is recorded for 2018-19/) });
  });

  it("lets admins read saved runs but not run analyses", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    await expect(admin.evaluation.run(request())).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(Array.isArray(await admin.evaluation.list())).toBe(true);
  });
});
