/**
 * Parity cases (see ../../statutory/parity.test.ts) for the rules of
 * ../../statutory/validate-903-links.ts and validate-903-sw-episodes.ts: for
 * each rule, a minimal return that breaks it and one that does not, written by
 * hand from the DfE rule wording. The Header is child A born 01/06/2015, SEX M;
 * the year ends 31/03/2025.
 */
import type { Return903, TableRow } from "../returns-903.js";
import type { TSsda903Table } from "../../statutory/tables-903.js";

const withTable = (table: TSsda903Table, rows: TableRow[]): Return903 => ({ eps: [{}], tables: { [table]: rows } });

/** A social worker episode of child A from 01/05/2024, open. */
const sw = (r: TableRow = {}): TableRow => ({ SW_ID: "SW1", SW_DECOM: "01/05/2024", SW_REASON: "MANAGE", ...r });
const swCase = (fail: TableRow[], pass: TableRow[]): [Return903, Return903] => [withTable("SWEpisodes", fail), withTable("SWEpisodes", pass)];

export const CASES: Record<string, [fail: Return903, pass: Return903]> = {};

// A child in the table but not in the Header; a DOB differing from the Header's.
for (const [table, notInHeader, dobDiffers] of [
  ["AD1", "INT01", "INT11"],
  ["PlacedAdoption", "INT02", "INT12"],
  ["Missing", "INT04", "INT13"],
  ["OC2", "INT05", "INT14"],
  ["OC3", "INT06", "INT15"],
  ["PrevPerm", "INT07", "INT16"],
  ["Reviews", "INT08", "INT17"],
  ["UASC", "INT09", "INT18"],
] as const) {
  CASES[notInHeader] = [withTable(table, [{ CHILD: "B" }]), withTable(table, [{}])];
  CASES[dobDiffers] = [withTable(table, [{ DOB: "02/06/2015" }]), withTable(table, [{ DOB: "01/06/2015" }])];
}
CASES.INT21 = [withTable("UASC", [{ SEX: "F" }]), withTable("UASC", [{ SEX: "M" }])];
// One row per child.
for (const [table, code] of [
  ["AD1", "INT31"],
  ["OC2", "INT33"],
  ["OC3", "INT34"],
  ["PrevPerm", "INT35"],
  ["UASC", "INT36"],
] as const) {
  CASES[code] = [withTable(table, [{}, {}]), withTable(table, [{}, { CHILD: "B" }])];
}

Object.assign(CASES, {
  SW01aSTG1: swCase([sw({ SW_ID: "", SW_DECOM: "01/05/2022" })], [sw({ SW_DECOM: "01/05/2022" })]),
  SW01bSTG1: swCase([sw({ SW_REASON: "" })], [sw()]),
  SW02STG1: swCase([sw({ SW_ID: "AB1" })], [sw({ SW_ID: "XX1" })]),
  SW04STG1: swCase([sw({ SW_DECOM: "31/02/2024" })], [sw()]),
  SW05STG1: swCase([sw({ SW_DEC: "31/02/2025" })], [sw({ SW_DEC: "01/02/2025" })]),
  SW06STG2: swCase([sw({ SW_DECOM: "01/04/2025" })], [sw({ SW_DECOM: "31/03/2025" })]),
  SW07STG2: swCase([sw({ SW_DECOM: "01/01/2023", SW_DEC: "31/03/2023" })], [sw({ SW_DECOM: "01/01/2023", SW_DEC: "01/04/2023" })]),
  SW08STG2: swCase([sw(), sw({ SW_DECOM: "01/08/2024" })], [sw({ SW_DEC: "01/08/2024" }), sw({ SW_DECOM: "01/08/2024" })]),
  SW09STG2: swCase([sw({ SW_DEC: "01/05/2024" })], [sw({ SW_DEC: "02/05/2024" })]),
  SW10STG2: swCase([sw({ SW_DEC: "01/08/2024" }), sw({ SW_DECOM: "20/08/2024" })], [sw({ SW_DEC: "01/08/2024" }), sw({ SW_DECOM: "08/08/2024" })]),
  SW11bSTG2: swCase([sw({ SW_DEC: "28/03/2025" })], [sw({ SW_DEC: "28/03/2025" }), sw({ SW_DECOM: "28/03/2025" })]),
  // The episode of care starts on 01/05/2024 (RNE S): a social worker episode must start on or after it.
  SW12STG2: swCase([sw({ SW_DECOM: "01/04/2024" })], [sw({ SW_DECOM: "01/05/2024" })]),
  SW13STG1: swCase([sw({ SW_REASON: "XYZ" })], [sw({ SW_REASON: "FCONTA" })]),
});
