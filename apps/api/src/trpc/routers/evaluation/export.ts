/**
 * Exports of a saved analysis: every report table with small numbers
 * suppressed (counts of 1–4 people withheld), written as CSV or XLSX by the
 * one export writer (src/export/writer.ts).
 */
import { analysisTables, suppressSmallNumbers, type AnalysisResult, type ReportTable } from "@evident/core";

/** The run's tables; for publication (the default) with small numbers suppressed (primary "<5" and secondary "[c]"). */
export function exportTables(result: AnalysisResult, options: { published?: boolean } = {}): ReportTable[] {
  const tables = analysisTables(result);
  return options.published === false ? tables : tables.map((t) => suppressSmallNumbers(t));
}
