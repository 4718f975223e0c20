/**
 * Parity cases (see ../../statutory/parity.test.ts) for the rules of
 * ../../statutory/validate-903-adoption.ts: for each rule, a minimal return that
 * breaks it and one that does not, written by hand from the DfE rule wording.
 * The child (A, born 01/06/2015) has one episode from 01/05/2024 (RNE S) unless
 * a case says otherwise; the collection year is 1 April 2024 to 31 March 2025.
 */
import type { Ep, Return903, TableRow } from "../returns-903.js";

/** A complete AD1 row: decided 01/06/2024, matched 01/08/2024, not the foster carer, one woman adopting alone. */
const AD1: TableRow = { DATE_INT: "01/06/2024", DATE_MATCH: "01/08/2024", FOSTER_CARE: "0", NB_ADOPTR: "1", SEX_ADOPTR: "F1", LS_ADOPTR: "L0" };
/** Placed for adoption (A4, not with the foster carer) from 01/09/2024, adopted 01/12/2024. */
const ADOPTED: Ep = { decom: "01/09/2024", place: "A4", dec: "01/12/2024", rec: "E11" };
const ad1 = (row: TableRow, eps: Ep[] = [{}]): Return903 => ({ eps, tables: { AD1: [row] } });
const placed = (rows: TableRow[], eps: Ep[] = [{}]): Return903 => ({ eps, tables: { PlacedAdoption: rows } });
const perm = (rows: TableRow[], eps: Ep[] = [{}]): Return903 => ({ eps, tables: { PrevPerm: rows } });
const REVERSED: TableRow = { DATE_PLACED: "01/06/2024", DATE_PLACED_CEASED: "01/08/2024", REASON_PLACED_CEASED: "RD1" };

