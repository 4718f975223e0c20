/**
 * A family's worker refers a family member into a group (#17 finding 3), with the same safety checks
 * as those who run groups, through the API: only people on their caseload, never anyone they are
 * barred from, and the list of groups open to referral names no participant.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const PERPETRATOR_CHECKS = { track: "perpetrators" as const, partnerOfferedSupport: true, riskAssessed: true };

describe("referral into a group by the family's worker", () => {
  it("a social worker refers a father on their caseload into the perpetrators' group, with the safety checks", async () => {
    const sw = await t.as(t.fx.users.practitioner.id);
    const family = await sw.families.create({ reference: `RF${Date.now().toString(36)}`.slice(0, 20), name: "Referral family" });
    const father = await sw.people.create({ familyId: family.id, reference: `RP${Date.now().toString(36)}`.slice(0, 20), kind: "adult", familyRole: "perpetrator", firstName: "Frank", lastName: "Referral" });

    const open = await sw.programmes.groups.forReferral({ track: "perpetrators" });
    const group = open.items.find((g) => g.id === t.fx.groups.perpetrators)!;
    expect(group).toMatchObject({ name: "Perpetrators Tuesday", track: "perpetrators", language: "English" });
    // Who is in a group is not shown to someone choosing one.
    expect(JSON.stringify(open)).not.toMatch(/Peter|Vicky|firstName|enrolments/);

    const missing = await outcome(sw.programmes.enrolments.create({ groupId: group.id, personId: father.id, safetyChecks: { ...PERPETRATOR_CHECKS, riskAssessed: false } }));
    expect(missing.code).toBe("BAD_REQUEST");
    expect((missing.error as Error).message).toMatch(/risk assessment/);
    const referred = await sw.programmes.enrolments.create({ groupId: group.id, personId: father.id, safetyChecks: PERPETRATOR_CHECKS });
    expect(referred).toMatchObject({ personId: father.id, groupId: group.id, status: "referred" });
    expect(await t.testDb.db.prisma.auditLog.count({ where: { action: "programmes.enrolments.create", actorId: t.fx.users.practitioner.id, outcome: "success" } })).toBe(1);
  });

  it("never someone off their caseload, nor into a group that does not exist", async () => {
    const sw = await t.as(t.fx.otherTeam.id);
    const r = await outcome(sw.programmes.enrolments.create({ groupId: t.fx.groups.perpetrators, personId: t.fx.people.perpetrator, safetyChecks: PERPETRATOR_CHECKS }));
    expect(r.code).toBe("NOT_FOUND");
    const own = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(own.programmes.enrolments.create({ groupId: randomUUID(), personId: t.fx.people.perpetrator, safetyChecks: PERPETRATOR_CHECKS }))).code).toBe("NOT_FOUND");
  });

  it("a worker barred from a victim cannot refer her (her record reads as missing)", async () => {
    // The fixture's perpWorker is allocated to the perpetrator, so is barred from the victim.
    const barred = await t.as(t.fx.perpWorker.id);
    const r = await outcome(barred.programmes.enrolments.create({ groupId: t.fx.groups.victims, personId: t.fx.people.victim, safetyChecks: { track: "victims", perpetratorAbsent: true, travel: "Bus", safeToContact: true } }));
    expect(r.code).toBe("NOT_FOUND");
  });
});
