/**
 * Facilitators of the Inspiring Families group programme: who is qualified
 * (training status gates allocation) and whether enough remain for each track
 * and language. The report found that turnover took every trained
 * facilitator; these rules make that visible before it happens.
 */
import { dayOf, formatIsoDay } from "../dates.js";
import { DomainError } from "../errors.js";
import { TRAINING_COURSES } from "./catalogue.js";
import { FACILITATOR_TRACKS, PROGRAMME_LANGUAGES, type TCourse, type TFacilitatorTrack, type TTrainingCompletion, type TTrainingStaff } from "./schemas.js";
import { DEFAULT_EXPIRING_SOON_DAYS, completionsByStaff, holdsValid, isCurrentStaff, qualificationCovers, trainingStatus } from "./status.js";

export const DEFAULT_PROGRAMME = "inspiring_families";
export const DEFAULT_FACILITATORS_PER_GROUP = 2;

/**
 * The qualification a facilitator of a group programme's track holds, e.g.
 * `facilitator:inspiring_families:victims`.
 */
export const facilitatorQualification = (track: TFacilitatorTrack, programme: string = DEFAULT_PROGRAMME) => `facilitator:${programme}:${track}`;

const speaks = (person: Pick<TTrainingStaff, "languages">, language: string) => person.languages.some((l) => l.toLowerCase() === language.toLowerCase());

/**
 * The qualifying completion a person holds on a day for a required
 * qualification: among courses granting a covering qualification, the valid
 * completion that expires last. `undefined` if none is valid.
 */
function bestQualification(person: TTrainingStaff, required: string, courses: readonly TCourse[], completions: readonly TTrainingCompletion[], on: string) {
  let best: { courseId: string; expiresOn: string | null } | undefined;
  let anyPast = false;
  for (const course of courses) {
    if (course.grantsQualification === null || !qualificationCovers(course.grantsQualification, required)) continue;
    const st = trainingStatus(person, course, completions, on);
    if (st.status === "expired") anyPast = true;
    if (!holdsValid(st)) continue;
    if (!best || (best.expiresOn !== null && (st.expiresOn === null || st.expiresOn > best.expiresOn))) best = { courseId: course.id, expiresOn: st.expiresOn };
  }
  return { best, anyPast };
}

export interface FacilitationGroup {
  track: TFacilitatorTrack;
  language: string;
  /** Default inspiring_families. */
  programme?: string;
  /** Last session's date; warns when the qualification would expire before it. */
  endDate?: string | null;
}

export type CanFacilitateResult =
  | { allowed: true; courseId: string; validUntil: string | null; warnings: string[] }
  | { allowed: false; reason: "not_current_staff" | "not_qualified" | "qualification_expired" | "language"; message: string };

/**
 * Whether a member of staff may be allocated to run a group on `asOf`:
 * they must be current staff, hold a valid facilitator qualification covering
 * the group's track, and work in the group's language.
 */
export function canFacilitate(
  staff: TTrainingStaff,
  group: FacilitationGroup,
  completions: readonly TTrainingCompletion[],
  asOf: string,
  courses: readonly TCourse[] = TRAINING_COURSES,
): CanFacilitateResult {
  dayOf(asOf);
  if (!isCurrentStaff(staff, asOf)) return { allowed: false, reason: "not_current_staff", message: `${staff.name} is not a current member of staff on ${asOf}.` };
  const required = facilitatorQualification(group.track, group.programme);
  const { best, anyPast } = bestQualification(staff, required, courses, completions, asOf);
  if (!best) {
    return anyPast
      ? { allowed: false, reason: "qualification_expired", message: `${staff.name}'s facilitator training for the ${group.track} track has expired; a refresher is needed before they can run a group.` }
      : { allowed: false, reason: "not_qualified", message: `${staff.name} is not a qualified facilitator for the ${group.track} track.` };
  }
  if (!speaks(staff, group.language)) return { allowed: false, reason: "language", message: `${staff.name} is not recorded as working in ${group.language}.` };
  const warnings: string[] = [];
  if (best.expiresOn !== null && group.endDate && best.expiresOn <= group.endDate) {
    warnings.push(`${staff.name}'s facilitator training expires on ${best.expiresOn}, before the group ends on ${group.endDate}.`);
  }
  if (staff.leftOn !== null && group.endDate && staff.leftOn < group.endDate) {
    warnings.push(`${staff.name} leaves on ${staff.leftOn}, before the group ends on ${group.endDate}.`);
  }
  return { allowed: true, courseId: best.courseId, validUntil: best.expiresOn, warnings };
}

