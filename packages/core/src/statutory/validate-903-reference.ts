/**
 * The SSDA903 rules that need reference data (./reference-903.ts): the
 * placement's local authority, location and distance derived from HOME_POST
 * and PL_POST with the postcode directory and the return's own authority
 * (164, 169, 179, 218, 392a, 392b, 392c, 406, 411, 420, 1015), and the URN
 * checked against Ofsted's provider list (219, 221, 224, 227, 228, 229, 1008).
 * They run only when that data is given (`evident convert --postcodes FILE
 * --la CODE [--ofsted-urns FILE]`); otherwise `skippedReferenceRules` lists
 * them. Conditions as the DfE 2024/25 rules state them, read in the community
 * validator's sources (csc-validator-be-903 v0.1.14); the messages are
 * Evident's own and never show a postcode.
 */
import { STATUTORY_RULES, type StatutoryRule } from "./catalogue.js";
import type { TClaEpisode, TStatutoryExtract } from "./model.js";
import { placementDistance, type PostcodePlace } from "./reference-903.js";
import { type ValidationContext, yearStartOf } from "./validate-common.js";

/** Rules needing the postcode directory and own LA; those needing Ofsted's list too. */
export const POSTCODE_RULES = ["164", "169", "179", "218", "392a", "392b", "392c", "406", "411", "420", "1015"] as const;
export const OFSTED_RULES = ["219", "221", "224", "227", "228", "229", "1008"] as const;
/** Rules comparing the placement's authority, location or distance with last year's return: they need it and the postcodes. */
export const PREVIOUS_POSTCODE_RULES = ["452", "453", "503G", "503H", "503J"] as const;

/** The reference rules skipped for want of the postcode file (and own LA) or Ofsted's list, for the summary. */
export function skippedReferenceRules(given: { ssda903: boolean; postcodes: boolean; providers: boolean; previous?: boolean }): StatutoryRule[] {
  if (!given.ssda903) return [];
  const skipped = new Set<string>([...(given.postcodes ? [] : POSTCODE_RULES), ...(given.postcodes && given.providers ? [] : OFSTED_RULES)]);
  // Without last year's return these are among the previous-year rules skipped already (skippedRules).
  if (given.previous && !given.postcodes) for (const c of PREVIOUS_POSTCODE_RULES) skipped.add(c);
  return STATUTORY_RULES.filter((r) => r.return === "ssda903" && (r.status === "needs-reference-data" || r.status === "needs-previous-year") && skipped.has(r.code));
}

/** What the postcodes say about an episode's placement. */
interface Placement {
  la: string | null;
  location: "IN" | "OUT" | null;
  distance: number | null;
}
/** The placements worked out for each extract read with reference data (for the rules comparing with last year). */
const PLACEMENTS = new WeakMap<TStatutoryExtract, Map<TClaEpisode, Placement>>();

/**
 * 452, 453, 503G, 503H, 503J: this year's first episode against last year's
 * latest, when that was left open (the caller checks it is). Nothing when
 * either return was read without reference data.
 */
export function placementChanges(current: TStatutoryExtract, previous: TStatutoryExtract, first: TClaEpisode, last: TClaEpisode): { field: string; rule: string; message: string }[] {
  const now = PLACEMENTS.get(current)?.get(first);
  const before = PLACEMENTS.get(previous)?.get(last);
  if (now === undefined || before === undefined) return [];
  const out: { field: string; rule: string; message: string }[] = [];
  const sameRne = first.reasonNewEpisode === last.reasonNewEpisode;
  const shown = (v: string | number | null) => (v === null ? "(not known)" : String(v));
  const was = `last year's open episode (DECOM ${last.start})`;
  if (now.la !== before.la) {
    out.push({ field: "PL_LA", rule: "503H", message: `the placement's authority ${shown(now.la)} in this year's first episode differs from ${shown(before.la)} in ${was}` });
    if (sameRne) out.push({ field: "PL_LA", rule: "452", message: `the placement's authority ${shown(now.la)} differs from ${shown(before.la)} in ${was}, with the same RNE` });
  }
  if (now.location !== before.location) out.push({ field: "PL_LOCATION", rule: "503J", message: `the placement location ${shown(now.location)} in this year's first episode differs from ${shown(before.location)} in ${was}` });
  const moved = now.distance !== null && (before.distance === null || Math.abs(now.distance - before.distance) >= 0.2);
  if (moved) {
    const text = `the placement distance ${shown(now.distance)} miles differs from ${shown(before.distance)} in ${was}`;
    out.push({ field: "PL_DISTANCE", rule: "503G", message: text });
    if (sameRne) out.push({ field: "PL_DISTANCE", rule: "453", message: `${text}, with the same RNE` });
  }
  return out;
}

