/**
 * Builders for minimal SSDA903 returns in tests (parity.test.ts,
 * previous-year.test.ts): one row per partial record, every field defaulted
 * to a valid value. Test-only (src/test is not built).
 */
import type { Reference903 } from "../statutory/reference-903.js";
import { SSDA903_TABLE_COLUMNS, type TSsda903Table } from "../statutory/tables-903.js";

export const HEADER_COLUMNS = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
export const EPISODE_COLUMNS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

export interface Ep {
  child?: string;
  decom?: string;
  rne?: string;
  ls?: string;
  cin?: string;
  place?: string;
  prov?: string;
  dec?: string;
  rec?: string;
  rpc?: string;
  home?: string;
  pl?: string;
  urn?: string;
}
export interface Hd {
  child?: string;
  sex?: string;
  dob?: string;
  ethnic?: string;
  upn?: string;
  mother?: string;
  mcDob?: string;
}
/** An Episodes row: child A, started 01/05/2024 (RNE S, C2, N1, U1 with PR1), open. */
export const ep = (e: Ep = {}) =>
  [e.child ?? "A", e.decom ?? "01/05/2024", e.rne ?? "S", e.ls ?? "C2", e.cin ?? "N1", e.place ?? "U1", e.prov ?? "PR1", e.dec ?? "", e.rec ?? "", e.rpc ?? "", e.home ?? "", e.pl ?? "", e.urn ?? ""].join(",");
/** A Header row: child A, a boy born 01/06/2015, WBRI, UPN unknown UN2. */
export const hd = (h: Hd = {}) => [h.child ?? "A", h.sex ?? "M", h.dob ?? "01/06/2015", h.ethnic ?? "WBRI", h.upn ?? "UN2", h.mother ?? "", h.mcDob ?? ""].join(",");
/** Header and Episodes CSV texts. */
export const csv903 = (header: Hd[], episodes: Ep[]) => ({ header: `${[HEADER_COLUMNS, ...header.map(hd)].join("\n")}\n`, episodes: `${[EPISODE_COLUMNS, ...episodes.map(ep)].join("\n")}\n` });

/** A row of one of the other 903 tables, given by column (upper-case names); CHILD defaults to A and DOB to 01/06/2015, the Header's defaults. */
export type TableRow = Record<string, string>;
/** The CSV text of a table: its DfE columns, each row's cells (blank when not given). */
export function tableCsv(table: TSsda903Table, rows: TableRow[]): string {
  const cols = SSDA903_TABLE_COLUMNS[table];
  const defaults: TableRow = { CHILD: "A", ...(cols.includes("DOB" as never) ? { DOB: "01/06/2015" } : {}) };
  return `${[cols.join(","), ...rows.map((r) => cols.map((c) => ({ ...defaults, ...r })[c] ?? "").join(","))].join("\n")}\n`;
}

/** A minimal SSDA903 return for the parity tests: one child's episodes (partial rows) under a one-row Header, and any other tables. */
export interface Return903 {
  eps: Ep[];
  header?: Hd[];
  /** Last year's Header, given before this year's. */
  previous?: Hd[];
  /** Other tables, each given as a CSV of its own (an empty list gives the table with no rows). */
  tables?: Partial<Record<TSsda903Table, TableRow[]>>;
  /** Reference data (postcodes, own LA, Ofsted providers) for the rules needing it (test/reference-903.ts). */
  reference?: Reference903;
  /** Instead of all the above: a 903 XML return (for what only XML gives, such as the Header's UASC flag). */
  xml?: string;
}

/** A one-child 903 XML return: the HEADER's extra elements (after ETHNIC) and one open episode from 01/05/2024. */
export function xml903(headerExtra: string): string {
  return `<?xml version='1.0'?>\n<EXPSSDA903><CHILD><HEADER><CHILDID>A</CHILDID><UPN>UN2</UPN><SEX>M</SEX><DOB>01/06/2015</DOB><ETHNIC>WBRI</ETHNIC>${headerExtra}<MOTHER /><MC_DOB /><PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE></HEADER>\n<EPISODE><DECOM>01/05/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /></EPISODE></CHILD></EXPSSDA903>`;
}
