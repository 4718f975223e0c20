/** SSDA903 rules on AD1, PlacedAdoption and PrevPerm (adoption and previous permanence). */
import type { TStatutoryExtract } from "./model.js";
import type { ValidationContext } from "./validate-common.js";

export function validateAdoptionTables(extract: TStatutoryExtract, ctx: ValidationContext): void {
  void extract;
  void ctx;
}