const respite = (e: TClaEpisode) => e.legalStatus === "V3" || e.legalStatus === "V4";
/** Placements that need no URN (rule 218, 2024/25). */
const NO_URN = new Set(["P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1"]);
/** Fostering and adoption placements, outside rule 1015. */
const FOSTER_ADOPT = new Set(["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"]);
/** Placements whose postcode must be the provider's (rule 221). */
const AT_PROVIDER = new Set(["K1", "K2", "K3", "R3", "S1"]);
const NO_URN_CODE = "XXXXXXX";

/**
 * The children known to be UASC, as the validator finds them: from the
 * Header's UASC field (XML), else from the UASC table (with a Header, every
 * child in it; without, those with a value besides CHILD). Undefined when
 * neither is given: the rules needing it (164, 392a, 406) then do not run, as
 * in the validator.
 */
function uascChildren(ctx: ValidationContext): Set<string> | undefined {
  if (ctx.headerRows.some((h) => h.uasc !== undefined)) return new Set(ctx.headerRows.filter((h) => h.uasc === "1").map((h) => h.child.childId));
  const rows = ctx.tables903.UASC;
  if (rows === undefined) return undefined;
  const out = new Set<string>();
  for (const r of rows) {
    if (r.child === null) continue;
    if (ctx.has903Header || Object.entries(r.values).some(([k, v]) => k !== "CHILD" && v !== null)) out.add(r.child);
  }
  return out;
}

export function validateReference903(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const ref = ctx.reference;
  if (ref === undefined) return;
  const own = ref.localAuthority.trim().toUpperCase();
  const uasc = uascChildren(ctx);
  const placements = new Map<TClaEpisode, Placement>();
  PLACEMENTS.set(extract, placements);
  for (const e of extract.claEpisodes) {
    const { file, row } = e.source;
    const p = (field: string, rule: string, message: string) => ctx.problem(file, row, field, rule, "error", message);
    const plText = ctx.placementPostcodes.get(e) || null;
    const homeText = ctx.homePostcodes.get(e) || null;
    const pl: PostcodePlace | undefined = plText === null ? undefined : ref.postcodes.get(plText);
    const home: PostcodePlace | undefined = homeText === null ? undefined : ref.postcodes.get(homeText);
    const plLa = pl?.la ?? null;
    const location = plLa === null ? null : plLa === own ? "IN" : "OUT";
    const distance = pl !== undefined && home !== undefined ? placementDistance(home, pl) : null;
    const isUasc = uasc?.has(e.childId) ?? false;
    placements.set(e, { la: plLa, location, distance });

    if (!respite(e) && plLa === null) p("PL_LA", "169", "the local authority of the placement cannot be found: PL_POST is blank or not a postcode in the postcode reference");
    if (!respite(e) && location === null) p("PL_LOCATION", "179", "whether the placement is in or out of the authority cannot be found: PL_POST is blank or not a postcode in the postcode reference");
    if (respite(e) && plLa !== null) p("PL_LA", "420", `the placement's local authority is known (from PL_POST) but the legal status is ${e.legalStatus} (short breaks): give no placement postcode`);
    if (location === "IN" && plLa !== own) p("PL_LOCATION", "411", "the placement is recorded as in the authority but its local authority is another");
    if (!respite(e) && e.legalStatus !== null && e.placement !== null && !FOSTER_ADOPT.has(e.placement) && e.placeProvider === "PR1" && plLa !== own) {
      p("PL_LA", "1015", `the provider is the authority's own provision (PR1) but the placement is ${plLa === null ? "in an unknown authority (PL_POST not found)" : `in ${plLa}, not ${own}`}`);
    }
    const yearStart = yearStartOf(ctx.yearEndOf(file));
    const endsInYear = e.end === null ? !ctx.invalidEnd.has(e.key) : e.end >= yearStart;
    const outOfEngland = plLa === null || /^[NWSC]/.test(plLa);
    if (endsInYear && e.urn === null && !(e.placement !== null && NO_URN.has(e.placement)) && !outOfEngland) {
      p("URN", "218", `URN is blank: a placement of type ${e.placement ?? "(blank)"} in England needs the provider's Ofsted URN (or XXXXXXX)`);
    }
    if (!respite(e) && !isUasc && (homeText === null || plText === null)) p(homeText === null ? "HOME_POST" : "PL_POST", "392b", `${homeText === null && plText === null ? "HOME_POST and PL_POST are" : homeText === null ? "HOME_POST is" : "PL_POST is"} blank: give both postcodes for a looked-after child who is not (or was not) UASC`);
    if ((homeText !== null && home === undefined) || (plText !== null && pl === undefined)) {
      p(homeText !== null && home === undefined ? "HOME_POST" : "PL_POST", "392c", `${homeText !== null && home === undefined ? "HOME_POST" : "PL_POST"} is not a postcode in the postcode reference`);
    }
    if (uasc !== undefined) {
      if (!isUasc && !respite(e) && distance === null) p("PL_DISTANCE", "392a", "the placement distance cannot be worked out: a postcode is blank, not in the postcode reference or has no location");
      if (!isUasc && distance !== null && (distance < 0 || distance > 999.9)) p("PL_DISTANCE", "164", `the placement distance ${distance} miles is outside 0–999.9: check the postcodes`);
      if (isUasc && distance !== null) p("PL_DISTANCE", "406", "the child is UASC but a placement distance can be worked out from the postcodes: leave the postcodes blank");
    }
    if (ref.providers !== undefined && e.urn !== null && e.urn !== NO_URN_CODE) checkUrn(e, plText, ctx, p);
  }
}

