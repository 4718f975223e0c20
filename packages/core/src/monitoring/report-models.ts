/**
 * The three logic models of the report's Appendix 1 (DfE evaluation of the
 * Slough Children's Services Trust Innovation Programme, March 2020), the
 * indicators bound to their nodes and the targets the report states.
 *
 * Node texts are the report's wording (lists of roles folded into one line).
 *
 * HOW THE LINKS WERE DERIVED. The report's diagrams are tables of five columns
 * with no arrows, so:
 * - inputs → activities: every input links to every activity (the funding
 *   and staff lines are not split between activities);
 * - activities → outputs: an activity links to the outputs that count it, by
 *   the same wording (e.g. "Referral to MARAC" → "Total number of referrals to
 *   MARAC"); each such link is listed by hand below;
 * - outputs → impacts → outcomes: column to column WITHIN A GROUP, following
 *   the tables' headings ("Outputs for CYP" → "Impact on CYP" → "Outcomes for
 *   CYP"), every node to every node of the same group in the next column;
 * - across groups only where both nodes name the same quantity (DAARR: the
 *   system output "Number of days between case allocation and assessment" →
 *   the practice impact "A reduction in the time between case allocation and
 *   assessment").
 * Gaps this leaves are the report's own (e.g. DAARR has no impacts on the
 * system, the hub has no impacts for parents/carers) and are what
 * `validateLogicModel` lists for these models.
 *
 * Figure 6 (the overall theory of change from the funding bid) is an image in
 * the report; its wording is not in the text. Its nodes are taken from the
 * report's own description of it ("Programme context" and "Programme aims and
 * outcomes", p. 15): the funding, the three things the funding was for, and
 * the impacts on families, on the local and regional system and on the
 * national system. It has no outputs and no outcomes.
 */
import type { TLogicModel, TLogicModelColumn, TLogicModelGroup, TLogicModelLink, TLogicModelNode } from "./logic-model.js";
import type { TIndicator, TIndicatorTarget } from "./targets.js";

function node(
  id: string,
  column: TLogicModelColumn,
  group: TLogicModelGroup,
  text: string,
  heading?: string,
  indicatorIds: string[] = [],
): TLogicModelNode {
  return heading === undefined ? { id, column, group, text, indicatorIds } : { id, column, group, text, heading, indicatorIds };
}

function allToAll(from: readonly string[], to: readonly string[]): TLogicModelLink[] {
  return from.flatMap((f) => to.map((t) => ({ from: f, to: t })));
}

/** Every node of `fromColumn` to every node of `toColumn` in the same group. */
function withinGroups(nodes: readonly TLogicModelNode[], fromColumn: TLogicModelColumn, toColumn: TLogicModelColumn): TLogicModelLink[] {
  return nodes
    .filter((n) => n.column === fromColumn)
    .flatMap((f) => nodes.filter((t) => t.column === toColumn && t.group === f.group).map((t) => ({ from: f.id, to: t.id })));
}

function explicit(pairs: Record<string, readonly string[]>): TLogicModelLink[] {
  return Object.entries(pairs).flatMap(([from, tos]) => tos.map((to) => ({ from, to })));
}

const ids = (nodes: readonly TLogicModelNode[], column: TLogicModelColumn) => nodes.filter((n) => n.column === column).map((n) => n.id);

// ---------------------------------------------------------------------------
// Indicators and targets
// ---------------------------------------------------------------------------

