/**
 * Property-based tests (fast-check) of the window arithmetic, against a
 * day-by-day brute force that shares no code with the engine.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsClamped, parseIsoDay, OPEN_END } from "../dates.js";
import { analyse, computeChildWindows } from "./analyse.js";
import { DatasetBuilder, type Dataset } from "./dataset.js";
import { unionDaysInWindow } from "./windows.js";

const BASE = parseIsoDay("2016-01-01")!;
const SPAN = 4 * 365;

interface Gen {
  children: { cohort: 0 | 1; start: number; length: number }[];
  episodes: { child: number; status: 1 | 2 | 3; start: number; length: number; open: boolean }[];
  referrals: { child: number; date: number }[];
  asAt: number;
  months: number;
}

const genData: fc.Arbitrary<Gen> = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.record({
      children: fc.array(
        fc.record({ cohort: fc.constantFrom(0 as const, 1 as const), start: fc.integer({ min: 200, max: SPAN - 200 }), length: fc.integer({ min: 0, max: 120 }) }),
        { minLength: n, maxLength: n },
      ),
      episodes: fc.array(
        fc.record({
          child: fc.integer({ min: 0, max: n - 1 }),
          status: fc.constantFrom(1 as const, 2 as const, 3 as const),
          start: fc.integer({ min: 0, max: SPAN }),
          length: fc.integer({ min: 0, max: 400 }),
          open: fc.boolean(),
        }),
        { maxLength: 24 },
      ),
      referrals: fc.array(fc.record({ child: fc.integer({ min: 0, max: n - 1 }), date: fc.integer({ min: 0, max: SPAN }) }), { maxLength: 12 }),
      asAt: fc.integer({ min: SPAN / 2, max: SPAN + 300 }),
      months: fc.integer({ min: 1, max: 12 }),
    }),
  );

function build(g: Gen, shift = 0): Dataset {
  const b = new DatasetBuilder();
  g.children.forEach((c, i) => b.addChild({ childId: `c${i}`, cohort: c.cohort === 0 ? "intervention" : "comparison", start: BASE + shift + c.start, end: BASE + shift + c.start + c.length }));
  for (const e of g.episodes) b.addEpisode(e.child, e.status, BASE + shift + e.start, e.open ? undefined : BASE + shift + e.start + e.length);
  for (const r of g.referrals) b.addReferral(r.child, BASE + shift + r.date);
  return b.build();
}

/** Day-by-day count: for every day of the window before asAt, is the child in the status on that day? */
function bruteForce(g: Gen) {
  const asAt = BASE + g.asAt;
  return g.children.map((c, i) => {
    const start = BASE + c.start;
    const end = start + c.length;
    const windows = [
      [addMonthsClamped(start, -g.months), start],
      [end + 1, addMonthsClamped(end, g.months) + 1],
    ] as const;
    const days = windows.map(([ws, we]) =>
      [1, 2, 3].map((status) => {
        let count = 0;
        for (let d = ws; d < we && d < asAt; d++) {
          const covered = g.episodes.some((e) => e.child === i && e.status === status && BASE + e.start <= d && d < (e.open ? OPEN_END : BASE + e.start + e.length));
          if (covered) count++;
        }
        return count;
      }),
    );
    const refs = windows.map(([ws, we]) => g.referrals.filter((r) => r.child === i && BASE + r.date >= ws && BASE + r.date < we && BASE + r.date < asAt).length);
    return { days, refs, windowLengths: windows.map(([ws, we]) => we - ws) };
  });
}

describe("window arithmetic (property-based)", () => {
  it("equals a day-by-day brute force on random data", () => {
    fc.assert(
      fc.property(genData, (g) => {
        const w = computeChildWindows(build(g), BASE + g.asAt, g.months);
        const expected = bruteForce(g);
        expected.forEach((e, c) => {
          for (let win = 0; win < 2; win++) for (let s = 0; s < 3; s++) expect(w.days[win * 3 + s]![c]).toBe(e.days[win]![s]);
          expect([w.referralsBefore[c], w.referralsAfter[c]]).toEqual(e.refs);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("never counts more days than the window holds", () => {
    fc.assert(
      fc.property(genData, (g) => {
        const w = computeChildWindows(build(g), BASE + g.asAt, g.months);
        const expected = bruteForce(g);
        expected.forEach((e, c) => {
          for (let win = 0; win < 2; win++) for (let s = 0; s < 3; s++) expect(w.days[win * 3 + s]![c]).toBeLessThanOrEqual(e.windowLengths[win]!);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("never double counts: duplicating every episode changes nothing", () => {
    fc.assert(
      fc.property(genData, (g) => {
        const once = computeChildWindows(build(g), BASE + g.asAt, g.months);
        const twice = computeChildWindows(build({ ...g, episodes: [...g.episodes, ...g.episodes] }), BASE + g.asAt, g.months);
        expect(twice.days).toEqual(once.days);
      }),
      { numRuns: 200 },
    );
  });

  it("is unchanged when every date moves by whole 4-year cycles (same calendar, 1901–2099)", () => {
    fc.assert(
      fc.property(genData, fc.integer({ min: -20, max: 15 }), (g, cycles) => {
        const shift = cycles * 1461;
        const moved = analyseOrNull(build(g, shift), iso(BASE + g.asAt + shift), g.months);
        const original = analyseOrNull(build(g), iso(BASE + g.asAt), g.months);
        expect(moved).toEqual(original);
      }),
      { numRuns: 100 },
    );
  });

  it("union ∩ window is translation invariant for any shift of intervals and window together", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 300 })), { maxLength: 10 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (intervals, ws, wl, k) => {
          const starts = intervals.map(([s]) => s);
          const ends = intervals.map(([s, l]) => s + l);
          const base = unionDaysInWindow(starts, ends, { start: ws, end: ws + wl });
          const moved = unionDaysInWindow(
            starts.map((s) => s + k),
            ends.map((e) => e + k),
            { start: ws + k, end: ws + wl + k },
          );
          expect(moved).toBe(base);
          expect(base).toBeLessThanOrEqual(wl);
        },
      ),
    );
  });
});

function iso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function analyseOrNull(d: Dataset, asAt: string, months: number) {
  try {
    const r = analyse(d, { asAt, windowMonths: months, bootstrap: { replicates: 0, seed: 1 } });
    // Dates themselves move; compare everything that should not.
    return { cohorts: stripProfiles(r.cohorts), saving: r.saving, warnings: r.warnings.map((w) => w.code).sort() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function stripProfiles<T extends Record<string, { profile?: unknown }>>(cohorts: T) {
  return Object.fromEntries(Object.entries(cohorts).map(([k, v]) => [k, { ...v, profile: undefined }]));
}
