import { describe, expect, it } from "vitest";
import { diffLogicModels, findLogicModelCycles, validateLogicModel, ZLogicModel, type LogicModelIssue, type TLogicModel, type TLogicModelNode } from "./logic-model.js";
import type { TIndicator, TIndicatorTarget } from "./targets.js";

const n = (id: string, column: TLogicModelNode["column"], indicatorIds: string[] = [], group: TLogicModelNode["group"] = "system"): TLogicModelNode => ({
  id,
  column,
  group,
  text: id,
  indicatorIds,
});

const indicators: TIndicator[] = [
  { id: "ind-ok", title: "OK", measureId: "re_referrals" },
  { id: "ind-no-target", title: "No target", measureId: null },
  { id: "ind-bad-measure", title: "Bad", measureId: "programme_completions", params: { programme: "KNITTING" } },
];
const targets: TIndicatorTarget[] = [
  {
    id: "t1",
    indicatorId: "ind-ok",
    baseline: 10,
    baselineDate: "2017-01-01",
    direction: "lower_is_better",
    value: { kind: "absolute", value: 5 },
    dueDate: "2018-01-01",
  },
  {
    id: "t2",
    indicatorId: "ind-bad-measure",
    baseline: 1,
    baselineDate: "2017-01-01",
    direction: "higher_is_better",
    value: { kind: "absolute", value: 5 },
    dueDate: "2018-01-01",
  },
];

const key = (i: LogicModelIssue) => `${i.code}:${i.column ?? i.indicatorId ?? i.nodeIds.join(",")}`;

describe("validateLogicModel", () => {
  it("finds nothing wrong in a complete chain", () => {
    const model: TLogicModel = {
      id: "m",
      title: "M",
      workstream: "W",
      nodes: [n("in", "inputs"), n("act", "activities"), n("out", "outputs"), n("imp", "impacts"), n("oc", "outcomes", ["ind-ok"])],
      links: [
        { from: "in", to: "act" },
        { from: "act", to: "out" },
        { from: "out", to: "imp" },
        { from: "imp", to: "oc" },
      ],
    };
    expect(validateLogicModel(model, indicators, targets)).toEqual([]);
  });

  it("lists every kind of problem, errors and gaps, in a fixed order", () => {
    const model: TLogicModel = {
      id: "m",
      title: "M",
      workstream: "W",
      nodes: [
        n("in", "inputs"),
        n("act", "activities"),
        n("act", "activities"), // duplicate id
        n("out1", "outputs", ["ind-no-target"]),
        n("out2", "outputs"), // leads nowhere
        n("oc1", "outcomes", ["ind-ok"]),
        n("oc2", "outcomes", ["ind-missing"]), // unknown indicator
        n("oc3", "outcomes", [], "victims"), // no indicator, nothing leads to it
        n("oc4", "outcomes", ["ind-bad-measure", "ind-no-target"]),
      ],
      links: [
        { from: "in", to: "act" },
        { from: "act", to: "out1" },
        { from: "act", to: "out2" },
        { from: "act", to: "out2" }, // duplicate
        { from: "out1", to: "oc1" }, // skipping impacts is allowed
        { from: "out1", to: "oc4" },
        { from: "oc2", to: "act" }, // backwards, closing act → out1 → oc1 → oc2 → act
        { from: "oc1", to: "oc2" }, // same column: allowed
        { from: "oc4", to: "out1" }, // backwards and a cycle out1 → oc4 → out1
        { from: "ghost", to: "oc1" }, // dangling
      ],
    };
    const issues = validateLogicModel(model, indicators, targets);
    expect(issues.map(key)).toEqual([
      "duplicate_node_id:act",
      "dangling_link:ghost",
      "duplicate_link:act,out2",
      "backward_link:oc2,act",
      "backward_link:oc4,out1",
      // act → out1 → oc1 → oc2 → act and out1 → oc4 → out1 are one strongly connected set.
      "cycle:act,out1,oc1,oc2,oc4",
      "empty_column:impacts",
      "leads_nowhere:out2",
      "outcome_unsupported:oc3",
      "outcome_without_indicator:oc3",
      "unknown_indicator:ind-missing",
      "unknown_measure:ind-bad-measure",
      "indicator_without_target:ind-no-target",
    ]);
    expect(issues.find((i) => i.code === "indicator_without_target")!.nodeIds).toEqual(["out1", "oc4"]);
    expect(issues.filter((i) => i.severity === "error").map((i) => i.code)).toEqual([
      "duplicate_node_id",
      "dangling_link",
      "backward_link",
      "backward_link",
      "cycle",
      "unknown_indicator",
      "unknown_measure",
    ]);
  });

  it("reports separate cycles and self-links", () => {
    const cycles = findLogicModelCycles(
      ["a", "b", "c", "d", "e"],
      [
        { from: "a", to: "b" },
        { from: "b", to: "a" },
        { from: "c", to: "c" },
        { from: "d", to: "e" },
      ],
    );
    expect(cycles).toEqual([["a", "b"], ["c"]]);
  });
});

describe("diffLogicModels", () => {
  const v1: TLogicModel = {
    id: "m",
    title: "Model",
    workstream: "W",
    nodes: [n("a", "inputs"), n("b", "activities"), n("c", "outputs", ["i1"])],
    links: [
      { from: "a", to: "b" },
      { from: "b", to: "c" },
    ],
  };

  it("is unchanged for the same model in another order", () => {
    const shuffled = { ...v1, nodes: [...v1.nodes].reverse(), links: [...v1.links].reverse() };
    expect(diffLogicModels(v1, shuffled).unchanged).toBe(true);
  });

  it("lists added, removed and changed nodes and links", () => {
    const v2: TLogicModel = {
      ...v1,
      title: "Model v2",
      nodes: [n("a", "inputs"), { ...n("c", "outputs", ["i1", "i2"]), text: "Outputs, reworded" }, n("d", "outcomes")],
      links: [
        { from: "a", to: "c" },
        { from: "c", to: "d" },
      ],
    };
    const d = diffLogicModels(v1, v2);
    expect(d.unchanged).toBe(false);
    expect(d.modelFields).toEqual(["title"]);
    expect(d.nodesAdded.map((x) => x.id)).toEqual(["d"]);
    expect(d.nodesRemoved.map((x) => x.id)).toEqual(["b"]);
    expect(d.nodesChanged.map((x) => [x.id, x.fields])).toEqual([["c", ["text", "indicatorIds"]]]);
    expect(d.linksAdded).toEqual([
      { from: "a", to: "c" },
      { from: "c", to: "d" },
    ]);
    expect(d.linksRemoved).toEqual([
      { from: "a", to: "b" },
      { from: "b", to: "c" },
    ]);
  });

  it("notices a node moved to another column or group", () => {
    const v2 = { ...v1, nodes: [n("a", "inputs"), n("b", "outputs", [], "practice"), n("c", "outputs", ["i1"])] };
    expect(diffLogicModels(v1, v2).nodesChanged.map((x) => x.fields)).toEqual([["column", "group"]]);
  });
});

describe("model schema", () => {
  it("accepts a well-formed model and refuses unknown columns", () => {
    expect(ZLogicModel.safeParse({ id: "m", title: "M", workstream: "W", nodes: [n("a", "inputs")], links: [] }).success).toBe(true);
    expect(ZLogicModel.safeParse({ id: "m", title: "M", workstream: "W", nodes: [{ ...n("a", "inputs"), column: "wishes" }], links: [] }).success).toBe(false);
  });
});
