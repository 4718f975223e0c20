/**
 * 576, run by ./previous-year.ts when both years give a Missing table: a
 * missing (or away from placement) period still open at the end of last
 * year's return must come back as this year's child's first period, starting
 * on the same day. Reported on this year's first period of the child (by
 * MIS_START; a blank or unreadable start counts as the latest), as the DfE
 * rule states it (read in the community validator's rule source).
 */
import { cell, dateCell, rowsByChild } from "./table-rows.js";
import type { Ssda903TableRow } from "./tables-903.js";

type Report = (r: Ssda903TableRow, field: string, rule: string, message: string) => void;

export function compareMissing(now: readonly Ssda903TableRow[], last: readonly Ssda903TableRow[], report: Report): void {
  const lastByChild = rowsByChild(last);
  for (const [child, rows] of rowsByChild(now)) {
    const open = (lastByChild.get(child) ?? []).filter((r) => cell(r, "MIS_END") === null && dateCell(r, "MIS_START") !== undefined);
    if (open.length === 0) continue;
    const start = (r: Ssda903TableRow) => dateCell(r, "MIS_START") ?? "9999-12-31";
    const first = rows.reduce((a, b) => (start(b) < start(a) ? b : a));
    for (const o of open) {
      if (start(first) !== dateCell(o, "MIS_START")) {
        report(first, "MIS_START", "576", `last year's return ends with a missing period open since ${dateCell(o, "MIS_START")}, but this year's first period of the child starts ${dateCell(first, "MIS_START") ?? "on no readable date"}: it should carry on from that day`);
        break;
      }
    }
  }
}
