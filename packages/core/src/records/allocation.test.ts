import { describe, expect, it } from "vitest";
import { planAllocation } from "./allocation.js";

const worker = { caseRole: true, left: false };

describe("planAllocation", () => {
  it("ends the current lead when a new lead is allocated, keeping co-workers and person allocations", () => {
    const current = [
      { id: "a1", staffId: "manager", lead: true, personId: null },
      { id: "a2", staffId: "cowork", lead: false, personId: null },
      { id: "a3", staffId: "perp", lead: true, personId: "p1" },
    ];
    expect(planAllocation(current, { staffId: "prac", lead: true }, worker)).toEqual({ end: ["a1"], problem: null });
    expect(planAllocation(current, { staffId: "prac", lead: false }, worker)).toEqual({ end: [], problem: null });
  });
  it("makes a co-worker the lead by ending the co-worker allocation and the old lead", () => {
    const current = [
      { id: "a1", staffId: "manager", lead: true, personId: null },
      { id: "a2", staffId: "cowork", lead: false, personId: null },
    ];
    expect(planAllocation(current, { staffId: "cowork", lead: true }, worker)).toEqual({ end: ["a1", "a2"], problem: null });
  });
  it("refuses a repeat, a worker without a case role and a leaver", () => {
    const current = [{ id: "a1", staffId: "prac", lead: true, personId: null }];
    expect(planAllocation(current, { staffId: "prac", lead: true }, worker).problem).toBe("This person is already the lead worker.");
    expect(planAllocation([], { staffId: "x", lead: true }, { caseRole: false, left: false }).problem).toMatch(/cannot hold cases/);
    expect(planAllocation([], { staffId: "x", lead: true }, { caseRole: true, left: true }).problem).toBe("This person has left.");
  });
});
