/** Labels for the DA coordinator's consultations and MARAC referrals (codes from @evident/core `da-work`). */
import type { TDaConsultationOutcome, TDaConsultationTopic, TMaracCriterion, TMaracOutcome, TMaracReferringAgency } from "@evident/core";
import { AGENCY_LABEL } from "../../lib/agencies.js";

export const TOPIC_LABEL: Record<TDaConsultationTopic, string> = {
  risk_assessment: "Risk assessment",
  safety_planning: "Safety planning",
  referral_pathway: "Referral pathway",
  working_with_perpetrator: "Working with the perpetrator",
  impact_on_children: "Impact on the children",
  case_direction: "Case direction",
  other: "Other",
};

export const OUTCOME_LABEL: Record<TDaConsultationOutcome, string> = {
  advice_given: "Advice given",
  dash_to_complete: "DASH checklist to complete",
  refer_to_marac: "Refer to MARAC",
  refer_to_ifp: "Refer to the Inspiring Families Programme",
  refer_to_idva: "Refer to an IDVA",
  individual_da_work: "Individual DA work",
  further_consultation: "Further consultation",
  no_further_action: "No further action",
};

export const CRITERION_LABEL: Record<TMaracCriterion, string> = {
  visible_high_risk: "Visible high risk (DASH 14 or more)",
  professional_judgement: "Professional judgement",
  potential_escalation: "Potential escalation",
};

export const MARAC_OUTCOME_LABEL: Record<TMaracOutcome, string> = {
  heard_actions_agreed: "Heard: actions agreed",
  heard_no_actions: "Heard: no actions",
  not_heard_below_threshold: "Not heard: below the threshold",
  withdrawn: "Withdrawn",
};

export const REFERRING_AGENCY_LABEL: Record<TMaracReferringAgency, string> = { childrens_services: "Children's services", ...AGENCY_LABEL };

export const labelsOf = <K extends string>(labels: Record<K, string>, codes: readonly string[]) => codes.map((c) => labels[c as K] ?? c).join("; ");
