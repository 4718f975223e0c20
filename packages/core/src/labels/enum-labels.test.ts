import { describe, expect, it } from "vitest";
import * as core from "../index.js";
import { auditActionLabel, ENUM_LABELS, humanise, labelOf, recordTypeLabel } from "./enum-labels.js";

/**
 * Enums the screens show that are labelled in the front end (one map each, named here) or are shown as
 * codes on purpose (statutory codes, with their meaning beside them). A new exported enum whose name says
 * it is a status, kind, outcome, source, category, mode, reason, basis or state must be added to
 * ENUM_LABELS or here, with where its label lives.
 */
const LABELLED_ELSEWHERE: Record<string, string> = {
  AUDIT_ROUND_STATUSES: "apps/portal/src/pages/audits (Open / Closed tags)",
  CONSENT_STATUSES: "apps/portal/src/pages/consent/consent.tsx",
  MILESTONE_STATUSES: "apps/portal/src/components/status-tag.tsx",
  DECISION_STATUSES: "apps/portal/src/components/status-tag.tsx",
  INDICATOR_STATUSES: "apps/portal/src/components/status-tag.tsx",
  RULE_STATUSES: "docs/statutory.md and the statutory page's rule table",
  TRAINING_STATUSES: "apps/training/src/components (StateTag)",
  ASSIGNMENT_STATES: "apps/training/src/components (StateTag)",
  ONE_TO_ONE_STATUSES: "ENROLMENT_STATUSES (the same values)",
  MEETING_KINDS: "apps/portal/src/pages/hub",
  FOLLOW_UP_KINDS: "apps/portal/src/pages/followups",
  ITEM_KINDS: "apps/training (Module / Course)",
  REPORTING_PERIOD_KINDS: "apps/portal/src/pages/monitoring",
  VISIT_MODES: "apps/portal/src/pages/hub",
  DELIVERY_MODES: "apps/training/src/lib/format.ts",
  ASSIGNMENT_REASONS: "ASSIGNMENT_SOURCES (the screens show the source)",
  HAND_SKIP_REASONS: "apps/training/src/components/assign-training.tsx",
  MONITORING_HUB_CLOSURE_REASONS: "apps/portal/src/pages/monitoring (figure captions)",
  DOMESTIC_ABUSE_REASON_CODES: "statutory codes 3A-3C, shown with their meaning",
  REFERRAL_SOURCE_CODES: "statutory codes, shown with their meaning",
  REASON_FOR_CLOSURE_CODES: "statutory codes, shown with their meaning",
  REASON_PLACE_CHANGE_CODES: "statutory codes, shown with their meaning",
  CATEGORY_OF_NEED_CODES: "statutory codes, shown with their meaning",
  CATEGORY_OF_ABUSE_CODES: "statutory codes, shown with their meaning",
  EXPLICIT_LINK_BASES: "LINK_BASES (the same values)",
  CONSENT_PURPOSES: "apps/portal/src/pages/consent/consent.tsx",
  HIGHEST_STATUSES: "statutory codes CIN / CP / CLA, named in full on the evaluation page",
  ACCOUNT_STATUSES: "apps/portal/src/pages/admin/users.tsx (Invited / Active / Disabled)",
  REFERRAL_OUTCOMES: "the values are already plain words (\"Assessment (Early Help)\")",
  DA_CONSULTATION_OUTCOMES: "apps/portal/src/pages/da/labels.ts",
  MARAC_OUTCOMES: "apps/portal/src/pages/da/labels.ts",
  SSD_RECORD_KINDS: "apps/portal/src/pages/ssd (import summary)",
};

const NAMED_AS_ENUM = /_(STATUSES|OUTCOMES|KINDS|SOURCES|CATEGORIES|MODES|REASONS|BASES|STATES)$/;

describe("every user-visible enum has a label for every value", () => {
  for (const [name, { values, labels }] of Object.entries(ENUM_LABELS)) {
    it(name, () => {
      const missing = values.filter((v) => !labels[v] || labels[v]!.trim() === "" || labels[v] === v);
      expect(missing).toEqual([]);
    });
  }

  it("the enums are the core's own (not a copy that can drift)", () => {
    const exported = core as unknown as Record<string, unknown>;
    for (const name of Object.keys(ENUM_LABELS)) expect(exported[name], name).toBe(ENUM_LABELS[name]!.values);
    expect(core.ZOutboxListInput.shape.status.unwrap().options).toEqual([...core.OUTBOX_STATUSES]);
    expect(core.ZAuditListInput.shape.outcome.unwrap().options).toEqual([...core.AUDIT_OUTCOMES]);
  });

  it("every exported enum named as a status, kind, outcome, source, category, mode, reason, basis or state is labelled here or listed with where its label lives", () => {
    const exported = core as unknown as Record<string, unknown>;
    const enums = Object.keys(exported).filter((k) => NAMED_AS_ENUM.test(k) && Array.isArray(exported[k]) && (exported[k] as unknown[]).every((v) => typeof v === "string"));
    expect(enums.length).toBeGreaterThan(20);
    const unaccounted = enums.filter((k) => !(k in ENUM_LABELS) && !(k in LABELLED_ELSEWHERE));
    expect(unaccounted).toEqual([]);
  });
});

describe("labels for values not in a map", () => {
  it("hub status stepped_down reads 'Stepped down', never the code", () => {
    expect(labelOf(core.HUB_CASE_STATUS_LABELS, "stepped_down")).toBe("Stepped down");
    expect(labelOf({}, "stepped_down")).toBe("Stepped down");
    expect(labelOf({}, null)).toBe("Not recorded");
  });
  it("record types and actions in words", () => {
    expect(humanise("TrainingSession")).toBe("Training session");
    expect(recordTypeLabel("HubCase")).toBe("Hub case");
    expect(auditActionLabel("families.get")).toBe("Families: viewed");
    expect(auditActionLabel("programmes.enrolments.create")).toBe("Programmes, enrolments: recorded");
    expect(auditActionLabel("auth.sign_in")).toBe("Auth: sign in");
  });
});
