/**
 * Reading statutory return files given as strings (the pure entry point):
 * file recognition, CSV rows and XML (saxes, event-based, so the same code
 * serves the streamed node reader) into the StatutoryCollector.
 */
import Papa from "papaparse";
import { SaxesParser } from "saxes";
import { StatutoryCollector, type RawCinChild, type RawCinDetails, type RawRow } from "./collect.js";
import type { ReadStatutoryOptions, StatutoryInputFile, TStatutoryExtract, TStatutoryFileKind } from "./model.js";
import { SSDA903_TABLE_COLUMNS, SSDA903_TABLES, TABLE_FILE_KIND, detectSsda903Table, tableOfKind, type TSsda903Table } from "./tables-903.js";

export const SSDA903_HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"] as const;
export const SSDA903_EPISODES_COLUMNS = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"] as const;

function sameSet(names: string[], expected: readonly string[]): boolean {
  if (names.length !== expected.length) return false;
  const set = new Set(names);
  return set.size === expected.length && expected.every((n) => set.has(n));
}

/** Recognises a CSV file by its header cells (upper-cased): the exact 903 column sets, or the flattened CIN tables. */
export function detectCsvKind(header: string[]): TStatutoryFileKind {
  const names = header.map((h) => h.trim().toUpperCase()).filter((h) => h !== "");
  if (sameSet(names, SSDA903_HEADER_COLUMNS)) return "ssda903-header-csv";
  if (sameSet(names, SSDA903_EPISODES_COLUMNS)) return "ssda903-episodes-csv";
  const table = detectSsda903Table(names);
  if (table) return TABLE_FILE_KIND[table];
  const has = (n: string) => names.includes(n);
  if (has("LACHILDID")) {
    if (has("CPPREVIEWDATE")) return "cin-cpp-reviews-csv";
    if (has("CPPSTARTDATE")) return "cin-cpp-csv";
    if (has("CINPLANSTARTDATE")) return "cin-plan-dates-csv";
    if (has("S47ACTUALSTARTDATE")) return "cin-section47-csv";
    if (has("ASSESSMENTACTUALSTARTDATE")) return "cin-assessments-csv";
    if (has("ASSESSMENTFACTORS")) return "cin-assessment-factors-csv";
    if (has("CINREFERRALDATE")) return "cin-details-csv";
    if (has("DISABILITY")) return "cin-disabilities-csv";
    if (has("PERSONBIRTHDATE") || has("UPN") || has("GENDERCURRENT") || has("SEX")) return "cin-child-identifiers-csv";
    if (has("ETHNICITY")) return "cin-child-characteristics-csv";
  }
  // Close to the Header or Episodes table but not exactly it: not recognised (reported), rather than silently skipped.
  if (has("CHILD") && (has("DECOM") || has("SEX") || has("ETHNIC"))) return "unknown";
  if (has("CHILD")) return "ssda903-other-csv";
  return "unknown";
}

/** Recognises a file from its first bytes: XML by its root element, CSV by its header row. */
export function detectStatutoryFileKind(name: string, text: string): TStatutoryFileKind {
  void name;
  const head = text.slice(0, 65_536).replace(/^\uFEFF/, "");
  const trimmed = head.trimStart();
  if (trimmed.startsWith("<")) {
    const withoutProlog = trimmed.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "").replace(/<!DOCTYPE[^>]*>/gi, "");
    const m = /<\s*(?:[\w.-]+:)?([\w.-]+)/.exec(withoutProlog);
    const root = m?.[1]?.toUpperCase();
    if (root === "EXPSSDA903") return "ssda903-xml";
    if (root === "MESSAGE") return "cin-census-xml";
    return "unknown";
  }
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const cells = (Papa.parse<string[]>(firstLine, { header: false }).data[0] ?? []).map((c) => c.trim());
  return detectCsvKind(cells);
}

