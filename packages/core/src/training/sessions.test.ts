import { describe, expect, it } from "vitest";
import { COURSE_IDS } from "./catalogue.js";
import type { TTrainingAttendance, TTrainingSession } from "./schemas.js";
import { completionsFromRegister, table26Report } from "./sessions.js";

/** Appendix 3 Table 26 as published (shared/fixtures/report-tables.json, training_table26). */
const TABLE_26 = [
  { course: "Inspiring Families Programme", courses: 2, participants: 23 },
  { course: "Inspiring Families – Train the Trainer", courses: 1, participants: 6 },
  { course: "Adult and Children and Young People DA Recovery Toolkit", courses: 2, participants: 22 },
  { course: "Group Managers and CSWs DA Training Day", courses: 1, participants: 5 },
  { course: "How to Manage Risk and Work with Abusive Men", courses: 4, participants: 56 },
  { course: "Working with Families Affected by DA", courses: 3, participants: 32 },
];

/**
 * 13 sessions between April 2017 and March 2018 with registers totalling 144
 * people present, drawn from a pool of 90 staff (so some attend several
 * courses), plus absentees, a duplicated register line, and sessions outside
 * the period that must not count.
 */
function build() {
  const plan: [string, string, number][] = [
    [COURSE_IDS.ifpProgramme, "2017-05-10", 12],
    [COURSE_IDS.ifpProgramme, "2017-11-02", 11],
    [COURSE_IDS.ifpTrainTheTrainer, "2017-06-20", 6],
    [COURSE_IDS.recoveryToolkit, "2017-09-12", 11],
    [COURSE_IDS.recoveryToolkit, "2018-01-16", 11],
    [COURSE_IDS.managersDaDay, "2017-04-01", 5], // first day of the period
    [COURSE_IDS.abusiveMen, "2017-07-04", 14],
    [COURSE_IDS.abusiveMen, "2017-10-10", 14],
    [COURSE_IDS.abusiveMen, "2018-02-06", 14],
    [COURSE_IDS.abusiveMen, "2018-03-31", 14], // last day of the period
    [COURSE_IDS.familiesAffected, "2017-06-06", 11],
    [COURSE_IDS.familiesAffected, "2017-12-05", 11],
    [COURSE_IDS.familiesAffected, "2018-03-13", 10],
  ];
  const sessions: TTrainingSession[] = [];
  const attendance: TTrainingAttendance[] = [];
  let next = 0;
  plan.forEach(([courseId, date, present], i) => {
    const id = `S${i + 1}`;
    sessions.push({ id, courseId, date, venue: "Observatory House" });
    for (let k = 0; k < present; k++) attendance.push({ sessionId: id, participantId: `staff-${next++ % 90}`, attended: true });
    attendance.push({ sessionId: id, participantId: `absent-${i}`, attended: false });
  });
  attendance.push({ ...attendance[0]! }); // the same person entered twice on a register
  sessions.push({ id: "S14", courseId: COURSE_IDS.vada, date: "2018-06-01" }, { id: "S15", courseId: COURSE_IDS.abusiveMen, date: "2017-03-31" });
  attendance.push({ sessionId: "S14", participantId: "staff-1", attended: true }, { sessionId: "S15", participantId: "staff-2", attended: true });
  return { sessions, attendance };
}

describe("table26Report", () => {
  it("reproduces Table 26 exactly: 13 sessions, 144 participants", () => {
    const { sessions, attendance } = build();
    const report = table26Report(sessions, attendance, "2017-04-01", "2018-03-31");
    expect(report.rows.map(({ course, courses, participants }) => ({ course, courses, participants }))).toEqual(TABLE_26);
    expect(report.total).toEqual({ courses: 13, participants: 144 });
  });

  it("reports any period", () => {
    const { sessions, attendance } = build();
    const r = table26Report(sessions, attendance, "2018-01-01", "2018-12-31");
    expect(r.rows.map((x) => [x.courseId, x.courses, x.participants])).toEqual([
      [COURSE_IDS.recoveryToolkit, 1, 11],
      [COURSE_IDS.abusiveMen, 2, 28],
      [COURSE_IDS.familiesAffected, 1, 10],
      [COURSE_IDS.vada, 1, 1],
    ]);
    expect(table26Report(sessions, attendance, "2019-01-01", "2019-12-31")).toMatchObject({ rows: [], total: { courses: 0, participants: 0 } });
    expect(() => table26Report(sessions, attendance, "2019-01-01", "2018-12-31")).toThrow();
  });

  it("refuses a session for a course not in the catalogue", () => {
    expect(() => table26Report([{ id: "x", courseId: "nope", date: "2018-01-01" }], [], "2017-04-01", "2018-03-31")).toThrow(/not in the catalogue/);
  });
});

describe("completionsFromRegister", () => {
  it("records a completion for everyone present, once each", () => {
    const session = { id: "S1", courseId: COURSE_IDS.vada, date: "2019-05-02" };
    const register = [
      { sessionId: "S1", participantId: "a", attended: true },
      { sessionId: "S1", participantId: "b", attended: false },
      { sessionId: "S1", participantId: "a", attended: true },
      { sessionId: "S2", participantId: "c", attended: true },
    ];
    expect(completionsFromRegister(session, register)).toEqual([{ staffId: "a", courseId: COURSE_IDS.vada, completedOn: "2019-05-02", sessionId: "S1" }]);
  });
});
