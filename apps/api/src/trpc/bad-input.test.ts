import { schemaColumns } from "@evident/db";
import type { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, listProcedures, outcome } from "../test/procedures.js";
import { createTestApp, type TestApp } from "../test/harness.js";
import { ACCESS_MATRIX } from "./access-matrix.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // The training catalogue is written on first use (training/seed.ts): let that happen before counting.
  await (await t.as(t.fx.users.trainer.id)).training.courses.list({});
});
afterAll(async () => {
  await t?.dispose();
});

const MB = "x".repeat(1024 * 1024);
const HOSTILE = ["' OR 1=1; DROP TABLE person; --", "<script>alert(1)</script>", "../../etc/passwd", "\u0000", MB, "2019-02-30", "00000000-0000-4000-8000-000000000000"];
const FIELDS = ["id", "personId", "childId", "familyId", "groupId", "sessionId", "userId", "programmeId", "cursor", "search", "reference", "name", "date", "startDate", "endDate", "birthDate", "referredAt", "hubCaseId", "meetingId", "instrumentId", "dueDate"];

function payloads(): unknown[] {
  const out: unknown[] = ["a string", 42, true, null, [], [1, 2], { unknownKey: 1 }, { id: 123 }, { limit: -1 }, { limit: 1e9 }, { limit: "10" }];
  for (const field of FIELDS) for (const value of HOSTILE) out.push({ [field]: value });
  out.push({ id: "00000000-0000-4000-8000-000000000000", version: 1, patch: {} });
  out.push({ id: "00000000-0000-4000-8000-000000000000", version: 1, patch: { name: MB } });
  out.push({ childId: "00000000-0000-4000-8000-000000000000", status: "CIN", startDate: "2019-02-30" });
  out.push({ familyId: "00000000-0000-4000-8000-000000000000", childId: "00000000-0000-4000-8000-000000000000", date: "2019-02-30", source: "1A" });
  return out;
}

/**
 * Every table, from the Prisma schema's own model list (Prisma's delegate names: AuditLog → auditLog),
 * but the audit log itself: a refused call on a record id is audited as a failed attempt, by design.
 */
const ALL_TABLES = schemaColumns().models.map((m) => m[0]!.toLowerCase() + m.slice(1));
const TABLES = ALL_TABLES.filter((table) => table !== "auditLog");

async function counts() {
  const p = t.testDb.db.prisma as unknown as Record<string, { count(): Promise<number> }>;
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = await p[table]!.count();
  return out;
}

