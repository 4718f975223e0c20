import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client.js";
import { migrate } from "./migrate.js";
import { buildDemo, PERIOD_END } from "./seed/demo.js";
import { DEFAULT_SEED, isSeeded, seed, seedTestFixtures } from "./seed/index.js";
import { addDays, daysBetween } from "./seed/random.js";
import reportTables from "./seed/report-appendix2.js";
import { seedScale } from "./seed/scale.js";
import { CANARY, DEMO_USERS, ensureDemoUsers } from "./seed/users.js";
import { targets } from "./test/targets.js";

const TABLE26 = [
  ["Inspiring Families Programme", 2, 23],
  ["Inspiring Families – Train the Trainer", 1, 6],
  ["Adult and Children and Young People DA Recovery Toolkit", 2, 22],
  ["Group Managers and CSWs DA Training Day", 1, 5],
  ["How to Manage Risk and Work with Abusive Men", 4, 56],
  ["Working with Families Affected by DA", 3, 32],
] as const;

const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x));

/** The day the tests' demo trust is seeded on (a Wednesday). */
const TODAY = new Date("2026-03-18T00:00:00.000Z");

describe("demo data (generated rows)", () => {
  const rows = buildDemo({ seed: DEFAULT_SEED, today: TODAY });

  it("is deterministic for a seed number and day, and different for another seed", () => {
    expect(json(buildDemo({ seed: DEFAULT_SEED, today: TODAY }))).toBe(json(rows));
    expect(json(buildDemo({ seed: 7, today: TODAY }).person.slice(0, 20))).not.toBe(json(rows.person.slice(0, 20)));
  });

  it("keeps the report-era history whatever the day it is seeded on", () => {
    const other = buildDemo({ seed: DEFAULT_SEED, today: new Date("2027-09-01T00:00:00.000Z") });
    const reportEra = (r: typeof rows) => r.cohortMember.length + r.trainingSession.filter((s) => new Date(s.startsAt) <= PERIOD_END).length;
    expect(reportEra(other)).toBe(reportEra(rows));
    expect(json(other.cohortMember)).toBe(json(rows.cohortMember));
  });

  it("makes a believable trust: staff turnover, 1,500 families, children and adults", () => {
    const inPost = (d: Date) => rows.staff.filter((s) => new Date(s.startDate) <= d && (!s.leaveDate || new Date(s.leaveDate) > d)).length;
    expect(inPost(new Date("2017-04-01"))).toBeGreaterThanOrEqual(220);
    expect(inPost(new Date("2017-04-01"))).toBeLessThanOrEqual(280);
    expect(rows.staff.filter((s) => s.leaveDate && new Date(s.leaveDate) >= new Date("2017-04-01")).length).toBeGreaterThan(60);
    expect(rows.staff.filter((s) => new Date(s.startDate) >= new Date("2017-04-01")).length).toBeGreaterThan(60);
    expect(rows.family).toHaveLength(1500);
    const children = rows.person.filter((p) => p.kind === "child").length;
    expect(children).toBeGreaterThan(2500);
    expect(rows.person.length - children).toBeGreaterThan(1500);
    expect(new Set(rows.programmeGroup.map((g) => g.language))).toEqual(new Set(["English", "Arabic", "Urdu", "Polish"]));
    expect(new Set(rows.programmeGroup.map((g) => g.track))).toEqual(new Set(["victims", "perpetrators"]));
    expect(new Set(rows.enrolment.map((e) => e.status))).toEqual(new Set(["referred", "started", "completed", "withdrawn"]));
    expect(rows.hubCase.filter((h) => new Date(h.startDate) <= PERIOD_END)).toHaveLength(228);
    expect(new Set(rows.tafMeeting.map((m) => m.kind))).toEqual(new Set(["initial", "mid_point", "closure"]));
  });

  it("reproduces Table 26 (13 sessions, 144 participants) and adds the VADA tool", () => {
    for (const [title, sessions, participants] of TABLE26) {
      const course = rows.course.find((c) => c.title === title)!;
      const ss = rows.trainingSession.filter((s) => s.courseId === course.id && new Date(s.startsAt) <= PERIOD_END);
      expect(ss, title).toHaveLength(sessions);
      const ids = new Set(ss.map((s) => s.id));
      expect(rows.trainingAttendance.filter((a) => ids.has(a.sessionId) && a.attended).length, title).toBe(participants);
    }
    expect(rows.course.map((c) => c.title)).toContain("VADA tool");
  });

  it("builds cohort windows from Appendix 2: children per status and referrals as published; days clipped to 6 months", () => {
    const cohorts = [
      ["IFP intervention cohort", reportTables.ifp.intervention],
      ["IFP comparison cohort", reportTables.ifp.comparison],
      ["Innovation Hub intervention cohort", reportTables.hub.intervention],
      ["Innovation Hub comparison cohort", reportTables.hub.comparison],
    ] as const;
    for (const [name, spec] of cohorts) {
      const cohort = rows.cohort.find((c) => c.name === name)!;
      const members = rows.cohortMember.filter((m) => m.cohortId === cohort.id);
      expect(members, name).toHaveLength(spec.n);
      expect(new Set(members.map((m) => m.familyId)).size, `${name}: one child per family`).toBe(spec.n);
      for (const side of ["before", "after"] as const) {
        const counts = { CIN: new Set<string>(), CP: new Set<string>(), CLA: new Set<string>() };
        const days = { CIN: 0, CP: 0, CLA: 0 };
        let referrals = 0;
        for (const m of members) {
          const from = side === "before" ? addDays(new Date(m.interventionStart), -182) : new Date(m.interventionEnd!);
          const to = side === "before" ? new Date(m.interventionStart) : addDays(new Date(m.interventionEnd!), 182);
          for (const e of rows.statusEpisode.filter((x) => x.childId === m.childId)) {
            const s = new Date(e.startDate) > from ? new Date(e.startDate) : from;
            const end = e.endDate ? new Date(e.endDate) : new Date("2020-03-31");
            const t = end < to ? end : to;
            if (t > s) {
              counts[e.status].add(m.childId);
              days[e.status] += daysBetween(s, t);
            }
          }
          referrals += rows.referral.filter((r) => r.childId === m.childId && new Date(r.date) >= from && new Date(r.date) < to).length;
        }
        const w = spec[side];
        for (const status of ["CIN", "CP", "CLA"] as const) {
          expect(counts[status].size, `${name} ${side} ${status} children`).toBe(w.children[status]);
          expect(days[status], `${name} ${side} ${status} days`).toBeLessThanOrEqual(w.days[status]);
          expect(days[status], `${name} ${side} ${status} days`).toBeGreaterThanOrEqual(Math.min(w.days[status], w.children[status] * 181) * 0.97);
        }
        expect(referrals, `${name} ${side} referrals`).toBe(w.referrals);
      }
    }
  });

  it("has no test fixture: no canary record and nothing matching the canary's contact details", () => {
    expect(rows.contactDetails.filter((c) => c.phone === CANARY.phone || c.postcode === CANARY.postcode || c.email === CANARY.email)).toEqual([]);
    expect(rows.family.filter((f) => f.id === CANARY.familyId || f.reference === CANARY.familyReference || /canary/i.test(f.name))).toEqual([]);
    expect(rows.person.filter((p) => p.lastName === "Canary" || p.id === CANARY.victimPersonId)).toEqual([]);
  });
});

