/**
 * The demo trust's present: three years of operational history up to `today`
 * (the day the seed runs, injectable for tests) and a little planned work
 * ahead, on top of the report-era history (April 2017 to March 2020), which
 * it never changes. Its own generator, so the report-era rows keep their ids.
 *
 * - staff: joiners over the three years (DA and hub workers among them) and some leavers;
 * - training: sessions every four weeks for the required courses; of the staff whose role
 *   requires training, 70% hold every required course (some due a refresher within 60 days),
 *   the rest have a refresher overdue or a course never done (assigned, overdue); recent starters have
 *   their required courses from their onboarding plan, due soon; the demo
 *   DV worker and the DA workers hold the facilitator course;
 * - the Inspiring Families groups: a round every 10 weeks, one running now (session 5 this
 *   week, registers up to today) and one starting next month;
 * - families referred month by month, with assessments, CIN/CP/CLA episodes (escalations to
 *   care among them, some after a domestic-abuse referral), re-referrals, group enrolments,
 *   one-to-one work and follow-ups;
 * - Innovation Hub cases: closed ones over the three years and open ones at different weeks of
 *   their 16-week plan (one led by the demo practitioner, in the demo manager's team);
 * - follow-ups due this week for the demo practitioner, DV worker and manager; the report era's
 *   follow-ups left open are closed as not made (outcome "Not made: closed with the case").
 */
import type { StaffRole } from "../generated/prisma/enums.js";
import { addDays, atTime, between, day, daysBetween, maxDate, minDate, Rng } from "./random.js";
import { AGENCIES, BACKGROUNDS, CLA_LEGAL, COURSES, CP_CATEGORIES, DA_FACTORS, OTHER_FACTORS, REFERRAL_SOURCES, PRIMARY_NEEDS, STAFF_FIRST, STAFF_LAST, STREETS, POSTCODE_AREAS, VENUES, type TeamKey } from "./reference.js";
import type { Rows } from "./rows.js";

/** Families referred in the present (part of the demo's 1,500). */
export const PRESENT_FAMILIES = 300;
/** Share of the staff whose role requires training who hold every required course today. */
export const PRESENT_COVERAGE = 0.7;
/** Open hub cases today and the week of their 16-week plan each is in (1 = its first week). */
export const OPEN_HUB_WEEKS = [2, 4, 5, 7, 9, 11, 12, 14, 15] as const;

export interface PresentInput {
  seed: number;
  today: Date;
  teamId: ReadonlyMap<TeamKey, string>;
  programmes: { IFP: string; IFP_1TO1: string; RECOVERY: string; HUB: string };
  courseIds: ReadonlyMap<string, string>;
  /** Staff ids of the demo logins. */
  demo: { practitioner: string; dvWorker: string; manager: string; trainer: string; staff: string };
  /** The trainer's user id (who records completions). */
  trainerUserId: string;
}

const addMonths = (d: Date, n: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));
/** The Monday on or before a day. */
const mondayOnOrBefore = (d: Date): Date => addDays(d, -((d.getUTCDay() + 6) % 7));
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

interface Person {
  id: string;
  role: "victim" | "perpetrator" | "parent_carer";
  name: string;
}

interface Group {
  id: string;
  track: "victims" | "perpetrators";
  start: Date;
  sessions: { id: string; date: Date }[];
}

/** The present's first day: three years before today, and never before the report's period ended. */
export const presentFrom = (today: Date): Date => maxDate(addDays(today, -3 * 365), day("2020-04-01"));

