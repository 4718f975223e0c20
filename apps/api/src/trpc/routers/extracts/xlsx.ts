/** Data tables as an XLSX workbook (one sheet per table, header row first), text protected against formula injection. */
import { formatCell, neutraliseFormula, type ReportTable } from "@evident/core";
import ExcelJS from "exceljs";

export async function tablesToXlsx(title: string, tables: ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Evident";
  workbook.title = title;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.id.slice(0, 31));
    sheet.addRow(table.columns.map(neutraliseFormula)).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(row.map((cell) => (cell.suppressed ? formatCell(cell) : typeof cell.value === "string" ? neutraliseFormula(cell.value) : cell.value)));
    }
    sheet.columns.forEach((column) => {
      column.width = 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
