/**
 * Plain-English labels of the coded values a person sees on screen (issue #17: "every enum shown with its
 * label", never `stepped_down`). One place per enum: the label map beside the enum where it already lives,
 * or here for the values that had none. `ENUM_LABELS` lists every user-visible enum of the core with its
 * labels; `enum-labels.test.ts` fails when a value has none. `recordTypeLabel` and `auditActionLabel`
 * turn the audit log's record types and action names into words.
 */
import { LINK_BASES, LINK_BASIS_LABELS } from "../access/links.js";
import { COHORTS, type TCohort } from "../evaluation/dataset.js";
import { BUDGET_CATEGORIES, BUDGET_CATEGORY_LABEL } from "../finance/finance.js";
import { REVIEW_STATUSES, REVIEW_STATUS_LABEL } from "../questionnaires/translations.js";
import { ONE_TO_ONE_STATUSES } from "../records/enrolments.js";
import { HUB_CASE_STATUSES, HUB_CASE_STATUS_LABELS } from "../records/hub.js";
import { STATUTORY_FILE_KINDS, type TStatutoryFileKind } from "../statutory/model.js";
import { ASSIGNMENT_SOURCES, ASSIGNMENT_SOURCE_LABEL } from "../training/manual.js";

/** Where someone referred into a group or a one-to-one programme has got to. */
export const ENROLMENT_STATUSES = ONE_TO_ONE_STATUSES;
export type TEnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ENROLMENT_STATUS_LABELS: Readonly<Record<TEnrolmentStatus, string>> = {
  referred: "Referred, not started",
  started: "Started",
  completed: "Completed",
  withdrawn: "Withdrawn",
};

/** Where a group of a programme is (the database's GroupStatus). */
export const GROUP_STATUSES = ["planned", "running", "finished", "cancelled"] as const;
export type TGroupStatus = (typeof GROUP_STATUSES)[number];
export const GROUP_STATUS_LABELS: Readonly<Record<TGroupStatus, string>> = {
  planned: "Not started yet",
  running: "Running",
  finished: "Finished",
  cancelled: "Cancelled",
};

/** An email in the outbox. */
export const OUTBOX_STATUSES = ["pending", "sent", "failed", "blocked"] as const;
export type TOutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const OUTBOX_STATUS_LABELS: Readonly<Record<TOutboxStatus, string>> = {
  pending: "Waiting to be sent",
  sent: "Sent",
  failed: "Could not be sent",
  blocked: "Not sent (address blocked)",
};

/** What happened to an action recorded in the audit log. */
export const AUDIT_OUTCOMES = ["success", "denied", "failure"] as const;
export type TAuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_OUTCOME_LABELS: Readonly<Record<TAuditOutcome, string>> = {
  success: "Done",
  denied: "Refused: no permission",
  failure: "Failed",
};

/** Which side of an evaluation a cohort is. */
export const COHORT_LABELS: Readonly<Record<TCohort, string>> = {
  intervention: "Intervention group",
  comparison: "Comparison group",
};

/** What a statutory return file was recognised as. */
export const STATUTORY_FILE_KIND_LABELS: Readonly<Record<TStatutoryFileKind, string>> = {
  "ssda903-header-csv": "SSDA903 Header table (CSV)",
  "ssda903-episodes-csv": "SSDA903 Episodes table (CSV)",
  "ssda903-xml": "SSDA903 return (XML)",
  "cin-census-xml": "CIN census return (XML)",
  "cin-child-identifiers-csv": "CIN census child identifiers (CSV)",
  "cin-child-characteristics-csv": "CIN census child characteristics (CSV)",
  "cin-details-csv": "CIN census CIN details (CSV)",
  "cin-assessments-csv": "CIN census assessments (CSV)",
  "cin-assessment-factors-csv": "CIN census assessment factors (CSV)",
  "cin-plan-dates-csv": "CIN census CIN plan dates (CSV)",
  "cin-section47-csv": "CIN census section 47 enquiries (CSV)",
  "cin-cpp-csv": "CIN census child protection plans (CSV)",
  "ssda903-other-csv": "SSDA903 other table (CSV)",
  "ssda903-reviews-csv": "SSDA903 Reviews table (CSV)",
  "ssda903-uasc-csv": "SSDA903 UASC table (CSV)",
  "ssda903-ad1-csv": "SSDA903 AD1 adoption table (CSV)",
  "ssda903-placed-adoption-csv": "SSDA903 Placed for adoption table (CSV)",
  "ssda903-prev-perm-csv": "SSDA903 Previous permanence table (CSV)",
  "ssda903-oc2-csv": "SSDA903 OC2 outcomes table (CSV)",
  "ssda903-oc3-csv": "SSDA903 OC3 care leavers table (CSV)",
  "ssda903-missing-csv": "SSDA903 Missing table (CSV)",
  "ssda903-sw-episodes-csv": "SSDA903 Social worker episodes table (CSV)",
  "cin-cpp-reviews-csv": "CIN census child protection reviews (CSV)",
  "cin-disabilities-csv": "CIN census disabilities (CSV)",
  unknown: "Not recognised",
};

