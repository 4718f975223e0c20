import { describe, expect, it } from "vitest";
import { daysOverdue, followUpSchedule, followUpState, ZFollowUpScheduleInput } from "./followUps.js";

describe("follow-up schedule", () => {
  it("plans monthly contacts for six months by default", () => {
    expect(followUpSchedule("2025-01-15")).toEqual(["2025-02-15", "2025-03-15", "2025-04-15", "2025-05-15", "2025-06-15", "2025-07-15"]);
  });
  it("clamps to the end of short months without drifting", () => {
    expect(followUpSchedule("2024-01-31", { months: 3 })).toEqual(["2024-02-29", "2024-03-31", "2024-04-30"]);
  });
  it("takes other lengths and intervals", () => {
    expect(followUpSchedule("2025-01-15", { months: 6, intervalMonths: 2 })).toEqual(["2025-03-15", "2025-05-15", "2025-07-15"]);
    expect(() => followUpSchedule("2025-01-15", { months: 0 })).toThrow();
    expect(() => followUpSchedule("2025-02-30")).toThrow();
    expect(ZFollowUpScheduleInput.safeParse({ hubCaseId: "h", enrolmentId: "e" }).success).toBe(false);
    expect(ZFollowUpScheduleInput.parse({ hubCaseId: "h" })).toMatchObject({ months: 6, intervalMonths: 1 });
  });
});

describe("due and overdue", () => {
  it("classifies follow-ups against today", () => {
    expect(followUpState({ dueDate: "2025-03-01", doneDate: null }, "2025-03-02")).toBe("overdue");
    expect(followUpState({ dueDate: "2025-03-01", doneDate: null }, "2025-03-01")).toBe("due");
    expect(followUpState({ dueDate: "2025-03-08", doneDate: null }, "2025-03-01")).toBe("due");
    expect(followUpState({ dueDate: "2025-03-09", doneDate: null }, "2025-03-01")).toBe("upcoming");
    expect(followUpState({ dueDate: "2025-03-01", doneDate: "2025-03-05" }, "2025-04-01")).toBe("done");
    expect(daysOverdue({ dueDate: "2025-03-01", doneDate: null }, "2025-03-11")).toBe(10);
    expect(daysOverdue({ dueDate: "2025-03-01", doneDate: "2025-03-02" }, "2025-03-11")).toBe(0);
  });
});
