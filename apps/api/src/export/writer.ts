/**
 * The one export writer: every file a person downloads (the evaluation's
 * tables, Table 26, pseudonymised extracts, CSVs and XLSX workbooks alike) is
 * written here, from @evident/core's `ReportTable`s. Text is made safe to
 * open in a spreadsheet everywhere (`neutraliseFormula`: a value starting
 * with = + - @ | %, a tab, a carriage return or another control character
 * gets a leading apostrophe), numbers are written as numbers, withheld small
 * numbers as their label (`<5`, `[c]`).
 */
import { formatCell, neutraliseFormula, toCsv, type ReportTable, type Cell } from "@evident/core";
import ExcelJS from "exceljs";

export interface ExportFile {
  filename: string;
  contentType: string;
  base64: string;
}

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const NUMBER_FORMATS: Record<string, string> = {
  integer: "#,##0",
  decimal1: "#,##0.0",
  decimal2: "#,##0.00",
  gbp: '"£"#,##0;-"£"#,##0',
  percent: "0.0%",
};

/** What goes in a spreadsheet cell: a number as a number, text made formula-safe. */
export function xlsxValue(cell: Cell): string | number | null {
  if (cell.suppressed) return formatCell(cell);
  if (cell.value === null) return null;
  if (typeof cell.value === "number") return Number.isFinite(cell.value) ? cell.value : null;
  return neutraliseFormula(formatCell(cell));
}

/** CSV text with a byte-order mark (Excel reads it as UTF-8); `titles` puts each table's title on a row of its own before it. */
export function csvText(tables: readonly ReportTable[], options: { titles?: boolean } = {}): string {
  const parts = tables.map((t) => (options.titles ? toCsv({ ...t, columns: [t.title], rows: [] }) : "") + toCsv(t));
  return `\uFEFF${parts.join(options.titles ? "\r\n" : "")}`;
}

export interface XlsxOptions {
  /** A bold title row above each table's header (false: header first, for files loaded by programs). */
  titleRow?: boolean;
  /** The last row in bold (a totals row). */
  totalsRow?: boolean;
  /** Column widths in characters (default: first 36 with titles, else 18; others 18). */
  widths?: readonly number[];
}

export async function xlsxBuffer(title: string, tables: readonly ReportTable[], options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Evident";
  workbook.title = neutraliseFormula(title);
  const used = new Set<string>();
  for (const table of tables) {
    // Sheet names: 31 characters at most, unique, none of : \ / ? * [ ].
    const base = table.id.replace(/[:\\/?*[\]]/g, "-");
    let name = base.slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}-${i}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name);
    if (options.titleRow) sheet.addRow([neutraliseFormula(table.title)]).font = { bold: true };
    sheet.addRow(table.columns.map(neutraliseFormula)).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(row.map(xlsxValue));
      row.forEach((cell, i) => {
        const format = NUMBER_FORMATS[cell.format];
        if (format && typeof cell.value === "number" && !cell.suppressed) added.getCell(i + 1).numFmt = format;
      });
    }
    if (options.totalsRow && table.rows.length > 0) sheet.lastRow!.font = { bold: true };
    for (const note of table.notes ?? []) sheet.addRow([neutraliseFormula(note)]).font = { italic: true };
    sheet.columns.forEach((column, i) => {
      column.width = options.widths?.[i] ?? (i === 0 && options.titleRow ? 36 : 18);
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csvFile(filename: string, tables: readonly ReportTable[], options: { titles?: boolean } = {}): ExportFile {
  return { filename, contentType: CSV_TYPE, base64: Buffer.from(csvText(tables, options), "utf8").toString("base64") };
}

export async function xlsxFile(filename: string, title: string, tables: readonly ReportTable[], options: XlsxOptions = {}): Promise<ExportFile> {
  return { filename, contentType: XLSX_TYPE, base64: (await xlsxBuffer(title, tables, options)).toString("base64") };
}
