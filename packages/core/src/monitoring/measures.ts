/**
 * Monitoring measures: pure functions of plain records and a list of periods.
 * Each returns one value per period, in the order the periods were given,
 * with the ids of the records it counted so that every figure can be traced.
 *
 * The counting rules are documented on each function and, in plain English,
 * in the measure catalogue (`catalogue.ts`). Periods are inclusive of both
 * their first and last day; episodes are [start, end).
 */
import { z } from "zod";
import { addMonthsClamped, dayOf, type DayNumber } from "../dates.js";
import { DomainError, type DomainIssue } from "../errors.js";
import { periodBounds, periodLengthDays, ZReportingPeriod, type TReportingPeriod } from "./periods.js";
import {
  isDomesticAbuseReferral,
  type TMonitoringAssessmentLevel,
  type TMonitoringDaConsultation,
  type TMonitoringHubClosureReason,
  type TMonitoringMaracReferral,
  type TMonitoredProgramme,
  type TMonitoringAssessment,
  type TMonitoringEnrolment,
  type TMonitoringEpisode,
  type TMonitoringHubCase,
  type TMonitoringReferral,
  type TMonitoringTrainingAttendance,
  type TMonitoringParticipantRole,
} from "./records.js";

export const ZMeasureValue = z
  .object({
    period: ZReportingPeriod,
    /** The figure; null when it is undefined for the period (an average of nothing). */
    value: z.number().nullable(),
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    /** Ids of the records counted, in date order (ties by id). */
    recordIds: z.array(z.string()),
  })
  .strict();
export type TMeasureValue = z.infer<typeof ZMeasureValue>;

interface Dated {
  id: string;
  day: DayNumber;
  /** Distinct-count key (a child, a person, a family); undefined = count every record. */
  key?: string;
}