export const REPORT_INDICATORS: readonly TIndicator[] = [
  { id: "ind-cp-da-perpetrator", title: "CP cases with a known perpetrator of DA (month end)", measureId: "cp_cases_known_da_perpetrator", unit: "children" },
  { id: "ind-cla-escalations", title: "Children escalated to CLA from CIN or CP", measureId: "cla_escalations", unit: "children" },
  { id: "ind-days-allocation-assessment", title: "Average days from allocation to completed assessment", measureId: "assessment_days_allocation_to_completion", unit: "days" },
  { id: "ind-eh-assessments-week", title: "Early Help (level 1) assessments completed per week", measureId: "early_help_assessments_per_week", unit: "assessments per week" },
  { id: "ind-cin-assessments-week", title: "CIN (level 2) assessments completed per week", measureId: "cin_assessments_per_week", unit: "assessments per week" },
  { id: "ind-re-referrals", title: "Re-referrals within 12 months", measureId: "re_referrals", unit: "referrals" },
  { id: "ind-cost-reduction", title: "Reduction in cost across the Early Help and Child Protection Hubs (entered by hand)", measureId: null, unit: "£" },
  { id: "ind-ifp-victims", title: "Victims completing the IFP", measureId: "programme_completions", params: { programme: "INSPIRING_FAMILIES", role: "victim" }, unit: "people" },
  { id: "ind-ifp-perpetrators", title: "Perpetrators completing the IFP", measureId: "programme_completions", params: { programme: "INSPIRING_FAMILIES", role: "perpetrator" }, unit: "people" },
  { id: "ind-ifp-all", title: "Individuals completing the IFP", measureId: "programme_completions", params: { programme: "INSPIRING_FAMILIES" }, unit: "people" },
  { id: "ind-one-to-one", title: "Perpetrators completing targeted 1-2-1 work", measureId: "one_to_one_completions", unit: "people" },
  { id: "ind-toolkit-cyp", title: "CYP completing the CYP Recovery Toolkit", measureId: "programme_completions", params: { programme: "RECOVERY_TOOLKIT_CYP" }, unit: "people" },
  { id: "ind-toolkit-adult", title: "Victims completing the Adult Recovery Toolkit", measureId: "programme_completions", params: { programme: "RECOVERY_TOOLKIT_ADULT", role: "victim" }, unit: "people" },
  { id: "ind-child-work", title: "Children completing individual work", measureId: "programme_completions", params: { programme: "INDIVIDUAL_CHILD_WORK" }, unit: "people" },
  { id: "ind-individual-da-victims", title: "Victims completing individual DA work", measureId: "programme_completions", params: { programme: "INDIVIDUAL_DA_WORK", role: "victim" }, unit: "people" },
  { id: "ind-individual-da-perpetrators", title: "Perpetrators completing individual DA work", measureId: "programme_completions", params: { programme: "INDIVIDUAL_DA_WORK", role: "perpetrator" }, unit: "people" },
  { id: "ind-individual-da-all", title: "Individuals completing individual DA work", measureId: "programme_completions", params: { programme: "INDIVIDUAL_DA_WORK" }, unit: "people" },
  { id: "ind-professionals-trained", title: "Professionals trained", measureId: "professionals_trained", unit: "people" },
  { id: "ind-da-consultations", title: "Consultations with the DA coordinator", measureId: "da_coordinator_consultations", unit: "consultations" },
  { id: "ind-marac-referrals", title: "Referrals to MARAC", measureId: "marac_referrals", unit: "referrals" },
  { id: "ind-hub-families-referred", title: "Families referred to the Hub", measureId: "hub_families_referred", unit: "families" },
  { id: "ind-hub-nfa", title: "Hub cases closed with no further action", measureId: "hub_cases_closed_nfa", unit: "cases" },
  { id: "ind-hub-signposting", title: "Hub cases closed with signposting only", measureId: "hub_cases_closed_signposting", unit: "cases" },
];

const END_OF_FUNDING = "2019-03-31";
const DUE_NOTE = "The report gives no date; the end of the DfE funding (31 March 2019) is assumed.";

/** The targets the report states, with the assumptions needed to make them computable. */
export const REPORT_TARGETS: readonly TIndicatorTarget[] = [
  {
    id: "target-cp-da-minus-20",
    indicatorId: "ind-cp-da-perpetrator",
    label: "20% fewer CP cases with a known DA perpetrator than in April 2017",
    baseline: null,
    baselineDate: "2017-04-30",
    direction: "lower_is_better",
    value: { kind: "relative", change: -0.2 },
    dueDate: END_OF_FUNDING,
    note: `Funding proposal (report p. 48). Baseline: the count at the end of April 2017, taken from the data. ${DUE_NOTE}`,
  },
  {
    id: "target-days-bid-25",
    indicatorId: "ind-days-allocation-assessment",
    label: "25 days from allocation to assessment (funding bid)",
    baseline: null,
    baselineDate: "2017-04-30",
    direction: "lower_is_better",
    value: { kind: "absolute", value: 25 },
    dueDate: END_OF_FUNDING,
    note: `Report p. 50; the report says "more than 60 days" in April 2017, so the baseline is taken from the data for April 2017. ${DUE_NOTE}`,
  },
  {
    id: "target-days-logic-model-10",
    indicatorId: "ind-days-allocation-assessment",
    label: "10 days from allocation to assessment (DAARR logic model)",
    baseline: null,
    baselineDate: "2017-04-30",
    direction: "lower_is_better",
    value: { kind: "absolute", value: 10 },
    dueDate: END_OF_FUNDING,
    note: `Report Figure 7, impact on practice. ${DUE_NOTE}`,
  },
  {
    id: "target-eh-43",
    indicatorId: "ind-eh-assessments-week",
    label: "43 Early Help assessments completed per week",
    baseline: 26.2,
    baselineDate: "2017-03-26",
    direction: "higher_is_better",
    value: { kind: "absolute", value: 43 },
    dueDate: END_OF_FUNDING,
    note: "Report p. 52 and Table 5: baseline 26.2 per week, w/c 5 Oct 2015 to w/c 20 Mar 2017 (ending Sunday 26 Mar 2017). Due at the end of the hub period (w/c 25 Mar 2019).",
  },
  {
    id: "target-cin-28",
    indicatorId: "ind-cin-assessments-week",
    label: "28 CIN assessments completed per week",
    baseline: 48.5,
    baselineDate: "2017-03-26",
    direction: "lower_is_better",
    value: { kind: "absolute", value: 28 },
    dueDate: END_OF_FUNDING,
    note: "Report p. 52 and Table 5: baseline 48.5 per week, w/c 5 Oct 2015 to w/c 20 Mar 2017. Due at the end of the hub period (w/c 25 Mar 2019).",
  },
  {
    id: "target-cost-376k",
    indicatorId: "ind-cost-reduction",
    label: "£376,000 reduction in cost across the Early Help and Child Protection Hubs by 2019/20",
    baseline: 0,
    baselineDate: "2017-04-01",
    direction: "higher_is_better",
    value: { kind: "absolute", value: 376_000 },
    dueDate: "2020-03-31",
    note: "Report p. 16 and Figure 7 (SCST thought it unrealistic: actual costs were about £2m, not £1.4m). Due at the end of 2019/20.",
  },
];

