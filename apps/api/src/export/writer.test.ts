/**
 * #15 finding 7: one export writer, formula-safe everywhere. Table 26's XLSX export wrote `=1+1`,
 * `+1+1`, `-2`, `@SUM(1)` raw (training.test.ts checks that export end to end); every export now
 * goes through this writer.
 */
import type { Cell, ReportTable } from "@evident/core";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csvFile, csvText, xlsxBuffer, xlsxFile } from "./writer.js";

const text = (value: string): Cell => ({ value, format: "text" });
const HOSTILE = ["=1+1", "+1+1", "-2", "@SUM(1)", "|cmd", "%0A", "\tplain", "\rcarriage", "  =1", "\u0000x", '=HYPERLINK("http://x")'];
const SAFE = ["safe", "a=b", "1-2", "name@example"];

function table(values: string[]): ReportTable {
  return { id: "t", title: "=title", columns: ["=value", "count"], rows: values.map((v, i) => [text(v), { value: i - 1, format: "integer" }]) };
}

async function sheetValues(buffer: Buffer, name = "t") {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet(name)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { rows, sheet };
}

describe("the export writer", () => {
  it("XLSX: every text cell, header and title starting = + - @ | % tab CR or a control character gets an apostrophe; numbers stay numbers", async () => {
    const { rows, sheet } = await sheetValues(await xlsxBuffer("T", [table([...HOSTILE, ...SAFE])], { titleRow: true }));
    expect(rows[0]).toEqual(["'=title"]);
    expect(rows[1]).toEqual(["'=value", "count"]);
    // XML stores a CR as a line feed and cannot hold a NUL: what matters is the apostrophe in front.
    const asStored = (v: string) => v.replace(/\r/g, "\n").replace(/\u0000/g, "");
    expect(rows.slice(2).map((r) => r[0])).toEqual([...HOSTILE.map((v) => asStored(`'${v}`)), ...SAFE]);
    expect(rows.slice(2).map((r) => r[1])).toEqual([...HOSTILE, ...SAFE].map((_, i) => i - 1));
    for (let i = 3; i < 3 + HOSTILE.length; i++) expect(sheet.getRow(i).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.Number);
  });

  it("CSV: the same values, quoted per RFC 4180, numbers raw, with a byte-order mark", () => {
    const csv = csvText([table(["=1+1", "-2", "@SUM(1)", "\tx", "\rcr", "a,b", "safe"])]);
    expect(csv.startsWith("\uFEFF'=value,count\r\n")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual(["'=value,count", "'=1+1,-1", "'-2,0", "'@SUM(1),1", "'\tx,2", "\"'\rcr\",3", '"a,b",4', "safe,5", ""]);
  });

  it("withheld small numbers are written as their label, never the number", async () => {
    const t: ReportTable = { id: "t", title: "T", columns: ["n"], rows: [[{ value: 3, format: "integer", suppressed: true, label: "<5" }]] };
    expect(csvText([t])).toBe("\uFEFFn\r\n<5\r\n");
    const { rows } = await sheetValues(await xlsxBuffer("T", [t]));
    expect(rows).toEqual([["n"], ["<5"]]);
  });

  it("files carry their name and type; CSV bundles put each title on a row of its own", async () => {
    const a = csvFile("a.csv", [table(["x"]), { ...table(["y"]), id: "u", title: "Second" }], { titles: true });
    expect(a).toMatchObject({ filename: "a.csv", contentType: "text/csv; charset=utf-8" });
    const body = Buffer.from(a.base64, "base64").toString("utf8");
    expect(body).toContain("'=title\r\n'=value,count\r\nx,-1\r\n");
    expect(body).toContain("Second\r\n'=value,count\r\ny,-1\r\n");
    const x = await xlsxFile("a.xlsx", "T", [table(["x"]), table(["y"])]);
    expect(x.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, "base64") as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["t", "t-2"]);
  });
});
