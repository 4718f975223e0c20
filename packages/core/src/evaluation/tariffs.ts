/**
 * Unit-cost tariff sets: the cost per child per year of each statutory status
 * and the cost of one referral, with where the figures come from and their
 * price year. Costs per day are annual / 365, unrounded (the report's Table 22
 * rounds them to whole pounds; its Tables 24 and 25 were computed unrounded).
 */
import { z } from "zod";
import { DomainError } from "../errors.js";
import type { TStatus } from "../statuses.js";

const money = z.number().finite().nonnegative().max(1e9);

export const ZTariffSet = z
  .object({
    id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'"),
    name: z.string().min(1).max(200),
    source: z.string().min(1).max(500),
    priceYear: z.string().regex(/^\d{4}(\/\d{2})?$/, "a year such as 2019 or 2019/20"),
    currency: z.literal("GBP").default("GBP"),
    annualPerChild: z.object({ CIN: money, CP: money, CLA: money }).strict(),
    referral: money,
  })
  .strict();
export type TTariffSet = z.infer<typeof ZTariffSet>;

/** Tariffs given as bare numbers (as in `evident cba` input): annual costs per child and per referral. */
export const ZTariffRates = z.object({ CIN: money, CP: money, CLA: money, referral: money }).strict();
export type TTariffRates = z.infer<typeof ZTariffRates>;

/** GMCA Unit Cost Database (2019), as used by the report's Table 22. */
export const GMCA_2019: TTariffSet = Object.freeze({
  id: "gmca-2019",
  name: "GMCA Unit Cost Database 2019",
  source:
    "Greater Manchester Combined Authority Unit Cost Database (2019), as used in the DfE evaluation of the Slough Children's Services Trust Innovation Programme (March 2020), Table 22",
  priceYear: "2019",
  currency: "GBP",
  annualPerChild: Object.freeze({ CLA: 58663, CP: 3727, CIN: 3402 }),
  referral: 223,
}) as TTariffSet;

export const BUILT_IN_TARIFF_SETS: Readonly<Record<string, TTariffSet>> = Object.freeze({
  [GMCA_2019.id]: GMCA_2019,
});

export const DAYS_PER_YEAR = 365;

export interface DailyTariffs {
  perDay: Record<TStatus, number>;
  referral: number;
}

/** Per-day costs (annual / 365, unrounded) and the per-referral cost. */
export function dailyTariffs(set: Pick<TTariffSet, "annualPerChild" | "referral">): DailyTariffs {
  return {
    perDay: {
      CIN: set.annualPerChild.CIN / DAYS_PER_YEAR,
      CP: set.annualPerChild.CP / DAYS_PER_YEAR,
      CLA: set.annualPerChild.CLA / DAYS_PER_YEAR,
    },
    referral: set.referral,
  };
}

/** Resolves a built-in tariff id, a full tariff set, or bare rates into a tariff set. */
export function resolveTariffSet(input: string | TTariffSet | TTariffRates): TTariffSet {
  if (typeof input === "string") {
    const found = BUILT_IN_TARIFF_SETS[input];
    if (!found) {
      throw new DomainError("INVALID_INPUT", `unknown tariff set "${input}"; built in: ${Object.keys(BUILT_IN_TARIFF_SETS).join(", ")}`, [
        { path: ["tariffs"], message: "unknown tariff set" },
      ]);
    }
    return found;
  }
  if ("annualPerChild" in input) return input;
  return {
    id: "custom",
    name: "Custom tariffs",
    source: "supplied with the input",
    priceYear: "unknown",
    currency: "GBP",
    annualPerChild: { CIN: input.CIN, CP: input.CP, CLA: input.CLA },
    referral: input.referral,
  };
}

/**
 * A price index by year (e.g. the GDP deflator): `{ "2019": 100, "2023": 118.2 }`.
 * Keys are the tariff sets' price years.
 */
export const ZPriceIndex = z.record(z.string().regex(/^\d{4}(\/\d{2})?$/), z.number().positive().finite());
export type TPriceIndex = z.infer<typeof ZPriceIndex>;

/** Re-bases a tariff set to another price year by the ratio of the index values. */
export function rebaseTariffSet(set: TTariffSet, toPriceYear: string, index: TPriceIndex): TTariffSet {
  const from = index[set.priceYear];
  const to = index[toPriceYear];
  if (from === undefined || to === undefined) {
    const missing = from === undefined ? set.priceYear : toPriceYear;
    throw new DomainError("INVALID_INPUT", `the price index has no value for ${missing}`, [
      { path: ["index", missing], message: "missing price year" },
    ]);
  }
  const factor = to / from;
  return {
    ...set,
    id: `${set.id}@${toPriceYear.replace("/", "-")}`,
    name: `${set.name} (re-based to ${toPriceYear} prices)`,
    source: `${set.source}; re-based from ${set.priceYear} to ${toPriceYear} by a price index (${from} → ${to})`,
    priceYear: toPriceYear,
    annualPerChild: {
      CIN: set.annualPerChild.CIN * factor,
      CP: set.annualPerChild.CP * factor,
      CLA: set.annualPerChild.CLA * factor,
    },
    referral: set.referral * factor,
  };
}
