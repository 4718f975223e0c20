/**
 * Reading and checking an SSD extract: one CSV per table, named
 * `<table>.csv`, header row = SSD field names. Rows are handed in one at a
 * time (from strings here, streamed from disk in @evident/core/node), each
 * checked as it arrives; the checks across tables (person ids known to
 * ssd_person) run when ssd_person has been read, so ssd_person is read first.
 *
 * Problems use the `evident convert` validation.json shape: file (the
 * table's CSV), row (the CSV line, header = 1; 0 = the whole file), field
 * (the SSD column), rule, severity, message. Rules are listed in docs/ssd.md.
 */
import Papa from "papaparse";
import { isNullCell, parseAssessmentFactors, parseSsdDate, parseSsdFlag, readCode } from "./codes.js";
import { SSD_TABLE_NAMES, SSD_TABLES, type SsdColumnSpec, type SsdTableName, type SsdTables, type SsdTableSpec } from "./tables.js";

export type SsdSeverity = "error" | "warning" | "info";

export interface SsdProblem {
  file: string;
  row: number;
  field: string;
  rule: string;
  severity: SsdSeverity;
  message: string;
}

export interface SsdFileSummary {
  table: SsdTableName;
  file: string;
  /** Data rows read. */
  rows: number;
}

export interface SsdExtract {
  tables: SsdTables;
  files: SsdFileSummary[];
  problems: SsdProblem[];
}

export interface ReadSsdOptions {
  /** Stop listing problems after this many (default 10 000); a final ssd-too-many warning says how many were left out. */
  maxProblems?: number;
}

/** The rule codes used in validation.json (see docs/ssd.md). */
export const SSD_RULES = {
  missingTable: "ssd-missing-table",
  notRead: "ssd-not-read",
  missingColumn: "ssd-missing-column",
  required: "ssd-required",
  unique: "ssd-unique",
  unknownPerson: "ssd-unknown-person",
  date: "ssd-date",
  startMissing: "ssd-start-missing",
  startAfterEnd: "ssd-start-after-end",
  code: "ssd-code",
  description: "ssd-description",
  flag: "ssd-flag",
  factors: "ssd-factors",
  unknownLink: "ssd-unknown-link",
  sameDayReferral: "ssd-same-day-referral",
  tooMany: "ssd-too-many",
} as const;

const CODE_SET_LABEL: Record<string, string> = {
  sex: "M, F or U",
  gender: "00, 01, 02 or 09",
  ethnicity: "a DfE ethnicity code (WBRI … NOBT)",
  referralSource: "a CIN census referral source code (1A … 10)",
  cinPrimaryNeed: "a CIN census primary need code (N0 … N9)",
  claPrimaryNeed: "an SSDA903 category of need (N1 … N8)",
  closeReason: "a CIN census reason for closure (RC1 … RC9)",
  categoryOfAbuse: "a CIN census category of abuse (NEG, PHY, SAB, EMO or MUL)",
  rne: "an SSDA903 reason for new episode (S, L, P, T, B or U)",
  rec: "an SSDA903 reason episode ceased (X1, E11 … E17)",
};

interface TablePlan {
  spec: SsdTableSpec;
  file: string;
  /** For each used column, its index in the file's header (-1 = absent). */
  at: number[];
  keys: Set<string>;
  rows: Record<string, string | number | null>[];
  /** Index of the start and end columns in spec.columns (-1 = none). */
  start: number;
  end: number;
}

/** Collects an SSD extract table by table. Call `table()` then `row()` for each row, then `finish()`. */
export class SsdCollector {
  private readonly problems: SsdProblem[] = [];
  private readonly max: number;
  private dropped = 0;
  private readonly described = new Map<string, { problem: SsdProblem; count: number; code: string; value: string }>();
  private readonly tables = Object.fromEntries(SSD_TABLE_NAMES.map((n) => [n, []])) as unknown as SsdTables;
  private readonly files: SsdFileSummary[] = [];
  private readonly seen = new Set<SsdTableName>();
  private persons: Set<string> | undefined;
  private current: TablePlan | undefined;
  /** The row being read: its line and the fields with a problem so far. */
  private line = 0;
  private readonly bad: string[] = [];
  private readonly report = (field: string, rule: string, severity: SsdSeverity, message: string): void => {
    this.bad.push(field);
    this.add({ file: this.current!.file, row: this.line, field, rule, severity, message });
  };

  constructor(options: ReadSsdOptions = {}) {
    this.max = options.maxProblems ?? 10_000;
  }

