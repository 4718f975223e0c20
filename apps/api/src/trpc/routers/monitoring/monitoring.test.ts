import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { loadMonitoringData } from "./cache.js";
import { closureReasonOf } from "./load.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe("monitoring from live records", () => {
  it("maps hub closure reasons by wording", () => {
    expect(closureReasonOf("No further action needed", true)).toBe("NO_FURTHER_ACTION");
    expect(closureReasonOf("Signposted to the food bank", true)).toBe("SIGNPOSTING_ONLY");
    expect(closureReasonOf("Goals met: stepped down", true)).toBe("STEP_DOWN");
    expect(closureReasonOf("Escalated to child protection", true)).toBe("ESCALATED");
    expect(closureReasonOf("Family disengaged", true)).toBe("OTHER");
    expect(closureReasonOf("anything", false)).toBeNull();
  });

  it("Figure 1: CP plans at month end whose family has a known perpetrator (hand-made records)", async () => {
    const p = t.testDb.db.prisma;
    // Family A has a perpetrator; family B has none. CP plans: child A from 10 Jan (open); the other child 5 Jan–20 Feb.
    await p.statusEpisode.create({ data: { childId: t.fx.people.child, status: "CP", startDate: new Date("2019-01-10") } });
    await p.statusEpisode.create({ data: { childId: t.fx.people.otherChild, status: "CP", startDate: new Date("2019-01-05"), endDate: new Date("2019-02-20") } });
    const data = await loadMonitoringData(p, ["episodes"]);
    const cp = data.episodes!.filter((e) => e.status === "CP");
    expect(cp.map((e) => [e.childId === t.fx.people.child ? "mine" : "other", e.perpetratorKnown])).toEqual(
      expect.arrayContaining([
        ["mine", true],
        ["other", false],
      ]),
    );
    const c = await t.as(t.fx.users.manager.id);
    const r = await c.monitoring.compute({ measureId: "cp_cases_known_da_perpetrator", from: "2018-12-01", to: "2019-02-28" });
    // December: none; January and February: child A only (the other family has no known perpetrator).
    expect(r.values.map((v) => [v.period.label, v.value])).toEqual([
      ["2018-12", 0],
      ["2019-01", 1],
      ["2019-02", 1],
    ]);
  });

  it("figures are cached until a record changes: a consultation added through the API counts on the next load", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const c = await t.as(t.fx.users.manager.id);
    const figure = () => c.monitoring.compute({ measureId: "da_coordinator_consultations", kind: "range", from: day(-60), to: day(-1) });
    const p = t.testDb.db.prisma;

    // Nothing yet; a second load with nothing changed is served from the cache (the same records, not read again).
    expect((await figure()).values.map((v) => v.value)).toEqual([0]);
    const first = await loadMonitoringData(p, ["daConsultations"]);
    expect(await loadMonitoringData(p, ["daConsultations"])).toEqual(first);
    expect((await loadMonitoringData(p, ["daConsultations"])).daConsultations).toBe(first.daConsultations);

    // A consultation recorded through the API 10 days ago: the very next load counts it.
    await c.daConsultations.create({ date: day(-10), consultedStaffId: t.fx.users.practitioner.staffId!, topics: ["risk_assessment"], outcomes: ["advice_given"] });
    expect((await figure()).values.map((v) => v.value)).toEqual([1]);
    expect((await figure()).values.map((v) => v.value)).toEqual([1]);

    // A change made outside the API (raw SQL, no updatedAt) is seen too: moved out of the range, then deleted.
    await t.testDb.db.raw.query(`UPDATE da_consultation SET date = $1`, [day(-90)]);
    expect((await figure()).values.map((v) => v.value)).toEqual([0]);
    await t.testDb.db.raw.query(`UPDATE da_consultation SET date = $1`, [day(-5)]);
    expect((await figure()).values.map((v) => v.value)).toEqual([1]);
    await t.testDb.db.raw.query(`DELETE FROM da_consultation`);
    expect((await figure()).values.map((v) => v.value)).toEqual([0]);
  });
});
