/**
 * The collector: every reader (CSV or XML, strings or streamed files) feeds
 * raw rows into one StatutoryCollector, which normalises the values, stitches
 * several years into one history (the same natural key seen again replaces
 * the older record unless that would reopen a closed one), links CIN children
 * to 903 children, runs the DfE rules (./validate.ts) and rebuilds care periods.
 */
import { legacyToSex, sexToLegacy } from "./codes.js";
import {
  statutoryKey,
  type ReadStatutoryOptions,
  type TCinEpisode,
  type TCinPlan,
  type TClaEpisode,
  type TCpPlan,
  type TSection47,
  type TStatutoryAssessment,
  type TStatutoryChild,
  type TStatutoryExtract,
  type TStatutoryFileKind,
  type TStatutoryFileSummary,
  type TStatutoryProblem,
  type TStatutoryReferral,
} from "./model.js";
import { buildCarePeriods, validateExtract, type ValidationContext } from "./validate.js";
import { headerChanges } from "./header-changes.js";
import { tableOfKind, type Ssda903Tables, type TSsda903Table } from "./tables-903.js";
import { parseStatutoryDate } from "./statutory-date.js";
import { attachHeaderUasc, attachTables903 } from "./extract-tables.js";

export { parseStatutoryDate };

export type Severity = "error" | "warning";

/** A raw 903 row: column name (upper case) → trimmed, upper-cased cell. */
export type RawRow = Record<string, string>;

export interface RawCinAssessment {
  file?: string;
  line: number;
  fields: RawRow;
  factors: string[];
}
export interface RawCinCpp {
  file?: string;
  line: number;
  fields: RawRow;
  reviews: string[];
}
export interface RawCinDetails {
  file?: string;
  line: number;
  fields: RawRow;
  assessments: RawCinAssessment[];
  plans: { file?: string; line: number; fields: RawRow }[];
  section47s: { file?: string; line: number; fields: RawRow }[];
  cpps: RawCinCpp[];
}
export interface RawCinChild {
  line: number;
  /** ChildIdentifiers and ChildCharacteristics fields, by element name. */
  fields: RawRow;
  disabilities: string[];
  details: RawCinDetails[];
}

const MAX_ID = 20;
const MAX_CODE = 16;

/** 31 March on or after the given ISO date. */
export function yearEndOnOrAfter(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const md = iso.slice(5);
  return md <= "03-31" ? `${year}-03-31` : `${year + 1}-03-31`;
}

interface FileState {
  summary: TStatutoryFileSummary;
  order: number;
  maxDate: string;
}

interface Ranked<T> {
  rec: T;
  order: number;
}

export class StatutoryCollector {
  private readonly files = new Map<string, FileState>();
  private readonly problems: TStatutoryProblem[] = [];
  private problemsCut = 0;
  private readonly maxProblems: number;
  private readonly children = new Map<string, Ranked<TStatutoryChild> & { from903: boolean; fromCin: boolean; cinBirth: string | null; birth903: string | null; cinLine: { file: string; row: number } | null }>();
  private readonly headerIdsByFile = new Map<string, Set<string>>();
  /** CLA episodes by child (a few per child: cheaper than one map entry per episode at a million episodes). */
  private readonly cla = new Map<string, TClaEpisode[]>();
  private readonly cinEpisodes = new Map<string, Ranked<TCinEpisode>>();
  private readonly cinPlans = new Map<string, Ranked<TCinPlan>>();
  private readonly cpPlans = new Map<string, Ranked<TCpPlan>>();
  private readonly assessments = new Map<string, Ranked<TStatutoryAssessment>>();
  private readonly section47s = new Map<string, Ranked<TSection47>>();
  private readonly cinIdsByFile = new Map<string, Set<string>>();
  private readonly pool = new Map<string, string>();
  private readonly invalidEnd = new Set<string>();
  /** PL_POST of episodes that give one (normalised), for rules 434–436; never written out. */
  private readonly placementPostcodes = new Map<TClaEpisode, string>();
  private readonly postcodesGiven = new Map<TClaEpisode, boolean>();
  /** Episodes whose HOME_POST and PL_POST are both given and the same (rule 392d). */
  private readonly samePostcodes = new Set<TClaEpisode>();
  /** HOME_POST of episodes that give one, kept only when reference data is given; never written out. */
  private readonly homePostcodes = new Map<TClaEpisode, string>();
  /** Every CHILD seen in an episode row, kept or not (rule EPI). */
  private readonly episodeChildren = new Set<string>();
  /** CIN LAchildIDs that break 1570/1580: their records are checked, then left out of the extract. */
  private readonly invalidCinIds = new Set<string>();
  /** CIN children whose Sex (or, before 2024/25, GenderCurrent) was given, valid or not (rule 2886Q). */
  private readonly cinSexGiven = new Set<string>();
  /** Rows of the other 903 tables (checked, not imported), by table; a table is a key once a file of it is begun. */
  private readonly tables903: Ssda903Tables = {};

