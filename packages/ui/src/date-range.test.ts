import { describe, expect, it } from "vitest";
import { dateFieldError, dateRangeErrors } from "./date-range.js";

const f = (id: string, label: string, value: string) => ({ id, label, value });

describe("dates typed in day, month and year", () => {
  it("names the field as labelled and says what is missing or wrong", () => {
    expect(dateFieldError(f("due", "Due date", ""), { required: true })).toEqual({ href: "due", text: "Enter the due date" });
    expect(dateFieldError(f("due", "Due date", ""))).toBeNull();
    expect(dateFieldError(f("due", "Due date", "2026--03"))).toEqual({ href: "due", text: "Due date must include a month" });
    expect(dateFieldError(f("due", "Due date", "2026-02-30"))).toEqual({ href: "due", text: "Due date must be a real date, for example 27 3 2026" });
    expect(dateFieldError(f("due", "Due date", "26-02-03"))).toEqual({ href: "due", text: "Due date: enter the year with 4 digits, for example 2026" });
    expect(dateFieldError(f("due", "Due date", "2026-02-28"))).toBeNull();
  });
  it("a range whose To is before its From is refused, naming both fields", () => {
    expect(dateRangeErrors(f("a", "From", "2026-03-10"), f("b", "To", "2026-03-09"))).toEqual([{ href: "b", text: "The date in “To” must be the same as or after the date in “From”" }]);
    expect(dateRangeErrors(f("a", "Decided on or after", "2026-03-10"), f("b", "Decided on or before", "2026-03-09"))).toEqual([{ href: "b", text: "The date in “Decided on or before” must be the same as or after the date in “Decided on or after”" }]);
    expect(dateRangeErrors(f("a", "From", "2026-03-10"), f("b", "To", "2026-03-10"))).toEqual([]);
    expect(dateRangeErrors(f("a", "From", ""), f("b", "To", "2026-03-10"))).toEqual([]);
    expect(dateRangeErrors(f("a", "From", "2019-02-30"), f("b", "To", ""))).toEqual([{ href: "a", text: "From must be a real date, for example 27 3 2026" }]);
  });
});
