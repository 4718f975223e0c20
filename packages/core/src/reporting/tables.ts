/**
 * Report tables as data: one structure rendered as plain text by the CLI, as
 * CSV or XLSX by exports, and as HTML tables by the portal. Cells keep their
 * raw values and say how they are formatted, and which of them count people
 * (so that small numbers can be suppressed before publication).
 */
export type CellFormat = "integer" | "decimal1" | "decimal2" | "gbp" | "percent" | "text";

export interface Cell {
  value: number | string | null;
  format: CellFormat;
  /** True when the cell is a count of people (children, families, staff). */
  people?: boolean;
  /** Set by suppressSmallNumbers: the value was withheld. */
  suppressed?: boolean;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  notes?: string[];
}

export const text = (value: string): Cell => ({ value, format: "text" });
export const int = (value: number): Cell => ({ value, format: "integer" });
export const people = (value: number): Cell => ({ value, format: "integer", people: true });
export const dec1 = (value: number): Cell => ({ value, format: "decimal1" });
export const dec2 = (value: number): Cell => ({ value, format: "decimal2" });
export const gbp = (value: number): Cell => ({ value, format: "gbp" });
export const percent = (value: number): Cell => ({ value, format: "percent" });
export const blank = (): Cell => ({ value: null, format: "text" });

/** Formats a cell for people to read (en-GB): £1,234; 30.8%; 1,234. */
export function formatCell(cell: Cell): string {
  if (cell.suppressed) return "[c]";
  const v = cell.value;
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (!Number.isFinite(v)) return "–";
  switch (cell.format) {
    case "gbp":
      return `${v < 0 ? "-" : ""}£${Math.round(Math.abs(v)).toLocaleString("en-GB")}`;
    case "percent":
      return `${(v * 100).toFixed(1)}%`;
    case "decimal1":
      return v.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case "decimal2":
      return v.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default:
      return Math.round(v).toLocaleString("en-GB");
  }
}

/** Renders a table as aligned plain text (first column left-aligned, the rest right-aligned). */
export function renderText(table: ReportTable): string {
  const body = table.rows.map((row) => row.map(formatCell));
  const widths = table.columns.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [table.title, line(table.columns), rule, ...body.map(line), ...(table.notes ?? [])].join("\n");
}

/**
 * Withholds counts of people from 1 to `threshold − 1` (default: below 5), as
 * official statistics do, and marks them suppressed; zero is shown. Derived
 * cells in the same row (percentages, means) that would reveal a suppressed
 * count are withheld too. Returns a new table.
 */
export function suppressSmallNumbers(table: ReportTable, threshold = 5): ReportTable {
  let any = false;
  const rows = table.rows.map((row) => {
    const hides = row.some((c) => c.people && typeof c.value === "number" && c.value > 0 && c.value < threshold);
    if (!hides) return row;
    any = true;
    return row.map((c) => {
      if (c.format === "text") return c;
      const small = c.people && typeof c.value === "number" && c.value > 0 && c.value < threshold;
      const derived = !c.people && (c.format === "percent" || c.format === "decimal1" || c.format === "decimal2");
      return small || derived ? { ...c, value: null, suppressed: true } : c;
    });
  });
  return {
    ...table,
    rows,
    notes: any ? [...(table.notes ?? []), `[c] = withheld: fewer than ${threshold} people.`] : table.notes,
  };
}

const FORMULA_START = /^[\uFEFF\s\u0000-\u001f]*[=+\-@|%]/;

/** Makes a value safe to open in a spreadsheet: text that could start a formula gets a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * RFC 4180 CSV of a table (CRLF line ends, quoted where needed). Numbers are
 * written raw (unrounded) so that analysts can recompute; text is protected
 * against formula injection; suppressed cells are written as `[c]`.
 */
export function toCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvField(neutraliseFormula(c))).join(",")];
  for (const row of table.rows) {
    lines.push(
      row
        .map((cell) => {
          if (cell.suppressed) return "[c]";
          if (cell.value === null) return "";
          if (typeof cell.value === "number") return Number.isFinite(cell.value) ? String(cell.value) : "";
          return csvField(neutraliseFormula(cell.value));
        })
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
