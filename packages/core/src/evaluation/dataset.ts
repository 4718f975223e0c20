/**
 * The child-level data an evaluation runs on, held in columns (typed arrays)
 * so that a national dataset (1M children, 3M episodes) fits in memory and can
 * be scanned quickly. Build one from plain records with `datasetFromRecords`
 * (validated by zod, for API and library use) or column by column with
 * `DatasetBuilder` (what the CSV loader does).
 */
import { z } from "zod";
import { OPEN_END, UNKNOWN_DAY, parseIsoDay, ZIsoDate, type DayNumber } from "../dates.js";
import { DomainError, type DomainIssue } from "../errors.js";
import { STATUS_CODE, ZStatus, type TStatus } from "../statuses.js";
import { growableInt32, growableUint8 } from "./growable.js";

export const COHORTS = ["intervention", "comparison"] as const;
export const ZCohort = z.enum(COHORTS);
export type TCohort = z.infer<typeof ZCohort>;

const id = z.string().trim().min(1).max(64);

export const ZChildRecord = z
  .object({
    childId: id,
    cohort: ZCohort,
    startDate: ZIsoDate,
    endDate: ZIsoDate,
    familyId: id.optional(),
    birthDate: ZIsoDate.optional(),
    ethnicity: z.string().trim().min(1).max(8).optional(),
    siblingGroupSize: z.number().int().min(1).max(30).optional(),
  })
  .strict()
  .refine((c) => parseIsoDay(c.endDate)! >= parseIsoDay(c.startDate)!, { message: "end date is before start date", path: ["endDate"] });
export type TChildRecord = z.infer<typeof ZChildRecord>;

export const ZEpisodeRecord = z
  .object({
    childId: id,
    status: ZStatus,
    startDate: ZIsoDate,
    endDate: ZIsoDate.nullish(),
  })
  .strict()
  .refine((e) => e.endDate == null || parseIsoDay(e.endDate)! >= parseIsoDay(e.startDate)!, {
    message: "end date is before start date",
    path: ["endDate"],
  });
export type TEpisodeRecord = z.infer<typeof ZEpisodeRecord>;

export const ZReferralRecord = z.object({ childId: id, referralDate: ZIsoDate }).strict();
export type TReferralRecord = z.infer<typeof ZReferralRecord>;

/** The children of a dataset, one entry per child in every column (dates as day numbers). */
export interface ChildColumns {
  count: number;
  ids: string[];
  /** 0 = intervention, 1 = comparison. */
  cohort: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  familyId: (string | undefined)[];
  /** UNKNOWN_DAY when not known. */
  birth: Int32Array;
  ethnicity: (string | undefined)[];
  /** -1 when not known. */
  siblingGroupSize: Int32Array;
  /** User covariates: numeric `x_` columns of children.csv (NaN = missing), for matched comparisons. */
  extra?: { name: string; values: Float64Array }[];
}

/**
 * The CIN, CP and CLA episodes of a dataset, one entry per episode in every column (dates as day numbers; end
 * exclusive).
 */
export interface EpisodeColumns {
  count: number;
  /** Index into the children columns. */
  child: Int32Array;
  /** 1 = CIN, 2 = CP, 3 = CLA. */
  status: Uint8Array;
  start: Int32Array;
  /** OPEN_END when the episode is still open. */
  end: Int32Array;
}

/** The referrals of a dataset: the child (an index into the children columns) and the day of each. */
export interface ReferralColumns {
  count: number;
  child: Int32Array;
  date: Int32Array;
}

/**
 * The child-level data `analyse` runs on, in columns. Made by `datasetFromRecords`, `DatasetBuilder` or
 * `loadDatasetDir` (`@evident/core/node`).
 */
export interface Dataset {
  children: ChildColumns;
  episodes: EpisodeColumns;
  referrals: ReferralColumns;
}

const int32 = growableInt32;
const uint8 = growableUint8;

export interface ChildInput {
  childId: string;
  cohort: TCohort;
  start: DayNumber;
  end: DayNumber;
  familyId?: string | undefined;
  birth?: DayNumber | undefined;
  ethnicity?: string | undefined;
  siblingGroupSize?: number | undefined;
}

/**
 * An index from child id to position, as an open-addressing hash table over
 * typed arrays: for a national extract (a million ids) it is several times
 * cheaper to build than a Map, and it creates no garbage.
 */
export class IdIndex {
  private table: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  size = 0;

  /** `expected`: how many ids will be added, to size the table once (optional). */
  constructor(private readonly ids: string[], expected = 0) {
    let slots = 1 << 12;
    while (slots < expected * 2 + 2) slots *= 2;
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.hashes = new Int32Array(Math.max(1 << 11, expected));
  }

