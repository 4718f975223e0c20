/**
 * SSDA903 rules on AD1, PlacedAdoption and PrevPerm (adoption and previous
 * permanence): each table's rules run when that table was given
 * (./validate-903-ad1.ts, ./validate-903-placed.ts, ./validate-903-prev-perm.ts).
 */
import type { TClaEpisode } from "./model.js";
import type { ValidationContext } from "./validate-common.js";
import { validateAd1 } from "./validate-903-ad1.js";
import { validatePlacedAdoption } from "./validate-903-placed.js";
import { validatePrevPerm } from "./validate-903-prev-perm.js";

export function validateAdoptionTables(episodesByChild: ReadonlyMap<string, TClaEpisode[]>, ctx: ValidationContext): void {
  const { AD1, PlacedAdoption, PrevPerm } = ctx.tables903;
  if (AD1 !== undefined) validateAd1(AD1, episodesByChild, ctx);
  if (PlacedAdoption !== undefined) validatePlacedAdoption(PlacedAdoption, episodesByChild, AD1, ctx);
  if (PrevPerm !== undefined) validatePrevPerm(PrevPerm, episodesByChild, ctx);
}
