/**
 * Participant hand-over over HTTP, with a real signed-in session (issue #17 finding 7): a locked session is
 * refused everything but the participant's questionnaire; a wrong password does not unlock it and is
 * throttled like sign-in; the right one does, after the participant's answers were saved; all audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, PASSWORD, signIn, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

type Reply = { status: number; body: { result?: { data: unknown }; error?: { message: string; data: { code: string; fieldErrors?: { path: string; message: string }[] } } } };

async function call(cookie: string, path: string, input: unknown, kind: "query" | "mutation"): Promise<Reply> {
  const headers = { cookie, origin: t.config.baseUrl, "content-type": "application/json" };
  const res =
    kind === "query"
      ? await t.app.app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await t.app.app.request(`/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}

const LOCKED = /handed to a participant/;

describe("session.handover", () => {
  it("locks the session to the participant's questionnaire; only the worker's password unlocks it, after the answers are saved", async () => {
    const { fx } = t;
    const s = await signIn(t, fx.users.practitioner.email);
    expect(s.status).toBe(200);
    const cookie = s.cookie!;
    const questionnaire = { personId: fx.people.victim, instrumentId: fx.hub.instrument };
    expect((await call(cookie, "families.list", {}, "query")).status).toBe(200);

    const lock = await call(cookie, "session.handover.lock", questionnaire, "mutation");
    expect(lock.status, JSON.stringify(lock.body)).toBe(200);

    // Everything else is refused, in plain words, over tRPC and better-auth's own routes.
    for (const [path, input] of [
      ["families.list", {}],
      ["people.get", { id: fx.people.victim }],
      ["people.contact.get", { personId: fx.people.victim }],
      ["questionnaires.responses.list", { personId: fx.people.victim }],
      ["questionnaires.offer", { personId: fx.people.child, instrumentId: fx.hub.instrument }],
    ] as const) {
      const r = await call(cookie, path, input, "query");
      expect(r.status, path).toBe(403);
      expect(r.body.error?.message, path).toMatch(LOCKED);
    }
    const other = await call(cookie, "questionnaires.responses.create", { personId: fx.people.child, instrumentId: fx.hub.instrument, timePoint: "entry", completedAt: new Date(Date.now() - 60_000).toISOString(), answers: { q1: 1, q2: 1, q3: 1 } }, "mutation");
    expect(other.status).toBe(403);
    const sessions = await t.app.app.request("/api/auth/list-sessions", { headers: { cookie, origin: t.config.baseUrl } });
    expect(sessions.status).toBe(403);
    expect((await t.app.app.request("/api/auth/get-session", { headers: { cookie } })).status).toBe(200);

    // The shell learns it is locked; the participant's questionnaire works.
    const me = await call(cookie, "session.me", {}, "query");
    expect(me.status).toBe(200);
    expect((me.body.result!.data as { handover: unknown }).handover).toEqual(questionnaire);
    expect((await call(cookie, "questionnaires.offer", questionnaire, "query")).status).toBe(200);
    const before = await t.testDb.db.prisma.questionnaireResponse.count({ where: { personId: fx.people.victim } });
    const answered = await call(cookie, "questionnaires.responses.create", { ...questionnaire, timePoint: "entry", completedAt: new Date(Date.now() - 60_000).toISOString(), answers: { q1: 3, q2: 2, q3: 1 } }, "mutation");
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);

    // A wrong password (or none) does not unlock it.
    const wrong = await call(cookie, "session.handover.unlock", { password: "not-my-password" }, "mutation");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.data.fieldErrors).toEqual([{ path: "password", message: "The password is not correct" }]);
    expect((await call(cookie, "session.handover.unlock", { password: "" }, "mutation")).status).toBe(400);
    expect((await call(cookie, "families.list", {}, "query")).status).toBe(403);
    // The answers are saved while the device is still locked.
    expect(await t.testDb.db.prisma.questionnaireResponse.count({ where: { personId: fx.people.victim } })).toBe(before + 1);

    const right = await call(cookie, "session.handover.unlock", { password: PASSWORD }, "mutation");
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(right.body.result!.data).toEqual({ unlocked: true, ...questionnaire, saved: 1 });
    expect((await call(cookie, "families.list", {}, "query")).status).toBe(200);
    expect((await call(cookie, "session.me", {}, "query")).body.result!.data).toMatchObject({ handover: null });

    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { actorId: fx.users.practitioner.id, action: { startsWith: "session.handover" } }, orderBy: { at: "asc" }, select: { action: true, outcome: true, reason: true } });
    expect(audit.map((a) => `${a.action} ${a.outcome}`)).toEqual(["session.handover.lock success", "session.handover.unlock failure", "session.handover.unlock success"]);
    const refusals = await t.testDb.db.prisma.auditLog.count({ where: { actorId: fx.users.practitioner.id, outcome: "denied", reason: "session handed to a participant" } });
    expect(refusals).toBeGreaterThanOrEqual(6);
  });

  it("throttles wrong passwords like sign-in: after 5 free failures even the right one waits", async () => {
    const { fx } = t;
    const s = await signIn(t, fx.users.dv_worker.email);
    const cookie = s.cookie!;
    expect((await call(cookie, "session.handover.lock", { personId: fx.people.victim, instrumentId: fx.hub.instrument }, "mutation")).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(cookie, "session.handover.unlock", { password: `guess-${i}` }, "mutation")).status).toBe(400);
    const throttled = await call(cookie, "session.handover.unlock", { password: PASSWORD }, "mutation");
    expect(throttled.status).toBe(429);
    expect(throttled.body.error?.message).toMatch(/Too many wrong passwords/);
    expect((await call(cookie, "families.list", {}, "query")).status).toBe(403);
    // A second later (the first wait after 5 free failures is 1 s) the right password unlocks.
    t.clock.now = new Date(t.clock.now.getTime() + 5_000);
    expect((await call(cookie, "session.handover.unlock", { password: PASSWORD }, "mutation")).status).toBe(200);
  });

  it("cannot lock without a signed-in device session, nor unlock a session that is not locked", async () => {
    const c = await t.as(t.fx.users.practitioner.id);
    await expect(c.session.handover.lock({ personId: t.fx.people.victim, instrumentId: t.fx.hub.instrument })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(c.session.handover.unlock({ password: PASSWORD })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
