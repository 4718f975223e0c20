/**
 * The SSDA903 tables besides Header and Episodes (Reviews, UASC, AD1,
 * PlacedAdoption, PrevPerm, OC2, OC3, Missing, SWEpisodes): their columns as
 * the DfE publishes them for 2024/25, how a CSV file is recognised as one of
 * them, and the rows the rules (./validate-903-tables.ts) read. These tables
 * are checked, never imported: nothing in them becomes an Evident record.
 */
import type { TStatutoryFileKind } from "./model.js";

/** Each table's columns, in the DfE's order. A CSV is recognised by exactly this set of columns (in any order). */
export const SSDA903_TABLE_COLUMNS = {
  Reviews: ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
  UASC: ["CHILD", "SEX", "DOB", "DUC"],
  AD1: ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
  PlacedAdoption: ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
  PrevPerm: ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
  OC2: ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
  OC3: ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
  Missing: ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
  SWEpisodes: ["CHILD", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
} as const satisfies Record<string, readonly string[]>;

export type TSsda903Table = keyof typeof SSDA903_TABLE_COLUMNS;
export const SSDA903_TABLES = Object.keys(SSDA903_TABLE_COLUMNS) as TSsda903Table[];

/** The file kind of each table's CSV. */
export const TABLE_FILE_KIND = {
  Reviews: "ssda903-reviews-csv",
  UASC: "ssda903-uasc-csv",
  AD1: "ssda903-ad1-csv",
  PlacedAdoption: "ssda903-placed-adoption-csv",
  PrevPerm: "ssda903-prev-perm-csv",
  OC2: "ssda903-oc2-csv",
  OC3: "ssda903-oc3-csv",
  Missing: "ssda903-missing-csv",
  SWEpisodes: "ssda903-sw-episodes-csv",
} as const satisfies Record<TSsda903Table, string>;

const TABLE_OF_KIND = new Map<string, TSsda903Table>(SSDA903_TABLES.map((t) => [TABLE_FILE_KIND[t], t]));

/** The table a file kind holds, or undefined for any other kind. */
export function tableOfKind(kind: TStatutoryFileKind): TSsda903Table | undefined {
  return TABLE_OF_KIND.get(kind);
}

/** The table whose columns are exactly these (upper-cased, trimmed, blanks left out), if any. */
export function detectSsda903Table(names: readonly string[]): TSsda903Table | undefined {
  const given = new Set(names);
  return SSDA903_TABLES.find((t) => {
    const cols = SSDA903_TABLE_COLUMNS[t];
    return cols.length === given.size && cols.every((c) => given.has(c));
  });
}

/**
 * One row of one of these tables, as given: every cell trimmed and upper-cased
 * (as the DfE validators read them), a blank cell as null. `row` is the CSV line
 * (header = 1) or the XML line where the child's element holding it starts.
 */
export interface Ssda903TableRow {
  table: TSsda903Table;
  file: string;
  row: number;
  /** CHILD (CHILDID in XML); null when blank. */
  child: string | null;
  values: Readonly<Record<string, string | null>>;
}

/** The rows read from each table; a table is a key here only when a file of it was given (even with no rows). */
export type Ssda903Tables = Partial<Record<TSsda903Table, Ssda903TableRow[]>>;
