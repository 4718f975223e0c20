/**
 * Report tables as data: one structure rendered as plain text by the CLI, as
 * CSV or XLSX by exports, and as HTML tables by the portal. Cells keep their
 * raw values and say how they are formatted, and which of them count people
 * (so that small numbers can be suppressed before publication).
 */
export type CellFormat = "integer" | "decimal1" | "decimal2" | "gbp" | "percent" | "text";

/** One cell of a report table: its raw value and how to show it. */
export interface Cell {
  value: number | string | null;
  format: CellFormat;
  /** True when the cell is a count of people (children, families, staff). */
  people?: boolean;
  /** Set by suppressSmallNumbers: the value was withheld. */
  suppressed?: boolean;
  /** What a withheld cell shows: "<5" for a small count, "[c]" for one withheld to protect it. */
  label?: string;
}

/** A report table as data, rendered as text by the CLI, as CSV or XLSX by exports and as HTML by the portal. */
export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  notes?: string[];
  /** Which lines add up, for secondary suppression (default: rows and columns). */
  additive?: Additivity;
}

/** A text cell. */
export const text = (value: string): Cell => ({ value, format: "text" });
/** A whole-number cell that is not a count of people (never suppressed). */
export const int = (value: number): Cell => ({ value, format: "integer" });
/** A count of people (children, families, staff): small ones are suppressed by `suppressSmallNumbers`. */
export const people = (value: number): Cell => ({ value, format: "integer", people: true });
/** A number shown to one decimal place. */
export const dec1 = (value: number): Cell => ({ value, format: "decimal1" });
/** A number shown to two decimal places. */
export const dec2 = (value: number): Cell => ({ value, format: "decimal2" });
/** An amount in pounds, shown as £1,234. */
export const gbp = (value: number): Cell => ({ value, format: "gbp" });
/** A share (0 to 1), shown as a percentage. */
export const percent = (value: number): Cell => ({ value, format: "percent" });
/** An empty cell. */
export const blank = (): Cell => ({ value: null, format: "text" });

/** Formats a cell for people to read (en-GB): £1,234; 30.8%; 1,234. */
export function formatCell(cell: Cell): string {
  if (cell.suppressed) return cell.label ?? "[c]";
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

/** Which lines of a table add up (to a total shown in the table or in its title), for secondary suppression. */
export interface Additivity {
  /** The people counts in each column add up (default true). */
  columns?: boolean;
  /** The people counts in each row add up (default true). */
  rows?: boolean;
}

/**
 * Withholds counts of people from 1 to `threshold − 1` (default: 1–4), as
 * official statistics do: they are shown as "<5" (primary suppression); zero
 * is shown. Then secondary suppression: in every row and column whose people
 * counts add up (both, unless `additive` says otherwise — erring towards
 * withholding), a line with exactly one withheld count gets a second one
 * withheld ("[c]"), so the small number cannot be worked out by subtracting
 * the other cells from a total. The second cell is the smallest count of at
 * least 2 × (threshold − 1) if there is one (so that subtracting, knowing the
 * second cell is at least `threshold`, still leaves every value 1–4 possible),
 * else the largest remaining count, else a zero; this repeats until no line
 * has a single withheld cell. Derived cells in a row with any withheld count
 * (percentages, means, changes — any number that is not itself a count of
 * people) are withheld too ("[c]"). Returns a new table.
 */
export function suppressSmallNumbers(table: ReportTable, threshold = 5, additive: Additivity = table.additive ?? {}): ReportTable {
  const small = (c: Cell) => c.people === true && typeof c.value === "number" && c.value > 0 && c.value < threshold;
  const isCount = (c: Cell) => c.people === true && typeof c.value === "number" && Number.isFinite(c.value);
  const withheld = table.rows.map((row) => row.map((c) => (small(c) ? "primary" : null)) as ("primary" | "secondary" | null)[]);
  const lines: [number, number][][] = [];
  if (additive.rows !== false) table.rows.forEach((row, r) => lines.push(row.flatMap((c, i) => (isCount(c) ? [[r, i] as [number, number]] : []))));
  if (additive.columns !== false) {
    const width = Math.max(0, ...table.rows.map((row) => row.length));
    for (let i = 0; i < width; i++) lines.push(table.rows.flatMap((row, r) => (row[i] && isCount(row[i]!) ? [[r, i] as [number, number]] : [])));
  }
  const safeSecond = 2 * (threshold - 1);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([r, i]) => withheld[r]![i] !== null);
      if (hidden.length !== 1) continue;
      const open = line.filter(([r, i]) => withheld[r]![i] === null).map(([r, i]) => ({ r, i, v: table.rows[r]![i]!.value as number }));
      if (open.length === 0) continue;
      const big = open.filter((o) => o.v >= safeSecond).sort((a, b) => a.v - b.v)[0];
      const nonZero = open.filter((o) => o.v > 0).sort((a, b) => b.v - a.v)[0];
      const pick = big ?? nonZero ?? open[0]!;
      withheld[pick.r]![pick.i] = "secondary";
      changed = true;
    }
  }
  let primary = false;
  let secondary = false;
  const rows = table.rows.map((row, r) => {
    const marks = withheld[r]!;
    if (!marks.some((m) => m !== null)) return row;
    return row.map((c, i): Cell => {
      if (marks[i] === "primary") {
        primary = true;
        return { ...c, value: null, suppressed: true, label: `<${threshold}` };
      }
      if (marks[i] === "secondary") {
        secondary = true;
        return { ...c, value: null, suppressed: true, label: "[c]" };
      }
      if (c.format === "text" || c.people || c.value === null) return c;
      secondary = true;
      return { ...c, value: null, suppressed: true, label: "[c]" };
    });
  });
  const notes = [...(table.notes ?? [])];
  if (primary) notes.push(`<${threshold} = withheld: 1 to ${threshold - 1} people.`);
  if (secondary) notes.push(`[c] = withheld so that a small number cannot be worked out from the other figures.`);
  return { ...table, rows, notes: primary || secondary ? notes : table.notes };
}

