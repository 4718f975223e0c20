/**
 * SSDA903 rules on the social worker episodes (SWEpisodes: CHILD, SW_ID,
 * SW_DECOM, SW_DEC, SW_REASON), SW01aSTG1 to SW13STG1, and SW12STG2 against
 * the Episodes. Conditions learnt from the DfE rule wording and the community
 * validator (csc-validator-be-903 v0.1.14).
 */
import { formatIsoDay, parseIsoDay } from "../dates.js";
import { parseStatutoryDate } from "./collect.js";
import type { TStatutoryExtract } from "./model.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears, show, yearStartOf, type ValidationContext } from "./validate-common.js";

/** The reasons for a change of social worker (SW_REASON). */
const SW_REASONS = new Set(["MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"]);
/** Episodes starting on or after this day must give SW_REASON too (SW01bSTG1, SW13STG1). */
const REASON_FROM = "2023-04-01";

interface SwEpisode {
  r: Ssda903TableRow;
  /** SW_DECOM and SW_DEC as ISO dates, undefined when blank or not a date. */
  start: string | undefined;
  end: string | undefined;
}

const dateOf = (text: string | null | undefined) => (text ? parseStatutoryDate(text) : undefined);
/** A date as the DfE validators accept it: ZZ for an unknown day or month and ZZZZ for an unknown year are allowed. */
const validDate = (text: string) => parseStatutoryDate(text.split("/").length === 3 ? text.replace(/^ZZ\//, "01/").replace(/\/ZZ\//, "/01/").replace(/\/ZZZZ$/, "/2000") : text) !== undefined;
const plusDays = (iso: string, n: number) => formatIsoDay(parseIsoDay(iso)! + n);

export function validateSwEpisodes(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const rows = ctx.tables903.SWEpisodes;
  if (!rows) return;
  const eps: SwEpisode[] = rows.map((r) => ({ r, start: dateOf(r.values.SW_DECOM), end: dateOf(r.values.SW_DEC) }));
  for (const e of eps) checkOne(ctx, e);
  const byChild = new Map<string, SwEpisode[]>();
  for (const e of eps) {
    if (e.r.child === null) continue;
    const list = byChild.get(e.r.child);
    if (list) list.push(e);
    else byChild.set(e.r.child, [e]);
  }
  for (const list of byChild.values()) checkSequence(ctx, list);
  checkEpisodesCovered(extract, ctx, byChild);
}

function checkOne(ctx: ValidationContext, { r, start, end }: SwEpisode): void {
  const p = (field: string, rule: string, message: string) => ctx.problem(r.file, r.row, field, rule, "error", message);
  const { SW_ID: id = null, SW_DECOM: startText = null, SW_DEC: endText = null, SW_REASON: reason = null } = r.values;
  const yearEnd = ctx.yearEndOf(r.file);
  if (start === undefined) {
    p("SW_DECOM", "SW01aSTG1", `SW_DECOM ${show(startText)} is missing or not a date: every social worker episode needs its start date`);
    p("SW_DECOM", "SW01bSTG1", `SW_DECOM ${show(startText)} is missing or not a date: every social worker episode needs its start date`);
  } else if (start < REASON_FROM) {
    if (id === null) p("SW_ID", "SW01aSTG1", "SW_ID is missing: a social worker episode needs the social worker's ID");
  } else if (id === null || reason === null) {
    p(id === null ? "SW_ID" : "SW_REASON", "SW01bSTG1", `${id === null ? "SW_ID" : "SW_REASON"} is missing: a social worker episode starting on or after 1 April 2023 needs SW_ID and SW_REASON`);
  }
  if (!(id?.startsWith("SW") || id?.startsWith("XX"))) p("SW_ID", "SW02STG1", `SW_ID ${show(id)} does not begin with SW or XX`);
  if (startText !== null && !validDate(startText)) p("SW_DECOM", "SW04STG1", `SW_DECOM ${show(startText)} is not a valid date`);
  if (endText !== null && !validDate(endText)) p("SW_DEC", "SW05STG1", `SW_DEC ${show(endText)} is not a valid date`);
  if (start !== undefined && start > yearEnd) p("SW_DECOM", "SW06STG2", `SW_DECOM ${show(startText)} is after the end of the collection year (${yearEnd})`);
  const earliestEnd = addYears(yearStartOf(yearEnd), -1);
  if (end !== undefined && (end < earliestEnd || end > yearEnd)) p("SW_DEC", "SW07STG2", `SW_DEC ${show(endText)} is outside the social worker reporting period (${earliestEnd} to ${yearEnd})`);
  if (startText !== null && endText !== null && (start !== undefined && end !== undefined ? start === end : startText === endText)) {
    p("SW_DECOM", "SW09STG2", `the social worker episode starts and ends on the same day (${startText}): it lasted less than 24 hours`);
  }
  if (reason !== null && !SW_REASONS.has(reason)) p("SW_REASON", "SW13STG1", `SW_REASON ${show(reason)} is not a reason for a change of social worker`);
  else if (reason === null && start !== undefined && start >= REASON_FROM) p("SW_REASON", "SW13STG1", "SW_REASON is missing: a social worker episode starting on or after 1 April 2023 needs one");
}

/** Undefined dates after every date (as the validator sorts them). */
const byDate = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);

/** One child's social worker episodes in the order they started: SW08STG2, SW10STG2, SW11bSTG2. */
function checkSequence(ctx: ValidationContext, list: SwEpisode[]): void {
  const sorted = [...list].sort((a, b) => byDate(a.start, b.start) || byDate(a.end, b.end));
  for (let i = 0; i < sorted.length; i++) {
    const { r, start, end } = sorted[i]!;
    if (i < sorted.length - 1 && start !== undefined && end === undefined) {
      ctx.problem(r.file, r.row, "SW_DEC", "SW08STG2", "error", `a later social worker episode started but this one (from ${r.values.SW_DECOM}) has no valid end date SW_DEC`);
    }
    const prev = sorted[i - 1];
    if (prev && r.values.SW_REASON !== "FCONTA") {
      const near = start !== undefined && prev.end !== undefined && start >= plusDays(prev.end, -7) && start <= plusDays(prev.end, 7);
      if (!near) {
        ctx.problem(r.file, r.row, "SW_DECOM", "SW10STG2", "error", `SW_DECOM ${show(r.values.SW_DECOM ?? null)} is not within 7 days of the end of the previous social worker episode (SW_DEC ${show(prev.r.values.SW_DEC ?? null)})`);
      }
    }
    const yearEnd = ctx.yearEndOf(r.file);
    if (end !== undefined && end >= plusDays(yearEnd, -5) && end <= yearEnd && !sorted.some((o) => o !== sorted[i] && o.start !== undefined && o.start >= end)) {
      ctx.problem(r.file, r.row, "SW_DEC", "SW11bSTG2", "error", `the social worker episode ended on ${r.values.SW_DEC}, just before 31 March, and no later social worker episode is given`);
    }
  }
}

/**
 * SW12STG2: an episode of care in the last two years (ended since 1 April of
 * the year before, or open) that starts care (RNE S), ends it (REC other than
 * X1) or is open on 31 March, except short breaks (LS V3, V4), needs a social
 * worker episode: one starting on or after the DECOM of an episode starting
 * care, on or before the DEC of one ending it, or any for one still open.
 * (The validator asks this of every social worker episode of the child and
 * flags every open episode not starting care; Evident asks for one.)
 */
function checkEpisodesCovered(extract: TStatutoryExtract, ctx: ValidationContext, byChild: Map<string, SwEpisode[]>): void {
  for (const e of extract.claEpisodes) {
    const yearEnd = ctx.yearEndOf(e.source.file);
    if (e.end !== null && (e.end < addYears(yearStartOf(yearEnd), -1) || e.end > yearEnd)) continue;
    if (e.legalStatus === "V3" || e.legalStatus === "V4") continue;
    const startsCare = e.reasonNewEpisode === "S";
    const endsCare = e.end !== null && e.reasonEnded !== "X1";
    const open = e.end === null;
    if (!startsCare && !endsCare && !open) continue;
    const sw = byChild.get(e.childId.toUpperCase()) ?? [];
    const covered = sw.some((s) => s.start !== undefined && ((endsCare && s.start <= e.end!) || (startsCare && s.start >= e.start) || (open && !startsCare)));
    if (!covered) {
      const what = startsCare ? "starting on or after its start" : endsCare ? "starting on or before its end" : "at all";
      ctx.problem(e.source.file, e.source.row, "DECOM", "SW12STG2", "error", `the child was looked after in this episode (from ${e.start}) but no social worker episode ${what} is given`);
    }
  }
}
