/**
 * SSDA903 rules on Missing (periods missing or away from placement without
 * authorisation), and through ./validate-903-reviews-uasc.ts on Reviews and
 * UASC. Conditions as the DfE 2024/25 rules state them (read in the community
 * validator's rule sources, csc-validator-be-903 v0.1.14); the messages are
 * Evident's own. A blank or unreadable date takes part in no comparison.
 */
import type { TClaEpisode } from "./model.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { addYears, show, type ValidationContext, yearStartOf } from "./validate-common.js";
import { dateOf, validateHeaderUasc, validateReviewsAndUasc } from "./validate-903-reviews-uasc.js";

/** `byChild`: the episodes of each child (ids upper-cased, as the table rows give them), in DECOM order. */
export function validateMissingReviewsUasc(byChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const missing = ctx.tables903.Missing;
  if (missing) validateMissing(missing, byChild, ctx);
  validateReviewsAndUasc(byChild, ctx);
  validateHeaderUasc(ctx);
}

/**
 * Periods of care as the missing rules (577, 578) count them: a child's
 * episodes in DECOM order, a new period whenever an episode starts after the
 * previous one's DEC; each period runs from its first DECOM to its last
 * episode's DEC (null when that episode is open).
 */
function periodsOfCare(eps: readonly TClaEpisode[]): { start: string; end: string | null }[] {
  const out: { start: string; end: string | null }[] = [];
  let prev: TClaEpisode | undefined;
  for (const e of eps) {
    if (prev === undefined || (prev.end !== null && e.start > prev.end)) out.push({ start: e.start, end: e.end });
    else out[out.length - 1]!.end = e.end;
    prev = e;
  }
  return out;
}

function validateMissing(rows: readonly Ssda903TableRow[], byChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const perChild = new Map<string, { r: Ssda903TableRow; start: string | null; end: string | null }[]>();
  for (const r of rows) {
    const p = (field: string, rule: string, message: string) => ctx.problem(r.file, r.row, field, rule, "error", message);
    const yearEnd = ctx.yearEndOf(r.file);
    const kind = r.values.MISSING ?? null;
    const startText = r.values.MIS_START ?? null;
    const endText = r.values.MIS_END ?? null;
    const start = dateOf(r, "MIS_START");
    const end = dateOf(r, "MIS_END");
    const dob = dateOf(r, "DOB");

    if (kind !== null && kind !== "M" && kind !== "A") p("MISSING", "1006", `MISSING ${show(kind)} is not a valid code (M missing, A away from placement without authorisation)`);
    if ((kind === "M" || kind === "A") && startText === null) p("MIS_START", "564", "MIS_START is blank: give the date the child went missing or away without authorisation");
    if (kind === null && startText !== null) p("MISSING", "565", "MIS_START is given but MISSING is blank: say whether the child was missing (M) or away without authorisation (A)");
    if (kind === null && endText !== null) p("MISSING", "566", "MIS_END is given but MISSING is blank: say whether the child was missing (M) or away without authorisation (A)");
    if (start === null) p("MIS_START", "1004", `MIS_START ${startText === null ? "is blank" : `${show(startText)} is not a real date`}: give the date the period started (DD/MM/YYYY)`);
    if (endText !== null && end === null) p("MIS_END", "1005", `MIS_END ${show(endText)} is not a real date (DD/MM/YYYY)`);
    if (start !== null && end !== null && start > end) p("MIS_END", "567", `MIS_END ${end} is before MIS_START ${start}`);
    if (start !== null && start > yearEnd) p("MIS_START", "570", `MIS_START ${start} is after the end of the collection year (${yearEnd})`);
    if (end !== null && (end < yearStartOf(yearEnd) || end > yearEnd)) p("MIS_END", "571", `MIS_END ${end} is outside the collection year (${yearStartOf(yearEnd)} to ${yearEnd})`);
    if (start !== null && dob !== null && start <= dob) p("MIS_START", "586", `MIS_START ${start} is not after the child's date of birth (${dob})`);

    const child = r.child ?? "";
    const list = perChild.get(child);
    if (list) list.push({ r, start, end });
    else perChild.set(child, [{ r, start, end }]);

    const eps = byChild.get(child);
    if (eps === undefined || eps.length === 0) continue;
    // 575: the period started during an episode that has ended, yet has no end itself.
    if (start !== null && endText === null && eps.some((e) => e.end !== null && start >= e.start && start <= e.end)) {
      p("MIS_END", "575", `MIS_END is blank but the placement the child went missing from (episode ending ${eps.find((e) => e.end !== null && start >= e.start && start <= e.end)!.end}) has ended: give the date the period ended`);
    }
    // 581: the period must start during one of the child's episodes.
    if (!eps.some((e) => start !== null && start >= e.start && (e.end === null || start <= e.end))) {
      p("MIS_START", "581", `MIS_START ${start ?? show(startText)} is not within any of the child's episodes of care: the child cannot be missing from care before being looked after`);
    }
    const pocs = periodsOfCare(eps);
    // 577: no period of care holds this missing period (an open one after care ended, or one ending outside care).
    if (start !== null) {
      const outside = (c: { start: string; end: string | null }) =>
        (end === null && c.end !== null) || (end === null && start < c.start) || (end !== null && c.end !== null && end > c.end) || (end !== null && end < c.start);
      if (pocs.every(outside)) p("MIS_END", "577", end === null ? "MIS_END is blank but the child is no longer looked after in the period of care it started in: give the date it ended" : `MIS_END ${end} is outside every period of care of the child`);
    }
    // 578: the period starts before or after every period of care.
    if (start !== null && pocs.every((c) => start < c.start || (c.end !== null && start > c.end))) {
      p("MIS_START", "578", `MIS_START ${start} is outside every period of care of the child (a child can be missing only while looked after)`);
    }
    // 580: a period ending on the 18th birthday, the day care ended, needs REC E8.
    if (end !== null && dob !== null && addYears(dob, 18) === end) {
      for (const e of eps) {
        if (e.end === end && e.reasonEnded !== "E8") {
          ctx.problem(e.source.file, e.source.row, "REC", "580", "error", `the child was missing when care ended on the 18th birthday (${end}): REC must be E8 (period of care ended in any other way), not ${show(e.reasonEnded)}`);
        }
      }
    }
  }
  for (const list of perChild.values()) overlapping(list, ctx);
}

/** 574: a child's missing periods, ordered by end (start when open) then start, must not overlap, and only the last may be open. */
function overlapping(list: { r: Ssda903TableRow; start: string | null; end: string | null }[], ctx: ValidationContext): void {
  if (list.length < 2) return;
  const key = (x: { start: string | null; end: string | null }) => x.end ?? x.start;
  const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const sorted = list.map((x, i) => ({ ...x, i })).sort((a, b) => cmp(key(a), key(b)) || cmp(a.start, b.start) || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (prev.end === null) {
      ctx.problem(cur.r.file, cur.r.row, "MIS_START", "574", "error", `another missing period (line ${prev.r.row}) is still open: a new period cannot start until it ends`);
    } else if (cur.start !== null && cur.start < prev.end) {
      ctx.problem(cur.r.file, cur.r.row, "MIS_START", "574", "error", `MIS_START ${cur.start} is before the end (${prev.end}) of another missing period (line ${prev.r.row}): periods must not overlap`);
    }
  }
}