  add(problem: SsdProblem): void {
    if (this.problems.length >= this.max) this.dropped++;
    else this.problems.push(problem);
  }

  /** A file that is not one of the tables Evident reads. */
  skipFile(file: string): void {
    this.add({ file, row: 0, field: "", rule: SSD_RULES.notRead, severity: "info", message: `${file} is not one of the SSD tables Evident reads; it was not read.` });
  }

  /**
   * Starts a table from its header. Returns false (with an error) when a
   * required column is missing; the table's rows are then not read.
   */
  table(name: SsdTableName, file: string, header: string[]): boolean {
    this.endTable();
    if (name !== "ssd_person" && this.persons === undefined) throw new Error("ssd_person must be read before the other tables");
    if (this.seen.has(name)) {
      this.add({ file, row: 0, field: "", rule: SSD_RULES.unique, severity: "error", message: `${name} was given twice; give each table once.` });
      return false;
    }
    this.seen.add(name);
    const keys = new Set<string>();
    if (name === "ssd_person") this.persons = keys;
    if (header.length === 0) {
      // An empty file is an empty table.
      this.files.push({ table: name, file, rows: 0 });
      return false;
    }
    const spec = SSD_TABLES.find((t) => t.name === name)! as SsdTableSpec;
    const names = header.map((h) => h.trim().toLowerCase());
    const at = spec.columns.map((c) => {
      const i = names.indexOf(c.name);
      return i >= 0 ? i : Math.max(-1, ...(c.aliases ?? []).map((a) => names.indexOf(a)));
    });
    let ok = true;
    spec.columns.forEach((c, i) => {
      const demanded = c.name === spec.key || c.required || c.person || (c.name === spec.start && spec.startMissing === "error");
      if (demanded && at[i] === -1) {
        ok = false;
        this.add({ file, row: 1, field: c.name, rule: SSD_RULES.missingColumn, severity: "error", message: `${file} has no ${c.name} column, which Evident needs.` });
      }
    });
    this.files.push({ table: name, file, rows: 0 });
    if (!ok) return false;
    this.current = {
      spec,
      file,
      at,
      keys,
      rows: this.tables[name] as unknown as Record<string, string | number | null>[],
      start: spec.start ? spec.columns.findIndex((c) => c.name === spec.start) : -1,
      end: spec.end ? spec.columns.findIndex((c) => c.name === spec.end) : -1,
    };
    return true;
  }

  /** One data row: `cell(i)` gives the raw text of header column i (any index; "" when beyond the row). */
  row(line: number, cell: (i: number) => string): void {
    const t = this.current;
    if (!t) return;
    this.files[this.files.length - 1]!.rows++;
    const { spec, file } = t;
    const record: Record<string, string | number | null> = { line };
    const bad = this.bad;
    bad.length = 0;
    this.line = line;
    const p = this.report;
    let skip = false;
    for (let i = 0; i < spec.columns.length; i++) {
      const c = spec.columns[i]!;
      const raw = t.at[i]! < 0 ? "" : cell(t.at[i]!).trim();
      const value = isNullCell(raw) ? null : this.cell(c, raw, p);
      if (value === null && (c.required || c.person || c.name === spec.key)) {
        p(c.name, SSD_RULES.required, "error", `${c.name} is blank; every ${spec.name} row needs one.`);
      }
      record[c.name] = value;
    }
    const key = record[spec.key] as string | null;
    if (key !== null) {
      if (t.keys.has(key)) p(spec.key, SSD_RULES.unique, "error", `${spec.key} ${key} appears more than once; each row needs its own.`);
      else t.keys.add(key);
    }
    for (const c of spec.columns) {
      const v = record[c.name] as string | null;
      if (c.person && v !== null && this.persons !== undefined && !this.persons.has(v)) {
        p(c.name, SSD_RULES.unknownPerson, "error", `person ${v} is not in ssd_person.`);
      }
    }
    if (t.start >= 0) {
      const startName = spec.columns[t.start]!.name;
      const start = record[startName] as string | null;
      const end = t.end >= 0 ? (record[spec.columns[t.end]!.name] as string | null) : null;
      if (start === null && !bad.includes(startName)) {
        if (spec.startMissing === "error") p(startName, SSD_RULES.startMissing, "error", `${startName} is blank; a ${spec.name} row needs its start date.`);
        else {
          p(startName, SSD_RULES.startMissing, "warning", `${startName} is blank; this ${spec.name} row was left out.`);
          skip = true;
        }
      }
      if (start !== null && end !== null && end < start) {
        p(spec.columns[t.end]!.name, SSD_RULES.startAfterEnd, "error", `${spec.columns[t.end]!.name} ${end} is before ${startName} ${start}.`);
      }
    }
    if (!skip) t.rows.push(record);
  }