const byDayThenId = (a: Dated, b: Dated) => a.day - b.day || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Counts dated items per period; with keys, counts distinct keys (the first record of each key is listed). */
function countPerPeriod(items: Dated[], periods: readonly TReportingPeriod[]): TMeasureValue[] {
  const sorted = [...items].sort(byDayThenId);
  return periods.map((period) => {
    const { start, end } = periodBounds(period);
    const seen = new Set<string>();
    const recordIds: string[] = [];
    for (const item of sorted) {
      if (item.day < start || item.day > end) continue;
      if (item.key !== undefined) {
        if (seen.has(item.key)) continue;
        seen.add(item.key);
      }
      recordIds.push(item.id);
    }
    return { period, value: recordIds.length, recordIds };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** [start, end) episode open on a day. */
function openOn(e: TMonitoringEpisode, day: DayNumber): boolean {
  return dayOf(e.start) <= day && (e.end === null || dayOf(e.end) > day);
}

/** [start, end) episode open on at least one day of [from, to]. */
function openDuring(e: TMonitoringEpisode, from: DayNumber, to: DayNumber): boolean {
  return dayOf(e.start) <= to && (e.end === null || dayOf(e.end) > from);
}

// ---------------------------------------------------------------------------
// Figure 1: CP cases where a perpetrator of domestic abuse is known
// ---------------------------------------------------------------------------

export const CP_COUNT_RULES = ["period_end", "open_during"] as const;
export type TCpCountRule = (typeof CP_COUNT_RULES)[number];

/**
 * Children on a child protection plan with a known perpetrator of domestic
 * abuse, per period (report Figure 1).
 *
 * Default rule `period_end` (a snapshot, as statutory returns count plans "at
 * 31 March"): a child counts if a CP episode flagged `perpetratorKnown` is open
 * on the period's LAST day — it started on or before that day and has no end
 * or ends after it. A plan that ends on the last day of the month is not
 * counted for that month. Rule `open_during`: the episode is open on at least
 * one day of the period. Each child counts once per period.
 */
export function cpCasesWithKnownPerpetrator(
  episodes: readonly TMonitoringEpisode[],
  periods: readonly TReportingPeriod[],
  options: { rule?: TCpCountRule } = {},
): TMeasureValue[] {
  const rule = options.rule ?? "period_end";
  const flagged = episodes.filter((e) => e.status === "CP" && e.perpetratorKnown === true);
  return periods.map((period) => {
    const { start, end } = periodBounds(period);
    const hits = flagged
      .filter((e) => (rule === "period_end" ? openOn(e, end) : openDuring(e, start, end)))
      .map((e) => ({ id: e.id, day: dayOf(e.start), key: e.childId }))
      .sort(byDayThenId);
    const seen = new Set<string>();
    const recordIds: string[] = [];
    for (const h of hits) {
      if (seen.has(h.key)) continue;
      seen.add(h.key);
      recordIds.push(h.id);
    }
    return { period, value: recordIds.length, recordIds };
  });
}

// ---------------------------------------------------------------------------
// Figures 2 and 3: children escalated to CLA from CIN or CP
// ---------------------------------------------------------------------------

export interface ClaEscalation {
  /** The CLA episode that began the escalation. */
  episodeId: string;
  childId: string;
  start: DayNumber;
  from: "CIN" | "CP";
}

/**
 * Every escalation to CLA in the episodes: a CLA episode whose child was NOT
 * looked after on the day before it started, and had a CIN or CP episode open
 * on at least one of the `lookbackDays` days before it started (default 1: the
 * day before — a CIN or CP episode closed on the CLA start day is open the day
 * before, so it counts). `from` is the highest of the prior statuses (CP over CIN).
 */
export function findClaEscalations(episodes: readonly TMonitoringEpisode[], options: { lookbackDays?: number } = {}): ClaEscalation[] {
  const lookback = options.lookbackDays ?? 1;
  if (!Number.isInteger(lookback) || lookback < 1) throw new DomainError("INVALID_INPUT", "lookbackDays must be a whole number of at least 1");
  const out: ClaEscalation[] = [];
  for (const [childId, list] of groupBy(episodes, (e) => e.childId)) {
    for (const cla of list) {
      if (cla.status !== "CLA") continue;
      const start = dayOf(cla.start);
      if (list.some((e) => e !== cla && e.status === "CLA" && openOn(e, start - 1))) continue;
      const prior = list.filter((e) => e.status !== "CLA" && openDuring(e, start - lookback, start - 1));
      if (prior.length === 0) continue;
      out.push({ episodeId: cla.id, childId, start, from: prior.some((e) => e.status === "CP") ? "CP" : "CIN" });
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.episodeId < b.episodeId ? -1 : 1));
}

/**
 * Children escalated to CLA from CIN or CP whose CLA episode started in the
 * period (report Figure 2). Each child counts once per period; the record ids
 * are the CLA episodes.
 */
export function claEscalations(
  episodes: readonly TMonitoringEpisode[],
  periods: readonly TReportingPeriod[],
  options: { lookbackDays?: number } = {},
): TMeasureValue[] {
  const items = findClaEscalations(episodes, options).map((x) => ({ id: x.episodeId, day: x.start, key: x.childId }));
  return countPerPeriod(items, periods);
}

/**
 * As `claEscalations`, counting only children whose latest referral dated on
 * or before the CLA start day was a domestic abuse referral (report Figure 3).
 * A child with no referral on or before that day is not counted.
 */
export function claEscalationsWithDaReferral(
  episodes: readonly TMonitoringEpisode[],
  referrals: readonly TMonitoringReferral[],
  periods: readonly TReportingPeriod[],
  options: { lookbackDays?: number } = {},
): TMeasureValue[] {
  const byChild = groupBy(referrals, (r) => r.childId);
  const items = findClaEscalations(episodes, options)
    .filter((x) => {
      let latest: TMonitoringReferral | undefined;
      let latestDay = -Infinity;
      for (const r of byChild.get(x.childId) ?? []) {
        const d = dayOf(r.date);
        // Ties on the same day: a domestic abuse referral wins (the reason was recorded that day).
        if (d <= x.start && (d > latestDay || (d === latestDay && isDomesticAbuseReferral(r)))) {
          latest = r;
          latestDay = d;
        }
      }
      return latest !== undefined && isDomesticAbuseReferral(latest);
    })
    .map((x) => ({ id: x.episodeId, day: x.start, key: x.childId }));
  return countPerPeriod(items, periods);
}

// ---------------------------------------------------------------------------
// Figure 4 and Table 5: assessments
// ---------------------------------------------------------------------------

function checkAssessments(assessments: readonly TMonitoringAssessment[]): void {
  const issues: DomainIssue[] = [];
  assessments.forEach((a, i) => {
    if (a.completedOn !== null && dayOf(a.completedOn) < dayOf(a.allocatedOn)) {
      issues.push({ path: ["assessments", i, "completedOn"], message: `assessment ${a.id} is completed before the case was allocated` });
    }
  });
  if (issues.length > 0) throw new DomainError("INVALID_INPUT", `${issues.length} assessment(s) completed before allocation`, issues);
}

/**
 * Average calendar days from case allocation to assessment completion, for
 * the assessments COMPLETED in the period (report Figure 4). Days =
 * completedOn − allocatedOn (allocated and completed on the same day = 0).
 * Assessments still open are not counted. `numerator` is the total of days,
 * `denominator` the number of assessments; `value` is null when none were
 * completed. Optionally one level only.
 */
export function averageDaysAllocationToCompletion(
  assessments: readonly TMonitoringAssessment[],
  periods: readonly TReportingPeriod[],
  options: { level?: TMonitoringAssessmentLevel } = {},
): TMeasureValue[] {
  checkAssessments(assessments);
  const done = assessments
    .filter((a) => a.completedOn !== null && (options.level === undefined || a.level === options.level))
    .map((a) => ({ id: a.id, day: dayOf(a.completedOn!), days: dayOf(a.completedOn!) - dayOf(a.allocatedOn) }))
    .sort(byDayThenId);
  return periods.map((period) => {
    const { start, end } = periodBounds(period);
    const inPeriod = done.filter((a) => a.day >= start && a.day <= end);
    const total = inPeriod.reduce((sum, a) => sum + a.days, 0);
    return {
      period,
      value: inPeriod.length === 0 ? null : total / inPeriod.length,
      numerator: total,
      denominator: inPeriod.length,
      recordIds: inPeriod.map((a) => a.id),
    };
  });
}

/**
 * Assessments of one level completed per week, averaged over each period
 * (report Table 5): the number completed in the period (completedOn inside it)
 * divided by the period's length in weeks (days ÷ 7). For a period made of
 * whole Monday-to-Sunday weeks this equals the mean of the weekly counts.
 * `numerator` = assessments, `denominator` = weeks.
 */
export function assessmentsCompletedPerWeek(
  assessments: readonly TMonitoringAssessment[],
  periods: readonly TReportingPeriod[],
  options: { level: TMonitoringAssessmentLevel },
): TMeasureValue[] {
  checkAssessments(assessments);
  const items = assessments
    .filter((a) => a.completedOn !== null && a.level === options.level)
    .map((a) => ({ id: a.id, day: dayOf(a.completedOn!) }));
  return countPerPeriod(items, periods).map((v) => {
    const weeks = periodLengthDays(v.period) / 7;
    return { ...v, value: v.recordIds.length / weeks, numerator: v.recordIds.length, denominator: weeks };
  });
}

// ---------------------------------------------------------------------------
// Figure 5: re-referrals
// ---------------------------------------------------------------------------

/**
 * Whether each referral is a re-referral: the child's previous referral (the
 * latest one dated strictly BEFORE this one; same-day referrals are not
 * re-referrals of each other) is within 12 months — this referral is dated on
 * or before the previous referral's 12-month anniversary (clamped to the end
 * of the month: 29 Feb 2016 + 12 months = 28 Feb 2017). So a referral exactly
 * 12 months after the previous one IS a re-referral; one a day later is not.
 */
export function reReferralFlags(referrals: readonly TMonitoringReferral[]): Map<string, boolean> {
  const flags = new Map<string, boolean>();
  for (const list of groupBy(referrals, (r) => r.childId).values()) {
    const sorted = list.map((r) => ({ id: r.id, day: dayOf(r.date) })).sort(byDayThenId);
    let previousDay: DayNumber | undefined;
    let i = 0;
    while (i < sorted.length) {
      const day = sorted[i]!.day;
      const isRe = previousDay !== undefined && day <= addMonthsClamped(previousDay, 12);
      while (i < sorted.length && sorted[i]!.day === day) flags.set(sorted[i++]!.id, isRe);
      previousDay = day;
    }
  }
  return flags;
}

/**
 * Re-referrals per period (report Figure 5): referrals dated in the period
 * that are re-referrals (see `reReferralFlags`; earlier referrals outside the
 * periods still count as "previous"). Every re-referral counts, even two for
 * one child. `numerator` = re-referrals, `denominator` = all referrals dated
 * in the period (for a re-referral rate).
 */
export function reReferrals(referrals: readonly TMonitoringReferral[], periods: readonly TReportingPeriod[]): TMeasureValue[] {
  const flags = reReferralFlags(referrals);
  const all = countPerPeriod(referrals.map((r) => ({ id: r.id, day: dayOf(r.date) })), periods);
  const re = countPerPeriod(
    referrals.filter((r) => flags.get(r.id) === true).map((r) => ({ id: r.id, day: dayOf(r.date) })),
    periods,
  );
  return re.map((v, i) => ({ ...v, numerator: v.recordIds.length, denominator: all[i]!.recordIds.length }));
}

// ---------------------------------------------------------------------------
// Output counts from the logic models
// ---------------------------------------------------------------------------

/**
 * People completing a programme: distinct people with an enrolment in the
 * programme (optionally in one role) whose completedOn is in the period. A
 * person who completes twice in a period counts once.
 */
export function programmeCompletions(
  enrolments: readonly TMonitoringEnrolment[],
  periods: readonly TReportingPeriod[],
  options: { programme: TMonitoredProgramme; role?: TMonitoringParticipantRole },
): TMeasureValue[] {
  const items = enrolments
    .filter((e) => e.programme === options.programme && e.completedOn != null && (options.role === undefined || e.role === options.role))
    .map((e) => ({ id: e.id, day: dayOf(e.completedOn!), key: e.personId }));
  return countPerPeriod(items, periods);
}

/** Consultations with the DA coordinator dated in the period (each consultation counts). */
export function daCoordinatorConsultations(consultations: readonly TMonitoringDaConsultation[], periods: readonly TReportingPeriod[]): TMeasureValue[] {
  return countPerPeriod(consultations.map((c) => ({ id: c.id, day: dayOf(c.date) })), periods);
}

/** Referrals to MARAC dated in the period (each referral counts). */
export function maracReferralCount(referrals: readonly TMonitoringMaracReferral[], periods: readonly TReportingPeriod[]): TMeasureValue[] {
  return countPerPeriod(referrals.map((r) => ({ id: r.id, day: dayOf(r.date) })), periods);
}

/** Distinct families with a hub case referred (referredOn) in the period. */
export function familiesReferredToHub(cases: readonly TMonitoringHubCase[], periods: readonly TReportingPeriod[]): TMeasureValue[] {
  return countPerPeriod(cases.map((c) => ({ id: c.id, day: dayOf(c.referredOn), key: c.familyId })), periods);
}

/** Hub cases closed (closedOn) in the period with one of the given closure reasons (each case counts). */
export function hubCasesClosed(
  cases: readonly TMonitoringHubCase[],
  periods: readonly TReportingPeriod[],
  options: { reasons: readonly TMonitoringHubClosureReason[] },
): TMeasureValue[] {
  const items = cases
    .filter((c) => c.closedOn !== null && c.closureReason !== null && options.reasons.includes(c.closureReason))
    .map((c) => ({ id: c.id, day: dayOf(c.closedOn!) }));
  return countPerPeriod(items, periods);
}

/**
 * Professionals trained: distinct staff marked as attending a session (of the
 * given courses, or any course) dated in the period. Booked but absent does
 * not count.
 */
export function professionalsTrained(
  attendances: readonly TMonitoringTrainingAttendance[],
  periods: readonly TReportingPeriod[],
  options: { courseIds?: readonly string[] } = {},
): TMeasureValue[] {
  const items = attendances
    .filter((a) => a.attended && (options.courseIds === undefined || options.courseIds.includes(a.courseId)))
    .map((a) => ({ id: a.id, day: dayOf(a.date), key: a.staffId }));
  return countPerPeriod(items, periods);
}

/** Mean of the defined values of a series (e.g. "average re-referrals per quarter"); null if none. */
export function meanOfValues(values: readonly TMeasureValue[]): number | null {
  const defined = values.map((v) => v.value).filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}
