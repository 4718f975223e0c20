/** A synthetic extract for tests and the kill test (not real data): `n` children with CLA episodes, CIN plans, CP plans, referrals and assessments. */
import type { ImportableExtract } from "./statutory.js";

const iso = (d: number) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

export function sampleExtract(n: number, options: { year?: number; episodesPerChild?: number } = {}): ImportableExtract {
  const per = options.episodesPerChild ?? 2;
  const shift = ((options.year ?? 0) * 365) | 0;
  const x: ImportableExtract = { children: [], claEpisodes: [], cinEpisodes: [], referrals: [], cinPlans: [], cpPlans: [], assessments: [], problems: [], carePeriods: [], section47s: [] };
  for (let i = 0; i < n; i++) {
    const childId = `T${String(i).padStart(7, "0")}`;
    x.children.push({ key: `child:${childId}`, childId, upn: null, birthDate: iso(-3000 - (i % 2000)), sex: i % 2 ? "M" : "F", sexLegacy: i % 2 ? "1" : "2", ethnicity: ["WBRI", "ABAN", "MWBC"][i % 3]! });
    for (let e = 0; e < per; e++) {
      const start = iso(shift + (i % 300) + e * 40);
      x.claEpisodes.push({ key: `cla:${childId}:${start}`, childId, start, end: e === per - 1 ? null : iso(shift + (i % 300) + e * 40 + 40), reasonNewEpisode: e === 0 ? "S" : "P", legalStatus: "C2", categoryOfNeed: "N1", placement: "U1", reasonEnded: e === per - 1 ? null : "X1" });
    }
    const ref = iso(shift + (i % 200));
    x.cinEpisodes.push({ key: `cin:${childId}:${ref}`, childId, referralDate: ref, closureDate: null, reasonForClosure: null, referralSource: "5A", primaryNeed: "N4", nfa: false });
    x.referrals.push({ key: `ref:${childId}:${ref}`, childId, date: ref, referralSource: "5A", nfa: false, cinEpisodeKey: `cin:${childId}:${ref}` });
    x.assessments.push({ key: `asmt:${childId}:${ref}`, childId, start: ref, authorisationDate: iso(shift + (i % 200) + 20), factors: ["3A", "21"] });
    if (i % 2) x.cinPlans.push({ key: `cinplan:${childId}:${ref}`, childId, start: ref, end: null });
    else x.cpPlans.push({ key: `cp:${childId}:${ref}`, childId, start: ref, end: null, initialCategory: "EMO", latestCategory: "NEG" });
  }
  return x;
}
