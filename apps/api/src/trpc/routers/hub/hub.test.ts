import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { CANARY_PHONE, CANARY_POSTCODE, createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const REASON = "Child at risk of significant harm: the police must know about this family today";

describe("hub cases", () => {
  it("opens a case with a 16-week plan, records visits, meetings, actions, agencies and a step-down plan", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const family = await c.families.create({ reference: `HUB${Date.now().toString(36)}`.slice(0, 20), name: "Hub family" });
    const created = await c.hub.create({ familyId: family.id, startDate: "2025-01-06" });
    expect(created).toMatchObject({ familyId: family.id, leadWorkerId: t.fx.users.practitioner.staffId, startDate: "2025-01-06", plannedEndDate: "2025-04-28", status: "open", version: 1 });
    expect(created.plan.midPointDue).toBe("2025-03-03");
    // One open case per family.
    expect((await outcome(c.hub.create({ familyId: family.id, startDate: "2025-02-01" }))).code).toBe("CONFLICT");

    await c.hub.visits.create({ hubCaseId: created.id, at: "2025-01-07T10:00:00Z" });
    const v2 = await c.hub.visits.create({ hubCaseId: created.id, at: "2025-01-21T10:00:00Z", mode: "phone" });
    expect((await outcome(c.hub.visits.create({ hubCaseId: created.id, at: "2024-12-01T10:00:00Z" }))).code).toBe("BAD_REQUEST");
    expect((await c.hub.visits.update({ id: v2.id, version: v2.version, patch: { mode: "home" } })).mode).toBe("home");

    expect((await outcome(c.hub.meetings.create({ hubCaseId: created.id, kind: "closure", at: "2025-04-20T10:00:00Z" }))).code).toBe("BAD_REQUEST");
    const initial = await c.hub.meetings.create({ hubCaseId: created.id, kind: "initial", at: "2025-01-08T10:00:00Z", agencies: [{ agency: "police", attendee: "PC Smith" }, { agency: "mental_health", attended: false }] });
    expect(initial.agencies.map((a) => a.agency)).toEqual(["mental_health", "police"]);
    expect((await outcome(c.hub.meetings.create({ hubCaseId: created.id, kind: "initial", at: "2025-01-09T10:00:00Z" }))).code).toBe("CONFLICT");
    const updatedMeeting = await c.hub.meetings.update({ id: initial.id, version: initial.version, patch: { agencies: [{ agency: "police", attended: true }, { agency: "housing", attended: true }] } });
    expect(updatedMeeting.agencies.map((a) => a.agency)).toEqual(["housing", "police"]);
    expect((await outcome(c.hub.meetings.update({ id: initial.id, version: initial.version, patch: { notes: "lost" } }))).code).toBe("CONFLICT");

    const action = await c.hub.actions.create({ meetingId: initial.id, description: "Police to check for call-outs", ownerAgency: "police", dueDate: "2025-01-22" });
    expect(action).toMatchObject({ ownerAgency: "police", dueDate: "2025-01-22", done: false });
    const done = await c.hub.actions.update({ id: action.id, version: action.version, patch: { done: true } });
    expect(done.done).toBe(true);
    expect(done.doneAt).not.toBeNull();
    expect((await outcome(c.hub.actions.update({ id: action.id, version: action.version, patch: { done: false } }))).code).toBe("CONFLICT");
    expect((await outcome(c.hub.actions.update({ id: action.id, version: done.version, patch: { ownerAgency: null } }))).code).toBe("BAD_REQUEST");

    const inv = await c.hub.agencies.create({ hubCaseId: created.id, agency: "drug_alcohol", role: "Key worker for father", fromDate: "2025-01-10" });
    expect((await c.hub.agencies.update({ id: inv.id, version: inv.version, patch: { toDate: "2025-03-01" } })).toDate).toBe("2025-03-01");
    expect((await outcome(c.hub.agencies.update({ id: inv.id, version: inv.version + 1, patch: { toDate: "2025-01-01" } }))).code).toBe("BAD_REQUEST");

    const step = await c.hub.stepDown.create({ hubCaseId: created.id, agreedAt: "2025-04-20", toService: "Early Help", reviewDate: "2025-07-20" });
    expect((await c.hub.stepDown.update({ id: step.id, version: step.version, patch: { toService: "Universal services" } })).toService).toBe("Universal services");

    const full = await c.hub.get({ id: created.id });
    expect(full.visits).toHaveLength(2);
    expect(full.meetings[0]!.actions[0]!.done).toBe(true);
    expect(full.agencyInvolvements).toHaveLength(1);
    expect(full.stepDownPlans[0]!.toService).toBe("Universal services");
    expect(full.progress).toMatchObject({ weeksPlanned: 16, visitsRecorded: 2, nextMeeting: "mid_point" });
    expect(full.progress.weeksWithoutVisit.slice(0, 2)).toEqual([2, 4]);

    // Closing needs an end date; a stale version is refused.
    expect((await outcome(c.hub.update({ id: created.id, version: 1, patch: { status: "closed" } }))).code).toBe("BAD_REQUEST");
    const closed = await c.hub.update({ id: created.id, version: 1, patch: { status: "stepped_down", endDate: "2025-04-25", closureReason: "Plan achieved" } });
    expect(closed).toMatchObject({ status: "stepped_down", endDate: "2025-04-25", version: 2 });
    expect((await outcome(c.hub.update({ id: created.id, version: 1, patch: { closureReason: "lost update" } }))).code).toBe("CONFLICT");

    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { entityIds: { has: created.id }, outcome: "success" } });
    expect([...new Set(audit.map((a) => a.action))]).toEqual(expect.arrayContaining(["hub.create", "hub.visits.create", "hub.visits.update", "hub.meetings.create", "hub.meetings.update", "hub.actions.create", "hub.agencies.create", "hub.stepDown.create", "hub.get", "hub.update"]));
  });

  it("only a manager makes someone else the lead worker", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const family = await c.families.create({ reference: `HUC${Date.now().toString(36)}`.slice(0, 20), name: "Second hub family" });
    expect((await outcome(c.hub.create({ familyId: family.id, startDate: "2025-01-06", leadWorkerStaffId: t.fx.perpWorker.staffId }))).code).toBe("FORBIDDEN");
    const m = await t.as(t.fx.users.manager.id);
    expect((await m.hub.create({ familyId: family.id, startDate: "2025-01-06", leadWorkerStaffId: t.fx.perpWorker.staffId, weeks: 12 })).plannedEndDate).toBe("2025-03-31");
  });

  it("hides another team's hub cases as NOT_FOUND", async () => {
    const p = t.testDb.db.prisma;
    const theirs = await p.hubCase.create({ data: { familyId: t.fx.families.otherTeam, leadWorkerId: t.fx.otherTeam.staffId, startDate: new Date("2025-01-06"), plannedEndDate: new Date("2025-04-28") } });
    const meeting = await p.tafMeeting.create({ data: { hubCaseId: theirs.id, kind: "initial", at: new Date("2025-01-07T10:00:00Z"), agencies: { create: [{ agency: "police" }] } } });
    const action = await p.meetingAction.create({ data: { meetingId: meeting.id, description: "x", ownerAgency: "police" } });
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.hub.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.update({ id: theirs.id, version: 1, patch: { closureReason: "x" } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.meetings.list({ hubCaseId: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.meetings.get({ id: meeting.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.meetings.create({ hubCaseId: theirs.id, kind: "mid_point", at: "2025-03-01T10:00:00Z" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.meetings.share({ meetingId: meeting.id, agency: "police" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.actions.update({ id: action.id, version: 1, patch: { done: true } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.visits.create({ hubCaseId: theirs.id, at: "2025-01-08T10:00:00Z" }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.hub.create({ familyId: t.fx.families.otherTeam, startDate: "2025-01-06" }))).code).toBe("NOT_FOUND");
    expect((await c.hub.list({ limit: 100 })).items.some((h) => h.id === theirs.id)).toBe(false);
    expect((await p.meetingAction.findUniqueOrThrow({ where: { id: action.id } })).doneAt).toBeNull();
  });
});

describe("sharing from a hub meeting (consent enforced)", () => {
  it("refuses without every family member's consent, shares with it, and a withdrawal blocks the next share", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const meetingId = t.fx.hub.meeting;
    // Only the victim has consented to sharing with the police (fixture).
    const before = await c.hub.meetings.get({ id: meetingId });
    expect(before.sharing.find((s) => s.agency === "police")).toMatchObject({ mayShare: false });
    expect(before.sharing.find((s) => s.agency === "police")!.peopleWithoutConsent.sort()).toEqual([t.fx.people.perpetrator, t.fx.people.child].sort());
    const refused = await outcome(c.hub.meetings.share({ meetingId, agency: "police" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((refused.error as Error).message).toMatch(/2 of 3 people/);
    expect((await outcome(c.hub.meetings.share({ meetingId, agency: "housing" }))).code).toBe("BAD_REQUEST");

    const consents = [];
    for (const personId of [t.fx.people.perpetrator, t.fx.people.child]) {
      consents.push(await c.consent.create({ personId, purpose: "hub_multi_agency", recipientAgency: "police", status: "given", decidedAt: "2025-05-01" }));
    }
    expect((await c.hub.meetings.get({ id: meetingId })).sharing.find((s) => s.agency === "police")).toMatchObject({ mayShare: true, peopleWithoutConsent: [] });
    const shared = await c.hub.meetings.share({ meetingId, agency: "police" });
    expect(shared.basis).toBe("consent");
    expect(shared.people.map((p) => p.id).sort()).toEqual([t.fx.people.victim, t.fx.people.perpetrator, t.fx.people.child].sort());
    const text = JSON.stringify(shared);
    for (const canary of [CANARY_PHONE, CANARY_POSTCODE, "Canary Row"]) expect(text).not.toContain(canary);
    const ok = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "hub.meetings.share", outcome: "success", entityIds: { has: meetingId } } });
    expect(ok?.personIds.sort()).toEqual(shared.people.map((p) => p.id).sort());
    expect(ok?.entityIds).toEqual(expect.arrayContaining([t.fx.hub.consent, ...consents.map((x) => x.id)]));
    expect(ok?.reason).toMatch(/shared with consent \(hub_multi_agency to police\)/);

    // The child's consent is withdrawn: the very next share is blocked.
    const child = consents[1]!;
    await c.consent.withdraw({ id: child.id, version: child.version, withdrawnAt: t.clock.now.toISOString().slice(0, 10) });
    expect((await outcome(c.hub.meetings.share({ meetingId, agency: "police" }))).code).toBe("FORBIDDEN");
    const denied = await t.testDb.db.prisma.auditLog.findMany({ where: { action: "hub.meetings.share", outcome: "denied", personIds: { has: t.fx.people.child } } });
    expect(denied.some((d) => /consent was withdrawn/.test(d.reason ?? "") && d.personIds.length === 1)).toBe(true);

    // A practitioner cannot override; a manager can, with a reason, and it is audited.
    expect((await outcome(c.hub.meetings.share({ meetingId, agency: "police", override: { reason: REASON } }))).code).toBe("FORBIDDEN");
    const m = await t.as(t.fx.users.manager.id);
    expect((await outcome(m.hub.meetings.share({ meetingId, agency: "police", override: { reason: "short" } }))).code).toBe("BAD_REQUEST");
    const overridden = await m.hub.meetings.share({ meetingId, agency: "police", override: { reason: REASON } });
    expect(overridden.basis).toBe("override");
    const row = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "hub.meetings.share", outcome: "success", actorId: t.fx.users.manager.id } });
    expect(row?.reason).toContain(REASON);
    expect(row?.reason).toMatch(/without consent/);
  });
});
