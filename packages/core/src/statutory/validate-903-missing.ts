/** SSDA903 rules on Missing, Reviews and UASC. */
import type { TStatutoryExtract } from "./model.js";
import type { ValidationContext } from "./validate-common.js";

export function validateMissingReviewsUasc(extract: TStatutoryExtract, ctx: ValidationContext): void {
  void extract;
  void ctx;
}