  private cell(c: SsdColumnSpec, raw: string, p: (field: string, rule: string, severity: SsdSeverity, message: string) => void): string | null {
    switch (c.kind) {
      case "id":
      case "text":
        return raw;
      case "date": {
        const iso = parseSsdDate(raw);
        if (iso === undefined) p(c.name, SSD_RULES.date, "error", `${c.name} ${JSON.stringify(raw)} is not a real date (write YYYY-MM-DD, optionally with a time).`);
        return iso ?? null;
      }
      case "flag": {
        const flag = parseSsdFlag(raw);
        if (flag === undefined) p(c.name, SSD_RULES.flag, "warning", `${c.name} ${JSON.stringify(raw)} is not Y or N; it was read as blank.`);
        return flag ?? null;
      }
      case "code": {
        const reading = readCode(c.codes!, raw);
        if (reading.code === undefined) {
          p(c.name, SSD_RULES.code, "error", `${c.name} ${JSON.stringify(raw)} is not ${CODE_SET_LABEL[c.codes!] ?? "a valid code"}.`);
          return null;
        }
        if (reading.mapped) this.describedAs(c.name, raw, reading.code, p);
        return reading.code;
      }
      case "factors": {
        const reading = parseAssessmentFactors(raw);
        if (!reading.ok) {
          p(c.name, SSD_RULES.factors, "error", `${c.name} is neither a JSON list or object nor a comma-separated list of factor codes.`);
          return null;
        }
        for (const bad of reading.invalid) p(c.name, SSD_RULES.code, "error", `${c.name}: ${JSON.stringify(bad)} is not a CIN census assessment factor code (1A … 24A).`);
        return reading.codes.join(",");
      }
    }
  }

  /** One warning per table, column and value written as a description (or older coding) instead of the code. */
  private describedAs(field: string, value: string, code: string, p: (field: string, rule: string, severity: SsdSeverity, message: string) => void): void {
    const file = this.current!.file;
    const k = `${file}\u0000${field}\u0000${value}`;
    const known = this.described.get(k);
    if (known) {
      known.count++;
      return;
    }
    const before = this.problems.length;
    p(field, SSD_RULES.description, "warning", "");
    const problem = this.problems[before];
    if (problem) this.described.set(k, { problem, count: 1, code, value });
  }

  private endTable(): void {
    this.current = undefined;
  }

  /** Declares that ssd_person is absent (an error) so that the other tables can still be checked. */
  noPersonTable(): void {
    this.persons = new Set();
  }

  finish(): SsdExtract {
    this.endTable();
    for (const name of SSD_TABLE_NAMES) {
      if (this.seen.has(name)) continue;
      if (name === "ssd_person") this.add({ file: `${name}.csv`, row: 0, field: "", rule: SSD_RULES.missingTable, severity: "error", message: "ssd_person.csv is missing; an SSD extract needs it." });
      else this.add({ file: `${name}.csv`, row: 0, field: "", rule: SSD_RULES.missingTable, severity: "info", message: `${name}.csv was not given; read as an empty table.` });
    }
    for (const d of this.described.values()) {
      d.problem.message = `${d.problem.field} ${JSON.stringify(d.value)} is a description or an older coding, read as the code ${d.code}${d.count > 1 ? ` (${d.count} rows; this is the first)` : ""}.`;
    }
    this.sameDayReferrals();
    this.unknownLinks();
    if (this.dropped > 0) this.problems.push({ file: "", row: 0, field: "", rule: SSD_RULES.tooMany, severity: "warning", message: `${this.dropped} more problems were found and not listed.` });
    return { tables: this.tables, files: this.files, problems: this.problems };
  }

