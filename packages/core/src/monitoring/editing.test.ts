import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { applyLogicModelEdit, describeLogicModelEdit, ZLogicModelEdit, ZLogicModelEditInput } from "./editing.js";
import type { TLogicModel } from "./logic-model.js";

const base: TLogicModel = {
  id: "m",
  title: "Test",
  workstream: "W",
  nodes: [
    { id: "in", column: "inputs", group: "system", text: "Funding", indicatorIds: [] },
    { id: "act", column: "activities", group: "victims", text: "Groups", indicatorIds: [] },
    { id: "out", column: "outputs", group: "victims", text: "Completions", indicatorIds: ["ind-a"] },
    { id: "oc", column: "outcomes", group: "victims", text: "Safer", indicatorIds: [] },
  ],
  links: [
    { from: "in", to: "act" },
    { from: "act", to: "out" },
    { from: "out", to: "oc" },
  ],
};

const code = (fn: () => unknown) => {
  try {
    fn();
    return "OK";
  } catch (e) {
    return e instanceof DomainError ? e.code : "THROWN";
  }
};

describe("applyLogicModelEdit", () => {
  it("adds, updates and removes nodes; removing a node drops its links", () => {
    const added = applyLogicModelEdit(base, { op: "addNode", node: { column: "impacts", group: "victims", text: "Less abuse" } }, { newNodeId: "imp" });
    expect(added.nodes.map((n) => n.id)).toEqual(["in", "act", "out", "oc", "imp"]);
    expect(base.nodes).toHaveLength(4); // pure
    const updated = applyLogicModelEdit(added, { op: "updateNode", nodeId: "imp", patch: { text: "Less violence", heading: "Victims" } });
    expect(updated.nodes.find((n) => n.id === "imp")).toEqual({ id: "imp", column: "impacts", group: "victims", text: "Less violence", heading: "Victims", indicatorIds: [] });
    const removed = applyLogicModelEdit(base, { op: "removeNode", nodeId: "out" });
    expect(removed.links).toEqual([{ from: "in", to: "act" }]);
  });

  it("refuses a duplicate id, a backward link, a cycle, a self-link and unknown nodes", () => {
    expect(code(() => applyLogicModelEdit(base, { op: "addNode", node: { id: "act", column: "inputs", group: "system", text: "x" } }))).toBe("INVALID_INPUT");
    expect(code(() => applyLogicModelEdit(base, { op: "addLink", from: "oc", to: "in" }))).toBe("INVALID_INPUT");
    expect(code(() => applyLogicModelEdit(base, { op: "addLink", from: "act", to: "act" }))).toBe("INVALID_INPUT");
    expect(code(() => applyLogicModelEdit(base, { op: "addLink", from: "in", to: "act" }))).toBe("INVALID_INPUT");
    expect(code(() => applyLogicModelEdit(base, { op: "addLink", from: "in", to: "nope" }))).toBe("NOT_FOUND");
    // Moving the output to the inputs column would make its incoming link go backwards.
    expect(code(() => applyLogicModelEdit(base, { op: "updateNode", nodeId: "out", patch: { column: "inputs" } }))).toBe("INVALID_INPUT");
    // A cycle within a column (links within a column are allowed, cycles are not).
    const two = applyLogicModelEdit(base, { op: "addNode", node: { id: "act2", column: "activities", group: "victims", text: "More" } });
    const linked = applyLogicModelEdit(two, { op: "addLink", from: "act", to: "act2" });
    expect(code(() => applyLogicModelEdit(linked, { op: "addLink", from: "act2", to: "act" }))).toBe("INVALID_INPUT");
    expect(code(() => applyLogicModelEdit(base, { op: "removeLink", from: "in", to: "oc" }))).toBe("NOT_FOUND");
  });

  it("binds and unbinds indicators", () => {
    const bound = applyLogicModelEdit(base, { op: "bindIndicator", nodeId: "oc", indicatorId: "ind-b" });
    expect(bound.nodes.find((n) => n.id === "oc")!.indicatorIds).toEqual(["ind-b"]);
    const drafted = applyLogicModelEdit(base, { op: "bindIndicator", nodeId: "oc", indicator: { title: "New", measureId: null } }, { newIndicatorId: "ind-new" });
    expect(drafted.nodes.find((n) => n.id === "oc")!.indicatorIds).toEqual(["ind-new"]);
    expect(code(() => applyLogicModelEdit(base, { op: "bindIndicator", nodeId: "out", indicatorId: "ind-a" }))).toBe("INVALID_INPUT");
    expect(applyLogicModelEdit(base, { op: "unbindIndicator", nodeId: "out", indicatorId: "ind-a" }).nodes.find((n) => n.id === "out")!.indicatorIds).toEqual([]);
    expect(code(() => applyLogicModelEdit(base, { op: "unbindIndicator", nodeId: "oc", indicatorId: "ind-a" }))).toBe("NOT_FOUND");
  });

  it("validates inputs: a reason is required, measures must exist, targets run forwards", () => {
    const edit = { op: "setTarget", indicatorId: "ind-a", target: { baseline: 10, baselineDate: "2019-01-01", direction: "higher_is_better", value: { kind: "absolute", value: 20 }, dueDate: "2020-01-01" } };
    expect(ZLogicModelEditInput.safeParse({ modelId: "m", version: 1, reason: "Board agreed", edit }).success).toBe(true);
    const noReason = ZLogicModelEditInput.safeParse({ modelId: "m", version: 1, reason: "  ", edit });
    expect(noReason.success ? [] : noReason.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    const backwards = ZLogicModelEdit.safeParse({ ...edit, target: { ...edit.target, dueDate: "2018-01-01" } });
    expect(backwards.success ? [] : backwards.error.issues.map((i) => i.path.join("."))).toEqual(["target.dueDate"]);
    const badMeasure = ZLogicModelEdit.safeParse({ op: "bindIndicator", nodeId: "oc", indicator: { title: "x", measureId: "no_such_measure" } });
    expect(badMeasure.success ? [] : badMeasure.error.issues.map((i) => i.path.join("."))).toEqual(["indicator.measureId"]);
    expect(ZLogicModelEdit.safeParse({ op: "bindIndicator", nodeId: "oc" }).success).toBe(false);
    expect(describeLogicModelEdit({ op: "addLink", from: "a", to: "b" })).toBe("linked a → b");
  });
});
