/**
 * A referral's outcome: what the front door decided. The outcome is one of
 * the trust's outcomes (or, for referrals imported from the CIN census, free
 * text or none); "No further action" and the NFA flag must agree, and a
 * referral closes on or after the day it was made, never in the future.
 */
import { notBefore } from "./common.js";
import type { FieldProblem } from "./enrolments.js";

export const NFA_OUTCOME = "No further action";

/** The outcomes offered when recording what happened to a referral. */
export const REFERRAL_OUTCOMES = [
  "Assessment (Early Help)",
  "Assessment (CIN)",
  "Strategy discussion",
  "Information and advice",
  "Signposted to universal services",
  NFA_OUTCOME,
] as const;

export interface ReferralOutcome {
  /** The referral's date. */
  date: string;
  outcome: string | null;
  nfa: boolean;
  closedAt: string | null;
}

/** Problems with a referral's outcome after a change (empty when consistent). Paths name the field. */
export function referralOutcomeProblems(r: ReferralOutcome, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (r.outcome !== null && r.nfa !== (r.outcome === NFA_OUTCOME)) {
    out.push(
      r.nfa
        ? { path: "outcome", message: `A referral marked no further action has the outcome "${NFA_OUTCOME}"` }
        : { path: "nfa", message: `The outcome "${NFA_OUTCOME}" means the referral is marked no further action` },
    );
  }
  if (r.closedAt !== null) {
    if (!notBefore(r.date, r.closedAt)) out.push({ path: "closedAt", message: "The referral cannot close before it was made" });
    else if (!notBefore(r.closedAt, today)) out.push({ path: "closedAt", message: "The closing date cannot be in the future" });
  }
  return out;
}
