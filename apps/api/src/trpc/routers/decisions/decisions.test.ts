import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, seedLogicModels, type TestApp } from "../../../test/harness.js";

let t: TestApp;
let daarr: string;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date("2019-06-15T10:00:00Z");
  const rows = { modelIds: await seedLogicModels(t, { createdById: null, programmeByWorkstream: { DAARR: t.fx.programme } }) };
  daarr = rows.modelIds.get("scst-daarr")!;
});
afterAll(async () => {
  await t?.dispose();
});

describe("decision log", () => {
  it("records a decision linked to a node and evidence, finds it by text, node and date, shows it on the node", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const created = await m.decisions.create({
      programmeId: t.fx.programme,
      title: "Run evening groups",
      decision: "Add an evening perpetrators' group.",
      rationale: "Working men could not attend day groups.",
      decidedAt: "2019-05-01",
      reviewDate: "2019-11-01",
      links: [
        { entityType: "LogicNode", entityId: "daarr-act-int-ifp" },
        { entityType: "Indicator", entityId: "ind-ifp-perpetrators" },
        { entityType: "Measure", entityId: "programme_completions" },
      ],
    });
    expect(created).toMatchObject({ title: "Run evening groups", version: 1, decidedAt: "2019-05-01", reviewOverdue: false });
    expect(created.links.map((l) => l.entityType)).toEqual(["LogicNode", "Indicator", "Measure"]);
    // Links read in words, and an indicator is kept by its code, never an internal id (#17 finding 5).
    const read = await m.decisions.get({ id: created.id });
    const db = t.testDb.db.prisma;
    const node = await db.logicNode.findFirstOrThrow({ where: { key: "daarr-act-int-ifp" }, select: { text: true } });
    const indicator = await db.indicator.findFirstOrThrow({ where: { OR: [{ id: "ind-ifp-perpetrators" }, { code: "ind-ifp-perpetrators" }] }, select: { code: true, name: true } });
    expect(read.links.map((l) => [l.entityId, l.label])).toEqual([
      ["daarr-act-int-ifp", node.text],
      [indicator.code, `${indicator.code}: ${indicator.name}`],
      ["programme_completions", expect.stringMatching(/complet/i)],
    ]);
    expect((await m.decisions.list({ text: "EVENING" })).map((d) => d.id)).toEqual([created.id]);
    expect((await m.decisions.list({ nodeId: "daarr-act-int-ifp" })).map((d) => d.id)).toEqual([created.id]);
    expect(await m.decisions.list({ from: "2019-05-02" })).toEqual([]);
    const model = await m.logicModels.get({ id: daarr });
    expect(model.nodes.find((n) => n.id === "daarr-act-int-ifp")!.decisions.map((d) => d.title)).toEqual(["Run evening groups"]);

    // Links must name something that exists; nothing is written otherwise.
    const before = await t.testDb.db.prisma.decision.count();
    const bad = await outcome(m.decisions.create({ title: "x", decision: "x", rationale: "x", decidedAt: "2019-05-01", links: [{ entityType: "LogicNode", entityId: "no-such-node" }] }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(await t.testDb.db.prisma.decision.count()).toBe(before);

    const updated = await m.decisions.update({ id: created.id, version: 1, patch: { status: "reviewed" } });
    expect(updated.version).toBe(2);
    expect((await outcome(m.decisions.update({ id: created.id, version: 1, patch: { title: "stale" } }))).code).toBe("CONFLICT");
    // Analysts read the log but do not record decisions.
    const a = await t.as(t.fx.users.analyst.id);
    expect((await a.decisions.get({ id: created.id })).title).toBe("Run evening groups");
    expect((await outcome(a.decisions.create({ title: "x", decision: "x", rationale: "x", decidedAt: "2019-05-01" }))).code).toBe("FORBIDDEN");
    expect(await t.testDb.db.prisma.auditLog.count({ where: { action: { in: ["decisions.create", "decisions.update"] }, outcome: "success" } })).toBe(2);
  });

  it("keeps the programme plan and lists overdue reviews (today is 15 June 2019)", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const a = await m.decisions.milestones.create({ title: "Recruit facilitators", programmeId: t.fx.programme, ownerStaffId: t.fx.users.manager.staffId, dueDate: "2019-09-30", reviewDate: "2019-06-01" });
    const b = await m.decisions.milestones.create({ title: "Launch evening group", programmeId: t.fx.programme, dueDate: "2019-06-10" });
    await m.decisions.milestones.create({ title: "Done already", programmeId: t.fx.programme, dueDate: "2019-01-10", status: "done", doneDate: "2019-01-09" });
    const overdue = await m.decisions.milestones.overdue();
    expect(overdue.map((o) => [o.title, o.reason, o.daysOverdue])).toEqual([
      ["Recruit facilitators", "review", 14],
      ["Launch evening group", "due", 5],
    ]);
    expect(overdue[0]!.ownerName).toBe("manager staff");
    const done = await m.decisions.milestones.update({ id: b.id, version: b.version, patch: { status: "done", doneDate: "2019-06-12" } });
    expect(done.status).toBe("done");
    expect((await outcome(m.decisions.milestones.update({ id: b.id, version: b.version, patch: { status: "late" } }))).code).toBe("CONFLICT");
    expect((await m.decisions.milestones.overdue()).map((o) => o.id)).toEqual([a.id]);
    expect((await outcome(m.decisions.milestones.create({ title: "x", dueDate: "2019-02-30" }))).code).toBe("BAD_REQUEST");
  });

  it("assembles the programme briefing (practitioners may read it)", async () => {
    const p = await t.as(t.fx.users.practitioner.id);
    const b = await p.decisions.briefing({ programmeId: t.fx.programme });
    expect(b.models.map((x) => x.title)).toEqual(["DAARR workstream logic model (Figure 7)"]);
    expect(b.aims).toHaveLength(12);
    expect(b.activities).toHaveLength(10); // 12 activities, two texts appear twice (under two headings)
    expect(b.recentDecisions.map((d) => d.title)).toEqual(["Run evening groups"]);
    expect(b.overdue.map((o) => o.milestone.title)).toEqual(["Recruit facilitators"]);
    expect((await outcome(p.decisions.briefing({ programmeId: "nope" }))).code).toBe("NOT_FOUND");
  });
});
