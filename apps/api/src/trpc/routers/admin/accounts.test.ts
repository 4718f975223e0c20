/**
 * Accounts end to end through the API, with email delivered over SMTP to a
 * real local server (smtp-server) and passwords set through better-auth's
 * standard reset-password endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkIn, startSmtpSink, type SmtpSink } from "../../../test/smtp-sink.js";
import { createTestApp, signIn, type TestApp } from "../../../test/harness.js";
import { outcome } from "../../../test/procedures.js";

let t: TestApp;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ config: { smtpUrl: smtp.url } });
});
afterAll(async () => {
  await t?.app.deps.mail.stop();
  await t?.dispose();
  await smtp?.close();
});

const post = (path: string, body: unknown) =>
  t.app.app.request(path, { method: "POST", headers: { "content-type": "application/json", origin: t.config.baseUrl }, body: JSON.stringify(body) });
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const me = (cookie: string) => t.app.app.request("/trpc/session.me", { headers: { cookie } });

async function mailTo(address: string) {
  await t.app.deps.mail.flush();
  const mail = await smtp.waitFor(address);
  const link = linkIn(mail.raw);
  expect(link, mail.raw).toBeTruthy();
  return { mail, link: link! };
}

describe("admin.users.invite", () => {
  it("invites a practitioner into a team: the email arrives with a 72-hour link, which sets a password once", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const team = await admin.admin.teams.create({ name: "North Early Help" });
    expect(team).toMatchObject({ name: "North Early Help", accounts: 0, families: 0 });
    expect(typeof team.id).toBe("string");

    const invited = await admin.admin.users.invite({ email: "Pat.Practitioner@Example.gov.uk", name: "Pat Practitioner", role: "practitioner", teamId: team.id });
    expect(invited).toMatchObject({ email: "pat.practitioner@example.gov.uk", role: "practitioner", teamId: team.id, teamName: "North Early Help", status: "invited", linkPending: true });
    // Linked to a new staff record in the same team.
    const staff = await t.testDb.db.prisma.staff.findUniqueOrThrow({ where: { id: invited.staffId! } });
    expect(staff).toMatchObject({ email: "pat.practitioner@example.gov.uk", role: "social_worker", teamId: team.id });
    const link = await t.testDb.db.prisma.verification.findFirstOrThrow({ where: { value: invited.id } });
    expect(Math.round((link.expiresAt.getTime() - t.clock.now.getTime()) / 3_600_000)).toBe(72);

    const { mail, link: url } = await mailTo("pat.practitioner@example.gov.uk");
    expect(mail.raw).toMatch(/Subject: You have been invited to Evident/);
    expect(url.startsWith(`${t.config.baseUrl}/set-password?token=`)).toBe(true);
    expect((await post("/api/auth/reset-password", { token: tokenOf(url), newPassword: "pat's long passphrase 42" })).status).toBe(200);
    expect((await signIn(t, "pat.practitioner@example.gov.uk", "pat's long passphrase 42")).status).toBe(200);
    expect((await post("/api/auth/reset-password", { token: tokenOf(url), newPassword: "another long passphrase 43" })).status).toBe(400);

    const active = await admin.admin.users.list({ status: "active", search: "pat.pract" });
    expect(active.items.map((u) => u.id)).toEqual([invited.id]);
    expect((await admin.admin.users.list({ status: "invited", search: "pat.pract" })).items).toEqual([]);
    expect((await outcome(admin.admin.users.resendInvite({ userId: invited.id }))).code).toBe("BAD_REQUEST");
  });

  it("refuses a taken email, a bad address and an unknown team, naming the field, and writes nothing", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const before = await t.testDb.db.prisma.user.count();
    expect((await outcome(admin.admin.users.invite({ email: t.fx.users.manager.email, name: "Dup", role: "manager" }))).code).toBe("CONFLICT");
    const bad = await outcome(admin.admin.users.invite({ email: "not-an-email", name: "X", role: "manager" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(bad.error)).toContain("email");
    const team = await outcome(admin.admin.users.invite({ email: "nobody@example.gov.uk", name: "X", role: "manager", teamId: "no-such-team" }));
    expect(team.code).toBe("BAD_REQUEST");
    expect((team.error as Error).message).toBe("No such team");
    expect(await t.testDb.db.prisma.user.count()).toBe(before);
  });

  it("sends an invitation again (the old link stops working) and revokes one (the account is disabled)", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const inv = await admin.admin.users.invite({ email: "rev@example.gov.uk", name: "Rev Oked", role: "manager", teamId: t.fx.teams.a });
    const first = (await mailTo("rev@example.gov.uk")).link;
    smtp.messages.length = 0;
    await admin.admin.users.resendInvite({ userId: inv.id });
    const second = (await mailTo("rev@example.gov.uk")).link;
    expect(second).not.toBe(first);
    expect((await post("/api/auth/reset-password", { token: tokenOf(first), newPassword: "first long passphrase 1" })).status).toBe(400);
    const revoked = await admin.admin.users.revokeInvite({ userId: inv.id });
    expect(revoked).toMatchObject({ status: "disabled", linkPending: false });
    expect((await post("/api/auth/reset-password", { token: tokenOf(second), newPassword: "second long passphrase 2" })).status).toBe(400);
    const disabled = await admin.admin.users.list({ status: "disabled", search: "rev@" });
    expect(disabled.items.map((u) => u.email)).toEqual(["rev@example.gov.uk"]);
    // The default list shows every status.
    const all = await admin.admin.users.list({ limit: 100 });
    expect(new Set(all.items.map((u) => u.status))).toEqual(new Set(["active", "disabled"]));
  });
});

describe("forgot password", () => {
  it("answers the same for a known and an unknown address, and mails only the known one a working link", async () => {
    smtp.messages.length = 0;
    const known = await post("/api/auth/request-password-reset", { email: t.fx.users.trainer.email });
    const unknown = await post("/api/auth/request-password-reset", { email: "nobody.here@example.gov.uk" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.json()).toEqual(await unknown.json());
    await t.app.deps.mail.flush();
    expect(smtp.messages.map((m) => m.to[0])).toEqual([t.fx.users.trainer.email.toLowerCase()]);
    const link = linkIn(smtp.messages[0]!.raw)!;
    expect((await post("/api/auth/reset-password", { token: tokenOf(link), newPassword: "trainer's new passphrase 9" })).status).toBe(200);
    expect((await signIn(t, t.fx.users.trainer.email, "trainer's new passphrase 9")).status).toBe(200);
  });
});

describe("disable, unlock, sign out everywhere, team moves", () => {
  it("refuses a disabled account at once, and lets it back in when re-enabled", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const target = t.fx.users.staff;
    const s = await signIn(t, target.email);
    expect((await me(s.cookie!)).status).toBe(200);
    await admin.admin.users.disable({ userId: target.id, disabled: true });
    expect((await me(s.cookie!)).status).toBe(401);
    expect((await signIn(t, target.email)).status).toBe(401);
    await admin.admin.users.disable({ userId: target.id, disabled: false });
    expect((await signIn(t, target.email)).status).toBe(200);
  });

  it("unlocks an account throttled after failed sign-ins", async () => {
    const target = t.fx.users.analyst;
    // Five wrong passwords are checked; from then on this address waits (auth/throttle.ts), even with the right one.
    for (let i = 0; i < 5; i++) expect((await signIn(t, target.email, "wrong password here 1")).status).toBe(401);
    expect((await signIn(t, target.email, "wrong password here 1")).status).toBe(429);
    expect((await signIn(t, target.email)).status).toBe(429);
    // An administrator unlocks it: the right password works at once.
    await (await t.as(t.fx.users.admin.id)).admin.users.unlock({ userId: target.id });
    expect((await signIn(t, target.email)).status).toBe(200);
  });

  it("signs a user out everywhere", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const a = await signIn(t, t.fx.users.dv_worker.email);
    const b = await signIn(t, t.fx.users.dv_worker.email);
    await admin.admin.users.signOutEverywhere({ userId: t.fx.users.dv_worker.id });
    expect((await me(a.cookie!)).status).toBe(401);
    expect((await me(b.cookie!)).status).toBe(401);
  });

  it("moves an account and its staff record to another team; renames a team; refuses a duplicate name", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    const target = t.fx.perpWorker;
    const moved = await admin.admin.users.setTeam({ userId: target.id, teamId: t.fx.teams.b });
    expect(moved.teamId).toBe(t.fx.teams.b);
    expect((await t.testDb.db.prisma.staff.findUniqueOrThrow({ where: { id: target.staffId } })).teamId).toBe(t.fx.teams.b);
    const renamed = await admin.admin.teams.rename({ teamId: t.fx.teams.b, name: "South Safeguarding" });
    expect(renamed.name).toBe("South Safeguarding");
    expect((await outcome(admin.admin.teams.create({ name: "south safeguarding" }))).code).toBe("CONFLICT");
    const teams = await (await t.as(t.fx.users.manager.id)).admin.teams.list();
    expect(teams.find((x) => x.id === t.fx.teams.b)?.accounts).toBe(2);
  });
});

describe("allocation", () => {
  it("a manager creates a family and allocates it to a practitioner of another team, who then has it on their caseload", async () => {
    const manager = await t.as(t.fx.users.manager.id);
    const worker = t.fx.otherTeam;
    const fam = await manager.families.create({ reference: "GL-0001", name: "Family Golive" });
    const other = await t.as(worker.id);
    expect((await other.families.list({ limit: 100 })).items.map((f) => f.id)).not.toContain(fam.id);
    const choices = await manager.families.workers();
    expect(choices.map((c) => c.staffId)).toContain(worker.staffId);
    expect(choices.map((c) => c.staffId)).not.toContain(t.fx.users.trainer.staffId);
    const done = await manager.families.allocate({ familyId: fam.id, staffId: worker.staffId, lead: true });
    expect(done.ended).toBe(1); // the manager's own lead allocation from creating it
    expect((await other.families.list({ limit: 100 })).items.map((f) => f.id)).toContain(fam.id);
    expect((await outcome(manager.families.allocate({ familyId: fam.id, staffId: worker.staffId, lead: true }))).code).toBe("BAD_REQUEST");
    expect((await outcome(manager.families.allocate({ familyId: fam.id, staffId: t.fx.users.trainer.staffId!, lead: false }))).code).toBe("BAD_REQUEST");
  });
});

describe("audit of the new procedures", () => {
  it("wrote a row for every one of them", async () => {
    const admin = await t.as(t.fx.users.admin.id);
    await admin.admin.outbox.list({});
    const manager = await t.as(t.fx.users.manager.id);
    const fam = await manager.families.create({ reference: "GL-0002", name: "Family Move" });
    await manager.families.setTeam({ familyId: fam.id, teamId: t.fx.teams.a });
    const actions = [
      "admin.users.list", "admin.users.invite", "admin.users.resendInvite", "admin.users.revokeInvite", "admin.users.setTeam", "admin.users.disable",
      "admin.users.unlock", "admin.users.signOutEverywhere", "admin.teams.list", "admin.teams.create", "admin.teams.rename", "admin.outbox.list",
      "families.workers", "families.allocate", "families.setTeam",
    ];
    const rows = await t.testDb.db.prisma.auditLog.groupBy({ by: ["action"], where: { action: { in: actions }, outcome: "success" }, _count: true });
    expect(rows.map((r) => r.action).sort()).toEqual([...actions].sort());
  });
});
