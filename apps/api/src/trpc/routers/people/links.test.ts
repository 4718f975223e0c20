/**
 * The information barrier for records staff enter themselves (issue #15,
 * findings 1, 2 and 8): every pair here is made through the API — family
 * roles, an explicit link across families, a MARAC referral naming the
 * perpetrator — never written to the database by the test.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { canariesOf, canaryContact, expectNoLeakOnAnyRead, leaks, newFamily, newPerson, PERPETRATOR_CHECKS } from "../../../test/barrier.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const as = (who: "manager" | "dv_worker" | "practitioner") => t.as(t.fx.users[who].id);

/** A perpetrators' group facilitated by the demo dv_worker (the fixture's): enrol someone in it through the API. */
async function enrolInPerpetratorsGroup(personId: string) {
  const dv = await as("dv_worker");
  return dv.programmes.enrolments.create({ groupId: t.fx.groups.perpetrators, personId, safetyChecks: PERPETRATOR_CHECKS });
}

describe("finding 1: a pair entered through the product is behind the barrier", () => {
  it("same family: victim and perpetrator roles link them, and the perpetrator's facilitator cannot read her address", { timeout: 240_000 }, async () => {
    const manager = await as("manager");
    const family = await newFamily(manager, "Barrier same family");
    const victim = await newPerson(manager, family.id, "victim", "Vera");
    const perpetrator = await newPerson(manager, family.id, "perpetrator", "Paul");
    const contact = canaryContact(1);
    await manager.people.contact.update({ personId: victim.id, version: 0, patch: contact });
    // The canary is really there: the family's own worker reads it.
    expect((await manager.people.contact.get({ personId: victim.id }))?.postcode).toBe(contact.postcode);
    await enrolInPerpetratorsGroup(perpetrator.id);

    const dv = await as("dv_worker");
    const missing = await outcome(dv.people.contact.get({ personId: randomUUID() }));
    const barred = await outcome(dv.people.contact.get({ personId: victim.id }));
    expect(barred.code).toBe("NOT_FOUND");
    // Uniform answer: a barred record reads exactly like a missing one.
    expect((barred.error as Error).message).toBe((missing.error as Error).message);
    expect(leaks(barred, canariesOf(contact))).toEqual([]);
    // Both records show the link to the family's worker.
    const links = await manager.people.links.list({ personId: perpetrator.id });
    expect(links.items.map((l) => [l.victim.id, l.perpetrator.id, l.bases.map((b) => b.basis)])).toEqual([[victim.id, perpetrator.id, ["family"]]]);
    const denied = await t.testDb.db.prisma.auditLog.count({ where: { action: "people.contact.get", outcome: "denied", actorId: t.fx.users.dv_worker.id, personIds: { has: victim.id } } });
    expect(denied).toBe(1);
    // Nor through any other read path, as the facilitator of his group.
    expect(await expectNoLeakOnAnyRead(dv, [victim.id, perpetrator.id, family.id, t.fx.groups.perpetrators], canariesOf(contact))).toBeGreaterThan(0);
  });

  it("across families: a DA worker records a perpetrator in a new family and links him to a victim elsewhere", async () => {
    const manager = await as("manager");
    const dv = await as("dv_worker");
    const hers = await newFamily(manager, "Barrier her family");
    const victim = await newPerson(manager, hers.id, "victim", "Wendy");
    const contact = canaryContact(2);
    await manager.people.contact.update({ personId: victim.id, version: 0, patch: contact });
    // The DA worker opens a family record for him (police referral) and adds him.
    const his = await newFamily(dv, "Barrier his family");
    const perpetrator = await newPerson(dv, his.id, "perpetrator", "Quentin");
    // Before the link, nothing bars the DA worker (she works in the team).
    expect((await dv.people.contact.get({ personId: victim.id }))?.phone).toBe(contact.phone);
    const link = await dv.people.links.create({ victimId: victim.id, perpetratorId: perpetrator.id, basis: "police" });
    expect((await outcome(dv.people.links.create({ victimId: victim.id, perpetratorId: perpetrator.id, basis: "police" }))).code).toBe("CONFLICT");
    // From the moment the link exists, the worker allocated to his family is barred from her.
    expect((await outcome(dv.people.contact.get({ personId: victim.id }))).code).toBe("NOT_FOUND");
    await enrolInPerpetratorsGroup(perpetrator.id);
    const answered = await expectNoLeakOnAnyRead(dv, [victim.id, perpetrator.id, hers.id, his.id, link.id, t.fx.groups.perpetrators], canariesOf(contact));
    expect(answered).toBeGreaterThan(0);
    // Her own family's manager sees the link on both records, named.
    const onHers = await manager.people.links.list({ personId: victim.id });
    expect(onHers.items.map((l) => [l.perpetrator.id, l.bases.map((b) => b.basis)])).toEqual([[perpetrator.id, ["police"]]]);
    // Ending needs a manager and a reason; then the barrier lifts (no other basis links them).
    expect((await outcome((await as("practitioner")).people.links.end({ id: link.id, version: link.version, reason: "Linked in error by the police" }))).code).toBe("FORBIDDEN");
    expect((await outcome(manager.people.links.end({ id: link.id, version: link.version, reason: "short" }))).code).toBe("BAD_REQUEST");
    await manager.people.links.end({ id: link.id, version: link.version, reason: "Police confirmed the link was recorded in error" });
    const ended = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "people.links.end", entityIds: { has: link.id } } });
    expect(ended?.actorId).toBe(t.fx.users.manager.id);
    expect((await dv.people.contact.get({ personId: victim.id }))?.phone).toBe(contact.phone);
  }, 240_000);

  it("a MARAC referral naming the perpetrator links the pair", async () => {
    const manager = await as("manager");
    const hers = await newFamily(manager, "Barrier MARAC her");
    const his = await newFamily(manager, "Barrier MARAC his");
    const victim = await newPerson(manager, hers.id, "victim", "Xena");
    const perpetrator = await newPerson(manager, his.id, "perpetrator", "Rory");
    await manager.people.contact.update({ personId: victim.id, version: 0, patch: canaryContact(3) });
    await enrolInPerpetratorsGroup(perpetrator.id);
    const dv = await as("dv_worker");
    expect((await dv.people.contact.get({ personId: victim.id }))?.phone).toBe(canaryContact(3).phone);
    const referredOn = new Date(t.clock.now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    await manager.marac.create({ personId: victim.id, perpetratorPersonId: perpetrator.id, familyId: hers.id, referredOn, referringAgency: "police", dashScore: 15, criteria: ["visible_high_risk"] });
    expect((await outcome(dv.people.contact.get({ personId: victim.id }))).code).toBe("NOT_FOUND");
    // Her MARAC referrals: the same answer as for a person who does not exist (no distinctive 403).
    const barred = await outcome(dv.marac.list({ personId: victim.id }));
    const missing = await outcome(dv.marac.list({ personId: randomUUID() }));
    expect([barred.code, (barred.error as Error).message]).toEqual([missing.code, (missing.error as Error).message]);
  });
});

