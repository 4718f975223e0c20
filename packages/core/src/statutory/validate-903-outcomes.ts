/** SSDA903 rules on OC2 and OC3 (outcomes of children looked after and of care leavers). */
import type { TStatutoryExtract } from "./model.js";
import type { ValidationContext } from "./validate-common.js";

export function validateOutcomeTables(extract: TStatutoryExtract, ctx: ValidationContext): void {
  void extract;
  void ctx;
}
