/**
 * The SSDA903 rules that compare this year's return with last year's
 * (`evident convert --ssda903-previous`, `checkPreviousYear`): 502, 503A–F,
 * 562 and NoE on the episodes; 207, 624 and 626 on the Header (MOTHER,
 * MC_DOB); 202–204 and 208 (sex, DOB, ethnicity, UPN changed) as for an
 * earlier Header given in the same run; 559, 560, 561 and 584 on PlacedAdoption
 * when both years give that table (./previous-year-adoption.ts). Without last year's return these rules
 * are skipped, and `skippedRules` lists them. No 2024/25 CIN census rule
 * compares with last year's census (each census holds the child's history), so
 * `--cin-previous` only checks that the file is a CIN census.
 * Pure: both returns are read before (readStatutoryFiles / readStatutoryPaths).
 */
import type { TSsda903Table } from "./tables-903.js";
import { STATUTORY_RULES, type StatutoryRule } from "./catalogue.js";
import { tables903Of } from "./extract-tables.js";
import { headerChanges } from "./header-changes.js";
import { placementChanges } from "./validate-903-reference.js";
import type { TClaEpisode, TStatutoryChild, TStatutoryExtract, TStatutoryProblem } from "./model.js";
import { comparePlacedAdoption } from "./previous-year-adoption.js";
import { compareMissing } from "./previous-year-missing.js";
import { compareCareLeavers } from "./previous-year-oc3.js";
import { compareUasc } from "./previous-year-uasc.js";
import { yearStartOf } from "./validate-common.js";

export interface PreviousYearOptions {
  /** The last day of this year's collection (default: 31 March on or after the latest date of this year's episodes). */
  yearEnd?: string;
}

/** 503A–F: the field of the first episode this year that must equal last year's open last episode. */
const CARRIED_OVER: { rule: string; field: string; get: (e: TClaEpisode) => string | null }[] = [
  { rule: "503A", field: "RNE", get: (e) => e.reasonNewEpisode },
  { rule: "503B", field: "LS", get: (e) => e.legalStatus },
  { rule: "503C", field: "CIN", get: (e) => e.categoryOfNeed },
  { rule: "503D", field: "PLACE", get: (e) => e.placement },
  { rule: "503E", field: "PLACE_PROVIDER", get: (e) => e.placeProvider },
  { rule: "503F", field: "URN", get: (e) => e.urn },
];

/** Placement codes replaced between two years: not a change for 503D (H5 became K3 in 2024/25; Z1 became Z11–Z14 in 2025/26). */
function renamedPlacement(before: string | null, now: string | null, yearEnd: string): boolean {
  if (before === "H5" && now === "K3") return yearEnd <= "2025-03-31";
  if (before === "Z1" && now !== null && /^Z1[1-4]$/.test(now)) return yearEnd >= "2026-03-31";
  return false;
}

function latestEpisodeDate(episodes: readonly TClaEpisode[]): string | undefined {
  let latest: string | undefined;
  for (const e of episodes) {
    const d = e.end !== null && e.end > e.start ? e.end : e.start;
    if (latest === undefined || d > latest) latest = d;
  }
  return latest;
}

function byChild(episodes: readonly TClaEpisode[]): Map<string, TClaEpisode[]> {
  const map = new Map<string, TClaEpisode[]>();
  for (const e of episodes) {
    const list = map.get(e.childId);
    if (list) list.push(e);
    else map.set(e.childId, [e]);
  }
  for (const list of map.values()) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return map;
}

/**
 * The problems found by comparing this year's SSDA903 (`current`) with last
 * year's (`previous`). Rows and files are this year's. Children are matched on
 * CHILD.
 */