/** Everything read from one flattened CIN table, by kind. */
export interface FlatCinTables {
  rows: { kind: TStatutoryFileKind; file: string; line: number; row: RawRow }[];
}

/**
 * Streams one XML file into the collector. Call write() with successive
 * chunks and close() at the end. A malformed document is reported (EV20) and
 * the rest of that file ignored; records completed before it are kept.
 */
export class StatutoryXmlReader {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly stack: string[] = [];
  private text = "";
  private failed = false;
  private kind: TStatutoryFileKind | undefined;
  // 903
  private child903: Child903 | undefined;
  private episode903: { line: number; fields: RawRow } | undefined;
  /** The row of a table held in the child's HEADER (AREVIEW, AMISSING, OC2, PERMANENCE, AD_PLACED) being read. */
  private table903: TableRow903 | undefined;
  /** Whether each open element has had a child element (a leaf has none). */
  private readonly hasChildren: boolean[] = [];
  // CIN
  private cinChild: RawCinChild | undefined;
  private details: RawCinDetails | undefined;
  private part: { line: number; fields: RawRow; factors?: string[]; reviews?: string[] } | undefined;
  /** How many review dates the CP plan had when its current <Reviews> group opened (a group without one is rule 8842Q). */
  private reviewsBefore = 0;
  /** The Header's CollectionDetails while it is read (Year and ReferenceDate, for rule 100). */
  private collection: { line: number; year?: string; referenceDate?: { text: string; line: number } } | undefined;

  constructor(private readonly collector: StatutoryCollector, private readonly file: string) {
    this.parser.on("opentag", (tag) => this.open(local(tag.name)));
    this.parser.on("text", (t) => {
      this.text += t;
    });
    this.parser.on("cdata", (t) => {
      this.text += t;
    });
    this.parser.on("closetag", (tag) => this.close(local(tag.name)));
    this.parser.on("error", (error) => {
      if (this.failed) return;
      this.failed = true;
      const line = this.parser.line;
      this.collector.problem(this.file, line, "", "EV20", "error", `the XML is not well-formed near line ${line} (${shortError(error.message)}); the rest of this file was not read`);
    });
  }

  write(chunk: string): boolean {
    if (this.failed) return false;
    try {
      this.parser.write(chunk);
    } catch {
      /* reported by the error handler */
    }
    return !this.failed;
  }

  close(): void;
  close(name: string): void;
  close(name?: string): void {
    if (name !== undefined) return this.closeTag(name);
    if (this.failed) return;
    try {
      this.parser.close();
    } catch {
      /* reported by the error handler */
    }
  }

  private open(name: string): void {
    const depth = this.stack.length;
    this.stack.push(name);
    if (depth > 0) this.hasChildren[depth - 1] = true;
    this.hasChildren[depth] = false;
    this.text = "";
    const line = this.parser.line;
    if (depth === 0) {
      this.kind = name === "EXPSSDA903" ? "ssda903-xml" : name === "Message" ? "cin-census-xml" : "unknown";
      this.collector.beginFile(this.file, this.kind);
      // An XML return holds every table but the social worker episodes (as the DfE validator reads it): their rules run even when no child has a row.
      if (this.kind === "ssda903-xml") for (const t of SSDA903_TABLES) if (t !== "SWEpisodes") this.collector.beginTable(t);
      if (this.kind === "unknown") this.collector.problem(this.file, line, name, "EV21", "error", `the root element <${name}> is neither EXPSSDA903 nor Message`);
      return;
    }
    if (this.kind === "ssda903-xml") {
      if (depth === 1 && name === "CHILD") this.child903 = { line, header: {}, episodes: [], leaves: {}, tables: [] };
      else if (depth === 2 && name === "EPISODE" && this.child903) this.episode903 = { line, fields: {} };
      else if (depth === 3 && this.stack[2] === "HEADER" && this.child903 && HEADER_TABLES[name]) {
        this.table903 = { table: HEADER_TABLES[name], line, fields: {} };
        this.child903.tables.push(this.table903);
      }
      return;
    }
    if (this.kind !== "cin-census-xml") return;
    const parent = this.stack[depth - 1];
    if (name === "CollectionDetails" && parent === "Header") this.collection = { line };
    else if (depth === 2 && name === "Child" && parent === "Children") this.cinChild = { line, fields: {}, disabilities: [], details: [] };
    else if (name === "CINdetails" && this.cinChild) {
      this.details = { line, fields: {}, assessments: [], plans: [], section47s: [], cpps: [] };
      this.cinChild.details.push(this.details);
    } else if (this.details && parent === "CINdetails") {
      if (name === "Assessments") {
        this.part = { line, fields: {}, factors: [] };
        this.details.assessments.push(this.part as never);
      } else if (name === "CINPlanDates") {
        this.part = { line, fields: {} };
        this.details.plans.push(this.part);
      } else if (name === "Section47") {
        this.part = { line, fields: {} };
        this.details.section47s.push(this.part);
      } else if (name === "ChildProtectionPlans") {
        this.part = { line, fields: {}, reviews: [] };
        this.details.cpps.push(this.part as never);
      }
    } else if (name === "Reviews" && parent === "ChildProtectionPlans" && this.part?.reviews) this.reviewsBefore = this.part.reviews.length;
  }

