import { ROLES } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, listProcedures, outcome } from "../test/procedures.js";
import { createTestApp, type TestApp } from "../test/harness.js";
import { ACCESS_MATRIX } from "./access-matrix.js";
import { createContextInner } from "./context.js";
import { createCallerFactory, router, undeclaredProcedureForTests } from "./trpc.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const procedures = listProcedures();

describe("authorisation matrix", () => {
  it("lists every procedure of the router, and nothing else", () => {
    const missing = procedures.map((p) => p.path).filter((path) => !(path in ACCESS_MATRIX));
    expect(missing, "procedures missing from src/trpc/access-matrix.ts").toEqual([]);
    const stale = Object.keys(ACCESS_MATRIX).filter((path) => !procedures.some((p) => p.path === path));
    expect(stale, "matrix rows for procedures that do not exist").toEqual([]);
  });

  it.each(procedures.map((p) => p.path))("%s: anonymous is UNAUTHORIZED, each role as the matrix says", async (path) => {
    const anon = await t.as(null);
    expect((await outcome(callPath(anon, path, {}))).code).toBe("UNAUTHORIZED");
    const allowed = ACCESS_MATRIX[path] ?? [];
    for (const role of ROLES) {
      const caller = await t.as(t.fx.users[role].id);
      const { code } = await outcome(callPath(caller, path, {}));
      if (allowed.includes(role)) {
        expect(["UNAUTHORIZED", "FORBIDDEN"], `${role} should be allowed to call ${path} (got ${code})`).not.toContain(code);
      } else {
        expect(code, `${role} must be refused ${path}`).toBe("FORBIDDEN");
      }
    }
  });

  it("refuses a procedure that declares no permission (deny by default)", async () => {
    const r = router({ open: undeclaredProcedureForTests.query(() => "should never run") });
    const caller = createCallerFactory(r)(await createContextInner({ deps: t.app.deps, userId: t.fx.users.admin.id }));
    expect((await outcome(caller.open())).code).toBe("FORBIDDEN");
  });

  it("audits denials", async () => {
    const before = await t.testDb.db.prisma.auditLog.count({ where: { outcome: "denied", actorId: t.fx.users.analyst.id, action: "families.list" } });
    await outcome((await t.as(t.fx.users.analyst.id)).families.list({}));
    const after = await t.testDb.db.prisma.auditLog.count({ where: { outcome: "denied", actorId: t.fx.users.analyst.id, action: "families.list" } });
    expect(after).toBe(before + 1);
  });
});
