import { describe, expect, it } from "vitest";
import { enrolmentDateProblems, oneToOneEligibilityProblem, readSafetyChecks, safetyCheckProblems, ZEnrolmentCreateInput, ZOneToOneCreateInput } from "../index.js";

describe("safety checks at referral into a group", () => {
  it("refuses a victim's referral when the perpetrator was present or there is no safe way to travel", () => {
    const problems = safetyCheckProblems("victims", { track: "victims", perpetratorAbsent: false, travel: "", safeToContact: true });
    expect(problems.map((p) => p.path)).toEqual(["safetyChecks.perpetratorAbsent", "safetyChecks.travel"]);
    expect(problems[0]!.message).toBe("You can only refer a victim when the perpetrator was not present. Speak to them alone first");
  });
  it("accepts a victim's referral with both checks met, even when it is not safe to contact them", () => {
    expect(safetyCheckProblems("victims", { track: "victims", perpetratorAbsent: true, travel: "Bus with a travel pass", safeToContact: false })).toEqual([]);
  });
  it("needs the checks, and the checks for the group's own track", () => {
    expect(safetyCheckProblems("victims", undefined)).toEqual([{ path: "safetyChecks", message: "Record the safety checks before referring someone into a group" }]);
    expect(safetyCheckProblems("perpetrators", { track: "victims", perpetratorAbsent: true, travel: "Bus", safeToContact: true })[0]!.path).toBe("safetyChecks.track");
  });
  it("refuses a perpetrator's referral without support offered to the partner or a risk assessment", () => {
    expect(safetyCheckProblems("perpetrators", { track: "perpetrators", partnerOfferedSupport: true, riskAssessed: false }).map((p) => p.path)).toEqual(["safetyChecks.riskAssessed"]);
    expect(safetyCheckProblems("perpetrators", { track: "perpetrators", partnerOfferedSupport: true, riskAssessed: true })).toEqual([]);
  });
  it("reads stored checks back, and nothing from older or malformed records", () => {
    expect(readSafetyChecks({ track: "perpetrators", partnerOfferedSupport: true, riskAssessed: true })).toEqual({ track: "perpetrators", partnerOfferedSupport: true, riskAssessed: true });
    expect(readSafetyChecks(null)).toBeNull();
    expect(readSafetyChecks({ riskAssessed: true })).toBeNull();
  });
  it("the referral input refuses unknown keys inside the checks", () => {
    expect(ZEnrolmentCreateInput.safeParse({ groupId: "g", personId: "p", safetyChecks: { track: "victims", perpetratorAbsent: true, travel: "Bus", safeToContact: true, extra: 1 } }).success).toBe(false);
  });
});

describe("one-to-one work after the group", () => {
  it("is only for someone who completed a perpetrators' group", () => {
    expect(oneToOneEligibilityProblem([])).toBe("One-to-one work is for men who have completed the perpetrators' group programme");
    expect(oneToOneEligibilityProblem([{ track: "perpetrators", status: "started" }, { track: "victims", status: "completed" }])).not.toBeNull();
    expect(oneToOneEligibilityProblem([{ track: "perpetrators", status: "withdrawn" }, { track: "perpetrators", status: "completed" }])).toBeNull();
  });
  it("cannot start before the referral", () => {
    const r = ZOneToOneCreateInput.safeParse({ personId: "p", referredAt: "2025-03-10", startedAt: "2025-03-09" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(["startedAt"]);
  });
  const base = { referredAt: "2025-01-10", startedAt: "2025-01-20", completedAt: null, withdrawnAt: null } as const;
  it("completed work needs a start and a completion date in order, not in the future", () => {
    expect(enrolmentDateProblems({ ...base, status: "completed", completedAt: "2025-03-31" }, "2025-04-01")).toEqual([]);
    expect(enrolmentDateProblems({ ...base, status: "completed" }, "2025-04-01")).toEqual([{ path: "completedAt", message: "Give the date the work was completed" }]);
    expect(enrolmentDateProblems({ ...base, status: "completed", completedAt: "2025-01-19" }, "2025-04-01").map((p) => p.path)).toEqual(["completedAt"]);
    expect(enrolmentDateProblems({ ...base, status: "completed", completedAt: "2025-04-02" }, "2025-04-01")).toEqual([{ path: "completedAt", message: "The completion cannot be in the future" }]);
    expect(enrolmentDateProblems({ ...base, status: "completed", startedAt: null, completedAt: "2025-03-01" }, "2025-04-01").map((p) => p.path)).toEqual(["startedAt"]);
  });
  it("withdrawal needs a date and a reason", () => {
    expect(enrolmentDateProblems({ ...base, status: "withdrawn" }, "2025-04-01").map((p) => p.path)).toEqual(["withdrawnAt", "withdrawalReason"]);
    expect(enrolmentDateProblems({ ...base, status: "withdrawn", withdrawnAt: "2025-02-01", withdrawalReason: "Moved away" }, "2025-04-01")).toEqual([]);
  });
});
