/**
 * Test fixtures: records only tests need, never part of the demo trust.
 *
 * The information-barrier canary (ids and names in users.ts `CANARY`): a
 * victim, Rosa Canary, whose contact details must never reach the demo DV
 * worker, who facilitates the perpetrators' group her partner Mark attends
 * and is allocated to him; the demo practitioner holds the family on their
 * caseload (in the demo manager's team) and may see her. She has one MARAC
 * referral (`CANARY_MARAC_REFERRAL_ID`), two weeks before `today`.
 *
 * `seedTestFixtures(prisma)` adds them to a database that already has the
 * demo trust (it needs the DA team, the IFP programme and the demo staff).
 * Idempotent: recognised by its `seed_run` marker; fixed ids, ON CONFLICT DO
 * NOTHING. Called by the end-to-end server when EVIDENT_TEST_FIXTURES=1 (set
 * only by the Playwright config) and by the tests that need it.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import { CANARY_MARAC_REFERRAL_ID } from "./da-work.js";
import { addDays, atTime, day, utcToday } from "./random.js";
import { emptyRows, insertRows } from "./rows.js";
import { CANARY, demoUser } from "./users.js";
import { DEMO_MARKER } from "./markers.js";

export const TEST_FIXTURES_MARKER = "test-fixtures";

const fid = (n: number) => `00000000-0000-4000-8000-0000000cb${n.toString().padStart(3, "0")}`;

export async function seedTestFixtures(prisma: PrismaClient, options: { today?: Date } = {}): Promise<{ skipped: boolean }> {
  const today = options.today ?? utcToday();
  if (await prisma.seedRun.findUnique({ where: { id: TEST_FIXTURES_MARKER } })) return { skipped: true };
  if (!(await prisma.seedRun.findUnique({ where: { id: DEMO_MARKER } }))) throw new Error("seedTestFixtures: seed the demo trust first");
  const daTeam = await prisma.team.findFirstOrThrow({ where: { service: "Domestic Abuse" }, select: { id: true } });
  const ifp = await prisma.programme.findFirstOrThrow({ where: { code: "IFP" }, select: { id: true } });
  const practitioner = demoUser("practitioner");
  const dvWorker = demoUser("dv_worker");
  const otherDa = await prisma.staff.findFirstOrThrow({ where: { role: "domestic_abuse_worker", id: { not: dvWorker.staffId } }, orderBy: { id: "asc" }, select: { id: true } });

  const R = emptyRows();
  let n = 0;
  const id = () => fid(++n);
  const start = day("2019-09-02");
  const opened = day("2018-11-05");
  R.family.push({ id: CANARY.familyId, reference: CANARY.familyReference, name: "Canary family", teamId: daTeam.id, openedAt: opened, closedAt: null });
  const people = [
    { id: CANARY.victimPersonId, kind: "adult", first: "Rosa", gender: "female", birth: "1988-04-12", role: "victim" },
    { id: CANARY.perpetratorPersonId, kind: "adult", first: "Mark", gender: "male", birth: "1985-10-30", role: "perpetrator" },
    { id: CANARY.childPersonIds[0], kind: "child", first: "Lily", gender: "female", birth: "2012-06-01", role: "child" },
    { id: CANARY.childPersonIds[1], kind: "child", first: "Noah", gender: "male", birth: "2015-02-17", role: "child" },
  ] as const;
  people.forEach((p, i) => {
    R.person.push({ id: p.id, reference: `P${(900001 + i).toString().padStart(7, "0")}`, kind: p.kind, firstName: p.first, lastName: "Canary", birthDate: day(p.birth), gender: p.gender, ethnicity: "WBRI", firstLanguage: "English", interpreterNeeded: false, restricted: false });
    R.familyMember.push({ id: id(), familyId: CANARY.familyId, personId: p.id, role: p.role, fromDate: p.kind === "child" ? day(p.birth) : opened });
  });
  R.personLink.push({ id: CANARY.personLinkId, fromPersonId: CANARY.victimPersonId, toPersonId: CANARY.perpetratorPersonId, kind: "victim_perpetrator" });
  for (const adult of [CANARY.victimPersonId, CANARY.perpetratorPersonId]) for (const child of CANARY.childPersonIds) R.personLink.push({ id: id(), fromPersonId: adult, toPersonId: child, kind: "parent_child" });
  R.contactDetails.push(
    { id: CANARY.victimContactDetailsId, personId: CANARY.victimPersonId, addressLine1: CANARY.address, town: "Slough", postcode: CANARY.postcode, phone: CANARY.phone, email: CANARY.email, safeToCall: false, safeTimes: "Weekdays 10:00-12:00 only", preferredChannel: "sms", unsafePeople: [CANARY.perpetratorName], notes: "Do not leave voicemail. Do not disclose address.", confidentiality: "protected" },
    { id: CANARY.perpetratorContactDetailsId, personId: CANARY.perpetratorPersonId, addressLine1: "3 Farnham Road", town: "Slough", postcode: "SL1 3QE", phone: "07700 900555", email: null, safeToCall: null, safeTimes: null, preferredChannel: "phone", unsafePeople: [], notes: null, confidentiality: "normal" },
  );
  R.caseAllocation.push(
    { id: CANARY.practitionerAllocationId, familyId: CANARY.familyId, staffId: practitioner.staffId, lead: true, fromDate: day("2019-07-01") },
    { id: CANARY.dvWorkerAllocationId, familyId: CANARY.familyId, personId: CANARY.perpetratorPersonId, staffId: dvWorker.staffId, lead: false, fromDate: day("2019-08-19") },
  );
  for (const child of CANARY.childPersonIds) {
    R.referral.push({ id: id(), childId: child, familyId: CANARY.familyId, date: opened, source: "5A", primaryNeed: "N1", reasons: ["3B"], domesticAbuse: true, outcome: "Assessment", nfa: false, closedAt: addDays(opened, 6) });
    R.assessment.push({ id: id(), childId: child, familyId: CANARY.familyId, staffId: practitioner.staffId, level: "CIN", allocatedAt: addDays(opened, 2), startedAt: addDays(opened, 4), completedAt: addDays(opened, 40), factors: ["3A", "3B"] });
  }
  // the two groups: the perpetrators' group run by the demo DV worker, the victims' by another DA worker
  const groups = [
    { gid: CANARY.perpetratorsGroupId, name: "IFP Perpetrators English evening 2019-09", track: "perpetrators", slot: "evening", start, facilitator: dvWorker.staffId, person: CANARY.perpetratorPersonId, enrolment: CANARY.perpetratorEnrolmentId },
    { gid: CANARY.victimsGroupId, name: "IFP Victims English day 2019-09", track: "victims", slot: "day", start: addDays(start, 1), facilitator: otherDa.id, person: CANARY.victimPersonId, enrolment: CANARY.victimEnrolmentId },
  ] as const;
  for (const g of groups) {
    R.programmeGroup.push({ id: g.gid, programmeId: ifp.id, name: g.name, track: g.track, language: "English", slot: g.slot, childcare: g.track === "victims", venue: "Chalvey Community Centre", startDate: g.start, sessionsPlanned: 10, completionThreshold: 8, capacity: 12, status: "finished" });
    R.groupFacilitator.push({ id: id(), groupId: g.gid, staffId: g.facilitator, lead: true });
    R.enrolment.push({ id: g.enrolment, personId: g.person, programmeId: ifp.id, groupId: g.gid, familyId: CANARY.familyId, status: "started", referredAt: addDays(g.start, -21), referralSource: "Social worker", startedAt: g.start, safetyChecks: { riskAssessed: true, maracConsidered: true, partnerNotInSameGroup: true, safeContactAgreed: g.track === "victims", childcareNeeded: false } });
    for (let k = 0; k < 10; k++) {
      const sid = id();
      R.groupSession.push({ id: sid, groupId: g.gid, number: k + 1, startsAt: atTime(addDays(g.start, 7 * k), g.slot === "day" ? 10 : 18), durationMinutes: 120, cancelled: false });
      R.attendance.push({ id: id(), sessionId: sid, enrolmentId: g.enrolment, status: k === 4 ? "absent_notified" : "attended" });
    }
  }
  R.consentToShare.push({ id: id(), personId: CANARY.victimPersonId, purpose: "programme_referral", recipientAgency: "Inspiring Families Programme", status: "given", decidedAt: addDays(start, -20) });
  // recent, so it is among the latest referrals a list shows (the demo's present has many)
  R.maracReferral.push({ id: CANARY_MARAC_REFERRAL_ID, personId: CANARY.victimPersonId, familyId: CANARY.familyId, referredOn: addDays(today, -14), referringAgency: "childrens_services", referringStaffId: practitioner.staffId, dashScore: 16, criteria: ["visible_high_risk"], conferenceDate: addDays(today, -4), outcome: "heard_actions_agreed" });

  await prisma.$transaction(async (tx) => {
    if (await tx.seedRun.findUnique({ where: { id: TEST_FIXTURES_MARKER } })) return;
    const counts = await insertRows(tx, R);
    await tx.seedRun.create({ data: { id: TEST_FIXTURES_MARKER, seed: 0, summary: counts } });
  });
  return { skipped: false };
}
