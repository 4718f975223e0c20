/**
 * Sign-in protection that cannot be turned against the user.
 *
 * - Per account and source address: the first `freeFailures` failed attempts
 *   cost nothing; after that each attempt waits a delay that doubles with
 *   every further failure (1 s, 2 s, 4 s … up to 15 minutes). Someone guessing
 *   from one address slows down only themselves: the same account signs in at
 *   once from any other address.
 * - Per account across addresses: a far higher ceiling (`accountCeiling`
 *   failures within `windowMs`). Above it, attempts are refused from addresses
 *   the account has not signed in from successfully within `knownAddressMs`,
 *   so a guesser with many addresses is stopped while the owner, at the
 *   machine they always use, still signs in. An admin can clear it.
 * - Failures are forgotten `windowMs` after the last one; a successful sign-in
 *   clears its address's count.
 *
 * Attempts are counted before the password is checked, one at a time per
 * account (the API holds a row lock), so parallel attempts cannot get past a
 * limit. These are the pure rules; the API keeps the counts in the database.
 */
export interface SignInRules {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  accountCeiling: number;
  windowMs: number;
  knownAddressMs: number;
}

export const SIGN_IN_RULES: SignInRules = {
  freeFailures: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  accountCeiling: 50,
  windowMs: 24 * 60 * 60 * 1000,
  knownAddressMs: 90 * 24 * 60 * 60 * 1000,
};

/** The count kept for an account, or for an account at one address. */
export interface ThrottleCount {
  failures: number;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
}

export type ThrottleDecision =
  | { allowed: true; pairFailures: number; accountFailures: number; pairThrottled: boolean; accountOverCeiling: boolean }
  | { allowed: false; reason: "address" | "account"; retryAt: Date | null };

/** Failures still counted at `now` (forgotten `windowMs` after the last). */
export function currentFailures(count: ThrottleCount | null, now: Date, rules: SignInRules = SIGN_IN_RULES): number {
  if (!count || !count.lastFailureAt) return 0;
  return now.getTime() - count.lastFailureAt.getTime() >= rules.windowMs ? 0 : count.failures;
}

/** The wait before the next attempt after `failures` failures at one address (0 while they are free). */
export function delayAfter(failures: number, rules: SignInRules = SIGN_IN_RULES): number {
  if (failures < rules.freeFailures) return 0;
  return Math.min(rules.maxDelayMs, rules.firstDelayMs * 2 ** Math.min(failures - rules.freeFailures, 40));
}

/** Whether the account has signed in successfully from this address recently enough to be trusted above the ceiling. */
export function isKnownAddress(pair: ThrottleCount | null, now: Date, rules: SignInRules = SIGN_IN_RULES): boolean {
  return !!pair?.lastSuccessAt && now.getTime() - pair.lastSuccessAt.getTime() < rules.knownAddressMs;
}

/**
 * May an attempt on this account from this address be checked now? When it may, the
 * attempt is counted as a failure at once (`pairFailures`, `accountFailures` are the
 * counts to store); a success then clears the address's count (`afterSuccess`).
 */
export function decideAttempt(pair: ThrottleCount | null, account: ThrottleCount | null, now: Date, rules: SignInRules = SIGN_IN_RULES): ThrottleDecision {
  const pairFailures = currentFailures(pair, now, rules);
  const accountFailures = currentFailures(account, now, rules);
  const wait = delayAfter(pairFailures, rules);
  if (wait > 0 && pair?.lastFailureAt && now.getTime() < pair.lastFailureAt.getTime() + wait) {
    return { allowed: false, reason: "address", retryAt: new Date(pair.lastFailureAt.getTime() + wait) };
  }
  if (accountFailures >= rules.accountCeiling && !isKnownAddress(pair, now, rules)) {
    return { allowed: false, reason: "account", retryAt: account?.lastFailureAt ? new Date(account.lastFailureAt.getTime() + rules.windowMs) : null };
  }
  return {
    allowed: true,
    pairFailures: pairFailures + 1,
    accountFailures: accountFailures + 1,
    // This attempt, if it fails, starts the delays at this address / takes the account over its ceiling.
    pairThrottled: pairFailures + 1 === rules.freeFailures,
    accountOverCeiling: accountFailures + 1 === rules.accountCeiling,
  };
}

/** The counts after a successful sign-in: the address's failures cleared, the attempt taken back from the account. */
export function afterSuccess(pairFailures: number, accountFailures: number): { pairFailures: number; accountFailures: number } {
  return { pairFailures: 0, accountFailures: Math.max(0, accountFailures - 1) };
}
