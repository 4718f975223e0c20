/**
 * Loads the plain monitoring records (@evident/core `TMonitoringData`) a set
 * of measures reads, from the live tables, with explicit selects and no
 * personal details beyond ids and dates.
 *
 * MAPPING (documented here because the measures' definitions depend on it)
 * - CP episode "perpetrator known": the child belongs to a family with a
 *   member recorded in the perpetrator role.
 * - Assessments: allocated on `allocatedAt` (or `startedAt` when missing),
 *   completed on `completedAt` (authorisation); rows completed before
 *   allocation are data errors and are left out.
 * - Enrolments: programme by code (IFP → Inspiring Families, IFP_1TO1 →
 *   one-to-one with men, RECOVERY → the adult or CYP toolkit by the person's
 *   kind); role from the person's role in the enrolment's family.
 * - Hub cases: referred on the start date, closed on the end date; closure
 *   reasons matched to NO_FURTHER_ACTION / SIGNPOSTING_ONLY / STEP_DOWN /
 *   ESCALATED by wording, else OTHER.
 * - DA coordinator consultations: every `da_consultation` row, on its date.
 * - MARAC referrals: every `marac_referral` row, on its referral date, with
 *   the victim and family ids (ids only: the referral itself stays behind
 *   the information barrier in the `marac` router).
 */
import {
  isoFromDate,
  type TMonitoredProgramme,
  type TMonitoringData,
  type TMonitoringHubClosureReason,
  type TMonitoringParticipantRole,
} from "@evident/core";
import type { DbClient } from "../../../db.js";

type Part = keyof TMonitoringData;
const iso = (d: Date) => isoFromDate(d)!;

export function closureReasonOf(text: string | null, ended: boolean): TMonitoringHubClosureReason | null {
  if (!ended) return null;
  const t = (text ?? "").toLowerCase();
  if (/no further action|\bnfa\b/.test(t)) return "NO_FURTHER_ACTION";
  if (/signpost/.test(t)) return "SIGNPOSTING_ONLY";
  if (/step(ped)?[ -]down/.test(t)) return "STEP_DOWN";
  if (/escalat/.test(t)) return "ESCALATED";
  if (/complet|goals met/.test(t)) return "COMPLETED";
  return "OTHER";
}

