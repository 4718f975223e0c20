/**
 * DfE parity: for every rule the catalogue marks implemented, a minimal
 * return that breaks it (the exact DfE code must be reported) and a minimal
 * return that does not (the code must not be reported). The cases were
 * written by hand from the DfE rule wording (as the community validators
 * state it); they are not taken from the code's output.
 */
import { describe, expect, it } from "vitest";
import { STATUTORY_RULES } from "./catalogue.js";
import { csv903, tableCsv, type Ep, type Return903 } from "../test/returns-903.js";
import { TABLE_CASES_903 } from "../test/parity-903/index.js";
import { NO_FAILING_CASE } from "../test/parity-903/reference.js";
import type { TSsda903Table } from "./tables-903.js";
import { readStatutoryFiles } from "./read.js";

// ---------- SSDA903 ----------
function codes903(r: Return903): string[] {
  if (r.xml !== undefined) return [...new Set(readStatutoryFiles([{ name: "r.xml", text: r.xml }], { yearEnd: "2025-03-31" }).problems.map((p) => p.rule))];
  const { header, episodes } = csv903(r.header ?? [{}], r.eps);
  const previous = r.previous ? [{ name: "h-last.csv", text: csv903(r.previous, []).header }] : [];
  const tables = Object.entries(r.tables ?? {}).map(([t, rows]) => ({ name: `${t}.csv`, text: tableCsv(t as TSsda903Table, rows) }));
  const x = readStatutoryFiles([...previous, { name: "h.csv", text: header }, { name: "e.csv", text: episodes }, ...tables], { yearEnd: "2025-03-31", ...(r.reference ? { reference: r.reference } : {}) });
  return [...new Set(x.problems.map((p) => p.rule))];
}
const ended = (e: Ep, dec = "01/06/2024", rec = "E8"): Ep => ({ ...e, dec, rec });

