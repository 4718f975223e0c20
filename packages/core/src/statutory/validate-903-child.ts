/**
 * SSDA903 rules on a Header row, alone or with the child's episodes: the UPN
 * (209, 210, 442), sex reported as unknown (232), the MOTHER and MC_DOB
 * fields (393, 607, 620, 621, 625) and care after the 18th birthday (359).
 * Conditions as the DfE 2024/25 rules state them (read in the community
 * validator's rule sources); the messages are Evident's own.
 */
import type { TClaEpisode } from "./model.js";
import { addYears, type ValidationContext, yearStartOf } from "./validate-common.js";

const respite = (e: TClaEpisode) => e.legalStatus === "V3" || e.legalStatus === "V4";

/** `episodes` sorted by child then DECOM (as the extract holds them). */
export function validateHeaderWithEpisodes(episodes: readonly TClaEpisode[], ctx: ValidationContext): void {
  const ranges = new Map<string, [number, number]>();
  for (let i = 0; i < episodes.length; ) {
    let j = i;
    const id = episodes[i]!.childId;
    while (j < episodes.length && episodes[j]!.childId === id) j++;
    ranges.set(id, [i, j]);
    i = j;
  }
  for (const { file, row, child, sexText, mother } of ctx.headerRows) {
    const yearEnd = ctx.yearEndOf(file);
    const yearStart = yearStartOf(yearEnd);
    const p = (field: string, rule: string, message: string) => ctx.problem(file, row, field, rule, "error", message);
    const dob = child.birthDate;
    const mcDob = child.motherChildBirthDate;
    const unknownUpn = child.upnUnknown;
    const range = ranges.get(child.childId);
    const eps = range === undefined ? [] : episodes.slice(range[0], range[1]);
    const lookedAfter = eps.some((e) => !respite(e));

    if (sexText === "U") p("SEX", "232", "SEX is U (not known): give the child's sex if it is known");
    if (unknownUpn === "UN1" && dob !== null && addYears(dob, 4) <= `${Number(yearStart.slice(0, 4)) - 1}-08-31`) {
      p("UPN", "209", "UPN is UN1 (child not of school age) but the child is of school age");
    }
    if (unknownUpn === "UN4") {
      const late = `${yearEnd.slice(0, 4)}-03-24`;
      const recent = eps.find((e) => e.start >= late);
      if (recent !== undefined) p("UPN", "210", `UPN is UN4 (looked after for less than a week at 31 March) but an episode starts on ${recent.start}: UN4 is for children who started in the last week of the year, from ${late}`);
    }
    if (child.upn === null && unknownUpn === null && lookedAfter) p("UPN", "442", "UPN is blank: give the pupil number or an unknown code (UN1–UN5)");
    if (sexText === "F" && mother === null && lookedAfter) p("MOTHER", "393", "MOTHER is blank for a girl who is looked after: give 1 (she is a mother) or 0");
    if (mother === "1" && dob !== null && addYears(dob, 11) > yearStart) p("MOTHER", "620", "MOTHER is 1 but the child was under 11 at the start of the collection year");
    if (mcDob !== null && dob !== null && mcDob <= dob) p("MC_DOB", "621", `MC_DOB ${mcDob} is not after the mother's own DOB ${dob}`);
    let latestEnd: string | null = null;
    for (const e of eps) if (e.end !== null && (latestEnd === null || e.end > latestEnd)) latestEnd = e.end;
    if (mcDob !== null && latestEnd !== null && (mcDob > yearEnd || mcDob > latestEnd)) {
      p("MC_DOB", "625", `MC_DOB ${mcDob} is after ${mcDob > yearEnd ? `the end of the collection year (${yearEnd})` : `the child's last DEC (${latestEnd})`}`);
    }
    for (const e of eps) {
      const epYearEnd = ctx.yearEndOf(e.source.file);
      const ep = (field: string, rule: string, message: string) => ctx.problem(e.source.file, e.source.row, field, rule, "error", message);
      const rec = e.reasonEnded;
      if (sexText === "F" && mother === null && e.end !== null && rec !== null && rec !== "X1" && !respite(e) && e.end >= yearStartOf(epYearEnd) && e.end <= epYearEnd) {
        ep("MOTHER", "607", "the girl ceased to be looked after this year but MOTHER is blank in the Header: give 1 or 0");
      }
      if (e.end === null && dob !== null && addYears(dob, 18) < epYearEnd && !(e.legalStatus === "V2" && e.placement === "K2")) {
        ep("LS", "359", "the young person is over 18 and still looked after: after the 18th birthday only accommodation under section 20(5) (LS V2) in a community home (PLACE K2) is allowed");
      }
    }
  }
}
