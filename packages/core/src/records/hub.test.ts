import { describe, expect, it } from "vitest";
import { hubPlan, hubProgress, meetingKindProblem, ZActionCreateInput, ZMeetingCreateInput } from "./hub.js";

describe("hub plan", () => {
  it("plans 16 weeks with the mid-point half way", () => {
    const p = hubPlan("2025-01-06");
    expect(p.plannedEndDate).toBe("2025-04-28");
    expect(p.midPointDue).toBe("2025-03-03");
    expect(p.weekStarts).toHaveLength(16);
    expect(p.weekStarts[1]).toBe("2025-01-13");
    expect(hubPlan("2025-01-06", 5).midPointDue).toBe("2025-01-20");
    expect(() => hubPlan("2025-01-06", 17)).toThrow();
    expect(() => hubPlan("2025-02-30")).toThrow();
  });

  it("tracks weeks without a visit, meetings and overrun", () => {
    const base = { startDate: "2025-01-06", plannedEndDate: "2025-04-28", endDate: null, meetingsHeld: ["initial"] as const };
    const p = hubProgress({ ...base, visits: ["2025-01-07", "2025-01-21"], today: "2025-01-28" });
    expect(p.week).toBe(4);
    expect(p.weeksWithoutVisit).toEqual([2]);
    expect(p.nextMeeting).toBe("mid_point");
    expect(p.overrun).toBe(false);
    expect(hubProgress({ ...base, visits: [], today: "2025-05-01" })).toMatchObject({ week: 16, overrun: true });
    expect(hubProgress({ ...base, visits: [], today: "2025-01-01" }).week).toBe(0);
    expect(hubProgress({ ...base, endDate: "2025-01-20", visits: [], today: "2025-05-01" })).toMatchObject({ overrun: false, weeksWithoutVisit: [1, 2] });
  });

  it("allows each meeting once, the initial first", () => {
    expect(meetingKindProblem([], "initial")).toBeNull();
    expect(meetingKindProblem([], "closure")).toMatch(/initial meeting first/);
    expect(meetingKindProblem(["initial"], "initial")).toMatch(/already/);
    expect(meetingKindProblem(["initial"], "closure")).toBeNull();
  });

  it("validates meetings and actions", () => {
    expect(ZMeetingCreateInput.safeParse({ hubCaseId: "h", kind: "initial", at: "2025-01-06T10:00:00Z", agencies: [{ agency: "police" }, { agency: "police" }] }).success).toBe(false);
    expect(ZMeetingCreateInput.safeParse({ hubCaseId: "h", kind: "initial", at: "2025-01-06T10:00:00Z", agencies: [{ agency: "the pub" }] }).success).toBe(false);
    expect(ZActionCreateInput.safeParse({ meetingId: "m", description: "Refer to CAMHS" }).success).toBe(false);
    expect(ZActionCreateInput.safeParse({ meetingId: "m", description: "Refer to CAMHS", ownerAgency: "camhs", dueDate: "2025-02-01" }).success).toBe(true);
  });
});
