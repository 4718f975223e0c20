/**
 * SSDA903 rules on PlacedAdoption (the decisions that a child should, and no
 * longer should, be placed for adoption): its own codes and dates (115, 116,
 * 119, 120, 184, 522, 563), several decisions of one child (579, 583), the
 * decisions against the child's episodes (117, 118, 551–554, 557, 558, 1003)
 * and against AD1 (523, 525). Conditions as the DfE 2024/25 rules state them
 * (read in the community validator's rule sources); the messages are Evident's own.
 */
import type { TClaEpisode } from "./model.js";
import { AD1_ITEMS, adopted, placedForAdoption } from "./validate-903-ad1.js";
import { badDate, cell, dateCell, reporter, rowsByChild } from "./table-rows.js";
import type { Ssda903TableRow } from "./tables-903.js";
import { show, type ValidationContext, yearStartOf } from "./validate-common.js";

const REASONS_CEASED = new Set(["RD1", "RD2", "RD3", "RD4"]);

export function validatePlacedAdoption(
  rows: readonly Ssda903TableRow[],
  episodesByChild: ReadonlyMap<string, TClaEpisode[]>,
  ad1Rows: readonly Ssda903TableRow[] | undefined,
  ctx: ValidationContext,
): void {
  const report = reporter(ctx);
  for (const r of rows) {
    const p = (field: string, rule: string, message: string) => report.row(r, field, rule, message);
    const placedText = cell(r, "DATE_PLACED");
    const ceasedText = cell(r, "DATE_PLACED_CEASED");
    const reason = cell(r, "REASON_PLACED_CEASED");
    const placed = dateCell(r, "DATE_PLACED");
    const ceased = dateCell(r, "DATE_PLACED_CEASED");
    if (badDate(r, "DATE_PLACED")) p("DATE_PLACED", "115", `DATE_PLACED ${show(placedText)} (date of the decision that the child should be placed for adoption) is not a real date`);
    if (badDate(r, "DATE_PLACED_CEASED")) p("DATE_PLACED_CEASED", "116", `DATE_PLACED_CEASED ${show(ceasedText)} (date of the decision that the child should no longer be placed for adoption) is not a real date`);
    if ((ceasedText === null) !== (reason === null)) {
      p(ceasedText === null ? "DATE_PLACED_CEASED" : "REASON_PLACED_CEASED", "119", "DATE_PLACED_CEASED and REASON_PLACED_CEASED must both be given (the decision was reversed) or both be blank");
    }
    if (reason !== null && !REASONS_CEASED.has(reason)) p("REASON_PLACED_CEASED", "120", `REASON_PLACED_CEASED ${show(reason)} is not a valid code (RD1, RD2, RD3 or RD4)`);
    if (placed !== undefined && ceased !== undefined && ceased < placed) p("DATE_PLACED_CEASED", "522", `DATE_PLACED_CEASED ${ceased} is before DATE_PLACED ${placed}: a decision is reversed on or after it is made`);
    if (reason !== null && ceasedText !== null && placedText === null) p("DATE_PLACED", "563", "the decision to place for adoption was reversed (DATE_PLACED_CEASED and REASON_PLACED_CEASED given) but DATE_PLACED is blank");
    const dob = r.child === null ? undefined : ctx.birthDates.get(r.child);
    if (placed !== undefined && dob !== undefined && dob !== null && placed < dob) p("DATE_PLACED", "184", `DATE_PLACED ${placed} is before the child's date of birth ${dob}`);
  }
  const ad1 = rowsByChild(ad1Rows);
  const byChild = rowsByChild(rows);
  for (const [child, decisions] of byChild) {
    validateDecisions(decisions, ctx);
    if (ad1Rows !== undefined) validateWithAd1(decisions, ad1.get(child) ?? [], ctx);
  }
  for (const [child, eps] of episodesByChild) validateWithEpisodes(byChild.get(child) ?? [], eps, ctx);
}

/** 579, 583: a child's decisions, in order of DATE_PLACED (blank or invalid dates last). */
function validateDecisions(decisions: readonly Ssda903TableRow[], ctx: ValidationContext): void {
  const report = reporter(ctx);
  const key = (r: Ssda903TableRow) => dateCell(r, "DATE_PLACED") ?? "9999-99-99";
  const sorted = [...decisions].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const r = sorted[i]!;
    const ceasedBefore = dateCell(before, "DATE_PLACED_CEASED");
    const placed = dateCell(r, "DATE_PLACED");
    if (ceasedBefore === undefined) report.row(r, "DATE_PLACED", "579", `a new decision to place for adoption while the earlier one (DATE_PLACED ${show(cell(before, "DATE_PLACED"))}, line ${before.row}) has not been reversed`);
    else if (placed !== undefined && placed < ceasedBefore) report.row(r, "DATE_PLACED", "579", `DATE_PLACED ${placed} is before the earlier decision was reversed (${ceasedBefore}): decisions must not overlap`);
  }
  const latest = sorted[0] && dateCell(sorted[0], "DATE_PLACED") === undefined ? sorted[0] : sorted.findLast((r) => dateCell(r, "DATE_PLACED") !== undefined);
  for (const r of decisions) {
    if (r !== latest && cell(r, "DATE_PLACED_CEASED") === null) report.row(r, "DATE_PLACED_CEASED", "583", "there is a later decision to place for adoption, so this earlier one must give the date it was reversed (DATE_PLACED_CEASED)");
  }
}

