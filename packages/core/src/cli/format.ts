/**
 * Plain-text output of `evident analyse` and `evident cba`: the warnings in
 * plain words first, then the report-style tables from `reporting/`.
 */
import type { AnalysisResult } from "../evaluation/analyse.js";
import type { CbaResult } from "../evaluation/cba.js";
import type { TWarning } from "../evaluation/warnings.js";
import { analysisTables, cbaTables } from "../reporting/analysis-tables.js";
import { renderText } from "../reporting/tables.js";

export function formatWarnings(warnings: TWarning[]): string {
  if (warnings.length === 0) return "No data-quality or comparability warnings.";
  const order = { error: 0, warning: 1, info: 2 } as const;
  return [
    `Read these before the numbers (${warnings.length}):`,
    ...[...warnings].sort((a, b) => order[a.severity] - order[b.severity]).map((w) => `  [${w.severity.toUpperCase()}] ${w.code}: ${w.message}`),
  ].join("\n");
}

export function formatAnalysis(r: AnalysisResult): string {
  const { intervention: i, comparison: c } = r.cohorts;
  const tables = analysisTables(r).filter((t) => t.id !== "warnings");
  return [
    `Evident analysis as at ${r.asAt}: ${r.windowMonths}-month windows before the start and after the end of the intervention; intervention n=${i.n}, comparison n=${c.n}.`,
    "",
    formatWarnings(r.warnings),
    ...tables.flatMap((t) => [
      "",
      ...(t.id === "matching-sizes" && r.matching ? [`Matched comparison. ${formatWarnings(r.matching.warnings).replace("No data-quality or comparability warnings.", "No warnings about the matching.")}`, ""] : []),
      renderText(t),
    ]),
  ].join("\n");
}

export function formatCba(r: CbaResult): string {
  return [formatWarnings(r.warnings), ...cbaTables(r).filter((t) => t.id !== "warnings").flatMap((t) => ["", renderText(t)])].join("\n");
}