// ---------------------------------------------------------------------------
// Figure 6: overall theory of change (from the report's description of it)
// ---------------------------------------------------------------------------

const TOC_NODES: TLogicModelNode[] = [
  node("toc-in-funding", "inputs", "system", "£1,423,500 DfE Children's Social Care Innovation Programme funding (2017)", "Funding"),
  node(
    "toc-act-hubs",
    "activities",
    "system",
    "Transform the staffing model by introducing three Enhanced Hubs: multi-agency wraparound teams (Police, Adult Mental Health, Substance Misuse) giving early intervention support to families not subject to CP plans",
  ),
  node("toc-act-practice", "activities", "practice", "Continue to develop a new model of practice integrating the principles of systemic practice and Signs of Safety"),
  node(
    "toc-act-daarr",
    "activities",
    "parents_carers",
    "Introduce a new Domestic Abuse, Assessment, Response and Recovery (DAARR) workstream based on the experience of the Inspiring Families Programme pilot",
  ),
  node("toc-imp-earlier", "impacts", "parents_carers", "More families engaged at an earlier stage, enabling family issues and risks to children to be tackled sooner", "Impacts for families"),
  node("toc-imp-7-days", "impacts", "parents_carers", "Support available 7 days per week: the service available an additional 32 hours per week compared to the current model", "Impacts for families"),
  node("toc-imp-da-plans", "impacts", "parents_carers", "For families where DA is an issue, more realistic and achievable family plans, with greater involvement from perpetrators", "Impacts for families"),
  node("toc-imp-cyp-coping", "impacts", "children_young_people", "Children who have experienced DA better equipped to develop their own positive lifestyle and coping strategies", "Impacts for families"),
  node("toc-imp-rereferrals", "impacts", "system", "Fewer repeat referrals", "Impacts on the local and regional system", ["ind-re-referrals"]),
  node("toc-imp-cp-da", "impacts", "system", "Fewer children subject to CP plans where DA is the primary issue", "Impacts on the local and regional system", ["ind-cp-da-perpetrator"]),
  node("toc-imp-costs", "impacts", "system", "Lower running costs, with fewer staff overall and a lower cost staff mix", "Impacts on the local and regional system", ["ind-cost-reduction"]),
  node("toc-imp-sos-evidence", "impacts", "system", "Evidence for the effectiveness of combining Signs of Safety and systemic practice", "Impacts on the national system"),
  node("toc-imp-staffing-model", "impacts", "system", "A new staffing model that can be replicated elsewhere", "Impacts on the national system"),
  node("toc-imp-da-approach", "impacts", "system", "A new approach to tackling DA, with an associated evidence base", "Impacts on the national system"),
  node("toc-imp-trust-model", "impacts", "system", "Evidence of the strengths and weaknesses of the Trust model", "Impacts on the national system"),
  node("toc-imp-diverse", "impacts", "system", "Evidence of the impact of each aspect of the approach on SCST's diverse population", "Impacts on the national system"),
];

const TOC_LINKS: TLogicModelLink[] = [
  ...allToAll(ids(TOC_NODES, "inputs"), ids(TOC_NODES, "activities")),
  // Activities → impacts by wording (the figure's arrows are not in the text).
  ...explicit({
    "toc-act-hubs": ["toc-imp-earlier", "toc-imp-7-days", "toc-imp-rereferrals", "toc-imp-costs", "toc-imp-staffing-model", "toc-imp-trust-model", "toc-imp-diverse"],
    "toc-act-practice": ["toc-imp-sos-evidence", "toc-imp-trust-model", "toc-imp-diverse"],
    "toc-act-daarr": ["toc-imp-da-plans", "toc-imp-cyp-coping", "toc-imp-cp-da", "toc-imp-da-approach", "toc-imp-trust-model", "toc-imp-diverse"],
  }),
];

