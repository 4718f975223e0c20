import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "../../../test/procedures.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date("2025-06-10T09:00:00Z");
});
afterAll(async () => {
  await t?.dispose();
});

const QUESTIONS = [
  { id: "confident", text: "I feel confident working with families affected by domestic abuse", kind: "agree5" as const },
  { id: "trained", text: "I have had the training", kind: "yes_no" as const },
];

describe("staff surveys", () => {
  it("invites, answers anonymously once, reminds, and shows results only for groups of 5 or more", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const manager = await t.as(t.fx.users.manager.id);
    const survey = await admin.surveys.create({ name: "Staff survey", questions: QUESTIONS });
    // Team A only: manager, practitioner, dv_worker, perpWorker (4 staff in post).
    const teamWave = await manager.surveys.waves.create({ surveyId: survey.id, name: "Team A pilot", opensOn: "2025-06-01", closesOn: "2025-06-30", teamIds: [t.fx.teams.a] });
    expect(teamWave).toMatchObject({ invited: 4, notifications: 4, state: "open" });
    // Everyone: the 4, the other team's practitioner and the trainer (no team) = 6.
    const wave = await manager.surveys.waves.create({ surveyId: survey.id, name: "Wave 1", opensOn: "2025-06-01", closesOn: "2025-06-30" });
    expect(wave.invited).toBe(6);
    expect(await t.testDb.db.prisma.notification.count({ where: { kind: "survey_invitation" } })).toBe(10);

    const answer = async (userId: string, confident: number, trained: boolean) => (await t.as(userId)).surveys.respond({ waveId: wave.id, answers: { confident, trained } });
    const p = await t.as(t.fx.users.practitioner.id);
    expect((await p.surveys.mine()).map((m) => [m.wave.name, m.answered])).toEqual(expect.arrayContaining([["Wave 1", false], ["Team A pilot", false]]));
    expect((await outcome(p.surveys.respond({ waveId: wave.id, answers: { confident: 6 } }))).code).toBe("BAD_REQUEST");
    await answer(t.fx.users.practitioner.id, 4, true);
    expect((await outcome(answer(t.fx.users.practitioner.id, 5, true))).code).toBe("CONFLICT");
    await answer(t.fx.users.manager.id, 5, true);
    await answer(t.fx.users.dv_worker.id, 2, false);
    await answer(t.fx.perpWorker.id, 3, false);

    // 4 responses: nothing shown.
    let r = await manager.surveys.results({ waveId: wave.id });
    expect(r.overall).toMatchObject({ shown: false, responses: 4 });
    expect(r.overall.questions).toBeUndefined();
    expect(r.overall.message).toMatch(/groups of 5 or more/);

    // Reminders go to the two who have not answered.
    expect(await manager.surveys.waves.remind({ waveId: wave.id })).toMatchObject({ reminded: 2 });

    await answer(t.fx.otherTeam.id, 4, true);
    await answer(t.fx.users.trainer.id, 5, false);
    r = await manager.surveys.results({ waveId: wave.id });
    // 6 responses: 4,5,2,3,4,5 → mean 23/6; agree (4–5) 4 of 6; trained yes 3 of 6.
    expect(r.overall.shown).toBe(true);
    const confident = r.overall.questions!.find((q) => q.questionId === "confident")!;
    expect(confident.mean).toBeCloseTo(23 / 6, 12);
    expect(confident.agree).toBeCloseTo(4 / 6, 12);
    expect(r.overall.questions!.find((q) => q.questionId === "trained")!.counts).toEqual({ yes: 3, no: 3 });
    // Teams: A has 4, B 1, no team 1 — every team is under 5, so none is shown.
    expect(r.groups.every((g) => !g.shown && g.questions === undefined)).toBe(true);

    const detail = await manager.surveys.get({ id: survey.id });
    expect(detail.waves.find((w) => w.id === wave.id)!.rates[0]).toEqual({ key: "all", invited: 6, responded: 6, rate: 1 });

    // Change between waves: the pilot has no responses, so the change is hidden.
    const change = await manager.surveys.compare({ fromWaveId: teamWave.id, toWaveId: wave.id });
    expect(change.changes[0]).toMatchObject({ questionId: "confident", meanChange: null });
  });

  it("stores responses without the respondent or a time", async () => {
    const cols = await t.testDb.db.raw.query<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'survey_response' order by column_name");
    expect(cols.map((c) => c.column_name)).toEqual(["answers", "id", "teamId", "waveId"]);
    const audit = await t.testDb.db.prisma.auditLog.findMany({ where: { action: "surveys.respond" }, select: { entityIds: true } });
    const responseIds = new Set((await t.testDb.db.prisma.surveyResponse.findMany({ select: { id: true } })).map((r) => r.id));
    expect(audit.length).toBe(6);
    expect(audit.every((a) => a.entityIds.every((id) => !responseIds.has(id)))).toBe(true);
  });

  it("refuses answers outside the wave's dates and to people not invited", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const survey = await admin.surveys.create({ name: "Closed survey", questions: QUESTIONS });
    const wave = await admin.surveys.waves.create({ surveyId: survey.id, name: "Last year", opensOn: "2024-01-01", closesOn: "2024-02-01" });
    const p = await t.as(t.fx.users.practitioner.id);
    expect((await outcome(p.surveys.respond({ waveId: wave.id, answers: { confident: 3 } }))).code).toBe("BAD_REQUEST");
    expect((await outcome(admin.surveys.waves.remind({ waveId: wave.id }))).code).toBe("BAD_REQUEST");
    // The admin has no staff record: no invitations.
    expect(await admin.surveys.mine()).toEqual([]);
    expect((await outcome(admin.surveys.form({ waveId: wave.id }))).code).toBe("NOT_FOUND");
  });
});
