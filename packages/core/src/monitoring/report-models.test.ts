import { describe, expect, it } from "vitest";
import { checkMeasureParams } from "./catalogue.js";
import { LOGIC_MODEL_COLUMNS, validateLogicModel, ZLogicModel, type LogicModelIssue, type TLogicModel } from "./logic-model.js";
import { REPORT_INDICATORS, REPORT_LOGIC_MODELS, REPORT_TARGETS } from "./report-models.js";
import { ZIndicator, ZIndicatorTarget } from "./targets.js";

const model = (id: string): TLogicModel => REPORT_LOGIC_MODELS.find((m) => m.id === id)!;
const key = (i: LogicModelIssue) => `${i.code}:${i.column ?? i.indicatorId ?? i.nodeIds.join(",")}`;
const columnCounts = (m: TLogicModel) => LOGIC_MODEL_COLUMNS.map((c) => m.nodes.filter((n) => n.column === c).length);

describe("the report's logic models as data", () => {
  it("parse, and every indicator and target is well formed", () => {
    for (const m of REPORT_LOGIC_MODELS) expect(ZLogicModel.safeParse(m).success).toBe(true);
    for (const i of REPORT_INDICATORS) {
      expect(ZIndicator.safeParse(i).success).toBe(true);
      if (i.measureId !== null) expect(checkMeasureParams(i.measureId, i.params ?? {})).toEqual([]);
    }
    for (const t of REPORT_TARGETS) {
      expect(ZIndicatorTarget.safeParse(t).success).toBe(true);
      expect(REPORT_INDICATORS.some((i) => i.id === t.indicatorId)).toBe(true);
    }
    expect(new Set(REPORT_INDICATORS.map((i) => i.id)).size).toBe(REPORT_INDICATORS.length);
  });

  it("hold the report's nodes, column by column", () => {
    // inputs, activities, outputs, impacts, outcomes
    expect(columnCounts(model("scst-theory-of-change"))).toEqual([1, 3, 0, 12, 0]);
    expect(columnCounts(model("scst-daarr"))).toEqual([3, 12, 19, 26, 12]);
    expect(columnCounts(model("scst-innovation-hub"))).toEqual([3, 11, 19, 5, 4]);
    const daarr = model("scst-daarr");
    expect(daarr.nodes.filter((n) => n.text === "The Inspiring Families Programme (IFP)").map((n) => n.heading)).toEqual(["Assessment", "Intervention"]);
    expect(daarr.nodes.find((n) => n.id === "daarr-imp-prac-time")!.text).toContain("target: 10 days");
    expect(model("scst-innovation-hub").nodes.find((n) => n.id === "hub-in-funding")!.text).toContain("£1,362,708");
  });

  it("have no structural errors", () => {
    for (const m of REPORT_LOGIC_MODELS) {
      expect(validateLogicModel(m, REPORT_INDICATORS, REPORT_TARGETS).filter((i) => i.severity === "error")).toEqual([]);
    }
  });

  it("the bid's theory of change: impacts only, nothing measured but two targets", () => {
    expect(validateLogicModel(model("scst-theory-of-change"), REPORT_INDICATORS, REPORT_TARGETS).map(key)).toEqual([
      "empty_column:outputs",
      "empty_column:outcomes",
      "leads_nowhere:toc-imp-earlier",
      "leads_nowhere:toc-imp-7-days",
      "leads_nowhere:toc-imp-da-plans",
      "leads_nowhere:toc-imp-cyp-coping",
      "leads_nowhere:toc-imp-rereferrals",
      "leads_nowhere:toc-imp-cp-da",
      "leads_nowhere:toc-imp-costs",
      "leads_nowhere:toc-imp-sos-evidence",
      "leads_nowhere:toc-imp-staffing-model",
      "leads_nowhere:toc-imp-da-approach",
      "leads_nowhere:toc-imp-trust-model",
      "leads_nowhere:toc-imp-diverse",
      "indicator_without_target:ind-re-referrals",
    ]);
  });

  it("DAARR: system outputs and system outcomes are not connected, most outcomes are unmeasured", () => {
    expect(validateLogicModel(model("scst-daarr"), REPORT_INDICATORS, REPORT_TARGETS).map(key)).toEqual([
      // No "impact on the system" column in Figure 7, so these outputs go nowhere ...
      "leads_nowhere:daarr-out-sys-assessed",
      "leads_nowhere:daarr-out-sys-resource",
      "leads_nowhere:daarr-out-sys-consultations",
      "leads_nowhere:daarr-out-sys-marac",
      // ... and nothing leads to the outcomes for the system.
      "outcome_unsupported:daarr-oc-sys-cp",
      "outcome_unsupported:daarr-oc-sys-cla",
      "outcome_unsupported:daarr-oc-sys-cost",
      // Outcomes for children, victims, perpetrators and practice have no measure in the report.
      "outcome_without_indicator:daarr-oc-cyp-wellbeing",
      "outcome_without_indicator:daarr-oc-cyp-safety",
      "outcome_without_indicator:daarr-oc-cyp-coping",
      "outcome_without_indicator:daarr-oc-cyp-future",
      "outcome_without_indicator:daarr-oc-vic-violence",
      "outcome_without_indicator:daarr-oc-vic-safety",
      "outcome_without_indicator:daarr-oc-perp-violence",
      "outcome_without_indicator:daarr-oc-perp-safety",
      "outcome_without_indicator:daarr-oc-prac-quality",
      // The report sets no target for any output, nor a number for "fewer children looked after".
      "indicator_without_target:ind-toolkit-cyp",
      "indicator_without_target:ind-child-work",
      "indicator_without_target:ind-ifp-victims",
      "indicator_without_target:ind-toolkit-adult",
      "indicator_without_target:ind-individual-da-victims",
      "indicator_without_target:ind-ifp-perpetrators",
      "indicator_without_target:ind-one-to-one",
      "indicator_without_target:ind-individual-da-perpetrators",
      "indicator_without_target:ind-professionals-trained",
      "indicator_without_target:ind-da-consultations",
      "indicator_without_target:ind-marac-referrals",
      "indicator_without_target:ind-cla-escalations",
    ]);
  });

  it("Innovation Hub: outputs for parents/carers lead to no impact, two outcomes unmeasured", () => {
    expect(validateLogicModel(model("scst-innovation-hub"), REPORT_INDICATORS, REPORT_TARGETS).map(key)).toEqual([
      "leads_nowhere:hub-out-pc-eiw",
      "leads_nowhere:hub-out-pc-individual-da",
      "leads_nowhere:hub-out-pc-ifp",
      "leads_nowhere:hub-out-pc-clinical",
      "outcome_without_indicator:hub-oc-cyp-issues",
      "outcome_without_indicator:hub-oc-cyp-risks",
      "indicator_without_target:ind-child-work",
      "indicator_without_target:ind-individual-da-all",
      "indicator_without_target:ind-ifp-all",
      "indicator_without_target:ind-hub-families-referred",
      "indicator_without_target:ind-hub-nfa",
      "indicator_without_target:ind-hub-signposting",
      "indicator_without_target:ind-marac-referrals",
      "indicator_without_target:ind-da-consultations",
      "indicator_without_target:ind-re-referrals",
      "indicator_without_target:ind-cla-escalations",
    ]);
  });

  it("binds the report's stated targets to the right indicators", () => {
    const byIndicator = (id: string) => REPORT_TARGETS.filter((t) => t.indicatorId === id).map((t) => (t.value.kind === "absolute" ? t.value.value : t.value.change));
    expect(byIndicator("ind-cp-da-perpetrator")).toEqual([-0.2]);
    expect(byIndicator("ind-days-allocation-assessment")).toEqual([25, 10]);
    expect(byIndicator("ind-eh-assessments-week")).toEqual([43]);
    expect(byIndicator("ind-cin-assessments-week")).toEqual([28]);
    expect(byIndicator("ind-cost-reduction")).toEqual([376_000]);
  });
});
