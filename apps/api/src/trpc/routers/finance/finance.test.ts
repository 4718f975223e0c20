import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
let programmeId: string;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  const p = t.testDb.db.prisma;
  const programme = await p.programme.create({ data: { code: `FIN${Date.now().toString(36)}`.toUpperCase(), name: "Finance test programme", kind: "group", workstream: "DAARR" } });
  programmeId = programme.id;
  const adult = await p.person.create({ data: { reference: `FA${Date.now().toString(36)}`.slice(0, 20), firstName: "A", lastName: "B", kind: "adult" } });
  // 2019-20: four started (two completed, one withdrawn, one still going); one only referred; one started in 2018-19.
  const e = (status: "referred" | "started" | "completed" | "withdrawn", startedAt: string | null) => p.enrolment.create({ data: { personId: adult.id, programmeId, status, referredAt: d("2019-04-01"), startedAt: startedAt ? d(startedAt) : null } });
  await e("completed", "2019-05-01");
  await e("completed", "2019-06-01");
  await e("withdrawn", "2019-07-01");
  await e("started", "2020-03-31");
  await e("referred", null);
  await e("completed", "2019-03-31");
});
afterAll(async () => {
  await t?.dispose();
});

describe("programme finance", () => {
  it("records lines with versions, totals them and gives cost per (completed) participant", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const post = await m.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2019, category: "staff", description: "DA family support worker", fte: 1, budgetPence: 3200000, actualPence: 3050000 });
    expect(post).toMatchObject({ version: 1, years: "2019-20", categoryLabel: "Staff posts", budgetPence: 3200000 });
    await m.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2019, category: "interpreters", description: "Arabic and Urdu interpreters", budgetPence: 400000, actualPence: 460000 });
    await m.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2019, category: "childcare", description: "Creche", budgetPence: 250000 });
    await m.finance.lines.create({ programmeId, fromYear: 2018, toYear: 2019, category: "training", description: "Facilitator training", budgetPence: 1000000 });

    const s = await m.finance.summary({ programmeId, fromYear: 2019, toYear: 2019 });
    expect(s.totals.budgetPence).toBe(3850000); // 32,000 + 4,000 + 2,500
    expect(s.totals.actualPence).toBe(3510000); // 30,500 + 4,600
    expect(s.totals.straddling).toBe(1); // the two-year training line is not counted in 2019-20 alone
    expect(s.lines.map((l) => [l.description, l.counted])).toEqual([
      ["Facilitator training", false],
      ["Creche", true],
      ["Arabic and Urdu interpreters", true],
      ["DA family support worker", true],
    ]);
    expect(s.totals.fte).toBe(1);
    expect(s.participants).toMatchObject({ participants: 4, completed: 2 });
    // £35,100 / 4 = £8,775; / 2 = £17,550
    expect(s.unitCosts.actual).toEqual({ participants: 4, completed: 2, perParticipantPence: 877500, perCompletedPence: 1755000 });
    expect(s.unitCosts.budget?.perParticipantPence).toBe(962500);
    const all = await m.finance.summary({ programmeId });
    expect(all.totals.budgetPence).toBe(4850000);
    expect(all.participants).toMatchObject({ participants: 5, completed: 3 });

    // Edit with versioning: a stale edit is a CONFLICT and changes nothing.
    const edited = await m.finance.lines.update({ id: post.id, version: post.version, patch: { actualPence: 3100000 } });
    expect(edited.version).toBe(2);
    expect((await outcome(m.finance.lines.update({ id: post.id, version: post.version, patch: { actualPence: 1 } }))).code).toBe("CONFLICT");
    expect((await outcome(m.finance.lines.update({ id: post.id, version: edited.version, patch: { fromYear: 2021 } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(m.finance.lines.update({ id: post.id, version: edited.version, patch: { fte: null, budgetPence: null, actualPence: null } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(m.finance.lines.delete({ id: post.id, version: 1 }))).code).toBe("CONFLICT");
    const row = await t.testDb.db.prisma.programmeBudgetLine.findUniqueOrThrow({ where: { id: post.id } });
    expect([row.version, row.actualPence]).toEqual([2, 3100000n]);
    expect((await m.finance.programmes()).find((p) => p.id === programmeId)).toMatchObject({ lineCount: 4, budgetPence: 4850000 });

    const audit = await t.testDb.db.prisma.auditLog.count({ where: { action: { startsWith: "finance.lines." }, entityIds: { has: programmeId }, outcome: "success" } });
    expect(audit).toBe(5);
  });

  it("refuses bad lines with field paths, and other roles", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const r = await outcome(m.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2018, category: "venues", description: "Hall", budgetPence: 100 }));
    expect(r.code).toBe("BAD_REQUEST");
    expect((await outcome(m.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2019, category: "venues", description: "Hall" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(m.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2019, category: "venues", description: "Hall", budgetPence: 12.5 }))).code).toBe("BAD_REQUEST");
    expect((await outcome(m.finance.lines.create({ programmeId: "00000000-0000-4000-8000-000000000000", fromYear: 2019, toYear: 2019, category: "venues", description: "Hall", budgetPence: 100 }))).code).toBe("NOT_FOUND");
    const analyst = await t.as(t.fx.users.analyst.id);
    expect((await analyst.finance.summary({ programmeId })).programme.id).toBe(programmeId);
    expect((await outcome(analyst.finance.lines.create({ programmeId, fromYear: 2019, toYear: 2019, category: "venues", description: "Hall", budgetPence: 100 }))).code).toBe("FORBIDDEN");
    const practitioner = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(practitioner.finance.summary({ programmeId }))).code).toBe("FORBIDDEN");
  });
});