function checkUrn(e: TClaEpisode, plText: string | null, ctx: ValidationContext, p: (field: string, rule: string, message: string) => void): void {
  const ref = ctx.reference!;
  const own = ref.localAuthority.trim().toUpperCase();
  const urn = e.urn!;
  const provider = ref.providers!.get(urn);
  if (provider === undefined) p("URN", "1008", `URN ${urn} is not in Ofsted's provider list`);
  if (provider === undefined || e.placement === null || !provider.placeCodes.includes(e.placement)) {
    p("PLACE", "219", `the placement type ${e.placement ?? "(blank)"} is not one Ofsted lists for URN ${urn}`);
  }
  if (provider === undefined || e.placeProvider === null || !provider.providerCodes.includes(e.placeProvider)) {
    p("PLACE_PROVIDER", "224", `the placement provider ${e.placeProvider ?? "(blank)"} is not one Ofsted lists for URN ${urn}`);
  }
  if (!respite(e) && e.placement !== null && AT_PROVIDER.has(e.placement) && plText !== null && (provider === undefined || provider.postcode !== plText.replace(/\s+/g, "").toUpperCase())) {
    p("PL_POST", "221", `PL_POST is not the postcode Ofsted lists for URN ${urn}`);
  }
  if (provider?.regEnd != null) {
    const end = provider.regEnd;
    if (e.start >= end) p("DECOM", "227", `the episode starts on ${e.start}, but URN ${urn} was deregistered on ${end}`);
    const yearEnd = ctx.yearEndOf(e.source.file);
    if ((e.end !== null && e.end > end) || (e.end === null && !ctx.invalidEnd.has(e.key) && yearEnd > end)) {
      p("DEC", "228", `${e.end === null ? `the episode is open at ${yearEnd}` : `the episode ends on ${e.end}`}, after URN ${urn} was deregistered on ${end}`);
    }
  }
  const providerLa = provider?.postcode == null ? null : (ref.postcodes.get(provider.postcode)?.la ?? null);
  if ((e.placeProvider === "PR1" && providerLa !== own) || (e.placeProvider === "PR2" && providerLa === own)) {
    p("PLACE_PROVIDER", "229", `PLACE_PROVIDER is ${e.placeProvider} but Ofsted's list places URN ${urn} ${providerLa === null ? "in no known authority" : providerLa === own ? "in this authority" : `in ${providerLa}`}`);
  }
}