// ---------------------------------------------------------------------------
// Figure 7: DAARR workstream logic model
// ---------------------------------------------------------------------------

const DAARR_NODES: TLogicModelNode[] = [
  node("daarr-in-funding", "inputs", "system", "Total funding of £678,981 from the DfE over the period 2017/18 – 2018/19 to cover staffing, training and evaluation", "Funding"),
  node(
    "daarr-in-staff",
    "inputs",
    "practice",
    "£425,368 DfE Innovation funding for staff costs (predicted to end December 2018), covering: DA Family Support Worker; Domestic Violence/Abuse Coordinator – 1 FTE; Consultant Social Worker – 0.5 FTE; Head of Service – 0.25 FTE; Hub Coordinator – 0.5 FTE",
    "Staff",
  ),
  node(
    "daarr-in-management",
    "inputs",
    "practice",
    "£42,487 DfE Innovation funding for management and support staff costs (predicted to end December 2018), covering roles including: Project manager; Project officer; Performance analyst",
    "Staff",
  ),
  node("daarr-act-vada", "activities", "practice", "Violence and Abuse Dynamics Assessment (VADA) tool", "Assessment"),
  node("daarr-act-assess-ifp", "activities", "parents_carers", "The Inspiring Families Programme (IFP)", "Assessment"),
  node("daarr-act-consultation", "activities", "practice", "DA consultation with DA coordinator", "Assessment"),
  node("daarr-act-marac", "activities", "victims", "Referral to Multi-Agency Risk Assessment Conference", "Assessment"),
  node("daarr-act-121-men", "activities", "perpetrators", "Targeted 1-2-1 work with men who have completed IFP", "Intervention"),
  node("daarr-act-int-ifp", "activities", "parents_carers", "The Inspiring Families Programme (IFP)", "Intervention"),
  node("daarr-act-int-individual-da", "activities", "parents_carers", "Individual DA work with either/both partners", "Intervention"),
  node("daarr-act-clinical", "activities", "children_young_people", "Clinical intervention", "Intervention"),
  node("daarr-act-toolkits", "activities", "children_young_people", "Support for victims and children through the Adult and Children and Young People Recovery Toolkits", "Recovery"),
  node("daarr-act-rec-individual-da", "activities", "parents_carers", "Individual DA work with either/both partners", "Recovery"),
  node("daarr-act-child-work", "activities", "children_young_people", "Individual work with children", "Recovery"),
  node("daarr-act-training", "activities", "practice", "Deliver training across all Trust hubs on “How to Work with Abusive Men”", "Workforce Development"),

  node("daarr-out-cyp-toolkit", "outputs", "children_young_people", "Total number of CYP who complete the Children and Young People Recovery Toolkits", "Outputs for CYP", ["ind-toolkit-cyp"]),
  node("daarr-out-cyp-individual", "outputs", "children_young_people", "Total number of children who complete individual work", "Outputs for CYP", ["ind-child-work"]),
  node("daarr-out-cyp-clinical", "outputs", "children_young_people", "Total number of clinical interventions", "Outputs for CYP"),
  node("daarr-out-cyp-remain", "outputs", "children_young_people", "Total number of CYP who remain within the family unit", "Outputs for CYP"),
  node("daarr-out-vic-ifp", "outputs", "victims", "Total number of victims who complete the IFP", "Output for victims", ["ind-ifp-victims"]),
  node("daarr-out-vic-toolkit", "outputs", "victims", "Total number of victims who complete the Adult Recovery Toolkit", "Output for victims", ["ind-toolkit-adult"]),
  node("daarr-out-vic-individual-da", "outputs", "victims", "Total number of victims who complete individual DA work", "Output for victims", ["ind-individual-da-victims"]),
  node("daarr-out-vic-clinical", "outputs", "victims", "Total number of clinical interventions", "Output for victims"),
  node("daarr-out-perp-ifp", "outputs", "perpetrators", "Total number of perpetrators who complete the IFP", "Output for perpetrators", ["ind-ifp-perpetrators"]),
  node("daarr-out-perp-121", "outputs", "perpetrators", "Total number of perpetrators who complete targeted 1-2-1 work", "Output for perpetrators", ["ind-one-to-one"]),
  node("daarr-out-perp-individual-da", "outputs", "perpetrators", "Total number of perpetrators who complete individual DA work", "Output for perpetrators", ["ind-individual-da-perpetrators"]),
  node("daarr-out-perp-clinical", "outputs", "perpetrators", "Total number of clinical interventions", "Output for perpetrators"),
  node("daarr-out-perp-remain", "outputs", "perpetrators", "Total number of perpetrators who remain within the family unit", "Output for perpetrators"),
  node("daarr-out-prac-trained", "outputs", "practice", "Total number of professionals that receive training on “How to Work with Abusive Men”", "Outputs for practice", ["ind-professionals-trained"]),
  node("daarr-out-sys-assessed", "outputs", "system", "Total number of families assessed using the DAARR model", "Outputs for the system"),
  node("daarr-out-sys-days", "outputs", "system", "Number of days between case allocation and assessment", "Outputs for the system", ["ind-days-allocation-assessment"]),
  node("daarr-out-sys-resource", "outputs", "system", "Dedicated Resource in place to work with men who have completed the IFP", "Outputs for the system"),
  node("daarr-out-sys-consultations", "outputs", "system", "Total number of consultations with DA coordinator", "Outputs for the system", ["ind-da-consultations"]),
  node("daarr-out-sys-marac", "outputs", "system", "Total number of referrals to MARAC", "Outputs for the system", ["ind-marac-referrals"]),

  node("daarr-imp-cyp-happier", "impacts", "children_young_people", "CYP are happier", "Impact on CYP"),
  node("daarr-imp-cyp-safety", "impacts", "children_young_people", "Increased feelings of safety and reduced feelings of fear", "Impact on CYP"),
  node("daarr-imp-cyp-talk", "impacts", "children_young_people", "Increased ability to talk to somebody about their parents and any risk of harm", "Impact on CYP"),
  node("daarr-imp-cyp-healthy", "impacts", "children_young_people", "Increased understanding of what a healthy relationship looks like", "Impact on CYP"),
  node("daarr-imp-cyp-less-fighting", "impacts", "children_young_people", "Experience less fighting/shouting at home", "Impact on CYP"),
  node(
    "daarr-imp-cyp-family-time",
    "impacts",
    "children_young_people",
    "Experience more time spent as a family, particularly more time spent with the father (where appropriate)",
    "Impact on CYP",
  ),
  node("daarr-imp-vic-violence", "impacts", "victims", "Reduction in experience of physical violence and coercive control", "Impact on victims"),
  node("daarr-imp-vic-insight", "impacts", "victims", "Increased understanding and insight regarding DA", "Impact on victims"),
  node("daarr-imp-vic-decisions", "impacts", "victims", "Increased ability to make decisions about their life and future based on this understanding", "Impact on victims"),
  node("daarr-imp-vic-relationships", "impacts", "victims", "Increased ability to develop healthy relationships", "Impact on victims"),
  node("daarr-imp-vic-self-esteem", "impacts", "victims", "Increased self-esteem", "Impact on victims"),
  node("daarr-imp-vic-safety", "impacts", "victims", "Increased feelings of safety", "Impact on victims"),
  node("daarr-imp-vic-coping", "impacts", "victims", "Improved strategies to cope with psychological distress", "Impact on victims"),
  node("daarr-imp-vic-isolation", "impacts", "victims", "Reduced feelings of isolation", "Impact on victims"),
  node("daarr-imp-perp-abusive", "impacts", "perpetrators", "Increased understanding that their behaviour is abusive", "Impact on perpetrators"),
  node("daarr-imp-perp-impact", "impacts", "perpetrators", "Increased understanding of the impact of their behaviour on partner and children", "Impact on perpetrators"),
  node(
    "daarr-imp-perp-context",
    "impacts",
    "perpetrators",
    "Increased ability to put their behaviour into the context of acceptable and unacceptable behaviour",
    "Impact on perpetrators",
  ),
  node("daarr-imp-perp-self-esteem", "impacts", "perpetrators", "Increased self-esteem", "Impact on perpetrators"),
  node("daarr-imp-perp-violence", "impacts", "perpetrators", "Reduction in perpetration of physical violence and coercive control", "Impact on perpetrators"),
  node("daarr-imp-perp-intergenerational", "impacts", "perpetrators", "Reduction in intergenerational domestic violence", "Impact on perpetrators"),
  node("daarr-imp-perp-relationships", "impacts", "perpetrators", "Increased ability to develop healthy relationships", "Impact on perpetrators"),
  node("daarr-imp-perp-children", "impacts", "perpetrators", "Improved relationship with children", "Impact on perpetrators"),
  node(
    "daarr-imp-prac-early",
    "impacts",
    "practice",
    "Increase in early assessment and intervention at a whole family level, enabling issues and risks to be addressed earlier",
    "Impact on practice",
  ),
  node(
    "daarr-imp-prac-time",
    "impacts",
    "practice",
    "A reduction in the time between case allocation and assessment (target: 10 days)",
    "Impact on practice",
    ["ind-days-allocation-assessment"],
  ),
  node(
    "daarr-imp-prac-confidence",
    "impacts",
    "practice",
    "Increased practitioner confidence and ability to understand and engage abusive men in their daily practice",
    "Impact on practice",
  ),
  node(
    "daarr-imp-prac-decisions",
    "impacts",
    "practice",
    "Improved practitioner ability to make evidence-based decisions on what is the right intervention at the right time",
    "Impact on practice",
  ),

  node("daarr-oc-cyp-wellbeing", "outcomes", "children_young_people", "Improvement in CYP wellbeing", "Outcomes for CYP"),
  node("daarr-oc-cyp-safety", "outcomes", "children_young_people", "An increased level of safety", "Outcomes for CYP"),
  node("daarr-oc-cyp-coping", "outcomes", "children_young_people", "CYP better equipped to develop their own positive lifestyle and coping strategies", "Outcomes for CYP"),
  node("daarr-oc-cyp-future", "outcomes", "children_young_people", "CYP less likely to become victims or perpetrators of DA in the future", "Outcomes for CYP"),
  node(
    "daarr-oc-vic-violence",
    "outcomes",
    "victims",
    "A reduction in the number of incidents of physical violence and coercive control and their severity (a long-term outcome)",
    "Outcomes for victims",
  ),
  node("daarr-oc-vic-safety", "outcomes", "victims", "An increased level of safety", "Outcomes for victims"),
  node(
    "daarr-oc-perp-violence",
    "outcomes",
    "perpetrators",
    "A reduction in the number of incidents of physical violence and coercive control and their severity (a long-term outcome)",
    "Outcomes for perpetrators",
  ),
  node("daarr-oc-perp-safety", "outcomes", "perpetrators", "An increased level of safety (resulting from reduced risk of violent resistance)", "Outcomes for perpetrators"),
  node("daarr-oc-prac-quality", "outcomes", "practice", "Improved quality of support and care for CYP, victims and perpetrators", "Outcomes for practice"),
  node(
    "daarr-oc-sys-cp",
    "outcomes",
    "system",
    "A reduction in the number of CP cases where there is a known victim and/or perpetrator of DA",
    "Outcomes for the system",
    ["ind-cp-da-perpetrator"],
  ),
  node("daarr-oc-sys-cla", "outcomes", "system", "Reduction in the number of CYP becoming looked after", "Outcomes for the system", ["ind-cla-escalations"]),
  node(
    "daarr-oc-sys-cost",
    "outcomes",
    "system",
    "A £376,000 reduction in cost across the Early Help and Child Protection Hubs from 2019/20",
    "Outcomes for the system",
    ["ind-cost-reduction"],
  ),
];