export const CASES: Record<string, [fail: Return903, pass: Return903]> = {
  // AD1 on its own
  "112": [ad1({ DATE_INT: "31/02/2024" }), ad1({ DATE_INT: "01/02/2024" })],
  "113": [ad1({ DATE_MATCH: "2024-13-01" }), ad1({ DATE_MATCH: "01/08/2024" })],
  "114": [ad1({ FOSTER_CARE: "2" }), ad1({ FOSTER_CARE: "1" })],
  "151": [ad1({ ...AD1, LS_ADOPTR: "" }), ad1(AD1)],
  "175": [ad1({ NB_ADOPTR: "3" }), ad1({ NB_ADOPTR: "2" })],
  "176": [ad1({ SEX_ADOPTR: "M2" }), ad1({ SEX_ADOPTR: "MF" })],
  "177": [ad1({ LS_ADOPTR: "L1" }), ad1({ LS_ADOPTR: "L11" })],
  "333": [ad1({ DATE_INT: "02/08/2024", DATE_MATCH: "01/08/2024" }), ad1({ DATE_INT: "01/08/2024", DATE_MATCH: "01/08/2024" })],
  "511": [ad1({ NB_ADOPTR: "2", SEX_ADOPTR: "M1" }), ad1({ NB_ADOPTR: "2", SEX_ADOPTR: "MM" })],
  "514": [ad1({ LS_ADOPTR: "L0", SEX_ADOPTR: "MF" }), ad1({ LS_ADOPTR: "L0", SEX_ADOPTR: "F1" })],
  "517": [ad1({ LS_ADOPTR: "L3", SEX_ADOPTR: "MM" }), ad1({ LS_ADOPTR: "L3", SEX_ADOPTR: "MF" })],
  "518": [ad1({ LS_ADOPTR: "L4", SEX_ADOPTR: "MF" }), ad1({ LS_ADOPTR: "L4", SEX_ADOPTR: "FF" })],
  "519": [ad1({ LS_ADOPTR: "L2", SEX_ADOPTR: "M1" }), ad1({ LS_ADOPTR: "L2", SEX_ADOPTR: "MM" })],
  "520": [ad1({ LS_ADOPTR: "L11", SEX_ADOPTR: "FF" }), ad1({ LS_ADOPTR: "L11", SEX_ADOPTR: "MF" })],
  "524": [ad1({ LS_ADOPTR: "L12", SEX_ADOPTR: "MF" }), ad1({ LS_ADOPTR: "L12", SEX_ADOPTR: "MM" })],
  // AD1 against the episodes
  "331": [ad1({ DATE_MATCH: "02/09/2024" }, [ADOPTED]), ad1({ DATE_MATCH: "01/09/2024" }, [ADOPTED])],
  "334": [ad1({ DATE_INT: "30/04/2024" }), ad1({ DATE_INT: "01/05/2024" })],
  "335": [ad1({ FOSTER_CARE: "1" }, [ADOPTED]), ad1({ FOSTER_CARE: "0" }, [ADOPTED])],
  "521": [ad1({ DATE_INT: "02/09/2024" }, [{ decom: "01/09/2024", place: "A6" }]), ad1({ DATE_INT: "01/09/2024" }, [{ decom: "01/09/2024", place: "A6" }])],
  "582": [ad1({ DATE_MATCH: "01/12/2024" }, [ADOPTED]), ad1({ DATE_MATCH: "30/11/2024" }, [ADOPTED])],
  "601": [ad1({ ...AD1, FOSTER_CARE: "" }, [ADOPTED]), ad1(AD1, [ADOPTED])],
  "602": [ad1(AD1, [{ ...ADOPTED, rec: "E8" }]), ad1(AD1, [ADOPTED])],
  // PlacedAdoption on its own
  "115": [placed([{ DATE_PLACED: "31/02/2024" }]), placed([{ DATE_PLACED: "29/02/2024" }])],
  "116": [placed([{ ...REVERSED, DATE_PLACED_CEASED: "31/09/2024" }]), placed([REVERSED])],
  "119": [placed([{ ...REVERSED, REASON_PLACED_CEASED: "" }]), placed([REVERSED])],
  "120": [placed([{ ...REVERSED, REASON_PLACED_CEASED: "RD5" }]), placed([{ ...REVERSED, REASON_PLACED_CEASED: "RD4" }])],
  "184": [placed([{ DATE_PLACED: "31/05/2015" }]), placed([{ DATE_PLACED: "01/06/2015" }], [{ decom: "01/06/2015" }])],
  "522": [placed([{ ...REVERSED, DATE_PLACED_CEASED: "31/05/2024" }]), placed([{ ...REVERSED, DATE_PLACED_CEASED: "01/06/2024" }])],
  "563": [placed([{ ...REVERSED, DATE_PLACED: "" }]), placed([REVERSED])],
  "579": [placed([{ DATE_PLACED: "01/06/2024" }, { DATE_PLACED: "01/09/2024" }]), placed([REVERSED, { DATE_PLACED: "01/09/2024" }])],
  "583": [placed([{ DATE_PLACED: "01/09/2024" }, { DATE_PLACED: "01/06/2024" }]), placed([{ DATE_PLACED: "01/09/2024" }, REVERSED])],
  // PlacedAdoption against the episodes
  "117": [placed([{ DATE_PLACED: "01/04/2025" }]), placed([{ DATE_PLACED: "31/03/2025" }])],
  "118": [placed([{ ...REVERSED, DATE_PLACED: "01/04/2024", DATE_PLACED_CEASED: "30/04/2024" }]), placed([{ ...REVERSED, DATE_PLACED: "01/05/2024", DATE_PLACED_CEASED: "01/05/2024" }])],
  "551": [placed([], [{ place: "A5" }]), placed([{ DATE_PLACED: "01/05/2024" }], [{ place: "A5" }])],
  "552": [placed([{ DATE_PLACED: "02/05/2024" }], [{ place: "A5" }]), placed([{ DATE_PLACED: "01/05/2024" }], [{ place: "A5" }])],
  "553": [placed([], [{ ls: "E1" }]), placed([{ DATE_PLACED: "01/05/2024" }], [{ ls: "E1" }])],
  "554": [placed([{ DATE_PLACED: "02/05/2024" }], [{ ls: "E1" }]), placed([{ DATE_PLACED: "01/05/2024" }], [{ ls: "E1" }])],
  "557": [placed([{ DATE_PLACED: "01/05/2024" }], [{ ls: "E1", dec: "01/12/2024", rec: "E8" }]), placed([{ ...REVERSED, DATE_PLACED: "01/05/2024" }], [{ ls: "E1", dec: "01/12/2024", rec: "E8" }])],
  "558": [placed([REVERSED, { ...REVERSED, DATE_PLACED: "01/09/2024", DATE_PLACED_CEASED: "02/09/2024" }], [ADOPTED]), placed([REVERSED, { DATE_PLACED: "01/09/2024" }], [ADOPTED])],
  "1003": [placed([{ DATE_PLACED: "30/04/2024" }]), placed([{ DATE_PLACED: "01/05/2024" }])],
  // PlacedAdoption against AD1
  "523": [{ eps: [{}], tables: { PlacedAdoption: [{ DATE_PLACED: "02/06/2024" }], AD1: [AD1] } }, { eps: [{}], tables: { PlacedAdoption: [{ DATE_PLACED: "01/06/2024" }], AD1: [AD1] } }],
  "525": [{ eps: [{}], tables: { PlacedAdoption: [REVERSED], AD1: [AD1] } }, { eps: [{}], tables: { PlacedAdoption: [REVERSED], AD1: [{}] } }],
  // PrevPerm
  "630": [perm([]), perm([{ PREV_PERM: "Z1" }])],
  "631": [perm([{ PREV_PERM: "P5" }]), perm([{ PREV_PERM: "P4" }])],
  // ZZ/05/2024 is read as 31/05/2024, after the start on 01/05/2024; ZZ/04/2024 as 30/04/2024, before it.
  "632": [perm([{ PREV_PERM: "P1", LA_PERM: "316", DATE_PERM: "ZZ/05/2024" }]), perm([{ PREV_PERM: "P1", LA_PERM: "316", DATE_PERM: "ZZ/04/2024" }])],
  "633": [perm([{ PREV_PERM: "P1", LA_PERM: "123", DATE_PERM: "01/01/2020" }]), perm([{ PREV_PERM: "P1", LA_PERM: "WAL", DATE_PERM: "01/01/2020" }])],
  "634": [perm([{ PREV_PERM: "Z1" }], [{ decom: "31/03/2024" }]), perm([{ PREV_PERM: "Z1" }], [{ decom: "01/04/2024" }])],
  "635": [perm([{ LA_PERM: "316", DATE_PERM: "01/01/2020" }]), perm([{ PREV_PERM: "P2", LA_PERM: "316", DATE_PERM: "01/01/2020" }])],
};
