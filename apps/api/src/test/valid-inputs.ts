/**
 * A minimal valid input for every procedure, keyed by its path, built from the
 * test fixture (test/harness.ts) and the records the calls before it created:
 * the access-matrix test calls every procedure as every role with it, and the
 * fuzz test starts from it and changes one field at a time.
 *
 * `"auto"` builds the input from the procedure's own zod schema (see
 * `buildInput`): required fields only; ids by the field's name (familyId → the
 * fixture's family, …) or, for `id`, the newest row of the procedure's model;
 * `version` read from that row; other values the first candidate the schema
 * accepts. Write a function instead when that is not enough. A new procedure
 * needs an entry here (the access-matrix test fails naming it); a call that
 * cannot complete for a reason of the domain goes in EXPECTED_REFUSALS with
 * the reason.
 */
import type { Fixture } from "./harness.js";
import type { PrismaClient } from "../db.js";

export interface InputState {
  fx: Fixture;
  prisma: PrismaClient;
  /** A value no other call has used (references, codes, names). */
  unique(prefix: string): string;
}

export type ValidInput = "auto" | ((s: InputState) => unknown | Promise<unknown>);

export const VALID_INPUTS: Record<string, ValidInput> = {
  "admin.audit.list": "auto",
  "admin.audit.export": "auto",
  "admin.outbox.list": "auto",
  "admin.teams.create": (s) => ({ name: `Team ${s.unique("T")}` }),
  "admin.teams.list": "auto",
  "admin.teams.rename": (s) => ({ teamId: s.fx.teams.b, name: `Early Help ${s.unique("R")}` }),
  "admin.users.invite": (s) => ({ email: `${s.unique("invite").toLowerCase()}@example.org`, name: "Invited Person", role: "staff" }),
  "admin.users.resendInvite": async (s) => ({ userId: await invitedUser(s) }),
  "admin.users.revokeInvite": async (s) => ({ userId: await invitedUser(s) }),
  "admin.users.setTeam": (s) => ({ userId: s.fx.users.staff.id, teamId: s.fx.teams.b }),
  "admin.users.signOutEverywhere": (s) => ({ userId: s.fx.users.staff.id }),
  "admin.users.disable": (s) => ({ userId: s.fx.users.staff.id, disabled: false }),
  "admin.users.list": "auto",
  "admin.users.setRole": (s) => ({ userId: s.fx.users.staff.id, role: "staff" }),
  "admin.users.unlock": (s) => ({ userId: s.fx.users.staff.id }),
  "assessments.create": "auto",
  "assessments.get": "auto",
  "assessments.list": "auto",
  "assessments.update": "auto",
  "audits.auditors": "auto",
  "audits.cases.moderate": "auto",
  "audits.cases.reassign": "auto",
  "audits.my.findings": "auto",
  "audits.my.get": "auto",
  "audits.my.list": "auto",
  "audits.my.save": "auto",
  "audits.rounds.addCases": "auto",
  "audits.rounds.close": "auto",
  "audits.rounds.create": "auto",
  "audits.rounds.get": "auto",
  "audits.rounds.list": "auto",
  "audits.rounds.moderation": "auto",
  "audits.rounds.report": "auto",
  "audits.templates.create": "auto",
  "audits.templates.get": "auto",
  "audits.templates.list": "auto",
  "consent.check": (s) => ({ personId: s.fx.people.victim, purpose: "hub_multi_agency", recipientAgency: "police" }),
  "consent.create": "auto",
  "consent.get": "auto",
  "consent.list": "auto",
  "consent.withdraw": "auto",
  "daConsultations.create": "auto",
  "daConsultations.list": "auto",
  "daConsultations.staff": "auto",
  "decisions.briefing": "auto",
  "decisions.create": "auto",
  "decisions.get": "auto",
  "decisions.list": "auto",
  "decisions.milestones.create": "auto",
  "decisions.milestones.list": "auto",
  "decisions.milestones.overdue": "auto",
  "decisions.milestones.update": "auto",
  "decisions.update": "auto",
  "episodes.close": "auto",
  "episodes.create": "auto",
  "episodes.list": (s) => ({ childId: s.fx.people.child }),
  "evaluation.export": "auto",
  "evaluation.get": "auto",
  "evaluation.list": "auto",
  "evaluation.options": "auto",
  "evaluation.run": "auto",
  "evaluation.save": "auto",
  "evaluation.verify": "auto",
  "extracts.cohorts": "auto",
  "extracts.create": "auto",
  "extracts.download": "auto",
  "extracts.list": "auto",
  "families.create": (s) => ({ reference: s.unique("F"), name: "Matrix family", teamId: s.fx.teams.a }),
  "families.get": (s) => ({ id: s.fx.families.mine }),
  "families.list": "auto",
  "families.update": "auto",
  "finance.lines.create": (s) => ({ programmeId: s.fx.programme, fromYear: 2025, toYear: 2025, category: "staff", description: "Matrix line", budgetPence: 100_000 }),
  "finance.lines.delete": "auto",
  "finance.lines.update": "auto",
  "finance.programmes": "auto",
  "finance.summary": "auto",
  "followUps.complete": "auto",
  "followUps.create": "auto",
  "followUps.due": "auto",
  "followUps.get": "auto",
  "followUps.list": "auto",
  "followUps.schedule": (s) => ({ hubCaseId: s.fx.hub.hubCase }),
  "followUps.update": "auto",
  "hub.actions.create": (s) => ({ meetingId: s.fx.hub.meeting, description: "Matrix action", ownerStaffId: s.fx.users.practitioner.staffId! }),
  "hub.actions.update": async (s) => {
    const a = await s.prisma.meetingAction.create({ data: { meetingId: s.fx.hub.meeting, description: "Police to check for call-outs", ownerAgency: "police" }, select: { id: true, version: true } });
    return { id: a.id, version: a.version, patch: { done: true } };
  },
  "hub.agencies.create": "auto",
  "hub.agencies.update": "auto",
  "hub.create": "auto",
  "hub.get": "auto",
  "hub.list": "auto",
  "hub.meetings.create": "auto",
  "hub.meetings.get": "auto",
  "hub.meetings.list": (s) => ({ hubCaseId: s.fx.hub.hubCase }),
  "hub.meetings.share": "auto",
  "hub.meetings.update": "auto",
  "hub.stepDown.create": "auto",
  "hub.stepDown.update": "auto",
  "hub.update": "auto",
  // Within the fixture's case (5 May to 25 August 2025): a visit after its plan needs a reason.
  "hub.visits.create": (s) => ({ hubCaseId: s.fx.hub.hubCase, at: "2025-06-02T10:00:00Z", mode: "home" }),
  "hub.visits.update": async (s) => {
    const v = await s.prisma.hubVisit.create({ data: { hubCaseId: s.fx.hub.hubCase, at: new Date("2025-06-09T10:00:00Z"), mode: "home" }, select: { id: true, version: true } });
    return { id: v.id, version: v.version, patch: { mode: "phone" } };
  },
  "logicModels.diff": "auto",
  "logicModels.edit": "auto",
  "logicModels.get": "auto",
  "logicModels.list": "auto",
  "logicModels.versions": "auto",
  "marac.create": (s) => ({ personId: s.fx.people.victim, referredOn: new Date().toISOString().slice(0, 10), referringAgency: "police", criteria: ["professional_judgement"] }),
  "marac.get": async (s) => ({ id: (await s.prisma.maracReferral.create({ data: { personId: s.fx.people.victim, familyId: s.fx.families.mine, referredOn: new Date("2025-06-01"), referringAgency: "police", criteria: ["visible_high_risk"] }, select: { id: true } })).id }),
  "marac.list": "auto",
  "marac.recordOutcome": async (s) => {
    const r = await s.prisma.maracReferral.findFirst({ orderBy: { createdAt: "desc" } });
    return { id: r?.id ?? "00000000-0000-4000-8000-000000000000", version: r?.version ?? 1, outcome: "withdrawn" };
  },
  "monitoring.compute": () => ({ measureId: "cp_cases_known_da_perpetrator", from: "2018-12-01", to: "2019-02-28" }),
  "monitoring.measures": "auto",
  "people.contact.get": (s) => ({ personId: s.fx.people.child }),
  "people.contact.update": async (s) => ({ personId: s.fx.people.perpetrator, version: (await s.prisma.contactDetails.findUnique({ where: { personId: s.fx.people.perpetrator } }))?.version ?? 0, patch: { town: "Slough" } }),
  "people.create": (s) => ({ familyId: s.fx.families.mine, reference: s.unique("P"), kind: "child", familyRole: "child", firstName: "Matrix", lastName: "Child" }),
  "people.get": (s) => ({ id: s.fx.people.child }),
  "people.overrides.create": "auto",
  "people.overrides.grantees": "auto",
  "people.overrides.list": (s) => ({ personId: s.fx.people.victim }),
  "people.overrides.revoke": "auto",
  "people.update": "auto",
  // A new adult recorded as a perpetrator in the fixture's family, referred with the perpetrators' track checks.
  "programmes.enrolments.create": async (s) => {
    const person = await s.prisma.person.create({ data: { reference: s.unique("PE").slice(0, 20), firstName: "Referred", lastName: "Adult", kind: "adult" }, select: { id: true } });
    await s.prisma.familyMember.create({ data: { familyId: s.fx.families.mine, personId: person.id, role: "perpetrator" } });
    return { groupId: s.fx.groups.perpetrators, personId: person.id, safetyChecks: { track: "perpetrators", partnerOfferedSupport: true, riskAssessed: true } };
  },
  "programmes.enrolments.update": "auto",
  "programmes.groups.create": "auto",
  "programmes.groups.get": (s) => ({ id: s.fx.groups.victims }),
  "programmes.groups.forReferral": "auto",
  "programmes.groups.list": "auto",
  "programmes.list": "auto",
  "programmes.oneToOne.candidates": "auto",
  "programmes.oneToOne.create": "auto",
  "programmes.oneToOne.list": "auto",
  "programmes.oneToOne.update": "auto",
  "programmes.register.get": (s) => ({ sessionId: s.fx.session }),
  "programmes.register.mark": "auto",
  "programmes.sessions.create": async (s) => ({ groupId: s.fx.groups.victims, number: 1 + (await s.prisma.groupSession.count({ where: { groupId: s.fx.groups.victims } })), startsAt: new Date().toISOString() }),
  "questionnaires.change": (s) => ({ personId: s.fx.people.victim }),
  "questionnaires.instruments.create": "auto",
  "questionnaires.instruments.get": "auto",
  "questionnaires.instruments.list": "auto",
  "questionnaires.instruments.update": "auto",
  "questionnaires.offer": (s) => ({ personId: s.fx.people.victim, instrumentId: s.fx.hub.instrument }),
  // The child of the fixture's family: the domestic-abuse worker is barred from the victim (refused as missing).
  "questionnaires.responses.create": (s) => ({ personId: s.fx.people.child, instrumentId: s.fx.hub.instrument, hubCaseId: s.fx.hub.hubCase, timePoint: "entry", completedAt: new Date(Date.now() - 86_400_000).toISOString(), answers: { q1: 1, q2: 2, q3: 3 } }),
  "questionnaires.responses.get": async (s) => ({ id: (await childResponse(s)).id }),
  "questionnaires.responses.list": "auto",
  "questionnaires.responses.update": async (s) => {
    const r = await childResponse(s);
    return { id: r.id, version: r.version, patch: { answers: { q1: 2, q2: 2, q3: 1 } } };
  },
  "questionnaires.translations.completeness": "auto",
  "questionnaires.translations.get": (s) => ({ instrumentId: s.fx.hub.instrument, language: "ar" }),
  "questionnaires.translations.save": "auto",
  "referrals.create": "auto",
  "referrals.get": "auto",
  "referrals.list": "auto",
  "referrals.update": "auto",
  "session.me": "auto",
  "session.handover.lock": (s) => ({ personId: s.fx.people.victim, instrumentId: s.fx.hub.instrument }),
  "session.handover.unlock": () => ({ password: "correct-horse-battery" }),
  "statutory.commit": "auto",
  "statutory.dryRun": "auto",
  "statutory.history": "auto",
  "surveys.compare": "auto",
  "surveys.create": "auto",
  "surveys.form": "auto",
  "surveys.get": "auto",
  "surveys.list": "auto",
  "surveys.mine": "auto",
  "surveys.respond": "auto",
  "surveys.results": "auto",
  "surveys.waves.create": "auto",
  "surveys.waves.remind": "auto",
  "training.courses.create": "auto",
  "training.courses.get": "auto",
  "training.courses.list": "auto",
  "training.courses.update": "auto",
  "training.dashboard.coverage": "auto",
  "training.dashboard.due": "auto",
  "training.dashboard.facilitators": "auto",
  "training.dashboard.turnover": "auto",
  "training.modules.authoring": "auto",
  "training.modules.get": "auto",
  "training.modules.list": "auto",
  "training.modules.save": "auto",
  "training.my.completeModule": "auto",
  "training.my.get": "auto",
  "training.my.module": "auto",
  "training.notifications.list": "auto",
  "training.notifications.markRead": "auto",
  "training.options": "auto",
  "training.plans.get": () => ({ role: "social_worker" }),
  "training.plans.list": "auto",
  "training.plans.update": "auto",
  "training.reminders.run": "auto",
  "training.reminders.status": "auto",
  "training.reports.table26": () => ({ from: "2026-01-01", to: "2026-12-31" }),
  "training.reports.table26Export": () => ({ from: "2026-01-01", to: "2026-12-31", format: "xlsx" }),
  "training.sessions.cancel": "auto",
  "training.sessions.complete": "auto",
  "training.sessions.create": "auto",
  "training.sessions.get": "auto",
  "training.sessions.invite": "auto",
  "training.sessions.list": "auto",
  "training.sessions.mark": "auto",
  "training.staff.addStarter": "auto",
  "training.staff.changeRole": async (s) => {
    const staff = (await s.prisma.staff.findUnique({ where: { id: s.fx.users.practitioner.staffId! } }))!;
    return { id: staff.id, version: staff.version, role: staff.role === "social_worker" ? "family_support_worker" : "social_worker", date: new Date().toISOString().slice(0, 10) };
  },
  "training.staff.get": (s) => ({ id: s.fx.users.practitioner.staffId! }),
  "training.staff.importRoster": "auto",
  "training.staff.list": "auto",
  "families.allocate": (s) => ({ familyId: s.fx.families.mine, staffId: s.fx.perpWorker.staffId, lead: false }),
  "families.setTeam": (s) => ({ familyId: s.fx.families.mine, teamId: s.fx.teams.a }),
  "families.workers": (s) => ({ familyId: s.fx.families.mine }),
  "people.links.create": (s) => ({ victimId: s.fx.people.victim, perpetratorId: s.fx.people.perpetrator, basis: "police" }),
  "people.links.end": async (s) => {
    const key = { fromPersonId: s.fx.people.victim, toPersonId: s.fx.people.perpetrator, kind: "victim_perpetrator" as const };
    const link = await s.prisma.personLink.upsert({ where: { fromPersonId_toPersonId_kind: key }, create: { ...key, basis: "police" }, update: { endedAt: null }, select: { id: true, version: true } });
    return { id: link.id, version: link.version, reason: "Recorded against the wrong person" };
  },
  "people.links.list": (s) => ({ personId: s.fx.people.victim }),
  "people.overrides.review": "auto",
  "ssd.dryRun": () => ({ files: [SSD_PERSON] }),
  "ssd.commit": () => ({ extract: { files: [SSD_PERSON] }, digest: "0".repeat(64) }),
  "ssd.history": "auto",
  "training.assignments.create": async (s) => ({ staffIds: [s.fx.users.practitioner.staffId!], courseId: await newCourse(s), dueOn: inDays(30) }),
  "training.assignments.update": async (s) => {
    const a = await openManualAssignment(s);
    return { id: a.id, version: a.version, dueOn: inDays(45) };
  },
  "training.assignments.cancel": async (s) => ({ id: (await openManualAssignment(s)).id, reason: "Assigned to the wrong person" }),
  "training.completions.record": async (s) => ({ staffId: s.fx.users.practitioner.staffId!, courseId: await newCourse(s), completedOn: inDays(-10), provider: "Local Safeguarding Partnership", evidence: "Certificate 42" }),
  "training.completions.correct": async (s) => {
    const c = await externalCompletion(s);
    return { id: c.id, version: c.version, completedOn: inDays(-9), reason: "Date typed wrongly" };
  },
  "training.completions.withdraw": async (s) => {
    const c = await externalCompletion(s);
    return { id: c.id, version: c.version, reason: "Certificate could not be verified" };
  },
};

