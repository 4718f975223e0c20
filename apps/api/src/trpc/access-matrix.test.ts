import { ROLES, type TRole } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAuditExempt } from "../audit/exempt.js";
import { buildInput } from "../test/build-input.js";
import { callPath, listProcedures, outcome } from "../test/procedures.js";
import { createTestApp, inputState, seedLogicModels, type TestApp } from "../test/harness.js";
import { EXPECTED_REFUSALS, INPUTS_TO_WRITE, VALID_INPUTS, type InputState } from "../test/valid-inputs.js";
import { ACCESS_MATRIX } from "./access-matrix.js";
import { createContextInner } from "./context.js";
import { createCallerFactory, router, undeclaredProcedureForTests } from "./trpc.js";

let t: TestApp;
let state: InputState;
/** The input state for a call as `role`. */
const as = (role: TRole): InputState => ({ ...state, caller: { role, ...t.fx.users[role] } });
let seq = 0;
beforeAll(async () => {
  t = await createTestApp();
  // The report's logic models, as the demo seed writes them (no procedure creates a model).
  await seedLogicModels(t);
  state = inputState(t, () => seq++);
});
afterAll(async () => {
  const pct = (n: number) => (stats.allowed ? ((100 * n) / stats.allowed).toFixed(1) : "0");
  console.log(
    `access matrix: ${stats.allowed} allowed calls; ${stats.completed} completed (${pct(stats.completed)}%), ${stats.expected} expected refusals (${pct(stats.expected)}%), ${stats.toWrite} refused for want of a written input (${pct(stats.toWrite)}%, ${Object.keys(INPUTS_TO_WRITE).length} procedures in INPUTS_TO_WRITE), ${stats.unexpected.length} unexpected`,
  );
  console.log(`expected refusals (reasons in src/test/valid-inputs.ts):\n  ${stats.refusals.join("\n  ")}`);
  await t?.dispose();
});

const stats = { allowed: 0, completed: 0, expected: 0, toWrite: 0, refusals: [] as string[], unexpected: [] as string[], unaudited: [] as string[] };

const procedures = listProcedures();
/**
 * Creates first (templates and surveys before what is made from them), so the reads and updates after them
 * find a record to work on; calls that end a record's working life (cancel, close, complete, delete, …) last.
 */
const FIRST = ["audits.templates.create", "surveys.create", "surveys.waves.create"];
const LAST = /\.(cancel|close|complete|delete|withdraw|revoke|disable|recordOutcome)$/;
const rank = (path: string) => (FIRST.includes(path) ? 0 : /\.create$/.test(path) ? 1 : LAST.test(path) ? 3 : 2);
const callOrder = [...procedures].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));

describe("authorisation matrix", () => {
  it("lists every procedure of the router, and nothing else", () => {
    const missing = procedures.map((p) => p.path).filter((path) => !(path in ACCESS_MATRIX));
    expect(missing, "procedures missing from src/trpc/access-matrix.ts").toEqual([]);
    const stale = Object.keys(ACCESS_MATRIX).filter((path) => !procedures.some((p) => p.path === path));
    expect(stale, "matrix rows for procedures that do not exist").toEqual([]);
  });

  it("has a valid input for every procedure (src/test/valid-inputs.ts)", () => {
    const missing = procedures.map((p) => p.path).filter((path) => !(path in VALID_INPUTS));
    expect(missing, "procedures without a valid input: add them to apps/api/src/test/valid-inputs.ts").toEqual([]);
  });

  it.each(callOrder.map((p) => p.path))("%s: anonymous is UNAUTHORIZED; each allowed role completes a valid call (audited), others are FORBIDDEN", async (path) => {
    const anon = await t.as(null);
    const allowed = ACCESS_MATRIX[path] ?? [];
    expect((await outcome(callPath(anon, path, await buildInput(path, as(allowed[0] ?? "admin"))))).code).toBe("UNAUTHORIZED");
    for (const role of ROLES) {
      const user = t.fx.users[role];
      const caller = await t.as(user.id);
      const audited = () => t.testDb.db.prisma.auditLog.count({ where: { actorId: user.id } });
      const input = await buildInput(path, as(role));
      // Counted after the input is built: building it may call other procedures as this user.
      const before = await audited();
      const result = await outcome(callPath(caller, path, input));
      const { code } = result;
      // A 5xx is always a failure, for every role.
      expect(["INTERNAL_SERVER_ERROR", "THROWN"], `${path} as ${role}: ${String((result.error as Error | undefined)?.message)}`).not.toContain(code);
      if (!allowed.includes(role)) {
        expect(code, `${role} must be refused ${path}`).toBe("FORBIDDEN");
        continue;
      }
      stats.allowed += 1;
      if (code === "OK") {
        stats.completed += 1;
        // Every call that returns data writes an audit row, unless exempt with a reason (audit/exempt.ts).
        if (!isAuditExempt(path) && (await audited()) === before) stats.unaudited.push(`${path} as ${role}`);
      } else if (EXPECTED_REFUSALS[path]?.codes.includes(code)) {
        stats.expected += 1;
        stats.refusals.push(`${path} as ${role}: ${code}`);
      } else if (path in INPUTS_TO_WRITE && ["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "FORBIDDEN"].includes(code)) {
        stats.toWrite += 1;
      } else {
        stats.unexpected.push(`${path} as ${role}: ${code} ${String((result.error as Error | undefined)?.message).slice(0, 160)}`);
      }
    }
  });

  it("every allowed call with a valid input completed or was an expected refusal, and was audited", () => {
    expect(stats.unaudited, "calls that returned data without an audit row").toEqual([]);
    expect(stats.unexpected, "allowed calls that neither completed nor ended in an expected refusal").toEqual([]);
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
