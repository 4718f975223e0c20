/**
 * Test harness: a fresh database per test file (in-memory PGlite, or a new
 * PostgreSQL database when EVIDENT_TEST_PG_URL is set), migrated, with a
 * small fixture trust: two teams, one login per role, families on and off
 * caseloads, and a victim/perpetrator pair whose contact details carry the
 * canary phone and postcode.
 */
import { randomBytes } from "node:crypto";
import { createDb, reportLogicModelRows } from "@evident/db";
import { hashPassword } from "better-auth/crypto";
import pg from "pg";
import { ROLES, type TRole } from "@evident/core";
import { testConfig, type ApiConfig } from "../config.js";
import type { Db } from "../db.js";
import { silentLogger, type Logger } from "../logger.js";
import { createApp } from "../server.js";
import { createContextInner } from "../trpc/context.js";
import { createCaller } from "../trpc/root.js";
import type { InputState } from "./input-state.js";

export const CANARY_PHONE = "07700 900999";
export const CANARY_POSTCODE = "SL1 9ZZ";
export const PASSWORD = "correct-horse-battery";

export interface TestDb {
  db: Db & { raw: { query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> } };
  kind: "pglite" | "postgres";
  /** The database's URL (PostgreSQL only): for tests that start the server as a process. */
  url?: string;
  dispose(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.EVIDENT_TEST_PG_URL;
  if (!url) {
    const db = await createDb({ memory: true, migrate: true, databaseUrl: null });
    return { db, kind: "pglite", dispose: () => db.close() };
  }
  const name = `evident_api_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await createDb({ databaseUrl: target.toString(), migrate: true, poolMax: 4 });
  return {
    db,
    kind: "postgres",
    url: target.toString(),
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Fixture {
  teams: { a: string; b: string };
  users: Record<TRole, { id: string; email: string; staffId: string | null }>;
  /** Second practitioner in team A, allocated to the perpetrator only. */
  perpWorker: { id: string; email: string; staffId: string };
  /** Practitioner in team B (another team). */
  otherTeam: { id: string; email: string; staffId: string };
  families: { mine: string; otherTeam: string };
  people: { victim: string; perpetrator: string; child: string; otherChild: string };
  programme: string;
  groups: { perpetrators: string; victims: string };
  session: string;
  /** Family A's hub case (led by the practitioner), its initial meeting (police present), an assessment, an instrument, a consent record. */
  hub: { hubCase: string; meeting: string; assessment: string; instrument: string; consent: string };
}

let counter = 0;

/** Builds the fixture through Prisma directly (not through the API under test). */
export async function seedFixture(db: Db): Promise<Fixture> {
  const p = db.prisma;
  const tag = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const teamA = await p.team.create({ data: { name: `Team A ${tag}`, service: "Safeguarding" } });
  const teamB = await p.team.create({ data: { name: `Team B ${tag}`, service: "Early Help" } });
  const hash = await hashPassword(PASSWORD);

  async function login(role: TRole, label: string, teamId: string | null, withStaff: boolean) {
    const email = `${label}.${tag}@test.evident.local`;
    const staff = withStaff
      ? await p.staff.create({ data: { name: `${label} staff`, role: role === "manager" ? "team_manager" : role === "dv_worker" ? "domestic_abuse_worker" : "social_worker", jobTitle: label, teamId, startDate: new Date("2020-01-01"), languages: ["English"] } })
      : null;
    const user = await p.user.create({ data: { name: `${label} user`, email, role, teamId, staffId: staff?.id ?? null, emailVerified: true } });
    await p.account.create({ data: { userId: user.id, accountId: user.id, providerId: "credential", password: hash } });
    return { id: user.id, email, staffId: staff?.id ?? null };
  }

  const users = {} as Fixture["users"];
  for (const role of ROLES) {
    const caseRole = role === "manager" || role === "practitioner" || role === "dv_worker";
    // Case roles work in team A, so record scope lets them reach family A and the barrier is what decides.
    users[role] = await login(role, role, caseRole ? teamA.id : null, caseRole || role === "trainer");
  }
  const perpWorker = (await login("practitioner", "perpworker", teamA.id, true)) as Fixture["perpWorker"];
  const otherTeam = (await login("practitioner", "otherteam", teamB.id, true)) as Fixture["otherTeam"];

  const mine = await p.family.create({ data: { reference: `FA${tag}`.slice(0, 20), name: "Family A", teamId: teamA.id, openedAt: new Date("2025-01-01") } });
  const other = await p.family.create({ data: { reference: `FB${tag}`.slice(0, 20), name: "Family B", teamId: teamB.id, openedAt: new Date("2025-01-01") } });
  const person = (ref: string, first: string, kind: "child" | "adult") =>
    p.person.create({ data: { reference: `${ref}${tag}`.slice(0, 20), firstName: first, lastName: "Tester", kind, birthDate: kind === "child" ? new Date("2015-05-05") : new Date("1985-05-05") } });
  const victim = await person("PV", "Vicky", "adult");
  const perpetrator = await person("PP", "Peter", "adult");
  const child = await person("PC", "Chris", "child");
  const otherChild = await person("PO", "Olly", "child");
  await p.familyMember.createMany({
    data: [
      { familyId: mine.id, personId: victim.id, role: "victim" },
      { familyId: mine.id, personId: perpetrator.id, role: "perpetrator" },
      { familyId: mine.id, personId: child.id, role: "child" },
      { familyId: other.id, personId: otherChild.id, role: "child" },
    ],
  });
  // No link row: the family roles above are what link the pair behind the information barrier.
  await p.contactDetails.create({
    data: { personId: victim.id, addressLine1: "1 Canary Row", town: "Slough", postcode: CANARY_POSTCODE, phone: CANARY_PHONE, safeToCall: false, preferredChannel: "email", unsafePeople: ["Peter"], confidentiality: "protected" },
  });
  await p.contactDetails.create({ data: { personId: perpetrator.id, addressLine1: "2 Other Road", postcode: "SL2 1AA", phone: "07700 900111" } });
  // Allocations: the practitioner leads family A; perpWorker is allocated to the perpetrator only.
  await p.caseAllocation.create({ data: { familyId: mine.id, staffId: users.practitioner.staffId!, lead: true, fromDate: new Date("2025-01-01") } });
  await p.caseAllocation.create({ data: { familyId: mine.id, personId: perpetrator.id, staffId: perpWorker.staffId, fromDate: new Date("2025-01-01") } });
  await p.caseAllocation.create({ data: { familyId: other.id, staffId: otherTeam.staffId, lead: true, fromDate: new Date("2025-01-01") } });
  await p.referral.create({ data: { childId: child.id, familyId: mine.id, date: new Date("2025-02-01"), source: "5A", reasons: ["3A"], domesticAbuse: true } });
  await p.referral.create({ data: { childId: otherChild.id, familyId: other.id, date: new Date("2025-02-01"), source: "1A", reasons: [] } });
  await p.statusEpisode.create({ data: { childId: child.id, status: "CIN", startDate: new Date("2025-03-01") } });

  const programme = await p.programme.create({ data: { code: `IFP${tag}`, name: "Inspiring Families", kind: "group", workstream: "DAARR" } });
  const perpGroup = await p.programmeGroup.create({
    data: { programmeId: programme.id, name: "Perpetrators Tuesday", track: "perpetrators", language: "English", slot: "evening", venue: "Hub", startDate: new Date("2025-04-01"), facilitators: { create: [{ staffId: users.dv_worker.staffId!, lead: true }] } },
  });
  const victimGroup = await p.programmeGroup.create({
    data: { programmeId: programme.id, name: "Victims Thursday", track: "victims", language: "English", slot: "day", venue: "Hub", startDate: new Date("2025-04-03"), facilitators: { create: [{ staffId: users.manager.staffId!, lead: true }] } },
  });
  await p.enrolment.create({ data: { personId: perpetrator.id, programmeId: programme.id, groupId: perpGroup.id, familyId: mine.id, status: "started", referredAt: new Date("2025-03-15") } });
  await p.enrolment.create({ data: { personId: victim.id, programmeId: programme.id, groupId: victimGroup.id, familyId: mine.id, status: "started", referredAt: new Date("2025-03-15") } });
  const session = await p.groupSession.create({ data: { groupId: perpGroup.id, number: 1, startsAt: new Date("2025-04-01T18:00:00Z") } });
  const hubCase = await p.hubCase.create({ data: { familyId: mine.id, leadWorkerId: users.practitioner.staffId!, startDate: new Date("2025-05-05"), plannedEndDate: new Date("2025-08-25") } });
  const meeting = await p.tafMeeting.create({ data: { hubCaseId: hubCase.id, kind: "initial", at: new Date("2025-05-06T10:00:00Z"), agencies: { create: [{ agency: "police" }, { agency: "school" }] } } });
  const assessment = await p.assessment.create({ data: { childId: child.id, familyId: mine.id, level: "CIN", allocatedAt: new Date("2025-03-01"), startedAt: new Date("2025-03-02"), factors: ["3A", "4B"] } });
  const instrument = await p.questionnaireInstrument.create({
    data: { code: `T${tag}`.slice(0, 30).toUpperCase().replace(/[^A-Z0-9_]/g, "_"), name: "Test wellbeing", items: [1, 2, 3].map((i) => ({ id: `q${i}`, text: `Item ${i}`, options: [0, 1, 2, 3].map((value) => ({ value, label: String(value) })) })), scoring: { method: "sum", higherIsBetter: true } },
  });
  const consent = await p.consentToShare.create({ data: { personId: victim.id, purpose: "hub_multi_agency", recipientAgency: "police", status: "given", decidedAt: new Date("2025-05-01") } });

  return {
    teams: { a: teamA.id, b: teamB.id },
    users,
    perpWorker,
    otherTeam,
    families: { mine: mine.id, otherTeam: other.id },
    people: { victim: victim.id, perpetrator: perpetrator.id, child: child.id, otherChild: otherChild.id },
    programme: programme.id,
    groups: { perpetrators: perpGroup.id, victims: victimGroup.id },
    session: session.id,
    hub: { hubCase: hubCase.id, meeting: meeting.id, assessment: assessment.id, instrument: instrument.id, consent: consent.id },
  };
}

export interface TestApp {
  testDb: TestDb;
  fx: Fixture;
  app: ReturnType<typeof createApp>;
  config: ApiConfig;
  clock: { now: Date };
  logger: Logger;
  /** A tRPC caller acting as `userId` (null = anonymous). */
  as(userId: string | null): Promise<ReturnType<typeof createCaller>>;
  dispose(): Promise<void>;
}

export async function createTestApp(options: { config?: Partial<ApiConfig>; logger?: Logger } = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const fx = await seedFixture(testDb.db);
  const clock = { now: new Date() };
  const config = testConfig(options.config);
  const logger = options.logger ?? silentLogger();
  const app = createApp({ db: testDb.db, config, logger, now: () => clock.now });
  return {
    testDb,
    fx,
    app,
    config,
    clock,
    logger,
    async as(userId) {
      return createCaller(await createContextInner({ deps: app.deps, userId }));
    },
    dispose: () => testDb.dispose(),
  };
}

/** Signs in over HTTP and returns the session cookie. */
export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<{ status: number; cookie: string | null; body: unknown }> {
  const res = await t.app.app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: t.config.baseUrl },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = res.headers.get("set-cookie");
  const cookie = setCookie ? setCookie.split(/,(?=\s*[^;,]+=)/).map((c) => c.split(";")[0]!.trim()).join("; ") : null;
  return { status: res.status, cookie, body: await res.json().catch(() => null) };
}

/** Writes the report's three logic models as the demo seed does (no procedure creates a model); returns their ids by key. */
export async function seedLogicModels(t: TestApp, options: Partial<Parameters<typeof reportLogicModelRows>[0]> = {}): Promise<Map<string, string>> {
  const p = t.testDb.db.prisma;
  const rows = reportLogicModelRows({ id: () => crypto.randomUUID(), createdById: t.fx.users.analyst.id, ...options });
  await p.logicModel.createMany({ data: rows.logicModel });
  await p.logicModelVersion.createMany({ data: rows.logicModelVersion });
  await p.logicNode.createMany({ data: rows.logicNode });
  await p.logicLink.createMany({ data: rows.logicLink });
  await p.indicator.createMany({ data: rows.indicator });
  await p.target.createMany({ data: rows.target });
  return rows.modelIds;
}

/** What valid inputs are built from (test/valid-inputs.ts), for calls as the admin until a test picks the caller. */
export function inputState(t: TestApp, next: () => number): InputState {
  return {
    fx: t.fx,
    prisma: t.testDb.db.prisma,
    unique: (prefix) => `${prefix}${Date.now().toString(36)}${next().toString(36)}`.toUpperCase(),
    caller: { role: "admin", ...t.fx.users.admin },
    api: (userId) => t.as(userId),
  };
}
