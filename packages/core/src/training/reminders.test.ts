import { describe, expect, it } from "vitest";
import { formatIsoDay, parseIsoDay } from "../dates.js";
import { COURSE_IDS, TRAINING_COURSES } from "./catalogue.js";
import { remindersDue } from "./reminders.js";
import type { TTrainingStaff } from "./schemas.js";

const families = TRAINING_COURSES.find((c) => c.id === COURSE_IDS.familiesAffected)!; // 24 months
const person = (id: string, managerId: string | null, leftOn: string | null = null): TTrainingStaff => ({
  id,
  name: `Worker ${id}`,
  role: "practitioner",
  teamId: "T",
  managerId,
  joinedOn: "2017-01-01",
  leftOn,
  languages: ["English"],
});
const r1 = person("R1", "M1");
const completions = [{ staffId: "R1", courseId: families.id, completedOn: "2018-03-15" }]; // expires 2020-03-15

describe("remindersDue", () => {
  it("sends nothing 61 days before expiry", () => {
    expect(remindersDue([r1], [families], completions, "2020-01-14")).toEqual([]);
  });

  it("reminds the learner and their manager 60 days before", () => {
    const due = remindersDue([r1], [families], completions, "2020-01-15");
    expect(due.map((r) => r.key)).toEqual([
      `training-expiry:R1:${families.id}:2020-03-15:60:learner`,
      `training-expiry:R1:${families.id}:2020-03-15:60:manager`,
    ]);
    expect(due[0]).toMatchObject({ kind: "expiring", recipientStaffId: "R1", audience: "learner", leadDays: 60, dueOn: "2020-01-15", expiresOn: "2020-03-15" });
    expect(due[0]!.title).toBe("Your Working with Families Affected by DA training expires in 60 days");
    expect(due[1]).toMatchObject({ recipientStaffId: "M1", audience: "manager" });
    expect(due[1]!.title).toBe("Worker R1's Working with Families Affected by DA training expires in 60 days");
  });

  it("sends only the most recent lead time reached", () => {
    expect(remindersDue([r1], [families], completions, "2020-02-20").map((r) => [r.leadDays, r.dueOn])).toEqual([
      [30, "2020-02-14"],
      [30, "2020-02-14"],
    ]);
    expect(remindersDue([r1], [families], completions, "2020-03-14").map((r) => [r.leadDays, r.title])).toEqual([
      [7, "Your Working with Families Affected by DA training expires in 1 day"],
      [7, "Worker R1's Working with Families Affected by DA training expires in 1 day"],
    ]);
  });

  it("sends an expired notice from the expiry day, unless turned off", () => {
    const due = remindersDue([r1], [families], completions, "2020-03-15");
    expect(due.map((r) => r.key)).toEqual([`training-expiry:R1:${families.id}:2020-03-15:expired:learner`, `training-expiry:R1:${families.id}:2020-03-15:expired:manager`]);
    expect(due[0]).toMatchObject({ kind: "expired", leadDays: 0 });
    expect(remindersDue([r1], [families], completions, "2020-03-15", undefined, { includeExpired: false })).toEqual([]);
  });

  it("creates each notification exactly once when run every day", () => {
    const keys: string[] = [];
    const start = parseIsoDay("2019-12-01")!;
    for (let d = start; d <= parseIsoDay("2020-04-30")!; d++) {
      const due = remindersDue([r1], [families], [...completions, ...completions], formatIsoDay(d), [60, 30, 7], { alreadySent: keys });
      keys.push(...due.map((r) => r.key));
    }
    expect(keys).toHaveLength(8); // (60, 30, 7, expired) × (learner, manager)
    expect(new Set(keys).size).toBe(8);
  });

  it("moves to the new expiry after a refresher", () => {
    const refreshed = [...completions, { staffId: "R1", courseId: families.id, completedOn: "2020-03-01" }];
    expect(remindersDue([r1], [families], refreshed, "2020-03-10")).toEqual([]);
    expect(remindersDue([r1], [families], refreshed, "2022-01-01")[0]!.key).toBe(`training-expiry:R1:${families.id}:2022-03-01:60:learner`);
  });

  it("skips leavers, never-expiring courses and people without a manager's copy", () => {
    expect(remindersDue([person("R1", "M1", "2020-01-10")], [families], completions, "2020-01-15")).toEqual([]);
    expect(remindersDue([r1], [{ ...families, validityMonths: null }], completions, "2020-03-15")).toEqual([]);
    expect(remindersDue([person("R1", null)], [families], completions, "2020-01-15").map((r) => r.audience)).toEqual(["learner"]);
  });

  it("rejects a lead time that is not a positive whole number", () => {
    expect(() => remindersDue([r1], [families], completions, "2020-01-15", [0])).toThrow();
  });

  it("leaves out expired notices older than expiredWithinDays", () => {
    // expires 2020-03-15; 2020-04-14 is 30 days after, 2020-04-15 is 31.
    expect(remindersDue([r1], [families], completions, "2020-04-14", undefined, { expiredWithinDays: 30 })).toHaveLength(2);
    expect(remindersDue([r1], [families], completions, "2020-04-15", undefined, { expiredWithinDays: 30 })).toEqual([]);
  });
});