const DAARR_LINKS: TLogicModelLink[] = [
  ...allToAll(ids(DAARR_NODES, "inputs"), ids(DAARR_NODES, "activities")),
  // Activities → the outputs that count them (same wording in the report).
  ...explicit({
    "daarr-act-vada": ["daarr-out-sys-assessed", "daarr-out-sys-days"],
    "daarr-act-assess-ifp": ["daarr-out-sys-assessed", "daarr-out-vic-ifp", "daarr-out-perp-ifp"],
    "daarr-act-consultation": ["daarr-out-sys-consultations"],
    "daarr-act-marac": ["daarr-out-sys-marac"],
    "daarr-act-121-men": ["daarr-out-perp-121", "daarr-out-sys-resource"],
    // The IFP is for families who have decided to stay together (report p. 17).
    "daarr-act-int-ifp": ["daarr-out-vic-ifp", "daarr-out-perp-ifp", "daarr-out-cyp-remain", "daarr-out-perp-remain"],
    "daarr-act-int-individual-da": ["daarr-out-vic-individual-da", "daarr-out-perp-individual-da"],
    "daarr-act-clinical": ["daarr-out-cyp-clinical", "daarr-out-vic-clinical", "daarr-out-perp-clinical"],
    "daarr-act-toolkits": ["daarr-out-cyp-toolkit", "daarr-out-vic-toolkit"],
    "daarr-act-rec-individual-da": ["daarr-out-vic-individual-da", "daarr-out-perp-individual-da"],
    "daarr-act-child-work": ["daarr-out-cyp-individual"],
    "daarr-act-training": ["daarr-out-prac-trained"],
  }),
  // No explicit links in the report: outputs → impacts → outcomes column to column within each group.
  ...withinGroups(DAARR_NODES, "outputs", "impacts"),
  // The same quantity across groups.
  { from: "daarr-out-sys-days", to: "daarr-imp-prac-time" },
  ...withinGroups(DAARR_NODES, "impacts", "outcomes"),
];