describe("finding 2: break-glass is read-only", () => {
  it("during an override the barred worker reads, but cannot change her record or write records naming her", async () => {
    const manager = await as("manager");
    const family = await newFamily(manager, "Barrier override");
    const victim = await newPerson(manager, family.id, "victim", "Yasmin");
    const perpetrator = await newPerson(manager, family.id, "perpetrator", "Stan");
    const contact = canaryContact(4);
    const saved = await manager.people.contact.update({ personId: victim.id, version: 0, patch: contact });
    await enrolInPerpetratorsGroup(perpetrator.id);
    const override = await manager.people.overrides.create({ personId: victim.id, userId: t.fx.users.dv_worker.id, reason: "Police need a safe contact route today", minutes: 60 });
    const dv = await as("dv_worker");
    expect((await dv.people.contact.get({ personId: victim.id }))?.phone).toBe(contact.phone);
    const today = t.clock.now.toISOString().slice(0, 10);
    const writes = {
      contact: await outcome(dv.people.contact.update({ personId: victim.id, version: saved.version, patch: { confidentiality: "normal" } })),
      consent: await outcome(dv.consent.create({ personId: victim.id, purpose: "programme_referral", recipientAgency: "police", status: "given", decidedAt: today })),
      followUp: await outcome(dv.followUps.create({ familyId: family.id, personId: victim.id, kind: "contact", dueDate: today })),
    };
    expect(Object.fromEntries(Object.entries(writes).map(([k, v]) => [k, v.code]))).toEqual({ contact: "NOT_FOUND", consent: "NOT_FOUND", followUp: "NOT_FOUND" });
    const after = await manager.people.contact.get({ personId: victim.id });
    expect([after?.confidentiality, after?.version]).toEqual(["protected", saved.version]);
    expect(await t.testDb.db.prisma.consentToShare.count({ where: { personId: victim.id } })).toBe(0);
    expect(await t.testDb.db.prisma.followUp.count({ where: { personId: victim.id } })).toBe(0);
    // Every read under the override is audited with its reason, and the manager's review list shows what was read.
    const read = await t.testDb.db.prisma.auditLog.findFirst({ where: { action: "people.contact.get", outcome: "success", actorId: t.fx.users.dv_worker.id, entityIds: { has: override.id } } });
    expect(read?.reason).toBe("safeguarding override: Police need a safe contact route today");
    const review = await manager.people.overrides.review({ days: 1 });
    const mine = review.items.find((i) => i.id === override.id)!;
    expect([mine.status, mine.reads.length, mine.reads[0]?.fields]).toEqual(["in force", 1, expect.arrayContaining(["phone", "postcode"])]);
    // After it expires, reading stops too.
    t.clock.now = new Date(t.clock.now.getTime() + 61 * 60_000);
    try {
      expect((await outcome((await as("dv_worker")).people.contact.get({ personId: victim.id }))).code).toBe("NOT_FOUND");
      expect((await (await as("manager")).people.overrides.review({ days: 1 })).items.find((i) => i.id === override.id)?.status).toBe("expired");
    } finally {
      t.clock.now = new Date();
    }
  });
});

