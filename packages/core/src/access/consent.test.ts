import { describe, expect, it } from "vitest";
import { applicableConsent, decideShare, decideShareForAll, type ConsentRecord } from "./consent.js";

const now = new Date("2025-06-01T12:00:00Z");
const req = { personId: "p", purpose: "hub_multi_agency", recipientAgency: "police" };
const rec = (over: Partial<ConsentRecord>): ConsentRecord => ({ id: "c1", personId: "p", purpose: "hub_multi_agency", recipientAgency: "police", status: "given", decidedAt: new Date("2025-05-01T00:00:00Z"), ...over });

describe("consent to share", () => {
  it("allows a share with consent in force for that purpose and agency only", () => {
    expect(decideShare({ request: req, consents: [rec({})], actor: { role: "practitioner" }, now })).toEqual({ allowed: true, basis: "consent", consentId: "c1" });
    expect(decideShare({ request: { ...req, recipientAgency: "housing" }, consents: [rec({})], actor: { role: "practitioner" }, now })).toMatchObject({ allowed: false, gap: "no_consent" });
    expect(decideShare({ request: { ...req, purpose: "evaluation" }, consents: [rec({})], actor: { role: "practitioner" }, now })).toMatchObject({ allowed: false, gap: "no_consent" });
  });

  it("refuses refused, withdrawn and expired consent", () => {
    expect(decideShare({ request: req, consents: [rec({ status: "refused" })], actor: { role: "manager" }, now })).toMatchObject({ allowed: false, gap: "refused" });
    expect(decideShare({ request: req, consents: [rec({ status: "withdrawn", withdrawnAt: new Date("2025-05-20") })], actor: { role: "manager" }, now })).toMatchObject({ allowed: false, gap: "withdrawn" });
    expect(decideShare({ request: req, consents: [rec({ expiresAt: new Date("2025-06-01T00:00:00Z") })], actor: { role: "manager" }, now })).toMatchObject({ allowed: false, gap: "expired" });
    expect(decideShare({ request: req, consents: [rec({ expiresAt: new Date("2025-06-02T00:00:00Z") })], actor: { role: "manager" }, now }).allowed).toBe(true);
  });

  it("takes the latest decision, and ignores ones dated in the future", () => {
    const records = [rec({ id: "old", status: "refused", decidedAt: new Date("2025-01-01") }), rec({ id: "new", decidedAt: new Date("2025-03-01") }), rec({ id: "future", status: "refused", decidedAt: new Date("2025-07-01") })];
    expect(applicableConsent(records, req, now)?.id).toBe("new");
  });

  it("lets a manager override with a reason, and nobody else", () => {
    const override = { reason: "Child at immediate risk of significant harm; police must know" };
    expect(decideShare({ request: req, consents: [], actor: { role: "manager" }, override, now })).toMatchObject({ allowed: true, basis: "override", gap: "no_consent" });
    expect(decideShare({ request: req, consents: [], actor: { role: "practitioner" }, override, now })).toMatchObject({ allowed: false, overrideProblem: "only a manager can share without consent" });
    expect(decideShare({ request: req, consents: [], actor: { role: "manager" }, override: { reason: "because" }, now })).toMatchObject({ allowed: false, overrideProblem: expect.stringMatching(/reason/) });
    // With consent in force, the override is not needed and not used.
    expect(decideShare({ request: req, consents: [rec({})], actor: { role: "manager" }, override, now })).toMatchObject({ basis: "consent" });
  });

  it("needs every person's consent for a share of several people", () => {
    const all = decideShareForAll(["p", "q"], { consents: [rec({})], actor: { role: "practitioner" }, now, purpose: "hub_multi_agency", recipientAgency: "police" });
    expect(all.allowed).toBe(false);
    expect(all.decisions.map((d) => d.decision.allowed)).toEqual([true, false]);
    expect(decideShareForAll([], { consents: [], actor: { role: "manager" }, now, purpose: "x", recipientAgency: "y" }).allowed).toBe(false);
  });
});
