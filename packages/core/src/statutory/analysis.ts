/**
 * From an extract to the `evident analyse` rows (see docs/statutory.md):
 * CIN = CIN plan periods (or, as an option, whole non-NFA CIN episodes),
 * CP = child protection plans, CLA = rebuilt periods of care (short breaks
 * left out), every CINdetails a referral on CINreferralDate (NFA included).
 * Intervals are half-open [start, end); a blank end is open.
 */
import type { AnalysisRows, AnalysisRowsOptions, TStatutoryExtract } from "./model.js";

type EpisodeRow = AnalysisRows["episodes"][number];

function byChildThenDate<T extends { child_id: string }>(date: (r: T) => string) {
  return (a: T, b: T) => (a.child_id < b.child_id ? -1 : a.child_id > b.child_id ? 1 : date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0);
}

/** The `evident analyse` rows (episodes, referrals) and the children profile from an extract. */
export function toAnalysisRows(extract: TStatutoryExtract, options: AnalysisRowsOptions = {}): AnalysisRows {
  const definition = options.cinDefinition ?? "plan";
  const episodes: EpisodeRow[] = [];
  const push = (child_id: string, status: EpisodeRow["status"], start: string, end: string | null) => {
    // A record whose end is before its start is reported by validation; it never reaches the analysis.
    if (end !== null && end < start) return;
    episodes.push({ child_id, status, start_date: start, end_date: end ?? "" });
  };
  if (definition === "plan") for (const p of extract.cinPlans) push(p.childId, "CIN", p.start, p.end);
  else for (const e of extract.cinEpisodes) if (!e.nfa) push(e.childId, "CIN", e.referralDate, e.closureDate);
  for (const p of extract.cpPlans) push(p.childId, "CP", p.start, p.end);
  for (const p of extract.carePeriods) push(p.childId, "CLA", p.start, p.end);
  const order: Record<EpisodeRow["status"], number> = { CIN: 1, CP: 2, CLA: 3 };
  episodes.sort((a, b) => byChildThenDate<EpisodeRow>((r) => r.start_date)(a, b) || order[a.status] - order[b.status]);

  const seen = new Set<string>();
  const referrals: AnalysisRows["referrals"] = [];
  for (const r of extract.referrals) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    referrals.push({ child_id: r.childId, referral_date: r.date });
  }
  referrals.sort(byChildThenDate((r) => r.referral_date));

  const childrenProfile = extract.children
    .map((c) => ({ child_id: c.childId, birth_date: c.birthDate ?? "", sex: c.sex ?? "", ethnicity: c.ethnicity ?? "" }))
    .sort((a, b) => (a.child_id < b.child_id ? -1 : a.child_id > b.child_id ? 1 : 0));
  return { episodes, referrals, childrenProfile };
}
