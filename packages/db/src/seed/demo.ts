/**
 * The demo trust: a believable children's services trust from April 2017 to
 * March 2020, generated deterministically from a seed number.
 *
 * - ~340 staff records (~240 in post at any time) across 12 teams, with joiners and leavers;
 * - 1,500 families (children and adults) with referrals, assessments and CIN/CP/CLA episodes;
 * - the domestic-abuse group programme (Inspiring Families: victims' and perpetrators' tracks in
 *   English, Arabic, Urdu and Polish) with groups, sessions, enrolments, attendance, 1-2-1 work,
 *   recovery toolkits and follow-ups; the Innovation Hub with cases, visits, TAF meetings,
 *   agencies, actions, consent, step-down and follow-ups;
 * - four child-level cohorts whose before/after windows are built from the report's Appendix 2
 *   (Tables 11-14 and 18-21): counts of children per status and referrals match; days are
 *   clipped to the 6-month windows, so totals that exceed a window in the report come out lower;
 * - training (Table 26's 13 sessions / 144 participants, plus the VADA tool), onboarding, the
 *   logic models of Appendix 1 with indicators, targets and measurements, milestones, decisions;
 * - the demo users (users.ts); the information-barrier canary is a test fixture, not demo data
 *   (fixtures.ts, seeded only by the tests that need it);
 * - the trust's present: three years of operational history up to the day the seed runs and a
 *   little planned work ahead (present.ts), so every dashboard shows live work.
 */
import type { Prisma } from "../generated/prisma/client.js";
import type { StaffRole } from "../generated/prisma/enums.js";
import { addDays, atTime, between, day, daysBetween, maxDate, minDate, Rng, utcToday } from "./random.js";
import {
  AGENCIES,
  BACKGROUNDS,
  type Background,
  CLA_LEGAL,
  COURSES,
  CP_CATEGORIES,
  DA_FACTORS,
  ESTABLISHMENT,
  INSTRUMENTS,
  MODULES,
  OTHER_FACTORS,
  PLANS,
  POSTCODE_AREAS,
  PRIMARY_NEEDS,
  REFERRAL_OUTCOMES,
  REFERRAL_SOURCES,
  STAFF_FIRST,
  STAFF_LAST,
  STREETS,
  TEAMS,
  type TeamKey,
  VENUES,
} from "./reference.js";
import { DEMO_USERS } from "./users.js";
import { reportLogicModelRows } from "./logic-models.js";
import { emptyRows, type Rows } from "./rows.js";
import { addPresent, PRESENT_FAMILIES, presentFrom } from "./present.js";
import { qualityRows } from "./quality.js";
import { financeRows } from "./finance.js";
import { daWorkRows } from "./da-work.js";
import reportTables from "./report-appendix2.js";

export const PERIOD_START = day("2017-04-01");
export const PERIOD_END = day("2020-03-31");
const WINDOW_DAYS = 182;

export { emptyRows, type Rows } from "./rows.js";

type FamilyType = "ifp" | "ifpReferred" | "daComparison" | "hub" | "hubComparison" | "general";

interface StaffInfo {
  id: string;
  role: StaffRole;
  team: TeamKey;
  start: Date;
  leave: Date | null;
  name: string;
}

interface GroupInfo {
  id: string;
  track: "victims" | "perpetrators";
  language: string;
  start: Date;
  sessionIds: string[];
  sessionDates: Date[];
  threshold: number;
}

const DAY_MS = 86_400_000;

export interface DemoOptions {
  seed: number;
  /** Families in all (default 1500), the present's included. */
  families?: number;
  /** The day the trust's present ends on (default: today, UTC). The report-era history does not depend on it. */
  today?: Date;
}