/** A one-person SSD extract (ssd.dryRun, ssd.commit: the commit's digest is checked against a dry run's). */
const SSD_PERSON = { name: "ssd_person.csv", text: "pers_person_id,pers_sex,pers_dob,pers_ethnicity\n000123,F,2015-04-01,WBRI\n" };

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A course with a validity (made through Prisma as reference data, like the fixture). */
async function newCourse(s: InputState): Promise<string> {
  const code = s.unique("VI");
  const course = await s.prisma.course.create({
    data: { code, title: `Refresher ${code}`, description: "A course for the matrix test.", deliveryMode: "e_learning", durationHours: 1, validityMonths: 12, requiredFor: [], qualifiesFacilitator: false, languages: ["English"] },
    select: { id: true },
  });
  return course.id;
}

/** An account invited but not yet signed in (no login). */
async function invitedUser(s: InputState): Promise<string> {
  const email = `${s.unique("invited").toLowerCase()}@example.org`;
  return (await s.prisma.user.create({ data: { name: "Invited Person", email, role: "staff", emailVerified: false }, select: { id: true } })).id;
}

/** An open assignment made by hand, of a new course, to the practitioner (team A: every allowed role may change it). */
async function openManualAssignment(s: InputState) {
  const courseId = await newCourse(s);
  return s.prisma.trainingAssignment.create({
    data: { staffId: s.fx.users.practitioner.staffId!, courseId, assignedAt: new Date(), dueDate: new Date(`${inDays(30)}T00:00:00Z`), source: "manual", reason: "Refresher after an incident" },
    select: { id: true, version: true },
  });
}

