/** Display names of the agencies in @evident/core's AGENCIES list. */
import type { AGENCIES } from "@evident/core";

export type Agency = (typeof AGENCIES)[number];

export const AGENCY_LABEL: Record<Agency, string> = {
  police: "Police",
  mental_health: "Adult mental health",
  camhs: "CAMHS",
  drug_alcohol: "Drug and alcohol service",
  health_visiting: "Health visiting",
  gp: "GP",
  school: "School",
  housing: "Housing",
  probation: "Probation",
  youth_justice: "Youth justice",
  early_help: "Early Help",
  domestic_abuse_service: "Domestic-abuse service",
  adult_social_care: "Adult social care",
  other: "Other",
};
