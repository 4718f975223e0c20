/**
 * Training coverage: the share of current staff holding a valid completion,
 * against a target (the report's goal: 80% of staff trained).
 */
import { dayOf } from "../dates.js";
import { DomainError } from "../errors.js";
import type { TCourse, TTrainingCompletion, TTrainingStaff } from "./schemas.js";
import { completionsByStaff, holdsValid, isCurrentStaff, trainingStatus } from "./status.js";

export const DEFAULT_COVERAGE_TARGET = 0.8;
export const COVERAGE_GROUPINGS = ["course", "team", "role"] as const;
export type TCoverageGrouping = (typeof COVERAGE_GROUPINGS)[number];

/**
 * Who is counted for a course:
 * - `all_current`: every current member of staff;
 * - `mandatory_roles`: only current staff whose role the course is mandatory for.
 */
export type TCoveragePopulation = "all_current" | "mandatory_roles";

/** Group key used for staff with no team. */
export const NO_TEAM = "(no team)";

export interface CoverageInput {
  staff: readonly TTrainingStaff[];
  /** The courses counted. For team and role groups a person is covered when valid in every applicable course. */
  courses: readonly TCourse[];
  completions: readonly TTrainingCompletion[];
  asOf: string;
  target?: number;
  groupBy: TCoverageGrouping;
  population?: TCoveragePopulation;
}

export interface CoverageRow {
  /** Course id, team id (or NO_TEAM) or role. */
  group: string;
  /** Staff holding a valid completion (of every applicable course, for team and role groups). */
  numerator: number;
  /** Current staff counted. */
  denominator: number;
  /** numerator / denominator; null when nobody is counted. */
  share: number | null;
  meetsTarget: boolean | null;
  /** More staff who would need training to reach the target (0 once met). */
  shortfall: number;
}

export interface CoverageReport {
  asOf: string;
  target: number;
  groupBy: TCoverageGrouping;
  population: TCoveragePopulation;
  rows: CoverageRow[];
  /** All counted staff together: covered = valid in every applicable course. */
  overall: CoverageRow;
}

function row(group: string, numerator: number, denominator: number, target: number): CoverageRow {
  const share = denominator === 0 ? null : numerator / denominator;
  // Smallest whole number of staff reaching the target; the epsilon guards 0.8 * 5 = 4.000000000000001.
  const needed = Math.ceil(target * denominator - 1e-9);
  return { group, numerator, denominator, share, meetsTarget: share === null ? null : numerator >= needed, shortfall: Math.max(0, needed - numerator) };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Training coverage on a day, by course, team or role: staff counted, staff holding a valid completion, the
 * share, and the shortfall against the target.
 */
export function coverage(input: CoverageInput): CoverageReport {
  const target = input.target ?? DEFAULT_COVERAGE_TARGET;
  const population = input.population ?? "all_current";
  if (!(target >= 0 && target <= 1)) throw new DomainError("INVALID_INPUT", "the coverage target must be between 0 and 1");
  dayOf(input.asOf);
  const byStaff = completionsByStaff(input.completions);
  const current = input.staff.filter((s) => isCurrentStaff(s, input.asOf));

  const applies = (person: TTrainingStaff, course: TCourse) => population === "all_current" || course.mandatoryForRoles.includes(person.role);
  const validIn = (person: TTrainingStaff, course: TCourse) => holdsValid(trainingStatus(person, course, byStaff.get(person.id) ?? [], input.asOf));

  // Per person: counted (some course applies) and covered (valid in every applicable course).
  const people = current.flatMap((person) => {
    const applicable = input.courses.filter((c) => applies(person, c));
    if (applicable.length === 0) return [];
    return [{ person, covered: applicable.every((c) => validIn(person, c)) }];
  });
  const overall = row("all", people.filter((p) => p.covered).length, people.length, target);

  let rows: CoverageRow[];
  if (input.groupBy === "course") {
    rows = input.courses.map((course) => {
      const counted = current.filter((p) => applies(p, course));
      return row(course.id, counted.filter((p) => validIn(p, course)).length, counted.length, target);
    });
  } else {
    const groups = new Map<string, { n: number; d: number }>();
    for (const { person, covered } of people) {
      const key = input.groupBy === "team" ? (person.teamId ?? NO_TEAM) : person.role;
      const g = groups.get(key) ?? { n: 0, d: 0 };
      g.d += 1;
      if (covered) g.n += 1;
      groups.set(key, g);
    }
    rows = [...groups.entries()].sort(([a], [b]) => compare(a, b)).map(([key, g]) => row(key, g.n, g.d, target));
  }
  return { asOf: input.asOf, target, groupBy: input.groupBy, population, rows, overall };
}

/** Coverage on each of several dates (for a trend chart), in the order given. */
export function coverageTrend(input: Omit<CoverageInput, "asOf">, dates: readonly string[]): CoverageReport[] {
  return dates.map((asOf) => coverage({ ...input, asOf }));
}
