import { describe, expect, it } from "vitest";
import { deriveLinks, perpetratorWorkerStaffIds, repeatsProtectedAddress, sameAddress, ZPersonLinkCreateInput } from "./links.js";
import { personCreateProblem } from "./fields.js";

describe("deriveLinks", () => {
  it("links a family's victims to its perpetrators, MARAC namings and explicit links, one entry per pair with every basis", () => {
    const links = deriveLinks({
      explicit: [
        { id: "L1", victimId: "v1", perpetratorId: "p1", basis: "police" },
        { id: "L2", victimId: "v2", perpetratorId: "p3", basis: "disclosure", endedAt: new Date("2026-01-01") },
      ],
      memberships: [
        { familyId: "F", personId: "v1", role: "victim" },
        { familyId: "F", personId: "p1", role: "perpetrator" },
        { familyId: "F", personId: "c1", role: "child" },
        { familyId: "G", personId: "v2", role: "victim" },
        { familyId: "G", personId: "x", role: "parent_carer" },
      ],
      maracReferrals: [
        { personId: "v2", perpetratorPersonId: "p2" },
        { personId: "v1", perpetratorPersonId: null },
      ],
    });
    expect(links).toEqual([
      { victimId: "v1", perpetratorId: "p1", bases: ["family", "police"], explicitLinkIds: ["L1"] },
      { victimId: "v2", perpetratorId: "p2", bases: ["marac"], explicitLinkIds: [] },
    ]);
  });

  it("never links a person to themselves (someone recorded as both in one family)", () => {
    expect(deriveLinks({ explicit: [], memberships: [{ familyId: "F", personId: "a", role: "victim" }, { familyId: "F", personId: "a", role: "perpetrator" }], maracReferrals: [] })).toEqual([]);
  });
});

describe("perpetratorWorkerStaffIds", () => {
  const allocations = [
    { staffId: "s-person", familyId: "F", personId: "p" },
    { staffId: "s-shared-family", familyId: "F", personId: null },
    { staffId: "s-his-family", familyId: "H", personId: null },
    { staffId: "s-someone-else", familyId: "H", personId: "other" },
  ];
  it("counts his own worker and workers of his families she is not in, not the shared family's worker", () => {
    expect(perpetratorWorkerStaffIds({ perpetratorId: "p", perpetratorFamilyIds: ["F", "H"], victimFamilyIds: ["F"], allocations })).toEqual(["s-his-family", "s-person"]);
  });
  it("when she is in neither family, every family worker of his is barred", () => {
    expect(perpetratorWorkerStaffIds({ perpetratorId: "p", perpetratorFamilyIds: ["F", "H"], victimFamilyIds: ["V"], allocations })).toEqual(["s-his-family", "s-person", "s-shared-family"]);
  });
});

describe("addresses", () => {
  it("the same address ignores case, spaces and punctuation; a partial address never matches", () => {
    expect(sameAddress({ addressLine1: "12 Canary Row", postcode: "SL1 9ZZ" }, { addressLine1: "12, CANARY ROW", postcode: "sl19zz" })).toBe(true);
    expect(sameAddress({ addressLine1: "12 Canary Row", postcode: "SL1 9ZZ" }, { addressLine1: "14 Canary Row", postcode: "SL1 9ZZ" })).toBe(false);
    expect(sameAddress({ addressLine1: null, postcode: "SL1 9ZZ" }, { addressLine1: null, postcode: "SL1 9ZZ" })).toBe(false);
  });
  it("only a protected or closed victim address is protected on his record", () => {
    const his = { addressLine1: "1 High St", postcode: "SL1 1AA" };
    expect(repeatsProtectedAddress(his, [{ ...his, confidentiality: "normal" }])).toBe(false);
    expect(repeatsProtectedAddress(his, [{ ...his, confidentiality: "protected" }])).toBe(true);
    expect(repeatsProtectedAddress(his, [{ addressLine1: "2 High St", postcode: "SL1 1AA", confidentiality: "closed" }])).toBe(false);
  });
});

describe("link input and who adds people", () => {
  it("refuses a link of a person to themselves, naming the field", () => {
    const r = ZPersonLinkCreateInput.safeParse({ victimId: "a", perpetratorId: "a", basis: "police" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["perpetratorId"]);
  });
  it("a DA worker adds adult victims and perpetrators only", () => {
    expect(personCreateProblem("dv_worker", { kind: "adult", familyRole: "perpetrator" })).toBeNull();
    expect(personCreateProblem("dv_worker", { kind: "child", familyRole: "child" })).toMatch(/only an adult victim or perpetrator/);
    expect(personCreateProblem("practitioner", { kind: "child", familyRole: "child" })).toBeNull();
    expect(personCreateProblem("analyst", { kind: "adult", familyRole: "victim" })).not.toBeNull();
  });
});
