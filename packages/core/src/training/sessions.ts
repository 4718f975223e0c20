/**
 * Sessions and registers: completions from a register, and the report's
 * Appendix 3 Table 26 (courses delivered and recorded participants) for any
 * period.
 */
import { dayOf } from "../dates.js";
import { DomainError } from "../errors.js";
import { TRAINING_COURSES } from "./catalogue.js";
import type { TCourse, TTrainingAttendance, TTrainingCompletion, TTrainingSession } from "./schemas.js";

/**
 * The completions a session's register produces: one for each participant
 * marked present, dated the session's day ("the completion then counts for
 * everyone present"). Duplicate register lines count once.
 */
export function completionsFromRegister(session: TTrainingSession, attendance: readonly TTrainingAttendance[]): TTrainingCompletion[] {
  const present = new Set(attendance.filter((a) => a.sessionId === session.id && a.attended).map((a) => a.participantId));
  return [...present].map((staffId) => ({ staffId, courseId: session.courseId, completedOn: session.date, sessionId: session.id }));
}

export interface Table26Row {
  courseId: string;
  /** The course title ("Training Course"). */
  course: string;
  /** Recorded number of courses delivered: sessions dated in the period. */
  courses: number;
  /** Number of recorded participants: people marked present, counted once per session. */
  participants: number;
}

export interface Table26Report {
  from: string;
  to: string;
  rows: Table26Row[];
  total: { courses: number; participants: number };
}

/**
 * Table 26 for the period [from, to] (both days included): per course with at
 * least one session, the sessions delivered and the participants recorded
 * present. Rows follow the catalogue's order; sessions of courses missing from
 * the catalogue raise NOT_FOUND.
 */
export function table26Report(
  sessions: readonly TTrainingSession[],
  attendance: readonly TTrainingAttendance[],
  from: string,
  to: string,
  courses: readonly TCourse[] = TRAINING_COURSES,
): Table26Report {
  if (dayOf(to) < dayOf(from)) throw new DomainError("INVALID_INPUT", "the period ends before it starts");
  const inPeriod = sessions.filter((s) => s.date >= from && s.date <= to);
  const sessionIds = new Set(inPeriod.map((s) => s.id));
  if (sessionIds.size !== inPeriod.length) throw new DomainError("CONFLICT", "two sessions share an id");
  const present = new Map<string, Set<string>>();
  for (const a of attendance) {
    if (!a.attended || !sessionIds.has(a.sessionId)) continue;
    const set = present.get(a.sessionId) ?? new Set<string>();
    set.add(a.participantId);
    present.set(a.sessionId, set);
  }
  const order = new Map(courses.map((c, i) => [c.id, i]));
  const rows = new Map<string, Table26Row>();
  for (const s of inPeriod) {
    const index = order.get(s.courseId);
    if (index === undefined) throw new DomainError("NOT_FOUND", `session ${s.id} is for a course not in the catalogue: ${s.courseId}`);
    const row = rows.get(s.courseId) ?? { courseId: s.courseId, course: courses[index]!.title, courses: 0, participants: 0 };
    row.courses += 1;
    row.participants += present.get(s.id)?.size ?? 0;
    rows.set(s.courseId, row);
  }
  const sorted = [...rows.values()].sort((a, b) => order.get(a.courseId)! - order.get(b.courseId)!);
  return {
    from,
    to,
    rows: sorted,
    total: { courses: sorted.reduce((n, r) => n + r.courses, 0), participants: sorted.reduce((n, r) => n + r.participants, 0) },
  };
}
