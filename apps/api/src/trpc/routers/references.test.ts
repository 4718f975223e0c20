import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe("references given by the system", () => {
  it("a family and a person saved without a reference get the next one; a typed one is kept", async () => {
    const m = await t.as(t.fx.users.manager.id);
    const a = await m.families.create({ name: "Reference family A", reference: null });
    const b = await m.families.create({ name: "Reference family B", reference: null });
    expect(a.reference).toMatch(/^F\d{6}$/);
    expect(Number(b.reference.slice(1))).toBe(Number(a.reference.slice(1)) + 1);
    const typed = await m.families.create({ name: "Reference family C", reference: "FAM-77" });
    expect(typed.reference).toBe("FAM-77");
    const p = await m.people.create({ familyId: a.id, kind: "adult", familyRole: "parent_carer", firstName: "Ada", lastName: "Reference", reference: null });
    const q = await m.people.create({ familyId: a.id, kind: "child", familyRole: "child", firstName: "Bo", lastName: "Reference", reference: null });
    expect(p.reference).toMatch(/^P\d{7}$/);
    expect(Number(q.reference.slice(1))).toBe(Number(p.reference.slice(1)) + 1);
  });
});
