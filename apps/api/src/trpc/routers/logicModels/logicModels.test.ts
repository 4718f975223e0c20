import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, seedLogicModels, type TestApp } from "../../../test/harness.js";

let t: TestApp;
let models: Map<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const rows = { modelIds: await seedLogicModels(t) };
  models = rows.modelIds;
});
afterAll(async () => {
  await t?.dispose();
});

const key = (i: { code: string; nodeIds: string[]; column?: string; indicatorId?: string }) => `${i.code}:${i.column ?? i.indicatorId ?? i.nodeIds.join(",")}`;

describe("logic models", () => {
  it("lists the report's three models and validates them: no errors, only the report's own gaps", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const list = await c.logicModels.list();
    expect(list.map((m) => [m.name, m.nodes])).toEqual([
      ["DAARR workstream logic model (Figure 7)", 3 + 12 + 19 + 26 + 12],
      ["Innovation Hub logic model (Figure 8)", 3 + 11 + 19 + 5 + 4],
      ["Theory of Change for the SCST Innovation Programme (Figure 6, from the funding bid)", 1 + 3 + 12],
    ]);
    const hub = await c.logicModels.get({ id: models.get("scst-innovation-hub")!, asOf: "2019-06-30" });
    expect(hub.issues.filter((i) => i.severity === "error")).toEqual([]);
    // The hub's gaps as the report leaves them (the same list core's report-models test pins).
    expect(hub.issues.map(key).slice(0, 6)).toEqual([
      "leads_nowhere:hub-out-pc-eiw",
      "leads_nowhere:hub-out-pc-individual-da",
      "leads_nowhere:hub-out-pc-ifp",
      "leads_nowhere:hub-out-pc-clinical",
      "outcome_without_indicator:hub-oc-cyp-issues",
      "outcome_without_indicator:hub-oc-cyp-risks",
    ]);
    const toc = await c.logicModels.get({ id: models.get("scst-theory-of-change")!, asOf: "2019-06-30" });
    expect(toc.issues.filter((i) => i.code === "empty_column").map((i) => i.column)).toEqual(["outputs", "outcomes"]);
    expect((await outcome(c.logicModels.get({ id: hub.id, asOf: "2019-02-30" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.logicModels.get({ id: "no-such-model" }))).code).toBe("NOT_FOUND");
    // A practitioner may read but not edit.
    expect((await outcome(c.logicModels.edit({ modelId: hub.id, version: hub.version, reason: "x", edit: { op: "removeNode", nodeId: "hub-oc-cyp-issues" } }))).code).toBe("FORBIDDEN");
  });

  it("versions every edit with who, when and why; a stale version is a CONFLICT and writes nothing", async () => {
    const c = await t.as(t.fx.users.analyst.id);
    const id = models.get("scst-daarr")!;
    const v1 = await c.logicModels.get({ id });
    expect(v1.version).toBe(1);
    const edited = await c.logicModels.edit({ modelId: id, version: 1, reason: "Board asked for plainer wording", edit: { op: "updateNode", nodeId: "daarr-oc-cyp-safety", patch: { text: "Children feel safer at home" } } });
    expect(edited.version).toBe(2);
    const before = await t.testDb.db.prisma.logicModelVersion.count();
    const stale = await outcome(c.logicModels.edit({ modelId: id, version: 1, reason: "Late edit", edit: { op: "updateNode", nodeId: "daarr-oc-cyp-safety", patch: { text: "Lost" } } }));
    expect(stale.code).toBe("CONFLICT");
    expect(await t.testDb.db.prisma.logicModelVersion.count()).toBe(before);
    // A reason is required; a backward link is refused with the field named.
    expect((await outcome(c.logicModels.edit({ modelId: id, version: 2, reason: "", edit: { op: "removeNode", nodeId: "daarr-oc-cyp-safety" } }))).code).toBe("BAD_REQUEST");
    const back = await outcome(c.logicModels.edit({ modelId: id, version: 2, reason: "try", edit: { op: "addLink", from: "daarr-oc-cyp-safety", to: "daarr-act-vada" } }));
    expect(back.code).toBe("BAD_REQUEST");

    const v2 = await c.logicModels.get({ id });
    expect(v2.nodes.find((n) => n.id === "daarr-oc-cyp-safety")!.text).toBe("Children feel safer at home");
    expect([v2.number, v2.reason, v2.createdBy]).toEqual([2, "Board asked for plainer wording", "analyst user"]);
    const old = await c.logicModels.get({ id, number: 1 });
    expect(old.nodes.find((n) => n.id === "daarr-oc-cyp-safety")!.text).not.toBe("Children feel safer at home");
    const history = await c.logicModels.versions({ id });
    expect(history.map((h) => [h.number, h.reason, h.change])).toEqual([
      [2, "Board asked for plainer wording", "changed text of node daarr-oc-cyp-safety"],
      [1, "Co-developed with the evaluators, phase 1 (May-August 2018); taken node for node from the report's Appendix 1", "imported the report's model"],
    ]);
    const diff = await c.logicModels.diff({ id, from: 1, to: 2 });
    expect(diff.nodesChanged.map((n) => [n.id, n.fields])).toEqual([["daarr-oc-cyp-safety", ["text"]]]);
    expect(diff.linksAdded).toEqual([]);
    const audit = await t.testDb.db.prisma.auditLog.count({ where: { action: "logicModels.edit", outcome: "success" } });
    expect(audit).toBe(1);
  });

  it("binds a new indicator, sets a target, records values and computes the status", async () => {
    const c = await t.as(t.fx.users.manager.id);
    const id = models.get("scst-innovation-hub")!;
    let m = await c.logicModels.get({ id });
    const bound = await c.logicModels.edit({ modelId: id, version: m.version, reason: "Measure safety", edit: { op: "bindIndicator", nodeId: "hub-oc-cyp-risks", indicator: { title: "Safety score", measureId: null, unit: "points" } } });
    const code = bound.indicatorId!;
    const target = { baseline: 10, baselineDate: "2019-01-01", direction: "higher_is_better" as const, value: { kind: "absolute" as const, value: 20 }, dueDate: "2019-12-31", label: "Safety 20" };
    m = await c.logicModels.get({ id, asOf: "2019-07-31" });
    expect(m.indicators.find((i) => i.id === code)!.status).toBeNull();
    expect(m.issues.some((i) => i.code === "outcome_without_indicator" && i.nodeIds[0] === "hub-oc-cyp-risks")).toBe(false);
    expect(m.issues.some((i) => i.code === "indicator_without_target" && i.indicatorId === code)).toBe(true);
    await c.logicModels.edit({ modelId: id, version: m.version, reason: "Board target", edit: { op: "setTarget", indicatorId: code, target } });
    m = await c.logicModels.get({ id, asOf: "2019-07-31" });
    expect(m.indicators.find((i) => i.id === code)!.status).toBe("no_data");
    await c.logicModels.edit({ modelId: id, version: m.version, reason: "June survey", edit: { op: "recordMeasurement", indicatorId: code, periodStart: "2019-06-01", periodEnd: "2019-06-30", value: 14 } });
    m = await c.logicModels.get({ id, asOf: "2019-07-31" });
    // Trajectory 10 → 20 over 2019: on 30 June (day 180 of 364) expected 10 + 10 × 180/364 = 14.95; 14 misses by 0.95, within 10% → at risk.
    const ind = m.indicators.find((i) => i.id === code)!;
    expect(ind.status).toBe("at_risk");
    expect(ind.targets[0]!.expected).toBeCloseTo(14.945, 2);
    expect(m.version).toBe(4);
  });

  it("computes a measure's status from live records (Table 5: Early Help assessments per week)", async () => {
    const p = t.testDb.db.prisma;
    // Three level-1 assessments completed in ISO week 2019-W02 (7–13 Jan), one in W03.
    for (const done of ["2019-01-07", "2019-01-09", "2019-01-13", "2019-01-14"]) {
      await p.assessment.create({ data: { childId: t.fx.people.child, level: "EARLY_HELP", allocatedAt: new Date("2019-01-02"), startedAt: new Date("2019-01-02"), completedAt: new Date(done) } });
    }
    const c = await t.as(t.fx.users.analyst.id);
    const weekly = await c.monitoring.compute({ measureId: "early_help_assessments_per_week", from: "2019-01-07", to: "2019-01-20" });
    expect(weekly.values.map((v) => v.value)).toEqual([3, 1]);
    expect(weekly.measure.definition.length).toBeGreaterThan(40);
    const range = await c.monitoring.compute({ measureId: "early_help_assessments_per_week", kind: "range", from: "2019-01-07", to: "2019-01-20" });
    expect(range.values.map((v) => v.value)).toEqual([2]);
    // The report's target (43 a week from a 26.2 baseline) is bound to this measure's indicator.
    expect(range.indicators.map((i) => i.id)).toEqual(["ind-eh-assessments-week"]);
    expect((await outcome(c.monitoring.compute({ measureId: "nope", from: "2019-01-07", to: "2019-01-20" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.monitoring.compute({ measureId: "programme_completions", from: "2019-01-07", to: "2019-01-20" }))).code).toBe("BAD_REQUEST");
    const catalogue = await c.monitoring.measures();
    expect(catalogue.find((m) => m.id === "cp_cases_known_da_perpetrator")!.source).toBe("Figure 1");
  });
});
