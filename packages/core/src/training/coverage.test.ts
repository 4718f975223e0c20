import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIsoDay, parseIsoDay } from "../dates.js";
import { COURSE_IDS, TRAINING_COURSES } from "./catalogue.js";
import { NO_TEAM, coverage, coverageTrend } from "./coverage.js";
import type { TRole } from "../access/roles.js";
import type { TTrainingCompletion, TTrainingStaff } from "./schemas.js";

const course = (id: string) => TRAINING_COURSES.find((c) => c.id === id)!;
const families = course(COURSE_IDS.familiesAffected); // 24 months
const abusiveMen = course(COURSE_IDS.abusiveMen);

const person = (id: string, role: TRole, teamId: string | null, joinedOn: string, leftOn: string | null = null): TTrainingStaff => ({
  id,
  name: id,
  role,
  teamId,
  managerId: null,
  joinedOn,
  leftOn,
  languages: ["English"],
});

const staff: TTrainingStaff[] = [
  person("A", "practitioner", "T1", "2017-01-01"),
  person("B", "practitioner", "T1", "2017-01-01"),
  person("C", "manager", "T2", "2018-01-01"),
  person("D", "dv_worker", "T2", "2019-04-01"), // joins the day after asOf
  person("E", "practitioner", "T1", "2017-01-01", "2019-03-30"), // left the day before asOf
  person("F", "staff", null, "2016-05-01", "2019-03-31"), // leaves on asOf: still current
  person("G", "admin", "T2", "2019-03-31"), // joins on asOf
];
const completions: TTrainingCompletion[] = [
  { staffId: "A", courseId: families.id, completedOn: "2018-01-10" },
  { staffId: "B", courseId: families.id, completedOn: "2017-03-31" }, // expires on asOf
  { staffId: "C", courseId: families.id, completedOn: "2019-03-31" }, // completed on asOf
  { staffId: "D", courseId: families.id, completedOn: "2019-03-01" },
  { staffId: "E", courseId: families.id, completedOn: "2017-06-01" },
  { staffId: "A", courseId: abusiveMen.id, completedOn: "2018-06-01" },
];
const asOf = "2019-03-31";

describe("coverage", () => {
  it("counts current staff on asOf and valid completions, per course", () => {
    const r = coverage({ staff, courses: [families], completions, asOf, groupBy: "course" });
    // current: A, B, C, F, G; valid: A and C (B's expires on asOf)
    expect(r.rows).toEqual([{ group: families.id, numerator: 2, denominator: 5, share: 0.4, meetsTarget: false, shortfall: 2 }]);
    expect(r.target).toBe(0.8);
    expect(r.overall).toMatchObject({ numerator: 2, denominator: 5 });
  });

  it("groups by team (staff with no team together) and by role", () => {
    const byTeam = coverage({ staff, courses: [families], completions, asOf, groupBy: "team" });
    expect(byTeam.rows.map((r) => [r.group, r.numerator, r.denominator])).toEqual([
      [NO_TEAM, 0, 1],
      ["T1", 1, 2],
      ["T2", 1, 2],
    ]);
    const byRole = coverage({ staff, courses: [families], completions, asOf, groupBy: "role" });
    expect(byRole.rows.map((r) => [r.group, r.numerator, r.denominator])).toEqual([
      ["admin", 0, 1],
      ["manager", 1, 1],
      ["practitioner", 1, 2],
      ["staff", 0, 1],
    ]);
    expect(byRole.rows[1]).toMatchObject({ share: 1, meetsTarget: true, shortfall: 0 });
  });

  it("for several courses, covers a person in a team only when valid in all of them", () => {
    const r = coverage({ staff, courses: [families, abusiveMen], completions, asOf, groupBy: "team" });
    expect(r.rows.map((x) => [x.group, x.numerator, x.denominator])).toEqual([
      [NO_TEAM, 0, 1],
      ["T1", 1, 2],
      ["T2", 0, 2],
    ]);
    const perCourse = coverage({ staff, courses: [families, abusiveMen], completions, asOf, groupBy: "course" });
    expect(perCourse.rows.map((x) => [x.group, x.numerator, x.denominator])).toEqual([
      [families.id, 2, 5],
      [abusiveMen.id, 1, 5],
    ]);
  });

  it("can count only the roles a course is mandatory for", () => {
    const r = coverage({ staff, courses: [families], completions, asOf, groupBy: "course", population: "mandatory_roles" });
    // mandatory for manager, practitioner, dv_worker, trainer: A, B, C
    expect(r.rows[0]).toMatchObject({ numerator: 2, denominator: 3, meetsTarget: false, shortfall: 1 });
    const byRole = coverage({ staff, courses: [families], completions, asOf, groupBy: "role", population: "mandatory_roles" });
    expect(byRole.rows.map((x) => x.group)).toEqual(["manager", "practitioner"]);
  });

  it("meets a target exactly at the boundary (4 of 5 at 80%) and reports no share for an empty group", () => {
    const five = ["a", "b", "c", "d", "e"].map((id) => person(id, "practitioner", "T", "2018-01-01"));
    const four = ["a", "b", "c", "d"].map((staffId) => ({ staffId, courseId: families.id, completedOn: "2018-06-01" }));
    expect(coverage({ staff: five, courses: [families], completions: four, asOf, groupBy: "course" }).rows[0]).toMatchObject({ share: 0.8, meetsTarget: true, shortfall: 0 });
    expect(coverage({ staff: [], courses: [families], completions: [], asOf, groupBy: "course" }).rows[0]).toMatchObject({ share: null, meetsTarget: null, denominator: 0 });
    expect(() => coverage({ staff, courses: [families], completions, asOf, groupBy: "course", target: 80 })).toThrow();
  });

  it("gives a trend on several dates", () => {
    const trend = coverageTrend({ staff, courses: [families], completions, groupBy: "course" }, ["2018-01-01", asOf]);
    // 2018-01-01: current A, B, C, E, F; valid B (2017-03-31) and E (2017-06-01)
    expect(trend.map((r) => [r.asOf, r.rows[0]!.numerator, r.rows[0]!.denominator])).toEqual([
      ["2018-01-01", 2, 5],
      [asOf, 2, 5],
    ]);
  });
});

