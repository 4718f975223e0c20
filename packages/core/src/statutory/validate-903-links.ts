/** SSDA903 rules on every table against the Header (the INT rules) and SWEpisodes (social worker episodes). */
import type { TStatutoryExtract } from "./model.js";
import type { ValidationContext } from "./validate-common.js";

export function validateTableLinks(extract: TStatutoryExtract, ctx: ValidationContext): void {
  void extract;
  void ctx;
}