export function addPresent(R: Rows, input: PresentInput): void {
  const rng = new Rng((input.seed ^ 0x70da7) >>> 0);
  const id = () => rng.uuid();
  const today = input.today;
  const from = presentFrom(today);
  const team = (k: TeamKey) => input.teamId.get(k)!;

  // ───────── the report era's follow-ups still open: closed, not made, a month after they fell due ─────────
  for (const f of R.followUp) {
    if (f.doneDate) continue;
    f.doneDate = addDays(asDate(f.dueDate), 30);
    f.outcome = "Not made: closed with the case";
  }

  // ───────── staff: joiners and leavers ─────────
  const demoStaff = new Set(Object.values(input.demo));
  for (const s of R.staff) {
    if (s.leaveDate || demoStaff.has(s.id!)) continue;
    if (rng.chance(0.12)) s.leaveDate = between(rng, from, addDays(today, -30));
  }
  const joiners: [StaffRole, TeamKey[], string, number][] = [
    ["social_worker", ["front", "cp1", "cp2", "cp3", "cla"], "Social Worker", 22],
    ["family_support_worker", ["eh1", "eh2", "cp1", "cp2", "cp3"], "Family Support Worker", 10],
    ["domestic_abuse_worker", ["da"], "Domestic Abuse Family Support Worker", 5],
    ["hub_worker", ["hub"], "Hub Family Support Worker", 5],
    ["team_manager", ["cp2", "eh1"], "Team Manager", 2],
  ];
  let seq = 0;
  for (const [role, teams, title, n] of joiners) {
    for (let i = 0; i < n; i++) {
      // DA and hub workers join early so the present's groups and hub cases have staff; a few join recently
      const start = role === "domestic_abuse_worker" || role === "hub_worker" ? addDays(from, -rng.int(20, 60) + i * 30) : i < 3 ? addDays(today, -rng.int(5, 50)) : between(rng, from, addDays(today, -60));
      const name = `${rng.pick(STAFF_FIRST)} ${rng.pick(STAFF_LAST)}`;
      R.staff.push({ id: id(), name, email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}.n${++seq}@trust.example.org`, role, jobTitle: title, teamId: team(rng.pick(teams)), startDate: start, leaveDate: null, languages: ["English"] });
    }
  }
  const inPost = (s: (typeof R.staff)[number], d: Date) => asDate(s.startDate) <= d && (!s.leaveDate || asDate(s.leaveDate) > d);
  const staffAt = (role: StaffRole, d: Date, teamKey?: TeamKey) => R.staff.filter((s) => s.role === role && inPost(s, d) && (!teamKey || s.teamId === team(teamKey)) && s.id !== input.demo.dvWorker);
  const pickAt = (role: StaffRole, d: Date, teamKey?: TeamKey) => {
    const pool = staffAt(role, d, teamKey);
    return rng.pick(pool.length ? pool : staffAt(role, today).length ? staffAt(role, today) : R.staff.filter((s) => s.role === role));
  };

  // ───────── training ─────────
  const sessions = new Map<string, { id: string; date: Date }[]>();
  const trained = ["IFP", "IFP_TTT", "RECOVERY", "ABUSIVE_MEN", "DA_FAMILIES", "VADA"];
  trained.forEach((code, k) => {
    const list: { id: string; date: Date }[] = [];
    // every four weeks from four months before the present (so a refresher falling due has a session), two planned ahead
    for (let d = addDays(mondayOnOrBefore(addDays(from, -120)), k); d <= addDays(today, 56); d = addDays(d, 28)) {
      const sid = id();
      list.push({ id: sid, date: d });
      R.trainingSession.push({ id: sid, courseId: input.courseIds.get(code)!, startsAt: atTime(d, 9, 30), endsAt: atTime(d, 16, 30), venue: rng.pick(["Trust training room", "Online (Teams)"]), trainerId: input.demo.trainer, capacity: 16 });
    }
    sessions.set(code, list);
  });
  const complete = (staffId: string, code: string, lo: Date, hi: Date): boolean => {
    const course = COURSES.find((c) => c.code === code)!;
    const options = sessions.get(code)!.filter((s) => s.date >= lo && s.date <= hi && s.date < today);
    if (!options.length) return false;
    const s = rng.pick(options);
    R.trainingAttendance.push({ id: id(), sessionId: s.id, staffId, attended: true });
    R.trainingCompletion.push({ id: id(), staffId, courseId: input.courseIds.get(code)!, sessionId: s.id, completedAt: atTime(s.date, 16, 30), expiresAt: course.validityMonths ? addMonths(s.date, course.validityMonths) : null, recordedById: input.trainerUserId });
    return true;
  };
  const validity = (code: string) => COURSES.find((c) => c.code === code)!.validityMonths ?? 1200;
  /** Completed so it is valid today and not due within 60 days (after the person started). */
  const validWindow = (code: string, start: Date): [Date, Date] => [maxDate(addDays(addMonths(today, -validity(code)), 70), start), addDays(today, -3)];
  const required = (role: string) => COURSES.filter((c) => (c.requiredFor as readonly string[]).includes(role)).map((c) => c.code);
  const current = R.staff.filter((s) => inPost(s, today) && required(s.role as string).length > 0);
  const eligible = rng.shuffle(current.filter((s) => asDate(s.startDate) <= addDays(today, -60) && s.id !== input.demo.staff));
  const dv = eligible.find((s) => s.id === input.demo.dvWorker);
  if (dv) eligible.unshift(...eligible.splice(eligible.indexOf(dv), 1));
  const coveredCount = Math.round(PRESENT_COVERAGE * current.length);
  eligible.forEach((s, i) => {
    const codes = required(s.role as string);
    const start = asDate(s.startDate);
    if (i < coveredCount) {
      const soon = i % 7 === 3; // about one in seven covered people has a refresher due within 60 days
      codes.forEach((code, k) => {
        const lapse = addMonths(today, -validity(code));
        if (soon && k === 0 && lapse >= start) complete(s.id!, code, addDays(lapse, 5), addDays(lapse, 55));
        else complete(s.id!, code, ...validWindow(code, start));
      });
    } else {
      const overdue = i % 2 === 0;
      codes.forEach((code, k) => {
        const lapse = addMonths(today, -validity(code));
        if (k === 0 && overdue && lapse > start) complete(s.id!, code, addDays(lapse, -150), addDays(lapse, -1));
        else if (k === 0 || !complete(s.id!, code, ...validWindow(code, start))) {
          R.trainingAssignment.push({ id: id(), staffId: s.id!, courseId: input.courseIds.get(code)!, assignedAt: atTime(addDays(today, -rng.int(40, 90)), 9), dueDate: addDays(today, -rng.int(1, 30)), status: "assigned", source: "manual" });
        }
      });
    }
  });
  // recent starters (and the demo member of staff): their required courses, from their role's onboarding plan, due soon
  for (const s of current.filter((x) => !eligible.includes(x))) {
    for (const code of required(s.role as string)) R.trainingAssignment.push({ id: id(), staffId: s.id!, courseId: input.courseIds.get(code)!, assignedAt: atTime(maxDate(asDate(s.startDate), addDays(today, -40)), 9), dueDate: addDays(today, rng.int(3, 40)), status: "assigned", source: "plan" });
  }
  // facilitators: the DA workers in post hold the facilitator course
  for (const s of current.filter((x) => x.role === "domestic_abuse_worker")) complete(s.id!, "IFP_TTT", ...validWindow("IFP_TTT", asDate(s.startDate)));

  // ───────── Inspiring Families groups ─────────
  const groups: Group[] = [];
  const addGroup = (track: "victims" | "perpetrators", language: string, slot: "day" | "evening", start: Date) => {
    const gid = id();
    const end = addDays(start, 63);
    R.programmeGroup.push({
      id: gid,
      programmeId: input.programmes.IFP,
      name: `IFP ${track === "victims" ? "Victims" : "Perpetrators"} ${language} ${slot} ${start.toISOString().slice(0, 7)}`,
      track,
      language,
      slot,
      childcare: track === "victims" && slot === "day",
      venue: rng.pick(VENUES),
      startDate: start,
      sessionsPlanned: 10,
      completionThreshold: 8,
      capacity: 12,
      status: end < today ? "finished" : start <= today ? "running" : "planned",
    });
    const others = staffAt("domestic_abuse_worker", start, "da");
    const facilitators = track === "perpetrators" ? [input.demo.dvWorker, ...rng.sample(others, 1).map((s) => s.id!)] : rng.sample(others, 2).map((s) => s.id!);
    facilitators.forEach((f, i) => R.groupFacilitator.push({ id: id(), groupId: gid, staffId: f, lead: i === 0 }));
    const g: Group = { id: gid, track, start, sessions: [] };
    for (let n = 1; n <= 10; n++) {
      const sid = id();
      const date = addDays(start, (n - 1) * 7);
      g.sessions.push({ id: sid, date });
      R.groupSession.push({ id: sid, groupId: gid, number: n, startsAt: atTime(date, slot === "day" ? 10 : 18), durationMinutes: 120, cancelled: false });
    }
    groups.push(g);
  };
  const current0 = mondayOnOrBefore(addDays(today, -28)); // the round running now: its fifth session this week
  for (let k = 0, start = current0; start >= from; k++, start = addDays(start, -70)) {
    const slot = k % 2 === 0 ? "day" : "evening";
    addGroup("victims", "English", slot, start);
    addGroup("perpetrators", "English", slot === "day" ? "evening" : "day", start);
    if (k % 3 === 1) addGroup("victims", "Urdu", "day", addDays(start, 2));
  }
  const nextMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const nextStart = addDays(nextMonth, (8 - nextMonth.getUTCDay()) % 7); // the first Monday of next month
  addGroup("victims", "English", "evening", nextStart);
  addGroup("perpetrators", "English", "evening", nextStart);

  // ───────── families ─────────
  let personSeq = 800000;
  let phoneSeq = 0;
  const phone = () => `07700 900${(phoneSeq = (phoneSeq + 1 + rng.int(0, 4)) % 999).toString().padStart(3, "0")}`;
  const postcode = () => `${rng.pick(POSTCODE_AREAS)}${"ABDEFGHJLNPQRSTUWXY"[rng.int(0, 18)]}${"ABDEFGHJLNPQRSTUWXY"[rng.int(0, 18)]}`;
  const addPerson = (kind: "child" | "adult", gender: "female" | "male", first: string, last: string, birth: Date | null, bg: (typeof BACKGROUNDS)[number][0]) => {
    const pid = id();
    R.person.push({ id: pid, reference: `P${(++personSeq).toString().padStart(7, "0")}`, kind, firstName: first, lastName: last, birthDate: birth, gender, ethnicity: rng.weighted(bg.ethnicity), firstLanguage: kind === "child" && rng.chance(0.6) ? "English" : bg.language, interpreterNeeded: false, restricted: false });
    return pid;
  };
  const episodes = (childId: string, start: Date) => {
    // CIN, then CP for some, then care for a few (escalations to care, Figure 2)
    let s = start;
    let e = addDays(s, rng.int(60, 300));
    R.statusEpisode.push({ id: id(), childId, status: "CIN", startDate: s, endDate: e < today ? e : null, source: "cin_census" });
    if (e >= today) return;
    if (rng.chance(0.35)) {
      s = e;
      e = addDays(s, rng.int(90, 400));
      R.statusEpisode.push({ id: id(), childId, status: "CP", startDate: s, endDate: e < today ? e : null, cpCategoryOfAbuse: rng.weighted(CP_CATEGORIES), source: "cin_census" });
      if (e >= today || !rng.chance(0.3)) return;
    } else if (!rng.chance(0.08)) return;
    R.statusEpisode.push({ id: id(), childId, status: "CLA", startDate: e, endDate: null, claLegalStatus: rng.weighted(CLA_LEGAL), source: "ssda903" });
  };
  const referral = (childId: string, familyId: string, date: Date, da: boolean) =>
    R.referral.push({ id: id(), childId, familyId, date, source: da && rng.chance(0.5) ? "5A" : rng.weighted(REFERRAL_SOURCES), primaryNeed: da ? "N1" : rng.weighted(PRIMARY_NEEDS), reasons: da ? [rng.pick(DA_FACTORS)] : [], domesticAbuse: da, outcome: "Assessment", nfa: false, closedAt: addDays(date, rng.int(1, 20)) < today ? addDays(date, rng.int(1, 20)) : null });

  interface Fam {
    id: string;
    teamKey: TeamKey;
    opened: Date;
    adults: Person[];
    children: string[];
    lead: string;
  }
  const makeFamily = (n: number, opened: Date, opts: { da: boolean; teamKey?: TeamKey; lead?: string; open?: boolean }): Fam => {
    const [bg] = rng.weighted(BACKGROUNDS.map(([b, w]) => [[b], w] as const));
    const surname = rng.pick(bg.surnames);
    const teamKey: TeamKey = opts.teamKey ?? (opts.da ? "da" : rng.pick<TeamKey>(["eh1", "eh2", "cp1", "cp2", "cp3", "front"]));
    const fid = id();
    const close = addDays(opened, rng.int(120, 700));
    R.family.push({ id: fid, reference: `F${(100000 + n).toString()}`, name: `${surname} family`, teamId: team(teamKey), openedAt: opened, closedAt: opts.open || close >= today ? null : close });
    const adults: Person[] = [];
    const birth = () => between(rng, addMonths(today, -12 * 50), addMonths(today, -12 * 20));
    if (opts.da) {
      const v = rng.pick(bg.female);
      const p = rng.pick(bg.male);
      adults.push({ id: addPerson("adult", "female", v, surname, birth(), bg), role: "victim", name: `${v} ${surname}` });
      adults.push({ id: addPerson("adult", "male", p, surname, birth(), bg), role: "perpetrator", name: `${p} ${surname}` });
      R.personLink.push({ id: id(), fromPersonId: adults[0]!.id, toPersonId: adults[1]!.id, kind: "victim_perpetrator" });
    } else {
      const first = rng.pick(bg.female);
      adults.push({ id: addPerson("adult", "female", first, surname, birth(), bg), role: "parent_carer", name: `${first} ${surname}` });
    }
    const street = `${rng.int(1, 180)} ${rng.pick(STREETS)}`;
    const pc = postcode();
    for (const a of adults) {
      R.familyMember.push({ id: id(), familyId: fid, personId: a.id, role: a.role, fromDate: opened });
      const victim = a.role === "victim";
      R.contactDetails.push({ id: id(), personId: a.id, addressLine1: street, town: "Slough", postcode: pc, phone: phone(), email: null, safeToCall: victim ? rng.chance(0.6) : null, safeTimes: victim ? "Weekdays 9:00-15:00" : null, preferredChannel: victim ? "sms" : "phone", unsafePeople: victim ? [adults[1]!.name] : [], notes: victim ? "Do not leave voicemail. Do not disclose address." : null, confidentiality: victim ? "protected" : "normal" });
    }
    const children: string[] = [];
    for (let c = 0, k = rng.int(1, 3); c < k; c++) {
      const female = rng.chance(0.5);
      const b = between(rng, addMonths(opened, -12 * 16), addDays(opened, -60));
      const cid = addPerson("child", female ? "female" : "male", rng.pick(female ? bg.female : bg.male), surname, b, bg);
      children.push(cid);
      R.familyMember.push({ id: id(), familyId: fid, personId: cid, role: "child", fromDate: b });
      for (const a of adults) R.personLink.push({ id: id(), fromPersonId: a.id, toPersonId: cid, kind: "parent_child" });
    }
    const roleFor: StaffRole = teamKey.startsWith("eh") ? "family_support_worker" : teamKey === "hub" ? "hub_worker" : "social_worker";
    const lead = opts.lead ?? pickAt(roleFor, opened, teamKey === "da" ? rng.pick<TeamKey>(["cp1", "cp2", "cp3"]) : teamKey).id!;
    R.caseAllocation.push({ id: id(), familyId: fid, staffId: lead, lead: true, fromDate: opened });
    // referrals, assessments (open ones past their target among the recent), episodes
    for (const c of children) {
      referral(c, fid, opened, opts.da);
      const level = rng.chance(0.45) ? "EARLY_HELP" : "CIN";
      const allocatedAt = addDays(opened, rng.int(1, 5));
      const done = addDays(allocatedAt, rng.int(15, 55));
      R.assessment.push({ id: id(), childId: c, familyId: fid, staffId: lead, level, allocatedAt, startedAt: addDays(allocatedAt, rng.int(0, 7)), completedAt: done < today ? done : null, factors: opts.da ? ["3B", ...rng.sample(OTHER_FACTORS, 1)] : rng.sample(OTHER_FACTORS, rng.int(1, 3)).filter((x) => !x.startsWith("3")) });
      if (level === "CIN" && done < today) episodes(c, done);
      if (rng.chance(0.15)) {
        const again = addDays(opened, rng.int(60, 330));
        if (again < today) referral(c, fid, again, opts.da);
      }
    }
    return { id: fid, teamKey, opened, adults, children, lead };
  };

  // IFP enrolments and what follows them
  const enrol = (f: Fam, person: Person, g: Group) => {
    const eid = id();
    const end = addDays(g.start, 63);
    const safetyChecks = { riskAssessed: true, maracConsidered: true, partnerNotInSameGroup: true, safeContactAgreed: g.track === "victims", childcareNeeded: false };
    const referredAt = addDays(g.start, -rng.int(14, 40));
    if (g.start > today) {
      R.enrolment.push({ id: eid, personId: person.id, programmeId: input.programmes.IFP, groupId: g.id, familyId: f.id, status: "referred", referredAt, referralSource: "Social worker", safetyChecks });
      return;
    }
    let attended = 0;
    const dropAt = rng.chance(0.15) ? rng.int(2, 6) : 11;
    for (const [n, s] of g.sessions.entries()) {
      if (s.date > today || n + 1 >= dropAt) break;
      const here = n === 0 || rng.chance(0.85);
      if (here) attended++;
      R.attendance.push({ id: id(), sessionId: s.id, enrolmentId: eid, status: here ? "attended" : rng.chance(0.6) ? "absent_notified" : "absent" });
    }
    const finished = end < today;
    const completed = finished && dropAt > 10 && attended >= 8;
    const status = completed ? "completed" : dropAt <= 10 || finished ? "withdrawn" : "started";
    R.enrolment.push({ id: eid, personId: person.id, programmeId: input.programmes.IFP, groupId: g.id, familyId: f.id, status, referredAt, referralSource: rng.pick(["Social worker", "Police", "Health visitor", "Self"]), startedAt: g.start, completedAt: completed ? end : null, withdrawnAt: status === "withdrawn" ? minDate(end, today) : null, withdrawalReason: status === "withdrawn" ? (dropAt <= 10 ? "Stopped attending" : "Attended fewer sessions than the completion threshold") : null, safetyChecks });
    if (!completed) return;
    if (person.role === "victim") {
      for (let m = 1; m <= 6; m++) {
        const due = addDays(end, 30 * m);
        const done = due < addDays(today, -14) && rng.chance(0.97);
        R.followUp.push({ id: id(), familyId: f.id, personId: person.id, enrolmentId: eid, staffId: rng.chance(0.5) ? input.demo.dvWorker : pickAt("domestic_abuse_worker", minDate(due, today), "da").id!, kind: "contact", dueDate: due, doneDate: done ? addDays(due, rng.int(0, 6)) : null, outcome: done ? rng.pick(["Contacted: doing well", "Contacted: some concerns, support offered"]) : null });
      }
      if (rng.chance(0.4)) {
        const s = addDays(end, rng.int(7, 28));
        if (s < today) R.enrolment.push({ id: id(), personId: person.id, programmeId: input.programmes.RECOVERY, familyId: f.id, status: addDays(s, 84) < today ? "completed" : "started", referredAt: end, startedAt: s, completedAt: addDays(s, 84) < today ? addDays(s, 84) : null });
      }
    } else if (rng.chance(0.5)) {
      const s = addDays(end, rng.int(7, 28));
      if (s < today) R.enrolment.push({ id: id(), personId: person.id, programmeId: input.programmes.IFP_1TO1, familyId: f.id, status: addDays(s, 70) < today ? "completed" : "started", referredAt: end, startedAt: s, completedAt: addDays(s, 70) < today ? addDays(s, 70) : null });
    }
  };

  // Hub cases: a lead worker, weekly visits, three TAF meetings, follow-ups after closing
  const hubCase = (f: Fam, start: Date, lead: string, open: boolean) => {
    const hid = id();
    const plannedEnd = addDays(start, 112);
    const end = open ? null : addDays(start, rng.int(84, 120));
    const outcome = rng.weighted([["stepped_down", 45], ["closed", 40], ["escalated", 15]] as const);
    const closureReason = outcome === "escalated" ? "Escalated to child protection" : outcome === "stepped_down" ? "Goals met: stepped down to Early Help" : rng.pick(["No further action: goals met", "Signposting only: family supported by universal services"]);
    R.hubCase.push({ id: hid, familyId: f.id, programmeId: input.programmes.HUB, leadWorkerId: lead, startDate: start, plannedEndDate: plannedEnd, endDate: end, status: open ? "open" : outcome, closureReason: open ? null : closureReason });
    const last = end ?? today;
    for (let w = 0; addDays(start, w * 7) <= last; w++) {
      const at = addDays(start, w * 7 + rng.int(0, 2));
      if (at <= last && (w === 0 || rng.chance(0.85))) R.hubVisit.push({ id: id(), hubCaseId: hid, staffId: lead, at: atTime(at, rng.int(9, 16)), mode: rng.weighted([["home", 8], ["phone", 1], ["office", 1]] as const) });
    }
    const agencies = rng.sample(AGENCIES, rng.int(2, 3));
    for (const agency of agencies) {
      R.agencyInvolvement.push({ id: id(), familyId: f.id, hubCaseId: hid, agency, role: null, fromDate: start, toDate: end });
      R.consentToShare.push({ id: id(), personId: f.adults[0]!.id, purpose: "hub_multi_agency", recipientAgency: agency, status: "given", decidedAt: atTime(start, 10), expiresAt: addDays(start, 365) });
    }
    const meetings: ["initial" | "mid_point" | "closure", Date][] = [["initial", addDays(start, 7)], ["mid_point", addDays(start, 56)], ["closure", end ?? plannedEnd]];
    for (const [kind, at] of meetings) {
      const mid = id();
      const held = at <= today;
      R.tafMeeting.push({ id: mid, hubCaseId: hid, kind, at: atTime(at, 14), held });
      if (!held) continue;
      for (const agency of agencies) R.meetingAgency.push({ id: id(), meetingId: mid, agency, attended: rng.chance(0.8) });
      const due = addDays(at, rng.int(7, 21));
      R.meetingAction.push({ id: id(), meetingId: mid, description: rng.pick(["Arrange school attendance review", "GP appointment for mental health review", "Housing application support", "Parenting support sessions"]), ownerStaffId: lead, ownerAgency: null, dueDate: due, doneAt: due < today && rng.chance(0.8) ? atTime(due, 12) : null });
    }
    if (!end) return;
    if (outcome === "stepped_down") R.stepDownPlan.push({ id: id(), familyId: f.id, hubCaseId: hid, agreedAt: end, toService: "Early Help", reviewDate: addDays(end, 90) });
    for (let m = 1; m <= 3; m++) {
      const due = addDays(end, 30 * m);
      const done = due < addDays(today, -14) && rng.chance(0.97);
      R.followUp.push({ id: id(), familyId: f.id, hubCaseId: hid, staffId: lead, kind: "contact", dueDate: due, doneDate: done ? addDays(due, rng.int(0, 7)) : null, outcome: done ? "Contacted: doing well" : null });
    }
  };

  const days = daysBetween(from, today);
  const hubLead = (d: Date) => pickAt("hub_worker", d, "hub").id!;
  const practitionerFamilies: Fam[] = [];
  const managersTeam: Fam[] = [];
  const dvFamilies: Fam[] = [];
  for (let n = 1; n <= PRESENT_FAMILIES - OPEN_HUB_WEEKS.length; n++) {
    const opened = addDays(from, Math.floor(((n - 0.5) * days) / (PRESENT_FAMILIES - OPEN_HUB_WEEKS.length)));
    const da = rng.chance(0.35);
    const recent = opened > addDays(today, -365);
    const f = makeFamily(n, opened, { da, lead: recent && rng.chance(0.12) ? input.demo.practitioner : undefined });
    if (f.lead === input.demo.practitioner) practitionerFamilies.push(f);
    if (da) {
      // into the first round starting two weeks or more after the referral
      const round = (track: Group["track"]) => groups.filter((g) => g.track === track && g.start >= addDays(opened, 14)).sort((a, b) => a.start.getTime() - b.start.getTime())[0];
      const vg = round("victims");
      if (vg) enrol(f, f.adults[0]!, vg);
      const pg = round("perpetrators");
      if (pg && rng.chance(0.6)) {
        enrol(f, f.adults[1]!, pg);
        R.caseAllocation.push({ id: id(), familyId: f.id, personId: f.adults[1]!.id, staffId: input.demo.dvWorker, lead: false, fromDate: addDays(pg.start, -14) });
        dvFamilies.push(f);
      }
    } else if (rng.chance(0.18) && opened < addDays(today, -140)) {
      hubCase(f, addDays(opened, rng.int(7, 21)), hubLead(opened), false);
    }
  }
  // open hub cases at different weeks; the first is the demo practitioner's, in the demo manager's (DA) team
  OPEN_HUB_WEEKS.forEach((week, i) => {
    const start = addDays(today, -7 * (week - 1) - (i % 3));
    const mine = i === 2;
    const f = makeFamily(PRESENT_FAMILIES - OPEN_HUB_WEEKS.length + 1 + i, addDays(start, -rng.int(10, 25)), { da: mine, teamKey: mine ? "da" : "hub", lead: mine ? input.demo.practitioner : undefined, open: true });
    if (mine) {
      practitionerFamilies.unshift(f);
      managersTeam.push(f);
    }
    hubCase(f, start, mine ? input.demo.practitioner : f.lead, true);
  });

  // follow-ups due this week (and one overdue) for the demo logins that keep a caseload
  const openPractitioner = practitionerFamilies.filter((f) => R.family.find((x) => x.id === f.id)!.closedAt === null);
  const dueThisWeek = (f: Fam | undefined, staffId: string, offsets: number[]) => {
    if (!f) return;
    for (const o of offsets) R.followUp.push({ id: id(), familyId: f.id, personId: f.adults[0]!.id, staffId, kind: "contact", dueDate: addDays(today, o), doneDate: null, outcome: null });
  };
  dueThisWeek(openPractitioner[0], input.demo.practitioner, [-4, 1, 3]);
  dueThisWeek(openPractitioner[1] ?? openPractitioner[0], input.demo.practitioner, [6]);
  dueThisWeek(dvFamilies[dvFamilies.length - 1], input.demo.dvWorker, [2, 5]);
  dueThisWeek(managersTeam[0], input.demo.manager, [4]);
}
