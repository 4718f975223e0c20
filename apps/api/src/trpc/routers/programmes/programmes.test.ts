import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

/** The field paths of a refusal that names its fields. */
const paths = (error: unknown) => ((error as { cause?: unknown }).cause instanceof ZodError ? ((error as { cause: ZodError }).cause.issues.map((i) => i.path.join("."))) : []);

describe("referral into a group: safety checks are required and stored", () => {
  it("refuses a victim's referral without the checks, or with the perpetrator present, naming the fields; stores and shows them when met", async () => {
    const p = t.testDb.db.prisma;
    const victim = await p.person.create({ data: { reference: `PV2${Date.now().toString(36)}`, firstName: "Valerie", lastName: "Tester", kind: "adult" } });
    await p.familyMember.create({ data: { familyId: t.fx.families.mine, personId: victim.id, role: "victim" } });
    const manager = await t.as(t.fx.users.manager.id);
    const before = await p.enrolment.count();

    const none = await outcome(manager.programmes.enrolments.create({ groupId: t.fx.groups.victims, personId: victim.id }));
    expect(none.code).toBe("BAD_REQUEST");
    expect(paths(none.error)).toEqual(["safetyChecks"]);

    const present = await outcome(manager.programmes.enrolments.create({ groupId: t.fx.groups.victims, personId: victim.id, safetyChecks: { track: "victims", perpetratorAbsent: false, travel: "", safeToContact: true } }));
    expect(present.code).toBe("BAD_REQUEST");
    expect(paths(present.error)).toEqual(["safetyChecks.perpetratorAbsent", "safetyChecks.travel"]);

    const wrongTrack = await outcome(manager.programmes.enrolments.create({ groupId: t.fx.groups.victims, personId: victim.id, safetyChecks: { track: "perpetrators", partnerOfferedSupport: true, riskAssessed: true } }));
    expect(paths(wrongTrack.error)).toEqual(["safetyChecks.track"]);
    expect(await p.enrolment.count()).toBe(before);

    const checks = { track: "victims" as const, perpetratorAbsent: true, travel: "Bus, with a travel pass from the service", safeToContact: false };
    const created = await manager.programmes.enrolments.create({ groupId: t.fx.groups.victims, personId: victim.id, referredAt: "2025-03-20", safetyChecks: checks });
    expect(created).toMatchObject({ status: "referred", referredAt: "2025-03-20", safetyChecks: checks });
    const group = await manager.programmes.groups.get({ id: t.fx.groups.victims });
    const shown = (group.enrolments as { id: string; safetyChecks: unknown }[]).find((e) => e.id === created.id);
    expect(shown?.safetyChecks).toEqual(checks);
    // Older referrals recorded without checks show none, rather than failing.
    expect((group.enrolments as { personId: string; safetyChecks: unknown }[]).find((e) => e.personId === t.fx.people.victim)?.safetyChecks).toBeNull();
  });

  it("a perpetrator's referral needs support offered to the partner and a risk assessment", async () => {
    const p = t.testDb.db.prisma;
    const perp = await p.person.create({ data: { reference: `PP2${Date.now().toString(36)}`, firstName: "Paul", lastName: "Tester", kind: "adult" } });
    await p.familyMember.create({ data: { familyId: t.fx.families.mine, personId: perp.id, role: "perpetrator" } });
    const dv = await t.as(t.fx.users.dv_worker.id);
    const r = await outcome(dv.programmes.enrolments.create({ groupId: t.fx.groups.perpetrators, personId: perp.id, safetyChecks: { track: "perpetrators", partnerOfferedSupport: true, riskAssessed: false } }));
    expect(paths(r.error)).toEqual(["safetyChecks.riskAssessed"]);
  });
});

