import { describe, expect, it } from "vitest";
import { enrolmentDateProblems, groupCompletionSummary, meetsCompletion, onRegister, registerMarkProblem, reinstatement } from "./enrolments.js";

describe("withdrawal from a group", () => {
  it("a withdrawn person is never a completer, even with enough sessions attended", () => {
    expect(meetsCompletion({ status: "started", attended: 8 }, 8)).toBe(true);
    expect(meetsCompletion({ status: "started", attended: 7 }, 8)).toBe(false);
    expect(meetsCompletion({ status: "withdrawn", attended: 9 }, 8)).toBe(false);
  });

  it("register and completion counts leave out withdrawn people", () => {
    // Five referred: two withdrew (one after 9 sessions), one completed with 10, one started with 8, one referred with 0.
    const members = [
      { status: "withdrawn" as const, attended: 9 },
      { status: "withdrawn" as const, attended: 1 },
      { status: "completed" as const, attended: 10 },
      { status: "started" as const, attended: 8 },
      { status: "referred" as const, attended: 0 },
    ];
    expect(groupCompletionSummary(members, 8)).toEqual({ onRegister: 3, withdrawn: 2, meetingThreshold: 2, completed: 1 });
    expect(groupCompletionSummary([], 8)).toEqual({ onRegister: 0, withdrawn: 0, meetingThreshold: 0, completed: 0 });
  });

  it("withdrawing needs a date and a reason (the existing date rules)", () => {
    const e = { status: "withdrawn" as const, referredAt: "2026-01-05", startedAt: "2026-01-12", completedAt: null, withdrawnAt: null, withdrawalReason: null };
    expect(enrolmentDateProblems(e, "2026-11-26").map((p) => p.path)).toEqual(["withdrawnAt", "withdrawalReason"]);
    expect(enrolmentDateProblems({ ...e, withdrawnAt: "2026-02-01", withdrawalReason: "Moved away" }, "2026-11-26")).toEqual([]);
  });

  it("re-instating goes back to started if the work had started, else referred, and clears the withdrawal", () => {
    expect(reinstatement({ status: "withdrawn", startedAt: "2026-01-12" })).toEqual({ status: "started", withdrawnAt: null, withdrawalReason: null });
    expect(reinstatement({ status: "withdrawn", startedAt: null })).toEqual({ status: "referred", withdrawnAt: null, withdrawalReason: null });
    expect(reinstatement({ status: "started", startedAt: "2026-01-12" })).toBeNull();
  });

  it("a withdrawn person is not marked at sessions on or after the day they withdrew", () => {
    const w = { status: "withdrawn", withdrawnAt: "2026-02-01" };
    expect(registerMarkProblem(w, "2026-01-31")).toBeNull();
    expect(registerMarkProblem(w, "2026-02-01")).not.toBeNull();
    expect(registerMarkProblem(w, "2026-02-08")).not.toBeNull();
    expect(registerMarkProblem({ status: "started", withdrawnAt: null }, "2026-02-08")).toBeNull();
  });

  it("the register of a session lists those who had not withdrawn by its day", () => {
    const w = { status: "withdrawn", withdrawnAt: "2026-02-01" };
    expect(onRegister(w, "2026-01-31")).toBe(true);
    expect(onRegister(w, "2026-02-01")).toBe(false);
    expect(onRegister({ status: "completed", withdrawnAt: null }, "2026-03-01")).toBe(true);
    expect(onRegister({ status: "referred", withdrawnAt: null }, "2026-03-01")).toBe(true);
  });
});
