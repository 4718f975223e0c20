/**
 * The SSDA903 rules comparing this year's PlacedAdoption with last year's
 * (559, 560, 561, 584), run by ./previous-year.ts when last year's return is
 * given and both returns hold a PlacedAdoption table. Children are matched on
 * CHILD; the rows reported are this year's. Conditions as the DfE 2024/25
 * rules state them (read in the community validator's rule sources); dates are
 * compared as dates (the validator compares 584's as text), the messages are
 * Evident's own.
 */
import { cell, dateCell, rowsByChild } from "./table-rows.js";
import type { Ssda903TableRow } from "./tables-903.js";

type Report = (r: Ssda903TableRow, field: string, rule: string, message: string) => void;

/** DATE_PLACED as a date when it is one, else as given (null when blank). */
const placedOf = (r: Ssda903TableRow) => dateCell(r, "DATE_PLACED") ?? cell(r, "DATE_PLACED");
const reversed = (r: Ssda903TableRow) => cell(r, "DATE_PLACED_CEASED") !== null || cell(r, "REASON_PLACED_CEASED") !== null;

export function comparePlacedAdoption(now: readonly Ssda903TableRow[], last: readonly Ssda903TableRow[], yearStart: string, report: Report): void {
  const lastByChild = rowsByChild(last);
  for (const r of now) {
    const before = r.child === null ? [] : (lastByChild.get(r.child) ?? []);
    const placedText = cell(r, "DATE_PLACED");
    const placed = dateCell(r, "DATE_PLACED");
    if (placed !== undefined && placed < yearStart && (before.length === 0 || before.some((b) => dateCell(b, "DATE_PLACED") === undefined))) {
      report(r, "DATE_PLACED", "559", `DATE_PLACED ${placed} is before this collection year but last year's return gives no such decision for the child (no DATE_PLACED in last year's PlacedAdoption)`);
    }
    const stillOpen = before.find((b) => cell(b, "DATE_PLACED") !== null && cell(b, "DATE_PLACED_CEASED") === null && placedOf(b) !== placedOf(r));
    if (stillOpen) report(r, "DATE_PLACED", "560", `DATE_PLACED ${placed ?? placedText ?? "(blank)"} differs from last year's decision (${placedOf(stillOpen)}), which was not reversed`);
    const sameReversed = before.find((b) => reversed(b) && placedOf(b) !== null && placedOf(b) === placedOf(r));
    if (sameReversed) report(r, "DATE_PLACED", "561", `DATE_PLACED ${placedOf(r)} is last year's decision, which last year's return gives as reversed: a new decision has a new date`);
    const notLater = before.find((b) => reversed(b) && (placedText === null || (placed !== undefined && dateCell(b, "DATE_PLACED") !== undefined && placed <= dateCell(b, "DATE_PLACED")!)));
    if (notLater) {
      report(r, "DATE_PLACED", "584", placedText === null ? "DATE_PLACED is blank but last year's decision was reversed: give the date of the new decision" : `DATE_PLACED ${placed} is not after last year's reversed decision (${dateCell(notLater, "DATE_PLACED")}): a new decision comes later`);
    }
  }
}
