/**
 * Loading what an evaluation needs from the database, with explicit selects:
 * candidate children (with their family and sibling group size), the
 * programme's participation dates, assessments with factors, and the
 * episodes and referrals of the chosen children.
 */
import {
  BUILT_IN_TARIFF_SETS,
  DomainError,
  isoFromDate,
  isShortBreak,
  ZTariffSet,
  type CandidateAssessment,
  type CandidateChild,
  type CandidateEnrolment,
  type TEpisodeRecord,
  type TReferralRecord,
  type TTariffSet,
} from "@evident/core";
import type { DbClient } from "../../../db.js";

const CHUNK = 5000;

export async function loadProgramme(db: DbClient, programmeId: string) {
  const programme = await db.programme.findUnique({ where: { id: programmeId }, select: { id: true, code: true, name: true, kind: true } });
  if (!programme) throw new DomainError("NOT_FOUND", "No such programme", [{ path: ["programmeId"], message: "not found" }]);
  return programme;
}

/** Children of every family, one row per child, with the family's number of children as sibling group size. */
export async function loadCandidateChildren(db: DbClient): Promise<CandidateChild[]> {
  const rows = await db.familyMember.findMany({
    where: { role: "child" },
    select: { familyId: true, person: { select: { id: true, birthDate: true, ethnicity: true } } },
    orderBy: [{ familyId: "asc" }, { personId: "asc" }],
  });
  const siblings = new Map<string, number>();
  for (const r of rows) siblings.set(r.familyId, (siblings.get(r.familyId) ?? 0) + 1);
  const seen = new Set<string>();
  const out: CandidateChild[] = [];
  for (const r of rows) {
    if (seen.has(r.person.id)) continue;
    seen.add(r.person.id);
    out.push({
      childId: r.person.id,
      familyId: r.familyId,
      birthDate: r.person.birthDate ? (isoFromDate(r.person.birthDate) ?? undefined) : undefined,
      ethnicity: r.person.ethnicity ?? undefined,
      siblingGroupSize: siblings.get(r.familyId),
    });
  }
  return out;
}

/**
 * A family's participation in the programme: enrolments (group, one-to-one,
 * toolkit) from their start to completion or withdrawal, or hub cases from
 * start to end.
 */
export async function loadParticipation(db: DbClient, programme: { id: string; kind: string }): Promise<CandidateEnrolment[]> {
  if (programme.kind === "hub") {
    const cases = await db.hubCase.findMany({ where: { programmeId: programme.id }, select: { familyId: true, startDate: true, endDate: true } });
    return cases.map((c) => ({ familyId: c.familyId, programmeId: programme.id, startDate: isoFromDate(c.startDate)!, endDate: isoFromDate(c.endDate) ?? null }));
  }
  const enrolments = await db.enrolment.findMany({
    where: { programmeId: programme.id, familyId: { not: null }, startedAt: { not: null } },
    select: { familyId: true, startedAt: true, completedAt: true, withdrawnAt: true },
  });
  return enrolments.map((e) => ({
    familyId: e.familyId!,
    programmeId: programme.id,
    startDate: isoFromDate(e.startedAt)!,
    endDate: isoFromDate(e.completedAt ?? e.withdrawnAt) ?? null,
  }));
}

export async function loadAssessments(db: DbClient, from: string, to: string): Promise<CandidateAssessment[]> {
  const rows = await db.assessment.findMany({
    where: { completedAt: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
    select: { childId: true, completedAt: true, factors: true },
  });
  return rows.map((a) => ({ childId: a.childId, completedDate: isoFromDate(a.completedAt) ?? null, factors: a.factors }));
}

export async function loadHistories(db: DbClient, childIds: string[]): Promise<{ episodes: TEpisodeRecord[]; referrals: TReferralRecord[] }> {
  const episodes: TEpisodeRecord[] = [];
  const referrals: TReferralRecord[] = [];
  for (let i = 0; i < childIds.length; i += CHUNK) {
    const ids = childIds.slice(i, i + CHUNK);
    const [eps, refs] = await Promise.all([
      db.statusEpisode.findMany({ where: { childId: { in: ids } }, select: { childId: true, status: true, startDate: true, endDate: true, claLegalStatus: true } }),
      db.referral.findMany({ where: { childId: { in: ids } }, select: { childId: true, date: true } }),
    ]);
    for (const e of eps) {
      const start = isoFromDate(e.startDate)!;
      const end = isoFromDate(e.endDate);
      // A closed episode ending before it starts is a recording error; leave it out rather than fail the run.
      if (end && end < start) continue;
      // Short breaks (legal status V3/V4) are not care: left out, as evident convert does (docs/statutory.md, docs/ssd.md).
      if (e.status === "CLA" && isShortBreak({ legalStatus: e.claLegalStatus })) continue;
      episodes.push({ childId: e.childId, status: e.status, startDate: start, endDate: end ?? null });
    }
    for (const r of refs) referrals.push({ childId: r.childId, referralDate: isoFromDate(r.date)! });
  }
  return { episodes, referrals };
}

export async function loadTariffSet(db: DbClient, id: string): Promise<TTariffSet> {
  const builtIn = BUILT_IN_TARIFF_SETS[id];
  if (builtIn) return builtIn;
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await db.tariffSet.findUnique({ where: { id }, select: { id: true, name: true, source: true, priceYear: true, rates: true } })
    : null;
  if (!row) throw new DomainError("NOT_FOUND", "No such tariff set", [{ path: ["tariffSetId"], message: "not found" }]);
  const rates = row.rates as { annualPerChild?: unknown; referral?: unknown };
  const parsed = ZTariffSet.safeParse({
    id: "saved",
    name: row.name,
    source: row.source,
    priceYear: row.priceYear,
    currency: "GBP",
    annualPerChild: rates.annualPerChild,
    referral: rates.referral,
  });
  if (!parsed.success) throw new DomainError("PRECONDITION_FAILED", "The saved tariff set is incomplete", [{ path: ["tariffSetId"], message: "rates are incomplete" }]);
  return { ...parsed.data, id: row.id };
}

/** The programme's recorded costs in pounds (sum of its cost lines), or undefined when none are recorded. */
export async function loadProgrammeCost(db: DbClient, programmeId: string): Promise<number | undefined> {
  const rows = await db.programmeCost.findMany({ where: { programmeId }, select: { amountPence: true, item: true } });
  if (rows.length === 0) return undefined;
  // A "Total" line stands for the whole programme; otherwise add the lines up.
  const total = rows.find((r) => /total/i.test(r.item));
  const pence = total ? BigInt(total.amountPence) : rows.reduce((sum, r) => sum + BigInt(r.amountPence), 0n);
  return Number(pence) / 100;
}
