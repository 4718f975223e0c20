import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./client.js";
import { migrate } from "./migrate.js";
import { buildDemo } from "./seed/demo.js";
import { DEFAULT_SEED, isSeeded, seed } from "./seed/index.js";
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

describe("demo data (generated rows)", () => {
  const rows = buildDemo({ seed: DEFAULT_SEED });

  it("is deterministic for a seed number and different for another", () => {
    expect(json(buildDemo({ seed: DEFAULT_SEED }))).toBe(json(rows));
    expect(json(buildDemo({ seed: 7 }).person.slice(0, 20))).not.toBe(json(rows.person.slice(0, 20)));
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
    expect(rows.hubCase).toHaveLength(228);
    expect(new Set(rows.tafMeeting.map((m) => m.kind))).toEqual(new Set(["initial", "mid_point", "closure"]));
  });

  it("reproduces Table 26 (13 sessions, 144 participants) and adds the VADA tool", () => {
    for (const [title, sessions, participants] of TABLE26) {
      const course = rows.course.find((c) => c.title === title)!;
      const ss = rows.trainingSession.filter((s) => s.courseId === course.id);
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

  it("generates no other contact details matching the canary", () => {
    const hits = rows.contactDetails.filter((c) => c.phone === CANARY.phone || c.postcode === CANARY.postcode);
    expect(hits.map((c) => c.id)).toEqual([CANARY.victimContactDetailsId]);
  });
});

for (const target of targets()) {
  describe(`seeding on ${target.name}`, () => {
    let db: Db;
    let ms = 0;
    beforeAll(async () => {
      db = await target.open();
      await migrate(db);
      const result = await seed(db.prisma);
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

    it("links the demo users so the information barrier can be demonstrated", async () => {
      const p = db.prisma;
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