for (const target of targets()) {
  describe(`seeding on ${target.name}`, () => {
    let db: Db;
    let ms = 0;
    beforeAll(async () => {
      db = await target.open();
      await migrate(db);
      const result = await seed(db.prisma, { today: TODAY });
      expect(result.skipped).toBe(false);
      ms = result.ms;
    });
    afterAll(async () => {
      await db?.close();
      await target.cleanup();
    });

    it("seeds 1,500 families in well under a minute", async () => {
      expect(ms).toBeLessThan(60_000);
      expect(await db.prisma.family.count()).toBe(1500);
      expect(await isSeeded(db.prisma)).toBe(true);
    });

    it("does not duplicate anything when run again", async () => {
      const before = await db.prisma.person.count();
      const again = await seed(db.prisma);
      expect(again.skipped).toBe(true);
      expect(await db.prisma.person.count()).toBe(before);
    });

    it("lives in the present: training 60-80% covered, a group running and one next month, hub cases open at different weeks, follow-ups due", async () => {
      const p = db.prisma;
      const day = 86_400_000;
      const current = { startDate: { lte: TODAY }, OR: [{ leaveDate: null }, { leaveDate: { gt: TODAY } }] };
      // training: everyone in post whose role requires a course, covered when every such course is still valid today
      const courses = await p.course.findMany({ select: { id: true, requiredFor: true } });
      const staff = await p.staff.findMany({ where: { ...current, role: { in: ["social_worker", "family_support_worker", "hub_worker", "domestic_abuse_worker"] } }, select: { id: true, role: true, trainingCompletions: { select: { courseId: true, completedAt: true, expiresAt: true } } } });
      let covered = 0;
      let dueSoon = 0;
      let overdue = 0;
      for (const s of staff) {
        const required = courses.filter((c) => (c.requiredFor as string[]).includes(s.role));
        const valid = (courseId: string) => s.trainingCompletions.some((c) => c.courseId === courseId && c.completedAt <= TODAY && (!c.expiresAt || c.expiresAt > TODAY));
        if (required.every((c) => valid(c.id))) covered++;
        if (required.some((c) => s.trainingCompletions.some((x) => x.courseId === c.id && x.expiresAt && x.expiresAt > TODAY && x.expiresAt.getTime() - TODAY.getTime() <= 60 * day))) dueSoon++;
        if (required.some((c) => !valid(c.id) && s.trainingCompletions.some((x) => x.courseId === c.id && x.expiresAt && x.expiresAt <= TODAY && x.expiresAt.getTime() > TODAY.getTime() - 365 * day))) overdue++;
      }
      expect(staff.length).toBeGreaterThan(100);
      expect(covered / staff.length).toBeGreaterThanOrEqual(0.6);
      expect(covered / staff.length).toBeLessThanOrEqual(0.8);
      expect(dueSoon).toBeGreaterThanOrEqual(5);
      expect(overdue).toBeGreaterThanOrEqual(5);
      // facilitators in post: DA workers holding the facilitator course, still valid
      const facilitators = await p.staff.count({ where: { ...current, role: "domestic_abuse_worker", trainingCompletions: { some: { course: { qualifiesFacilitator: true }, expiresAt: { gt: TODAY } } } } });
      expect(facilitators).toBeGreaterThanOrEqual(2);

      // a group running today: its first session before today, its last after, registers taken up to today only
      const groups = await p.programmeGroup.findMany({ where: { startDate: { gte: new Date(TODAY.getTime() - 80 * day) } }, select: { id: true, status: true, startDate: true, sessions: { select: { startsAt: true, attendances: { select: { id: true } } }, orderBy: { number: "asc" } } } });
      const running = groups.filter((g) => g.sessions[0]!.startsAt < TODAY && g.sessions.at(-1)!.startsAt > TODAY);
      expect(running.length).toBeGreaterThanOrEqual(2);
      for (const g of running) {
        expect(g.status).toBe("running");
        expect(g.sessions.filter((s) => s.startsAt < TODAY).every((s) => s.attendances.length > 0)).toBe(true);
        expect(g.sessions.filter((s) => s.startsAt > TODAY).every((s) => s.attendances.length === 0)).toBe(true);
      }
      // ...and one starting next month (April 2026)
      const next = groups.filter((g) => g.startDate >= new Date("2026-04-01") && g.startDate < new Date("2026-05-01"));
      expect(next.length).toBeGreaterThanOrEqual(1);
      expect(next.every((g) => g.status === "planned")).toBe(true);

      // open hub cases at different weeks of their 16-week plan
      const open = await p.hubCase.findMany({ where: { status: "open", endDate: null }, select: { startDate: true, plannedEndDate: true } });
      const weeks = new Set(open.map((h) => Math.floor((TODAY.getTime() - h.startDate.getTime()) / (7 * day)) + 1));
      expect(open.length).toBeGreaterThanOrEqual(5);
      expect(weeks.size).toBeGreaterThanOrEqual(5);
      expect([...weeks].every((w) => w >= 1 && w <= 16)).toBe(true);

      // follow-ups due within 7 days for the demo practitioner, DV worker and manager
      for (const role of ["practitioner", "dv_worker", "manager"] as const) {
        const staffId = DEMO_USERS.find((u) => u.role === role)!.staffId;
        const due = await p.followUp.count({ where: { staffId, doneDate: null, dueDate: { gte: TODAY, lte: new Date(TODAY.getTime() + 7 * day) } } });
        expect(due, role).toBeGreaterThanOrEqual(1);
      }
      // nothing left open from the report era (its follow-ups were closed), and few open a year overdue
      expect(await p.followUp.count({ where: { doneDate: null, dueDate: { lt: new Date(TODAY.getTime() - 3 * 365 * day) } } })).toBe(0);
      expect(await p.followUp.count({ where: { doneDate: null, dueDate: { lt: new Date(TODAY.getTime() - 365 * day) } } })).toBeLessThan(10);
      // every monitoring figure has data in the present; escalations to care, one after a domestic-abuse referral
      const since = new Date(TODAY.getTime() - 365 * day);
      const cla = await p.statusEpisode.findMany({ where: { status: "CLA", startDate: { gte: since, lte: TODAY } }, select: { childId: true, startDate: true } });
      const escalated = [];
      for (const e of cla) {
        const before = await p.statusEpisode.count({ where: { childId: e.childId, status: { in: ["CIN", "CP"] }, startDate: { lt: e.startDate }, OR: [{ endDate: null }, { endDate: { gte: e.startDate } }] } });
        if (before) escalated.push(e);
      }
      expect(escalated.length).toBeGreaterThanOrEqual(3);
      let afterDa = 0;
      for (const e of escalated) {
        const latest = await p.referral.findFirst({ where: { childId: e.childId, date: { lte: e.startDate } }, orderBy: { date: "desc" }, select: { domesticAbuse: true } });
        if (latest?.domesticAbuse) afterDa++;
      }
      expect(afterDa).toBeGreaterThanOrEqual(1);
      expect(await p.daConsultation.count({ where: { date: { gte: since } } })).toBeGreaterThan(100);
      expect(await p.maracReferral.count({ where: { referredOn: { gte: since } } })).toBeGreaterThan(10);
      expect(await p.hubCase.count({ where: { startDate: { gte: since } } })).toBeGreaterThan(5);
    });

    it("the demo manager leads the demo practitioner's and DV worker's team, and sees the practitioner's hub case", async () => {
      const p = db.prisma;
      const [manager, practitioner, dv] = await Promise.all(["manager", "practitioner", "dv_worker"].map((r) => p.user.findUniqueOrThrow({ where: { email: `${r}@demo.evident.local` }, include: { staff: true } })));
      expect(manager!.staff!.role).toBe("team_manager");
      expect(practitioner!.teamId).toBe(manager!.teamId);
      expect(dv!.teamId).toBe(manager!.teamId);
      const hub = await p.hubCase.findMany({ where: { leadWorkerId: practitioner!.staffId!, endDate: null }, select: { family: { select: { teamId: true } } } });
      expect(hub.length).toBe(1);
      expect(hub[0]!.family.teamId).toBe(manager!.teamId);
      // the manager's team has open families
      expect(await p.family.count({ where: { teamId: manager!.teamId!, closedAt: null } })).toBeGreaterThan(10);
    });

    it("links the demo users and the canary test fixture so the information barrier can be demonstrated", async () => {
      const p = db.prisma;
      expect(await p.family.count({ where: { id: CANARY.familyId } })).toBe(0);
      expect(await seedTestFixtures(p, { today: TODAY })).toEqual({ skipped: false });
      expect(await seedTestFixtures(p)).toEqual({ skipped: true });
      const dv = DEMO_USERS.find((u) => u.role === "dv_worker")!;
      const practitioner = DEMO_USERS.find((u) => u.role === "practitioner")!;
      expect(await p.user.count({ where: { email: { endsWith: "@demo.evident.local" } } })).toBe(7);
      const victim = await p.person.findUniqueOrThrow({ where: { id: CANARY.victimPersonId }, include: { contactDetails: true, linksFrom: true } });
      expect(victim.contactDetails).toMatchObject({ phone: "07700 900999", postcode: "SL1 9ZZ", safeToCall: false, confidentiality: "protected" });
      expect(victim.contactDetails!.unsafePeople).toContain(CANARY.perpetratorName);
      expect(victim.linksFrom).toContainEqual(expect.objectContaining({ toPersonId: CANARY.perpetratorPersonId, kind: "victim_perpetrator" }));
      // the perpetrator is on dv_worker's caseload and in a perpetrators' group dv_worker facilitates
      const dvUser = await p.user.findUniqueOrThrow({ where: { id: dv.id }, include: { staff: { include: { allocations: true, facilitating: { include: { group: { include: { enrolments: true } } } } } } } });
      expect(dvUser.staff!.allocations.some((a) => a.personId === CANARY.perpetratorPersonId && a.familyId === CANARY.familyId && a.toDate === null)).toBe(true);
      const group = dvUser.staff!.facilitating.find((f) => f.groupId === CANARY.perpetratorsGroupId)!.group;
      expect(group.track).toBe("perpetrators");
      expect(group.enrolments.map((e) => e.personId)).toContain(CANARY.perpetratorPersonId);
      // ...and is not allocated to the victim or facilitating the victim's group
      expect(dvUser.staff!.facilitating.some((f) => f.group.enrolments.some((e) => e.personId === CANARY.victimPersonId))).toBe(false);
      // the practitioner holds the family
      const alloc = await p.caseAllocation.findFirst({ where: { familyId: CANARY.familyId, staff: { user: { id: practitioner.id } }, toDate: null } });
      expect(alloc?.id).toBe(CANARY.practitionerAllocationId);
      expect(await p.caseAllocation.count({ where: { staff: { user: { id: practitioner.id } }, toDate: null } })).toBeGreaterThan(5);
      // nobody else has the canary phone or postcode
      expect(await p.contactDetails.count({ where: { OR: [{ phone: CANARY.phone }, { postcode: CANARY.postcode }] } })).toBe(1);
    });

    it("creates credential accounts for the demo users with a given hash function, once", async () => {
      let calls = 0;
      const hash = async (pw: string) => {
        calls++;
        return `hashed:${pw}`;
      };
      const emails = await ensureDemoUsers(db.prisma, hash);
      expect(emails).toHaveLength(7);
      expect(await db.prisma.account.count({ where: { providerId: "credential", password: "hashed:evident-demo" } })).toBe(7);
      await ensureDemoUsers(db.prisma, hash);
      expect(calls).toBe(1);
      expect(await db.prisma.account.count()).toBe(7);
      const u = await db.prisma.user.findUniqueOrThrow({ where: { email: "practitioner@demo.evident.local" }, include: { staff: true } });
      expect(u).toMatchObject({ role: "practitioner", disabled: false });
      expect(u.staff?.role).toBe("social_worker");
      expect(u.teamId).toBe(u.staff?.teamId);
    });

    it("adds a scaled authority in batches, resumable and not repeated", async () => {
      const lines: string[] = [];
      const first = await seedScale(db, { children: 3000, batch: 2000, log: (l) => lines.push(l) });
      expect(first.skipped).toBe(false);
      expect(first.counts.children).toBe(3000);
      expect(await db.prisma.person.count({ where: { reference: { startsWith: "SC" } } })).toBe(3000);
      expect(await db.prisma.statusEpisode.count({ where: { id: { startsWith: "5ca1e0" } } })).toBe(first.counts.statusEpisode);
      expect(first.counts.statusEpisode).toBeGreaterThan(3000 * 3);
      expect(lines.at(-1)).toMatch(/scale seed done/);
      expect((await seedScale(db, { children: 3000 })).skipped).toBe(true);
      // resumable: with the marker gone, a re-run inserts nothing new
      await db.prisma.seedRun.delete({ where: { id: "scale" } });
      const before = await db.prisma.statusEpisode.count();
      await seedScale(db, { children: 3000, batch: 2000 });
      expect(await db.prisma.statusEpisode.count()).toBe(before);
    });
  });
}