/** 117, 118, 551–554, 557, 558, 1003: a child's decisions (maybe none) against the child's episodes (sorted by DECOM). */
function validateWithEpisodes(decisions: readonly Ssda903TableRow[], eps: readonly TClaEpisode[], ctx: ValidationContext): void {
  const report = reporter(ctx);
  const latest = eps.findLast((e) => e.reasonEnded !== "X1");
  const firstInCare = eps.find((e) => e.legalStatus !== "V3" && e.legalStatus !== "V4");
  const firstStart = eps.find((e) => e.reasonNewEpisode === "S");
  const firstOrder = eps.find((e) => e.legalStatus === "E1");
  for (const r of decisions) {
    const placed = dateCell(r, "DATE_PLACED");
    const ceased = dateCell(r, "DATE_PLACED_CEASED");
    const yearEnd = ctx.yearEndOf(r.file);
    for (const [column, date] of [["DATE_PLACED", placed], ["DATE_PLACED_CEASED", ceased]] as const) {
      if (date === undefined || latest === undefined) continue;
      if (date > yearEnd) report.row(r, column, "117", `${column} ${date} is after the end of the collection year (${yearEnd})`);
      else if (latest.end !== null && date > latest.end) report.row(r, column, "117", `${column} ${date} is after the child ceased to be looked after (DEC ${latest.end})`);
    }
    if (ceased !== undefined && firstInCare !== undefined) {
      const yearStart = yearStartOf(yearEnd);
      if (ceased < yearStart) report.row(r, "DATE_PLACED_CEASED", "118", `DATE_PLACED_CEASED ${ceased} is before the start of the collection year (${yearStart})`);
      else if (ceased < firstInCare.start) report.row(r, "DATE_PLACED_CEASED", "118", `DATE_PLACED_CEASED ${ceased} is before the child started to be looked after (${firstInCare.start})`);
    }
    if (placed !== undefined && firstStart !== undefined && placed < firstStart.start) report.row(r, "DATE_PLACED", "1003", `DATE_PLACED ${placed} is before the child started to be looked after (${firstStart.start})`);
    if (placed !== undefined && firstOrder !== undefined && placed > firstOrder.start) report.row(r, "DATE_PLACED", "554", `DATE_PLACED ${placed} is after the placement order was granted (LS E1 from ${firstOrder.start})`);
    if ((cell(r, "DATE_PLACED_CEASED") !== null || cell(r, "REASON_PLACED_CEASED") !== null) && eps.some((e) => e.legalStatus === "E1" && e.end === null)) {
      report.row(r, "DATE_PLACED_CEASED", "553", "the decision to place for adoption is given as reversed but the child is still under a placement order (an open episode with LS E1)");
    }
  }
  const lastDecision = decisions.reduce<string | undefined>((max, r) => {
    const d = dateCell(r, "DATE_PLACED");
    return d !== undefined && (max === undefined || d > max) ? d : max;
  }, undefined);
  const firstPlacement = eps.find(placedForAdoption);
  if (firstPlacement && lastDecision !== undefined && firstPlacement.start < lastDecision) {
    report.episode(firstPlacement, "DECOM", "552", `the child was placed for adoption (PLACE ${firstPlacement.placement}) on ${firstPlacement.start}, before the decision that they should be (DATE_PLACED ${lastDecision})`);
  }
  const noDecisionDate = decisions.length === 0 || decisions.some((r) => cell(r, "DATE_PLACED") === null);
  const notReversed = decisions.length === 0 || decisions.some((r) => cell(r, "DATE_PLACED_CEASED") === null || cell(r, "REASON_PLACED_CEASED") === null);
  for (const e of eps) {
    if (placedForAdoption(e) && noDecisionDate) report.episode(e, "PLACE", "551", `the child is placed for adoption (PLACE ${e.placement}) but PlacedAdoption gives no date of the decision that they should be (DATE_PLACED)`);
    if (e.legalStatus === "E1" && decisions.length === 0) report.episode(e, "LS", "553", "a placement order was granted (LS E1) but PlacedAdoption has no decision that the child should be placed for adoption");
    const leftNotAdopted = e.reasonEnded !== null && e.reasonEnded !== "X1" && !adopted(e);
    if ((placedForAdoption(e) || e.legalStatus === "E1") && leftNotAdopted && notReversed) {
      report.episode(e, "REC", "557", `the child left care (REC ${e.reasonEnded}) without being adopted while placed for adoption or under a placement order, but the decision is not given as reversed (DATE_PLACED_CEASED and REASON_PLACED_CEASED)`);
    }
  }
  if (decisions.length > 1 && decisions.every((r) => cell(r, "DATE_PLACED_CEASED") !== null)) {
    for (const e of eps) if (adopted(e)) report.episode(e, "REC", "558", `the child was adopted (REC ${e.reasonEnded}) but every decision to place for adoption is given as reversed: the latest decision's DATE_PLACED_CEASED should be blank`);
  }
}

/** 523, 525: a child's decisions against the child's AD1 rows. */
function validateWithAd1(decisions: readonly Ssda903TableRow[], ad1: readonly Ssda903TableRow[], ctx: ValidationContext): void {
  const report = reporter(ctx);
  for (const r of decisions) {
    const placed = dateCell(r, "DATE_PLACED");
    const differs = ad1.find((a) => {
      const decided = dateCell(a, "DATE_INT");
      return placed !== undefined && decided !== undefined && decided !== placed;
    });
    if (differs) report.row(r, "DATE_PLACED", "523", `DATE_PLACED ${placed} differs from AD1's DATE_INT ${dateCell(differs, "DATE_INT")}: both are the date of the decision that the child should be placed for adoption`);
    if (cell(r, "DATE_PLACED_CEASED") !== null && ad1.some((a) => AD1_ITEMS.some((c) => cell(a, c) !== null))) {
      report.row(r, "DATE_PLACED_CEASED", "525", "the decision to place for adoption was reversed (DATE_PLACED_CEASED given) but AD1 gives adoption details: a child whose decision was reversed cannot be adopted this year");
    }
  }
}