/** A completion from an outside provider, of a new course, for the practitioner. */
async function externalCompletion(s: InputState) {
  const courseId = await newCourse(s);
  return s.prisma.trainingCompletion.create({
    data: { staffId: s.fx.users.practitioner.staffId!, courseId, completedAt: new Date(`${inDays(-10)}T00:00:00Z`), expiresAt: new Date(`${inDays(355)}T00:00:00Z`), provider: "Local Safeguarding Partnership", evidence: "Certificate 42" },
    select: { id: true, version: true },
  });
}

/**
 * Calls that end in a refusal of the domain even with the valid input, for some or all allowed
 * roles, with the reason. Anything else an allowed role gets besides success fails the test.
 */
export const EXPECTED_REFUSALS: Record<string, { codes: string[]; reason: string }> = {
  "session.handover.lock": { codes: ["BAD_REQUEST"], reason: "Only a browser session can be handed over; the matrix test's callers have no session (handover.test.ts locks one over HTTP)." },
  "session.handover.unlock": { codes: ["BAD_REQUEST"], reason: "Only a session handed to a participant can be unlocked; the matrix test's callers have none (handover.test.ts)." },
  "hub.create": { codes: ["CONFLICT"], reason: "A family has one open hub case: the fixture's family already has one." },
  "hub.meetings.create": { codes: ["CONFLICT"], reason: "A hub case has one initial meeting: the fixture's case already has one." },
  "hub.meetings.share": { codes: ["FORBIDDEN"], reason: "Sharing needs consent in force for everyone in the family; the fixture has consent for the victim only." },
  "people.create": { codes: ["FORBIDDEN"], reason: "Domestic-abuse workers add only adult victims and perpetrators; the automatic input is a child." },
  "people.links.create": { codes: ["CONFLICT"], reason: "The first allowed role links the fixture's pair; linking them again is refused." },
  "ssd.commit": { codes: ["CONFLICT", "BAD_REQUEST", "PRECONDITION_FAILED"], reason: "A commit needs the digest of a dry run of the same files (ssd.test.ts commits after one)." },
  "training.assignments.create": { codes: ["BAD_REQUEST", "FORBIDDEN"], reason: "A manager assigns only to their own team; a second role meets the first role's open assignment (reported, not duplicated)." },
  "consent.withdraw": { codes: ["BAD_REQUEST"], reason: "Only given consent can be withdrawn: the first allowed role withdraws it." },
  "training.my.completeModule": { codes: ["PRECONDITION_FAILED", "BAD_REQUEST"], reason: "Accounts with no staff record cannot record training; the module's quiz needs its own answers (training.test.ts)." },
  "programmes.groups.get": { codes: ["NOT_FOUND"], reason: "A domestic-abuse worker sees only the groups they facilitate; the fixture's victims' group is the manager's." },
  "programmes.sessions.create": { codes: ["NOT_FOUND"], reason: "As programmes.groups.get: not the domestic-abuse worker's group." },
  "programmes.register.mark": { codes: ["NOT_FOUND"], reason: "As programmes.groups.get: not the domestic-abuse worker's group." },
  "programmes.groups.create": { codes: ["FORBIDDEN"], reason: "Only a manager can set up a group run by others." },
  "training.sessions.cancel": { codes: ["BAD_REQUEST"], reason: "The first allowed role cancels the session; cancelling again is refused." },
  "training.sessions.complete": { codes: ["BAD_REQUEST"], reason: "The session was cancelled by training.sessions.cancel before it." },
  "marac.create": { codes: ["NOT_FOUND"], reason: "The information barrier: the domestic-abuse worker facilitates the fixture victim's perpetrator's group (a barred record reads as missing)." },
  "marac.get": { codes: ["NOT_FOUND"], reason: "The information barrier: the domestic-abuse worker facilitates the perpetrator's group, so the victim's referral reads as missing." },
  "marac.recordOutcome": { codes: ["NOT_FOUND"], reason: "The information barrier, as marac.create: the victim's referral reads as missing." },
  "surveys.form": { codes: ["NOT_FOUND"], reason: "Only staff invited to the wave have a form; accounts with no staff record are never invited." },
  "surveys.respond": { codes: ["NOT_FOUND", "BAD_REQUEST"], reason: "Only invited staff may answer, and an answer needs at least one question answered (surveys.test.ts)." },
};