  /** FNV-1a over the id's UTF-16 code units (for ASCII ids, the same as over its bytes: see the CSV loader). */
  static hash(id: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    return h | 0;
  }

  get(id: string): number | undefined {
    return this.getHashed(id, IdIndex.hash(id));
  }

  /** As `get`, with `h` = `IdIndex.hash(id)` computed by the caller. */
  getHashed(id: string, h: number): number | undefined {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.table[slot]!;
      if (at < 0) return undefined;
      if (this.hashes[at] === h && this.ids[at] === id) return at;
    }
  }

  /**
   * As `getHashed`, for an ASCII id given as its bytes b[s, e) with `h` = IdIndex.hash of it, without making a
   * string of it (the CSV loader's lookups); −1 when absent.
   */
  getAscii(b: Uint8Array, s: number, e: number, h: number): number {
    const len = e - s;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.table[slot]!;
      if (at < 0) return -1;
      if (this.hashes[at] !== h) continue;
      const id = this.ids[at]!;
      if (id.length !== len) continue;
      let k = 0;
      while (k < len && id.charCodeAt(k) === b[s + k]) k++;
      if (k === len) return at;
    }
  }

  /** Adds `id` at position `index` (= the number of ids added so far); false if it is already present. */
  add(id: string, index: number): boolean {
    return this.addHashed(id, IdIndex.hash(id), index);
  }

  /** As `add`, with `h` = `IdIndex.hash(id)` computed by the caller. */
  addHashed(id: string, h: number, index: number): boolean {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.table[slot]!;
      if (at < 0) {
        this.table[slot] = index;
        break;
      }
      if (this.hashes[at] === h && this.ids[at] === id) return false;
    }
    if (index >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[index] = h;
    this.size++;
    if (this.size * 2 > this.table.length) this.grow();
    return true;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hashes[i]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = i;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * Collects a dataset column by column. Children must be added before the
 * episodes and referrals that refer to them; an unknown child id is reported
 * through the `issue` callback rather than thrown, so a loader can collect
 * every problem of a file before failing.
 */
export class DatasetBuilder {
  private readonly ids: string[] = [];
  private readonly index = new IdIndex(this.ids);
  private readonly cohort = uint8();
  private readonly cStart = int32();
  private readonly cEnd = int32();
  private readonly familyId: (string | undefined)[] = [];
  private readonly birth = int32();
  private readonly ethnicity: (string | undefined)[] = [];
  private readonly sibling = int32();
  private readonly eChild = int32(4096);
  private readonly eStatus = uint8(4096);
  private readonly eStart = int32(4096);
  private readonly eEnd = int32(4096);
  private readonly rChild = int32(4096);
  private readonly rDate = int32(4096);

  /** Returns false when the child id is already present. */
  addChild(child: ChildInput): boolean {
    // The index refers to ids by position: push first, take it back on a duplicate.
    this.ids.push(child.childId);
    if (!this.index.add(child.childId, this.ids.length - 1)) {
      this.ids.pop();
      return false;
    }
    this.cohort.push(child.cohort === "intervention" ? 0 : 1);
    this.cStart.push(child.start);
    this.cEnd.push(child.end);
    this.familyId.push(child.familyId);
    this.birth.push(child.birth ?? UNKNOWN_DAY);
    this.ethnicity.push(child.ethnicity);
    this.sibling.push(child.siblingGroupSize ?? -1);
    return true;
  }

  childId(index: number): string {
    return this.ids[index]!;
  }

  childIndex(childId: string): number | undefined {
    return this.index.get(childId);
  }

  /** Adds an episode for a known child index. `end` undefined = open. */
  addEpisode(childIndex: number, status: TStatus | 1 | 2 | 3, start: DayNumber, end: DayNumber | undefined): void {
    this.eChild.push(childIndex);
    this.eStatus.push(typeof status === "number" ? status : STATUS_CODE[status]);
    this.eStart.push(start);
    this.eEnd.push(end ?? OPEN_END);
  }

  addReferral(childIndex: number, date: DayNumber): void {
    this.rChild.push(childIndex);
    this.rDate.push(date);
  }

  get childCount(): number {
    return this.ids.length;
  }

  build(): Dataset {
    return {
      children: {
        count: this.ids.length,
        ids: this.ids,
        cohort: this.cohort.finish(),
        start: this.cStart.finish(),
        end: this.cEnd.finish(),
        familyId: this.familyId,
        birth: this.birth.finish(),
        ethnicity: this.ethnicity,
        siblingGroupSize: this.sibling.finish(),
      },
      episodes: {
        count: this.eChild.length,
        child: this.eChild.finish(),
        status: this.eStatus.finish(),
        start: this.eStart.finish(),
        end: this.eEnd.finish(),
      },
      referrals: { count: this.rChild.length, child: this.rChild.finish(), date: this.rDate.finish() },
    };
  }
}

/** Plain records for `datasetFromRecords`, checked against `ZChildRecord`, `ZEpisodeRecord` and `ZReferralRecord`. */
export interface DatasetRecords {
  children: TChildRecord[] | unknown[];
  episodes: TEpisodeRecord[] | unknown[];
  referrals: TReferralRecord[] | unknown[];
}

const MAX_ISSUES = 50;

/**
 * Validates plain records and builds the columnar dataset. Throws a
 * DomainError listing (up to 50) problems, each with its path
 * (`children[3].startDate`), and builds nothing if any record is invalid.
 */
export function datasetFromRecords(records: DatasetRecords): Dataset {
  const issues: DomainIssue[] = [];
  const builder = new DatasetBuilder();
  const note = (path: (string | number)[], message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ path, message });
  };
  records.children.forEach((raw, i) => {
    const parsed = ZChildRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) note(["children", i, ...issue.path.map(String)], issue.message);
      return;
    }
    const c = parsed.data;
    const added = builder.addChild({
      childId: c.childId,
      cohort: c.cohort,
      start: parseIsoDay(c.startDate)!,
      end: parseIsoDay(c.endDate)!,
      familyId: c.familyId,
      birth: c.birthDate === undefined ? undefined : parseIsoDay(c.birthDate),
      ethnicity: c.ethnicity,
      siblingGroupSize: c.siblingGroupSize,
    });
    if (!added) note(["children", i, "childId"], `child ${c.childId} appears more than once`);
  });
  records.episodes.forEach((raw, i) => {
    const parsed = ZEpisodeRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) note(["episodes", i, ...issue.path.map(String)], issue.message);
      return;
    }
    const e = parsed.data;
    const child = builder.childIndex(e.childId);
    if (child === undefined) return note(["episodes", i, "childId"], `no child ${e.childId} in the children`);
    builder.addEpisode(child, e.status, parseIsoDay(e.startDate)!, e.endDate == null ? undefined : parseIsoDay(e.endDate));
  });
  records.referrals.forEach((raw, i) => {
    const parsed = ZReferralRecord.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) note(["referrals", i, ...issue.path.map(String)], issue.message);
      return;
    }
    const child = builder.childIndex(parsed.data.childId);
    if (child === undefined) return note(["referrals", i, "childId"], `no child ${parsed.data.childId} in the children`);
    builder.addReferral(child, parseIsoDay(parsed.data.referralDate)!);
  });
  if (issues.length > 0) {
    throw new DomainError("INVALID_INPUT", `the dataset has ${issues.length >= MAX_ISSUES ? `at least ${MAX_ISSUES}` : issues.length} problem(s)`, issues);
  }
  return builder.build();
}

