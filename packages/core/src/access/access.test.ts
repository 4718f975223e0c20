import { describe, expect, it } from "vitest";
import {
  barrierConflicts,
  can,
  canSeeFamily,
  decideContactAccess,
  decideSession,
  familyScope,
  MAX_OVERRIDE_MS,
  overrideRequestProblem,
  passwordProblem,
  PERMISSIONS,
  pickFields,
  ROLES,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  unpermittedFields,
  fieldsFor,
  FAMILY_WRITE,
  type LinkedPerpetrator,
  type SafeguardingOverrideGrant,
} from "./index.js";

describe("permissions", () => {
  it("denies by default: unknown permissions and missing roles", () => {
    expect(can(null, "families:read")).toBe(false);
    expect(can("manager", "no:such" as never)).toBe(false);
    expect(can("bogus" as never, "families:read")).toBe(false);
  });
  it("keeps admins, analysts, trainers and staff out of case records", () => {
    for (const perm of ["families:read", "people:read", "contact:read", "referrals:read"] as const) {
      for (const role of ["admin", "analyst", "trainer", "staff"] as const) expect(can(role, perm)).toBe(false);
    }
  });
  it("lets only managers record overrides and only admins read the audit log", () => {
    expect(ROLES.filter((r) => can(r, "override:write"))).toEqual(["manager"]);
    expect(ROLES.filter((r) => can(r, "audit:read"))).toEqual(["admin"]);
  });
  it("gives every role its own training", () => {
    expect(ROLES.every((r) => can(r, "training:own"))).toBe(true);
  });
  it("lists only known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });
});

describe("record scope", () => {
  const family = { teamId: "t1", allocatedUserIds: ["u1"] };
  it("lets the allocated worker and their team see a family", () => {
    expect(canSeeFamily({ userId: "u1", role: "practitioner", teamId: null }, family)).toBe(true);
    expect(canSeeFamily({ userId: "u2", role: "practitioner", teamId: "t1" }, family)).toBe(true);
    expect(canSeeFamily({ userId: "m", role: "manager", teamId: "t1" }, family)).toBe(true);
  });
  it("hides other teams' families", () => {
    expect(canSeeFamily({ userId: "u2", role: "practitioner", teamId: "t2" }, family)).toBe(false);
    expect(canSeeFamily({ userId: "m", role: "manager", teamId: "t2" }, family)).toBe(false);
  });
  it("gives admins and analysts no scope", () => {
    expect(familyScope({ userId: "a", role: "admin", teamId: "t1" }).kind).toBe("none");
    expect(canSeeFamily({ userId: "a", role: "analyst", teamId: "t1" }, family)).toBe(false);
  });
});

describe("information barrier", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  const perp: LinkedPerpetrator = { personId: "perp", allocatedUserIds: ["worker"], groupFacilitatorUserIds: ["facilitator"] };
  const subject = { personId: "victim", linkedPerpetrators: [perp] };
  const grant = (over: Partial<SafeguardingOverrideGrant> = {}): SafeguardingOverrideGrant => ({
    id: "o1",
    userId: "facilitator",
    personId: "victim",
    reason: "child at immediate risk, police request",
    expiresAt: new Date(now.getTime() + 60_000),
    revokedAt: null,
    ...over,
  });

  it("allows staff with no link to the perpetrator", () => {
    expect(decideContactAccess({ viewer: { userId: "other", role: "practitioner" }, subject, overrides: [], now })).toEqual({ allowed: true, reason: "no_conflict" });
  });
  it("denies the perpetrator's allocated worker and the group facilitator", () => {
    expect(decideContactAccess({ viewer: { userId: "worker", role: "practitioner" }, subject, overrides: [], now })).toEqual({ allowed: false, reason: "allocated_to_perpetrator" });
    expect(decideContactAccess({ viewer: { userId: "facilitator", role: "dv_worker" }, subject, overrides: [], now })).toEqual({ allowed: false, reason: "facilitates_perpetrator_group" });
    expect(barrierConflicts("worker", [perp, { ...perp, personId: "p2", groupFacilitatorUserIds: ["worker"] }])).toEqual(["allocated_to_perpetrator", "facilitates_perpetrator_group"]);
  });
  it("denies roles without the contact permission whatever the links", () => {
    expect(decideContactAccess({ viewer: { userId: "x", role: "analyst" }, subject: { personId: "v", linkedPerpetrators: [] }, overrides: [], now }).allowed).toBe(false);
    expect(decideContactAccess({ viewer: { userId: "x", role: "admin" }, subject: { personId: "v", linkedPerpetrators: [] }, overrides: [], now }).allowed).toBe(false);
  });
  it("lets an override in force through, and only that one", () => {
    const viewer = { userId: "facilitator", role: "dv_worker" as const };
    expect(decideContactAccess({ viewer, subject, overrides: [grant()], now })).toEqual({ allowed: true, reason: "override", overrideId: "o1" });
    for (const bad of [
      grant({ expiresAt: now }),
      grant({ revokedAt: new Date(now.getTime() - 1) }),
      grant({ userId: "someone-else" }),
      grant({ personId: "another-victim" }),
      grant({ reason: "  short  " }),
    ]) {
      expect(decideContactAccess({ viewer, subject, overrides: [bad], now }).allowed).toBe(false);
    }
  });
  it("never opens a closed record (e.g. a refuge address), even with an override", () => {
    const viewer = { userId: "facilitator", role: "dv_worker" as const };
    expect(decideContactAccess({ viewer, subject: { ...subject, confidentiality: "closed" }, overrides: [grant()], now })).toEqual({ allowed: false, reason: "closed_record" });
    expect(decideContactAccess({ viewer: { userId: "other", role: "practitioner" }, subject: { ...subject, confidentiality: "closed" }, overrides: [], now }).allowed).toBe(true);
  });
  it("validates override requests", () => {
    const ok = { grantedBy: { userId: "m", role: "manager" as const }, userId: "facilitator", reason: "child at immediate risk", durationMs: 60 * 60 * 1000 };
    expect(overrideRequestProblem(ok)).toBeNull();
    expect(overrideRequestProblem({ ...ok, grantedBy: { userId: "p", role: "practitioner" } })).toMatch(/manager/);
    expect(overrideRequestProblem({ ...ok, userId: "m" })).toMatch(/themselves/);
    expect(overrideRequestProblem({ ...ok, reason: "because" })).toMatch(/reason/);
    expect(overrideRequestProblem({ ...ok, durationMs: MAX_OVERRIDE_MS + 1 })).toMatch(/3 hours/);
    expect(overrideRequestProblem({ ...ok, durationMs: 0 })).toMatch(/3 hours/);
  });
});

