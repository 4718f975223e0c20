/** The parity cases of the rules on the 903 tables besides Header and Episodes, one file per rule module. */
import type { Return903 } from "../returns-903.js";
import { CASES as adoption } from "./adoption.js";
import { CASES as links } from "./links.js";
import { CASES as missing } from "./missing.js";
import { CASES as outcomes } from "./outcomes.js";
import { CASES as reference } from "./reference.js";

export const TABLE_CASES_903: Record<string, [fail: Return903, pass: Return903]> = {};
for (const part of [adoption, links, missing, outcomes, reference]) {
  for (const [code, pair] of Object.entries(part)) {
    if (code in TABLE_CASES_903) throw new Error(`parity case ${code} is given in two files`);
    TABLE_CASES_903[code] = pair;
  }
}