const CASES_903: Record<string, [fail: Return903, pass: Return903]> = {
  "101": [{ eps: [{}], header: [{ sex: "X" }] }, { eps: [{}] }],
  "102": [{ eps: [{}], header: [{ dob: "31/02/2015" }] }, { eps: [{}] }],
  "103": [{ eps: [{}], header: [{ ethnic: "XXXX" }] }, { eps: [{}] }],
  "141": [{ eps: [{ decom: "32/05/2024" }] }, { eps: [{}] }],
  "142": [{ eps: [{}, { decom: "01/07/2024" }] }, { eps: [ended({}), { decom: "01/07/2024" }] }],
  "143": [{ eps: [{ rne: "Q" }] }, { eps: [{}] }],
  "144": [{ eps: [{ ls: "Z9" }] }, { eps: [{}] }],
  "145": [{ eps: [{ cin: "N9" }] }, { eps: [{}] }],
  "146": [{ eps: [{ place: "K3" }] }, { eps: [{ place: "U3" }] }],
  "147": [{ eps: [{ dec: "31/04/2024", rec: "E8" }] }, { eps: [ended({})] }],
  "148": [{ eps: [{ dec: "01/06/2024" }] }, { eps: [ended({})] }],
  "149": [{ eps: [ended({}, "01/06/2024", "E99")] }, { eps: [ended({})] }],
  "168": [{ eps: [{}], header: [{ upn: "I123456789012" }] }, { eps: [{}], header: [{ upn: "A123456789012" }] }],
  "171": [{ eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "31/02/2024" }] }, { eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2024" }] }],
  "174": [{ eps: [{}], header: [{ mother: "1", mcDob: "01/02/2024" }] }, { eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2024" }] }],
  "178": [{ eps: [{ prov: "PR9" }] }, { eps: [{}] }],
  "199": [{ eps: [ended({ place: "A4" }, "01/06/2024", "E11"), { decom: "01/08/2024" }], header: [{ dob: "01/06/2020" }] }, { eps: [ended({ place: "A4" }, "01/06/2024", "E11")], header: [{ dob: "01/06/2020" }] }],
  "202": [{ eps: [{}], previous: [{ sex: "F" }] }, { eps: [{}], previous: [{ sex: "1" }] }],
  "203": [{ eps: [{}], previous: [{ dob: "02/06/2015" }] }, { eps: [{}], previous: [{}] }],
  "204": [{ eps: [{}], previous: [{ ethnic: "WIRI" }] }, { eps: [{}], previous: [{}] }],
  "208": [{ eps: [{}], header: [{ upn: "A123456789012" }], previous: [{ upn: "B123456789012" }] }, { eps: [{}], header: [{ upn: "A123456789012" }], previous: [{ upn: "UN1" }] }],
  "209": [{ eps: [{}], header: [{ upn: "UN1" }] }, { eps: [{}], header: [{ upn: "UN1", dob: "01/06/2020" }] }],
  "210": [{ eps: [{ decom: "25/03/2025" }], header: [{ upn: "UN4" }] }, { eps: [{ decom: "23/03/2025" }], header: [{ upn: "UN4" }] }],
  "213": [{ eps: [{ place: "T0" }] }, { eps: [{ place: "T0", prov: "" }] }],
  "214": [{ eps: [{ ls: "V3", place: "U3", urn: "1234567" }] }, { eps: [{ ls: "V3", place: "U3" }] }],
  "217": [{ eps: [{ place: "A5", rne: "P", ls: "E1" }] }, { eps: [{ place: "A5", ls: "E1" }] }],
  "222": [{ eps: [{ place: "R1", urn: "1234567" }] }, { eps: [{ place: "R1" }] }],
  "225": [{ eps: [ended({}, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }, { eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }],
  "226": [{ eps: [{ place: "T1", prov: "", rpc: "CARPL" }] }, { eps: [{ place: "T1", prov: "" }] }],
  "232": [{ eps: [{}], header: [{ sex: "U" }] }, { eps: [{}] }],
  "301": [{ eps: [{}], header: [{ dob: "01/06/2025" }] }, { eps: [{}] }],
  "302": [{ eps: [{}], header: [{ dob: "01/06/2024" }] }, { eps: [{ decom: "01/07/2024" }], header: [{ dob: "01/06/2024" }] }],
  "336": [{ eps: [ended({ place: "R1" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "A4" }] }, { eps: [ended({ place: "U1" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "A4" }] }],
  "351": [{ eps: [{}], header: [{ dob: "01/01/1998" }] }, { eps: [{}] }],
  "352": [{ eps: [{}], header: [{ dob: "01/01/2006" }] }, { eps: [{}], header: [{ dob: "01/01/2010" }] }],
  "353": [{ eps: [ended({ decom: "01/01/1990" }, "01/02/1990")] }, { eps: [ended({ decom: "14/10/1991" }, "01/02/1992")], header: [{ dob: "01/01/1985" }] }],
  "354": [{ eps: [{ decom: "01/05/2025" }] }, { eps: [{}] }],
  "355": [{ eps: [ended({}, "01/05/2024")] }, { eps: [ended({})] }],
  "356": [{ eps: [ended({}, "01/04/2024")] }, { eps: [ended({})] }],
  "357": [{ eps: [{ rne: "P" }] }, { eps: [{}] }],
  "358": [{ eps: [{ ls: "J1" }] }, { eps: [{ ls: "J1" }], header: [{ dob: "01/06/2010" }] }],
  "359": [{ eps: [{}], header: [{ dob: "01/01/2006" }] }, { eps: [{ ls: "V2", place: "K2" }], header: [{ dob: "01/01/2006" }] }],
  "361": [{ eps: [ended({ ls: "L1" }, "10/05/2024")] }, { eps: [ended({ ls: "L1" }, "03/05/2024")] }],
  "362": [{ eps: [ended({ ls: "L2" }, "31/05/2024")] }, { eps: [ended({ ls: "L2" }, "11/05/2024")] }],
  "363": [{ eps: [ended({ ls: "L3" }, "11/05/2024")] }, { eps: [ended({ ls: "L3" }, "06/05/2024")] }],
  "364": [{ eps: [ended({ ls: "J2" }, "31/05/2024")] }, { eps: [ended({ ls: "J2" }, "11/05/2024")] }],
  "365": [{ eps: [ended({ ls: "V3", place: "U3" }, "25/05/2024")] }, { eps: [ended({ ls: "V3", place: "U3" }, "11/05/2024")] }],
  "366": [{ eps: [ended({}, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", ls: "V3", place: "U3" }] }, { eps: [{ ls: "V3", place: "U3" }] }],
  "367": [
    { eps: ["01/05", "01/06", "01/07", "01/08", "01/09"].map((d) => ended({ decom: `${d}/2024`, ls: "V3", place: "U3" }, `${d.replace("01/", "17/")}/2024`)) },
    { eps: ["01/05", "01/06", "01/07"].map((d) => ended({ decom: `${d}/2024`, ls: "V3", place: "U3" }, `${d.replace("01/", "17/")}/2024`)) },
  ],
  "371": [{ eps: [ended({ place: "K3" })] }, { eps: [ended({ place: "K3" })], header: [{ dob: "01/01/2008" }] }],
  "372": [{ eps: [ended({ place: "R5", prov: "" })] }, { eps: [ended({ place: "R5", prov: "" })], header: [{ dob: "01/01/2012" }] }],
  "373": [{ eps: [ended({ place: "S1" })], header: [{ dob: "01/01/2022" }] }, { eps: [ended({ place: "S1" })] }],
  "374": [{ eps: [ended({ place: "P3" })] }, { eps: [ended({ place: "P3" })], header: [{ dob: "01/01/2009" }] }],
  "375": [{ eps: [ended({ place: "T1", prov: "" }, "01/07/2024", "X1")] }, { eps: [ended({ place: "T1", prov: "" }, "11/05/2024", "X1")] }],
  "376": [{ eps: [ended({ place: "T3", prov: "" }, "01/06/2024", "X1")] }, { eps: [ended({ place: "T3", prov: "" }, "11/05/2024", "X1")] }],
  "377": [
    { eps: ["01/05", "01/06", "01/07"].map((d) => ended({ decom: `${d}/2024`, place: "T3", prov: "" }, `${d.replace("01/", "05/")}/2024`, "X1")) },
    { eps: ["01/05", "01/06"].map((d) => ended({ decom: `${d}/2024`, place: "T3", prov: "" }, `${d.replace("01/", "05/")}/2024`, "X1")) },
  ],
  "378": [{ eps: [{ place: "P1", ls: "V2", prov: "PR0" }] }, { eps: [{ place: "P1", prov: "PR0" }] }],
  "379": [{ eps: [ended({ place: "T4", prov: "" }, "11/05/2024", "X1")] }, { eps: [ended({ place: "T4", prov: "" }, "05/05/2024", "X1")] }],
  "380": [{ eps: [{ place: "T0", prov: "" }] }, { eps: [ended({}, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "T0", prov: "" }] }],
  "381": [{ eps: [ended({ place: "T0", prov: "" })] }, { eps: [ended({ place: "T0", prov: "" }, "01/06/2024", "X1")] }],
  "382": [{ eps: [{ ls: "V3", place: "T0", prov: "" }] }, { eps: [{ ls: "V3", place: "U3" }] }],
  "383": [
    { eps: [ended({}, "01/06/2024", "X1"), ended({ decom: "01/06/2024", rne: "P", place: "T1", prov: "" }, "05/06/2024", "X1"), { decom: "05/06/2024", rne: "P", place: "U3" }] },
    { eps: [ended({}, "01/06/2024", "X1"), ended({ decom: "01/06/2024", rne: "P", place: "T1", prov: "" }, "05/06/2024", "X1"), { decom: "05/06/2024", rne: "P", place: "U1" }] },
  ],
  "384": [{ eps: [{ ls: "V3" }] }, { eps: [{ ls: "V3", place: "U3" }] }],
  "385": [{ eps: [ended({}, "01/04/2025")] }, { eps: [ended({}, "31/03/2025")] }],
  "386": [{ eps: [ended({ place: "A4" }, "01/06/2024", "E11")], header: [{ dob: "01/01/2006" }] }, { eps: [ended({ place: "A4" }, "01/06/2024", "E11")] }],
  "387": [{ eps: [ended({}, "01/06/2024", "E5")] }, { eps: [ended({}, "01/06/2024", "E5")], header: [{ dob: "01/01/2008" }] }],
  "388": [{ eps: [ended({}, "01/06/2024", "X1")] }, { eps: [ended({})] }],
  "389": [{ eps: [ended({}, "01/06/2024", "E7")] }, { eps: [ended({}, "01/06/2024", "E7")], header: [{ dob: "01/01/2008" }] }],
  "390": [{ eps: [ended({}, "01/06/2024", "E11")] }, { eps: [ended({ place: "A4" }, "01/06/2024", "E11")] }],
  "392d": [{ eps: [{ home: "AB1 2CD", pl: "AB12CD" }] }, { eps: [{ place: "P1", prov: "PR0", home: "AB1 2CD", pl: "AB1 2CD" }] }],
  "393": [{ eps: [{}], header: [{ sex: "F" }] }, { eps: [{}], header: [{ sex: "F", mother: "0" }] }],
  "398": [{ eps: [{ ls: "V3", place: "U3", home: "AB1 2CD" }] }, { eps: [{ ls: "V3", place: "U3" }] }],
  "407": [{ eps: [ended({}, "01/06/2024", "E45")], header: [{ dob: "01/01/2006" }] }, { eps: [ended({}, "01/06/2024", "E45")] }],
  "408": [{ eps: [{ place: "A5" }] }, { eps: [{ place: "A5", ls: "E1" }] }],
  "426": [{ eps: [ended({ ls: "V3", place: "U3" }, "05/05/2024"), { decom: "01/07/2024", ls: "V4", place: "U3" }] }, { eps: [ended({ ls: "V3", place: "U3" }, "05/05/2024"), { decom: "01/07/2024", ls: "V3", place: "U3" }] }],
  "431": [{ eps: [ended({}), { decom: "01/06/2024" }] }, { eps: [ended({}), { decom: "10/06/2024" }] }],
  "432": [{ eps: [ended({}), { decom: "10/06/2024", rne: "P", place: "U3" }] }, { eps: [ended({}), { decom: "10/06/2024" }] }],
  "433": [{ eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "05/06/2024", rne: "P", place: "U3" }] }, { eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }],
  "434": [{ eps: [ended({}, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "L" }] }, { eps: [ended({}, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "L", ls: "C1" }] }],
  "435": [{ eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", ls: "C1", place: "U3" }] }, { eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }],
  "436": [{ eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "B", place: "U3" }] }, { eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "B", ls: "C1", place: "U3" }] }],
  "437": [{ eps: [ended({}, "01/06/2024", "E2"), { decom: "01/08/2024" }] }, { eps: [ended({}, "01/06/2024", "E2")] }],
  "442": [{ eps: [{}], header: [{ upn: "" }] }, { eps: [{ ls: "V3", place: "U3" }], header: [{ upn: "" }] }],
  "446": [{ eps: [ended({ decom: "01/05/2004", ls: "E1" }, "01/06/2004")], header: [{ dob: "01/06/2000" }] }, { eps: [ended({ decom: "01/05/2006", ls: "E1" }, "01/06/2006")], header: [{ dob: "01/06/2000" }] }],
  "460": [{ eps: [ended({}, "01/06/2024", "E17")] }, { eps: [ended({}, "01/06/2024", "E17")], header: [{ dob: "01/01/2006" }] }],
  "501": [{ eps: [ended({}, "01/08/2024"), { decom: "01/07/2024" }] }, { eps: [ended({}, "01/08/2024"), { decom: "01/09/2024" }] }],
  "504": [{ eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3", cin: "N2" }] }, { eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }],
  "516": [{ eps: [ended({ place: "R1" }, "01/06/2024", "E45")] }, { eps: [ended({}, "01/06/2024", "E45")] }],
  "526": [{ eps: [{ prov: "" }] }, { eps: [{ place: "T0", prov: "" }] }],
  "527": [{ eps: [{ place: "R2" }] }, { eps: [{}] }],
  "528": [{ eps: [{ place: "R2", prov: "PR2" }] }, { eps: [{ prov: "PR2" }] }],
  "529": [{ eps: [{ prov: "PR3" }] }, { eps: [{ place: "R1", prov: "PR3" }] }],
  "530": [{ eps: [{ place: "P1", prov: "PR4" }] }, { eps: [{ prov: "PR4" }] }],
  "531": [{ eps: [{ place: "P1", prov: "PR5" }] }, { eps: [{ prov: "PR5" }] }],
  "550": [{ eps: [{ prov: "PR0" }] }, { eps: [{ place: "P1", prov: "PR0" }] }],
  "607": [{ eps: [ended({})], header: [{ sex: "F" }] }, { eps: [ended({})], header: [{ sex: "F", mother: "0" }] }],
  "611": [{ eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1" }] }, { eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2024" }] }],
  "612": [{ eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "0", mcDob: "01/02/2024" }] }, { eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "0" }] }],
  "620": [{ eps: [{}], header: [{ sex: "F", mother: "1", mcDob: "01/02/2024" }] }, { eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2024" }] }],
  "621": [{ eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2006" }] }, { eps: [{}], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2024" }] }],
  "625": [{ eps: [ended({})], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2025" }] }, { eps: [ended({})], header: [{ sex: "F", dob: "01/06/2006", mother: "1", mcDob: "01/02/2024" }] }],
  "1009": [{ eps: [ended({ rpc: "WHIM" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }, { eps: [ended({ rpc: "CARPL" }, "01/06/2024", "X1"), { decom: "01/06/2024", rne: "P", place: "U3" }] }],
  EPI: [{ eps: [{}], header: [{}, { child: "B" }] }, { eps: [{}] }],
  INT03: [{ eps: [{}, { child: "Z" }] }, { eps: [{}] }],
  INT32: [{ eps: [{}], header: [{}, {}] }, { eps: [{}] }],
};

// ---------- CIN census ----------
interface Asmt {
  start?: string;
  auth?: string | null;
  factors?: string[];
}
interface Details {
  ref?: string;
  source?: string;
  need?: string;
  closure?: string;
  reason?: string;
  icpc?: string;
  nfa?: string;
  assessments?: Asmt[];
  plans?: { start?: string; end?: string }[];
  s47s?: { start?: string; icpc?: string; target?: string }[];
  cpps?: { start?: string; end?: string; initial?: string; latest?: string; previous?: string; reviews?: string[] }[];
}
interface Child {
  id?: string;
  upn?: string;
  /** UPNunknown (default UN1 when no UPN is given). */
  unknown?: string;
  formerUpn?: string;
  dob?: string;
  expected?: string;
  death?: string;
  sex?: string;
  ethnicity?: string;
  disabilities?: string[];
  details?: Details[];
}
const el = (name: string, value: string | undefined) => (value === undefined ? "" : `<${name}>${value}</${name}>`);
function detailsXml(d: Details): string {
  const parts = [
    el("CINreferralDate", d.ref ?? "2024-05-01"),
    el("ReferralSource", d.source ?? "1A"),
    el("PrimaryNeedCode", d.need ?? "N1"),
    el("CINclosureDate", d.closure),
    el("ReasonForClosure", d.reason),
    el("DateOfInitialCPC", d.icpc),
    el("ReferralNFA", d.nfa ?? "false"),
    ...(d.assessments ?? []).map(
      (a) =>
        `<Assessments>${el("AssessmentActualStartDate", a.start ?? "2024-05-02")}${a.auth === null ? "" : el("AssessmentAuthorisationDate", a.auth ?? "2024-05-20")}<FactorsIdentifiedAtAssessment>${(a.factors ?? ["1A"]).map((f) => el("AssessmentFactors", f)).join("")}</FactorsIdentifiedAtAssessment></Assessments>`,
    ),
    ...(d.plans ?? []).map((p) => `<CINPlanDates>${el("CINPlanStartDate", p.start ?? "2024-05-21")}${el("CINPlanEndDate", p.end)}</CINPlanDates>`),
    ...(d.s47s ?? []).map((s) => `<Section47>${el("S47ActualStartDate", s.start ?? "2024-05-21")}${el("InitialCPCtarget", s.target)}${el("DateOfInitialCPC", s.icpc)}<ICPCnotRequired>false</ICPCnotRequired></Section47>`),
    ...(d.cpps ?? []).map(
      (c) =>
        `<ChildProtectionPlans>${el("CPPstartDate", c.start ?? "2024-06-03")}${el("CPPendDate", c.end)}${el("InitialCategoryOfAbuse", c.initial ?? "NEG")}${el("LatestCategoryOfAbuse", c.latest ?? "NEG")}${c.previous === "" ? "" : el("NumberOfPreviousCPP", c.previous ?? "0")}${c.reviews ? `<Reviews>${c.reviews.map((r) => el("CPPreviewDate", r)).join("")}</Reviews>` : ""}</ChildProtectionPlans>`,
    ),
  ];
  return `<CINdetails>${parts.join("")}</CINdetails>`;
}
function childXml(c: Child): string {
  const ids = [el("LAchildID", c.id ?? "C1"), el("UPN", c.upn), el("FormerUPN", c.formerUpn), c.upn === undefined ? el("UPNunknown", c.unknown ?? "UN1") : "", el("PersonBirthDate", c.dob ?? "2015-01-01"), el("ExpectedPersonBirthDate", c.expected), el("PersonDeathDate", c.death), el("Sex", c.sex ?? "M")];
  const disabilities = c.disabilities ? `<Disabilities>${c.disabilities.map((d) => el("Disability", d)).join("")}</Disabilities>` : "";
  return `<Child><ChildIdentifiers>${ids.join("")}</ChildIdentifiers><ChildCharacteristics>${el("Ethnicity", c.ethnicity ?? "WBRI")}${disabilities}</ChildCharacteristics>${(c.details ?? [{}]).map(detailsXml).join("")}</Child>`;
}
/** A return of these children, or of one child under a Header with the given Year and ReferenceDate (blank leaves it out). */
type CinCase = Child[] | { year: string; referenceDate: string };
function codesCin(c: CinCase): string[] {
  const { year, referenceDate } = Array.isArray(c) ? { year: "2025", referenceDate: "2025-03-31" } : c;
  const children = Array.isArray(c) ? c : [{}];
  const text = `<Message><Header><CollectionDetails><Collection>CIN</Collection>${el("Year", year)}${el("ReferenceDate", referenceDate)}</CollectionDetails></Header><Children>${children.map(childXml).join("")}</Children></Message>`;
  return [...new Set(readStatutoryFiles([{ name: "cin.xml", text }]).problems.map((p) => p.rule))];
}
const one = (d: Details, c: Child = {}): Child[] => [{ ...c, details: [d] }];

const CASES_CIN: Record<string, [fail: CinCase, pass: CinCase]> = {
  // The reference date must be 31 March of the collection Year (as on the validators' 2024 sample, Year 2023 with 2024-03-31).
  "100": [{ year: "2024", referenceDate: "2025-03-31" }, { year: "2024", referenceDate: "2024-03-31" }],
  // Whole-return queries, reported on the file: the share of children with no sex, the number of disability codes used.
  "2886Q": [[{ sex: "U" }], [{ sex: "M" }]],
  "2887Q": [[{}], [{ disabilities: ["AUT", "BEH", "COMM", "CON", "DDA", "HAND", "HEAR", "INC"] }]],
  "2888Q": [[{ disabilities: ["AUT"] }], [{ disabilities: ["AUT", "BEH"] }]],
  "2883": [one({ cpps: [{}] }), one({ s47s: [{ icpc: "2024-06-03" }], cpps: [{}] })],
  "2884": [one({ icpc: "2024-06-03", s47s: [{ icpc: "2024-06-03" }] }), one({ s47s: [{ icpc: "2024-06-03" }] })],
  "2991Q": [one({ s47s: [{}] }), one({ assessments: [{}], s47s: [{}] })],
  "4003": [one({ plans: [{ end: "2024-08-01" }], cpps: [{ end: "2024-09-01", reviews: ["2024-07-01"] }] }), one({ plans: [{ end: "2024-08-01" }], cpps: [{ end: "2024-09-01", reviews: ["2024-08-15"] }] })],
  "8530Q": [[{ dob: "", expected: "2026-02-01", sex: "U" }], [{ dob: "", expected: "2025-05-01", sex: "U" }]],
  "8535Q": [[{ death: "2014-01-01" }], [{ death: "2024-10-01" }]],
  "8540": [[{ disabilities: ["XYZ"] }], [{ disabilities: ["NONE"] }]],
  // The working day before 1 April 2024: 31 March is Easter Sunday, 29 March Good Friday, so 28 March.
  "8569Q": [one({ ref: "2024-03-27", nfa: "true" }), one({ ref: "2024-03-28", nfa: "true" })],
  "8606": [[{ dob: "2025-03-01" }], [{ dob: "2025-01-01" }]],
  "8614": [one({ assessments: [{ auth: null }] }), one({ assessments: [{ auth: null, factors: [] }] })],
  // 45 working days ending on Monday 31 March 2025 start on 28 January 2025 (as the community validator counts).
  "8670Q": [one({ assessments: [{ start: "2025-01-27", auth: null, factors: [] }], ref: "2025-01-20" }), one({ assessments: [{ start: "2025-01-28", auth: null, factors: [] }], ref: "2025-01-20" })],
  // 15 working days ending on 31 March 2025 start on 11 March 2025.
  "8675Q": [one({ ref: "2025-03-01", s47s: [{ start: "2025-03-10" }] }), one({ ref: "2025-03-01", s47s: [{ start: "2025-03-11" }] })],
  "8736": [one({ ref: "2024-01-10", assessments: [{ start: "2024-01-15", auth: null, factors: [] }] }), one({ assessments: [{ auth: null, factors: [] }] })],
  "8740": [one({ ref: "2024-01-10", s47s: [{ start: "2024-01-15" }] }), one({ s47s: [{}] })],
  "8770Q": [[{}], [{ unknown: "UN2" }]],
  "8772": [[{ unknown: "UN7" }], [{ unknown: "UN7", details: [{ nfa: "true" }] }]],
  "8775Q": [[{ dob: "1999-01-01" }], [{ dob: "1999-01-01", details: [{ ref: "2023-06-01", closure: "2023-12-01", reason: "RC7" }] }]],
  "8841": [one({ cpps: [{ reviews: ["2024-06-03"] }] }), one({ cpps: [{ reviews: ["2024-06-20"] }] })],
  "8842Q": [one({ cpps: [{ reviews: [] }] }), one({ cpps: [{ reviews: ["2024-06-20"] }] })],
  "8867": [one({ closure: "2024-07-01", reason: "RC7", assessments: [{ auth: null, factors: [] }] }), one({ closure: "2024-07-01", reason: "RC7", assessments: [{}] })],
  "8868": [one({ closure: "2024-07-01", reason: "RC7", s47s: [{}] }), one({ closure: "2024-07-01", reason: "RC7", s47s: [{ icpc: "2024-06-03" }] })],
  "8870Q": [one({ s47s: [{ target: "2024-06-08" }] }), one({ s47s: [{ target: "2024-06-10" }] })],
  "8873Q": [one({ closure: "2024-07-01", reason: "RC7", assessments: [{ factors: ["21"] }] }), one({ closure: "2024-07-01", reason: "RC8", assessments: [{ factors: ["21"] }] })],
  "8890": [one({ s47s: [{ icpc: "2024-06-03" }, { start: "2024-05-25", icpc: "2024-06-05" }] }), one({ s47s: [{ icpc: "2024-06-03" }, { start: "2024-06-10", icpc: "2024-06-12" }] })],
  "8945Q": [one({ assessments: [{ factors: ["18A"] }] }), one({ assessments: [{ factors: ["18B"] }] })],
  "8950Q": [one({ assessments: [{ factors: ["19A"] }] }), one({ assessments: [{ factors: ["19B"] }] })],
  "1103": [one({ assessments: [{ start: "2024-04-20" }] }), one({ assessments: [{}] })],
  "1104": [one({ s47s: [{ start: "2024-05-02", icpc: "2024-04-30" }] }), one({ s47s: [{ start: "2024-05-02", icpc: "2024-05-10" }] })],
  "1105": [one({ cpps: [{ start: "2024-04-20" }] }), one({ cpps: [{}] })],
  "1510": [[{ upn: "B123456789012" }], [{ upn: "A123456789012" }]],
  // Characters 2–4 of a UPN: 999 is no local-authority code, 201 (City of London) is one.
  "1530": [[{ upn: "A999456789012" }], [{ upn: "A201456789012" }]],
  "1560Q": [[{ formerUpn: "X12345" }], [{ formerUpn: "A123456789012" }]],
  "1570": [[{ id: "C".repeat(21) }], [{ id: "C".repeat(20) }]],
  "1580": [[{ id: "C-1" }], [{ id: "C1" }]],
  "1520": [[{ upn: "A123456789012" }, { id: "C2", upn: "A123456789012" }], [{ upn: "A123456789012" }, { id: "C2" }]],
  "1540": [[{ upn: "A1234567X9012" }], [{ upn: "A123456789012" }]],
  "1550": [[{ upn: "A12345678901I" }], [{ upn: "A12345678901A" }]],
  // The plan starts on 3 June 2024: the section 47's conference, or without a section 47 the episode's, must be that day.
  "2885": [one({ s47s: [{ icpc: "2024-06-02" }], cpps: [{}] }), one({ s47s: [{ icpc: "2024-06-02" }, { start: "2024-06-02", icpc: "2024-06-03" }], cpps: [{}] })],
  "2889": [one({ s47s: [{ start: "2024-04-20" }] }), one({ s47s: [{}] })],
  "2990": [one({ closure: "2024-07-01", reason: "RC8", assessments: [{}], plans: [{ end: "2024-06-30" }] }), one({ closure: "2024-07-01", reason: "RC8", assessments: [{}] })],
  "4000": [one({ nfa: "true", plans: [{}] }), one({ plans: [{}] })],
  "4001": [one({ plans: [{ start: "2024-06-01" }], cpps: [{ start: "2024-06-01" }] }), one({ plans: [{ end: "2024-05-30" }], cpps: [{ start: "2024-06-01" }] })],
  "4004": [one({ plans: [{}, { start: "2024-06-01" }] }), one({ plans: [{ end: "2024-06-01" }, { start: "2024-06-01" }] })],
  "4008": [one({ plans: [{ start: "2024-07-01" }] }, { death: "2024-06-01" }), one({ plans: [{ start: "2024-05-21", end: "2024-06-01" }] }, { death: "2024-06-01" })],
  "4009Q": [one({ plans: [{ start: "2024-05-21", end: "2024-07-01" }] }, { death: "2024-06-01" }), one({ plans: [{ start: "2024-05-21", end: "2024-06-01" }] }, { death: "2024-06-01" })],
  "4010": [one({ plans: [{ start: "" }] }), one({ plans: [{}] })],
  "4011": [one({ plans: [{ end: "2024-05-10" }] }), one({ plans: [{ end: "2024-06-10" }] })],
  "4013": [one({ ref: "2023-05-01", plans: [{ start: "2023-05-21", end: "2023-06-10" }] }), one({ ref: "2023-05-01", plans: [{ start: "2023-05-21", end: "2024-06-10" }] })],
  "4012Q": [one({ plans: [{ end: "2024-05-21" }] }), one({ plans: [{ end: "2024-05-22" }] })],
  "4014": [one({ plans: [{ end: "2024-07-01" }, { start: "2024-06-01" }] }), one({ plans: [{ end: "2024-06-01" }, { start: "2024-06-01" }] })],
  "4015": [one({ plans: [{ start: "2024-04-20" }] }), one({ plans: [{}] })],
  "4016": [one({ cpps: [{ start: "2024-05-10" }], plans: [{ start: "2024-06-01" }] }), one({ cpps: [{ start: "2024-05-10", end: "2024-05-30" }], plans: [{ start: "2024-06-01" }] })],
  "4017": [one({ plans: [{ start: "2024-05-10", end: "2024-07-01" }], cpps: [{ start: "2024-06-01", end: "2024-08-01" }] }), one({ plans: [{ start: "2024-05-10", end: "2024-05-30" }], cpps: [{ start: "2024-06-01", end: "2024-08-01" }] })],
  "4180": [[{ sex: "X" }], [{ sex: "F" }]],
  "4220": [[{ ethnicity: "XXXX" }], [{}]],
  "8500": [[{ id: "" }], [{}]],
  "8510": [[{}, {}], [{}, { id: "C2" }]],
  "8520": [[{ dob: "2025-06-01" }], [{}]],
  "8525Q": [[{ expected: "2015-02-01" }], [{}]],
  "8545Q": [[{ death: "2026-01-01" }], [{ death: "2024-10-01" }]],
  "8555Q": [[{ death: "2024-04-20" }], [{ death: "2024-10-01" }]],
  "8565": [one({ closure: "2024-06-01", reason: "RC7", assessments: [{ start: "2024-06-10", auth: "2024-06-20" }] }), one({ closure: "2024-06-01", reason: "RC7", assessments: [{}] })],
  "8568": [one({ nfa: "maybe" }), one({})],
  "8585Q": [one({ closure: "2024-06-01", reason: "RC2" }), one({ closure: "2024-06-01", reason: "RC2" }, { death: "2024-06-01" })],
  // A CINdetails group counts even when its referral date cannot be read.
  "8590": [[{ details: [] }], [{ details: [{ ref: "2024-13-01" }] }]],
  "8600": [one({ ref: "2025-05-01" }), one({})],
  "8608": [one({ assessments: [{ start: "2024-05-25" }] }), one({ assessments: [{}] })],
  "8615": [one({ s47s: [{ start: "2024-05-20", icpc: "2024-05-10" }] }), one({ s47s: [{ start: "2024-05-02", icpc: "2024-05-10" }] })],
  "8610": [one({ need: "" }), one({ need: "", nfa: "true" })],
  "8620": [one({ ref: "2024-01-01", closure: "2024-02-01", reason: "RC7" }), one({ ref: "2024-01-01", closure: "2024-06-01", reason: "RC7" })],
  "8630": [one({ ref: "2024-06-01", closure: "2024-05-01", reason: "RC7" }), one({ ref: "2024-05-01", closure: "2024-06-01", reason: "RC7" })],
  "8640": [one({ closure: "2024-06-01", reason: "RC99" }), one({ closure: "2024-06-01", reason: "RC7" })],
  "8650": [one({ need: "N10" }), one({})],
  "8696": [one({ ref: "2024-02-01", assessments: [{ start: "2024-02-10", auth: "2024-03-01" }] }), one({ ref: "2024-02-01", assessments: [{ start: "2024-02-10", auth: "2024-04-10" }] })],
  "8715": [one({ ref: "2024-02-01", s47s: [{ start: "2024-02-10", icpc: "2024-03-01" }] }), one({ ref: "2024-02-01", s47s: [{ start: "2024-02-10", icpc: "2024-04-10" }] })],
  "8720": [one({ cpps: [{ start: "" }] }), one({ cpps: [{}] })],
  "8730": [one({ cpps: [{ previous: "" }] }), one({ cpps: [{}] })],
  "8750": [[{ dob: "", expected: "2025-05-01", sex: "M" }], [{ dob: "", expected: "2025-05-01", sex: "U" }]],
  "8790": [[{ disabilities: ["NONE", "HAND"] }], [{ disabilities: ["HAND"] }]],
  "8794": [[{ disabilities: ["HAND", "HAND"] }], [{ disabilities: ["HAND", "HEAR"] }]],
  "8805": [one({ closure: "2024-06-01" }), one({ closure: "2024-06-01", reason: "RC7" })],
  "8810": [one({ reason: "RC7" }), one({ closure: "2024-06-01", reason: "RC7" })],
  "8815": [[{ details: [{}, { ref: "2024-07-01" }] }], [{ details: [{ closure: "2024-06-01", reason: "RC7" }, { ref: "2024-07-01" }] }]],
  "8816": [[{ details: [{}, { ref: "2024-07-01", closure: "2024-08-01", reason: "RC7" }] }], [{ details: [{ closure: "2024-06-01", reason: "RC7" }, { ref: "2024-07-01" }] }]],
  "8820": [[{ details: [{ closure: "2024-08-01", reason: "RC7" }, { ref: "2024-07-01" }] }], [{ details: [{ closure: "2024-06-01", reason: "RC7" }, { ref: "2024-07-01" }] }]],
  "8825Q": [one({ closure: "2024-06-01", reason: "RC8" }), one({ closure: "2024-06-01", reason: "RC8", assessments: [{}] })],
  "8831": [one({ nfa: "true", assessments: [{}] }), one({ assessments: [{}] })],
  "8832": [one({ nfa: "true", cpps: [{}] }), one({ cpps: [{}] })],
  "8839": [one({ s47s: [{}, { start: "2024-06-01" }] }), one({ s47s: [{ icpc: "2024-05-31" }, { start: "2024-06-01" }] })],
  "8840": [one({ cpps: [{ end: "2024-06-03" }] }), one({ cpps: [{ end: "2024-07-03" }] })],
  "8863Q": [one({ assessments: [{}, { start: "2024-05-10", auth: "2024-05-30" }] }), one({ assessments: [{}, { start: "2024-05-25", auth: "2024-05-30" }] })],
  "8866": [one({ source: "ZZ" }), one({})],
  "8869": [one({ assessments: [{ factors: ["21", "1A"] }] }), one({ assessments: [{ factors: ["21"] }] })],
  "8875": [one({ s47s: [{ start: "2024-06-03", icpc: "2024-06-08" }] }), one({ s47s: [{ start: "2024-06-03", icpc: "2024-06-10" }] })],
  "8896": [one({ assessments: [{ auth: null }, { start: "2024-05-10", auth: null }] }), one({ assessments: [{ auth: null }] })],
  "8897Q": [one({ assessments: [{ factors: [] }] }), one({ assessments: [{}] })],
  "8898": [one({ assessments: [{ factors: ["1A", "1A"] }] }), one({ assessments: [{ factors: ["1A", "2A"] }] })],
  "8905": [one({ cpps: [{ initial: "ZZZ" }] }), one({ cpps: [{}] })],
  "8910": [one({ cpps: [{ latest: "ZZZ" }] }), one({ cpps: [{}] })],
  "8915": [one({ cpps: [{}] }, { death: "2024-06-01" }), one({ cpps: [{ start: "2024-05-21", end: "2024-06-01" }] }, { death: "2024-06-01" })],
  "8920": [one({ cpps: [{ start: "2024-05-21", end: "2024-07-01" }] }, { death: "2024-06-01" }), one({ cpps: [{ start: "2024-05-21", end: "2024-06-01" }] }, { death: "2024-06-01" })],
  "8925": [one({ cpps: [{ end: "2024-06-01" }] }), one({ cpps: [{ end: "2024-07-01" }] })],
  "8930": [one({ ref: "2023-05-01", cpps: [{ start: "2023-06-01", end: "2023-08-01" }] }), one({ ref: "2023-05-01", cpps: [{ start: "2023-06-01", end: "2024-08-01" }] })],
  "8935": [one({ cpps: [{}, { start: "2024-07-01" }] }), one({ cpps: [{ end: "2024-06-20" }, { start: "2024-07-01" }] })],
  "8940": [one({ cpps: [{ end: "2024-08-01" }, { start: "2024-07-01" }] }), one({ cpps: [{ end: "2024-07-01" }, { start: "2024-07-01" }] })],
};

/** The rules on Header and Episodes (above) and those on the other tables (src/test/parity-903/), each code once. */
const ALL_CASES_903: Record<string, [fail: Return903, pass: Return903]> = { ...CASES_903 };
for (const [code, pair] of Object.entries(TABLE_CASES_903)) {
  if (code in ALL_CASES_903) throw new Error(`parity case ${code} is given twice`);
  ALL_CASES_903[code] = pair;
}

describe("DfE parity: every implemented SSDA903 rule", () => {
  it.each(Object.entries(ALL_CASES_903))("%s: the failing return reports it, the passing one does not", (code, [fail, pass]) => {
    expect(codes903(fail)).toContain(code);
    expect(codes903(pass)).not.toContain(code);
  });
});

describe("DfE parity: every implemented CIN census rule", () => {
  it.each(Object.entries(CASES_CIN))("%s: the failing return reports it, the passing one does not", (code, [fail, pass]) => {
    expect(codesCin(fail)).toContain(code);
    expect(codesCin(pass)).not.toContain(code);
  });
});

describe("the catalogue and the parity cases agree", () => {
  it("every rule marked implemented has a parity case, and every parity case is marked implemented", () => {
    // Rules needing reference data have their cases too (given the reference), except those that cannot fire (NO_FAILING_CASE).
    const implemented = (ret: string) =>
      STATUTORY_RULES.filter((r) => r.return === ret && (r.status === "implemented" || (r.status === "needs-reference-data" && !(r.code in NO_FAILING_CASE)))).map((r) => r.code).sort();
    expect(Object.keys(ALL_CASES_903).sort()).toEqual(implemented("ssda903"));
    expect(Object.keys(CASES_CIN).sort()).toEqual(implemented("cin"));
  });

  it("lists every 2024/25 rule once: 305 SSDA903 and 109 CIN census rules", () => {
    const count = (ret: string) => new Set(STATUTORY_RULES.filter((r) => r.return === ret).map((r) => r.code)).size;
    expect([count("ssda903"), count("cin")]).toEqual([305, 109]);
    expect(STATUTORY_RULES.filter((r) => r.return !== "evident")).toHaveLength(414);
  });
});