describe("one-to-one work after the group", () => {
  it("is offered only after the perpetrators' group is completed, then started, completed with dates in order, counted as completed", async () => {
    const p = t.testDb.db.prisma;
    const programme = await p.programme.create({ data: { code: `IFP_1TO1_${Date.now().toString(36)}`, name: "Targeted 1-2-1 work with men", kind: "one_to_one", workstream: "DAARR" } });
    const dv = await t.as(t.fx.users.dv_worker.id);
    const input = { personId: t.fx.people.perpetrator, programmeId: programme.id, referredAt: "2025-07-01" };

    // The fixture's perpetrator is still in the group.
    const early = await outcome(dv.programmes.oneToOne.create(input));
    expect(early.code).toBe("BAD_REQUEST");
    expect(paths(early.error)).toEqual(["personId"]);

    await p.enrolment.updateMany({ where: { personId: t.fx.people.perpetrator, groupId: t.fx.groups.perpetrators }, data: { status: "completed", startedAt: new Date("2025-04-01"), completedAt: new Date("2025-06-03") } });
    expect((await dv.programmes.oneToOne.candidates({})).items).toEqual([{ personId: t.fx.people.perpetrator, name: "Peter Tester", group: "Perpetrators Tuesday", completedAt: "2025-06-03" }]);
    const bad = await outcome(dv.programmes.oneToOne.create({ ...input, startedAt: "2025-06-30" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(paths(bad.error)).toEqual(["startedAt"]);

    const work = await dv.programmes.oneToOne.create({ ...input, referralSource: "Group facilitator" });
    expect(work).toMatchObject({ status: "referred", referredAt: "2025-07-01", startedAt: null, familyId: t.fx.families.mine, programmeId: programme.id, groupId: null });
    expect((await outcome(dv.programmes.oneToOne.create(input))).code).toBe("CONFLICT");
    expect((await dv.programmes.oneToOne.candidates({})).items).toEqual([]);

    const started = await dv.programmes.oneToOne.update({ id: work.id, version: work.version, patch: { status: "started", startedAt: "2025-07-08" } });
    expect(started.status).toBe("started");
    const noDate = await outcome(dv.programmes.oneToOne.update({ id: work.id, version: started.version, patch: { status: "completed" } }));
    expect(paths(noDate.error)).toEqual(["completedAt"]);
    const before = await outcome(dv.programmes.oneToOne.update({ id: work.id, version: started.version, patch: { status: "completed", completedAt: "2025-07-07" } }));
    expect(paths(before.error)).toEqual(["completedAt"]);
    const done = await dv.programmes.oneToOne.update({ id: work.id, version: started.version, patch: { status: "completed", completedAt: "2025-09-16" } });
    expect(done).toMatchObject({ status: "completed", startedAt: "2025-07-08", completedAt: "2025-09-16", version: 3 });
    expect((await outcome(dv.programmes.oneToOne.update({ id: work.id, version: started.version, patch: { completedAt: "2025-09-15" } }))).code).toBe("CONFLICT");

    const open = await dv.programmes.oneToOne.list({ open: true });
    expect(open.items.map((i) => i.id)).not.toContain(work.id);
    const closed = await dv.programmes.oneToOne.list({ open: false });
    expect(closed.items.find((i) => i.id === work.id)).toMatchObject({ status: "completed", person: { firstName: "Peter", lastName: "Tester" }, programme: { name: "Targeted 1-2-1 work with men" } });
    // Another team's practitioner sees none of it.
    const other = await t.as(t.fx.otherTeam.id);
    expect((await other.programmes.oneToOne.list({})).items.map((i) => i.id)).not.toContain(work.id);
    expect((await outcome(other.programmes.oneToOne.update({ id: work.id, version: done.version, patch: { status: "withdrawn" } }))).code).toBe("FORBIDDEN");
    const audit = await p.auditLog.findMany({ where: { action: "programmes.oneToOne.update", outcome: "success" } });
    expect(audit).toHaveLength(2);
  });
});

describe("withdrawing from a group and re-instating", () => {
  it("needs a date and a reason, takes the person off later registers, counts a stale save as a conflict, re-instates, and audits", async () => {
    const p = t.testDb.db.prisma;
    const perp = await p.person.create({ data: { reference: `PW${Date.now().toString(36)}`, firstName: "Walter", lastName: "Withdrew", kind: "adult" } });
    await p.familyMember.create({ data: { familyId: t.fx.families.mine, personId: perp.id, role: "perpetrator" } });
    const e = await p.enrolment.create({ data: { personId: perp.id, programmeId: t.fx.programme, groupId: t.fx.groups.perpetrators, familyId: t.fx.families.mine, status: "started", referredAt: new Date("2025-03-10"), startedAt: new Date("2025-03-18") } });
    const manager = await t.as(t.fx.users.manager.id);

    // No date or reason: 400 naming both fields; nothing written.
    const bare = await outcome(manager.programmes.enrolments.update({ id: e.id, version: 1, patch: { status: "withdrawn" } }));
    expect(bare.code).toBe("BAD_REQUEST");
    expect(paths(bare.error)).toEqual(["withdrawnAt", "withdrawalReason"]);
    // Withdrawn before the referral.
    const early = await outcome(manager.programmes.enrolments.update({ id: e.id, version: 1, patch: { status: "withdrawn", withdrawnAt: "2025-03-09", withdrawalReason: "Moved out of area" } }));
    expect(paths(early.error)).toEqual(["withdrawnAt"]);
    expect((await p.enrolment.findUniqueOrThrow({ where: { id: e.id } })).version).toBe(1);

    const withdrawn = await manager.programmes.enrolments.update({ id: e.id, version: 1, patch: { status: "withdrawn", withdrawnAt: "2025-03-25", withdrawalReason: "Moved out of area" } });
    expect(withdrawn).toMatchObject({ status: "withdrawn", withdrawnAt: "2025-03-25", withdrawalReason: "Moved out of area", startedAt: "2025-03-18", version: 2 });

    // The fixture's session 1 is on 2025-04-01, after the withdrawal: not on its register.
    const attendanceBefore = await p.attendance.count({ where: { enrolmentId: e.id } });
    const mark = await outcome(manager.programmes.register.mark({ sessionId: t.fx.session, entries: [{ enrolmentId: e.id, status: "attended" }] }));
    expect(mark.code).toBe("BAD_REQUEST");
    expect(paths(mark.error)).toEqual(["entries.0.enrolmentId"]);
    expect(await p.attendance.count({ where: { enrolmentId: e.id } })).toBe(attendanceBefore);
    // Nor is the person listed on that register.
    const register = await manager.programmes.register.get({ sessionId: t.fx.session });
    expect(register.entries.map((r) => r.enrolmentId)).not.toContain(e.id);

    // Another tab still on version 1.
    expect((await outcome(manager.programmes.enrolments.update({ id: e.id, version: 1, patch: { status: "completed", completedAt: "2025-05-30" } }))).code).toBe("CONFLICT");

    // Re-instate: back to started (the work had started), withdrawal cleared; can be marked again.
    const back = await manager.programmes.enrolments.update({ id: e.id, version: 2, patch: { status: "started", withdrawnAt: null, withdrawalReason: null } });
    expect(back).toMatchObject({ status: "started", withdrawnAt: null, withdrawalReason: null, startedAt: "2025-03-18", version: 3 });
    expect((await manager.programmes.register.get({ sessionId: t.fx.session })).entries.map((r) => r.enrolmentId)).toContain(e.id);
    expect(await manager.programmes.register.mark({ sessionId: t.fx.session, entries: [{ enrolmentId: e.id, status: "attended" }] })).toEqual({ marked: 1 });

    const audit = await p.auditLog.findMany({ where: { action: "programmes.enrolments.update", outcome: "success", entityIds: { has: e.id } } });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.personIds.includes(perp.id))).toBe(true);
  });
});
