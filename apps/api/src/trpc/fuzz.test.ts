/**
 * Fuzz from a valid input (#21 finding 3). For every procedure and every role allowed to call it,
 * start from the procedure's valid input for that role (test/valid-inputs.ts) and change one field
 * at a time (nested fields and optional fields left out of the valid input too) to values generated
 * from the field's own zod schema (test/hostile.ts): mostly values that pass the schema but are
 * hostile, so they reach the handler and the database, and one that fails it.
 *
 * Oracles: a 5xx is always a failure; an input the schema (or the input sanitiser) refuses never
 * enters the handler; a call that did not complete changed no table of the schema (every model of
 * packages/db/prisma/schema.prisma but the audit log, by row count and the rows' xmin). "Reached a
 * handler" is counted by the handler itself (countHandlerEntries wraps tRPC's resolver), not guessed
 * from the error code. The test prints the figures.
 */
import { ROLES } from "@evident/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInput, inputSchemaOf } from "../test/build-input.js";
import { createTestApp, inputState, type TestApp } from "../test/harness.js";
import { fieldsOf, hostileValues, setAt, type Z } from "../test/hostile.js";
import { callPath, countHandlerEntries, listProcedures, outcome } from "../test/procedures.js";
import type { InputState } from "../test/valid-inputs.js";
import { changedTables, tablesOfSchema, tableState } from "../test/writes.js";
import { ACCESS_MATRIX } from "./access-matrix.js";
import { inputProblems } from "./sanitise.js";

const SEED = 20261206;
/** Values that pass the schema, per field and role; and one that fails it. */
const PER_FIELD = Number(process.env.EVIDENT_FUZZ_PER_FIELD ?? 2);

const handlerEntries = countHandlerEntries();
const TABLES = tablesOfSchema(["AuditLog"]);

let t: TestApp;
let state: InputState;
let seq = 0;
const stats = { calls: 0, valid: 0, validReached: 0, invalid: 0, invalidReached: 0, completed: 0, refused: 0 };
const notReached: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  state = inputState(t, () => seq++);
  // The training catalogue is written on first use (training/seed.ts): let that happen before counting.
  await (await t.as(t.fx.users.trainer.id)).training.courses.list({});
});
afterAll(async () => {
  const pct = (a: number, b: number) => ((100 * a) / Math.max(1, b)).toFixed(1);
  console.log(
    `fuzz: ${stats.calls} changed calls (${TABLES.length} tables checked after each refusal); ${stats.valid} passed the schema, of which ${stats.validReached} reached a handler (${pct(stats.validReached, stats.valid)}%); ` +
      `${stats.invalid} failed it, of which ${stats.invalidReached} reached a handler; ${stats.completed} completed, ${stats.refused} refused with a 4xx and nothing written`,
  );
  if (notReached.length) console.log(`schema-valid changes that did not reach a handler (refused by the input's own refinements):\n  ${notReached.slice(0, 40).join("\n  ")}`);
  await t?.dispose();
});

/** Other records' ids, and ids of records a role may not see (another team's family and child, the barred victim, a missing id). */
const idsFor = (s: InputState) => [s.fx.families.otherTeam, s.fx.people.otherChild, s.fx.people.victim, s.fx.people.perpetrator, s.fx.groups.perpetrators, s.fx.hub.meeting, s.fx.users.admin.id, "00000000-0000-4000-8000-000000000000"];

/** A stable number for a path, so each procedure gets its own seeds. */
const hashOf = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

describe("fuzz from valid inputs", () => {
  it.each(listProcedures().map((p) => p.path))("%s: one field changed at a time, every allowed role: no 5xx, the schema guards the handler, refusals write nothing", async (path) => {
    const schema = inputSchemaOf(path) as unknown as Z | null;
    if (!schema) return;
    const allowed = ROLES.filter((r) => (ACCESS_MATRIX[path] ?? []).includes(r));
    for (const [ri, role] of allowed.entries()) {
      const caller = await t.as(t.fx.users[role].id);
      const as: InputState = { ...state, caller: { role, ...t.fx.users[role] } };
      const fields = fieldsOf(schema, await buildInput(path, as));
      for (const [fi, field] of fields.entries()) {
        const { valid, invalid } = hostileValues(field, idsFor(as), SEED + hashOf(path) + ri * 1000 + fi, PER_FIELD);
        for (const value of [...valid, ...invalid]) {
          // A fresh valid input for each call (creates need unique references; updates a current version).
          const input = setAt(await buildInput(path, as), field.path, value);
          const passes = schema.safeParse(input).success && inputProblems(input).length === 0;
          const before = await tableState(t.testDb.db, TABLES);
          const entered = handlerEntries.get(path) ?? 0;
          const r = await outcome(callPath(caller, path, input));
          const reached = (handlerEntries.get(path) ?? 0) > entered;
          const what = `${path} as ${role} with ${field.path.join(".")} = ${JSON.stringify(value)?.slice(0, 80)}`;
          stats.calls += 1;
          expect(["INTERNAL_SERVER_ERROR", "THROWN"], `${what}: ${String((r.error as Error | undefined)?.message)}`).not.toContain(r.code);
          if (passes) {
            stats.valid += 1;
            if (reached) stats.validReached += 1;
            else notReached.push(`${what}: ${r.code}`);
          } else {
            stats.invalid += 1;
            if (reached) stats.invalidReached += 1;
            expect(reached, `${what}: the schema refuses it, so the handler must not run`).toBe(false);
          }
          if (r.code === "OK") stats.completed += 1;
          else {
            stats.refused += 1;
            expect(changedTables(before, await tableState(t.testDb.db, TABLES)), `${what} was refused (${r.code}) but wrote`).toEqual([]);
          }
        }
      }
    }
    // Some handlers are heavy by design (evaluation.run with up to 5,000 bootstrap replicates), and the machine may be shared.
  }, 300_000);

  it("counted handler entries (the instrument works: a valid call enters once, a refused one never)", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    const before = handlerEntries.get("families.get") ?? 0;
    await manager.families.get({ id: t.fx.families.mine });
    expect(handlerEntries.get("families.get")).toBe(before + 1);
    await outcome(manager.families.get({ id: 42 } as never));
    await outcome((await t.as(t.fx.users.analyst.id)).families.get({ id: t.fx.families.mine }));
    expect(handlerEntries.get("families.get")).toBe(before + 1);
  });
});
