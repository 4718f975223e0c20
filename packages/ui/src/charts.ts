import type { CSSProperties } from "react";

/**
 * Styles for every chart tooltip (recharts' <Tooltip {...CHART_TOOLTIP} />):
 * GOV.UK black text on white, 19:1 (WCAG 1.4.3 asks 4.5:1). Without them the
 * series' own colours are used for the text, some of them too light.
 */
export const CHART_TOOLTIP: { contentStyle: CSSProperties; labelStyle: CSSProperties; itemStyle: CSSProperties } = {
  contentStyle: { color: "#0b0c0c", background: "#ffffff", border: "1px solid #0b0c0c" },
  labelStyle: { color: "#0b0c0c", fontWeight: 700 },
  itemStyle: { color: "#0b0c0c" },
};

/**
 * How every line chart draws its line: straight segments between the points,
 * never a smoothed curve (a curve invents values between periods and, for small
 * counts, bumps below zero or above the next point). Dots mark the points when
 * there are few of them or the values are small counts, so each one is seen.
 */
export function chartLine(values: readonly (number | null | undefined)[]): { type: "linear"; dot: boolean } {
  const shown = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const smallCounts = shown.length > 0 && shown.every((v) => Number.isInteger(v) && Math.abs(v) <= 20);
  return { type: "linear", dot: shown.length <= 24 || smallCounts };
}

/** An axis that labels every period (no tick skipped when they are crowded): turned labels, room below for them. */
export const EVERY_PERIOD_AXIS = { interval: 0, angle: -60, textAnchor: "end", height: 70 } as const;