  private closeTag(name: string): void {
    this.stack.pop();
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    const raw = this.text;
    const value = raw.trim();
    this.text = "";
    if (this.kind === "ssda903-xml") {
      const leaf = this.hasChildren[depth] === false;
      if (leaf && this.child903 && depth >= 2) {
        // Every leaf of the child, the last of a name kept (the validator's reading of a CHILD), raw: blank when the element has no text.
        this.child903.leaves[XML_903_NAMES[name] ?? name] = raw;
        if (this.table903 && depth >= 4) this.table903.fields[XML_903_NAMES[name] ?? name] = raw;
      }
      if (depth === 3 && this.table903 && this.stack[2] === "HEADER") this.table903 = undefined;
      else if (depth === 3 && parent === "HEADER" && this.child903 && leaf) this.child903.header[name === "CHILDID" ? "CHILD" : name.toUpperCase()] = value;
      else if (depth === 3 && parent === "EPISODE" && this.episode903) this.episode903.fields[name === "PL" ? "PLACE" : name.toUpperCase()] = value;
      else if (depth === 2 && name === "EPISODE" && this.child903 && this.episode903) {
        this.child903.episodes.push(this.episode903);
        this.episode903 = undefined;
      } else if (depth === 1 && name === "CHILD" && this.child903) {
        const c = this.child903;
        this.child903 = undefined;
        this.collector.addSsda903Header(this.file, c.line, c.header);
        for (const e of c.episodes) this.collector.addSsda903Episode(this.file, e.line, { ...e.fields, CHILD: c.header.CHILD ?? "" });
        this.addTableRows(c);
      }
      return;
    }
    if (this.kind !== "cin-census-xml") return;
    if (parent === "CollectionDetails" && this.collection) {
      if (name === "Year") this.collection.year = value;
      if (name === "ReferenceDate") this.collection.referenceDate = { text: value, line: this.parser.line };
    }
    if (name === "CollectionDetails" && this.collection) {
      const { line, year, referenceDate } = this.collection;
      this.collection = undefined;
      return this.collector.checkCollectionDetails(this.file, referenceDate?.line ?? line, year, referenceDate?.text);
    }
    if (name === "ReferenceDate" && parent === "CollectionDetails") return this.collector.setReferenceDate(this.file, value, this.parser.line);
    const child = this.cinChild;
    if (!child) return;
    if (name === "Child" && depth === 2) {
      this.cinChild = undefined;
      this.details = undefined;
      this.part = undefined;
      this.collector.addCinChild(this.file, child);
      return;
    }
    if (parent === "ChildIdentifiers" || parent === "ChildCharacteristics") child.fields[name.toUpperCase()] = value;
    else if (parent === "Disabilities" && name === "Disability") child.disabilities.push(value);
    else if (name === "CINdetails") this.details = undefined;
    else if (parent === "CINdetails" && this.details) {
      if (name === "Assessments" || name === "CINPlanDates" || name === "Section47" || name === "ChildProtectionPlans") this.part = undefined;
      else this.details.fields[name.toUpperCase()] = value;
    } else if (this.part) {
      // A <Reviews> group with no CPPreviewDate: kept as a blank date, reported as 8842Q.
      if (name === "Reviews" && parent === "ChildProtectionPlans" && this.part.reviews && this.part.reviews.length === this.reviewsBefore) this.part.reviews.push("");
      if (parent === "FactorsIdentifiedAtAssessment" && name === "AssessmentFactors") this.part.factors?.push(value);
      else if (parent === "Reviews" && name === "CPPreviewDate") this.part.reviews?.push(value);
      else if (parent === "Assessments" || parent === "CINPlanDates" || parent === "Section47" || parent === "ChildProtectionPlans") this.part.fields[name.toUpperCase()] = value;
    }
  }