export interface EnumLabels {
  values: readonly string[];
  labels: Readonly<Record<string, string>>;
}

/** Every user-visible enum of the core with its labels (the test checks each value has one). */
export const ENUM_LABELS: Readonly<Record<string, EnumLabels>> = {
  HUB_CASE_STATUSES: { values: HUB_CASE_STATUSES, labels: HUB_CASE_STATUS_LABELS },
  ENROLMENT_STATUSES: { values: ENROLMENT_STATUSES, labels: ENROLMENT_STATUS_LABELS },
  GROUP_STATUSES: { values: GROUP_STATUSES, labels: GROUP_STATUS_LABELS },
  OUTBOX_STATUSES: { values: OUTBOX_STATUSES, labels: OUTBOX_STATUS_LABELS },
  AUDIT_OUTCOMES: { values: AUDIT_OUTCOMES, labels: AUDIT_OUTCOME_LABELS },
  STATUTORY_FILE_KINDS: { values: STATUTORY_FILE_KINDS, labels: STATUTORY_FILE_KIND_LABELS },
  COHORTS: { values: COHORTS, labels: COHORT_LABELS },
  ASSIGNMENT_SOURCES: { values: ASSIGNMENT_SOURCES, labels: ASSIGNMENT_SOURCE_LABEL },
  BUDGET_CATEGORIES: { values: BUDGET_CATEGORIES, labels: BUDGET_CATEGORY_LABEL },
  LINK_BASES: { values: LINK_BASES, labels: LINK_BASIS_LABELS },
  REVIEW_STATUSES: { values: REVIEW_STATUSES, labels: REVIEW_STATUS_LABEL },
};

/** The label of `value` in `labels`; an unknown value (an old record) is shown in words, never as a code. */
export function labelOf(labels: Readonly<Record<string, string>>, value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "Not recorded";
  return labels[value] ?? humanise(value);
}

/** "stepped_down" or "TrainingSession" as words: "Stepped down", "Training session". */
export function humanise(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A record type in the audit log ("HubCase") in words ("Hub case"). */
export function recordTypeLabel(entityType: string | null | undefined): string {
  return entityType ? humanise(entityType) : "";
}

const VERBS: Readonly<Record<string, string>> = {
  get: "viewed",
  list: "listed",
  create: "recorded",
  update: "changed",
  export: "exported",
  download: "downloaded",
  delete: "deleted",
  close: "closed",
  end: "ended",
  revoke: "revoked",
  invite: "invited",
  disable: "disabled",
  mark: "marked",
  commit: "imported",
  dryRun: "checked (dry run)",
};

/** An audit action ("families.get") in words ("Families: viewed"); the exact name stays in the export. */
export function auditActionLabel(action: string): string {
  const parts = action.split(".");
  const verb = parts.length > 1 ? parts[parts.length - 1]! : "";
  const what = humanise((parts.length > 1 ? parts.slice(0, -1) : parts).join(", "));
  return verb ? `${what}: ${VERBS[verb] ?? humanise(verb).toLowerCase()}` : what;
}