/** The children at `rows` (ascending indices) with their episodes and referrals, re-indexed 0…rows.length−1. */
export function subsetDataset(data: Dataset, rows: Int32Array): Dataset {
  const { children, episodes, referrals } = data;
  const at = new Int32Array(children.count).fill(-1);
  rows.forEach((c, k) => (at[c] = k));
  const pick = <T extends Int32Array | Uint8Array>(col: T, make: (n: number) => T): T => {
    const out = make(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]!]!;
    return out;
  };
  const i32 = (n: number) => new Int32Array(n);
  const keep = (child: Int32Array, count: number) => {
    const kept: number[] = [];
    for (let i = 0; i < count; i++) if (at[child[i]!]! >= 0) kept.push(i);
    return Int32Array.from(kept);
  };
  const e = keep(episodes.child, episodes.count);
  const r = keep(referrals.child, referrals.count);
  const gather = <T extends Int32Array | Uint8Array>(col: T, which: Int32Array, make: (n: number) => T, map = false): T => {
    const out = make(which.length);
    for (let k = 0; k < which.length; k++) out[k] = map ? at[col[which[k]!]!]! : col[which[k]!]!;
    return out;
  };
  return {
    children: {
      count: rows.length,
      ids: Array.from(rows, (c) => children.ids[c]!),
      cohort: pick(children.cohort, (n) => new Uint8Array(n)),
      start: pick(children.start, i32),
      end: pick(children.end, i32),
      familyId: Array.from(rows, (c) => children.familyId[c]),
      birth: pick(children.birth, i32),
      ethnicity: Array.from(rows, (c) => children.ethnicity[c]),
      siblingGroupSize: pick(children.siblingGroupSize, i32),
    },
    episodes: {
      count: e.length,
      child: gather(episodes.child, e, i32, true),
      status: gather(episodes.status, e, (n) => new Uint8Array(n)),
      start: gather(episodes.start, e, i32),
      end: gather(episodes.end, e, i32),
    },
    referrals: { count: r.length, child: gather(referrals.child, r, i32, true), date: gather(referrals.date, r, i32) },
  };
}
