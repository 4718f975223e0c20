/**
 * 202, 203, 204, 208: what may not change for a child between two Headers
 * (last year's and this year's): sex, DOB and ethnicity; the UPN only from
 * unknown to known, or from UN1 to UN2–UN5. Used for an earlier Header given
 * in the same run and for last year's return (--ssda903-previous).
 */
import type { TStatutoryChild } from "./model.js";

export interface HeaderChange {
  field: string;
  rule: string;
  message: string;
}

/** The rules broken by `child` against the same child in an earlier Header (`where` names that Header in the messages). */
export function headerChanges(child: TStatutoryChild, earlier: TStatutoryChild, earlierBirth: string | null, where: string): HeaderChange[] {
  const out: HeaderChange[] = [];
  const was = (what: string) => `; ${where} has ${what}`;
  const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (earlierBirth !== null && child.birthDate !== null && earlierBirth !== child.birthDate) out.push({ field: "DOB", rule: "203", message: `DOB ${child.birthDate} differs from the DOB already recorded for this child${was(earlierBirth)}` });
  if (earlier.sex !== null && child.sex !== null && earlier.sex !== child.sex) out.push({ field: "SEX", rule: "202", message: `SEX ${child.sex} differs from the sex already recorded for this child${was(earlier.sex)}` });
  if (earlier.ethnicity !== child.ethnicity) out.push({ field: "ETHNIC", rule: "204", message: `ETHNIC ${quote(child.ethnicity ?? "")} differs from the ethnicity already recorded for this child${was(quote(earlier.ethnicity ?? ""))}` });
  const before = earlier.upn ?? earlier.upnUnknown;
  const now = child.upn ?? child.upnUnknown;
  const unknown = (u: string | null) => u === null || /^UN[1-5]$/.test(u);
  const allowed = ((before === null || before === "UN1") && now !== null && /^UN[2-5]$/.test(now)) || (unknown(before) && !unknown(now));
  if (before !== now && !allowed) out.push({ field: "UPN", rule: "208", message: `UPN ${quote(now ?? "")} differs from the UPN already recorded for this child${was(quote(before ?? ""))}` });
  return out;
}