export function buildDemo({ seed, families: familyCount = 1500, today = utcToday() }: DemoOptions): Rows {
  const rng = new Rng(seed);
  const R = emptyRows();
  const id = () => rng.uuid();

  // ───────── teams ─────────
  const teamId = new Map<TeamKey, string>();
  for (const t of TEAMS) {
    const tid = id();
    teamId.set(t.key, tid);
    R.team.push({ id: tid, name: t.name, service: t.service });
  }

  // ───────── staff ─────────
  const staff: StaffInfo[] = [];
  const staffName = () => `${rng.pick(STAFF_FIRST)} ${rng.pick(STAFF_LAST)}`;
  const addStaff = (s: StaffInfo, title: string, languages: string[]) => {
    staff.push(s);
    R.staff.push({
      id: s.id,
      name: s.name,
      email: `${s.name.toLowerCase().replace(/[^a-z]+/g, ".")}.${staff.length}@trust.example.org`,
      role: s.role,
      jobTitle: title,
      teamId: teamId.get(s.team)!,
      startDate: s.start,
      leaveDate: s.leave,
      languages,
    });
  };
  for (const u of DEMO_USERS) {
    addStaff(
      { id: u.staffId, role: u.staffRole, team: u.team as TeamKey, start: day(u.role === "staff" ? "2019-06-03" : "2016-05-09"), leave: null, name: u.name },
      u.jobTitle,
      u.role === "dv_worker" ? ["English", "Urdu"] : ["English"],
    );
  }
  const otherLanguage = () => rng.weighted<string[]>([[[], 70], [["Urdu"], 8], [["Punjabi"], 8], [["Polish"], 6], [["Arabic"], 4], [["Hindi"], 4]]);
  for (const spec of ESTABLISHMENT) {
    for (let i = 0; i < spec.count; i++) {
      const start = between(rng, day("2006-01-01"), day("2017-03-31"));
      const turnover = spec.role === "social_worker" ? 0.45 : spec.role === "domestic_abuse_worker" ? 0.9 : 0.3;
      let leave = rng.chance(turnover) ? between(rng, day("2017-05-01"), day("2020-03-01")) : null;
      if (spec.role === "domestic_abuse_worker") leave = between(rng, day("2018-09-01"), day("2019-11-30")); // every trained facilitator left
      if (spec.role === "hub_worker" && !leave && rng.chance(0.6)) leave = between(rng, day("2019-04-01"), day("2019-07-31")); // the Hub closed in March 2019
      addStaff({ id: id(), role: spec.role, team: rng.pick(spec.teams), start, leave, name: staffName() }, spec.title, ["English", ...otherLanguage()]);
    }
  }
  // joiners over the three years
  const joinerRoles: readonly (readonly [(typeof ESTABLISHMENT)[number], number])[] = ESTABLISHMENT.map((e) => [e, e.role === "domestic_abuse_worker" ? 8 : e.count] as const);
  for (let i = 0; i < 105; i++) {
    const spec = rng.weighted(joinerRoles);
    const start = between(rng, day("2017-04-03"), day("2020-02-28"));
    const leave = rng.chance(0.15) ? minDate(addDays(start, rng.int(120, 700)), day("2020-03-15")) : null;
    addStaff({ id: id(), role: spec.role, team: rng.pick(spec.teams), start, leave: leave && leave > start ? leave : null, name: staffName() }, spec.title, ["English", ...otherLanguage()]);
  }
  const inPost = (s: StaffInfo, d: Date) => s.start <= d && (!s.leave || s.leave > d);
  const staffAt = (roles: readonly StaffRole[], d: Date, teams?: readonly TeamKey[]) =>
    staff.filter((s) => roles.includes(s.role) && inPost(s, d) && (!teams || teams.includes(s.team)));
  const pickStaff = (roles: readonly StaffRole[], d: Date, teams?: readonly TeamKey[]): StaffInfo =>
    rng.pick(staffAt(roles, d, teams).length ? staffAt(roles, d, teams) : staffAt(roles, d).length ? staffAt(roles, d) : staff.filter((s) => roles.includes(s.role)));

  // ───────── users (demo logins) ─────────
  for (const u of DEMO_USERS) {
    R.user.push({ id: u.id, name: u.name, email: u.email, emailVerified: true, role: u.role, staffId: u.staffId, teamId: teamId.get(u.team as TeamKey)! });
  }
  const dvWorker = staff.find((s) => s.id === DEMO_USERS.find((u) => u.role === "dv_worker")!.staffId)!;
  const practitioner = staff.find((s) => s.id === DEMO_USERS.find((u) => u.role === "practitioner")!.staffId)!;
  const managerUser = DEMO_USERS.find((u) => u.role === "manager")!;
  const analystUser = DEMO_USERS.find((u) => u.role === "analyst")!;

  // ───────── programmes ─────────
  const prog = { IFP: id(), IFP_1TO1: id(), RECOVERY: id(), HUB: id() };
  R.programme.push(
    { id: prog.IFP, code: "IFP", name: "Inspiring Families Programme", kind: "group", workstream: "DAARR", description: "10 weekly 2-hour group sessions; separate victims' and perpetrators' tracks; English, Arabic, Urdu or Polish; day or evening; childcare." },
    { id: prog.IFP_1TO1, code: "IFP_1TO1", name: "Targeted 1-2-1 work with men", kind: "one_to_one", workstream: "DAARR", description: "10-week one-to-one programme for men who completed the group." },
    { id: prog.RECOVERY, code: "RECOVERY", name: "DA Recovery Toolkit", kind: "recovery_toolkit", workstream: "DAARR", description: "8 weeks for children and young people, 12 weeks for adults." },
    { id: prog.HUB, code: "HUB", name: "Innovation Hub", kind: "hub", workstream: "Innovation Hub", description: "Lead worker, weekly visits, up to 16 weeks, three team-around-the-family meetings. Closed in March 2019; reopened in 2020." },
  );

  // ───────── IFP groups ─────────
  const groups: GroupInfo[] = [];
  const facilitatorsFor = (start: Date): StaffInfo[] => {
    const pool = staffAt(["domestic_abuse_worker"], addDays(start, 70), ["da"]).filter((s) => s.id !== dvWorker.id);
    return rng.sample(pool.length ? pool : staffAt(["domestic_abuse_worker"], start), 2);
  };
  const addGroup = (opts: { gid?: string; track: "victims" | "perpetrators"; language: string; start: Date; slot: "day" | "evening"; facilitators: StaffInfo[] }) => {
    const gid = opts.gid ?? id();
    const g: GroupInfo = { id: gid, track: opts.track, language: opts.language, start: opts.start, sessionIds: [], sessionDates: [], threshold: 8 };
    const end = addDays(opts.start, 63);
    R.programmeGroup.push({
      id: gid,
      programmeId: prog.IFP,
      name: `IFP ${opts.track === "victims" ? "Victims" : "Perpetrators"} ${opts.language} ${opts.slot} ${opts.start.toISOString().slice(0, 7)}`,
      track: opts.track,
      language: opts.language,
      slot: opts.slot,
      childcare: opts.track === "victims" && opts.slot === "day",
      venue: rng.pick(VENUES),
      startDate: opts.start,
      sessionsPlanned: 10,
      completionThreshold: 8,
      capacity: 12,
      status: end < PERIOD_END ? "finished" : opts.start < PERIOD_END ? "running" : "planned",
    });
    opts.facilitators.forEach((f, i) => R.groupFacilitator.push({ id: id(), groupId: gid, staffId: f.id, lead: i === 0 }));
    for (let n = 1; n <= 10; n++) {
      const sid = id();
      const date = addDays(opts.start, (n - 1) * 7);
      g.sessionIds.push(sid);
      g.sessionDates.push(date);
      R.groupSession.push({ id: sid, groupId: gid, number: n, startsAt: atTime(date, opts.slot === "day" ? 10 : 18), durationMinutes: 120, cancelled: false });
    }
    groups.push(g);
    return g;
  };
  // a round every 10 weeks from November 2017; languages other than English every few rounds
  for (let round = 0, start = day("2017-11-06"); start < day("2019-12-01"); round++, start = addDays(start, 70)) {
    const slot = round % 2 === 0 ? "day" : "evening";
    addGroup({ track: "victims", language: "English", start, slot, facilitators: facilitatorsFor(start) });
    const perpFac = start >= day("2019-01-01") ? [dvWorker, ...facilitatorsFor(start).slice(0, 1)] : facilitatorsFor(start);
    addGroup({ track: "perpetrators", language: "English", start, slot: slot === "day" ? "evening" : "day", facilitators: perpFac });
    if (round % 3 === 1) addGroup({ track: "victims", language: "Urdu", start: addDays(start, 2), slot: "day", facilitators: facilitatorsFor(start) });
    if (round % 4 === 2) addGroup({ track: "victims", language: "Arabic", start: addDays(start, 3), slot: "day", facilitators: facilitatorsFor(start) });
    if (round % 5 === 3) addGroup({ track: "victims", language: "Polish", start: addDays(start, 1), slot: "evening", facilitators: facilitatorsFor(start) });
    if (round % 6 === 4) addGroup({ track: "perpetrators", language: "Urdu", start: addDays(start, 2), slot: "evening", facilitators: perpFac });
  }

  // ───────── families and people ─────────
  const fixedTypes: [FamilyType, number][] = [["ifp", 78], ["ifpReferred", 32], ["daComparison", 116], ["hub", 228], ["hubComparison", 64]];
  const types: FamilyType[] = [];
  for (const [t, n] of fixedTypes) for (let i = 0; i < n; i++) types.push(t);
  while (types.length < familyCount - PRESENT_FAMILIES) types.push("general");
  rng.shuffle(types);

  const cohortIfpGroups = groups.filter((g) => g.start <= day("2019-06-01"));
  const laterGroups = groups.filter((g) => g.start > day("2019-06-01"));

  let personSeq = 0;
  let phoneSeq = 0;
  const cohortChildren: Record<"ifp" | "daComparison" | "hub" | "hubComparison", { childId: string; familyId: string; start: Date; end: Date }[]> = {
    ifp: [],
    daComparison: [],
    hub: [],
    hubComparison: [],
  };
  const postcode = () => `${rng.pick(POSTCODE_AREAS)}${"ABDEFGHJLNPQRSTUWXY"[rng.int(0, 18)]}${"ABDEFGHJLNPQRSTUWXY"[rng.int(0, 18)]}`;
  const phone = () => {
    phoneSeq = (phoneSeq + 1 + rng.int(0, 6)) % 999; // 07700 900000-900998 (Ofcom drama range); 900999 is the test fixtures' canary
    return `07700 900${phoneSeq.toString().padStart(3, "0")}`;
  };

  interface PersonSpec {
    kind: "child" | "adult";
    gender: "female" | "male";
    first: string;
    last: string;
    birth: Date | null;
    bg: Background;
    restricted?: boolean;
  }
  const addPerson = (p: PersonSpec): string => {
    const pid = id();
    personSeq++;
    const ethnicity = rng.weighted(p.bg.ethnicity);
    const lang = p.kind === "child" && rng.chance(0.6) ? "English" : p.bg.language;
    R.person.push({
      id: pid,
      reference: `P${personSeq.toString().padStart(7, "0")}`,
      kind: p.kind,
      firstName: p.first,
      lastName: p.last,
      birthDate: p.birth,
      gender: p.gender,
      ethnicity,
      firstLanguage: lang,
      interpreterNeeded: p.kind === "adult" && lang !== "English" && rng.chance(0.35),
      restricted: p.restricted ?? false,
    });
    return pid;
  };

  const addReferral = (childId: string, familyId: string, date: Date, da: boolean, extraReasons: string[] = []) => {
    const nfa = rng.chance(0.12);
    R.referral.push({
      id: id(),
      childId,
      familyId,
      date,
      source: da && rng.chance(0.5) ? "5A" : rng.weighted(REFERRAL_SOURCES),
      primaryNeed: da ? "N1" : rng.weighted(PRIMARY_NEEDS),
      reasons: [...(da ? [rng.pick(DA_FACTORS)] : []), ...extraReasons],
      domesticAbuse: da,
      outcome: nfa ? "No further action" : rng.pick(REFERRAL_OUTCOMES),
      nfa,
      closedAt: addDays(date, rng.int(1, 30)),
    });
  };
  const factorsFor = (da: boolean, n: number): string[] => {
    const f = new Set<string>();
    if (da) {
      f.add("3B");
      if (rng.chance(0.5)) f.add("3A");
    }
    for (const x of rng.sample(OTHER_FACTORS, n)) if (f.size < n || f.size === 0) f.add(x);
    return [...f];
  };
  const addAssessment = (childId: string, familyId: string, referralDate: Date, level: "EARLY_HELP" | "CIN", factors: string[], staffId: string | null) => {
    const allocatedAt = addDays(referralDate, rng.int(1, 5));
    const startedAt = addDays(allocatedAt, rng.int(0, 10));
    // days from allocation to completion drift down over the period (report: >60 in 2017, ~37 in 2019)
    const drift = Math.max(0, daysBetween(PERIOD_START, referralDate) / 1095);
    const completedAt = addDays(allocatedAt, Math.max(3, Math.round(rng.int(25, 70) * (1 - 0.4 * drift))));
    R.assessment.push({ id: id(), childId, familyId, staffId, level, allocatedAt, startedAt, completedAt: completedAt < today ? completedAt : null, factors });
    return completedAt;
  };
  /** Statutory history for a child outside the cohorts: CIN, sometimes CP, occasionally CLA, in sequence. */
  const genericEpisodes = (childId: string, from: Date) => {
    if (!rng.chance(0.45)) return;
    let start = from;
    let end = addDays(start, rng.int(60, 420));
    R.statusEpisode.push({ id: id(), childId, status: "CIN", startDate: start, endDate: end < PERIOD_END ? end : null, source: "cin_census" });
    if (end >= PERIOD_END || !rng.chance(0.25)) return;
    start = end;
    end = addDays(start, rng.int(120, 540));
    R.statusEpisode.push({ id: id(), childId, status: "CP", startDate: start, endDate: end < PERIOD_END ? end : null, cpCategoryOfAbuse: rng.weighted(CP_CATEGORIES), source: "cin_census" });
    if (end >= PERIOD_END || !rng.chance(0.15)) return;
    start = end;
    end = addDays(start, rng.int(150, 900));
    R.statusEpisode.push({ id: id(), childId, status: "CLA", startDate: start, endDate: end < PERIOD_END ? end : null, claLegalStatus: rng.weighted(CLA_LEGAL), source: "ssda903" });
  };

  const familyTeam = (type: FamilyType): TeamKey =>
    type === "hub" ? "hub" : type === "ifp" || type === "ifpReferred" ? "da" : rng.pick<TeamKey>(["eh1", "eh2", "cp1", "cp2", "cp3", "front"]);

  for (let f = 0; f < types.length; f++) {
    const type = types[f]!;
    const familyId = id();
    const bg = rng.weighted(BACKGROUNDS);
    const surname = rng.pick(bg.surnames);
    const da = type === "ifp" || type === "ifpReferred" || type === "daComparison" || (type === "hub" && rng.chance(0.35)) || (type === "general" && rng.chance(0.08));
    const team = familyTeam(type);

    // anchor: the family's key date
    let anchor: Date;
    let victimGroup: GroupInfo | undefined;
    let perpGroup: GroupInfo | undefined;
    if (type === "ifp" || type === "ifpReferred") {
      const pool = type === "ifp" ? cohortIfpGroups : [...laterGroups, ...cohortIfpGroups];
      const vPool = pool.filter((g) => g.track === "victims");
      const lang = ["Urdu", "Arabic", "Polish"].includes(bg.language) && rng.chance(0.7) ? bg.language : "English";
      victimGroup = rng.pick(vPool.filter((g) => g.language === lang).length ? vPool.filter((g) => g.language === lang) : vPool.filter((g) => g.language === "English"));
      if (rng.chance(0.7)) {
        const pPool = pool.filter((g) => g.track === "perpetrators" && Math.abs(daysBetween(g.start, victimGroup!.start)) < 30);
        perpGroup = pPool.length ? rng.pick(pPool) : undefined;
      }
      anchor = victimGroup.start;
    } else if (type === "hub") {
      anchor = between(rng, day("2017-06-05"), day("2018-11-26"));
    } else if (type === "daComparison" || type === "hubComparison") {
      anchor = between(rng, day("2017-07-01"), day("2019-06-01"));
    } else {
      anchor = between(rng, day("2016-10-01"), day("2020-02-28"));
    }
    const firstReferral = type === "general" ? anchor : addDays(anchor, -rng.int(200, 330));
    const closedAt = type === "general" ? addDays(anchor, rng.int(90, 600)) : addDays(anchor, rng.int(200, 420));

    R.family.push({
      id: familyId,
      reference: `F${(f + 1).toString().padStart(6, "0")}`,
      name: `${surname} family`,
      teamId: teamId.get(team)!,
      openedAt: firstReferral,
      closedAt: closedAt < today ? closedAt : null,
    });

    // adults
    const adults: { id: string; role: "victim" | "perpetrator" | "parent_carer"; name: string; gender: "female" | "male" }[] = [];
    const adultBirth = () => between(rng, day("1970-01-01"), day("1998-12-31"));
    if (da) {
      const vf = rng.chance(0.9);
      const vName = rng.pick(vf ? bg.female : bg.male);
      const pName = rng.pick(vf ? bg.male : bg.female);
      const victimId = addPerson({ kind: "adult", gender: vf ? "female" : "male", first: vName, last: surname, birth: adultBirth(), bg, restricted: false });
      adults.push({ id: victimId, role: "victim", name: `${vName} ${surname}`, gender: vf ? "female" : "male" });
      const perpSurname = rng.chance(0.6) ? surname : rng.pick(bg.surnames);
      const perpId = addPerson({ kind: "adult", gender: vf ? "male" : "female", first: pName, last: perpSurname, birth: adultBirth(), bg });
      adults.push({ id: perpId, role: "perpetrator", name: `${pName} ${perpSurname}`, gender: vf ? "male" : "female" });
      R.personLink.push({ id: id(), fromPersonId: victimId, toPersonId: perpId, kind: "victim_perpetrator" });
    } else {
      const n = rng.chance(0.55) ? 2 : 1;
      for (let i = 0; i < n; i++) {
        const female = i === 0 ? rng.chance(0.85) : !adults[0] || adults[0].gender === "male";
        const first = rng.pick(female ? bg.female : bg.male);
        adults.push({ id: addPerson({ kind: "adult", gender: female ? "female" : "male", first, last: surname, birth: adultBirth(), bg }), role: "parent_carer", name: `${first} ${surname}`, gender: female ? "female" : "male" });
      }
    }
    const street = `${rng.int(1, 180)} ${rng.pick(STREETS)}`;
    const familyPostcode = postcode();
    for (const a of adults) {
      R.familyMember.push({ id: id(), familyId, personId: a.id, role: a.role, fromDate: firstReferral });
      const isVictim = a.role === "victim";
      const perp = adults.find((x) => x.role === "perpetrator");
      const ownHome = a.role === "perpetrator" && rng.chance(0.6);
      R.contactDetails.push({
        id: id(),
        personId: a.id,
        addressLine1: ownHome ? `${rng.int(1, 180)} ${rng.pick(STREETS)}` : street,
        town: "Slough",
        postcode: ownHome ? postcode() : familyPostcode,
        phone: phone(),
        email: rng.chance(0.4) ? `${a.name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.org` : null,
        safeToCall: isVictim ? rng.chance(0.6) : null,
        safeTimes: isVictim ? rng.pick(["Weekdays 9:00-15:00", "Mornings only", "Tuesdays and Thursdays after 10:00", "Any time"]) : null,
        preferredChannel: isVictim ? rng.pick(["phone", "sms", "in_person", "email"] as const) : rng.pick(["phone", "letter"] as const),
        unsafePeople: isVictim && perp ? [perp.name] : [],
        notes: isVictim ? "Do not leave voicemail. Do not disclose address." : null,
        confidentiality: isVictim ? "protected" : "normal",
      });
    }

    // children
    const nChildren = rng.weighted([[1, 30], [2, 30], [3, 20], [4, 12], [5, 5], [6, 3]] as const);
    const children: string[] = [];
    for (let c = 0; c < nChildren; c++) {
      const female = rng.chance(0.5);
      const birth = between(rng, day("2001-06-01"), addDays(firstReferral, -30));
      const cid = addPerson({ kind: "child", gender: female ? "female" : "male", first: rng.pick(female ? bg.female : bg.male), last: surname, birth: rng.chance(0.04) ? null : birth, bg });
      children.push(cid);
      R.familyMember.push({ id: id(), familyId, personId: cid, role: "child", fromDate: birth });
    }
    for (const a of adults) for (const c of children) R.personLink.push({ id: id(), fromPersonId: a.id, toPersonId: c, kind: "parent_child" });

    // allocation: a lead worker in post at the first referral; reallocated when they leave
    const roles: StaffRole[] = team === "hub" ? ["hub_worker"] : team === "da" ? ["social_worker"] : team.startsWith("eh") ? ["family_support_worker"] : ["social_worker"];
    const workerTeams: TeamKey[] | undefined = team === "da" ? ["cp1", "cp2", "cp3"] : [team];
    {
      let from = firstReferral;
      const until = closedAt < PERIOD_END ? closedAt : PERIOD_END;
      for (let k = 0; k < 4 && from < until; k++) {
        const w = pickStaff(roles, from, workerTeams);
        const to = w.leave && w.leave < until ? w.leave : closedAt < today ? closedAt : null;
        R.caseAllocation.push({ id: id(), familyId, staffId: w.id, lead: true, fromDate: from, toDate: to });
        if (!to || to >= until) break;
        from = to;
      }
      // the demo practitioner carries a realistic caseload of open families
      if (type === "general" && closedAt >= day("2020-01-01") && anchor <= day("2019-12-01") && rng.chance(0.08)) {
        R.caseAllocation.push({ id: id(), familyId, staffId: practitioner.id, lead: false, fromDate: maxDate(anchor, day("2019-06-01")) });
      }
      // the demo dv_worker works with perpetrators in recent DA families
      if ((type === "ifpReferred" || (type === "general" && da)) && anchor >= day("2019-01-01")) {
        const perp = adults.find((a) => a.role === "perpetrator");
        if (perp) R.caseAllocation.push({ id: id(), familyId, personId: perp.id, staffId: dvWorker.id, lead: false, fromDate: anchor });
      }
    }

    // cohort child: one per family, at random
    const cohortKey = type === "ifp" || type === "daComparison" || type === "hub" || type === "hubComparison" ? type : null;
    const cohortChild = cohortKey ? rng.pick(children) : null;

    // referrals, assessments, episodes
    for (const c of children) {
      if (c === cohortChild) {
        // the cohort child's history before the window; the windows themselves are built below
        addReferral(c, familyId, firstReferral, da);
        const nFactors = type === "hubComparison" ? rng.int(5, 6) : type === "hub" ? rng.int(3, 6) : rng.int(2, 4);
        addAssessment(c, familyId, firstReferral, type === "hub" || type === "hubComparison" ? "CIN" : rng.pick(["EARLY_HELP", "CIN"] as const), factorsFor(da, nFactors), pickStaff(roles, firstReferral, workerTeams).id);
        continue;
      }
      addReferral(c, familyId, firstReferral, da);
      if (rng.chance(0.75)) {
        const level = rng.chance(0.45) ? "EARLY_HELP" : "CIN";
        const nFactors = type === "general" ? rng.int(1, 4) : rng.int(2, 6);
        const factors = type === "general" ? factorsFor(da && false, nFactors).filter((x) => !x.startsWith("3")) : factorsFor(da, nFactors);
        const done = addAssessment(c, familyId, firstReferral, level, factors.length ? factors : ["21"], pickStaff(roles, firstReferral, workerTeams).id);
        if (level === "CIN" && type === "general") genericEpisodes(c, done);
      }
      if (type === "general" && rng.chance(0.2)) {
        const again = addDays(firstReferral, rng.int(60, 700));
        if (again < PERIOD_END) addReferral(c, familyId, again, false);
      }
    }

    // ── DA programme enrolments ──
    if (type === "ifp" || type === "ifpReferred") {
      const victim = adults.find((a) => a.role === "victim")!;
      const perp = adults.find((a) => a.role === "perpetrator")!;
      const enrol = (personId: string, g: GroupInfo, started: boolean) => {
        const eid = id();
        const referredAt = addDays(g.start, -rng.int(14, 45));
        const safetyChecks = { riskAssessed: true, maracConsidered: true, partnerNotInSameGroup: true, safeContactAgreed: g.track === "victims", childcareNeeded: g.track === "victims" && rng.chance(0.5) };
        if (!started) {
          const withdrawn = rng.chance(0.5);
          R.enrolment.push({ id: eid, personId, programmeId: prog.IFP, groupId: g.id, familyId, status: withdrawn ? "withdrawn" : "referred", referredAt, referralSource: rng.pick(["Social worker", "Police", "Health visitor", "Self"]), withdrawnAt: withdrawn ? g.start : null, withdrawalReason: withdrawn ? rng.pick(["Did not attend first session", "Moved out of area", "Declined after initial meeting", "Childcare not available"]) : null, safetyChecks });
          return { eid, completed: false, end: g.start };
        }
        const dropAt = rng.chance(0.18) ? rng.int(2, 7) : 11;
        let attended = 0;
        let last = g.sessionDates[0]!;
        for (let s = 0; s < 10; s++) {
          if (g.sessionDates[s]! >= PERIOD_END) break;
          if (s + 1 >= dropAt) break;
          const here = rng.chance(0.84) || s === 0;
          if (here) {
            attended++;
            last = g.sessionDates[s]!;
          }
          R.attendance.push({ id: id(), sessionId: g.sessionIds[s]!, enrolmentId: eid, status: here ? "attended" : rng.chance(0.6) ? "absent_notified" : "absent" });
        }
        const finished = addDays(g.start, 63) < PERIOD_END;
        const completed = finished && dropAt > 10 && attended >= g.threshold;
        const status = completed ? "completed" : dropAt <= 10 || (finished && attended < g.threshold) ? "withdrawn" : "started";
        R.enrolment.push({
          id: eid,
          personId,
          programmeId: prog.IFP,
          groupId: g.id,
          familyId,
          status,
          referredAt,
          referralSource: rng.pick(["Social worker", "Police", "Health visitor", "Self"]),
          startedAt: g.start,
          completedAt: completed ? addDays(g.start, 63) : null,
          withdrawnAt: status === "withdrawn" ? addDays(last, 7) : null,
          withdrawalReason: status === "withdrawn" ? (dropAt <= 10 ? rng.pick(["Stopped attending", "Returned to work", "Relationship ended", "Unsafe to continue (risk review)", "Moved out of area"]) : "Attended fewer sessions than the completion threshold") : null,
          safetyChecks,
        });
        return { eid, completed, end: completed ? addDays(g.start, 63) : addDays(last, 7) };
      };
      const started = type !== "ifpReferred";
      const vg = victimGroup!;
      const v = enrol(victim.id, vg, started);
      R.consentToShare.push({ id: id(), personId: victim.id, purpose: "programme_referral", recipientAgency: "Inspiring Families Programme", status: "given", decidedAt: addDays(vg.start, -20) });
      let p: { eid: string; completed: boolean; end: Date } | null = null;
      const pg = perpGroup;
      if (pg) p = enrol(perp.id, pg, started && rng.chance(0.85));
      if (started) {
        // questionnaires: entry, exit when completed, follow-up for some
        const respond = (personId: string, enrolmentId: string, tp: "entry" | "exit" | "follow_up", when: Date, base: number) => {
          const answers: Record<string, number> = {};
          let score = 0;
          for (let i = 1; i <= 5; i++) {
            const v = Math.max(0, Math.min(4, Math.round(base + rng.int(-1, 1))));
            answers[`s${i}`] = v;
            score += i === 1 ? 4 - v : v;
          }
          R.questionnaireResponse.push({ id: id(), personId, instrumentId: instrumentIds.SAFE5, enrolmentId, timePoint: tp, completedAt: atTime(when, 11), answers, score });
        };
        const base = rng.int(1, 2);
        respond(victim.id, v.eid, "entry", vg.start, base);
        if (v.completed) {
          respond(victim.id, v.eid, "exit", v.end, base + 1.2);
          if (rng.chance(0.5) && addDays(v.end, 90) < PERIOD_END) respond(victim.id, v.eid, "follow_up", addDays(v.end, 90), base + 1);
          // recovery toolkit (12 weeks adults) for half the victims who completed
          if (rng.chance(0.5)) {
            const s = addDays(v.end, rng.int(7, 28));
            const done = addDays(s, 84);
            R.enrolment.push({ id: id(), personId: victim.id, programmeId: prog.RECOVERY, familyId, status: done < PERIOD_END ? "completed" : "started", referredAt: v.end, startedAt: s, completedAt: done < PERIOD_END ? done : null });
          }
          // follow-up: monthly contact for six months
          for (let m = 1; m <= 6; m++) {
            const due = addDays(v.end, 30 * m);
            const done = due < PERIOD_END && rng.chance(0.7);
            R.followUp.push({ id: id(), familyId, personId: victim.id, enrolmentId: v.eid, staffId: pickStaff(["domestic_abuse_worker"], due).id, kind: "contact", dueDate: due, doneDate: done ? addDays(due, rng.int(0, 6)) : null, outcome: done ? rng.pick(["Contacted: doing well", "Contacted: some concerns, support offered", "No answer: retry"]) : null });
          }
        }
        if (p?.completed && rng.chance(0.4)) {
          const s = addDays(p.end, rng.int(7, 28));
          const done = addDays(s, 70);
          R.enrolment.push({ id: id(), personId: perp.id, programmeId: prog.IFP_1TO1, familyId, status: done < PERIOD_END ? "completed" : "started", referredAt: p.end, startedAt: s, completedAt: done < PERIOD_END ? done : null });
        }
        if (rng.chance(0.3)) {
          const child = rng.pick(children);
          const s = addDays(v.end, rng.int(7, 28));
          const done = addDays(s, 56);
          R.enrolment.push({ id: id(), personId: child, programmeId: prog.RECOVERY, familyId, status: done < PERIOD_END ? "completed" : "started", referredAt: v.end, startedAt: s, completedAt: done < PERIOD_END ? done : null });
        }
        if (rng.chance(0.3)) {
          const due = addDays(v.end, 14);
          R.followUp.push({ id: id(), familyId, personId: victim.id, enrolmentId: v.eid, kind: "onward_referral", service: rng.pick(["Women's Aid outreach", "IDVA service", "Adult mental health", "Freedom Programme"]), dueDate: due, doneDate: due < PERIOD_END ? due : null, takenUp: due < PERIOD_END ? rng.chance(0.6) : null, outcome: null });
        }
      }
      if (type === "ifp") cohortChildren.ifp.push({ childId: cohortChild!, familyId, start: vg.start, end: v.end > addDays(vg.start, 63) ? v.end : addDays(vg.start, 63) });
    }

    // ── the Innovation Hub ──
    if (type === "hub") {
      const lead = pickStaff(["hub_worker"], anchor, ["hub"]);
      const plannedEnd = addDays(anchor, 112);
      const endDate = minDate(addDays(anchor, rng.int(84, 126)), day("2019-03-29"));
      const status = rng.weighted([["stepped_down", 55], ["closed", 30], ["escalated", 15]] as const);
      const hid = id();
      R.hubCase.push({ id: hid, familyId, programmeId: prog.HUB, leadWorkerId: lead.id, startDate: anchor, plannedEndDate: plannedEnd, endDate, status, closureReason: status === "escalated" ? "Escalated to child protection" : status === "stepped_down" ? "Goals met: stepped down" : "Family disengaged" });
      for (let w = 0; addDays(anchor, w * 7) < endDate; w++) {
        if (rng.chance(0.85)) R.hubVisit.push({ id: id(), hubCaseId: hid, staffId: lead.id, at: atTime(addDays(anchor, w * 7 + rng.int(0, 3)), rng.int(9, 16)), mode: rng.weighted([["home", 8], ["phone", 1], ["office", 1]] as const) });
      }
      const agencies = rng.sample(AGENCIES, rng.int(2, 4));
      for (const agency of agencies) {
        R.agencyInvolvement.push({ id: id(), familyId, hubCaseId: hid, agency, role: null, fromDate: anchor, toDate: endDate });
        const parent = adults[0]!;
        const refused = rng.chance(0.1);
        R.consentToShare.push({ id: id(), personId: parent.id, purpose: "hub_multi_agency", recipientAgency: agency, status: refused ? "refused" : "given", decidedAt: atTime(anchor, 10), expiresAt: addDays(anchor, 365) });
      }
      const meetings: [("initial" | "mid_point" | "closure"), Date][] = [["initial", addDays(anchor, rng.int(7, 14))], ["mid_point", addDays(anchor, 56)], ["closure", addDays(endDate, -rng.int(0, 7))]];
      for (const [kind, at] of meetings) {
        const mid = id();
        const held = kind === "initial" || rng.chance(0.85);
        R.tafMeeting.push({ id: mid, hubCaseId: hid, kind, at: atTime(at, 14), held });
        if (!held) continue;
        for (const agency of agencies) R.meetingAgency.push({ id: id(), meetingId: mid, agency, attended: rng.chance(0.8) });
        for (let a = 0; a < rng.int(1, 3); a++) {
          const ownAgency = rng.chance(0.4);
          const due = addDays(at, rng.int(7, 28));
          R.meetingAction.push({ id: id(), meetingId: mid, description: rng.pick(["Arrange school attendance review", "Referral to drug and alcohol service", "GP appointment for mental health review", "Housing application support", "Safety plan review", "Parenting support sessions"]), ownerStaffId: ownAgency ? null : lead.id, ownerAgency: ownAgency ? rng.pick(agencies) : null, dueDate: due, doneAt: rng.chance(0.75) ? atTime(addDays(due, rng.int(-5, 10)), 12) : null });
        }
      }
      if (status === "stepped_down") R.stepDownPlan.push({ id: id(), familyId, hubCaseId: hid, agreedAt: endDate, toService: rng.pick(["Early Help", "Universal services", "Children's centre"]), reviewDate: addDays(endDate, 90) });
      for (let m = 1; m <= 6; m++) {
        const due = addDays(endDate, 30 * m);
        const done = rng.chance(0.55);
        R.followUp.push({ id: id(), familyId, hubCaseId: hid, staffId: lead.leave && lead.leave < due ? null : lead.id, kind: "contact", dueDate: due, doneDate: done ? addDays(due, rng.int(0, 10)) : null, outcome: done ? rng.pick(["Contacted: doing well", "Contacted: new concerns, referred to Early Help", "No answer"]) : null });
      }
      const parent = adults[0]!;
      const fwc = (tp: "entry" | "exit", when: Date, base: number) => {
        const answers: Record<string, number> = {};
        let score = 0;
        for (let i = 1; i <= 7; i++) {
          const v = Math.max(0, Math.min(4, Math.round(base + rng.int(-1, 1))));
          answers[`q${i}`] = v;
          score += v;
        }
        R.questionnaireResponse.push({ id: id(), personId: parent.id, instrumentId: instrumentIds.FWC7, hubCaseId: hid, timePoint: tp, completedAt: atTime(when, 11), answers, score });
      };
      if (rng.chance(0.7)) {
        const b = rng.int(1, 2);
        fwc("entry", anchor, b);
        if (rng.chance(0.6)) fwc("exit", endDate, b + 0.8);
      }
      cohortChildren.hub.push({ childId: cohortChild!, familyId, start: anchor, end: endDate });
    }
    if (type === "daComparison") cohortChildren.daComparison.push({ childId: cohortChild!, familyId, start: anchor, end: addDays(anchor, 63) });
    if (type === "hubComparison") cohortChildren.hubComparison.push({ childId: cohortChild!, familyId, start: anchor, end: addDays(anchor, 112) });
  }

  // ───────── cohorts with before/after windows from Appendix 2 ─────────
  const cohortIds = { ifp: id(), daComparison: id(), hub: id(), hubComparison: id() };
  R.cohort.push(
    { id: cohortIds.ifp, name: "IFP intervention cohort", programmeId: prog.IFP, kind: "intervention", rule: { rule: "child_of_family_with_adult_started_ifp", oneChildPerFamily: true }, seed },
    { id: cohortIds.daComparison, name: "IFP comparison cohort", programmeId: prog.IFP, kind: "comparison", comparisonForId: cohortIds.ifp, rule: { rule: "domestic_abuse_at_assessment_not_enrolled", oneChildPerFamily: true }, seed },
    { id: cohortIds.hub, name: "Innovation Hub intervention cohort", programmeId: prog.HUB, kind: "intervention", rule: { rule: "child_of_family_with_hub_case", oneChildPerFamily: true }, seed },
    { id: cohortIds.hubComparison, name: "Innovation Hub comparison cohort", programmeId: prog.HUB, kind: "comparison", comparisonForId: cohortIds.hub, rule: { rule: "five_or_more_assessment_factors_not_in_hub", oneChildPerFamily: true }, seed },
  );
  interface WindowSpec {
    referrals: number;
    children: { CIN: number; CP: number; CLA: number };
    days: { CIN: number; CP: number; CLA: number };
  }
  const windows = (key: keyof typeof cohortChildren, spec: { before: WindowSpec; after: WindowSpec }) => {
    const members = cohortChildren[key];
    for (const m of members) R.cohortMember.push({ id: id(), cohortId: cohortIds[key], childId: m.childId, familyId: m.familyId, interventionStart: m.start, interventionEnd: m.end });
    for (const side of ["before", "after"] as const) {
      const w = spec[side];
      const winStart = (m: (typeof members)[number]) => (side === "before" ? addDays(m.start, -WINDOW_DAYS) : m.end);
      // children per status: disjoint sets; days split between them, clipped to the window
      const shuffled = rng.shuffle([...members]);
      let offset = 0;
      for (const status of ["CLA", "CP", "CIN"] as const) {
        const k = Math.min(w.children[status], shuffled.length - offset);
        const chosen = shuffled.slice(offset, offset + k);
        offset += k;
        const days = rng.partition(w.days[status], k, WINDOW_DAYS - 1);
        chosen.forEach((m, i) => {
          const d = days[i]!;
          const ws = winStart(m);
          const s = addDays(ws, rng.int(0, WINDOW_DAYS - 1 - d));
          R.statusEpisode.push({
            id: id(),
            childId: m.childId,
            status,
            startDate: s,
            endDate: addDays(s, d),
            cpCategoryOfAbuse: status === "CP" ? rng.weighted(CP_CATEGORIES) : null,
            claLegalStatus: status === "CLA" ? rng.weighted(CLA_LEGAL) : null,
            source: status === "CLA" ? "ssda903" : "cin_census",
          });
        });
      }
      for (let r = 0; r < w.referrals; r++) {
        const m = rng.pick(members);
        const ws = winStart(m);
        const date = addDays(ws, rng.int(0, WINDOW_DAYS - 1));
        if (date < PERIOD_END) addReferral(m.childId, m.familyId, date, key === "ifp" || key === "daComparison");
      }
    }
  };
  windows("ifp", reportTables.ifp.intervention);
  windows("daComparison", reportTables.ifp.comparison);
  windows("hub", reportTables.hub.intervention);
  windows("hubComparison", reportTables.hub.comparison);

  // ───────── questionnaire instruments ─────────
  for (const ins of INSTRUMENTS) {
    R.questionnaireInstrument.push({ id: instrumentIds[ins.code], code: ins.code, name: ins.name, items: ins.items as unknown as Prisma.InputJsonValue, scoring: ins.scoring as unknown as Prisma.InputJsonValue, validated: false, source: ins.source });
  }

  // ───────── tariffs and costs ─────────
  // The report's GMCA 2019 tariffs are the core's built-in set (gmca-2019), offered with the stored ones: no copy here.
  // The id once taken for that copy is still drawn, so the ids of the rows after it do not move.
  id();
  R.programmeCost.push(
    { id: id(), programmeId: prog.IFP, item: "Inspiring Families / DAARR total cost (Table 23)", amountPence: 50159700n, periodStart: day("2017-04-01"), periodEnd: day("2019-03-31"), source: "Evaluation report, Table 23" },
    { id: id(), programmeId: prog.HUB, item: "Innovation Hub total cost (Table 23)", amountPence: 90973000n, periodStart: day("2017-04-01"), periodEnd: day("2019-03-31"), source: "Evaluation report, Table 23" },
  );

  // ───────── logic models, indicators, targets, measurements ─────────
  // The report's three models node for node (core REPORT_LOGIC_MODELS), with its indicators and targets.
  const lm = reportLogicModelRows({ id, createdById: analystUser.id, programmeByWorkstream: { DAARR: prog.IFP, "Innovation Hub": prog.HUB } });
  R.logicModel.push(...lm.logicModel);
  R.logicModelVersion.push(...lm.logicModelVersion);
  R.logicNode.push(...lm.logicNode);
  R.logicLink.push(...lm.logicLink);
  R.indicator.push(...lm.indicator);
  R.target.push(...lm.target);
  const indicatorIds = lm.indicatorIds;
  // The values the report gives (entered by hand; live values are computed from the records).
  const reported: [string, string, string, number, string][] = [
    ["ind-days-allocation-assessment", "2017-04-01", "2017-04-30", 62, "Reported as more than 60 days (p. 50)"],
    ["ind-days-allocation-assessment", "2019-07-01", "2019-07-31", 37.5, "Figure 4"],
    ["ind-days-allocation-assessment", "2019-09-01", "2019-09-30", 48, "Reported as under 50 days (Figure 4)"],
    ["ind-eh-assessments-week", "2017-03-27", "2019-03-31", 14.2, "Table 5: mean per week during the programme"],
    ["ind-eh-assessments-week", "2019-04-01", "2019-09-29", 20.3, "Table 5: mean per week after the programme"],
    ["ind-cin-assessments-week", "2017-03-27", "2019-03-31", 32.6, "Table 5: mean per week during the programme"],
    ["ind-cin-assessments-week", "2019-04-01", "2019-09-29", 41.7, "Table 5: mean per week after the programme"],
  ];
  for (const [code, from, to, value, notes] of reported) R.measurement.push({ id: id(), indicatorId: indicatorIds.get(code)!, periodStart: day(from), periodEnd: day(to), value, source: "imported", notes });
  const manager = staff.find((s) => s.id === managerUser.staffId)!;
  const milestones = [
    { key: "framework", title: "Evaluation framework agreed", due: "2018-08-31", done: "2018-08-31", status: "done" as const, programme: null },
    { key: "ifp_langs", title: "IFP groups running in Urdu, Arabic and Polish", due: "2018-06-30", done: "2018-09-10", status: "done" as const, programme: "IFP" as const },
    { key: "facilitators", title: "Train replacement IFP facilitators", due: "2019-06-30", done: null, status: "late" as const, programme: "IFP" as const, review: "2019-07-31" },
    { key: "hub_close", title: "Innovation Hub closes; staff redeployed", due: "2019-03-31", done: "2019-03-29", status: "done" as const, programme: "HUB" as const },
    { key: "final", title: "Final evaluation report", due: "2020-03-31", done: "2020-03-20", status: "done" as const, programme: null },
  ];
  const milestoneIds = new Map<string, string>();
  for (const m of milestones) {
    const mid = id();
    milestoneIds.set(m.key, mid);
    R.milestone.push({ id: mid, programmeId: m.programme ? prog[m.programme] : null, title: m.title, ownerStaffId: manager.id, dueDate: day(m.due), doneDate: m.done ? day(m.done) : null, reviewDate: "review" in m && m.review ? day(m.review) : null, status: m.status });
  }
  const decisions = [
    { title: "Run IFP groups in community languages", decision: "Offer victims' groups in Urdu, Arabic and Polish as well as English.", rationale: "Referrals from families whose first language is not English were not taking up English-language groups.", evidence: "Enrolment and attendance by first language, 2017/18", at: "2018-03-12", programme: "IFP" as const, links: [["Milestone", "ifp_langs"]] },
    { title: "Pause the DA training programme after the first round", decision: "No further DA training sessions in 2018/19 after the initial 13 sessions.", rationale: "Budget pressure and trainer availability.", evidence: null, at: "2018-07-02", programme: "IFP" as const, links: [["Indicator", "ind-professionals-trained"], ["LogicNode", "daarr-act-training"]], review: "2019-01-07" },
    { title: "Close the Innovation Hub", decision: "Close the Innovation Hub in March 2019 and redistribute its staff.", rationale: "No evidence that the Hub kept more children out of care than other areas of the Trust; funding ended.", evidence: "Hub cohort CLA episodes (Table 2); cost-benefit (Table 25)", at: "2019-02-18", programme: "HUB" as const, links: [["Indicator", "ind-cla-escalations"], ["Milestone", "hub_close"]] },
    { title: "Adopt the VADA tool for DA assessments", decision: "Use the Violence and Abuse Dynamics Assessment tool in every assessment where domestic abuse is identified.", rationale: "Consistent assessment of risk and dynamics across hubs.", evidence: null, at: "2019-04-15", programme: "IFP" as const, links: [["Indicator", "ind-days-allocation-assessment"], ["LogicNode", "daarr-act-vada"]], review: "2020-04-15" },
  ];
  for (const d of decisions) {
    const did = id();
    R.decision.push({ id: did, programmeId: prog[d.programme], title: d.title, decision: d.decision, rationale: d.rationale, evidence: d.evidence, decidedById: managerUser.id, decidedBy: "Innovation Programme Board", decidedAt: day(d.at), reviewDate: d.review ? day(d.review) : null, status: "decided" });
    for (const [type, key] of d.links) R.decisionLink.push({ id: id(), decisionId: did, entityType: type!, entityId: type === "Indicator" ? indicatorIds.get(key!)! : type === "LogicNode" ? key! : milestoneIds.get(key!)! });
  }

  // ───────── training ─────────
  const courseIds = new Map<string, string>();
  for (const c of COURSES) {
    const cid = id();
    courseIds.set(c.code, cid);
    R.course.push({ id: cid, code: c.code, title: c.title, durationHours: c.hours, validityMonths: c.validityMonths, requiredFor: [...c.requiredFor], qualifiesFacilitator: c.qualifiesFacilitator, description: c.description, deliveryMode: c.mode, languages: [...c.languages] });
  }
  for (const r of R.course) r.prerequisiteIds = COURSES.find((c) => c.code === r.code)!.prerequisites.map((code) => courseIds.get(code)!);
  const sessionDates: Record<string, string[]> = {
    IFP: ["2017-10-09", "2018-03-12"],
    IFP_TTT: ["2018-06-18"],
    RECOVERY: ["2017-11-20", "2018-05-14"],
    GM_CSW_DA: ["2018-01-22"],
    ABUSIVE_MEN: ["2017-12-04", "2018-02-05", "2018-04-16", "2018-06-25"],
    DA_FAMILIES: ["2018-01-15", "2018-03-19", "2018-05-21"],
    VADA: ["2019-05-13", "2019-09-16"],
  };
  const trainer = staff.find((s) => s.role === "trainer" && s.id === DEMO_USERS.find((u) => u.role === "trainer")!.staffId)!;
  const completedCourse = new Map<string, Date>(); // `${staffId}/${course}` -> date
  for (const c of COURSES) {
    const dates = sessionDates[c.code]!;
    const split = rng.partition(c.participants, dates.length, 30);
    const already = new Set<string>();
    dates.forEach((ds, i) => {
      const date = day(ds);
      const sid = id();
      R.trainingSession.push({ id: sid, courseId: courseIds.get(c.code)!, startsAt: atTime(date, 9, 30), endsAt: atTime(date, 16, 30), venue: "Trust training room", trainerId: trainer.id, capacity: 16 });
      let pool = staffAt(c.roles, date).filter((s) => !already.has(s.id));
      // every DA worker in post is trained at the first IFP session (the demo dv_worker included)
      const must = c.code === "IFP" && i === 0 ? pool.filter((s) => s.role === "domestic_abuse_worker") : [];
      pool = pool.filter((s) => !must.includes(s));
      const chosen = [...must, ...rng.sample(pool, split[i]! - must.length)];
      if (chosen.length < split[i]!) chosen.push(...rng.sample(staffAt(["social_worker", "family_support_worker"], date).filter((s) => !already.has(s.id) && !chosen.includes(s)), split[i]! - chosen.length));
      for (const s of chosen) {
        already.add(s.id);
        R.trainingAttendance.push({ id: id(), sessionId: sid, staffId: s.id, attended: true });
        completedCourse.set(`${s.id}/${c.code}`, date);
        R.trainingCompletion.push({ id: id(), staffId: s.id, courseId: courseIds.get(c.code)!, sessionId: sid, completedAt: atTime(date, 16, 30), expiresAt: c.validityMonths ? addDays(date, Math.round(c.validityMonths * 30.44)) : null, recordedById: DEMO_USERS.find((u) => u.role === "trainer")!.id });
      }
      // a couple of booked no-shows per session
      for (const s of rng.sample(staffAt(c.roles, date).filter((x) => !already.has(x.id)), rng.int(0, 2))) {
        R.trainingAttendance.push({ id: id(), sessionId: sid, staffId: s.id, attended: false });
      }
    });
  }
  const moduleIds = new Map<string, string>();
  MODULES.forEach((m, i) => {
    const mid = id();
    moduleIds.set(m.code, mid);
    R.onboardingModule.push({ id: mid, code: m.code, title: m.title, content: m.content, estimatedMinutes: m.minutes, position: i, courseId: "course" in m ? courseIds.get(m.course)! : null });
  });
  const planIds = new Map<StaffRole, string>();
  for (const p of PLANS) {
    const pid = id();
    planIds.set(p.role, pid);
    R.onboardingPlan.push({ id: pid, name: p.name, role: p.role });
    p.items.forEach((it, i) => R.onboardingPlanItem.push({ id: id(), planId: pid, moduleId: it.module ? moduleIds.get(it.module)! : null, courseId: it.course ? courseIds.get(it.course)! : null, dueWithinDays: it.days, position: i }));
  }
  // joiners get their role's onboarding plan from April 2018 (when onboarding plans were introduced)
  for (const s of staff) {
    const plan = PLANS.find((p) => p.role === s.role);
    if (!plan || s.start < day("2018-04-01")) continue;
    const done = rng.chance(0.55) && addDays(s.start, 120) < PERIOD_END;
    R.staffOnboardingPlan.push({ id: id(), staffId: s.id, planId: planIds.get(s.role)!, startedAt: s.start, completedAt: done ? addDays(s.start, rng.int(60, 120)) : null });
    for (const it of plan.items) {
      const due = addDays(s.start, it.days);
      const key = `${s.id}/${it.course ?? ""}`;
      const completedModule = it.module && (done || rng.chance(0.7)) && due < PERIOD_END && (!s.leave || s.leave > due);
      const completed = it.course ? completedCourse.has(key) : completedModule;
      R.trainingAssignment.push({ id: id(), staffId: s.id, courseId: it.course ? courseIds.get(it.course)! : null, moduleId: it.module ? moduleIds.get(it.module)! : null, planId: planIds.get(s.role)!, assignedAt: atTime(s.start, 9), dueDate: due, status: completed ? "completed" : s.leave && s.leave < due ? "cancelled" : "assigned" });
      if (it.module && completedModule) R.trainingCompletion.push({ id: id(), staffId: s.id, moduleId: moduleIds.get(it.module)!, completedAt: atTime(addDays(s.start, Math.round(it.days * 0.7)), 15), expiresAt: null });
    }
  }

  // ───────── notifications and email ─────────
  const dvUser = DEMO_USERS.find((u) => u.role === "dv_worker")!;
  R.notification.push(
    { id: id(), userId: dvUser.id, kind: "group_session", title: "Perpetrators' group session 10 is due", body: "Record attendance after the session.", link: `/programmes/groups/${groups.find((g) => g.track === "perpetrators" && g.start < day("2019-11-01") && addDays(g.start, 63) > day("2019-11-04"))?.id ?? groups[1]!.id}`, createdAt: day("2019-11-04") },
    { id: id(), userId: DEMO_USERS.find((u) => u.role === "practitioner")!.id, kind: "follow_up_due", title: "Follow-up contacts due this week", body: null, link: "/follow-ups", createdAt: day("2020-03-02") },
    { id: id(), userId: DEMO_USERS.find((u) => u.role === "staff")!.id, kind: "training_due", title: "Onboarding: complete \"Safeguarding procedures\"", body: null, link: "/training/me", createdAt: day("2019-06-10") },
  );
  R.emailOutbox.push(
    { id: id(), to: "trainer@demo.evident.local", subject: "VADA tool session: 3 places left", bodyText: "The VADA tool session on 16 September 2019 has 3 places left.", template: "training_places", status: "sent", attempts: 1, sentAt: day("2019-09-02"), createdAt: day("2019-09-02") },
    { id: id(), to: "(withheld: safe-contact rules)", subject: "Appointment letter", bodyText: "(not generated)", template: "appointment", status: "blocked", attempts: 0, lastError: "Blocked: the recipient's safe-contact preferences do not allow email", createdAt: day("2019-10-01") },
  );

  // ───────── practice quality: audits and surveys (own generator: does not shift the ids above) ─────────
  Object.assign(R, qualityRows({ seed, family: R.family, referral: R.referral, staff: R.staff }));

  // ───────── questionnaire translations and programme finance (own generator) ─────────
  Object.assign(R, financeRows({ seed, programmes: { IFP: prog.IFP, HUB: prog.HUB }, instrumentIds }));

  // ───────── the trust's present: three years up to today (own generator) ─────────
  const demoStaffId = (role: string) => DEMO_USERS.find((u) => u.role === role)!.staffId;
  addPresent(R, {
    seed,
    today,
    teamId,
    programmes: prog,
    courseIds,
    demo: { practitioner: demoStaffId("practitioner"), dvWorker: demoStaffId("dv_worker"), manager: demoStaffId("manager"), trainer: demoStaffId("trainer"), staff: demoStaffId("staff") },
    trainerUserId: DEMO_USERS.find((u) => u.role === "trainer")!.id,
  });

  // ───────── DA coordinator consultations and MARAC referrals: the report's period and the present (own generators) ─────────
  const daWork = daWorkRows({ seed, staff: R.staff, family: R.family, familyMember: R.familyMember, daTeamId: teamId.get("da")!, from: PERIOD_START, to: PERIOD_END });
  const daWorkNow = daWorkRows({ seed: (seed ^ 0x70da7) >>> 0, staff: R.staff, family: R.family, familyMember: R.familyMember, daTeamId: teamId.get("da")!, from: presentFrom(today), to: today });
  R.staff.push(daWork.coordinator);
  R.daConsultation.push(...daWork.daConsultation, ...daWorkNow.daConsultation);
  R.maracReferral.push(...daWork.maracReferral, ...daWorkNow.maracReferral);

  return R;
}

const instrumentIds = {
  FWC7: "00000000-0000-4000-8000-00000000a001",
  SAFE5: "00000000-0000-4000-8000-00000000a002",
} as const;

export const DAY = DAY_MS;
