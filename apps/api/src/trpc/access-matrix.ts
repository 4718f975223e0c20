/**
 * The authorisation matrix: every procedure and the roles allowed to call it.
 * Kept by hand, beside the routers, as the expected answer: the matrix test
 * calls every procedure as anonymous and as each role and checks the result
 * against this table, and fails when a procedure is missing from it. Change
 * it deliberately when access rules change.
 */
import type { TRole } from "@evident/core";

const CASE: TRole[] = ["manager", "practitioner", "dv_worker"];
const ALL: TRole[] = ["admin", "manager", "practitioner", "dv_worker", "trainer", "analyst", "staff"];

export const ACCESS_MATRIX: Record<string, readonly TRole[]> = {
  "session.me": ALL,

  "families.list": CASE,
  "families.get": CASE,
  "families.create": CASE,
  "families.update": CASE,

  "people.get": CASE,
  "people.create": CASE,
  "people.update": CASE,
  "people.contact.get": CASE,
  "people.contact.update": CASE,
  "people.overrides.list": ["manager"],
  "people.overrides.create": ["manager"],
  "people.overrides.revoke": ["manager"],

  "referrals.list": CASE,
  "referrals.get": CASE,
  "referrals.create": CASE,
  "referrals.update": CASE,

  "episodes.list": CASE,
  "episodes.create": ["manager", "practitioner"],
  "episodes.close": ["manager", "practitioner"],

  "programmes.list": CASE,
  "programmes.groups.list": CASE,
  "programmes.groups.get": CASE,
  "programmes.groups.create": ["manager", "dv_worker"],
  "programmes.sessions.create": ["manager", "dv_worker"],
  "programmes.enrolments.create": ["manager", "dv_worker"],
  "programmes.enrolments.update": ["manager", "dv_worker"],
  "programmes.register.get": CASE,
  "programmes.register.mark": ["manager", "dv_worker"],

  "evaluation.options": ["admin", "manager", "analyst"],
  "evaluation.run": ["manager", "analyst"],
  "evaluation.save": ["manager", "analyst"],
  "evaluation.list": ["admin", "manager", "analyst"],
  "evaluation.get": ["admin", "manager", "analyst"],
  "evaluation.verify": ["manager", "analyst"],
  "evaluation.export": ["manager", "analyst"],

  "assessments.list": CASE,
  "assessments.get": CASE,
  "assessments.create": ["manager", "practitioner"],
  "assessments.update": ["manager", "practitioner"],

  "hub.list": ["manager", "practitioner"],
  "hub.get": ["manager", "practitioner"],
  "hub.create": ["manager", "practitioner"],
  "hub.update": ["manager", "practitioner"],
  "hub.visits.create": ["manager", "practitioner"],
  "hub.visits.update": ["manager", "practitioner"],
  "hub.meetings.list": ["manager", "practitioner"],
  "hub.meetings.get": ["manager", "practitioner"],
  "hub.meetings.create": ["manager", "practitioner"],
  "hub.meetings.update": ["manager", "practitioner"],
  "hub.meetings.share": ["manager", "practitioner"],
  "hub.actions.create": ["manager", "practitioner"],
  "hub.actions.update": ["manager", "practitioner"],
  "hub.agencies.create": ["manager", "practitioner"],
  "hub.agencies.update": ["manager", "practitioner"],
  "hub.stepDown.create": ["manager", "practitioner"],
  "hub.stepDown.update": ["manager", "practitioner"],

  "followUps.list": CASE,
  "followUps.due": CASE,
  "followUps.get": CASE,
  "followUps.create": CASE,
  "followUps.schedule": CASE,
  "followUps.update": CASE,
  "followUps.complete": CASE,

  "questionnaires.instruments.list": CASE,
  "questionnaires.instruments.get": CASE,
  "questionnaires.instruments.create": ["manager"],
  "questionnaires.instruments.update": ["manager"],
  "questionnaires.responses.list": CASE,
  "questionnaires.responses.get": CASE,
  "questionnaires.responses.create": CASE,
  "questionnaires.responses.update": CASE,
  "questionnaires.change": CASE,

  "consent.list": CASE,
  "consent.get": CASE,
  "consent.create": CASE,
  "consent.withdraw": CASE,
  "consent.check": CASE,

  "admin.users.list": ["admin"],
  "admin.users.setRole": ["admin"],
  "admin.users.disable": ["admin"],
  "admin.audit.list": ["admin"],

  // Training (training:own everyone; training:read admin, trainer, manager; training:write admin, trainer).
  "training.options": ALL,
  "training.courses.list": ALL,
  "training.courses.get": ALL,
  "training.courses.create": ["admin", "trainer"],
  "training.courses.update": ["admin", "trainer"],
  "training.modules.list": ALL,
  "training.modules.get": ALL,
  "training.plans.list": ["admin", "manager", "trainer"],
  "training.plans.get": ["admin", "manager", "trainer"],
  "training.plans.update": ["admin", "trainer"],
  "training.staff.list": ["admin", "manager", "trainer"],
  "training.staff.get": ["admin", "manager", "trainer"],
  "training.staff.addStarter": ["admin", "trainer"],
  "training.staff.importRoster": ["admin", "trainer"],
  "training.staff.changeRole": ["admin", "trainer"],
  "training.sessions.list": ["admin", "manager", "trainer"],
  "training.sessions.get": ["admin", "manager", "trainer"],
  "training.sessions.create": ["admin", "trainer"],
  "training.sessions.invite": ["admin", "trainer"],
  "training.sessions.mark": ["admin", "trainer"],
  "training.sessions.complete": ["admin", "trainer"],
  "training.my.get": ALL,
  "training.my.module": ALL,
  "training.my.completeModule": ALL,
  "training.notifications.list": ALL,
  "training.notifications.markRead": ALL,
  "training.reminders.run": ["admin", "trainer"],
  "training.dashboard.coverage": ["admin", "manager", "trainer"],
  "training.dashboard.turnover": ["admin", "manager", "trainer"],
  "training.dashboard.facilitators": ["admin", "manager", "trainer"],
  "training.dashboard.due": ["admin", "manager", "trainer"],
  "training.reports.table26": ["admin", "manager", "trainer"],
  "training.reports.table26Export": ["admin", "manager", "trainer"],
};
