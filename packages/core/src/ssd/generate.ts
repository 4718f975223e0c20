/**
 * A deterministic generator of realistic SSD extracts (made-up people only),
 * for tests and benchmarks. Alongside the CSV texts it returns the truth the
 * extract was built from: each child's days in each status, its referral
 * dates and profile, and the assessments with their factors, so that a test
 * can check convert and import against what was meant rather than against
 * what the code happens to return.
 *
 * Realism: CLA periods split into adjacent episodes (X1 then a continuation
 * reason on the same day), placement-level episodes that overlap by a few
 * days, open episodes and plans, short breaks (legal status V3) that are not
 * care, two referral rows for one child on one day, NFA referrals, every date
 * format real extracts use (SQL Server `…00:00:00.000`, ISO, ISO datetime,
 * PostgreSQL `… 00:00:00`), `NULL` cells, and — with `descriptions` — sex,
 * ethnicity and category of abuse written as descriptions, as Mosaic does.
 */
import { daysFromCivil, formatIsoDay, parseIsoDay, type DayNumber } from "../dates.js";
import { createRandom, type Random } from "../random.js";
import { ASSESSMENT_FACTOR_CODES } from "../statutory/codes.js";

export interface GenerateSsdOptions {
  children: number;
  seed: number;
  /** The extract's run date (YYYY-MM-DD); records span the six years before it. */
  asAt?: string;
  /** Write sex, ethnicity and category of abuse as descriptions ("Male", "White British", "Neglect"). */
  descriptions?: boolean;
  /** Put before every id (two extracts with different prefixes share no id). */
  idPrefix?: string;
}

export interface GeneratedSsdTruth {
  /** Per child and status, the days in status as merged half-open intervals [start, end) (end "" = open), sorted. */
  statusDays: Map<string, { start: string; end: string }[]>;
  /** "child|date" of every referral, one per child and day. */
  referrals: Set<string>;
  profiles: { child_id: string; birth_date: string; sex: string; ethnicity: string }[];
  /** Completed and open assessments with their factor codes. */
  assessments: { id: string; personId: string; start: string; authorised: string | null; factors: string[] }[];
}

export interface GeneratedSsd {
  /** File name (`ssd_person.csv` …) → CSV text. */
  files: Record<string, string>;
  truth: GeneratedSsdTruth;
  /** Data rows across all tables. */
  rows: number;
}