// ---------------------------------------------------------------------------
// Figure 8: Innovation Hub logic model
// ---------------------------------------------------------------------------

const HUB_NODES: TLogicModelNode[] = [
  node("hub-in-funding", "inputs", "system", "Total funding of £1,362,708 from the DfE over the period 2017/18 – 2018/19 to cover staffing, training and evaluation", "Funding"),
  node(
    "hub-in-staff",
    "inputs",
    "practice",
    "£1,222,095 DfE Innovation funding for staff costs (predicted to end December 2018), covering: Consultant Social Worker – 0.5 FTE; Head of Service – 0.25 FTE; Senior Social Worker – 1 FTE; Family Support Worker – 4 FTE; Drug & Alcohol Family Support Worker – 1 FTE; Primary Mental Health Worker – 0.5 FTE; Hub Co-ordinator – 0.5 FTE",
    "Staff",
  ),
  node(
    "hub-in-management",
    "inputs",
    "practice",
    "£42,487 DfE Innovation funding for management and support staff costs (predicted to end December 2018), covering roles including: Project manager; Project officer; Performance analyst",
    "Staff",
  ),
  node("hub-act-front-door", "activities", "system", "Integrated “front door”", "Assessment"),
  node(
    "hub-act-referred",
    "activities",
    "children_young_people",
    "All children and young people who are not subject to CP plans, but where further action is required, referred to the Hub",
    "Assessment",
  ),
  node("hub-act-consultation", "activities", "practice", "DA consultation with DA coordinator", "Assessment"),
  node("hub-act-ifp", "activities", "parents_carers", "Inspiring Families Programme (group work)", "Intervention"),
  node("hub-act-individual-da", "activities", "parents_carers", "Individual DA work with either/both partners", "Intervention"),
  node("hub-act-child-work", "activities", "children_young_people", "Individual work with children", "Intervention"),
  node("hub-act-clinical", "activities", "children_young_people", "Clinical intervention", "Intervention"),
  node("hub-act-early-intervention", "activities", "parents_carers", "Early Intervention (including DAARR)", "Referral: families referred on to appropriate services/agencies"),
  node("hub-act-level-1", "activities", "system", "Level 1 Assessment (Early Help)", "Referral: families referred on to appropriate services/agencies"),
  node("hub-act-level-2", "activities", "system", "Level 2 Assessment (Children in Need)", "Referral: families referred on to appropriate services/agencies"),
  node("hub-act-marac", "activities", "system", "MARAC", "Referral: families referred on to appropriate services/agencies"),

  node("hub-out-cyp-supported", "outputs", "children_young_people", "Number of children and young people supported by the Hub", "Outputs for CYP"),
  node("hub-out-cyp-eiw", "outputs", "children_young_people", "Number of children and young people supported by an Early Intervention Worker", "Outputs for CYP"),
  node(
    "hub-out-cyp-cp",
    "outputs",
    "children_young_people",
    "Number of children and young people subject to CP plans (Including Early Intervention, CIN and EH)",
    "Outputs for CYP",
  ),
  node("hub-out-cyp-total-supported", "outputs", "children_young_people", "Total number of children supported by the Hub", "Outputs for CYP"),
  node("hub-out-cyp-individual", "outputs", "children_young_people", "Total number of children who complete individual work", "Outputs for CYP", ["ind-child-work"]),
  node("hub-out-cyp-cp-children", "outputs", "children_young_people", "Number of children subject to CP plans (including Early Intervention, CIN and EH)", "Outputs for CYP"),
  node("hub-out-cyp-clinical", "outputs", "children_young_people", "Total number of clinical interventions", "Outputs for CYP"),
  node("hub-out-pc-eiw", "outputs", "parents_carers", "Number of parents/carers supported by an Early Intervention Worker", "Outputs for parents/carers"),
  node("hub-out-pc-individual-da", "outputs", "parents_carers", "Total number of individuals who complete individual DA work", "Outputs for parents/carers", ["ind-individual-da-all"]),
  node(
    "hub-out-pc-ifp",
    "outputs",
    "parents_carers",
    "Total number of individuals who complete Inspiring Families Programme (group work)",
    "Outputs for parents/carers",
    ["ind-ifp-all"],
  ),
  node("hub-out-pc-clinical", "outputs", "parents_carers", "Total number of clinical interventions", "Outputs for parents/carers"),
  node("hub-out-sys-referred", "outputs", "system", "Total number of families referred to the Hub", "Outputs for the system", ["ind-hub-families-referred"]),
  node("hub-out-sys-eh", "outputs", "system", "Total number of families who receive an Early Help assessment", "Outputs for the system"),
  node("hub-out-sys-assessments", "outputs", "system", "Total number of level 1 and level 2 assessments conducted", "Outputs for the system"),
  node("hub-out-sys-early-intervention", "outputs", "system", "Total number of families referred to early intervention", "Outputs for the system"),
  node("hub-out-sys-nfa", "outputs", "system", "Total number of cases which are classified as “no further action”", "Outputs for the system", ["ind-hub-nfa"]),
  node("hub-out-sys-signposting", "outputs", "system", "Total number of cases which only receive signposting information", "Outputs for the system", ["ind-hub-signposting"]),
  node("hub-out-sys-marac", "outputs", "system", "Total number of referrals to MARAC", "Outputs for the system", ["ind-marac-referrals"]),
  node("hub-out-sys-consultations", "outputs", "system", "Total number of DA consultations", "Outputs for the system", ["ind-da-consultations"]),

  node(
    "hub-imp-cyp-eh",
    "impacts",
    "children_young_people",
    "More children and young people receive an early help assessment which will result in the right intervention being delivered",
    "Impact on children and young people",
    ["ind-eh-assessments-week"],
  ),
  node("hub-imp-cyp-cla", "impacts", "children_young_people", "A reduction in the number of CLA", "Impact on children and young people"),
  node(
    "hub-imp-sys-rereferrals",
    "impacts",
    "system",
    "A reduction in the number of children and young people who are re-referred to the Trust within a 12-month period",
    "Impact on the system",
    ["ind-re-referrals"],
  ),
  node(
    "hub-imp-sys-statutory",
    "impacts",
    "system",
    "A reduction in the number of children and young people escalating into Statutory Services",
    "Impact on the system",
    ["ind-cin-assessments-week"],
  ),
  node("hub-imp-sys-cla", "impacts", "system", "A reduction in the number of CLA", "Impact on the system"),

  node("hub-oc-cyp-issues", "outcomes", "children_young_people", "Family issues which impact on children and young people are addressed sooner", "Outcomes for children and young people"),
  node("hub-oc-cyp-risks", "outcomes", "children_young_people", "Risks to children are addressed sooner", "Outcomes for children and young people"),
  node("hub-oc-cyp-cla", "outcomes", "children_young_people", "A reduction in the number of CLA", "Outcomes for children and young people", ["ind-cla-escalations"]),
  node(
    "hub-oc-sys-cost",
    "outcomes",
    "system",
    "Cost efficient approach to service delivery leading to a reduction in cost",
    "Outcomes for the system",
    ["ind-cost-reduction"],
  ),
];