describe("coverage properties", () => {
  const base = parseIsoDay("2016-01-01")!;
  const day = (n: number) => formatIsoDay(base + n);
  const roles: TRole[] = ["manager", "practitioner", "dv_worker", "staff"];
  const gen = fc.record({
    people: fc.array(
      fc.record({ role: fc.constantFrom(...roles), team: fc.constantFrom("T1", "T2", null), join: fc.integer({ min: 0, max: 1500 }), stay: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }) }),
      { maxLength: 12 },
    ),
    done: fc.array(fc.record({ who: fc.nat(), course: fc.constantFrom(families.id, abusiveMen.id), on: fc.integer({ min: 0, max: 2000 }) }), { maxLength: 20 }),
    extra: fc.record({ who: fc.nat(), course: fc.constantFrom(families.id, abusiveMen.id), on: fc.integer({ min: 0, max: 2000 }) }),
    asOf: fc.integer({ min: 0, max: 2000 }),
    groupBy: fc.constantFrom("course" as const, "team" as const, "role" as const),
    population: fc.constantFrom("all_current" as const, "mandatory_roles" as const),
  });

  it("keeps every share between 0 and 1 with numerator ≤ denominator, and adding a completion never lowers it", () => {
    fc.assert(
      fc.property(gen, (g) => {
        const ppl = g.people.map((p, i) => person(`s${i}`, p.role, p.team, day(p.join), p.stay === null ? null : day(p.join + p.stay)));
        const pick = (n: number) => (ppl.length === 0 ? "nobody" : ppl[n % ppl.length]!.id);
        const comps = g.done.map((d) => ({ staffId: pick(d.who), courseId: d.course, completedOn: day(d.on) }));
        const input = { staff: ppl, courses: [families, abusiveMen], asOf: day(g.asOf), groupBy: g.groupBy, population: g.population };
        const before = coverage({ ...input, completions: comps });
        const after = coverage({ ...input, completions: [...comps, { staffId: pick(g.extra.who), courseId: g.extra.course, completedOn: day(g.extra.on) }] });
        for (const r of [...before.rows, before.overall]) {
          expect(r.numerator).toBeLessThanOrEqual(r.denominator);
          if (r.share !== null) {
            expect(r.share).toBeGreaterThanOrEqual(0);
            expect(r.share).toBeLessThanOrEqual(1);
          } else expect(r.denominator).toBe(0);
        }
        expect(after.rows.map((r) => [r.group, r.denominator])).toEqual(before.rows.map((r) => [r.group, r.denominator]));
        after.rows.forEach((r, i) => expect(r.numerator).toBeGreaterThanOrEqual(before.rows[i]!.numerator));
        expect(after.overall.numerator).toBeGreaterThanOrEqual(before.overall.numerator);
      }),
      { numRuns: 300 },
    );
  });
});