describe("bad input", () => {
  it.each(listProcedures().map((p) => p.path))("%s refuses malformed, oversized and hostile input with a 4xx and writes nothing", async (path) => {
    const role = (ACCESS_MATRIX[path] ?? []).includes("manager") ? "manager" : (ACCESS_MATRIX[path] ?? [])[0]!;
    const caller = await t.as(t.fx.users[role].id);
    const before = await counts();
    for (const input of payloads()) {
      const result = await outcome(callPath(caller, path, input));
      expect(["INTERNAL_SERVER_ERROR", "THROWN"], `${path} with ${JSON.stringify(input).slice(0, 80)}`).not.toContain(result.code);
      if (result.code === "OK") {
        // Queries with only optional inputs may answer; a write with hostile input never does.
        expect(listProcedures().find((p) => p.path === path)?.type).toBe("query");
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("counts every table of the schema", () => {
    expect(TABLES.length).toBe(ALL_TABLES.length - 1);
    expect(TABLES.length).toBeGreaterThanOrEqual(80);
    expect(ALL_TABLES).toEqual(expect.arrayContaining(["auditLog", "logicModel", "decision", "analysisRun", "programmeBudgetLine", "statutoryImport", "questionnaireTranslation", "personLink", "breakGlassAccess", "signInThrottle"]));
  });

  it("#15 finding 6: a lone surrogate, a NUL byte or a number beyond int4 is a 400 naming the field, not a 500", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    const analyst = await t.as(t.fx.users.analyst.id);
    const fieldOf = (r: { code: string; error?: unknown }) => ((r.error as { cause?: ZodError } | undefined)?.cause?.issues ?? []).map((i) => i.path.join("."));
    const cases: [unknown, string, () => Promise<unknown>][] = [
      [manager, "name", () => manager.families.create({ reference: "FSURR1", name: "Lone \ud800 surrogate" })],
      [manager, "patch.name", async () => manager.families.update({ id: t.fx.families.mine, version: (await manager.families.get({ id: t.fx.families.mine })).version, patch: { name: "a\udc00b" } })],
      [manager, "version", () => manager.families.update({ id: t.fx.families.mine, version: 2_147_483_648, patch: { name: "Too big" } })],
      [analyst, "title", () => analyst.extracts.create({ title: "NUL\u0000title" })],
      [analyst, "modelId", () => analyst.logicModels.edit({ modelId: "m\u0000", version: 1, reason: "x", edit: {} } as never)],
      [analyst, "programmeId", () => analyst.evaluation.run({ programmeId: "p\u0000" } as never)],
      [manager, "text", () => manager.decisions.list({ text: "nul\u0000" })],
    ];
    const before = await counts();
    for (const [, field, call] of cases) {
      const r = await outcome(call());
      expect(r.code, field).toBe("BAD_REQUEST");
      expect(fieldOf(r), field).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it("names the field of an impossible date", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const r = await outcome(c.episodes.create({ childId: t.fx.people.child, status: "CIN", startDate: "2019-02-30" }));
    expect(r.code).toBe("BAD_REQUEST");
    const res = await t.app.app.request("/trpc/episodes.list?input=" + encodeURIComponent(JSON.stringify({ childId: 5 })), { headers: {} });
    expect(res.status).toBe(401);
  });

  it("gives field paths for invalid input over HTTP, and never a stack", async () => {
    // Sign in as a practitioner over HTTP.
    const { signIn } = await import("../test/harness.js");
    const s = await signIn(t, t.fx.users.practitioner.email);
    const res = await t.app.app.request("/trpc/episodes.create", {
      method: "POST",
      headers: { cookie: s.cookie!, "content-type": "application/json", origin: t.config.baseUrl },
      body: JSON.stringify({ childId: t.fx.people.child, status: "CIN", startDate: "2019-02-30" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { code: string; fieldErrors: unknown[] } } };
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(body.error.data.fieldErrors).toEqual([expect.objectContaining({ path: "startDate" })]);
    expect(JSON.stringify(body)).not.toMatch(/stack|prisma|at Object/i);
  });

  it("refuses a stale version with CONFLICT and writes nothing", async () => {
    const c = await t.as(t.fx.users.manager.id);
    const family = await c.families.get({ id: t.fx.families.mine });
    const updated = await c.families.update({ id: family.id, version: family.version, patch: { name: "Family A renamed" } });
    expect(updated.version).toBe(family.version + 1);
    const stale = await outcome(c.families.update({ id: family.id, version: family.version, patch: { name: "Lost update" } }));
    expect(stale.code).toBe("CONFLICT");
    expect((await c.families.get({ id: family.id })).name).toBe("Family A renamed");
  });

  it("hides other teams' records as NOT_FOUND on get, update and list", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(c.families.get({ id: t.fx.families.otherTeam }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.families.update({ id: t.fx.families.otherTeam, version: 1, patch: { name: "x" } }))).code).toBe("NOT_FOUND");
    expect((await outcome(c.people.get({ id: t.fx.people.otherChild }))).code).toBe("NOT_FOUND");
    const list = await c.referrals.list({});
    expect(list.items.every((r) => r.familyId !== t.fx.families.otherTeam)).toBe(true);
  });

  it("refuses fields a role may not write", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    const family = await c.families.get({ id: t.fx.families.mine });
    const r = await outcome(c.families.update({ id: family.id, version: family.version, patch: { teamId: t.fx.teams.b } }));
    expect(r.code).toBe("FORBIDDEN");
    expect((await c.families.get({ id: family.id })).teamId).toBe(t.fx.teams.a);
  });
});
