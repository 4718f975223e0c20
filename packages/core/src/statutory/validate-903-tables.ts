/**
 * The rules on the SSDA903 tables besides Header and Episodes
 * (./tables-903.ts): each table's own rules and those comparing it with the
 * Header and Episodes. A table's rules run only when that table was given
 * (a CSV of it, or an XML return, which holds them all).
 */
import type { TStatutoryExtract } from "./model.js";
import { groupBy, type ValidationContext } from "./validate-common.js";
import { validateAdoptionTables } from "./validate-903-adoption.js";
import { validateTableLinks } from "./validate-903-links.js";
import { validateMissingReviewsUasc } from "./validate-903-missing.js";
import { validateOutcomeTables } from "./validate-903-outcomes.js";

export function validateTables903(extract: TStatutoryExtract, ctx: ValidationContext): void {
  if (Object.keys(ctx.tables903).length === 0) return;
  // The episodes of each child, grouped once for every table's rules: the extract holds them sorted by child
  // (ids upper-cased), then DECOM.
  const episodesByChild = groupBy(extract.claEpisodes);
  validateTableLinks(extract, ctx);
  validateOutcomeTables(extract, episodesByChild, ctx);
  validateAdoptionTables(episodesByChild, ctx);
  validateMissingReviewsUasc(episodesByChild, ctx);
}
