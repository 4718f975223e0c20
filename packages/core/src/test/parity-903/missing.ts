/**
 * Parity cases (see ../../statutory/parity.test.ts) for the rules of
 * ../../statutory/validate-903-missing.ts and validate-903-reviews-uasc.ts: for
 * each rule, a minimal return that breaks it and one that does not, written by
 * hand from the DfE rule wording. Child A (Header DOB 01/06/2015) has one
 * episode from 01/05/2024, open unless the case ends it; the year ends
 * 31/03/2025.
 */
import { xml903, type Ep, type Return903, type TableRow } from "../returns-903.js";

const ended = (e: Ep, dec: string, rec = "E8"): Ep => ({ ...e, dec, rec });
/** A Return903 with one open episode and these Missing rows (MISSING M unless given). */
const mis = (rows: TableRow[], eps: Ep[] = [{}], dob?: string): Return903 => ({
  eps,
  ...(dob ? { header: [{ dob }] } : {}),
  tables: { Missing: rows.map((r) => ({ MISSING: "M", ...(dob ? { DOB: dob } : {}), ...r })) },
});
const rev = (rows: TableRow[], eps: Ep[] = [{}]): Return903 => ({ eps, tables: { Reviews: rows } });
const uasc = (rows: TableRow[], dob?: string): Return903 => ({ eps: [{}], ...(dob ? { header: [{ dob }] } : {}), tables: { UASC: rows.map((r) => ({ SEX: "M", ...(dob ? { DOB: dob } : {}), ...r })) } });
const june = { MIS_START: "01/06/2024", MIS_END: "05/06/2024" };
const closed = ended({}, "01/08/2024");

export const CASES: Record<string, [fail: Return903, pass: Return903]> = {
  // The Header's UASC flag, which only an XML return gives.
  "105": [{ eps: [], xml: xml903("<UASC />") }, { eps: [], xml: xml903("<UASC>0</UASC>") }],
  "303": [{ eps: [], xml: xml903("<UASC>0</UASC><DUC>01/09/2024</DUC>") }, { eps: [], xml: xml903("<UASC>1</UASC><DUC>01/09/2024</DUC>") }],
  // Missing
  "1006": [mis([{ ...june, MISSING: "X" }]), mis([june])],
  "564": [mis([{ MIS_START: "" }]), mis([june])],
  "565": [mis([{ MISSING: "", MIS_START: "01/06/2024" }]), mis([{ MIS_START: "01/06/2024" }])],
  "566": [mis([{ ...june, MISSING: "" }]), mis([june])],
  "567": [mis([{ MIS_START: "10/06/2024", MIS_END: "05/06/2024" }]), mis([june])],
  "570": [mis([{ MIS_START: "01/04/2025" }]), mis([{ MIS_START: "31/03/2025" }])],
  "571": [mis([{ MIS_START: "01/06/2024", MIS_END: "01/04/2025" }]), mis([{ MIS_START: "01/06/2024", MIS_END: "31/03/2025" }])],
  "574": [
    mis([{ MIS_START: "01/06/2024" }, { MIS_START: "01/07/2024", MIS_END: "05/07/2024" }]),
    mis([june, { MIS_START: "05/06/2024", MIS_END: "05/07/2024" }]),
  ],
  "575": [mis([{ MIS_START: "01/06/2024" }], [closed]), mis([june], [closed])],
  "577": [mis([{ MIS_START: "01/06/2024", MIS_END: "02/08/2024" }], [closed]), mis([{ MIS_START: "01/06/2024", MIS_END: "01/08/2024" }], [closed])],
  "578": [mis([{ MIS_START: "02/08/2024" }], [closed]), mis([{ MIS_START: "01/08/2024", MIS_END: "01/08/2024" }], [closed])],
  "580": [
    mis([{ MIS_START: "20/05/2024", MIS_END: "01/06/2024" }], [ended({}, "01/06/2024", "E4A")], "01/06/2006"),
    mis([{ MIS_START: "20/05/2024", MIS_END: "01/06/2024" }], [ended({}, "01/06/2024", "E8")], "01/06/2006"),
  ],
  "581": [mis([{ MIS_START: "30/04/2024" }]), mis([{ MIS_START: "01/05/2024" }])],
  "586": [mis([{ DOB: "01/06/2024", MIS_START: "01/06/2024" }]), mis([{ DOB: "31/05/2024", MIS_START: "01/06/2024" }])],
  "1004": [mis([{ MIS_START: "31/06/2024" }]), mis([{ MIS_START: "30/06/2024" }])],
  "1005": [mis([{ MIS_START: "01/06/2024", MIS_END: "31/06/2024" }]), mis([june])],
  // Reviews
  "166": [rev([{ REVIEW: "31/02/2025", REVIEW_CODE: "PN1" }]), rev([{ REVIEW: "28/02/2025", REVIEW_CODE: "PN1" }])],
  "167": [rev([{ REVIEW: "01/06/2024", REVIEW_CODE: "PN8" }]), rev([{ REVIEW: "01/06/2024", REVIEW_CODE: "PN7" }])],
  "440": [rev([{ DOB: "01/06/2020", REVIEW: "02/06/2024", REVIEW_CODE: "PN0" }]), rev([{ DOB: "01/06/2020", REVIEW: "01/06/2024", REVIEW_CODE: "PN0" }])],
  "441": [rev([{ DOB: "01/06/2020", REVIEW: "31/05/2024", REVIEW_CODE: "PN1" }]), rev([{ DOB: "01/06/2020", REVIEW: "01/06/2024", REVIEW_CODE: "PN1" }])],
  "399": [rev([{ REVIEW: "01/06/2024", REVIEW_CODE: "PN1" }], [{ ls: "V3", place: "U3" }]), rev([{ REVIEW: "01/06/2024", REVIEW_CODE: "PN1" }], [{ ls: "V3", place: "U3" }, { decom: "01/07/2024" }])],
  // UASC
  "104": [uasc([{ DUC: "31/03/2024" }], "01/06/2008"), uasc([{ DUC: "01/04/2024" }], "01/06/2008")],
  "304": [uasc([{ DUC: "02/06/2024" }], "01/06/2006"), uasc([{ DUC: "01/06/2024" }], "01/06/2006")],
  "231": [uasc([{}], "01/04/2014"), uasc([{}], "31/03/2014")],
};