  /**
   * The child's rows of the other tables, as the DfE validator makes them from
   * a CHILD: a UASC row when UASC has a value, an OC3 row when IN_TOUCH has
   * one, an AD1 row when DATE_INT has one (their columns from anywhere in the
   * child), and one row per AREVIEW, AMISSING, OC2, PERMANENCE and AD_PLACED
   * element of the HEADER, with CHILD, DOB and any column it lacks from the child.
   */
  private addTableRows(c: Child903): void {
    const pick = (table: TSsda903Table, from: RawRow): RawRow => {
      const row: RawRow = {};
      for (const col of SSDA903_TABLE_COLUMNS[table]) row[col] = from[col] ?? "";
      return row;
    };
    for (const [marker, table] of CHILD_TABLES) if ((c.leaves[marker] ?? "") !== "") this.collector.addSsda903TableRow(table, this.file, c.line, pick(table, c.leaves));
    for (const t of c.tables) this.collector.addSsda903TableRow(t.table, this.file, t.line, pick(t.table, { ...c.leaves, ...t.fields }));
  }
}

interface TableRow903 {
  table: TSsda903Table;
  line: number;
  fields: RawRow;
}
interface Child903 {
  line: number;
  header: RawRow;
  episodes: { line: number; fields: RawRow }[];
  /** Every leaf element under the CHILD (HEADER, EPISODEs and the tables in the HEADER), the last of each name, text as given. */
  leaves: RawRow;
  tables: TableRow903[];
}
/** The XML names that differ from the CSV columns. */
const XML_903_NAMES: Record<string, string> = { CHILDID: "CHILD", PL: "PLACE" };
/** Elements of a child's HEADER that are each one row of a table. */
const HEADER_TABLES: Record<string, TSsda903Table | undefined> = { AREVIEW: "Reviews", AMISSING: "Missing", OC2: "OC2", PERMANENCE: "PrevPerm", AD_PLACED: "PlacedAdoption" };
/** Tables with at most one row per child, present when the child has a value for this field. */
const CHILD_TABLES: [string, TSsda903Table][] = [["UASC", "UASC"], ["IN_TOUCH", "OC3"], ["DATE_INT", "AD1"]];

function local(name: string): string {
  const i = name.indexOf(":");
  return i >= 0 ? name.slice(i + 1) : name;
}

function shortError(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/^[^:]*:\d+:\d+:\s*/, "").slice(0, 80);
}

/** Feeds one CSV data row into the collector according to the file's kind; flattened CIN rows are kept for assembly. */
export function addCsvRow(collector: StatutoryCollector, flat: FlatCinTables, kind: TStatutoryFileKind, file: string, line: number, row: RawRow): void {
  if (kind === "ssda903-header-csv") collector.addSsda903Header(file, line, row);
  else if (kind === "ssda903-episodes-csv") collector.addSsda903Episode(file, line, row);
  else if (tableOfKind(kind)) collector.addSsda903TableRow(tableOfKind(kind)!, file, line, row);
  else if (kind.startsWith("cin-")) {
    collector.countRow(file);
    flat.rows.push({ kind, file, line, row });
  }
}

