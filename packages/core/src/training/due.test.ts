import { describe, expect, it } from "vitest";
import { assignmentDueState, dueLists, overdueReminders, type DueAssignment, type DueCourseStatus } from "./due.js";

describe("assignmentDueState", () => {
  it("is done whatever the date once completed", () => {
    expect(assignmentDueState(true, "2020-01-01", "2026-03-10", 30)).toBe("done");
  });

  it("is on time on the due day and overdue from the day after", () => {
    expect(assignmentDueState(false, "2026-03-10", "2026-03-10", 30)).toBe("due_soon");
    expect(assignmentDueState(false, "2026-03-09", "2026-03-10", 30)).toBe("overdue");
  });

  it("is due soon up to and including asOf + soonDays, then open", () => {
    // 2026-03-10 + 30 days = 2026-04-09
    expect(assignmentDueState(false, "2026-04-09", "2026-03-10", 30)).toBe("due_soon");
    expect(assignmentDueState(false, "2026-04-10", "2026-03-10", 30)).toBe("open");
    expect(assignmentDueState(false, "2026-03-11", "2026-03-10", 0)).toBe("open");
  });

  it("crosses month and leap-year ends by calendar days", () => {
    // 2024-02-28 + 2 days = 2024-03-01 (29 February exists)
    expect(assignmentDueState(false, "2024-03-01", "2024-02-28", 2)).toBe("due_soon");
    expect(assignmentDueState(false, "2024-03-02", "2024-02-28", 2)).toBe("open");
  });

  it("refuses a negative or fractional window", () => {
    expect(() => assignmentDueState(false, "2026-03-10", "2026-03-10", -1)).toThrow();
    expect(() => assignmentDueState(false, "2026-03-10", "2026-03-10", 1.5)).toThrow();
  });
});

describe("dueLists", () => {
  const a = (itemId: string, kind: "module" | "course", dueOn: string, state: DueAssignment["state"]): DueAssignment => ({ kind, itemId, title: itemId.toUpperCase(), dueOn, state });
  const c = (courseId: string, status: DueCourseStatus["status"], expiresOn: string | null, daysToExpiry: number | null, mandatory = true): DueCourseStatus => ({ courseId, title: courseId.toUpperCase(), mandatory, status, expiresOn, daysToExpiry });

  it("lists overdue and due-soon assignments, not open or done ones", () => {
    const r = dueLists([a("m1", "module", "2026-03-01", "overdue"), a("m2", "module", "2026-03-20", "due_soon"), a("m3", "module", "2026-06-01", "open"), a("c1", "course", "2026-02-01", "done")], []);
    expect(r.overdue.map((x) => x.itemId)).toEqual(["m1"]);
    expect(r.dueSoon.map((x) => x.itemId)).toEqual(["m2"]);
  });

  it("adds mandatory refreshers: expired as overdue, expiring within the window as due soon", () => {
    const r = dueLists([], [c("x", "expired", "2026-01-01", -68), c("y", "expiring_soon", "2026-04-01", 22), c("z", "expiring_soon", "2026-05-01", 52), c("o", "expired", "2026-01-01", -68, false)], 30);
    expect(r.overdue).toEqual([{ kind: "course", itemId: "x", title: "X", dueOn: "2026-01-01", reason: "expired" }]);
    expect(r.dueSoon).toEqual([{ kind: "course", itemId: "y", title: "Y", dueOn: "2026-04-01", reason: "expiring" }]);
  });

  it("does not list a refresher twice when an open assignment of the course already lists it", () => {
    const r = dueLists([a("x", "course", "2026-03-01", "overdue")], [c("x", "expired", "2026-01-01", -68)]);
    expect(r.overdue.map((l) => l.reason)).toEqual(["assignment"]);
  });

  it("sorts by date, then title", () => {
    const r = dueLists([a("b", "module", "2026-03-01", "overdue"), a("a", "module", "2026-03-01", "overdue"), a("c", "module", "2026-02-01", "overdue")], []);
    expect(r.overdue.map((x) => x.itemId)).toEqual(["c", "a", "b"]);
  });
});

describe("overdueReminders", () => {
  const late = { id: "A1", staffId: "S1", staffName: "Sam", managerId: "M1", title: "Consent and information sharing", dueOn: "2026-03-01", state: "overdue" as const };

  it("reminds the learner and the manager from the day after the due date", () => {
    const r = overdueReminders([late], "2026-03-02");
    expect(r.map((x) => x.key)).toEqual(["training-overdue:A1:2026-03-01:learner", "training-overdue:A1:2026-03-01:manager"]);
    expect(r[0]).toMatchObject({ recipientStaffId: "S1", title: 'Your training "Consent and information sharing" is overdue' });
    expect(r[1]).toMatchObject({ recipientStaffId: "M1", title: `Sam's training "Consent and information sharing" is overdue` });
  });

  it("skips what was sent, what is not overdue, and what is too old", () => {
    expect(overdueReminders([late], "2026-03-02", { alreadySent: ["training-overdue:A1:2026-03-01:learner"] }).map((x) => x.audience)).toEqual(["manager"]);
    expect(overdueReminders([{ ...late, state: "done" }], "2026-03-02")).toEqual([]);
    // 2026-03-01 + 90 days = 2026-05-30 (still sent); 91 days late is not.
    expect(overdueReminders([late], "2026-05-30")).toHaveLength(2);
    expect(overdueReminders([late], "2026-05-31")).toEqual([]);
    expect(overdueReminders([{ ...late, managerId: null }], "2026-03-02")).toHaveLength(1);
  });
});
