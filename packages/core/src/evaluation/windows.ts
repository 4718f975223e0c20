/**
 * Windows around an intervention, in whole days, half-open [start, end):
 *   before = [start − M months, start)
 *   after  = [end + 1 day, end + M months + 1 day)
 * Months are calendar months clamped to the month's last day.
 */
import { addMonthsClamped, type DayNumber } from "../dates.js";

/** A range of days, half-open: from `start` up to (not including) `end`. */
export interface DayRange {
  start: DayNumber;
  /** Exclusive. */
  end: DayNumber;
}

/** The window before an intervention: the `months` calendar months up to (not including) its start day. */
export function beforeWindow(interventionStart: DayNumber, months: number): DayRange {
  return { start: addMonthsClamped(interventionStart, -months), end: interventionStart };
}

/** The window after an intervention: from the day after its end, for `months` calendar months. */
export function afterWindow(interventionEnd: DayNumber, months: number): DayRange {
  return { start: interventionEnd + 1, end: addMonthsClamped(interventionEnd, months) + 1 };
}

/**
 * Days covered by the union of intervals intersected with a window, without
 * double counting overlaps. `starts`/`ends` are half-open intervals; they are
 * not modified. Used by the engine on each child's few episodes, and by tests.
 */
export function unionDaysInWindow(starts: ArrayLike<number>, ends: ArrayLike<number>, window: DayRange): number {
  const clipped: [number, number][] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = Math.max(starts[i]!, window.start);
    const e = Math.min(ends[i]!, window.end);
    if (e > s) clipped.push([s, e]);
  }
  clipped.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curStart = Number.NaN;
  let curEnd = Number.NaN;
  for (const [s, e] of clipped) {
    if (Number.isNaN(curStart) || s > curEnd) {
      if (!Number.isNaN(curStart)) total += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) {
      curEnd = e;
    }
  }
  if (!Number.isNaN(curStart)) total += curEnd - curStart;
  return total;
}