const ETHNICITIES: [string, string, number][] = [
  ["WBRI", "White British", 60],
  ["WOTH", "White - Any other White background", 6],
  ["WIRI", "White Irish", 1],
  ["MWBC", "Mixed - White and Black Caribbean", 3],
  ["MWAS", "White and Asian", 2],
  ["MOTH", "Any other mixed background", 3],
  ["AIND", "Asian or Asian British - Indian", 4],
  ["APKN", "Pakistani", 6],
  ["ABAN", "Bangladeshi", 2],
  ["BAFR", "Black African", 4],
  ["BCRB", "Black Caribbean", 2],
  ["CHNE", "Chinese", 1],
  ["OOTH", "Any other ethnic group", 2],
  ["NOBT", "Information not yet obtained", 4],
];
const ETHNICITY_TOTAL = ETHNICITIES.reduce((n, e) => n + e[2], 0);
const CATEGORIES: [string, string][] = [
  ["NEG", "Neglect"],
  ["EMO", "Emotional Abuse"],
  ["PHY", "Physical Abuse"],
  ["SAB", "Sexual Abuse"],
  ["MUL", "Multiple"],
];
const SOURCES = ["1A", "1B", "2A", "2B", "3A", "3B", "3C", "4", "5A", "5B", "6", "8", "9", "10"];
const NEEDS = ["N1", "N1", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"];
const CONTINUATION = ["P", "T", "L", "U", "B"];
const LEAVING = ["E11", "E12", "E13", "E41", "E45", "E48", "E4A", "E8"];
const FACTORS = ASSESSMENT_FACTOR_CODES.filter((c) => c !== "21" && c !== "3A" && c !== "3B" && c !== "3C");

const HEADERS = {
  ssd_person: "pers_person_id,pers_forename,pers_surname,pers_sex,pers_gender,pers_ethnicity,pers_dob,pers_expected_dob,pers_upn,pers_upn_unknown,pers_send_flag,pers_death_date",
  ssd_family: "fami_table_id,fami_family_id,fami_person_id",
  ssd_department: "dept_team_id,dept_team_name,dept_team_parent_id,dept_team_parent_name",
  ssd_professionals: "prof_professional_id,prof_staff_id,prof_professional_name,prof_social_worker_registration_no,prof_agency_worker_flag,prof_professional_job_title,prof_professional_caseload,prof_professional_department,prof_full_time_equivalency",
  ssd_contacts: "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code,cont_contact_source_desc,cont_contact_outcome_json",
  ssd_early_help_episodes: "earl_episode_id,earl_person_id,earl_episode_start_date,earl_episode_end_date,earl_episode_reason,earl_episode_end_reason,earl_episode_organisation,earl_episode_worker_id",
  ssd_cin_episodes: "cine_referral_id,cine_person_id,cine_referral_date,cine_cin_primary_need_code,cine_referral_source_code,cine_referral_source_desc,cine_referral_outcome_json,cine_referral_nfa,cine_close_reason,cine_close_date,cine_referral_team,cine_referral_worker_id",
  ssd_cin_assessments: "cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_child_seen,cina_assessment_auth_date,cina_assessment_outcome_json,cina_assessment_outcome_nfa,cina_assessment_team,cina_assessment_worker_id",
  ssd_assessment_factors: "cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json",
  ssd_cin_plans: "cinp_cin_plan_id,cinp_referral_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date,cinp_cin_plan_team,cinp_cin_plan_worker_id",
  ssd_s47_enquiry: "s47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_nfa,s47e_s47_outcome_json,s47e_s47_completed_by_worker_id,s47e_s47_completed_by_team",
  ssd_initial_cp_conference: "icpc_icpc_id,icpc_icpc_meeting_id,icpc_s47_enquiry_id,icpc_person_id,icpc_cp_plan_id,icpc_referral_id,icpc_icpc_transfer_in,icpc_icpc_target_date,icpc_icpc_date,icpc_icpc_outcome_cp_flag,icpc_icpc_outcome_json",
  ssd_cp_plans: "cppl_cp_plan_id,cppl_referral_id,cppl_icpc_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category,cppl_cp_plan_ola",
  ssd_legal_status: "lega_legal_status_id,lega_person_id,lega_legal_status,lega_legal_status_start_date,lega_legal_status_end_date",
  ssd_cla_episodes: "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_primary_need_code,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_cla_id,clae_referral_id,clae_cla_placement_id,clae_entered_care_date,clae_cla_last_iro_contact_date",
  ssd_involvements: "invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,invo_person_id,invo_involvement_start_date,invo_involvement_end_date,invo_worker_change_reason,invo_referral_id",
} as const;
type Table = keyof typeof HEADERS;

const FORENAMES = ["Amy", "Ben", "Cara", "Dev", "Ella", "Finn", "Gita", "Harry", "Isla", "Jay", "Kai", "Lena", "Mo", "Nia", "Owen", "Priya"];
const SURNAMES = ["Able", "Baker", "Cole", "Dunn", "Evans", "Frost", "Gill", "Hale", "Iqbal", "Jones", "Khan", "Lowe", "Mills", "Nash"];

function csv(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Generates an SSD extract of `children` children (plus their professionals), the same for the same options. */
export function generateSsdExtract(options: GenerateSsdOptions): GeneratedSsd {
  const rnd: Random = createRandom(options.seed);
  const chance = (p: number) => rnd.next() < p;
  const pick = <T>(list: readonly T[]): T => list[rnd.nextInt(list.length)]!;
  const between = (lo: number, hi: number) => lo + rnd.nextInt(hi - lo + 1);
  const asAt: DayNumber = parseIsoDay(options.asAt ?? "2026-03-31") ?? daysFromCivil(2026, 3, 31);
  const from = asAt - 6 * 365;
  const out: Record<Table, string[]> = Object.fromEntries(Object.entries(HEADERS).map(([t, h]) => [t, [h]])) as Record<Table, string[]>;
  let rows = 0;
  const add = (table: Table, cells: string[]) => {
    out[table].push(cells.map(csv).join(","));
    rows++;
  };
  const truth: GeneratedSsdTruth = { statusDays: new Map(), referrals: new Set(), profiles: [], assessments: [] };
  const status = (child: string, st: string, start: DayNumber, end: DayNumber | null) => {
    const k = `${child}|${st}`;
    const list = truth.statusDays.get(k) ?? [];
    list.push({ start: formatIsoDay(start), end: end === null ? "" : formatIsoDay(end) });
    truth.statusDays.set(k, list);
  };
  // Every date cell in one of the formats real extracts contain.
  const d = (day: DayNumber | null, time = false): string => {
    if (day === null) return options.descriptions ? "" : chance(0.5) ? "NULL" : "";
    const iso = formatIsoDay(day);
    const hm = time ? `${String(between(8, 17)).padStart(2, "0")}:${String(between(0, 59)).padStart(2, "0")}` : "00:00";
    switch (rnd.nextInt(4)) {
      case 0:
        return `${iso} ${hm}:00.000`;
      case 1:
        return iso;
      case 2:
        return `${iso}T${hm}:00`;
      default:
        return `${iso} ${hm}:00`;
    }
  };
  const blank = () => (options.descriptions ? "" : "NULL");
  const yn = (p: number) => (chance(p) ? "Y" : "N");
  const clip = (day: DayNumber) => (day >= asAt ? null : day);

  const pre = options.idPrefix ?? "";
  const teams = ["T01", "T02", "T03", "T04", "T05", "T06"];
  teams.forEach((t, i) => add("ssd_department", [t, `Team ${i + 1}`, i < 3 ? "D1" : "D2", i < 3 ? "Children in need" : "Children looked after"]));
  const workers = Math.max(5, Math.ceil(options.children / 25));
  const workerIds: string[] = [];
  for (let w = 1; w <= workers; w++) {
    const id = `${pre}W${String(w).padStart(5, "0")}`;
    workerIds.push(id);
    add("ssd_professionals", [id, `S${w}`, `${pick(FORENAMES)} ${pick(SURNAMES)}`, `SW${100000 + w}`, yn(0.15), pick(["Social Worker", "Senior Social Worker", "Family Support Worker"]), String(between(5, 25)), pick(teams), pick(["1.0", "0.8", "0.6"])]);
  }

  let seq = 0;
  const next = (prefix: string) => `${pre}${prefix}${++seq}`;
  let family = 0;
  let familyLeft = 0;
  for (let c = 1; c <= options.children; c++) {
    const child = `${pre}${String(c).padStart(8, "0")}`;
    const born = asAt - between(30, 17 * 365);
    const sex = chance(0.02) ? "U" : chance(0.5) ? "M" : "F";
    let r = rnd.nextInt(ETHNICITY_TOTAL);
    const eth = ETHNICITIES.find((e) => (r -= e[2]) < 0)!;
    const sexText = options.descriptions ? { M: "Male", F: "Female", U: "Unknown" }[sex] : sex;
    add("ssd_person", [child, pick(FORENAMES), pick(SURNAMES), sexText, blank(), options.descriptions ? eth[1] : eth[0], d(born), blank(), blank(), "UN1", yn(0.1), blank()]);
    truth.profiles.push({ child_id: child, birth_date: formatIsoDay(born), sex, ethnicity: eth[0] });
    if (familyLeft === 0) {
      family++;
      familyLeft = between(1, 3);
    }
    familyLeft--;
    add("ssd_family", [next("FM"), `FAM${family}`, child]);

    // Early help for some, before any referral.
    if (chance(0.2) && Math.max(from, born) < asAt - 60) {
      const s = between(Math.max(from, born), asAt - 60);
      const e = clip(s + between(30, 300));
      add("ssd_early_help_episodes", [next("EH"), child, d(s), d(e), pick(["Parenting support", "School attendance", "Family conflict"]), e === null ? "" : "Needs met", "Family Hub", pick(workerIds)]);
    }

    // Referrals, one after another; each may lead to an assessment, a CIN plan, a s47 and a CP plan.
    let day = Math.max(from, born) + between(0, 700);
    const referrals = chance(0.35) ? 0 : between(1, 3);
    let firstReferral: DayNumber | null = null;
    for (let k = 0; k < referrals && day < asAt - 20; k++) {
      const ref = day;
      firstReferral ??= ref;
      const refId = next("R");
      const nfa = chance(0.2);
      const open = k === referrals - 1 && chance(0.3);
      const close = nfa ? ref : open ? null : clip(ref + between(40, 400));
      const worker = pick(workerIds);
      const team = pick(teams);
      const source = pick(SOURCES);
      add("ssd_contacts", [next("C"), child, d(ref - between(0, 3), true), source, "", '{"NEW_REFERRAL_FLAG": "Y"}']);
      add("ssd_cin_episodes", [refId, child, d(ref, true), pick(NEEDS.slice(0, 9)), source, "", blank(), nfa ? "Y" : "N", close === null ? blank() : nfa ? "RC8" : pick(["RC1", "RC7", "RC8", "RC9"]), d(close), team, worker]);
      truth.referrals.add(`${child}|${formatIsoDay(ref)}`);
      if (chance(0.05)) add("ssd_cin_episodes", [next("R"), child, d(ref, true), "N1", source, "", "", "Y", "RC8", d(ref), team, worker]);
      add("ssd_involvements", [next("I"), worker, "CW", team, child, d(ref), d(close), close === null ? "" : pick(["LEFTRL", "TSPROC", "OTHERS"]), refId]);
      const end = close ?? asAt;
      if (!nfa) {
        const aStart = Math.min(ref + between(0, 5), end);
        const aAuth = aStart + between(5, 60);
        const auth = aAuth <= end ? aAuth : null;
        const aId = next("A");
        add("ssd_cin_assessments", [aId, child, refId, d(aStart), yn(0.9), d(auth), blank(), yn(0.2), team, worker]);
        const factors: string[] = [];
        if (auth !== null) {
          if (chance(0.3)) factors.push(pick(["3A", "3B", "3C"]));
          const extra = between(0, 6);
          for (let f = 0; f < extra; f++) {
            const code = pick(FACTORS);
            if (!factors.includes(code)) factors.push(code);
          }
          if (factors.length === 0) factors.push("21");
          const cell = [JSON.stringify(factors), JSON.stringify(Object.fromEntries(factors.map((x) => [x, "Yes"]).concat([["2C", "No"]]).filter(([x]) => x !== "2C" || !factors.includes("2C")))), factors.join(", ")][rnd.nextInt(3)]!;
          add("ssd_assessment_factors", [next("F"), aId, cell]);
        }
        truth.assessments.push({ id: aId, personId: child, start: formatIsoDay(aStart), authorised: auth === null ? null : formatIsoDay(auth), factors });
        // A CIN plan after the assessment.
        if (auth !== null && chance(0.45) && auth + 1 < end) {
          const s = auth + between(1, Math.min(20, end - auth - 1));
          const e = close === null && chance(0.5) ? null : Math.min(end, s + between(30, 300));
          add("ssd_cin_plans", [next("CINP"), refId, child, d(s), d(e), team, worker]);
          status(child, "CIN", s, e);
        }
        // A section 47, a conference and a CP plan.
        if (chance(0.15) && aStart + 30 < end) {
          const s47 = aStart + between(1, 10);
          const s47Id = next("S");
          add("ssd_s47_enquiry", [s47Id, refId, child, d(s47), d(s47 + 10), "N", blank(), worker, team]);
          const icpc = s47 + between(5, 15);
          const cpId = next("CPP");
          const icpcId = next("IC");
          add("ssd_initial_cp_conference", [icpcId, next("M"), s47Id, child, cpId, refId, "N", d(s47 + 15), d(icpc), "Y", blank()]);
          const e = close === null && chance(0.5) ? null : Math.max(icpc + 1, Math.min(end, icpc + between(60, 400)));
          const cat = pick(CATEGORIES);
          const catText = options.descriptions ? cat[1] : cat[0];
          add("ssd_cp_plans", [cpId, refId, icpcId, child, d(icpc), d(e), catText, catText, "N"]);
          status(child, "CP", icpc, e);
        }
      }
      day = (close ?? asAt) + between(30, 500);
    }

    // Care: a short break for some; a period of care in one to three episodes for others.
    if (chance(0.04) && born < from) {
      const s = from + between(0, 300);
      const e = s + between(1, 3);
      if (e < asAt) {
        add("ssd_cla_episodes", [next("E"), child, d(s), "S", "N6", d(e), "E41", next("CLA"), "", next("PL"), d(s), blank()]);
        add("ssd_legal_status", [next("L"), child, "V3", d(s), d(e)]);
      }
    }
    if (chance(0.15)) {
      const start = Math.max((firstReferral ?? from) + between(10, 200), from + 400, born + 1);
      if (start < asAt - 30) {
        const claId = next("CLA");
        const pieces = between(1, 3);
        const openPeriod = chance(0.35);
        let s = start;
        let last: DayNumber | null = null;
        let rne = "S";
        const need = pick(NEEDS.slice(0, 8));
        for (let p = 0; p < pieces; p++) {
          const finalPiece = p === pieces - 1;
          let e: DayNumber | null = s + between(20, 400);
          if (e >= asAt) e = null;
          if (finalPiece && openPeriod) e = null;
          const overlapNext = !finalPiece && e !== null && chance(0.25);
          const rec = e === null ? blank() : finalPiece ? pick(LEAVING) : "X1";
          add("ssd_cla_episodes", [next("E"), child, d(s), rne, need, d(e), rec, claId, "", next("PL"), d(start), blank()]);
          last = e;
          if (e === null) break;
          if (finalPiece) break;
          // The next episode starts on the day this one ceased, or a few days before (a placement-level overlap).
          s = overlapNext ? e - between(1, Math.min(5, e - s)) : e;
          rne = pick(CONTINUATION);
        }
        status(child, "CLA", start, last);
        add("ssd_legal_status", [next("L"), child, pick(["C2", "C2", "V2", "E1"]), d(start), d(last)]);
      }
    }
  }
  const files: Record<string, string> = {};
  for (const [t, lines] of Object.entries(out)) files[`${t}.csv`] = `${lines.join("\r\n")}\r\n`;
  for (const [k, list] of truth.statusDays) truth.statusDays.set(k, mergeIntervals(list));
  return { files, truth, rows };
}

/** Half-open intervals (end "" = open) merged where they overlap or touch, sorted by start. */
export function mergeIntervals(list: { start: string; end: string }[]): { start: string; end: string }[] {
  const sorted = [...list].filter((x) => x.end === "" || x.end > x.start).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: { start: string; end: string }[] = [];
  for (const x of sorted) {
    const prev = out[out.length - 1];
    if (prev && (prev.end === "" || prev.end >= x.start)) {
      if (prev.end !== "" && (x.end === "" || x.end > prev.end)) prev.end = x.end;
    } else out.push({ ...x });
  }
  return out;
}
