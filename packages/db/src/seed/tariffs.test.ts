import { BUILT_IN_TARIFF_SETS } from "@evident/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED } from "./index.js";
import { buildDemo } from "./demo.js";

describe("demo tariff sets", () => {
  it("offers the report's GMCA 2019 tariffs once: no stored set repeats a built-in set's rates", () => {
    const rows = buildDemo({ seed: DEFAULT_SEED, families: 20 });
    const key = (r: { annualPerChild: { CLA: number; CP: number; CIN: number }; referral: number }) => [r.annualPerChild.CLA, r.annualPerChild.CP, r.annualPerChild.CIN, r.referral].join("/");
    const offered = [
      ...Object.values(BUILT_IN_TARIFF_SETS).map((t) => ({ name: t.name, key: key(t) })),
      ...rows.tariffSet.map((t) => ({ name: t.name, key: key(t.rates as never) })),
    ];
    // GMCA 2019 (Table 22): CLA £58,663, CP £3,727, CIN £3,402 a year, £223 a referral.
    expect(offered.filter((t) => t.key === "58663/3727/3402/223")).toHaveLength(1);
    expect(new Set(offered.map((t) => t.key)).size).toBe(offered.length);
    expect(offered.filter((t) => /GMCA/.test(t.name))).toHaveLength(1);
  });
});
