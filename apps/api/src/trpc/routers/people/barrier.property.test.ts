/**
 * The information barrier as a property over generated relationships (#21,
 * finding 4). Each seed builds, through the API only, a few families, victims
 * and perpetrators with links of every kind (same family, explicit across
 * families, MARAC referral naming the perpetrator, counter-allegations in
 * both directions) and group referrals, then checks every worker against an
 * oracle written here from the rule itself: a worker is barred from a victim
 * when they facilitate a perpetrators' group a linked perpetrator is in, or
 * are allocated to a family of his that she is not in. Reads and writes are
 * scanned for her canaries; an override opens reading only, and only until it
 * expires; after it has expired every read and every write the worker may make (mutation
 * responses too) is scanned again.
 */
import { createRandom } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, inputState, type TestApp } from "../../../test/harness.js";
import { canariesOf, canaryContact, expectNoLeakOnAnyRead, expectNoLeakOnAnyWrite, leaks, newFamily, newPerson, PERPETRATOR_CHECKS } from "../../../test/barrier.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

type Worker = "manager" | "practitioner" | "dv_worker";
const WORKERS: Worker[] = ["manager", "practitioner", "dv_worker"];
type PersonSpec = { key: string; role: "victim" | "perpetrator"; family: number; id?: string; contact?: ReturnType<typeof canaryContact> };
type LinkSpec = { victim: string; perpetrator: string; mode: "family" | "explicit" | "marac" };

let contactSerial = 100;
let serial = 0;

