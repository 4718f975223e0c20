/**
 * The statutory statuses of children's social care in England, ordered by
 * intensity: CIN (child in need) < CP (child protection plan) < CLA (child
 * looked after).
 */
import { z } from "zod";

/** The three statuses, in order of intensity. */
export const STATUSES = ["CIN", "CP", "CLA"] as const;
export const ZStatus = z.enum(STATUSES);
export type TStatus = z.infer<typeof ZStatus>;

/** Highest status in a window, or none. */
export const HIGHEST_STATUSES = ["none", "CIN", "CP", "CLA"] as const;
export type THighestStatus = (typeof HIGHEST_STATUSES)[number];

/** Status code used in typed arrays: 1 = CIN, 2 = CP, 3 = CLA (0 = none). */
export const STATUS_CODE: Readonly<Record<TStatus, 1 | 2 | 3>> = { CIN: 1, CP: 2, CLA: 3 };

/** The position of a status in `HIGHEST_STATUSES`: none 0, CIN 1, CP 2, CLA 3. */
export function statusRank(status: THighestStatus): number {
  return HIGHEST_STATUSES.indexOf(status);
}

/** Orders statuses by intensity (none < CIN < CP < CLA): negative, zero or positive, for sorting. */
export function compareStatus(a: THighestStatus, b: THighestStatus): number {
  return statusRank(a) - statusRank(b);
}

/** Escalation = a move to a higher status; de-escalation = a move to a lower status or none. */
export function classifyTransition(before: THighestStatus, after: THighestStatus): "escalation" | "de-escalation" | "same" {
  const diff = compareStatus(after, before);
  return diff > 0 ? "escalation" : diff < 0 ? "de-escalation" : "same";
}
