import { describe, expect, it } from "vitest";
import { caseEventProblem, followUpDueProblem } from "./case-checks.js";

const open = { start: "2026-09-01", end: null, plannedEnd: "2026-12-22" };
const closed = { start: "2019-01-07", end: null, plannedEnd: "2019-04-29" };

describe("caseEventProblem", () => {
  it("accepts a visit within the case", () => {
    expect(caseEventProblem({ what: "visit", day: "2026-12-01", case: open, today: "2026-12-06", happened: true })).toBeNull();
  });
  it("refuses a visit before the case started, naming the date", () => {
    expect(caseEventProblem({ what: "visit", day: "2026-08-31", case: open, today: "2026-12-06", happened: true })).toEqual({ path: "at", message: "The visit cannot be before the case started on 1 September 2026" });
  });
  it("refuses a visit that took place in the future, but not a planned meeting", () => {
    expect(caseEventProblem({ what: "visit", day: "2026-12-07", case: open, today: "2026-12-06", happened: true })?.path).toBe("at");
    expect(caseEventProblem({ what: "meeting", day: "2026-12-20", case: open, today: "2026-12-06", happened: false })).toBeNull();
  });
  it("a visit today on a case whose 16-week plan ended years ago needs a reason", () => {
    const p = caseEventProblem({ what: "visit", day: "2026-12-06", case: closed, today: "2026-12-06", happened: true });
    expect(p).toEqual({ path: "outsidePlanReason", message: "The case was planned to end on 29 April 2019. Give a reason for a visit after that (at least 10 characters)" });
    expect(caseEventProblem({ what: "visit", day: "2026-12-06", case: closed, today: "2026-12-06", happened: true, outsidePlanReason: "Family asked for one more visit" })).toBeNull();
    expect(caseEventProblem({ what: "visit", day: "2026-12-06", case: closed, today: "2026-12-06", happened: true, outsidePlanReason: "   short  " })?.path).toBe("outsidePlanReason");
  });
  it("an ended case is judged by its end, not its plan", () => {
    expect(caseEventProblem({ what: "meeting", day: "2019-05-10", case: { ...closed, end: "2019-05-20" }, today: "2026-12-06", happened: true })).toBeNull();
    expect(caseEventProblem({ what: "meeting", day: "2019-05-21", case: { ...closed, end: "2019-05-20" }, today: "2026-12-06", happened: true })?.message).toMatch(/^The case ended on 20 May 2019/);
  });
});

describe("followUpDueProblem", () => {
  it("refuses a follow-up due before the case started, and a contact before it ended", () => {
    expect(followUpDueProblem({ dueDate: "2026-08-01", kind: "onward_referral", case: { start: "2026-09-01", end: null } })?.message).toBe("A follow-up cannot be due before the case started on 1 September 2026");
    expect(followUpDueProblem({ dueDate: "2026-10-01", kind: "contact", case: { start: "2026-09-01", end: "2026-11-01" } })?.message).toBe("Follow-up contacts come after the case ended on 1 November 2026");
    expect(followUpDueProblem({ dueDate: "2026-10-01", kind: "onward_referral", case: { start: "2026-09-01", end: "2026-11-01" } })).toBeNull();
    expect(followUpDueProblem({ dueDate: "2026-11-01", kind: "contact", case: { start: "2026-09-01", end: "2026-11-01" } })).toBeNull();
  });
});