async function scenario(seed: number, fullScan: boolean) {
  const rng = createRandom(seed);
  const as = (w: Worker) => t.as(t.fx.users[w].id);
  // Families: the creator is allocated as lead worker (families.create), which is what bars a worker from
  // the victims of a perpetrator in a family of theirs that the victim is not in.
  const creators: Worker[] = ["manager", "practitioner", "manager"];
  const families = [];
  for (const [i, creator] of creators.entries()) families.push(await newFamily(await as(creator), `Barrier property ${seed}-${i}`));
  const people: PersonSpec[] = [
    { key: "V1", role: "victim", family: rng.nextInt(3) },
    { key: "V2", role: "victim", family: rng.nextInt(3) },
    { key: "P1", role: "perpetrator", family: rng.nextInt(3) },
    { key: "P2", role: "perpetrator", family: rng.nextInt(3) },
  ];
  const byKey = new Map(people.map((p) => [p.key, p]));
  for (const p of people) {
    const creator = await as(creators[p.family]!);
    p.id = (await newPerson(creator, families[p.family]!.id, p.role, p.key)).id;
    p.contact = canaryContact(contactSerial++);
    await creator.people.contact.update({ personId: p.id, version: 0, patch: p.contact });
  }
  // Links: same family links itself; otherwise explicit or MARAC at random; sometimes a counter-allegation
  // (the perpetrator recorded as the victim of the victim) — both directions at once.
  const links: LinkSpec[] = [];
  for (const v of people.filter((p) => p.role === "victim")) {
    for (const p of people.filter((q) => q.role === "perpetrator")) {
      if (v.family === p.family) links.push({ victim: v.key, perpetrator: p.key, mode: "family" });
      else if (rng.next() < 0.6) links.push({ victim: v.key, perpetrator: p.key, mode: rng.next() < 0.5 ? "explicit" : "marac" });
    }
  }
  const cross = links.find((l) => l.mode !== "family");
  if (cross && rng.next() < 0.5) links.push({ victim: cross.perpetrator, perpetrator: cross.victim, mode: "explicit" });
  const enrolled = new Set(people.filter((p) => p.role === "perpetrator" && rng.next() < 0.7).map((p) => p.key));

  /** The oracle: who is barred from whom, from the rule alone. */
  const barred = (worker: Worker, victimKey: string, upTo = links.length) => {
    const v = byKey.get(victimKey)!;
    return links.slice(0, upTo).some((l) => {
      if (l.victim !== victimKey) return false;
      const p = byKey.get(l.perpetrator)!;
      if (worker === "dv_worker" && enrolled.has(p.key)) return true;
      return p.family !== v.family && creators[p.family] === worker;
    });
  };

  const manager = await as("manager");
  const referredOn = new Date(t.clock.now.getTime() - 14 * 86_400_000).toISOString().slice(0, 10);
  for (const [i, l] of links.entries()) {
    const v = byKey.get(l.victim)!;
    const p = byKey.get(l.perpetrator)!;
    // A manager barred from her by an earlier link cannot refer her to MARAC: record the link explicitly instead.
    if (l.mode === "marac" && barred("manager", l.victim, i)) l.mode = "explicit";
    if (l.mode === "marac") await manager.marac.create({ personId: v.id!, perpetratorPersonId: p.id!, referredOn, referringAgency: "police", criteria: ["professional_judgement"] });
    if (l.mode === "explicit") await manager.people.links.create({ victimId: v.id!, perpetratorId: p.id!, basis: "disclosure" });
  }
  const dv = await as("dv_worker");
  for (const key of enrolled) await dv.programmes.enrolments.create({ groupId: t.fx.groups.perpetrators, personId: byKey.get(key)!.id!, safetyChecks: PERPETRATOR_CHECKS });

  const victims = [...new Set(links.map((l) => l.victim))];
  const expected: Record<string, string> = {};
  const actual: Record<string, string> = {};
  for (const w of WORKERS) {
    const caller = await as(w);
    for (const key of people.map((p) => p.key)) {
      const v = byKey.get(key)!;
      const isBarred = victims.includes(key) && barred(w, key);
      expected[`${w}→${key}`] = isBarred ? "NOT_FOUND" : "OK";
      const read = await outcome(caller.people.contact.get({ personId: v.id! }));
      actual[`${w}→${key}`] = read.code;
      if (isBarred) {
        expect(leaks(read, canariesOf(v.contact!)), `${w} reading ${key}`).toEqual([]);
        // Writes naming her are refused too, and their answers carry nothing of hers.
        const today = t.clock.now.toISOString().slice(0, 10);
        for (const write of [
          () => caller.people.contact.update({ personId: v.id!, version: 1, patch: { confidentiality: "normal" } }),
          () => caller.consent.create({ personId: v.id!, purpose: "programme_referral", recipientAgency: "police", status: "given", decidedAt: today }),
          () => caller.people.update({ id: v.id!, version: 1, patch: { firstLanguage: "English" } }),
        ]) {
          const r = await outcome(write());
          expect(r.code, `${w} writing about ${key}`).toBe("NOT_FOUND");
          expect(leaks(r, canariesOf(v.contact!))).toEqual([]);
        }
      }
    }
  }
  expect(actual, `seed ${seed}: links ${JSON.stringify(links)}, enrolled ${[...enrolled]}`).toEqual(expected);

  const barredPair = WORKERS.filter((w) => w !== "manager").flatMap((w) => victims.filter((v) => barred(w, v)).map((v) => [w, v] as const))[0];
  if (fullScan && barredPair) {
    const [w, key] = barredPair;
    const ids = [...people.map((p) => p.id!), ...families.map((f) => f.id)];
    const answered = await expectNoLeakOnAnyRead(await as(w), ids, canariesOf(byKey.get(key)!.contact!));
    expect(answered).toBeGreaterThan(0);
  }
  if (barredPair) {
    // An override opens reading, for its time only.
    const [w, key] = barredPair;
    const v = byKey.get(key)!;
    await manager.people.overrides.create({ personId: v.id!, userId: t.fx.users[w].id, reason: "Property test: a child is at risk today", minutes: 15 });
    expect((await (await as(w)).people.contact.get({ personId: v.id! }))?.phone).toBe(v.contact!.phone);
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    try {
      const after = await outcome((await as(w)).people.contact.get({ personId: v.id! }));
      expect(after.code).toBe("NOT_FOUND");
      expect(leaks(after, canariesOf(v.contact!))).toEqual([]);
      if (fullScan) {
        // Once the override has expired (the clock still past it): every read again, and every write the worker
        // may make (valid inputs, each id field set to each of the scenario's people and families), scanned.
        const ids = [...people.map((p) => p.id!), ...families.map((f) => f.id)];
        expect(await expectNoLeakOnAnyRead(await as(w), ids, canariesOf(v.contact!))).toBeGreaterThan(0);
        const state = { ...inputState(t, () => serial++), caller: { role: w, ...t.fx.users[w] } };
        expect(await expectNoLeakOnAnyWrite(await as(w), state, ids, canariesOf(v.contact!))).toBeGreaterThan(50);
      }
    } finally {
      t.clock.now = new Date();
    }
  }
  return { links: links.length, barred: Object.values(expected).filter((c) => c === "NOT_FOUND").length, scanned: fullScan && !!barredPair };
}

describe("information barrier over generated relationships", () => {
  it("matches the oracle for every worker and person, across seeds, with full read and write scans on one", async () => {
    let barredPairs = 0;
    let scanned = false;
    for (const seed of [20261206, 7, 42, 1001]) {
      // The full scans on the first seed that bars a worker other than the manager.
      const r = await scenario(seed, !scanned);
      barredPairs += r.barred;
      scanned ||= r.scanned;
    }
    // The generator must actually produce barred pairs, and the full scans must have run, or the property says nothing.
    expect(barredPairs).toBeGreaterThan(3);
    expect(scanned).toBe(true);
  }, 600_000);
});
