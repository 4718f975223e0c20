import { computeMeasure, maracCriteriaProblem, repeatMaracReferrals, completedPeriods, type TMaracCriterion } from "@evident/core";
import { describe, expect, it } from "vitest";
import { buildDemo } from "./demo.js";
import { DEFAULT_SEED } from "./index.js";
import { CANARY_MARAC_REFERRAL_ID, CONSULTATIONS_PER_MONTH, DA_COORDINATOR_STAFF_ID, MARAC_REFERRALS_PER_MONTH } from "./da-work.js";
import { CANARY } from "./users.js";

const rows = buildDemo({ seed: DEFAULT_SEED });
const iso = (d: unknown) => (d as Date).toISOString().slice(0, 10);

describe("DA coordinator consultations and MARAC referrals in the demo trust", () => {
  it("the seeded measures are no longer 0: near the stated monthly rates over the evaluation (April 2017 - January 2020)", () => {
    const periods = completedPeriods("month", "2017-04-01", "2020-01-31");
    expect(periods).toHaveLength(34);
    const data = {
      daConsultations: rows.daConsultation.map((c) => ({ id: c.id!, date: iso(c.date), familyId: c.familyId ?? null })),
      maracReferrals: rows.maracReferral.map((r) => ({ id: r.id!, date: iso(r.referredOn), personId: r.personId, familyId: r.familyId ?? null })),
    };
    const consultations = computeMeasure("da_coordinator_consultations", data, periods, {}).map((v) => v.value ?? -1);
    const marac = computeMeasure("marac_referrals", data, periods, {}).map((v) => v.value ?? -1);
    // Every month has some; the monthly average is within 10% of the stated rate (30 +/- 6 per month drawn).
    expect(Math.min(...consultations)).toBeGreaterThanOrEqual(CONSULTATIONS_PER_MONTH - 6);
    expect(Math.max(...consultations)).toBeLessThanOrEqual(CONSULTATIONS_PER_MONTH + 6);
    const avgC = consultations.reduce((a, b) => a + b, 0) / 34;
    expect(Math.abs(avgC - CONSULTATIONS_PER_MONTH)).toBeLessThan(3);
    // MARAC: 4 +/- 2 a month plus repeats (about one in ten), so on average between 4 and 5.5.
    const avgM = marac.reduce((a, b) => a + b, 0) / 34;
    expect(avgM).toBeGreaterThan(MARAC_REFERRALS_PER_MONTH - 0.5);
    expect(avgM).toBeLessThan(MARAC_REFERRALS_PER_MONTH + 1.5);
    expect(marac.filter((v) => v > 0).length).toBeGreaterThan(30);
  });

  it("every referral is of a victim in the family named, meets the MARAC criteria, and a heard referral has its conference date", () => {
    const victims = new Set(rows.familyMember.filter((m) => m.role === "victim").map((m) => `${m.familyId}|${m.personId}`));
    for (const r of rows.maracReferral) {
      expect(victims.has(`${r.familyId}|${r.personId}`)).toBe(true);
      expect(maracCriteriaProblem({ dashScore: r.dashScore ?? null, criteria: r.criteria as TMaracCriterion[] })).toBeNull();
      if (r.outcome === "heard_actions_agreed" || r.outcome === "heard_no_actions") expect(iso(r.conferenceDate) >= iso(r.referredOn)).toBe(true);
      else expect(r.conferenceDate ?? null).toBeNull();
    }
    const repeats = repeatMaracReferrals(rows.maracReferral.map((r) => ({ id: r.id!, personId: r.personId, date: iso(r.referredOn) })));
    const share = repeats.size / rows.maracReferral.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.2);
  });

  it("consultations name staff in post, the coordinator, and families that were open", () => {
    const staff = new Map(rows.staff.map((s) => [s.id!, s]));
    const families = new Map(rows.family.map((f) => [f.id!, f]));
    expect(staff.get(DA_COORDINATOR_STAFF_ID)?.jobTitle).toBe("Domestic Violence/Abuse Coordinator");
    let aboutFamily = 0;
    for (const c of rows.daConsultation) {
      const s = staff.get(c.consultedStaffId)!;
      expect(c.coordinatorStaffId).toBe(DA_COORDINATOR_STAFF_ID);
      expect(s.startDate <= c.date && (!s.leaveDate || s.leaveDate > c.date)).toBe(true);
      expect([0, 6]).not.toContain((c.date as Date).getUTCDay());
      if (c.familyId) {
        aboutFamily++;
        const f = families.get(c.familyId)!;
        expect(f.openedAt! <= c.date && (!f.closedAt || f.closedAt >= c.date)).toBe(true);
      }
    }
    expect(aboutFamily / rows.daConsultation.length).toBeGreaterThan(0.5);
  });

  it("has no test fixture: the canary victim's referral is seeded only with the test fixtures", () => {
    expect(rows.maracReferral.filter((r) => r.personId === CANARY.victimPersonId || r.id === CANARY_MARAC_REFERRAL_ID)).toEqual([]);
  });
});
