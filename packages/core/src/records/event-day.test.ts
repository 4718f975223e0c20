import { describe, expect, it } from "vitest";
import { eventDayDefault } from "./event-day.js";

describe("the date a case's record form opens with", () => {
  const today = "2026-12-06";
  it("is today while today is within the case's plan", () => {
    expect(eventDayDefault({ start: "2026-10-01", end: null, plannedEnd: "2027-01-21" }, today)).toBe(today);
    // The plan's last day still counts.
    expect(eventDayDefault({ start: "2026-08-16", end: null, plannedEnd: today }, today)).toBe(today);
    // A case started today.
    expect(eventDayDefault({ start: today, end: null, plannedEnd: "2027-03-28" }, today)).toBe(today);
  });
  it("is empty when the plan ended (the finding: a 2020 plan offered today), the case ended, or it starts later", () => {
    expect(eventDayDefault({ start: "2020-01-06", end: null, plannedEnd: "2020-04-27" }, today)).toBe("");
    expect(eventDayDefault({ start: "2026-10-01", end: "2026-11-30", plannedEnd: "2027-01-21" }, today)).toBe("");
    expect(eventDayDefault({ start: "2026-12-07", end: null, plannedEnd: "2027-03-29" }, today)).toBe("");
  });
});