  constructor(private readonly options: ReadStatutoryOptions = {}) {
    this.maxProblems = options.maxProblems ?? 10_000;
  }

  beginFile(name: string, kind: TStatutoryFileKind): void {
    if (!this.files.has(name)) this.files.set(name, { summary: { name, kind, rows: 0, referenceDate: null }, order: this.files.size, maxDate: "0000-00-00" });
    const table = tableOfKind(kind);
    if (table) this.beginTable(table);
  }

  /** Marks a 903 table as given (its rules run, even on no rows): a CSV of it, or an XML return (which holds every table). */
  beginTable(table: TSsda903Table): void {
    this.tables903[table] ??= [];
  }

  /** One row of a 903 table besides Header and Episodes: cells trimmed and upper-cased, blanks as null; nothing is imported. */
  addSsda903TableRow(table: TSsda903Table, file: string, row: number, raw: RawRow): void {
    this.countRow(file);
    const values: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(raw)) {
      const t = v?.trim().toUpperCase() ?? "";
      values[k] = t === "" ? null : t;
    }
    (this.tables903[table] ??= []).push({ table, file, row, child: values.CHILD ?? null, values });
  }

  setReferenceDate(file: string, text: string, line: number): void {
    const iso = parseStatutoryDate(text);
    const state = this.files.get(file);
    if (!state) return;
    if (iso === undefined) this.problem(file, line, "ReferenceDate", "EV05", "warning", `ReferenceDate ${quote(text)} is not a real date`);
    else state.summary.referenceDate = iso;
  }

  /** CIN rule 100: the Header's ReferenceDate must be given and be 31 March of its collection Year. */
  checkCollectionDetails(file: string, line: number, year: string | undefined, referenceDate: string | undefined): void {
    const p = (message: string) => this.problem(file, line, "ReferenceDate", "100", "error", message);
    if (referenceDate === undefined || referenceDate === "") return p("ReferenceDate is missing from the Header");
    if (year === undefined || !/^\d{4}$/.test(year)) return p(`ReferenceDate ${quote(referenceDate)} cannot be checked: the Header's Year ${year === undefined ? "is missing" : `${quote(year)} is not a year`}`);
    if (parseStatutoryDate(referenceDate) !== `${year}-03-31`) p(`ReferenceDate ${quote(referenceDate)} is not 31 March of the collection Year ${year} (${year}-03-31)`);
  }

  countRow(file: string): void {
    const state = this.files.get(file);
    if (state) state.summary.rows++;
  }

  problem(file: string, row: number, field: string, rule: string, severity: Severity, message: string): void {
    if (this.problems.length >= this.maxProblems) {
      this.problemsCut++;
      return;
    }
    this.problems.push({ file, row, field, rule, severity, message });
  }

  private codes(list: string[], field: string): string[] {
    const out: string[] = [];
    for (const x of list) {
      const c = this.code(x, field);
      if (c !== null) out.push(c);
    }
    return out;
  }

  /** Where the row being read is, for problems found while normalising values. */
  private atFile = "";
  private atRow = 0;
  private at(file: string, row: number): void {
    this.atFile = file;
    this.atRow = row;
  }

  /** Intern short code strings so a million episodes share them. Codes longer than 16 characters are cut (EV09). */
  private code(text: string | undefined, field: string): string | null {
    if (text === undefined || text === "") return null;
    const direct = this.pool.get(text);
    if (direct !== undefined) return direct;
    let t = text.trim().toUpperCase();
    if (t === "") return null;
    if (t.length > MAX_CODE) {
      this.problem(this.atFile, this.atRow, field, "EV09", "error", `${field} is ${t.length} characters long: no code in the returns is longer than ${MAX_CODE}`);
      t = t.slice(0, MAX_CODE);
    }
    if (t.length > 8) return t;
    const hit = this.pool.get(t);
    if (hit !== undefined) {
      if (this.pool.size < 50_000) this.pool.set(text, hit);
      return hit;
    }
    if (this.pool.size < 50_000) {
      this.pool.set(t, t);
      this.pool.set(text, t);
    }
    return t;
  }

  private date(file: string, row: number, field: string, text: string | undefined, rule: string, required: boolean, event = true): string | null | undefined {
    const t = (text ?? "").trim();
    if (t === "") {
      if (required) this.problem(file, row, field, rule, "error", `${field} is missing`);
      return required ? undefined : null;
    }
    const iso = parseStatutoryDate(t);
    if (iso === undefined) {
      this.problem(file, row, field, rule, "error", `${field} ${quote(t)} is not a real date written DD/MM/YYYY (or YYYY-MM-DD)`);
      return undefined;
    }
    if (event) {
      const state = this.files.get(file);
      if (state && iso > state.maxDate) state.maxDate = iso;
    }
    return iso;
  }

  private lastIdText: string | undefined;
  private lastId: string | undefined;

  private id(file: string, row: number, field: string, text: string | undefined, kind: "903" | "cin"): string | undefined {
    // Rows of one child are adjacent in returns: reuse the last valid id.
    if (text !== undefined && text === this.lastIdText) return this.lastId;
    const t = (text ?? "").trim().toUpperCase();
    if (t === "") {
      this.problem(file, row, field, kind === "cin" ? "8500" : "EV02", "error", `${field} is missing`);
      return undefined;
    }
    // A CIN child whose LAchildID breaks 1570/1580 is still read and checked, as the DfE validator checks it, then
    // left out of the extract (finish); the error already stops the files being converted or imported.
    if (t.length > MAX_ID) {
      this.problem(file, row, field, kind === "cin" ? "1570" : "EV03", "error", `${field} is longer than ${MAX_ID} characters`);
      if (kind === "cin" && !/^[A-Z0-9]+$/.test(t)) this.problem(file, row, field, "1580", "error", `${field} must contain only letters and digits`);
      if (kind !== "cin") return undefined;
      this.invalidCinIds.add(t);
      return t;
    }
    if (!/^[A-Z0-9]+$/.test(t)) {
      // The 903 validator accepts any characters in CHILD; the CIN census requires letters and digits.
      if (kind === "cin") this.problem(file, row, field, "1580", "error", `${field} must contain only letters and digits`);
      else this.problem(file, row, field, "EV04", "warning", `${field} contains characters other than letters and digits`);
      if (kind === "cin") this.invalidCinIds.add(t);
      return t;
    }
    this.lastIdText = text;
    this.lastId = t;
    return t;
  }

  private keep<T extends { key: string }>(map: Map<string, Ranked<T>>, rec: T, file: string, endOf: (r: T) => string | null, dup: () => void): void {
    const order = this.files.get(file)?.order ?? 0;
    const old = map.get(rec.key);
    if (old === undefined) {
      map.set(rec.key, { rec, order });
      return;
    }
    if (old.order === order) dup();
    // A later file supersedes an earlier one, except that an open record never reopens a closed one.
    if (endOf(old.rec) !== null && endOf(rec) === null) return;
    if (order >= old.order || (endOf(old.rec) === null && endOf(rec) !== null)) map.set(rec.key, { rec, order });
  }

  addSsda903Header(file: string, row: number, raw: RawRow): void {
    this.countRow(file);
    this.at(file, row);
    const childId = this.id(file, row, "CHILD", raw.CHILD, "903");
    if (childId === undefined) return;
    let seen = this.headerIdsByFile.get(file);
    if (!seen) this.headerIdsByFile.set(file, (seen = new Set()));
    if (seen.has(childId)) {
      this.problem(file, row, "CHILD", "INT32", "error", `child ${quote(childId)} appears more than once in the Header`);
      return;
    }
    seen.add(childId);
    const birth = this.date(file, row, "DOB", raw.DOB, "102", true, false);
    const sexText = this.code(raw.SEX, "SEX");
    const sex = sexText === "M" || sexText === "F" || sexText === "U" ? sexText : sexText ? legacyToSex(sexText) : null;
    const legacy = sexText === "1" || sexText === "2" ? sexText : sex ? sexToLegacy(sex) : null;
    const mcDob = this.date(file, row, "MC_DOB", raw.MC_DOB, "171", false, false);
    const mother = this.code(raw.MOTHER, "MOTHER");
    const upn = this.code(raw.UPN, "UPN");
    const isUnknown = upn !== null && /^UN[1-7]$/.test(upn);
    const child: TStatutoryChild = {
      key: statutoryKey.child(childId),
      childId,
      laChildId: null,
      linked903Cin: false,
      upn: isUnknown ? null : upn,
      formerUpn: null,
      upnUnknown: isUnknown ? upn : null,
      birthDate: birth ?? null,
      expectedBirthDate: null,
      deathDate: null,
      sex,
      sexLegacy: legacy,
      ethnicity: this.code(raw.ETHNIC, "ETHNIC"),
      disabilities: [],
      mother: mother === "0" || mother === "1" ? mother : null,
      motherChildBirthDate: mcDob ?? null,
      sources: [{ file, row }],
    };
    this.pendingHeader.push({ file, row, child, sexText, mother, mcDobGiven: (raw.MC_DOB ?? "").trim() !== "", ...("UASC" in raw ? { uasc: this.code(raw.UASC, "UASC") } : {}) });
    this.merge903Child(file, child);
  }

  /** Raw codes kept for validation (sex coding, ethnicity, MOTHER). */
  readonly pendingHeader: ValidationContext["headerRows"] = [];

  private merge903Child(file: string, child: TStatutoryChild): void {
    const order = this.files.get(file)?.order ?? 0;
    const old = this.children.get(child.key);
    if (old === undefined) {
      this.children.set(child.key, { rec: child, order, from903: true, fromCin: false, cinBirth: null, birth903: child.birthDate, cinLine: null });
      return;
    }
    if (old.from903) this.compareWithEarlierHeader(file, child, old.rec, old.birth903);
    const sources = [...old.rec.sources, ...child.sources];
    if (order >= old.order) {
      const keepCin = old.fromCin ? { laChildId: old.rec.laChildId, formerUpn: old.rec.formerUpn, expectedBirthDate: old.rec.expectedBirthDate, deathDate: old.rec.deathDate, disabilities: old.rec.disabilities } : {};
      old.rec = { ...child, ...keepCin, sources };
      old.order = order;
    } else old.rec = { ...old.rec, sources };
    old.from903 = true;
    old.birth903 = old.rec.birthDate;
  }

  /**
   * 202, 203, 204, 208: the same child in an earlier Header (the previous year's return, given
   * before this one) must keep its sex, DOB and ethnicity, and its UPN unless an unknown UPN
   * becomes known (or UN1 becomes UN2–UN5). The later file is the one used.
   */
  private compareWithEarlierHeader(file: string, child: TStatutoryChild, earlier: TStatutoryChild, earlierBirth: string | null): void {
    const row = child.sources[0]!.row;
    for (const c of headerChanges(child, earlier, earlierBirth, "the earlier Header")) this.problem(file, row, c.field, c.rule, "error", c.message);
  }

  addSsda903Episode(file: string, row: number, raw: RawRow): void {
    this.countRow(file);
    this.at(file, row);
    const childId = this.id(file, row, "CHILD", raw.CHILD, "903");
    const start = this.date(file, row, "DECOM", raw.DECOM, "141", true);
    const end = this.date(file, row, "DEC", raw.DEC, "147", false);
    if (childId !== undefined) this.episodeChildren.add(childId);
    if (childId === undefined || start === undefined || start === null) return;
    if (end === undefined) this.invalidEnd.add(statutoryKey.claEpisode(childId, start));
    const ep: TClaEpisode = {
      key: statutoryKey.claEpisode(childId, start),
      childId,
      start,
      end: end ?? null,
      reasonNewEpisode: this.code(raw.RNE, "RNE"),
      legalStatus: this.code(raw.LS, "LS"),
      categoryOfNeed: this.code(raw.CIN, "CIN"),
      placement: this.code(raw.PLACE, "PLACE"),
      placeProvider: this.code(raw.PLACE_PROVIDER, "PLACE_PROVIDER"),
      reasonEnded: this.code(raw.REC, "REC"),
      reasonPlaceChange: this.code(raw.REASON_PLACE_CHANGE, "REASON_PLACE_CHANGE"),
      urn: this.code(raw.URN, "URN"),
      source: { file, row },
    };
    const plPost = raw.PL_POST;
    if (plPost !== undefined && plPost !== "") this.placementPostcodes.set(ep, this.code(plPost.replace(/\s+/g, ""), "PL_POST") ?? "");
    const homePost = raw.HOME_POST ?? "";
    if ((plPost ?? "") !== "" || homePost !== "") this.postcodesGiven.set(ep, (plPost ?? "") !== "");
    if (homePost !== "" && this.options.reference) this.homePostcodes.set(ep, homePost);
    if (plPost !== undefined && plPost !== "" && homePost !== "" && plPost.replace(/\s+/g, "").toUpperCase() === homePost.replace(/\s+/g, "").toUpperCase()) this.samePostcodes.add(ep);
    // An invalid DEC is reported (147); the episode is kept as open so that later rules still see it.
    // The file order is found from the episode's source only when two files give the same episode.
    const list = this.cla.get(childId);
    if (list === undefined) {
      this.cla.set(childId, [ep]);
      return;
    }
    const i = list.findIndex((r) => r.start === start);
    if (i < 0) {
      list.push(ep);
      return;
    }
    const old = list[i]!;
    const order = this.files.get(file)?.order ?? 0;
    const oldOrder = this.files.get(old.source.file)?.order ?? 0;
    if (oldOrder === order) this.problem(file, row, "DECOM", "501", "error", `child ${quote(childId)} has two episodes starting on ${start} in this file`);
    // A later file supersedes an earlier one, except that an open episode never reopens a closed one.
    if (old.end !== null && ep.end === null) return;
    if (order >= oldOrder || old.end === null) list[i] = ep;
  }

  /** A CIN child with its CINdetails; fromXml is false for the flattened tables (rows counted there, CINdetails in another table). */
  addCinChild(file: string, raw: RawCinChild, fromXml = true): void {
    if (fromXml) this.countRow(file);
    const f = raw.fields;
    const row = raw.line;
    this.at(file, row);
    const childId = this.id(file, row, "LAchildID", f.LACHILDID, "cin");
    if (childId === undefined) return;
    let seen = this.cinIdsByFile.get(file);
    if (!seen) this.cinIdsByFile.set(file, (seen = new Set()));
    if (seen.has(childId)) {
      this.problem(file, row, "LAchildID", "8510", "error", `LAchildID ${quote(childId)} appears more than once in this file`);
      return;
    }
    seen.add(childId);
    // 8590: every child in a census XML has a CINdetails group; one that could not be read still counts.
    if (fromXml && raw.details.length === 0) this.problem(file, row, "LAchildID", "8590", "error", `child ${quote(childId)} has no CINdetails: every child in the census needs a CIN episode`);
    const birth = this.date(file, row, "PersonBirthDate", f.PERSONBIRTHDATE, "EV07", false, false);
    const expected = this.date(file, row, "ExpectedPersonBirthDate", f.EXPECTEDPERSONBIRTHDATE, "EV07", false, false);
    const death = this.date(file, row, "PersonDeathDate", f.PERSONDEATHDATE, "EV07", false);
    if (birth && expected) this.problem(file, row, "ExpectedPersonBirthDate", "8525Q", "warning", "give either PersonBirthDate or ExpectedPersonBirthDate, not both");
    const sexText = this.code(f.SEX, "Sex");
    const genderText = this.code(f.GENDERCURRENT, "GenderCurrent");
    const sex = sexText === "M" || sexText === "F" || sexText === "U" ? sexText : genderText ? legacyToSex(genderText) : null;
    if (sexText !== null || genderText !== null) this.cinSexGiven.add(childId);
    const legacy = genderText === "0" || genderText === "1" || genderText === "2" || genderText === "9" ? genderText : sex ? sexToLegacy(sex) : null;
    if (sexText !== null && sexText !== "M" && sexText !== "F" && sexText !== "U") this.problem(file, row, "Sex", "4180", "error", `Sex ${quote(sexText)} must be M, F or U`);
    else if (sexText === null && (genderText === null || this.yearEndOf(file) >= "2025-03-31")) this.problem(file, row, "Sex", "4180", "error", genderText === null ? "Sex is missing (M, F or U)" : "Sex is missing: from 2024/25 the census gives Sex (M, F or U), not GenderCurrent");
    if (genderText !== null && legacy !== genderText) this.problem(file, row, "GenderCurrent", "4180", "error", `GenderCurrent ${quote(genderText)} must be 0, 1, 2 or 9`);
    const upn = this.code(f.UPN, "UPN");
    const child: TStatutoryChild = {
      key: statutoryKey.child(childId),
      childId,
      laChildId: childId,
      linked903Cin: false,
      upn,
      formerUpn: this.code(f.FORMERUPN, "FormerUPN"),
      upnUnknown: this.code(f.UPNUNKNOWN, "UPNunknown"),
      birthDate: birth ?? null,
      expectedBirthDate: expected ?? null,
      deathDate: death ?? null,
      sex,
      sexLegacy: legacy,
      ethnicity: this.code(f.ETHNICITY, "Ethnicity"),
      disabilities: this.codes(raw.disabilities, "Disability"),
      mother: null,
      motherChildBirthDate: null,
      sources: [{ file, row }],
    };
    this.mergeCinChild(file, child);

    for (const details of raw.details) this.addCinDetails(file, childId, details);
  }

  private mergeCinChild(file: string, child: TStatutoryChild): void {
    const order = this.files.get(file)?.order ?? 0;
    const old = this.children.get(child.key);
    const line = child.sources[0]!;
    if (old === undefined) {
      this.children.set(child.key, { rec: child, order, from903: false, fromCin: true, cinBirth: child.birthDate, birth903: null, cinLine: line });
      return;
    }
    const sources = [...old.rec.sources, ...child.sources];
    if (old.from903) {
      // The 903 Header is the source of characteristics; the CIN census adds its own fields.
      old.rec = {
        ...old.rec,
        laChildId: child.laChildId,
        formerUpn: child.formerUpn ?? old.rec.formerUpn,
        upnUnknown: old.rec.upnUnknown ?? child.upnUnknown,
        upn: old.rec.upn ?? child.upn,
        expectedBirthDate: child.expectedBirthDate,
        deathDate: child.deathDate,
        disabilities: child.disabilities,
        sex: old.rec.sex ?? child.sex,
        sexLegacy: old.rec.sexLegacy ?? child.sexLegacy,
        ethnicity: old.rec.ethnicity ?? child.ethnicity,
        sources,
      };
    } else if (order >= old.order) {
      old.rec = { ...child, sources };
      old.order = order;
    } else old.rec = { ...old.rec, sources };
    old.fromCin = true;
    old.cinBirth = child.birthDate ?? old.cinBirth;
    old.cinLine = line;
  }

  private addCinDetails(childFile: string, childId: string, d: RawCinDetails): void {
    const file = d.file ?? childFile;
    const f = d.fields;
    const row = d.line;
    this.at(file, row);
    const referral = this.date(file, row, "CINreferralDate", f.CINREFERRALDATE, "8600", true);
    if (!referral) return;
    const closure = this.date(file, row, "CINclosureDate", f.CINCLOSUREDATE, "8620", false);
    const nfaText = (f.REFERRALNFA ?? "").trim().toUpperCase();
    const nfa = nfaText === "TRUE" || nfaText === "1";
    if (!["TRUE", "FALSE", "0", "1"].includes(nfaText)) this.problem(file, row, "ReferralNFA", "8568", "error", nfaText === "" ? "ReferralNFA is missing (true, false, 0 or 1)" : `ReferralNFA ${quote(nfaText)} must be true, false, 0 or 1`);
    const cinKey = statutoryKey.cinEpisode(childId, referral);
    const icpc = this.date(file, row, "DateOfInitialCPC", f.DATEOFINITIALCPC, "EV07", false);
    const ep: TCinEpisode = {
      key: cinKey,
      childId,
      referralDate: referral,
      closureDate: closure ?? null,
      reasonForClosure: this.code(f.REASONFORCLOSURE, "ReasonForClosure"),
      referralSource: this.code(f.REFERRALSOURCE, "ReferralSource"),
      primaryNeed: this.code(f.PRIMARYNEEDCODE, "PrimaryNeedCode"),
      nfa,
      dateOfInitialCpc: icpc ?? null,
      source: { file, row },
    };
    this.keep(this.cinEpisodes, ep, file, (r) => r.closureDate, () =>
      this.problem(file, row, "CINreferralDate", "8820", "error", `child ${quote(childId)} has two CIN episodes with referral date ${referral}`),
    );

    for (const a of d.assessments) {
      const file = a.file ?? d.file ?? childFile;
      this.at(file, a.line);
      const start = this.date(file, a.line, "AssessmentActualStartDate", a.fields.ASSESSMENTACTUALSTARTDATE, "EV07", true);
      if (!start) continue;
      const auth = this.date(file, a.line, "AssessmentAuthorisationDate", a.fields.ASSESSMENTAUTHORISATIONDATE, "EV07", false);
      const review = this.date(file, a.line, "AssessmentInternalReviewDate", a.fields.ASSESSMENTINTERNALREVIEWDATE, "EV07", false);
      const rec: TStatutoryAssessment = {
        key: statutoryKey.assessment(childId, start),
        childId,
        cinEpisodeKey: cinKey,
        start,
        authorisationDate: auth ?? null,
        internalReviewDate: review ?? null,
        factors: this.codes(a.factors, "AssessmentFactors"),
        source: { file, row: a.line },
      };
      this.keep(this.assessments, rec, file, (r) => r.authorisationDate, () =>
        this.problem(file, a.line, "AssessmentActualStartDate", "8863Q", "warning", `child ${quote(childId)} has two assessments starting on ${start}`),
      );
    }
    for (const p of d.plans) {
      const file = p.file ?? d.file ?? childFile;
      const start = this.date(file, p.line, "CINPlanStartDate", p.fields.CINPLANSTARTDATE, "4010", true);
      if (!start) continue;
      const end = this.date(file, p.line, "CINPlanEndDate", p.fields.CINPLANENDDATE, "EV07", false);
      const rec: TCinPlan = { key: statutoryKey.cinPlan(childId, start), childId, cinEpisodeKey: cinKey, start, end: end ?? null, source: { file, row: p.line } };
      this.keep(this.cinPlans, rec, file, (r) => r.end, () =>
        this.problem(file, p.line, "CINPlanStartDate", "4014", "error", `child ${quote(childId)} has two CIN plans starting on ${start}`),
      );
    }
    for (const s of d.section47s) {
      const file = s.file ?? d.file ?? childFile;
      // A missing start is 8615 when the conference date is given (the start cannot be checked against it).
      const hasIcpc = (s.fields.DATEOFINITIALCPC ?? "").trim() !== "";
      const start = this.date(file, s.line, "S47ActualStartDate", s.fields.S47ACTUALSTARTDATE, hasIcpc ? "8615" : "EV07", true);
      if (!start) continue;
      const target = this.date(file, s.line, "InitialCPCtarget", s.fields.INITIALCPCTARGET, "EV07", false);
      const icpcDate = this.date(file, s.line, "DateOfInitialCPC", s.fields.DATEOFINITIALCPC, "EV07", false);
      const notReq = (s.fields.ICPCNOTREQUIRED ?? "").trim().toUpperCase();
      const rec: TSection47 = {
        key: statutoryKey.section47(childId, start),
        childId,
        cinEpisodeKey: cinKey,
        start,
        initialCpcTarget: target ?? null,
        dateOfInitialCpc: icpcDate ?? null,
        icpcNotRequired: notReq === "" ? null : notReq === "TRUE" || notReq === "1",
        source: { file, row: s.line },
      };
      this.keep(this.section47s, rec, file, (r) => r.dateOfInitialCpc, () => undefined);
    }
    for (const c of d.cpps) {
      const file = c.file ?? d.file ?? childFile;
      this.at(file, c.line);
      const start = this.date(file, c.line, "CPPstartDate", c.fields.CPPSTARTDATE, "8720", true);
      if (!start) continue;
      const end = this.date(file, c.line, "CPPendDate", c.fields.CPPENDDATE, "EV07", false);
      const prev = (c.fields.NUMBEROFPREVIOUSCPP ?? "").trim();
      const reviews: string[] = [];
      for (const r of c.reviews) {
        if (r.trim() === "") {
          this.problem(file, c.line, "CPPreviewDate", "8842Q", "warning", "a Reviews group of this CP plan has no CPPreviewDate");
          continue;
        }
        const iso = this.date(file, c.line, "CPPreviewDate", r, "EV07", false);
        if (iso) reviews.push(iso);
      }
      const rec: TCpPlan = {
        key: statutoryKey.cpPlan(childId, start),
        childId,
        cinEpisodeKey: cinKey,
        start,
        end: end ?? null,
        initialCategory: this.code(c.fields.INITIALCATEGORYOFABUSE, "InitialCategoryOfAbuse"),
        latestCategory: this.code(c.fields.LATESTCATEGORYOFABUSE, "LatestCategoryOfAbuse"),
        numberOfPreviousCpp: /^\d{1,4}$/.test(prev) ? Number(prev) : null,
        reviewDates: reviews.sort(),
        source: { file, row: c.line },
      };
      this.keep(this.cpPlans, rec, file, (r) => r.end, () =>
        this.problem(file, c.line, "CPPstartDate", "8940", "error", `child ${quote(childId)} has two child protection plans starting on ${start}`),
      );
    }
  }

  /** The year end used for rules about the collection year for records from this file. */
  yearEndOf(file: string): string {
    // A CIN census names its own year (ReferenceDate): with several years given, each is checked against its own.
    const state = this.files.get(file);
    if (state?.summary.referenceDate) return state.summary.referenceDate;
    if (this.options.yearEnd) return this.options.yearEnd;
    if (state && state.maxDate !== "0000-00-00") return yearEndOnOrAfter(state.maxDate);
    // A file with no event dates (a 903 Header): the latest collection year among all the files.
    if (this.latestYearEnd === undefined) {
      let latest = "0000-00-00";
      for (const f of this.files.values()) {
        const end = f.summary.referenceDate ?? (f.maxDate === "0000-00-00" ? "0000-00-00" : yearEndOnOrAfter(f.maxDate));
        if (end > latest) latest = end;
      }
      this.latestYearEnd = latest === "0000-00-00" ? "9999-03-31" : latest;
    }
    return this.latestYearEnd;
  }
  private latestYearEnd: string | undefined;

  finish(): TStatutoryExtract {
    // Children with 903 episodes but no Header row (reported as INT03 when a Header was given) still get a record.
    for (const [childId, list] of this.cla) {
      const key = statutoryKey.child(childId);
      if (this.children.has(key)) continue;
      const first = list[0]!;
      const firstOrder = this.files.get(first.source.file)?.order ?? 0;
      this.children.set(key, {
        rec: {
          key, childId, laChildId: null, linked903Cin: false, upn: null, formerUpn: null, upnUnknown: null, birthDate: null, expectedBirthDate: null, deathDate: null,
          sex: null, sexLegacy: null, ethnicity: null, disabilities: [], mother: null, motherChildBirthDate: null, sources: [first.source],
        },
        order: firstOrder, from903: false, fromCin: false, cinBirth: null, birth903: null, cinLine: null,
      });
    }
    const children = [...this.children.values()];
    // Link CIN children to 903 children: same id, confirmed by date of birth.
    for (const c of children) {
      if (c.from903 && c.fromCin) {
        if (c.birth903 !== null && c.cinBirth !== null && c.birth903 === c.cinBirth) c.rec = { ...c.rec, linked903Cin: true };
        else {
          const at = c.cinLine!;
          this.problem(at.file, at.row, "PersonBirthDate", "EV11", "warning", `LAchildID ${quote(c.rec.childId)} is also a 903 CHILD but the dates of birth differ (${c.birth903 ?? "none"} / ${c.cinBirth ?? "none"}); not linked`);
        }
      }
    }
    const sortByKey = <T extends { childId: string; key: string }>(a: T, b: T) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    const claEpisodes: TClaEpisode[] = [];
    for (const childId of [...this.cla.keys()].sort()) {
      const list = this.cla.get(childId)!;
      if (list.length > 1) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (const r of list) claEpisodes.push(r);
    }
    const cinEpisodes = [...this.cinEpisodes.values()].map((r) => r.rec).sort(sortByKey);
    const referrals: TStatutoryReferral[] = cinEpisodes.map((e) => ({
      key: statutoryKey.referral(e.childId, e.referralDate),
      childId: e.childId,
      date: e.referralDate,
      referralSource: e.referralSource,
      nfa: e.nfa,
      cinEpisodeKey: e.key,
      source: e.source,
    }));
    const extract: TStatutoryExtract = {
      files: [...this.files.values()].map((s) => s.summary),
      children: children.map((c) => c.rec).sort(sortByKey),
      claEpisodes,
      carePeriods: [],
      cinEpisodes,
      referrals,
      cinPlans: [...this.cinPlans.values()].map((r) => r.rec).sort(sortByKey),
      cpPlans: [...this.cpPlans.values()].map((r) => r.rec).sort(sortByKey),
      assessments: [...this.assessments.values()].map((r) => r.rec).sort(sortByKey),
      section47s: [...this.section47s.values()].map((r) => r.rec).sort(sortByKey),
      problems: this.problems,
    };
    const ctx: ValidationContext = {
      problem: (file, row, field, rule, severity, message) => this.problem(file, row, field, rule, severity, message),
      yearEndOf: (file) => this.yearEndOf(file),
      headerRows: this.pendingHeader,
      has903Header: [...this.files.values()].some((f) => f.summary.kind === "ssda903-header-csv" || f.summary.kind === "ssda903-xml"),
      children903: new Set(children.filter((c) => c.from903).map((c) => c.rec.childId)),
      birthDates: new Map(children.map((c) => [c.rec.childId, c.rec.birthDate])),
      invalidEnd: this.invalidEnd,
      placementPostcodes: this.placementPostcodes,
      postcodesGiven: this.postcodesGiven,
      samePostcodes: this.samePostcodes,
      episodeChildren: this.episodeChildren,
      tables903: this.tables903,
      cinSexGiven: this.cinSexGiven,
      reference: this.options.reference,
      homePostcodes: this.homePostcodes,
    };
    validateExtract(extract, ctx);
    if (this.invalidCinIds.size > 0) dropChildren(extract, this.invalidCinIds);
    attachTables903(extract, this.tables903);
    attachHeaderUasc(extract, new Map(this.pendingHeader.filter((h) => h.uasc !== undefined).map((h) => [h.child.childId, { flag: h.uasc ?? null, file: h.file, row: h.row }])));
    extract.carePeriods = buildCarePeriods(claEpisodes);
    const fileOrder = (name: string) => this.files.get(name)?.order ?? -1;
    this.problems.sort((a, b) => fileOrder(a.file) - fileOrder(b.file) || a.row - b.row);
    if (this.problemsCut > 0) {
      this.problems.push({ file: "", row: 0, field: "", rule: "EV999", severity: "warning", message: `${this.problemsCut} further problems were not listed (limit ${this.maxProblems})` });
    }
    return extract;
  }
}

/** Leaves the records of these children out of the extract (after they were checked). */
function dropChildren(x: TStatutoryExtract, ids: ReadonlySet<string>): void {
  const keep = <T extends { childId: string }>(list: T[]) => list.filter((r) => !ids.has(r.childId));
  x.children = keep(x.children);
  x.cinEpisodes = keep(x.cinEpisodes);
  x.referrals = keep(x.referrals);
  x.cinPlans = keep(x.cinPlans);
  x.cpPlans = keep(x.cpPlans);
  x.assessments = keep(x.assessments);
  x.section47s = keep(x.section47s);
}

export function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}