/** Reads the parts from the tables every time; `loadMonitoringData` (cache.ts) is the cached way in. */
export async function readMonitoringData(db: DbClient, parts: readonly Part[]): Promise<TMonitoringData> {
  const want = new Set(parts);
  const data: TMonitoringData = {};
  if (want.has("referrals")) {
    const rows = await db.referral.findMany({ select: { id: true, childId: true, date: true, reasons: true, domesticAbuse: true }, orderBy: { id: "asc" } });
    data.referrals = rows.map((r) => ({ id: r.id, childId: r.childId, date: iso(r.date), reasons: r.reasons, domesticAbuse: r.domesticAbuse }));
  }
  if (want.has("episodes")) {
    const rows = await db.statusEpisode.findMany({ select: { id: true, childId: true, status: true, startDate: true, endDate: true }, orderBy: { id: "asc" } });
    const perpFamilies = new Set((await db.familyMember.findMany({ where: { role: "perpetrator" }, select: { familyId: true } })).map((m) => m.familyId));
    const cpChildren = [...new Set(rows.filter((r) => r.status === "CP").map((r) => r.childId))];
    const known = new Set<string>();
    if (cpChildren.length > 0) {
      const memberships = await db.familyMember.findMany({ where: { personId: { in: cpChildren } }, select: { personId: true, familyId: true } });
      for (const m of memberships) if (perpFamilies.has(m.familyId)) known.add(m.personId);
    }
    data.episodes = rows
      .filter((r) => !r.endDate || r.endDate >= r.startDate)
      .map((r) => ({ id: r.id, childId: r.childId, status: r.status, start: iso(r.startDate), end: r.endDate ? iso(r.endDate) : null, ...(r.status === "CP" ? { perpetratorKnown: known.has(r.childId) } : {}) }));
  }
  if (want.has("assessments")) {
    const rows = await db.assessment.findMany({ select: { id: true, childId: true, level: true, allocatedAt: true, startedAt: true, completedAt: true }, orderBy: { id: "asc" } });
    data.assessments = rows
      .map((r) => ({ id: r.id, childId: r.childId, level: r.level, allocatedOn: iso(r.allocatedAt ?? r.startedAt), completedOn: r.completedAt ? iso(r.completedAt) : null }))
      .filter((a) => a.completedOn === null || a.completedOn >= a.allocatedOn);
  }
  if (want.has("enrolments")) {
    const rows = await db.enrolment.findMany({
      select: { id: true, personId: true, familyId: true, referredAt: true, startedAt: true, completedAt: true, withdrawnAt: true, programme: { select: { code: true } }, person: { select: { kind: true } } },
      orderBy: { id: "asc" },
    });
    const roles = new Map<string, string>();
    for (const m of await db.familyMember.findMany({ where: { personId: { in: [...new Set(rows.map((r) => r.personId))] } }, select: { personId: true, familyId: true, role: true } })) {
      roles.set(`${m.familyId}|${m.personId}`, m.role);
    }
    data.enrolments = [];
    for (const r of rows) {
      const code = r.programme.code.toUpperCase();
      const programme: TMonitoredProgramme | null =
        code === "IFP" ? "INSPIRING_FAMILIES" : code === "IFP_1TO1" ? "ONE_TO_ONE_MEN" : code === "RECOVERY" ? (r.person.kind === "child" ? "RECOVERY_TOOLKIT_CYP" : "RECOVERY_TOOLKIT_ADULT") : null;
      if (!programme) continue;
      const familyRole = r.familyId ? roles.get(`${r.familyId}|${r.personId}`) : undefined;
      const role: TMonitoringParticipantRole =
        familyRole === "victim" || familyRole === "perpetrator" || familyRole === "child" || familyRole === "parent_carer" ? familyRole : r.person.kind === "child" ? "child" : "parent_carer";
      data.enrolments.push({
        id: r.id,
        personId: r.personId,
        programme,
        role,
        referredOn: iso(r.referredAt),
        startedOn: r.startedAt ? iso(r.startedAt) : null,
        completedOn: r.completedAt ? iso(r.completedAt) : null,
        withdrawnOn: r.withdrawnAt ? iso(r.withdrawnAt) : null,
      });
    }
  }
  if (want.has("hubCases")) {
    const rows = await db.hubCase.findMany({ select: { id: true, familyId: true, startDate: true, endDate: true, closureReason: true }, orderBy: { id: "asc" } });
    data.hubCases = rows.map((r) => ({ id: r.id, familyId: r.familyId, referredOn: iso(r.startDate), closedOn: r.endDate ? iso(r.endDate) : null, closureReason: closureReasonOf(r.closureReason, !!r.endDate) }));
  }
  if (want.has("trainingAttendances")) {
    const rows = await db.trainingAttendance.findMany({ select: { id: true, staffId: true, attended: true, session: { select: { courseId: true, startsAt: true } } }, orderBy: { id: "asc" } });
    data.trainingAttendances = rows.map((r) => ({ id: r.id, staffId: r.staffId, courseId: r.session.courseId, date: iso(r.session.startsAt), attended: r.attended }));
  }
  if (want.has("daConsultations")) {
    const rows = await db.daConsultation.findMany({ select: { id: true, date: true, familyId: true }, orderBy: { id: "asc" } });
    data.daConsultations = rows.map((r) => ({ id: r.id, date: iso(r.date), familyId: r.familyId }));
  }
  if (want.has("maracReferrals")) {
    const rows = await db.maracReferral.findMany({ select: { id: true, referredOn: true, personId: true, familyId: true }, orderBy: { id: "asc" } });
    data.maracReferrals = rows.map((r) => ({ id: r.id, date: iso(r.referredOn), personId: r.personId, familyId: r.familyId }));
  }
  return data;
}
