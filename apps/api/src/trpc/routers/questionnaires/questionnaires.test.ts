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

const options = [0, 1, 2, 3, 4].map((value) => ({ value, label: `level ${value}` }));

describe("questionnaires", () => {
  it("scores responses in core and reports change per person between time points", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const instrument = await m.questionnaires.instruments.create({
      code: "SAFE3",
      name: "Safety (3 items)",
      items: [
        { id: "s1", text: "I feel afraid", options, reverse: true },
        { id: "s2", text: "I can keep my children safe", options },
        { id: "s3", text: "I have people to turn to", options },
      ],
      scoring: { method: "sum", higherIsBetter: true, maxMissing: 1, cutOffs: [{ label: "low", min: 0 }, { label: "good", min: 8 }] },
    });
    expect((await m.questionnaires.instruments.list({})).items.some((i) => i.id === instrument.id)).toBe(true);

    const c = await t.as(t.fx.users.practitioner.id);
    const entry = await c.questionnaires.responses.create({ personId: t.fx.people.victim, instrumentId: instrument.id, timePoint: "entry", completedAt: "2025-04-03T10:00:00Z", answers: { s1: 4, s2: 1, s3: 1 } });
    expect(entry.score).toBe(2); // (4-4) + 1 + 1
    expect(entry.band).toBe("low");
    const exit = await c.questionnaires.responses.create({ personId: t.fx.people.victim, instrumentId: instrument.id, timePoint: "exit", completedAt: "2025-06-05T10:00:00Z", answers: { s1: 1, s2: 3 } });
    expect(exit.score).toBe(9); // (3 + 3) prorated to 3 items
    expect(exit.missing).toEqual(["s3"]);
    // The client cannot send a score, an unknown item or an impossible value; too many gaps are refused.
    const bad = { personId: t.fx.people.victim, instrumentId: instrument.id, timePoint: "interim" as const, completedAt: "2025-05-01T10:00:00Z" };
    expect((await outcome(c.questionnaires.responses.create({ ...bad, answers: { s1: 1, s2: 1, s3: 1 }, score: 99 } as never))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.questionnaires.responses.create({ ...bad, answers: { s1: 1, s2: 1, s3: 9 } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.questionnaires.responses.create({ ...bad, answers: { s1: 1, s2: 1, s9: 1 } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.questionnaires.responses.create({ ...bad, answers: { s1: 1 } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(c.questionnaires.responses.create({ ...bad, completedAt: "2999-01-01T00:00:00Z", answers: { s1: 1, s2: 1, s3: 1 } }))).code).toBe("BAD_REQUEST");

    const change = await c.questionnaires.change({ personId: t.fx.people.victim });
    expect(change.changes).toHaveLength(1);
    expect(change.changes[0]).toMatchObject({ personId: t.fx.people.victim, instrumentId: instrument.id, baseline: { score: 2 }, overall: { from: "entry", to: "exit", change: 7, improved: true } });

    // Re-answering rescores; a stale version is refused.
    const rescored = await c.questionnaires.responses.update({ id: exit.id, version: exit.version, patch: { answers: { s1: 0, s2: 4, s3: 4 } } });
    expect(rescored.score).toBe(12);
    expect((await outcome(c.questionnaires.responses.update({ id: exit.id, version: exit.version, patch: { timePoint: "interim" } }))).code).toBe("CONFLICT");
    expect((await c.questionnaires.responses.list({ personId: t.fx.people.victim })).items).toHaveLength(2);

    // Items cannot change once answered; the name can.
    expect((await outcome(m.questionnaires.instruments.update({ id: instrument.id, version: instrument.version, patch: { scoring: { method: "mean", higherIsBetter: true, maxMissing: 0 } } }))).code).toBe("CONFLICT");
    const renamed = await m.questionnaires.instruments.update({ id: instrument.id, version: instrument.version, patch: { name: "Safety scale (3 items)" } });
    expect(renamed.version).toBe(instrument.version + 1);
    expect((await outcome(m.questionnaires.instruments.update({ id: instrument.id, version: instrument.version, patch: { name: "lost" } }))).code).toBe("CONFLICT");
    // Only managers maintain instruments.
    expect((await outcome(c.questionnaires.instruments.create({ code: "NOPE", name: "x", items: [{ id: "a", text: "a", options }], scoring: { method: "sum", higherIsBetter: true } }))).code).toBe("FORBIDDEN");

    const audit = await t.testDb.db.prisma.auditLog.count({ where: { action: { startsWith: "questionnaires." }, personIds: { has: t.fx.people.victim }, outcome: "success" } });
    expect(audit).toBeGreaterThanOrEqual(5);
  });

  it("scores the older stored form (reverse items on the scoring rule)", async () => {
    const p = t.testDb.db.prisma;
    const legacy = await p.questionnaireInstrument.create({ data: { code: "LEGACY2", name: "Legacy", items: [{ id: "a", text: "afraid", options }, { id: "b", text: "safe", options }], scoring: { method: "sum", min: 0, max: 8, higherIsBetter: true, reverseItems: ["a"] } } });
    const c = await t.as(t.fx.users.practitioner.id);
    const r = await c.questionnaires.responses.create({ personId: t.fx.people.child, instrumentId: legacy.id, timePoint: "entry", completedAt: "2025-04-03T10:00:00Z", answers: { a: 0, b: 2 } });
    expect(r.score).toBe(6);
  });

  it("hides another team's responses as NOT_FOUND", async () => {
    const p = t.testDb.db.prisma;
    const theirs = await p.questionnaireResponse.create({ data: { personId: t.fx.people.otherChild, instrumentId: t.fx.hub.instrument, timePoint: "entry", completedAt: new Date("2025-01-01"), answers: { q1: 1, q2: 1, q3: 1 }, score: 3 } });
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.questionnaires.responses.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.questionnaires.responses.update({ id: theirs.id, version: 1, patch: { timePoint: "exit" } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.questionnaires.responses.create({ personId: t.fx.people.otherChild, instrumentId: t.fx.hub.instrument, timePoint: "exit", completedAt: "2025-02-01T00:00:00Z", answers: { q1: 1, q2: 1, q3: 1 } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.questionnaires.change({ personId: t.fx.people.otherChild }))).code).toBe("NOT_FOUND");
    expect((await c.questionnaires.responses.list({ limit: 100 })).items.some((r) => r.id === theirs.id)).toBe(false);
    expect((await p.questionnaireResponse.findUniqueOrThrow({ where: { id: theirs.id } })).timePoint).toBe("entry");
  });
});
