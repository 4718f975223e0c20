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
import type { InputState } from "./input-state.js";
import { auditCase, newAdult, endedHubCase, evaluationRequest, inDays, INSTRUMENT_ITEMS, instrumentCode, moduleForm, myAuditCase, newFamily, newInstrument, oneToOneProgramme, oneToOneWork, groupCompleter, savedRun, statutoryCommit } from "./input-records.js";

export type { InputState } from "./input-state.js";

export type ValidInput = "auto" | ((s: InputState) => unknown | Promise<unknown>);

export const VALID_INPUTS: Record<string, ValidInput> = {
  "admin.audit.list": "auto",
  "admin.audit.export": "auto",
  "admin.audit.subjects": () => ({ search: "team" }),
  "admin.outbox.list": "auto",
  "admin.teams.create": (s) => ({ name: `Team ${s.unique("T")}` }),
  "admin.teams.list": "auto",
  "admin.teams.rename": (s) => ({ teamId: s.fx.teams.b, name: `Early Help ${s.unique("R")}` }),
  "admin.users.invite": (s) => ({ email: `${s.unique("invite").toLowerCase()}@example.org`, name: "Invited Person", role: "staff" }),
  "admin.users.resendInvite": async (s) => ({ userId: await invitedUser(s) }),
  "admin.users.revokeInvite": async (s) => ({ userId: await invitedUser(s) }),
  "admin.users.setTeam": async (s) => ({ userId: await spareUser(s), teamId: s.fx.teams.b }),
  "admin.users.signOutEverywhere": async (s) => ({ userId: await spareUser(s) }),
  "admin.users.disable": async (s) => ({ userId: await spareUser(s), disabled: false }),
  "admin.users.list": "auto",
  "admin.users.setRole": async (s) => ({ userId: await spareUser(s), role: "staff" }),
  "admin.users.unlock": async (s) => ({ userId: await spareUser(s) }),
  "assessments.create": "auto",
  "assessments.get": "auto",
  "assessments.list": "auto",
  "assessments.update": "auto",
  "audits.auditors": "auto",
  // Both auditors submitted and disagree; the manager moderates.
  "audits.cases.moderate": async (s) => {
    const { auditCase: c } = await auditCase(s, s.fx.users.practitioner.id, s.fx.users.dv_worker.id, ["yes", "no"]);
    return { caseId: c.id, version: c.version, answers: { voice: "partly" } };
  },
  "audits.cases.reassign": async (s) => {
    const { auditCase: c } = await auditCase(s, s.fx.users.practitioner.id, s.fx.users.dv_worker.id);
    return { caseId: c.id, version: c.version, firstAuditorId: s.fx.users.dv_worker.id, secondAuditorId: s.fx.users.practitioner.id };
  },
  "audits.my.findings": "auto",
  "audits.my.get": async (s) => ({ caseId: (await myAuditCase(s)).caseId }),
  "audits.my.list": "auto",
  "audits.my.save": async (s) => ({ ...(await myAuditCase(s)), answers: { voice: "yes" } }),
  "audits.rounds.addCases": async (s) => {
    const { round } = await auditCase(s, s.fx.users.practitioner.id, s.fx.users.dv_worker.id);
    return { roundId: round.id, version: round.version, cases: [{ familyReference: (await newFamily(s)).reference, period: "during" }] };
  },
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
  "consent.withdraw": async (s) => {
    const c = await s.prisma.consentToShare.create({ data: { personId: s.fx.people.child, purpose: "hub_multi_agency", recipientAgency: "school", status: "given", decidedAt: new Date("2025-05-01") }, select: { id: true, version: true } });
    return { id: c.id, version: c.version, withdrawnAt: inDays(0) };
  },
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
  "evaluation.export": async (s) => ({ id: await savedRun(s), format: "csv" }),
  "evaluation.get": async (s) => ({ id: await savedRun(s) }),
  "evaluation.list": "auto",
  "evaluation.options": "auto",
  "evaluation.run": evaluationRequest,
  "evaluation.save": async (s) => ({ title: "Matrix evaluation", request: await evaluationRequest(s) }),
  "evaluation.verify": async (s) => ({ id: await savedRun(s) }),
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
  "followUps.schedule": async (s) => ({ hubCaseId: await endedHubCase(s) }),
  "followUps.update": "auto",
  "hub.actions.create": (s) => ({ meetingId: s.fx.hub.meeting, description: "Matrix action", ownerStaffId: s.fx.users.practitioner.staffId! }),
  "hub.actions.update": async (s) => {
    const a = await s.prisma.meetingAction.create({ data: { meetingId: s.fx.hub.meeting, description: "Police to check for call-outs", ownerAgency: "police" }, select: { id: true, version: true } });
    return { id: a.id, version: a.version, patch: { done: true } };
  },
  "hub.agencies.create": "auto",
  "hub.agencies.update": "auto",
  "hub.create": async (s) => ({ familyId: (await newFamily(s)).id, startDate: inDays(-7) }),
  "hub.get": "auto",
  "hub.list": "auto",
  // A new case (no initial meeting yet) that started a week ago.
  "hub.meetings.create": async (s) => {
    const c = await s.prisma.hubCase.create({ data: { familyId: (await newFamily(s)).id, leadWorkerId: s.fx.users.practitioner.staffId!, startDate: new Date(`${inDays(-7)}T00:00:00Z`), plannedEndDate: new Date(`${inDays(100)}T00:00:00Z`) }, select: { id: true } });
    return { hubCaseId: c.id, kind: "initial", at: `${inDays(-6)}T10:00:00.000Z` };
  },
  "hub.meetings.get": "auto",
  "hub.meetings.list": (s) => ({ hubCaseId: s.fx.hub.hubCase }),
  // A family of one child whose consent to share with the police is in force.
  "hub.meetings.share": async (s) => {
    const family = await newFamily(s);
    const child = await s.prisma.person.create({ data: { reference: s.unique("PS").slice(0, 20), firstName: "Sam", lastName: "Matrix", kind: "child", birthDate: new Date("2016-02-02") }, select: { id: true } });
    await s.prisma.familyMember.create({ data: { familyId: family.id, personId: child.id, role: "child" } });
    await s.prisma.consentToShare.create({ data: { personId: child.id, purpose: "hub_multi_agency", recipientAgency: "police", status: "given", decidedAt: new Date("2025-05-01") } });
    const c = await s.prisma.hubCase.create({ data: { familyId: family.id, leadWorkerId: s.fx.users.practitioner.staffId!, startDate: new Date("2025-05-05"), plannedEndDate: new Date("2025-08-25") }, select: { id: true } });
    const meeting = await s.prisma.tafMeeting.create({ data: { hubCaseId: c.id, kind: "initial", at: new Date("2025-05-06T10:00:00Z"), agencies: { create: [{ agency: "police" }] } }, select: { id: true } });
    return { meetingId: meeting.id, agency: "police" };
  },
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
  "marac.create": async (s) => ({ personId: (await victimFor(s)).personId, referredOn: new Date().toISOString().slice(0, 10), referringAgency: "police", criteria: ["professional_judgement"] }),
  "marac.get": async (s) => ({ id: (await maracReferral(s)).id }),
  "marac.list": "auto",
  "marac.recordOutcome": async (s) => {
    const r = await maracReferral(s);
    return { id: r.id, version: r.version, outcome: "withdrawn" };
  },
  "monitoring.compute": () => ({ measureId: "cp_cases_known_da_perpetrator", from: "2018-12-01", to: "2019-02-28" }),
  "monitoring.measures": "auto",
  "people.contact.get": (s) => ({ personId: s.fx.people.child }),
  "people.contact.update": async (s) => ({ personId: s.fx.people.perpetrator, version: (await s.prisma.contactDetails.findUnique({ where: { personId: s.fx.people.perpetrator } }))?.version ?? 0, patch: { town: "Slough" } }),
  // A child; an adult victim for the domestic-abuse worker (who adds only adult victims and perpetrators).
  "people.create": (s) => ({ familyId: s.fx.families.mine, reference: s.unique("P"), ...(s.caller.role === "dv_worker" ? { kind: "adult", familyRole: "victim" } : { kind: "child", familyRole: "child" }), firstName: "Matrix", lastName: "Person" }),
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
  "programmes.enrolments.update": async (s) => {
    const e = await s.prisma.enrolment.create({ data: { personId: await newAdult(s, "perpetrator"), programmeId: s.fx.programme, groupId: s.fx.groups.perpetrators, familyId: s.fx.families.mine, status: "referred", referredAt: new Date("2025-03-20") }, select: { id: true, version: true } });
    return { id: e.id, version: e.version, patch: { status: "started", startedAt: inDays(0) } };
  },
  // Run by the caller (a domestic-abuse worker sets up only groups they run), or by the manager.
  "programmes.groups.create": (s) => ({ programmeId: s.fx.programme, name: "Victims Monday", track: "victims", language: "English", slot: "day", childcare: false, venue: "Hub", startDate: inDays(14), facilitatorStaffIds: [s.caller.staffId ?? s.fx.users.manager.staffId!] }),
  "programmes.groups.get": (s) => ({ id: groupFor(s) }),
  "programmes.groups.forReferral": "auto",
  "programmes.groups.list": "auto",
  "programmes.list": "auto",
  "programmes.oneToOne.candidates": "auto",
  "programmes.oneToOne.create": async (s) => ({ personId: await groupCompleter(s), programmeId: await oneToOneProgramme(s), referredAt: inDays(0) }),
  "programmes.oneToOne.list": "auto",
  "programmes.oneToOne.update": async (s) => {
    const work = await oneToOneWork(s);
    return { id: work.id, version: work.version, patch: { status: "started", startedAt: inDays(0) } };
  },
  "programmes.register.get": (s) => ({ sessionId: s.fx.session }),
  // The fixture's perpetrators' group session (the domestic-abuse worker facilitates it) and the perpetrator's enrolment.
  "programmes.register.mark": async (s) => {
    const e = await s.prisma.enrolment.findFirstOrThrow({ where: { personId: s.fx.people.perpetrator, groupId: s.fx.groups.perpetrators }, select: { id: true } });
    return { sessionId: s.fx.session, entries: [{ enrolmentId: e.id, status: "attended" }] };
  },
  "programmes.sessions.create": async (s) => ({ groupId: groupFor(s), number: 1 + (await s.prisma.groupSession.count({ where: { groupId: groupFor(s) } })), startsAt: new Date().toISOString() }),
  "questionnaires.change": (s) => ({ personId: s.fx.people.victim }),
  "questionnaires.instruments.create": (s) => ({ code: instrumentCode(s), name: "Matrix wellbeing", items: INSTRUMENT_ITEMS, scoring: { method: "sum", higherIsBetter: true } }),
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
  "questionnaires.translations.save": async (s) => ({ instrumentId: await newInstrument(s), language: "ar", texts: { name: "استبيان الرفاهية" } }),
  "referrals.create": "auto",
  "referrals.get": "auto",
  "referrals.list": "auto",
  "referrals.update": "auto",
  "session.me": "auto",
  "session.handover.lock": (s) => ({ personId: s.fx.people.victim, instrumentId: s.fx.hub.instrument }),
  "session.handover.unlock": () => ({ password: "correct-horse-battery" }),
  "statutory.commit": statutoryCommit,
  "statutory.dryRun": "auto",
  "statutory.history": "auto",
  "surveys.compare": "auto",
  "surveys.create": "auto",
  "surveys.form": "auto",
  "surveys.get": "auto",
  "surveys.list": "auto",
  "surveys.mine": "auto",
  // The newest wave's first question answered (callers without an invitation are refused: EXPECTED_REFUSALS).
  "surveys.respond": async (s) => {
    const wave = await s.prisma.surveyWave.findFirst({ orderBy: { createdAt: "desc" }, select: { id: true, survey: { select: { questions: true } } } });
    // No survey yet (a test that makes none): an answer to a wave that does not exist, refused as missing.
    if (!wave) return { waveId: "00000000-0000-4000-8000-000000000000", answers: { q1: 4 } };
    const q = (wave.survey.questions as { id: string; kind: "agree5" | "yes_no" | "text" }[])[0]!;
    return { waveId: wave.id, answers: { [q.id]: q.kind === "agree5" ? 4 : q.kind === "yes_no" ? true : "Supervision helps" } };
  },
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
  "training.modules.save": async (s) => {
    const { id, form } = await moduleForm(s);
    return { id, version: form.version, module: form.module };
  },
  // The built-in quiz answered rightly (the answers read from the module's authoring form).
  "training.my.completeModule": async (s) => {
    const { id, form } = await moduleForm(s);
    return { moduleId: id, answers: form.module.quiz!.questions.map((q) => q.options.findIndex((o) => o.correct)), acknowledged: true };
  },
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
  "training.sessions.cancel": async (s) => ({ ...(await trainingSession(s, 7)), reason: "The trainer is unwell" }),
  "training.sessions.complete": (s) => trainingSession(s, -1),
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
  "people.links.create": async (s) => ({ victimId: await newAdult(s, "victim"), perpetratorId: await newAdult(s, "perpetrator"), basis: "police" }),
  "people.links.end": async (s) => {
    const key = { fromPersonId: s.fx.people.victim, toPersonId: s.fx.people.perpetrator, kind: "victim_perpetrator" as const };
    const link = await s.prisma.personLink.upsert({ where: { fromPersonId_toPersonId_kind: key }, create: { ...key, basis: "police" }, update: { endedAt: null }, select: { id: true, version: true } });
    return { id: link.id, version: link.version, reason: "Recorded against the wrong person" };
  },
  "people.links.list": (s) => ({ personId: s.fx.people.victim }),
  "people.overrides.review": "auto",
  "ssd.dryRun": () => ({ files: [SSD_PERSON] }),
  "ssd.commit": async (s) => {
    const dry = await (await s.api(s.fx.users.admin.id)).ssd.dryRun({ files: [SSD_PERSON] });
    return { extract: { files: [SSD_PERSON] }, digest: dry.digest };
  },
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

/** The domestic-abuse worker's group (they facilitate the perpetrators'); the manager's (victims') for everyone else. */
const groupFor = (s: InputState) => (s.caller.role === "dv_worker" ? s.fx.groups.perpetrators : s.fx.groups.victims);

/**
 * A victim the caller may see: the fixture's victim, except for the domestic-abuse worker, who facilitates her
 * perpetrator's group (the barrier, tested in people/*.test.ts), for whom a victim in a family of her own.
 */
async function victimFor(s: InputState): Promise<{ personId: string; familyId: string }> {
  if (s.caller.role !== "dv_worker") return { personId: s.fx.people.victim, familyId: s.fx.families.mine };
  const family = await newFamily(s);
  const person = await s.prisma.person.create({ data: { reference: s.unique("PV").slice(0, 20), firstName: "Val", lastName: "Matrix", kind: "adult" }, select: { id: true } });
  await s.prisma.familyMember.create({ data: { familyId: family.id, personId: person.id, role: "victim" } });
  return { personId: person.id, familyId: family.id };
}

/** A MARAC referral of a victim the caller may see. */
const maracReferral = async (s: InputState) =>
  s.prisma.maracReferral.create({ data: { ...(await victimFor(s)), referredOn: new Date("2025-06-01"), referringAgency: "police", criteria: ["visible_high_risk"] }, select: { id: true, version: true } });

/** A one-person SSD extract (ssd.dryRun, ssd.commit: the commit's digest is checked against a dry run's). */
const SSD_PERSON = { name: "ssd_person.csv", text: "pers_person_id,pers_sex,pers_dob,pers_ethnicity\n000123,F,2015-04-01,WBRI\n" };

/** A course with a validity (made through Prisma as reference data, like the fixture). */
async function newCourse(s: InputState): Promise<string> {
  const code = s.unique("VI");
  const course = await s.prisma.course.create({
    data: { code, title: `Refresher ${code}`, description: "A course for the matrix test.", deliveryMode: "e_learning", durationHours: 1, validityMonths: 12, requiredFor: [], qualifiesFacilitator: false, languages: ["English"] },
    select: { id: true },
  });
  return course.id;
}

/** A session of a new course, `days` from today. */
async function trainingSession(s: InputState, days: number) {
  const row = await s.prisma.trainingSession.create({ data: { courseId: await newCourse(s), startsAt: new Date(`${inDays(days)}T09:30:00Z`), venue: "Town hall" }, select: { id: true, version: true } });
  return { id: row.id, version: row.version };
}

/** An account of its own for the admin's changes to accounts (the fixture's logins stay as they are while other calls use them). */
async function spareUser(s: InputState): Promise<string> {
  const email = `${s.unique("spare").toLowerCase()}@example.org`;
  return (await s.prisma.user.create({ data: { name: "Spare Person", email, role: "staff", emailVerified: true }, select: { id: true } })).id;
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
  "training.assignments.create": { codes: ["BAD_REQUEST", "FORBIDDEN"], reason: "A manager assigns only to their own team; a second role meets the first role's open assignment (reported, not duplicated)." },
  "training.my.completeModule": { codes: ["PRECONDITION_FAILED"], reason: "Accounts with no staff record (admin, analyst, staff in the fixture) cannot record training." },
  "surveys.form": { codes: ["NOT_FOUND"], reason: "Only staff invited to the wave have a form; accounts with no staff record are never invited." },
  "surveys.respond": { codes: ["NOT_FOUND"], reason: "Only invited staff may answer; accounts with no staff record are never invited." },
};

/**
 * Procedures whose minimal valid input is still to be written (the automatic one is refused for the
 * reason given): their refusals are counted and reported by the access-matrix test, not hidden.
 * Remove an entry when its input is written.
 */
export const INPUTS_TO_WRITE: Record<string, string> = {};

/** A questionnaire response of the fixture's child (not behind the barrier for anyone). */
const childResponse = (s: InputState) =>
  s.prisma.questionnaireResponse.create({
    data: { personId: s.fx.people.child, instrumentId: s.fx.hub.instrument, timePoint: "entry", completedAt: new Date("2025-06-01T10:00:00Z"), answers: { q1: 1, q2: 1, q3: 1 }, score: 3 },
    select: { id: true, version: true },
  });