// A formula character after optional whitespace, or a tab / carriage return / other control character at the start
// (after optional spaces): spreadsheets may treat either as the start of a formula or a new cell.
const FORMULA_START = /^[\uFEFF\s\u0000-\u001f]*[=+\-@|%]|^[\uFEFF \u00a0]*[\t\r\n\u0000-\u001f]/;

/**
 * Makes a value safe to open in a spreadsheet: text that begins (after optional whitespace) with `= + - @ | %`,
 * or begins with a tab or other control character, gets a leading apostrophe. Used for CSV and XLSX alike.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A number as a CSV field, rounded as the screen shows it (`formatCell`) but
 * without thousands separators or a currency sign, so a spreadsheet or a
 * program reads it as a number: counts and pounds whole, decimals to 1 or 2
 * places, percentages to 1 place with their sign ("30.8%", which a
 * spreadsheet reads as 0.308).
 */
export function csvNumber(value: number, format: CellFormat): string {
  if (!Number.isFinite(value)) return "";
  const fixed =
    format === "decimal1" ? value.toFixed(1) : format === "decimal2" ? value.toFixed(2) : format === "percent" ? (value * 100).toFixed(1) : String(Math.round(value));
  // No "-0" or "-0.0": a value that rounds to zero is zero.
  const out = Number(fixed) === 0 ? fixed.replace(/^-/, "") : fixed;
  return format === "percent" ? `${out}%` : out;
}

/**
 * RFC 4180 CSV of a table (CRLF line ends, quoted where needed). Numbers are
 * rounded as on screen (`csvNumber`); text is protected against formula
 * injection; withheld cells are written as their label (`<5` or `[c]`).
 */
export function toCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvField(neutraliseFormula(c))).join(",")];
  for (const row of table.rows) {
    lines.push(
      row
        .map((cell) => {
          if (cell.suppressed) return csvField(cell.label ?? "[c]");
          if (cell.value === null) return "";
          if (typeof cell.value === "number") return csvNumber(cell.value, cell.format);
          return csvField(neutraliseFormula(cell.value));
        })
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