export function checkPreviousYear(current: TStatutoryExtract, previous: TStatutoryExtract, options: PreviousYearOptions = {}): TStatutoryProblem[] {
  const problems: TStatutoryProblem[] = [];
  const latest = latestEpisodeDate(current.claEpisodes);
  const yearEnd = options.yearEnd ?? (latest === undefined ? "9999-03-31" : `${Number(latest.slice(0, 4)) + (latest.slice(5) <= "03-31" ? 0 : 1)}-03-31`);
  const yearStart = yearStartOf(yearEnd);
  const error = (file: string, row: number, field: string, rule: string, message: string) => problems.push({ file, row, field, rule, severity: "error", message });

  // ---------- Header ----------
  const headerFiles = new Set(current.files.filter((f) => f.kind === "ssda903-header-csv" || f.kind === "ssda903-xml").map((f) => f.name));
  const previousHeader = new Set(previous.files.filter((f) => f.kind === "ssda903-header-csv" || f.kind === "ssda903-xml").map((f) => f.name));
  const lastYear = new Map<string, TStatutoryChild>();
  for (const c of previous.children) if (c.sources.some((s) => previousHeader.has(s.file))) lastYear.set(c.childId, c);
  const withEpisodes = new Set(current.claEpisodes.map((e) => e.childId));
  for (const child of current.children) {
    const before = lastYear.get(child.childId);
    const at = child.sources.find((s) => headerFiles.has(s.file));
    if (before === undefined || at === undefined) continue;
    const { file, row } = at;
    for (const c of headerChanges(child, before, before.birthDate, "last year's Header")) error(file, row, c.field, c.rule, c.message);
    if (before.mother === "1" && child.mother !== "1" && withEpisodes.has(child.childId)) {
      error(file, row, "MOTHER", "207", `MOTHER was 1 in last year's return but is ${child.mother ?? "blank"} now: a child recorded as a mother stays one`);
    }
    const mcBefore = before.motherChildBirthDate;
    if (mcBefore !== null && child.motherChildBirthDate !== mcBefore) {
      error(file, row, "MC_DOB", "624", `MC_DOB ${child.motherChildBirthDate ?? "(blank)"} differs from last year's ${mcBefore}: the date of birth of the mother's first child does not change`);
    }
    const mcNow = child.motherChildBirthDate;
    if (mcNow !== null && child.mother === "1" && before.mother === "0" && mcNow < yearStart) {
      error(file, row, "MC_DOB", "626", `MOTHER was 0 last year but is 1 now with a child born on ${mcNow}, before this collection year: last year's return should have said 1`);
    }
  }

  // ---------- Episodes ----------
  const now = byChild(current.claEpisodes);
  const before = byChild(previous.claEpisodes);
  for (const [childId, eps] of now) {
    const first = eps[0]!;
    const last = before.get(childId);
    const { file, row } = first.source;
    if (last !== undefined) {
      for (const open of last) {
        if (open.end === null && open.start !== first.start) {
          error(file, row, "DECOM", "502", `last year's return ends with an episode open since ${open.start}, but this year's first episode starts on ${first.start}`);
          break;
        }
      }
      const latestLast = last[last.length - 1]!;
      if (latestLast.end === null) {
        for (const { rule, field, get } of CARRIED_OVER) {
          const was = get(latestLast);
          const is = get(first);
          if (was !== is && !(rule === "503D" && renamedPlacement(was, is, yearEnd))) {
            error(file, row, field, rule, `${field} ${is ?? "(blank)"} of this year's first episode differs from ${was ?? "(blank)"} in the episode left open in last year's return (DECOM ${latestLast.start})`);
          }
        }
        for (const c of placementChanges(current, previous, first, latestLast)) error(file, row, c.field, c.rule, c.message);
      }
    }
    const beforeYear = eps.filter((e) => e.start < yearStart);
    if (beforeYear.length === 0) continue;
    const earliest = beforeYear[0]!;
    if (last === undefined) {
      for (const e of beforeYear) error(e.source.file, e.source.row, "DECOM", "NoE", `the episode starts on ${e.start}, before this collection year, but the child has no episodes in last year's return`);
    }
    if (last === undefined || last[last.length - 1]!.start !== earliest.start) {
      const was = last === undefined ? "the child is not in last year's episodes" : `last year's latest episode started on ${last[last.length - 1]!.start}`;
      error(earliest.source.file, earliest.source.row, "DECOM", "562", `this year's first episode starts on ${earliest.start}, before the collection year, but ${was}`);
    }
  }

  // ---------- PlacedAdoption (when both years give it) ----------
  const placedNow = tables903Of(current).PlacedAdoption;
  const placedLast = tables903Of(previous).PlacedAdoption;
  if (placedNow !== undefined && placedLast !== undefined) comparePlacedAdoption(placedNow, placedLast, yearStart, (r, field, rule, message) => error(r.file, r.row, field, rule, message));

  // ---------- UASC status against last year's (205A–D) ----------
  compareUasc(current, previous, yearEnd, error);

  // ---------- Missing (when both years give it) ----------
  const missingNow = tables903Of(current).Missing;
  const missingLast = tables903Of(previous).Missing;
  if (missingNow !== undefined && missingLast !== undefined) compareMissing(missingNow, missingLast, (r, field, rule, message) => error(r.file, r.row, field, rule, message));

  // ---------- OC3 against both years' episodes (when last year's episodes are given) ----------
  const oc3 = tables903Of(current).OC3;
  const lastEpisodesGiven = previous.files.some((f) => f.kind === "ssda903-episodes-csv" || f.kind === "ssda903-xml");
  if (oc3 !== undefined && lastEpisodesGiven) compareCareLeavers(oc3, current, previous, yearEnd, (r, field, rule, message) => error(r.file, r.row, field, rule, message));
  return problems;
}

/** Which returns were given, to list the rules that could not be checked. */
export interface GivenReturns {
  ssda903: boolean;
  cin: boolean;
  ssda903Previous: boolean;
  cinPrevious: boolean;
  /** The 903 tables besides Header and Episodes given this year (a rule on one of them is skipped only when it was given). */
  tables903?: readonly TSsda903Table[];
}

/** The rules comparing one of the other 903 tables with last year's: they arise only when this year's table is given. */
export const PREVIOUS_YEAR_RULE_TABLES: Readonly<Record<string, TSsda903Table>> = {
  "205A": "UASC", "205B": "UASC", "205C": "UASC",
  "559": "PlacedAdoption", "560": "PlacedAdoption", "561": "PlacedAdoption", "584": "PlacedAdoption",
  "576": "Missing",
  "1000": "OC3", "1001": "OC3", "1002": "OC3", "1010": "OC3",
};

/** The rules that need last year's return and were skipped because it was not given (catalogue status needs-previous-year). */
export function skippedRules(given: GivenReturns): StatutoryRule[] {
  const tables = new Set(given.tables903 ?? []);
  return STATUTORY_RULES.filter((r) => {
    if (r.status !== "needs-previous-year") return false;
    const table = PREVIOUS_YEAR_RULE_TABLES[r.code];
    if (r.return === "ssda903" && table !== undefined && !tables.has(table)) return false;
    return (r.return === "ssda903" && given.ssda903 && !given.ssda903Previous) || (r.return === "cin" && given.cin && !given.cinPrevious);
  });
}
