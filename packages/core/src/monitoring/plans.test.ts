import { describe, expect, it } from "vitest";
import { REPORT_LOGIC_MODELS } from "./report-models.js";
import { assembleProgrammeBriefing, overdueMilestones, ZDecisionCreateInput, type PlanMilestone } from "./plans.js";

const m = (id: string, dueDate: string, reviewDate: string | null, status: PlanMilestone["status"] = "planned"): PlanMilestone => ({ id, title: id, dueDate, reviewDate, status });

describe("overdueMilestones", () => {
  it("lists reviews and due dates that have passed, not done or dropped ones, most overdue first", () => {
    const list = [
      m("a", "2026-01-10", null), // due 10 days ago
      m("b", "2026-03-01", "2026-01-19"), // review yesterday (1 day)
      m("c", "2026-01-01", "2026-01-05", "done"),
      m("d", "2025-12-01", null, "dropped"),
      m("e", "2026-01-20", "2026-01-20"), // due and review today: not overdue
      m("f", "2025-12-21", "2026-01-15", "late"), // both passed: review wins (5 days)
    ];
    expect(overdueMilestones(list, "2026-01-20").map((o) => [o.milestone.id, o.reason, o.daysOverdue])).toEqual([
      ["a", "due", 10],
      ["f", "review", 5],
      ["b", "review", 1],
    ]);
  });
});

describe("decision input", () => {
  it("needs a rationale and a review date on or after the decision", () => {
    const ok = { title: "Pause training", decision: "Pause", rationale: "Budget", decidedAt: "2018-07-02", reviewDate: "2019-01-07", links: [{ entityType: "LogicNode", entityId: "daarr-act-training" }] };
    expect(ZDecisionCreateInput.safeParse(ok).success).toBe(true);
    const bad = ZDecisionCreateInput.safeParse({ ...ok, reviewDate: "2018-07-01", rationale: "" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join(".")).sort()).toEqual(["rationale", "reviewDate"]);
    expect(ZDecisionCreateInput.safeParse({ ...ok, links: [{ entityType: "Person", entityId: "x" }] }).success).toBe(false);
  });
});

describe("assembleProgrammeBriefing", () => {
  it("takes aims from the outcomes (impacts when there are none), counts statuses, keeps the 5 newest decisions", () => {
    const hub = REPORT_LOGIC_MODELS.find((x) => x.id === "scst-innovation-hub")!;
    const toc = REPORT_LOGIC_MODELS.find((x) => x.id === "scst-theory-of-change")!;
    const decisions = ["2018-01-01", "2019-05-01", "2018-06-01", "2017-01-01", "2019-01-01", "2020-01-01"].map((d, i) => ({ id: `d${i}`, title: d, decision: "x", rationale: "y", decidedAt: d, reviewDate: null }));
    const b = assembleProgrammeBriefing({
      programme: { id: "p", name: "Hub", description: null, workstream: "Innovation Hub" },
      models: [
        { model: hub, version: 2, issues: [{ code: "leads_nowhere", severity: "warning", message: "", nodeIds: [] }, { code: "leads_nowhere", severity: "warning", message: "", nodeIds: [] }] },
        { model: toc, version: 1, issues: [] },
      ],
      indicators: [
        { id: "i1", title: "A", unit: null, status: "on_track", latest: null, targetLabels: [] },
        { id: "i2", title: "B", unit: null, status: null, latest: null, targetLabels: [] },
        { id: "i3", title: "C", unit: null, status: "off_track", latest: null, targetLabels: [] },
      ],
      decisions,
      milestones: [m("late", "2019-01-01", null), m("next", "2020-06-01", null), m("done", "2020-02-01", null, "done")],
      asOf: "2020-03-01",
    });
    // The hub model has 4 outcomes and the theory of change 12 impacts (no outcomes).
    expect(b.aims).toHaveLength(4 + 12);
    expect(b.activities).toHaveLength(11 + 3);
    expect(b.statusCounts).toEqual({ on_track: 1, at_risk: 0, off_track: 1, no_data: 0, no_target: 1 });
    expect(b.recentDecisions.map((d) => d.decidedAt)).toEqual(["2020-01-01", "2019-05-01", "2019-01-01", "2018-06-01", "2018-01-01"]);
    expect(b.nextMilestones.map((x) => x.id)).toEqual(["next"]);
    expect(b.overdue.map((o) => [o.milestone.id, o.daysOverdue])).toEqual([["late", 425]]);
    expect(b.gaps).toEqual([{ code: "leads_nowhere", count: 2 }]);
  });
});