const HUB_LINKS: TLogicModelLink[] = [
  ...allToAll(ids(HUB_NODES, "inputs"), ids(HUB_NODES, "activities")),
  // Activities → the outputs that count them (same wording in the report).
  ...explicit({
    // The front door decides: referral to the hub, no further action, or signposting.
    "hub-act-front-door": ["hub-out-sys-referred", "hub-out-sys-nfa", "hub-out-sys-signposting"],
    "hub-act-referred": ["hub-out-sys-referred", "hub-out-cyp-supported", "hub-out-cyp-total-supported"],
    "hub-act-consultation": ["hub-out-sys-consultations"],
    "hub-act-ifp": ["hub-out-pc-ifp"],
    "hub-act-individual-da": ["hub-out-pc-individual-da"],
    "hub-act-child-work": ["hub-out-cyp-individual"],
    "hub-act-clinical": ["hub-out-cyp-clinical", "hub-out-pc-clinical"],
    "hub-act-early-intervention": ["hub-out-cyp-eiw", "hub-out-pc-eiw", "hub-out-sys-early-intervention"],
    "hub-act-level-1": ["hub-out-sys-eh", "hub-out-sys-assessments"],
    "hub-act-level-2": ["hub-out-sys-assessments", "hub-out-cyp-cp", "hub-out-cyp-cp-children"],
    "hub-act-marac": ["hub-out-sys-marac"],
  }),
  // No explicit links in the report: outputs → impacts → outcomes column to column within each group.
  ...withinGroups(HUB_NODES, "outputs", "impacts"),
  ...withinGroups(HUB_NODES, "impacts", "outcomes"),
];

export const REPORT_LOGIC_MODELS: readonly TLogicModel[] = [
  {
    id: "scst-theory-of-change",
    title: "Theory of Change for the SCST Innovation Programme (Figure 6, from the funding bid)",
    workstream: "Innovation Programme",
    nodes: TOC_NODES,
    links: TOC_LINKS,
  },
  {
    id: "scst-daarr",
    title: "DAARR workstream logic model (Figure 7)",
    workstream: "DAARR",
    nodes: DAARR_NODES,
    links: DAARR_LINKS,
  },
  {
    id: "scst-innovation-hub",
    title: "Innovation Hub logic model (Figure 8)",
    workstream: "Innovation Hub",
    nodes: HUB_NODES,
    links: HUB_LINKS,
  },
];