/**
 * Procedures whose minimal valid input is still to be written (the automatic one is refused for the
 * reason given): their refusals are counted and reported by the access-matrix test, not hidden.
 * Remove an entry when its input is written.
 */
export const INPUTS_TO_WRITE: Record<string, string> = {
  "audits.cases.moderate": "needs both auditors to have submitted first",
  "audits.cases.reassign": "needs a second auditor of an allowed role",
  "audits.my.get": "needs an assignment to the caller",
  "audits.my.save": "needs an assignment to the caller",
  "audits.rounds.addCases": "needs the reference of a family the caller can see",
  "evaluation.run": "needs cohorts with children in the fixture",
  "evaluation.save": "needs cohorts with children in the fixture",
  "evaluation.get": "needs a saved run (evaluation.save)",
  "evaluation.export": "needs a saved run (evaluation.save)",
  "evaluation.verify": "needs a saved run (evaluation.save)",
  "finance.lines.update": "the automatic budget line is refused",
  "finance.lines.delete": "the automatic budget line is refused",
  "programmes.enrolments.update": "needs a started date",
  "programmes.oneToOne.create": "needs a one-to-one programme in the fixture",
  "programmes.oneToOne.update": "needs one-to-one work in the fixture",
  "questionnaires.translations.save": "the second role meets the first role's translation",
  "questionnaires.instruments.create": "needs items with distinct option values",
  "statutory.commit": "needs the digest of a dry run",
  "followUps.schedule": "needs a hub case or enrolment that has ended",
  "training.modules.save": "needs a quiz with a correct option marked",
};

/** A questionnaire response of the fixture's child (not behind the barrier for anyone). */
const childResponse = (s: InputState) =>
  s.prisma.questionnaireResponse.create({
    data: { personId: s.fx.people.child, instrumentId: s.fx.hub.instrument, timePoint: "entry", completedAt: new Date("2025-06-01T10:00:00Z"), answers: { q1: 1, q2: 1, q3: 1 }, score: 3 },
    select: { id: true, version: true },
  });
