/**
 * Records checked against their case (#17 finding 2), through the API with dates relative to today:
 * a visit today on a case whose 16-week plan ran out needs a reason; a visit cannot have happened in the
 * future; a follow-up cannot be due before its case started, nor a planned contact before it ended.
 */
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

const dayOffset = (days: number) => new Date(t.clock.now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
const fieldOf = (r: { error?: unknown }) => {
  const e = r.error as { message?: string; cause?: { fieldErrors?: { path: string }[] } } | undefined;
  return JSON.stringify(e?.cause ?? e?.message ?? null);
};

describe("records checked against their case", () => {
  it("a visit today on a case whose plan ended needs a reason, a visit cannot be in the future, and a reason is kept", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const family = await c.families.create({ reference: `CC${Date.now().toString(36)}`.slice(0, 20), name: "Case checks family" });
    // Opened 20 weeks ago: its 16-week plan ended 4 weeks ago.
    const hubCase = await c.hub.create({ familyId: family.id, startDate: dayOffset(-140) });
    const today = `${dayOffset(0)}T09:00:00Z`;
    const late = await outcome(c.hub.visits.create({ hubCaseId: hubCase.id, at: today }));
    expect(late.code).toBe("BAD_REQUEST");
    expect(fieldOf(late)).toContain("outsidePlanReason");
    expect((late.error as Error).message).toMatch(/was planned to end on \d{1,2} \w+ \d{4}\. Give a reason/);
    const future = await outcome(c.hub.visits.create({ hubCaseId: hubCase.id, at: `${dayOffset(3)}T09:00:00Z`, outsidePlanReason: "Family asked for one more visit" }));
    expect(future.code).toBe("BAD_REQUEST");
    expect((future.error as Error).message).toMatch(/cannot be dated in the future/);
    const within = await c.hub.visits.create({ hubCaseId: hubCase.id, at: `${dayOffset(-100)}T09:00:00Z` });
    expect(within.outsidePlanReason).toBeNull();
    const kept = await c.hub.visits.create({ hubCaseId: hubCase.id, at: today, outsidePlanReason: "Family asked for one more visit before step-down" });
    expect(kept.outsidePlanReason).toBe("Family asked for one more visit before step-down");
    // Moving a visit past the plan needs the reason too.
    expect((await outcome(c.hub.visits.update({ id: within.id, version: within.version, patch: { at: `${dayOffset(-1)}T09:00:00Z`, outsidePlanReason: null } }))).code).toBe("BAD_REQUEST");
    // A meeting may be planned ahead while the plan runs; a held one cannot be in the future.
    const fresh = await c.families.create({ reference: `CD${Date.now().toString(36)}`.slice(0, 20), name: "Case checks fresh" });
    const open = await c.hub.create({ familyId: fresh.id, startDate: dayOffset(-7) });
    expect((await c.hub.meetings.create({ hubCaseId: open.id, kind: "initial", at: `${dayOffset(5)}T10:00:00Z`, held: false })).held).toBe(false);
    expect((await outcome(c.hub.meetings.create({ hubCaseId: open.id, kind: "mid_point", at: `${dayOffset(5)}T10:00:00Z`, held: true }))).code).toBe("BAD_REQUEST");
    expect(await t.testDb.db.prisma.tafMeeting.count({ where: { hubCaseId: open.id } })).toBe(1);
  });

  it("a follow-up cannot be due before its case started, nor a planned contact before the case ended", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const family = await c.families.create({ reference: `CF${Date.now().toString(36)}`.slice(0, 20), name: "Follow-up checks family" });
    const hubCase = await c.hub.create({ familyId: family.id, startDate: dayOffset(-30) });
    const before = await outcome(c.followUps.create({ familyId: family.id, hubCaseId: hubCase.id, kind: "contact", dueDate: dayOffset(-40) }));
    expect(before.code).toBe("BAD_REQUEST");
    expect((before.error as Error).message).toMatch(/cannot be due before the case started/);
    const ended = await c.hub.update({ id: hubCase.id, version: hubCase.version, patch: { endDate: dayOffset(-2), status: "stepped_down" } });
    const tooEarly = await outcome(c.followUps.create({ familyId: family.id, hubCaseId: ended.id, kind: "contact", dueDate: dayOffset(-10) }));
    expect((tooEarly.error as Error).message).toMatch(/Follow-up contacts come after the case ended/);
    expect((await c.followUps.create({ familyId: family.id, hubCaseId: ended.id, kind: "contact", dueDate: dayOffset(28) })).dueDate).toBe(dayOffset(28));
    expect(await t.testDb.db.prisma.followUp.count({ where: { hubCaseId: hubCase.id } })).toBe(1);
  });
});
