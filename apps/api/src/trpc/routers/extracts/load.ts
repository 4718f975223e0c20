/**
 * Loads the evaluation dataset for an extract, reading only the allowed
 * fields (see EXTRACT_COLUMNS in @evident/core): never names, contact
 * details, notes or free-text outcomes.
 */
import type { ExtractSource } from "@evident/core";
import type { DbClient } from "../../../db.js";

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The children an extract covers: members of the chosen cohorts, or every child with a status episode or referral. */
export async function chooseExtractChildren(db: DbClient, cohortIds: string[]): Promise<string[]> {
  if (cohortIds.length > 0) {
    const members = await db.cohortMember.findMany({ where: { cohortId: { in: cohortIds } }, select: { childId: true } });
    return [...new Set(members.map((m) => m.childId))].sort();
  }
  const rows = await db.person.findMany({
    where: { kind: "child", OR: [{ episodes: { some: {} } }, { referrals: { some: {} } }] },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

export async function loadExtractSource(db: DbClient, childIds: string[], cohortIds: string[]): Promise<ExtractSource> {
  const [children, memberships, episodes, referrals, cohortMembers] = await Promise.all([
    db.person.findMany({ where: { id: { in: childIds } }, select: { id: true, birthDate: true, gender: true, ethnicity: true } }),
    db.familyMember.findMany({ where: { personId: { in: childIds }, role: "child" }, select: { personId: true, familyId: true }, orderBy: { createdAt: "asc" } }),
    db.statusEpisode.findMany({ where: { childId: { in: childIds } }, select: { childId: true, status: true, startDate: true, endDate: true, cpCategoryOfAbuse: true, claLegalStatus: true, claPlacement: true } }),
    db.referral.findMany({ where: { childId: { in: childIds } }, select: { childId: true, date: true, source: true, primaryNeed: true, reasons: true, domesticAbuse: true, nfa: true, closedAt: true } }),
    db.cohortMember.findMany({
      where: { childId: { in: childIds }, ...(cohortIds.length ? { cohortId: { in: cohortIds } } : {}) },
      select: { cohortId: true, childId: true, familyId: true, interventionStart: true, interventionEnd: true, cohort: { select: { kind: true } } },
    }),
  ]);
  const familyOf = new Map<string, string>();
  for (const m of memberships) if (!familyOf.has(m.personId)) familyOf.set(m.personId, m.familyId);
  return {
    children: children.map((c) => ({ id: c.id, familyId: familyOf.get(c.id) ?? null, birthDate: iso(c.birthDate), gender: c.gender, ethnicity: c.ethnicity })),
    episodes: episodes.map((e) => ({ childId: e.childId, status: e.status, startDate: iso(e.startDate)!, endDate: iso(e.endDate), cpCategoryOfAbuse: e.cpCategoryOfAbuse, claLegalStatus: e.claLegalStatus, claPlacement: e.claPlacement })),
    referrals: referrals.map((r) => ({ childId: r.childId, date: iso(r.date)!, source: r.source, primaryNeed: r.primaryNeed, reasons: r.reasons, domesticAbuse: r.domesticAbuse, nfa: r.nfa, closedAt: iso(r.closedAt) })),
    cohortMembers: cohortMembers.map((m) => ({ cohortId: m.cohortId, cohortKind: m.cohort.kind, childId: m.childId, familyId: m.familyId, interventionStart: iso(m.interventionStart)!, interventionEnd: iso(m.interventionEnd) })),
  };
}
