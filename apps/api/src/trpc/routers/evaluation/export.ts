/**
 * Exports of a saved analysis: every report table with small numbers
 * suppressed (counts of 1–4 people withheld), as CSV (formula-safe, RFC 4180)
 * or as an XLSX workbook with one sheet per table.
 */
import { analysisTables, formatCell, neutraliseFormula, suppressSmallNumbers, toCsv, type AnalysisResult, type ReportTable } from "@evident/core";
import ExcelJS from "exceljs";

/** The run's tables; for publication (the default) with small numbers suppressed (primary "<5" and secondary "[c]"). */
export function exportTables(result: AnalysisResult, options: { published?: boolean } = {}): ReportTable[] {
  const tables = analysisTables(result);
  return options.published === false ? tables : tables.map((t) => suppressSmallNumbers(t));
}

export function toCsvBundle(title: string, tables: ReportTable[]): string {
  // One file, tables one after another, each introduced by its title row.
  return tables.map((t) => toCsv({ ...t, columns: [t.title], rows: [] }) + toCsv(t)).join("\r\n");
}

const NUMBER_FORMATS: Record<string, string> = {
  integer: "#,##0",
  decimal1: "#,##0.0",
  decimal2: "#,##0.00",
  gbp: '"£"#,##0;-"£"#,##0',
  percent: "0.0%",
};

export async function toXlsx(title: string, tables: ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Evident";
  workbook.title = title;
  const used = new Set<string>();
  for (const table of tables) {
    let name = table.id.slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${table.id.slice(0, 28)}-${i}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) => {
          if (cell.suppressed) return formatCell(cell);
          if (typeof cell.value === "string") return neutraliseFormula(formatCell(cell));
          return cell.value;
        }),
      );
      row.forEach((cell, i) => {
        const format = NUMBER_FORMATS[cell.format];
        if (format && typeof cell.value === "number") added.getCell(i + 1).numFmt = format;
      });
    }
    for (const note of table.notes ?? []) sheet.addRow([note]).font = { italic: true };
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 36 : 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
