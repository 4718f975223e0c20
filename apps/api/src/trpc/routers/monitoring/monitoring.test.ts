import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { closureReasonOf, loadMonitoringData } from "./load.js";

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
});