describe("sessions", () => {
  const created = new Date("2026-01-10T08:00:00Z");
  it("expires after 60 idle minutes", () => {
    const s = { createdAt: created, lastSeenAt: created };
    expect(decideSession(s, new Date(created.getTime() + SESSION_IDLE_MS - 1)).valid).toBe(true);
    expect(decideSession(s, new Date(created.getTime() + SESSION_IDLE_MS))).toEqual({ valid: false, reason: "idle" });
  });
  it("expires 12 hours after sign-in even when in use", () => {
    const now = new Date(created.getTime() + SESSION_ABSOLUTE_MS);
    expect(decideSession({ createdAt: created, lastSeenAt: new Date(now.getTime() - 1000) }, now)).toEqual({ valid: false, reason: "absolute" });
  });
  it("never extends beyond the absolute cap", () => {
    const now = new Date(created.getTime() + SESSION_ABSOLUTE_MS - 10 * 60 * 1000);
    const d = decideSession({ createdAt: created, lastSeenAt: now }, now);
    expect(d.valid && d.expiresAt.getTime()).toBe(created.getTime() + SESSION_ABSOLUTE_MS);
  });
  it("respects the library's expiry", () => {
    expect(decideSession({ createdAt: created, lastSeenAt: created, expiresAt: created }, new Date(created.getTime() + 1))).toEqual({ valid: false, reason: "expired" });
  });
});

describe("password policy", () => {
  it("requires 12 to 128 characters and refuses common ones", () => {
    expect(passwordProblem("short")).toMatch(/12/);
    expect(passwordProblem("x".repeat(129))).toMatch(/128/);
    expect(passwordProblem("Password1234")).toMatch(/common/);
    expect(passwordProblem("zzzzzzzzzzzzzz")).toMatch(/simple/);
    expect(passwordProblem("a@b.example.org", "a@b.example.org")).toMatch(/email/);
    expect(passwordProblem("evident-demo")).toBeNull();
    expect(passwordProblem("correct horse battery staple")).toBeNull();
  });
});

describe("field rules", () => {
  it("picks readable fields and finds unpermitted writes", () => {
    expect(pickFields({ a: 1, b: 2 }, ["a"])).toEqual({ a: 1 });
    expect(pickFields({ a: 1, b: 2 }, "*")).toEqual({ a: 1, b: 2 });
    expect(unpermittedFields({ name: "x", teamId: "t2" }, fieldsFor(FAMILY_WRITE, "practitioner"))).toEqual(["teamId"]);
    expect(unpermittedFields({ teamId: "t2" }, fieldsFor(FAMILY_WRITE, "manager"))).toEqual([]);
    expect(unpermittedFields({ name: "x" }, fieldsFor(FAMILY_WRITE, "analyst"))).toEqual(["name"]);
  });
});
