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
