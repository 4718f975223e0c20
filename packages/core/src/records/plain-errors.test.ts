import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZDate } from "./common.js";
import { fieldLabel, plainZodError } from "./plain-errors.js";

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value, { error: plainZodError });
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("plainZodError", () => {
  it("says what to do about an empty choice instead of 'Invalid input: expected string, received null'", () => {
    expect(messages(z.object({ personId: z.string(), safe: z.string() }), { personId: null })).toEqual(["choose an option", "enter a value"]);
    expect(messages(z.boolean(), undefined)).toEqual(["choose yes or no"]);
    expect(messages(z.number(), Number.NaN)).toEqual(["enter a number"]);
    expect(messages(z.number().int(), 1.5)).toEqual(["must be a whole number"]);
  });

  it("gives sizes and formats in words", () => {
    expect(messages(z.string().min(1), "")).toEqual(["enter a value"]);
    expect(messages(z.string().max(200), "x".repeat(201))).toEqual(["must be 200 characters or fewer"]);
    expect(messages(z.string().min(3), "ab")).toEqual(["must be 3 characters or more"]);
    expect(messages(z.number().min(1), 0)).toEqual(["must be 1 or more"]);
    expect(messages(z.number().max(1000), 1001)).toEqual(["must be 1,000 or less"]);
    expect(messages(z.array(z.string()).min(1), [])).toEqual(["choose at least one"]);
    expect(messages(z.enum(["a", "b"]), "c")).toEqual(["choose one of the options given"]);
    expect(messages(z.string().email(), "not-an-email")).toEqual(["enter an email address in the correct format, like name@example.com"]);
  });

  it("keeps a message written on the schema", () => {
    expect(messages(z.string().min(1, "Enter the title"), "")).toEqual(["Enter the title"]);
    expect(messages(ZDate, "2019-02-30")).toEqual(["must be a real date"]);
  });

  it("never lets zod's developer wording through", () => {
    const all = [
      ...messages(z.object({ a: z.string(), b: z.number(), c: z.boolean(), d: z.array(z.string()), e: z.enum(["x"]) }).strict(), { a: null, b: "1", c: "no", d: "x", e: 1, f: 1 }),
      ...messages(z.union([z.string(), z.number()]), true),
    ];
    expect(all.length).toBeGreaterThanOrEqual(7);
    for (const m of all) expect(m).not.toMatch(/Invalid|expected|received|Too (big|small)|Unrecognized/);
  });
});

describe("fieldLabel", () => {
  it("names a field by the screen's label, else in words", () => {
    expect(fieldLabel("decidedAt", { decidedAt: "Date of the decision" })).toBe("Date of the decision");
    expect(fieldLabel("patch.decidedAt", { decidedAt: "Date of the decision" })).toBe("Date of the decision");
    expect(fieldLabel("decidedAt")).toBe("Decided at");
    expect(fieldLabel("safetyChecks.partnerOfferedSupport")).toBe("Partner offered support");
    expect(fieldLabel("personId")).toBe("Person");
    expect(fieldLabel("items.2.reviewDate")).toBe("Review date");
  });
});