/** Reports a file that is recognised but not imported, or not recognised at all. */
export function reportUnusedFile(collector: StatutoryCollector, file: string, kind: TStatutoryFileKind): void {
  if (kind === "ssda903-other-csv") collector.problem(file, 1, "", "EV22", "warning", `this SSDA903 table is not recognised: its columns are not those of Header, Episodes, ${SSDA903_TABLES.join(", ")}`);
  else if (kind === "unknown")
    collector.problem(file, 1, "", "EV23", "error", "the file is not recognised: a 903 CSV must have exactly the Header or Episodes columns, a CIN census file must be the census XML or a flattened CIN table");
}

/**
 * Puts the flattened CIN tables (one CSV per table, as written by the DfE
 * validator's xmltocsv) back together as children, keyed by LAchildID and
 * the positional CINdetailsID / AssessmentID / CPPID counters within one set.
 */
export function assembleFlatCin(collector: StatutoryCollector, flat: FlatCinTables): void {
  const children = new Map<string, { file: string; raw: RawCinChild }>();
  const childOf = (file: string, line: number, id: string) => {
    let c = children.get(id);
    if (!c) children.set(id, (c = { file, raw: { line, fields: { LACHILDID: id }, disabilities: [], details: [] } }));
    return c;
  };
  const detailsById = new Map<string, RawCinDetails & { file: string }>();
  const partsById = new Map<string, { fields: RawRow; factors?: string[]; reviews?: string[] }>();
  const order: Record<string, number> = {
    "cin-child-identifiers-csv": 0, "cin-child-characteristics-csv": 1, "cin-disabilities-csv": 2, "cin-details-csv": 3,
    "cin-assessments-csv": 4, "cin-plan-dates-csv": 5, "cin-section47-csv": 6, "cin-cpp-csv": 7, "cin-assessment-factors-csv": 8, "cin-cpp-reviews-csv": 9,
  };
  const rows = [...flat.rows].sort((a, b) => (order[a.kind] ?? 99) - (order[b.kind] ?? 99));
  for (const { kind, file, line, row } of rows) {
    const id = (row.LACHILDID ?? "").trim();
    if (id === "") {
      collector.problem(file, line, "LAchildID", "8500", "error", "LAchildID is missing");
      continue;
    }
    const detailsKey = `${id}\u0000${row.CINDETAILSID ?? ""}`;
    switch (kind) {
      case "cin-child-identifiers-csv":
      case "cin-child-characteristics-csv": {
        const c = childOf(file, line, id);
        if (kind === "cin-child-identifiers-csv") {
          c.file = file;
          c.raw.line = line;
        }
        Object.assign(c.raw.fields, row);
        break;
      }
      case "cin-disabilities-csv":
        childOf(file, line, id).raw.disabilities.push(row.DISABILITY ?? "");
        break;
      case "cin-details-csv": {
        const d = { file, line, fields: row, assessments: [], plans: [], section47s: [], cpps: [] };
        detailsById.set(detailsKey, d);
        childOf(file, line, id).raw.details.push(d);
        break;
      }
      default: {
        const d = detailsById.get(detailsKey);
        if (!d) {
          collector.problem(file, line, "CINdetailsID", "EV24", "error", `no CINdetails row for LAchildID ${JSON.stringify(id)} and CINdetailsID ${JSON.stringify(row.CINDETAILSID ?? "")}`);
          break;
        }
        if (kind === "cin-assessments-csv") {
          const factors = (row.ASSESSMENTFACTORS ?? "").split(/[,;\s]+/).filter((x) => x !== "");
          const a = { file, line, fields: row, factors };
          partsById.set(`${detailsKey}\u0000A${row.ASSESSMENTID ?? ""}`, a);
          d.assessments.push(a);
        } else if (kind === "cin-assessment-factors-csv") {
          const a = partsById.get(`${detailsKey}\u0000A${row.ASSESSMENTID ?? ""}`);
          if (a) a.factors!.push(row.ASSESSMENTFACTORS ?? "");
          else collector.problem(file, line, "AssessmentID", "EV24", "error", `no Assessments row for AssessmentID ${JSON.stringify(row.ASSESSMENTID ?? "")}`);
        } else if (kind === "cin-plan-dates-csv") d.plans.push({ file, line, fields: row } as never);
        else if (kind === "cin-section47-csv") d.section47s.push({ file, line, fields: row } as never);
        else if (kind === "cin-cpp-csv") {
          const c = { file, line, fields: row, reviews: [] as string[] };
          partsById.set(`${detailsKey}\u0000C${row.CPPID ?? ""}`, c);
          d.cpps.push(c);
        } else if (kind === "cin-cpp-reviews-csv") {
          const c = partsById.get(`${detailsKey}\u0000C${row.CPPID ?? ""}`);
          if (c) c.reviews!.push(row.CPPREVIEWDATE ?? "");
          else collector.problem(file, line, "CPPID", "EV24", "error", `no ChildProtectionPlans row for CPPID ${JSON.stringify(row.CPPID ?? "")}`);
        }
      }
    }
  }
  for (const { file, raw } of children.values()) collector.addCinChild(file, raw, false);
}

