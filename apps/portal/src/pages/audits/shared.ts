/** Labels for audit answers and periods (display only; the rules are in @evident/core). */
export const ANSWER_LABEL: Record<string, string> = {
  yes: "Yes",
  partly: "Partly",
  no: "No",
  outstanding: "Outstanding",
  good: "Good",
  requires_improvement: "Requires improvement",
  inadequate: "Inadequate",
  not_applicable: "Not applicable",
};

export const SCALE_OPTIONS: Record<string, string[]> = {
  evidence: ["yes", "partly", "no", "not_applicable"],
  graded: ["outstanding", "good", "requires_improvement", "inadequate", "not_applicable"],
};

export const pct = (x: number | null | undefined, dp = 0) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(dp)}%`);
export const periodLabel = (p: string) => p.charAt(0).toUpperCase() + p.slice(1);
