import { describe, expect, it } from "vitest";
import { NFA_OUTCOME, REFERRAL_OUTCOMES, referralOutcomeProblems } from "./referrals.js";

const today = "2026-11-26";
const base = { date: "2026-10-01", outcome: null, nfa: false, closedAt: null };

describe("referral outcome rules", () => {
  it("accepts a consistent outcome, NFA, and an imported referral with no outcome", () => {
    expect(referralOutcomeProblems({ ...base, outcome: "Assessment (CIN)" }, today)).toEqual([]);
    expect(referralOutcomeProblems({ ...base, outcome: NFA_OUTCOME, nfa: true, closedAt: "2026-10-01" }, today)).toEqual([]);
    expect(referralOutcomeProblems({ ...base, nfa: true }, today)).toEqual([]);
    expect(REFERRAL_OUTCOMES).toContain("No further action");
    expect(REFERRAL_OUTCOMES).toContain("Signposted to universal services");
  });

  it("NFA flag and outcome must agree, naming the field that disagrees", () => {
    expect(referralOutcomeProblems({ ...base, outcome: "Strategy discussion", nfa: true }, today).map((p) => p.path)).toEqual(["outcome"]);
    expect(referralOutcomeProblems({ ...base, outcome: "No further action", nfa: false }, today).map((p) => p.path)).toEqual(["nfa"]);
  });

  it("closes on or after the referral date and not after today", () => {
    expect(referralOutcomeProblems({ ...base, closedAt: "2026-09-30" }, today)).toEqual([{ path: "closedAt", message: "The referral cannot close before it was made" }]);
    expect(referralOutcomeProblems({ ...base, closedAt: "2026-11-27" }, today)).toEqual([{ path: "closedAt", message: "The closing date cannot be in the future" }]);
    expect(referralOutcomeProblems({ ...base, closedAt: "2026-11-26" }, today)).toEqual([]);
  });
});
