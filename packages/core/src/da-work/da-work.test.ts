import { describe, expect, it } from "vitest";
import {
  dashRiskLevel,
  maracCriteriaProblem,
  repeatMaracReferrals,
  ZDaConsultationCreateInput,
  ZMaracOutcomeInput,
  ZMaracReferralCreateInput,
} from "./index.js";

describe("DASH risk level", () => {
  it("is high from 14 'yes' answers, medium from 10, standard below", () => {
    expect([0, 9, 10, 13, 14, 24].map(dashRiskLevel)).toEqual(["standard", "standard", "medium", "medium", "high", "high"]);
  });
  it("refuses scores that are not 0..24", () => {
    expect(() => dashRiskLevel(25)).toThrow(RangeError);
    expect(() => dashRiskLevel(-1)).toThrow(RangeError);
    expect(() => dashRiskLevel(12.5)).toThrow(RangeError);
  });
});

describe("MARAC criteria", () => {
  it("visible high risk needs a DASH score of 14 or more", () => {
    expect(maracCriteriaProblem({ criteria: ["visible_high_risk"], dashScore: 14 })).toBeNull();
    expect(maracCriteriaProblem({ criteria: ["visible_high_risk"], dashScore: 13 })?.path).toBe("dashScore");
    expect(maracCriteriaProblem({ criteria: ["visible_high_risk"] })?.path).toBe("dashScore");
  });
  it("professional judgement and escalation stand without a high score", () => {
    expect(maracCriteriaProblem({ criteria: ["professional_judgement"], dashScore: 8 })).toBeNull();
    expect(maracCriteriaProblem({ criteria: ["potential_escalation"] })).toBeNull();
    expect(maracCriteriaProblem({ criteria: [] })?.path).toBe("criteria");
  });
  it("the input schema names the field at fault", () => {
    const base = { personId: "p1", referredOn: "2018-03-01", referringAgency: "childrens_services" };
    const bad = ZMaracReferralCreateInput.safeParse({ ...base, criteria: ["visible_high_risk"], dashScore: 12 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["dashScore"]);
    expect(ZMaracReferralCreateInput.safeParse({ ...base, criteria: ["professional_judgement", "professional_judgement"] }).error?.issues[0]?.path).toEqual(["criteria"]);
    expect(ZMaracReferralCreateInput.safeParse({ ...base, criteria: ["visible_high_risk"], dashScore: 25 }).success).toBe(false);
    expect(ZMaracReferralCreateInput.safeParse({ ...base, referredOn: "2018-02-30", criteria: ["professional_judgement"] }).error?.issues[0]?.path).toEqual(["referredOn"]);
    expect(ZMaracReferralCreateInput.safeParse({ ...base, criteria: ["visible_high_risk"], dashScore: 16 }).success).toBe(true);
  });
  it("an outcome heard at MARAC needs the conference date", () => {
    expect(ZMaracOutcomeInput.safeParse({ id: "m1", version: 1, outcome: "heard_actions_agreed" }).error?.issues[0]?.path).toEqual(["conferenceDate"]);
    expect(ZMaracOutcomeInput.safeParse({ id: "m1", version: 1, outcome: "withdrawn" }).success).toBe(true);
  });
});

describe("repeat MARAC referrals", () => {
  it("a referral within 12 months of the same victim's previous referral is a repeat (the anniversary day included)", () => {
    const repeats = repeatMaracReferrals([
      { id: "a2", personId: "v1", date: "2018-03-15" },
      { id: "a1", personId: "v1", date: "2017-03-15" },
      { id: "a3", personId: "v1", date: "2019-03-16" },
      { id: "b1", personId: "v2", date: "2017-06-01" },
      { id: "b2", personId: "v2", date: "2017-06-20" },
      { id: "c1", personId: "v3", date: "2018-01-01" },
    ]);
    // a2 is exactly 12 months after a1 (repeat); a3 is 12 months and a day after a2 (not a repeat).
    expect([...repeats].sort()).toEqual(["a2", "b2"]);
  });
  it("counts from the previous referral, not the first one (a chain of repeats)", () => {
    const repeats = repeatMaracReferrals([
      { id: "x1", personId: "v", date: "2017-01-10" },
      { id: "x2", personId: "v", date: "2017-11-10" },
      { id: "x3", personId: "v", date: "2018-09-10" },
    ]);
    expect([...repeats].sort()).toEqual(["x2", "x3"]);
  });
  it("29 February: 12 months on is 28 February", () => {
    const repeats = repeatMaracReferrals([
      { id: "l1", personId: "v", date: "2020-02-29" },
      { id: "l2", personId: "v", date: "2021-03-01" },
    ]);
    expect(repeats.size).toBe(0);
  });
});

describe("consultation input", () => {
  it("needs at least one topic and one outcome, each once", () => {
    const base = { date: "2018-05-02", consultedStaffId: "s1" };
    expect(ZDaConsultationCreateInput.safeParse({ ...base, topics: ["risk_assessment"], outcomes: ["advice_given"] }).success).toBe(true);
    expect(ZDaConsultationCreateInput.safeParse({ ...base, topics: [], outcomes: ["advice_given"] }).error?.issues[0]?.path).toEqual(["topics"]);
    expect(ZDaConsultationCreateInput.safeParse({ ...base, topics: ["risk_assessment"], outcomes: ["made_up"] }).error?.issues[0]?.path).toEqual(["outcomes", 0]);
    expect(ZDaConsultationCreateInput.safeParse({ ...base, topics: ["risk_assessment"], outcomes: ["advice_given"], notes: "x" }).success).toBe(false);
  });
});
