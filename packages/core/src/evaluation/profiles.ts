/**
 * Cohort profiles (report Tables 8–10 and 15–17) and the reproducible choice
 * of one child per family.
 */
import { ageInYears, civilKey, UNKNOWN_DAY, type DayNumber } from "../dates.js";
import { createRandom } from "../random.js";

export const AGE_BANDS = ["0-4", "5-9", "10-14", "15-17", "18+", "Unknown"] as const;
export type TAgeBand = (typeof AGE_BANDS)[number];

/** The age band of a child on a day (`"Unknown"` without a birth date, or with one after that day). */
export function ageBand(birth: DayNumber | undefined, on: DayNumber): TAgeBand {
  if (birth === undefined || birth === UNKNOWN_DAY || birth > on) return "Unknown";
  const age = ageInYears(birth, on);
  if (age <= 4) return "0-4";
  if (age <= 9) return "5-9";
  if (age <= 14) return "10-14";
  if (age <= 17) return "15-17";
  return "18+";
}

/** The index in AGE_BANDS of ageBand(birth, on), with UNKNOWN_DAY for an unknown birth date; allocates nothing. */
export function ageBandIndex(birth: DayNumber, on: DayNumber): number {
  if (birth === UNKNOWN_DAY || birth > on) return 5;
  const age = Math.floor((civilKey(on) - civilKey(birth)) / 10000);
  return age <= 4 ? 0 : age <= 9 ? 1 : age <= 14 ? 2 : age <= 17 ? 3 : 4;
}

/** DfE ethnicity codes used in the CIN census and SSDA903, with their meanings. */
export const DFE_ETHNICITY_CODES: Readonly<Record<string, string>> = Object.freeze({
  WBRI: "White British",
  WIRI: "White Irish",
  WIRT: "Traveller of Irish heritage",
  WOTH: "Any other White background",
  WROM: "Gypsy/Roma",
  MWBC: "White and Black Caribbean",
  MWBA: "White and Black African",
  MWAS: "White and Asian",
  MOTH: "Any other mixed background",
  AIND: "Indian",
  APKN: "Pakistani",
  ABAN: "Bangladeshi",
  AOTH: "Any other Asian background",
  BCRB: "Caribbean",
  BAFR: "African",
  BOTH: "Any other Black background",
  CHNE: "Chinese",
  OOTH: "Any other ethnic group",
  REFU: "Refused",
  NOBT: "Information not yet obtained",
});

export interface CohortProfile {
  ageBands: Record<TAgeBand, number>;
  /** Counts by DfE ethnicity code; "Unknown" when not recorded. */
  ethnicity: Record<string, number>;
  /** Counts by sibling group size ("1", "2", …); "Unknown" when not recorded. */
  siblingGroupSize: Record<string, number>;
}

/** A cohort profile with every count at zero, to fill with `addToProfile`. */
export function emptyProfile(): CohortProfile {
  return {
    ageBands: { "0-4": 0, "5-9": 0, "10-14": 0, "15-17": 0, "18+": 0, Unknown: 0 },
    ethnicity: {},
    siblingGroupSize: {},
  };
}

/**
 * Counts one child in a cohort profile: age band at the intervention's start, ethnicity and sibling group
 * size (`"Unknown"` when missing).
 */
export function addToProfile(profile: CohortProfile, birth: DayNumber | undefined, start: DayNumber, ethnicity: string | undefined, siblings: number | undefined): void {
  profile.ageBands[ageBand(birth, start)] += 1;
  const e = ethnicity ?? "Unknown";
  profile.ethnicity[e] = (profile.ethnicity[e] ?? 0) + 1;
  const s = siblings === undefined || siblings < 1 ? "Unknown" : String(siblings);
  profile.siblingGroupSize[s] = (profile.siblingGroupSize[s] ?? 0) + 1;
}

/**
 * Accumulates profiles without allocating per child: age bands and sibling
 * sizes in typed counters, ethnicity codes in a Map of (already interned)
 * strings. `finish()` gives the same shape as `addToProfile`.
 */
export class ProfileCounter {
  private readonly ages = new Float64Array(AGE_BANDS.length);
  private readonly siblings = new Float64Array(32);
  private siblingsUnknown = 0;
  private readonly ethnicity = new Map<string | undefined, number>();

  add(birth: DayNumber, start: DayNumber, ethnicity: string | undefined, siblings: number): void {
    this.ages[ageBandIndex(birth, start)]! += 1;
    if (siblings >= 1 && siblings < 32) this.siblings[siblings]! += 1;
    else this.siblingsUnknown += 1;
    this.ethnicity.set(ethnicity, (this.ethnicity.get(ethnicity) ?? 0) + 1);
  }

  finish(): CohortProfile {
    const profile = emptyProfile();
    AGE_BANDS.forEach((band, i) => (profile.ageBands[band] = this.ages[i]!));
    for (let k = 1; k < 32; k++) if (this.siblings[k]! > 0) profile.siblingGroupSize[String(k)] = this.siblings[k]!;
    if (this.siblingsUnknown > 0) profile.siblingGroupSize.Unknown = this.siblingsUnknown;
    for (const [code, count] of this.ethnicity) profile.ethnicity[code ?? "Unknown"] = (profile.ethnicity[code ?? "Unknown"] ?? 0) + count;
    return profile;
  }
}

export interface FamilyMemberRef {
  childId: string;
  familyId?: string | undefined;
}

/**
 * Chooses one child per family at random, reproducibly: the same children and
 * seed always give the same choice, whatever order the children come in.
 * Children without a family count as a family of one.
 */
export function selectOnePerFamily<T extends FamilyMemberRef>(children: readonly T[], seed: number): T[] {
  const families = new Map<string, T[]>();
  for (const child of children) {
    const key = child.familyId ?? `\u0000${child.childId}`;
    let members = families.get(key);
    if (!members) families.set(key, (members = []));
    members.push(child);
  }
  const random = createRandom(seed);
  const chosen: T[] = [];
  for (const key of [...families.keys()].sort()) {
    const members = families.get(key)!.slice().sort((a, b) => (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0));
    chosen.push(members[random.nextInt(members.length)]!);
  }
  return chosen;
}
