import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date("2019-06-15T10:00:00Z");
});
afterAll(async () => {
  await t?.dispose();
});

const count = (model: "maracReferral" | "daConsultation") => (t.testDb.db.prisma[model] as unknown as { count(): Promise<number> }).count();

describe("MARAC referrals", () => {
  it("records a victim's referral with its criteria, marks repeats, records the outcome; stale versions conflict", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const first = await m.marac.create({ personId: t.fx.people.victim, familyId: t.fx.families.mine, referredOn: "2018-07-01", referringAgency: "childrens_services", dashScore: 16, criteria: ["visible_high_risk"] });
    expect(first).toMatchObject({ referredOn: "2018-07-01", dashScore: 16, criteria: ["visible_high_risk"], outcome: null, repeat: false, referringStaffId: t.fx.users.manager.staffId, version: 1 });
    // 2019-07-01 would be exactly 12 months; 2019-06-01 is within them: a repeat.
    const second = await m.marac.create({ personId: t.fx.people.victim, referredOn: "2019-06-01", referringAgency: "police", criteria: ["potential_escalation"] });
    expect(second.repeat).toBe(true);
    const list = await m.marac.list({ personId: t.fx.people.victim });
    expect(list.items.map((r) => [r.referredOn, r.repeat])).toEqual([["2019-06-01", true], ["2018-07-01", false]]);

    const heard = await m.marac.recordOutcome({ id: first.id, version: 1, outcome: "heard_actions_agreed", conferenceDate: "2018-07-12" });
    expect(heard).toMatchObject({ outcome: "heard_actions_agreed", conferenceDate: "2018-07-12", version: 2 });
    expect((await outcome(m.marac.recordOutcome({ id: first.id, version: 1, outcome: "withdrawn" }))).code).toBe("CONFLICT");
    expect((await outcome(m.marac.recordOutcome({ id: second.id, version: 1, outcome: "heard_no_actions", conferenceDate: "2019-05-30" }))).code).toBe("BAD_REQUEST");
    expect((await outcome(m.marac.recordOutcome({ id: second.id, version: 1, outcome: "heard_no_actions" }))).code).toBe("BAD_REQUEST");

    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: { startsWith: "marac." }, outcome: "success" }, select: { action: true, personIds: true } });
    expect(audit.filter((a) => a.action === "marac.create")).toHaveLength(2);
    expect(audit.filter((a) => a.action === "marac.recordOutcome")).toHaveLength(1);
    expect(audit.find((a) => a.action === "marac.list")?.personIds).toEqual([t.fx.people.victim]);
  });

  it("refuses a referral that does not meet the threshold, naming the field, and writes nothing", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const before = await count("maracReferral");
    const r = await outcome(m.marac.create({ personId: t.fx.people.victim, referredOn: "2019-01-01", referringAgency: "police", dashScore: 12, criteria: ["visible_high_risk"] }));
    expect(r.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(r)).toContain("dashScore");
    expect((await outcome(m.marac.create({ personId: t.fx.people.victim, referredOn: "2019-07-01", referringAgency: "police", criteria: ["professional_judgement"] }))).code).toBe("BAD_REQUEST");
    // A person outside the caller's scope, or a family the victim is not in.
    expect((await outcome(m.marac.create({ personId: t.fx.people.otherChild, referredOn: "2019-01-01", referringAgency: "police", criteria: ["professional_judgement"] }))).code).toBe("NOT_FOUND");
    expect((await outcome(m.marac.create({ personId: t.fx.people.victim, familyId: t.fx.families.otherTeam, referredOn: "2019-01-01", referringAgency: "police", criteria: ["professional_judgement"] }))).code).toBe("NOT_FOUND");
    expect(await count("maracReferral")).toBe(before);
  });

  it("the information barrier: nobody working with the perpetrator gets a referral back, and each refusal is audited", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const ref = await m.marac.create({ personId: t.fx.people.victim, referredOn: "2019-02-01", referringAgency: "health_visiting", criteria: ["professional_judgement"] });
    // The family's lead worker sees it.
    const lead = await t.as(t.fx.users.practitioner.id);
    expect((await lead.marac.get({ id: ref.id })).id).toBe(ref.id);
    for (const userId of [t.fx.users.dv_worker.id, t.fx.perpWorker.id]) {
      const c = await t.as(userId);
      expect((await outcome(c.marac.get({ id: ref.id }))).code).toBe("NOT_FOUND");
      expect((await outcome(c.marac.list({ personId: t.fx.people.victim }))).code).toBe("NOT_FOUND");
      const all = await c.marac.list({});
      expect(all.items.map((r) => r.id)).not.toContain(ref.id);
      expect(JSON.stringify(all)).not.toContain(t.fx.people.victim);
      const denied = await t.testDb.db.prisma.auditLog.count({ where: { actorId: userId, action: { in: ["marac.get", "marac.list"] }, outcome: "denied" } });
      expect(denied).toBe(2);
    }
    // The DV worker (facilitating the perpetrator's group) cannot record or change one either.
    const dv = await t.as(t.fx.users.dv_worker.id);
    const before = await count("maracReferral");
    expect((await outcome(dv.marac.create({ personId: t.fx.people.victim, referredOn: "2019-02-01", referringAgency: "police", criteria: ["professional_judgement"] }))).code).toBe("NOT_FOUND");
    expect((await outcome(dv.marac.recordOutcome({ id: ref.id, version: ref.version, outcome: "withdrawn" }))).code).toBe("NOT_FOUND");
    expect(await count("maracReferral")).toBe(before);
    // Another team's practitioner cannot see it at all.
    expect((await outcome((await t.as(t.fx.otherTeam.id)).marac.get({ id: ref.id }))).code).toBe("NOT_FOUND");
  });

  it("analysts and admins have no access to the records, only to the counts", async () => {
    for (const role of ["analyst", "admin"] as const) {
      const c = await t.as(t.fx.users[role].id);
      expect((await outcome(c.marac.list({}))).code).toBe("FORBIDDEN");
    }
    const analyst = await t.as(t.fx.users.analyst.id);
    // Referrals so far (tests above): 2018-07-01, 2019-06-01, 2019-02-01.
    const r = await analyst.monitoring.compute({ measureId: "marac_referrals", from: "2018-07-01", to: "2019-02-28" });
    expect(r.values.map((v) => v.value)).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe("DA coordinator consultations", () => {
  it("records a consultation in codes, lists it to those who may see the family, counts it in the measure", async () => {
    const dv = await t.as(t.fx.users.dv_worker.id);
    const staff = await dv.daConsultations.staff();
    expect(staff.items.some((s) => s.id === t.fx.users.practitioner.staffId)).toBe(true);
    const a = await dv.daConsultations.create({ date: "2019-03-04", consultedStaffId: t.fx.users.practitioner.staffId!, familyId: t.fx.families.mine, topics: ["risk_assessment", "safety_planning"], outcomes: ["dash_to_complete", "refer_to_marac"] });
    expect(a).toMatchObject({ date: "2019-03-04", coordinatorStaffId: t.fx.users.dv_worker.staffId, familyId: t.fx.families.mine, topics: ["risk_assessment", "safety_planning"] });
    const admin = await t.as(t.fx.users.admin.id);
    // An admin (no case records) can record one about no family, but not about a family.
    const b = await admin.daConsultations.create({ date: "2019-03-31", consultedStaffId: t.fx.users.manager.staffId!, coordinatorStaffId: t.fx.users.dv_worker.staffId!, topics: ["case_direction"], outcomes: ["advice_given"] });
    expect((await outcome(admin.daConsultations.create({ date: "2019-03-31", consultedStaffId: t.fx.users.manager.staffId!, familyId: t.fx.families.mine, topics: ["other"], outcomes: ["advice_given"] }))).code).toBe("NOT_FOUND");
    expect((await admin.daConsultations.list({})).items.map((c) => c.id)).toEqual([b.id]);
    expect((await dv.daConsultations.list({})).items.map((c) => c.id)).toEqual([b.id, a.id]);
    expect((await dv.daConsultations.list({ from: "2019-03-05" })).items.map((c) => c.id)).toEqual([b.id]);
    // Future dates, unknown staff and free text are refused; nothing is written.
    const before = await count("daConsultation");
    expect((await outcome(dv.daConsultations.create({ date: "2019-06-16", consultedStaffId: t.fx.users.manager.staffId!, topics: ["other"], outcomes: ["advice_given"] }))).code).toBe("BAD_REQUEST");
    expect((await outcome(dv.daConsultations.create({ date: "2019-03-01", consultedStaffId: "no-such-staff", topics: ["other"], outcomes: ["advice_given"] }))).code).toBe("NOT_FOUND");
    expect(await count("daConsultation")).toBe(before);
    expect(await t.testDb.db.prisma.auditLog.count({ where: { action: "daConsultations.create", outcome: "success" } })).toBe(2);
    // Practitioners and analysts do not read the consultation records; analysts see the counts.
    expect((await outcome((await t.as(t.fx.users.practitioner.id)).daConsultations.list({}))).code).toBe("FORBIDDEN");
    const analyst = await t.as(t.fx.users.analyst.id);
    expect((await outcome(analyst.daConsultations.list({}))).code).toBe("FORBIDDEN");
    const r = await analyst.monitoring.compute({ measureId: "da_coordinator_consultations", from: "2019-02-01", to: "2019-04-30" });
    expect(r.values.map((v) => v.value)).toEqual([0, 2, 0]);
  });
});
