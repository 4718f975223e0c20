/**
 * The SSDA903 rules comparing this year's OC3 (care leavers) with the episodes
 * of this year and last (1001, 1002, 1010), run by ./previous-year.ts when last
 * year's episodes are given with `--ssda903-previous` and this year's return
 * holds an OC3 table. Conditions as the DfE 2024/25 rules state them (read in
 * the community validator's rule sources); the messages are Evident's own.
 *
 * - 1001: a care leaver must have been looked after for at least 13 weeks (91
 *   days) after the 14th birthday, some of it after the 16th, and not have left
 *   care by adoption (E11, E12). Episodes of both years are joined (one per
 *   start date, keeping the one with an end), the latest open one runs to the
 *   end of this year, short breaks (V3, V4) do not count. Young people over 20
 *   at the end of the year, or without a date of birth in the Header, are not
 *   judged: two years of episodes cannot show their care after 14 (the
 *   validator flags them all).
 * - 1002: a care leaver has episodes this year or last.
 * - 1010: a care leaver whose last episode in last year's return was still open
 *   has episodes this year.
 */
import { parseIsoDay } from "../dates.js";
import type { TClaEpisode, TStatutoryExtract } from "./model.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears } from "./validate-common.js";

type Report = (r: Ssda903TableRow, field: string, rule: string, message: string) => void;

const days = (from: string, to: string) => parseIsoDay(to)! - parseIsoDay(from)!;
const later = (a: string, b: string) => (a > b ? a : b);

export function compareCareLeavers(oc3: readonly Ssda903TableRow[], current: TStatutoryExtract, previous: TStatutoryExtract, yearEnd: string, report: Report): void {
  const thisYear = new Set(current.claEpisodes.map((e) => e.childId));
  const lastYear = new Set(previous.claEpisodes.map((e) => e.childId));
  // Last year's last episode of each child (by start), when still open.
  const lastOpen = new Set<string>();
  const latestLast = new Map<string, TClaEpisode>();
  for (const e of previous.claEpisodes) {
    const was = latestLast.get(e.childId);
    if (!was || e.start >= was.start) latestLast.set(e.childId, e);
  }
  for (const [child, e] of latestLast) if (e.end === null) lastOpen.add(child);

  // Both years' episodes, one per child and start date (the one with an end wins).
  const joined = new Map<string, Map<string, TClaEpisode>>();
  for (const e of [...current.claEpisodes, ...previous.claEpisodes]) {
    let byStart = joined.get(e.childId);
    if (!byStart) joined.set(e.childId, (byStart = new Map()));
    const was = byStart.get(e.start);
    if (!was || (was.end === null && e.end !== null)) byStart.set(e.start, e);
  }
  const birth = new Map(current.children.map((c) => [c.childId, c.birthDate]));

  for (const r of oc3) {
    const child = r.child;
    if (child === null) continue;
    if (!thisYear.has(child) && !lastYear.has(child)) {
      report(r, "CHILD", "1002", "the care leaver has no episodes in this year's return or last year's: a care leaver was looked after");
    }
    if (lastOpen.has(child) && !thisYear.has(child)) {
      report(r, "CHILD", "1010", "the care leaver was still looked after at the end of last year's return but has no episodes this year");
    }
    const dob = birth.get(child) ?? null;
    if (dob === null || addYears(dob, 20) <= yearEnd) continue;
    const eps = [...(joined.get(child)?.values() ?? [])].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const last = eps[eps.length - 1];
    const adopted = last !== undefined && (last.reasonEnded === "E11" || last.reasonEnded === "E12");
    const at14 = addYears(dob, 14);
    const at16 = addYears(dob, 16);
    let after14 = 0;
    let after16 = 0;
    for (const e of eps) {
      if (e.legalStatus === "V3" || e.legalStatus === "V4") continue;
      const end = e.end ?? (e === last ? yearEnd : null);
      if (end === null) continue;
      after14 += Math.max(0, days(later(e.start, at14), end));
      after16 += Math.max(0, days(later(e.start, at16), end));
    }
    if (adopted) report(r, "CHILD", "1001", `the young person's last episode ended in adoption (${last!.reasonEnded}): an adopted child is not a care leaver`);
    else if (after14 < 91 || after16 < 1) {
      report(r, "CHILD", "1001", `the episodes of this year and last show ${after14} days looked after since the 14th birthday (${at14}) and ${after16} since the 16th: a care leaver was looked after for at least 13 weeks after turning 14, some of it after turning 16`);
    }
  }
}