describe("finding 8: protected addresses stay protected", () => {
  it("a perpetrator's address that repeats her protected address is withheld from those barred from her", async () => {
    const manager = await as("manager");
    const family = await newFamily(manager, "Barrier household");
    const victim = await newPerson(manager, family.id, "victim", "Zoe");
    const perpetrator = await newPerson(manager, family.id, "perpetrator", "Tom");
    const contact = canaryContact(5);
    await manager.people.contact.update({ personId: victim.id, version: 0, patch: contact });
    // Same household before separation: his record is given her address (written differently).
    const his = await manager.people.contact.update({
      personId: perpetrator.id,
      version: 0,
      patch: { addressLine1: contact.addressLine1.toUpperCase().replace(" ", ", "), postcode: contact.postcode.replace(" ", ""), phone: "07700 900777" },
    });
    // The person entering it is told why.
    expect(his.addressWithheld).toMatch(/withheld from staff working with/);
    await enrolInPerpetratorsGroup(perpetrator.id);
    const dv = await as("dv_worker");
    const seen = await dv.people.contact.get({ personId: perpetrator.id });
    expect([seen?.phone, seen?.addressLine1, seen?.postcode, seen?.addressWithheld]).toEqual(["07700 900777", null, null, expect.stringMatching(/withheld/)]);
    expect(leaks(seen, canariesOf(contact))).toEqual([]);
    // The family's worker (not barred) still sees both.
    expect((await manager.people.contact.get({ personId: perpetrator.id }))?.postcode).toBe(contact.postcode.replace(" ", ""));
    // A different address on his record is not withheld.
    const other = await manager.people.contact.update({ personId: perpetrator.id, version: his.version, patch: { addressLine1: "9 Different Road", postcode: "SL3 3AA" } });
    expect(other.addressWithheld).toBeNull();
    expect((await dv.people.contact.get({ personId: perpetrator.id }))?.postcode).toBe("SL3 3AA");
  });
});
