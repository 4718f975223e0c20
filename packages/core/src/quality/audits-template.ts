/**
 * The evaluation's case-file audit tool (DfE evaluation of the Slough
 * Children's Services Trust Innovation Programme, March 2020, sections 3–4),
 * as an audit template, and the figures the report published from the 30 case
 * files it reviewed (10 before the DAARR workstream, 20 during). The figures
 * are the expected answers of the seeded demonstration round and its tests.
 */
import type { TAuditTemplateInput } from "./audits.js";

const OUT_CHILD = "Outcomes for children";
const OUT_ADULT = "Outcomes for adults";
const PRACTICE = "Quality of practice";
const FEATURES = "DfE practice features";

export const REPORT_AUDIT_TEMPLATE: TAuditTemplateInput = {
  code: "DAARR_CASE_FILE_2019",
  name: "Domestic abuse case-file audit (evaluation tool, 2019)",
  description:
    "The audit tool two qualified social workers used to review 30 case files (10 before the DAARR workstream, 20 during) for the DfE evaluation, with the DfE's seven practice features. Answer from what is recorded in the file: if it is not in the file, it did not happen.",
  questions: [
    { id: "violence_reduced", section: OUT_ADULT, scale: "evidence", text: "Is there evidence of a reduction in incidents of physical violence and coercive control?", guidance: "Look for police call-outs, disclosures and the worker's risk reviews over the life of the case. 'Partly' when some incidents reduced or only one form of abuse did." },
    { id: "victim_understanding", section: OUT_ADULT, scale: "evidence", text: "Does the victim show an improved understanding of domestic abuse?", guidance: "E.g. recognising coercive control as abuse, naming the impact on the children." },
    { id: "children_witness_less", section: OUT_CHILD, scale: "evidence", text: "Is there evidence that the children witness less domestic abuse at home?", guidance: "From the child's voice, school and police information, and the worker's observations." },
    { id: "child_safety", section: OUT_CHILD, scale: "evidence", text: "Is the child safer following the intervention?", guidance: "Risk reduced at review, fewer safeguarding concerns, a safety plan in place and used." },
    { id: "child_wellbeing", section: OUT_CHILD, scale: "evidence", text: "Is there evidence of improved wellbeing (the child is happier)?", guidance: "The child's own words, school attendance and behaviour, parents' accounts." },
    { id: "holistic_support", section: PRACTICE, scale: "evidence", text: "Was holistic family support offered, considering the needs of each member of the family?", guidance: "E.g. relationship support for parents and additional support in school for a child with additional needs." },
    { id: "family_involved_planning", section: PRACTICE, scale: "evidence", text: "Was the family involved in planning the support?", guidance: "Family members' views recorded in the plan; decisions led by needs the family identified." },
    { id: "multi_agency_working", section: PRACTICE, scale: "evidence", text: "Is there evidence of multi-agency working while the plan was carried out?", guidance: "E.g. police, mental health, drug and alcohol, school, housing involved and acting on the plan." },
    { id: "vada_used", section: PRACTICE, scale: "evidence", text: "Was the Violence and Abuse Dynamics Assessment (VADA) used?", guidance: "The tool itself on file, or its findings in the assessment." },
    { id: "closure_well_evidenced", section: PRACTICE, scale: "evidence", text: "Was the decision to close the case well-evidenced, with a clear rationale?", guidance: "'Partly' when the decision is explained but the evidence is thin. Not applicable when the case is still open." },
    { id: "assessment_quality", section: PRACTICE, scale: "graded", text: "Overall, how good is the quality of the assessment and plan?", guidance: "Ofsted's grades: outstanding, good, requires improvement, inadequate." },
    { id: "pf_strengths_based", section: FEATURES, scale: "evidence", text: "Strengths-based practice framework: is the work built on the family's strengths?", guidance: "" },
    { id: "pf_systemic", section: FEATURES, scale: "evidence", text: "Systemic theoretical model: are relationships and patterns in the family used to understand the problems?", guidance: "" },
    { id: "pf_multi_disciplinary", section: FEATURES, scale: "evidence", text: "Multi-disciplinary skill sets: are workers from several disciplines involved?", guidance: "" },
    { id: "pf_group_case_discussion", section: FEATURES, scale: "evidence", text: "Group case discussion: was the case discussed in a group (e.g. hub or unit meetings)?", guidance: "" },
    { id: "pf_family_focus", section: FEATURES, scale: "evidence", text: "Family focus: does the work address the dynamics within the family?", guidance: "" },
    { id: "pf_intensity_consistency", section: FEATURES, scale: "evidence", text: "High intensity and consistency of practitioner: frequent contact, with the same worker throughout?", guidance: "" },
    { id: "pf_skilled_direct_work", section: FEATURES, scale: "evidence", text: "Skilled direct work: is there direct work with the family and children?", guidance: "" },
  ],
};

/**
 * The report's published shares (positive = at least partial evidence).
 * `yes` is given where the report separates yes from partly.
 */
export const REPORT_AUDIT_FIGURES: Record<string, { before?: { positive: number; n: number; yes?: number }; during: { positive: number; n: number; yes?: number } }> = {
  violence_reduced: { before: { positive: 2, n: 10 }, during: { positive: 14, n: 20 } },
  victim_understanding: { during: { positive: 11, n: 20 } },
  children_witness_less: { before: { positive: 3, n: 10 }, during: { positive: 13, n: 20 } },
  child_safety: { before: { positive: 3, n: 10 }, during: { positive: 14, n: 20 } },
  child_wellbeing: { during: { positive: 13, n: 20 } },
  holistic_support: { before: { positive: 2, n: 10 }, during: { positive: 16, n: 20 } },
  vada_used: { during: { positive: 0, n: 20 } },
  closure_well_evidenced: { before: { positive: 9, n: 10 }, during: { positive: 17, n: 20 } },
  pf_multi_disciplinary: { during: { positive: 14, n: 20 } },
  pf_intensity_consistency: { before: { positive: 4, n: 10 }, during: { positive: 17, n: 20 } },
  pf_skilled_direct_work: { before: { positive: 2, n: 10, yes: 2 }, during: { positive: 16, n: 20, yes: 12 } },
};
