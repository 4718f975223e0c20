/**
 * What the SSDA903 rules (./validate.ts) and the CIN census rules
 * (./validate-cin.ts) share: the context they report into and small helpers.
 */
import { formatIsoDay, parseIsoDay } from "../dates.js";
import { ETHNICITY_CODES, codeSet } from "./codes.js";
import type { TClaEpisode, TStatutoryChild } from "./model.js";
import type { Reference903 } from "./reference-903.js";
import type { Ssda903Tables } from "./tables-903.js";

export const ETHNIC = codeSet(ETHNICITY_CODES);

export type Severity = "error" | "warning";

export interface ValidationContext {
  problem(file: string, row: number, field: string, rule: string, severity: Severity, message: string): void;
  yearEndOf(file: string): string;
  /** Header rows with the raw codes the rules need (mcDobGiven: MC_DOB is not blank, valid or not). */
  headerRows: { file: string; row: number; child: TStatutoryChild; sexText: string | null; mother: string | null; mcDobGiven: boolean; uasc?: string | null }[];
  has903Header: boolean;
  children903: Set<string>;
  birthDates: Map<string, string | null>;
  /** Keys of episodes whose DEC was present but not a date (already reported as 147). */
  invalidEnd: Set<string>;
  /** PL_POST of the episodes that give one (rules 434–436). */
  placementPostcodes: ReadonlyMap<TClaEpisode, string>;
  /** Episodes giving a postcode: true when PL_POST is given, false when only HOME_POST is (rules 214, 398). */
  postcodesGiven: ReadonlyMap<TClaEpisode, boolean>;
  /** Episodes whose HOME_POST and PL_POST are both given and the same (rule 392d). */
  samePostcodes: ReadonlySet<TClaEpisode>;
  /** Every CHILD seen in an episode row (rule EPI). */
  episodeChildren: ReadonlySet<string>;
  /** Rows of the other 903 tables (Reviews, UASC, AD1, PlacedAdoption, PrevPerm, OC2, OC3, Missing, SWEpisodes); a table is a key only when given. */
  tables903: Ssda903Tables;
  /** CIN children whose Sex (or GenderCurrent) was given, valid or not (rule 2886Q). */
  cinSexGiven: ReadonlySet<string>;
  /** The reference data given for the run (postcodes, own LA, Ofsted providers), if any. */
  reference?: Reference903;
  /** HOME_POST of the episodes that give one, kept only when reference data is given (rules 392b, 392c and the distance); never written out. */
  homePostcodes: ReadonlyMap<TClaEpisode, string>;
}


/** The first day of the collection year ending on `yearEnd` (31 March → 1 April of the year before). */
export function yearStartOf(yearEnd: string): string {
  let start = yearStarts.get(yearEnd);
  if (start === undefined) yearStarts.set(yearEnd, (start = computeYearStart(yearEnd)));
  return start;
}
const yearStarts = new Map<string, string>();

function computeYearStart(yearEnd: string): string {
  const y = String(Number(yearEnd.slice(0, 4)) - 1).padStart(4, "0");
  const md = yearEnd.slice(5) === "02-29" ? "02-28" : yearEnd.slice(5);
  const day = parseIsoDay(`${y}-${md}`);
  return day === undefined ? "0000-01-01" : formatIsoDay(day + 1);
}

export function groupBy<T extends { childId: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.childId);
    if (list) list.push(item);
    else map.set(item.childId, [item]);
  }
  return map;
}

/** Saturday or Sunday. */
export function isWeekend(iso: string): boolean {
  const day = parseIsoDay(iso);
  // Day 0 is 1970-01-01, a Thursday: (day + 3) mod 7 is 5 on Saturday and 6 on Sunday.
  return day !== undefined && ((((day + 3) % 7) + 7) % 7) >= 5;
}

export function show(code: string | null): string {
  return code === null ? "(blank)" : JSON.stringify(code);
}

/** The same day n years later; 29 February becomes 28 February in a year without it (as the DfE validators count). */
export function addYears(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)) + n;
  const md = iso.slice(5);
  if (md === "02-29" && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${String(y).padStart(4, "0")}-02-28`;
  return `${String(y).padStart(4, "0")}-${md}`;
}