function readCsvText(collector: StatutoryCollector, flat: FlatCinTables, file: string, text: string, kindOverride?: TStatutoryFileKind): void {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const lines = parsed.data;
  const headerIndex = lines.findIndex((cells) => cells.some((c) => c.trim() !== ""));
  if (headerIndex < 0) {
    collector.beginFile(file, kindOverride ?? "unknown");
    collector.problem(file, 0, "", "EV25", "error", "the file is empty");
    return;
  }
  const header = lines[headerIndex]!.map((c) => c.trim().toUpperCase());
  const kind = kindOverride ?? detectCsvKind(header);
  collector.beginFile(file, kind);
  if (kind === "unknown" || kind === "ssda903-other-csv") return reportUnusedFile(collector, file, kind);
  // Line numbers: papaparse rows map to lines while no cell spans lines, which these returns never need.
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const cells = lines[i]!;
    if (cells.every((c) => c.trim() === "")) continue;
    if (cells.length !== header.length) {
      collector.problem(file, i + 1, "", "EV26", "error", `expected ${header.length} cells, found ${cells.length}`);
      continue;
    }
    const row: RawRow = {};
    for (let k = 0; k < header.length; k++) row[header[k]!] = cells[k]!.trim();
    addCsvRow(collector, flat, kind, file, i + 1, row);
  }
}

/** Reads any set of SSDA903 / CIN census files (strings in), validates them and returns the normalised extract. Never throws on bad data. */
export function readStatutoryFiles(files: StatutoryInputFile[], options: ReadStatutoryOptions = {}): TStatutoryExtract {
  const collector = new StatutoryCollector(options);
  const flat: FlatCinTables = { rows: [] };
  for (const { name, text } of files) {
    const kind = options.kinds?.[name] ?? detectStatutoryFileKind(name, text);
    if (kind === "ssda903-xml" || kind === "cin-census-xml") {
      const reader = new StatutoryXmlReader(collector, name);
      reader.write(text.replace(/^\uFEFF/, ""));
      reader.close();
    } else if (kind === "unknown" && text.trimStart().startsWith("<")) {
      collector.beginFile(name, "unknown");
      reportUnusedFile(collector, name, "unknown");
    } else readCsvText(collector, flat, name, text, options.kinds?.[name]);
  }
  assembleFlatCin(collector, flat);
  return collector.finish();
}