  /** Links Evident needs beyond person ids: an involvement's worker, a factors row's assessment (warnings: the row is not imported). */
  private unknownLinks(): void {
    const fileOf = (table: SsdTableName) => this.files.find((f) => f.table === table)?.file ?? `${table}.csv`;
    const workers = new Set(this.tables.ssd_professionals.map((w) => w.prof_professional_id));
    for (const i of this.tables.ssd_involvements)
      if (i.invo_professional_id !== null && !workers.has(i.invo_professional_id))
        this.add({ file: fileOf("ssd_involvements"), row: i.line, field: "invo_professional_id", rule: SSD_RULES.unknownLink, severity: "warning", message: `professional ${i.invo_professional_id} is not in ssd_professionals; this involvement is not imported as an allocation.` });
    const assessments = new Set(this.tables.ssd_cin_assessments.map((a) => a.cina_assessment_id));
    for (const f of this.tables.ssd_assessment_factors)
      if (f.cinf_assessment_id !== null && !assessments.has(f.cinf_assessment_id))
        this.add({ file: fileOf("ssd_assessment_factors"), row: f.line, field: "cinf_assessment_id", rule: SSD_RULES.unknownLink, severity: "warning", message: `assessment ${f.cinf_assessment_id} is not in ssd_cin_assessments; these factors are not imported.` });
  }

  /** Two referral rows of one child on one date are one referral: said once per child and date. */
  private sameDayReferrals(): void {
    const seen = new Map<string, string>();
    for (const r of this.tables.ssd_cin_episodes) {
      if (r.cine_person_id === null || r.cine_referral_date === null) continue;
      const k = `${r.cine_person_id}\u0000${r.cine_referral_date}`;
      const first = seen.get(k);
      if (first === undefined) seen.set(k, r.cine_referral_id ?? "");
      else
        this.add({
          file: this.files.find((f) => f.table === "ssd_cin_episodes")?.file ?? "ssd_cin_episodes.csv",
          row: r.line,
          field: "cine_referral_date",
          rule: SSD_RULES.sameDayReferral,
          severity: "info",
          message: `referral ${r.cine_referral_id} is on the same day as referral ${first} of the same person; they count as one referral.`,
        });
    }
  }
}

/** The table a file name stands for (`ssd_person.csv`, any folder, any case), or undefined. */
export function ssdTableOfFile(name: string): SsdTableName | undefined {
  const base = name.split(/[\\/]/).pop()!.toLowerCase();
  if (!base.endsWith(".csv")) return undefined;
  const table = base.slice(0, -4);
  return (SSD_TABLE_NAMES as readonly string[]).includes(table) ? (table as SsdTableName) : undefined;
}

/** The order tables are read in: ssd_person first (the other tables' person ids are checked against it). */
export function ssdReadOrder<T extends { table: SsdTableName }>(files: T[]): T[] {
  return [...files].sort((a, b) => SSD_TABLE_NAMES.indexOf(a.table) - SSD_TABLE_NAMES.indexOf(b.table));
}

/** Calls `row` for each non-blank line after the header, with its 1-based line number; quoted lines go through papaparse. */
export function forEachCsvLine(text: string, header: (cells: string[]) => boolean, row: (line: number, cells: string[]) => void): void {
  let pos = 0;
  let line = 0;
  let sawHeader = false;
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl === -1) nl = text.length;
    let s = text.slice(pos, nl);
    pos = nl + 1;
    line++;
    if (s.endsWith("\r")) s = s.slice(0, -1);
    if (s.trim() === "") continue;
    const cells = s.includes('"') ? ((Papa.parse<string[]>(s, { header: false, delimiter: "," }).data[0] ?? []) as string[]) : s.split(",");
    if (!sawHeader) {
      sawHeader = true;
      if (!header(cells)) return;
    } else row(line, cells);
  }
}

/** Reads an SSD extract given as strings (file name → CSV text). Files not named like an SSD table are listed as not read. */
export function readSsdFiles(files: { name: string; text: string }[], options: ReadSsdOptions = {}): SsdExtract {
  const collector = new SsdCollector(options);
  const tables: { table: SsdTableName; name: string; text: string }[] = [];
  for (const f of files) {
    const table = ssdTableOfFile(f.name);
    if (table === undefined) collector.skipFile(f.name);
    else tables.push({ table, name: f.name, text: f.text });
  }
  const ordered = ssdReadOrder(tables);
  if (ordered[0]?.table !== "ssd_person") collector.noPersonTable();
  for (const f of ordered) {
    const file = f.name.split(/[\\/]/).pop()!;
    if (!f.text.trim()) collector.table(f.table, file, []);
    forEachCsvLine(
      f.text,
      (header) => collector.table(f.table, file, header),
      (line, cells) => collector.row(line, (i) => cells[i] ?? ""),
    );
  }
  return collector.finish();
}

/** Does an SSD extract have any error (which means it must not be converted or imported)? Warnings do not count. */
export function hasSsdErrors(extract: Pick<SsdExtract, "problems">): boolean {
  return extract.problems.some((p) => p.severity === "error");
}
