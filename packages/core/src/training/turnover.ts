/**
 * Training lost to turnover: for each financial quarter, the trained staff who
 * left and the coverage that went with them.
 */
import { civilFromDays, dayOf, daysFromCivil, daysInMonth, formatIsoDay } from "../dates.js";
import { DomainError } from "../errors.js";
import type { TCoveragePopulation } from "./coverage.js";
import type { TCourse, TFinancialQuarterRef, TTrainingCompletion, TTrainingStaff } from "./schemas.js";
import { completionsByStaff, holdsValid, isCurrentStaff, trainingStatus } from "./status.js";

export interface FinancialQuarter extends TFinancialQuarterRef {
  /** "2017-18 Q1" */
  label: string;
  /** First day, ISO. */
  start: string;
  /** Last day, ISO (inclusive). */
  end: string;
}

/** The dates of a financial quarter: Q1 = April–June of `startYear` … Q4 = January–March of `startYear + 1`. */
export function financialQuarter(ref: TFinancialQuarterRef): FinancialQuarter {
  if (![1, 2, 3, 4].includes(ref.quarter) || !Number.isInteger(ref.startYear)) throw new DomainError("INVALID_INPUT", `not a financial quarter: ${JSON.stringify(ref)}`);
  const first = ref.startYear * 12 + 3 + (ref.quarter - 1) * 3; // month index, April = 3
  const lastIndex = first + 2;
  const y1 = Math.floor(first / 12);
  const m1 = (first % 12) + 1;
  const y2 = Math.floor(lastIndex / 12);
  const m2 = (lastIndex % 12) + 1;
  const yy = String((ref.startYear + 1) % 100).padStart(2, "0");
  return {
    startYear: ref.startYear,
    quarter: ref.quarter,
    label: `${ref.startYear}-${yy} Q${ref.quarter}`,
    start: formatIsoDay(daysFromCivil(y1, m1, 1)),
    end: formatIsoDay(daysFromCivil(y2, m2, daysInMonth(y2, m2))),
  };
}

/** The financial quarter a day falls in. */
export function financialQuarterOf(date: string): FinancialQuarter {
  const { year, month } = civilFromDays(dayOf(date));
  const startYear = month >= 4 ? year : year - 1;
  const quarter = (month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4) as 1 | 2 | 3 | 4;
  return financialQuarter({ startYear, quarter });
}

/** Every financial quarter from the one containing `from` to the one containing `to`, in order. */
export function financialQuartersBetween(from: string, to: string): FinancialQuarter[] {
  if (to < from) throw new DomainError("INVALID_INPUT", "the end of the range is before its start");
  const out: FinancialQuarter[] = [];
  let q = financialQuarterOf(from);
  for (;;) {
    out.push(q);
    if (q.end >= to) return out;
    q = financialQuarterOf(formatIsoDay(dayOf(q.end) + 1));
  }
}

export interface TurnoverInput {
  staff: readonly TTrainingStaff[];
  completions: readonly TTrainingCompletion[];
  courses: readonly TCourse[];
  quarters: readonly TFinancialQuarterRef[];
  /** As for coverage: count everyone, or only the roles a course is mandatory for. Default all_current. */
  population?: TCoveragePopulation;
}

export interface TurnoverCourseRow {
  courseId: string;
  /** Leavers in the quarter holding a valid completion on their last day. */
  trainedLeavers: number;
  trainedLeaverIds: string[];
  /** Staff counted for the course on the quarter's first day (the coverage denominator). */
  headcountAtStart: number;
  /** Coverage on the first and last day of the quarter (null when nobody is counted). */
  coverageAtStart: number | null;
  coverageAtEnd: number | null;
  /** trainedLeavers / headcountAtStart: the share of coverage that left. Null when headcountAtStart is 0. */
  shareLost: number | null;
  /** shareLost in percentage points. */
  pointsLost: number | null;
}

export interface TurnoverQuarterRow {
  quarter: FinancialQuarter;
  /** Everyone who left in the quarter (last day within it). */
  leavers: number;
  /** Leavers valid in at least one of the courses on their last day. */
  trainedLeavers: number;
  courses: TurnoverCourseRow[];
}

/**
 * For each quarter: who left (last day of employment within the quarter,
 * both ends included), which of them were trained in each course on their
 * last day, and the coverage points lost with them, measured against the
 * headcount on the quarter's first day.
 */
export function turnoverLoss(input: TurnoverInput): TurnoverQuarterRow[] {
  const population = input.population ?? "all_current";
  const byStaff = completionsByStaff(input.completions);
  const applies = (p: TTrainingStaff, c: TCourse) => population === "all_current" || c.mandatoryForRoles.includes(p.role);
  const validOn = (p: TTrainingStaff, c: TCourse, on: string) => holdsValid(trainingStatus(p, c, byStaff.get(p.id) ?? [], on));
  const coverageOn = (c: TCourse, on: string): [number, number] => {
    const counted = input.staff.filter((p) => isCurrentStaff(p, on) && applies(p, c));
    return [counted.filter((p) => validOn(p, c, on)).length, counted.length];
  };

  return input.quarters.map((ref) => {
    const quarter = financialQuarter(ref);
    const leavers = input.staff.filter((p) => p.leftOn !== null && p.leftOn >= quarter.start && p.leftOn <= quarter.end);
    const trained = new Set<string>();
    const courses = input.courses.map((course): TurnoverCourseRow => {
      const ids = leavers.filter((p) => applies(p, course) && validOn(p, course, p.leftOn as string)).map((p) => p.id);
      for (const id of ids) trained.add(id);
      const [n0, d0] = coverageOn(course, quarter.start);
      const [n1, d1] = coverageOn(course, quarter.end);
      const shareLost = d0 === 0 ? null : ids.length / d0;
      return {
        courseId: course.id,
        trainedLeavers: ids.length,
        trainedLeaverIds: ids,
        headcountAtStart: d0,
        coverageAtStart: d0 === 0 ? null : n0 / d0,
        coverageAtEnd: d1 === 0 ? null : n1 / d1,
        shareLost,
        pointsLost: d0 === 0 ? null : (100 * ids.length) / d0,
      };
    });
    return { quarter, leavers: leavers.length, trainedLeavers: trained.size, courses };
  });
}