export interface FacilitatorNeed {
  track: TFacilitatorTrack;
  language: string;
  /** Groups to run at the same time. Default 1. */
  groups?: number;
  /** Default 2. */
  facilitatorsPerGroup?: number;
}

export interface PipelineInput {
  staff: readonly TTrainingStaff[];
  completions: readonly TTrainingCompletion[];
  asOf: string;
  /** Default: one group in each track and each of the programme's languages. */
  needs?: readonly FacilitatorNeed[];
  courses?: readonly TCourse[];
  programme?: string;
  /** Look-ahead for known leavers and expiring qualifications. Default 60 days. */
  horizonDays?: number;
}

export interface PipelineFacilitator {
  staffId: string;
  name: string;
  /** Expiry of their qualification (null = never). */
  validUntil: string | null;
  leftOn: string | null;
}

export interface PipelineRow {
  track: TFacilitatorTrack;
  language: string;
  required: number;
  /** Qualified, current, working in the language, on asOf. */
  qualified: number;
  facilitators: PipelineFacilitator[];
  /** Of those, still current and qualified on the horizon date. */
  projected: number;
  horizonDate: string;
  /** below: fewer than required now; at_risk: will be below by the horizon date; ok otherwise. */
  status: "ok" | "at_risk" | "below";
  warning: string | null;
}

export interface PipelineReport {
  asOf: string;
  rows: PipelineRow[];
  warnings: string[];
}

/** Qualified facilitators remaining per track and language, against the number needed to run groups. */
export function facilitatorPipeline(input: PipelineInput): PipelineReport {
  const courses = input.courses ?? TRAINING_COURSES;
  const horizonDays = input.horizonDays ?? DEFAULT_EXPIRING_SOON_DAYS;
  const horizonDate = formatIsoDay(dayOf(input.asOf) + horizonDays);
  const needs: readonly FacilitatorNeed[] = input.needs ?? FACILITATOR_TRACKS.flatMap((track) => PROGRAMME_LANGUAGES.map((language) => ({ track, language })));
  const byStaff = completionsByStaff(input.completions);
  const current = input.staff.filter((p) => isCurrentStaff(p, input.asOf));

  const rows = needs.map((need): PipelineRow => {
    const groups = need.groups ?? 1;
    const perGroup = need.facilitatorsPerGroup ?? DEFAULT_FACILITATORS_PER_GROUP;
    if (!Number.isInteger(groups) || groups < 0 || !Number.isInteger(perGroup) || perGroup < 1) {
      throw new DomainError("INVALID_INPUT", "groups and facilitators per group must be whole numbers (at least 1 facilitator per group)");
    }
    const required = groups * perGroup;
    const qualification = facilitatorQualification(need.track, input.programme);
    const facilitators: PipelineFacilitator[] = [];
    let projected = 0;
    for (const person of current) {
      if (!speaks(person, need.language)) continue;
      const mine = byStaff.get(person.id) ?? [];
      const { best } = bestQualification(person, qualification, courses, mine, input.asOf);
      if (!best) continue;
      facilitators.push({ staffId: person.id, name: person.name, validUntil: best.expiresOn, leftOn: person.leftOn });
      if (isCurrentStaff(person, horizonDate) && bestQualification(person, qualification, courses, mine, horizonDate).best) projected += 1;
    }
    const qualified = facilitators.length;
    const status = qualified < required ? "below" : projected < required ? "at_risk" : "ok";
    const what = `${need.track} track in ${need.language}`;
    const warning =
      status === "below"
        ? `Only ${qualified} qualified facilitator${qualified === 1 ? "" : "s"} for the ${what}; ${required} needed to run ${groups === 1 ? "a group" : `${groups} groups`}.`
        : status === "at_risk"
          ? `The ${what} will fall to ${projected} qualified facilitator${projected === 1 ? "" : "s"} by ${horizonDate} (leavers and expiring training); ${required} needed.`
          : null;
    return { track: need.track, language: need.language, required, qualified, facilitators, projected, horizonDate, status, warning };
  });
  return { asOf: input.asOf, rows, warnings: rows.flatMap((r) => (r.warning ? [r.warning] : [])) };
}
