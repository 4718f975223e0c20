import { describe, expect, it } from "vitest";
import { completionExpiry, isCompletionValidOn, isCurrentStaff, qualificationCovers, trainingStatus } from "./status.js";

const course24 = { id: "da", validityMonths: 24 };
const course6 = { id: "six", validityMonths: 6 };
const forever = { id: "ever", validityMonths: null };
const me = { id: "s1" };
const done = (completedOn: string, courseId = "da", staffId = "s1") => ({ staffId, courseId, completedOn });

describe("completionExpiry", () => {
  it("adds calendar months", () => {
    expect(completionExpiry(course24, "2018-03-15")).toBe("2020-03-15");
    expect(completionExpiry({ validityMonths: 12 }, "2018-12-01")).toBe("2019-12-01");
  });
  it("clamps to the end of a shorter month", () => {
    expect(completionExpiry(course6, "2018-08-31")).toBe("2019-02-28");
    expect(completionExpiry(course6, "2019-08-31")).toBe("2020-02-29");
    expect(completionExpiry({ validityMonths: 12 }, "2020-02-29")).toBe("2021-02-28");
    expect(completionExpiry({ validityMonths: 1 }, "2018-03-31")).toBe("2018-04-30");
    expect(completionExpiry(course24, "2018-02-28")).toBe("2020-02-28");
  });
  it("is null for a course that never expires", () => {
    expect(completionExpiry(forever, "2018-03-15")).toBeNull();
  });
  it("rejects a non-date", () => {
    expect(() => completionExpiry(course24, "2018-02-30")).toThrow();
  });
});

describe("trainingStatus", () => {
  const completions = [done("2018-03-15"), done("2016-01-01", "da", "someone-else"), done("2019-01-01", "other-course")];

  it("is expired on the expiry day itself", () => {
    expect(trainingStatus(me, course24, completions, "2020-03-15")).toEqual({
      staffId: "s1",
      courseId: "da",
      status: "expired",
      completedOn: "2018-03-15",
      expiresOn: "2020-03-15",
      daysToExpiry: 0,
    });
    expect(isCompletionValidOn(course24, "2018-03-15", "2020-03-15")).toBe(false);
    expect(isCompletionValidOn(course24, "2018-03-15", "2020-03-14")).toBe(true);
  });

  it("is expiring soon the day before, and within 60 days (inclusive)", () => {
    expect(trainingStatus(me, course24, completions, "2020-03-14")).toMatchObject({ status: "expiring_soon", daysToExpiry: 1 });
    // 2020-01-15 → 2020-03-15 is 31 + 29 = 60 days (2020 is a leap year).
    expect(trainingStatus(me, course24, completions, "2020-01-15")).toMatchObject({ status: "expiring_soon", daysToExpiry: 60 });
    expect(trainingStatus(me, course24, completions, "2020-01-14")).toMatchObject({ status: "valid", daysToExpiry: 61 });
  });

  it("takes the 'soon' window as an option", () => {
    expect(trainingStatus(me, course24, completions, "2020-01-15", { soonDays: 30 }).status).toBe("valid");
    expect(trainingStatus(me, course24, completions, "2020-02-14", { soonDays: 30 }).status).toBe("expiring_soon");
  });

  it("counts a completion from its own day and ignores completions after asOf", () => {
    expect(trainingStatus(me, course24, completions, "2018-03-15").status).toBe("valid");
    expect(trainingStatus(me, course24, completions, "2018-03-14")).toMatchObject({ status: "never_completed", completedOn: null, expiresOn: null });
  });

  it("uses the latest completion when there are several", () => {
    const st = trainingStatus(me, course24, [done("2016-01-10"), done("2019-06-01"), done("2017-06-01")], "2020-03-01");
    expect(st).toMatchObject({ status: "valid", completedOn: "2019-06-01", expiresOn: "2021-06-01" });
  });

  it("keeps a never-expiring completion valid", () => {
    expect(trainingStatus(me, forever, [done("2001-01-01", "ever")], "2030-01-01")).toMatchObject({ status: "valid", expiresOn: null, daysToExpiry: null });
  });

  it("is never_completed for someone else's completion", () => {
    expect(trainingStatus({ id: "s2" }, course24, completions, "2019-01-01").status).toBe("never_completed");
  });
});

describe("isCurrentStaff and qualificationCovers", () => {
  it("counts the joining day and the leaving day", () => {
    const s = { joinedOn: "2019-01-07", leftOn: "2019-06-28" };
    expect(isCurrentStaff(s, "2019-01-06")).toBe(false);
    expect(isCurrentStaff(s, "2019-01-07")).toBe(true);
    expect(isCurrentStaff(s, "2019-06-28")).toBe(true);
    expect(isCurrentStaff(s, "2019-06-29")).toBe(false);
    expect(isCurrentStaff({ joinedOn: "2019-01-07", leftOn: null }, "2040-01-01")).toBe(true);
  });
  it("matches whole segments, general covering specific", () => {
    expect(qualificationCovers("facilitator:inspiring_families", "facilitator:inspiring_families:victims")).toBe(true);
    expect(qualificationCovers("facilitator:inspiring_families:victims", "facilitator:inspiring_families:victims")).toBe(true);
    expect(qualificationCovers("facilitator:inspiring_families:victims", "facilitator:inspiring_families:perpetrators")).toBe(false);
    expect(qualificationCovers("facilitator:inspiring_families:victims", "facilitator:inspiring_families")).toBe(false);
    expect(qualificationCovers("facilitator:inspiring", "facilitator:inspiring_families:victims")).toBe(false);
  });
});
