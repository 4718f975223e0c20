import { describe, expect, it } from "vitest";
import { hmacPseudonymiser, newExtractSecret } from "../node/extracts.js";
import { toCsv } from "../reporting/tables.js";
import { birthMonth, buildExtractTables, EXTRACT_COLUMNS, extractCounts, type ExtractSource } from "./index.js";

const SOURCE: ExtractSource = {
  children: [
    { id: "child-1", familyId: "fam-1", birthDate: "2014-07-23", gender: "female", ethnicity: "WBRI" },
    { id: "child-2", familyId: "fam-1", birthDate: "2016-01-02", gender: "male", ethnicity: "=cmd|' /C calc'!A0" },
  ],
  episodes: [
    { childId: "child-1", status: "CP", startDate: "2019-03-01", endDate: "2019-09-30", cpCategoryOfAbuse: "EMO", claLegalStatus: null, claPlacement: null },
    { childId: "outsider", status: "CLA", startDate: "2019-03-01", endDate: null, cpCategoryOfAbuse: null, claLegalStatus: "C2", claPlacement: "U1" },
  ],
  referrals: [{ childId: "child-2", date: "2019-02-01", source: "5A", primaryNeed: "N4", reasons: ["3A", "21", "Mum said X"], domesticAbuse: true, nfa: false, closedAt: null }],
  cohortMembers: [{ cohortId: "cohort-1", cohortKind: "intervention", childId: "child-1", familyId: "fam-1", interventionStart: "2019-04-01", interventionEnd: null }],
};

const A = "a".repeat(64);
const B = "b".repeat(64);

describe("pseudonyms", () => {
  it("are stable within an extract and differ across extracts", () => {
    const p = hmacPseudonymiser(A);
    expect(p("child", "child-1")).toBe(hmacPseudonymiser(A)("child", "child-1"));
    expect(p("child", "child-1")).not.toBe(hmacPseudonymiser(B)("child", "child-1"));
    expect(p("child", "child-1")).not.toBe(p("family", "child-1").replace(/^F/, "C"));
    expect(p("child", "child-1")).toMatch(/^C[0-9a-f]{20}$/);
    // HMAC-SHA256(key = 32 bytes of 0xaa, "child:child-1"), first 20 hex digits, computed with openssl:
    // printf 'child:child-1' | openssl dgst -sha256 -mac HMAC -macopt hexkey:aaaa…(64 a)
    expect(p("child", "child-1")).toBe(`C${EXPECTED_HMAC_A}`);
  });

  it("refuse a short or non-hex secret; fresh secrets are 64 hex digits and differ", () => {
    expect(() => hmacPseudonymiser("abc")).toThrow();
    const s = newExtractSecret();
    expect(s).toMatch(/^[0-9a-f]{64}$/);
    expect(newExtractSecret()).not.toBe(s);
  });
});

describe("extract tables", () => {
  const tables = buildExtractTables(SOURCE, hmacPseudonymiser(A));
  const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
  const csv = tables.map(toCsv).join("\n");

  it("have only the allowed columns", () => {
    expect(byId.children!.columns).toEqual(["child_id", "family_id", "birth_month", "sex", "ethnicity"]);
    for (const t of tables) expect(t.columns).toEqual([...EXTRACT_COLUMNS[t.id as keyof typeof EXTRACT_COLUMNS]]);
  });

  it("reduce dates of birth to the month and keep no real ids", () => {
    expect(birthMonth("2014-07-23")).toBe("2014-07");
    expect(csv).toContain("2014-07");
    expect(csv).not.toContain("2014-07-23");
    for (const id of ["child-1", "child-2", "fam-1", "cohort-1"]) expect(csv).not.toContain(id);
  });

  it("drop free text and non-code values, and records of children outside the extract", () => {
    expect(csv).not.toContain("Mum said");
    expect(csv).not.toContain("calc");
    expect(byId.referrals!.rows[0]!.map((c) => c.value)).toEqual([hmacPseudonymiser(A)("child", "child-2"), "2019-02-01", "5A", "N4", "3A;21", "1", "0", ""]);
    expect(extractCounts(tables)).toEqual({ children: 2, episodes: 1, referrals: 1, cohort_members: 1 });
  });
});

// Filled in from openssl (see the comment above).
const EXPECTED_HMAC_A = "93518be40a0178ff8e0d";
