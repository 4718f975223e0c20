import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readStatutoryPaths } from "../node/statutory-files.js";
import { toAnalysisRows } from "./analysis.js";
import { hasStatutoryErrors, type TStatutoryExtract } from "./model.js";
import { detectStatutoryFileKind, readStatutoryFiles } from "./read.js";
import { writeCinCensusXml, writeSsda903Csv } from "./write.js";

const path = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const fixture = (name: string) => ({ name, text: readFileSync(path(name), "utf8") });
/**
 * The whole-return query every census this small raises: fewer than 8 different disability codes are used in it
 * (2887Q, on the file, row 0; no fixture child has a disability other than NONE).
 */
const fewCodes = (...files: string[]) => files.map((file) => expect.objectContaining({ file, row: 0, rule: "2887Q", severity: "warning" }));
const CLEAN = ["clean-903-header.csv", "clean-903-episodes-2023.csv", "clean-903-episodes-2024.csv", "clean-cin-2023.xml", "clean-cin.xml"];

describe("the clean two-year case", () => {
  const extract = readStatutoryFiles(CLEAN.map(fixture));

  it("has no problems but the small-census query 2887Q", () => {
    expect(extract.problems).toEqual(fewCodes("clean-cin-2023.xml", "clean-cin.xml"));
    expect(extract.files.map((f) => [f.kind, f.rows])).toEqual([
      ["ssda903-header-csv", 2],
      ["ssda903-episodes-csv", 3],
      ["ssda903-episodes-csv", 4],
      ["cin-census-xml", 1],
      ["cin-census-xml", 2],
    ]);
  });

  it("stitches the two years: the episode open in 2023/24 is closed by the 2024/25 file, no duplicates", () => {
    expect(extract.claEpisodes.map((e) => [e.childId, e.start, e.end, e.reasonNewEpisode, e.legalStatus, e.reasonEnded])).toEqual([
      ["A1", "2023-01-10", "2023-06-01", "S", "C1", "X1"],
      ["A1", "2023-06-01", "2024-09-20", "L", "C2", "X1"],
      ["A1", "2024-09-20", "2025-01-15", "B", "E1", "E11"],
      ["A2", "2024-02-05", "2024-04-30", "S", "V2", "E4A"],
      ["A2", "2025-02-01", null, "S", "C2", null],
    ]);
    expect(extract.carePeriods.map((p) => [p.childId, p.start, p.end, p.reasonEnded, p.episodeKeys.length])).toEqual([
      ["A1", "2023-01-10", "2025-01-15", "E11", 3],
      ["A2", "2024-02-05", "2024-04-30", "E4A", 1],
      ["A2", "2025-02-01", null, null, 1],
    ]);
  });

  it("links the CIN child A1 to the 903 child A1 by date of birth and keeps both sex codings", () => {
    expect(extract.children.map((c) => [c.childId, c.laChildId, c.linked903Cin, c.birthDate, c.sex, c.sexLegacy, c.ethnicity, c.upn, c.upnUnknown])).toEqual([
      ["A1", "A1", true, "2012-03-15", "M", "1", "WBRI", "M201456789012", null],
      ["A2", null, false, "2016-11-02", "F", "2", "BAFR", null, "UN2"],
      ["B7", "B7", false, "2018-05-05", "F", "2", "AIND", null, "UN2"],
    ]);
  });

  it("keeps referral source 3A (a GP) apart from assessment factor 3A (domestic violence, child)", () => {
    expect(extract.referrals.map((r) => [r.childId, r.date, r.referralSource, r.nfa])).toEqual([
      ["A1", "2022-11-01", "6", false],
      ["B7", "2024-04-10", "3A", true],
      ["B7", "2024-06-01", "2A", false],
    ]);
    expect(extract.assessments.map((a) => [a.childId, a.start, a.authorisationDate, a.factors])).toEqual([
      ["A1", "2022-11-02", "2022-11-20", ["3A", "16A"]],
      ["B7", "2024-06-02", "2024-06-20", ["21"]],
    ]);
    expect(extract.cpPlans.map((p) => [p.childId, p.start, p.end, p.initialCategory, p.latestCategory, p.reviewDates])).toEqual([["A1", "2022-12-01", "2023-01-10", "NEG", "MUL", ["2022-12-20"]]]);
  });

  it("gives the analysis rows: CIN = plan periods, CP, CLA = care periods, every referral (NFA too)", () => {
    const rows = toAnalysisRows(extract);
    expect(rows.episodes).toEqual([
      { child_id: "A1", status: "CIN", start_date: "2022-11-21", end_date: "2022-12-01" },
      { child_id: "A1", status: "CP", start_date: "2022-12-01", end_date: "2023-01-10" },
      { child_id: "A1", status: "CLA", start_date: "2023-01-10", end_date: "2025-01-15" },
      { child_id: "A2", status: "CLA", start_date: "2024-02-05", end_date: "2024-04-30" },
      { child_id: "A2", status: "CLA", start_date: "2025-02-01", end_date: "" },
      { child_id: "B7", status: "CIN", start_date: "2024-06-21", end_date: "" },
    ]);
    expect(rows.referrals).toEqual([
      { child_id: "A1", referral_date: "2022-11-01" },
      { child_id: "B7", referral_date: "2024-04-10" },
      { child_id: "B7", referral_date: "2024-06-01" },
    ]);
    expect(rows.childrenProfile).toEqual([
      { child_id: "A1", birth_date: "2012-03-15", sex: "M", ethnicity: "WBRI" },
      { child_id: "A2", birth_date: "2016-11-02", sex: "F", ethnicity: "BAFR" },
      { child_id: "B7", birth_date: "2018-05-05", sex: "F", ethnicity: "AIND" },
    ]);
  });

  it("can take CIN as the whole CIN episode instead (NFA referrals are not episodes)", () => {
    const cin = toAnalysisRows(extract, { cinDefinition: "episode" }).episodes.filter((e) => e.status === "CIN");
    expect(cin).toEqual([
      { child_id: "A1", status: "CIN", start_date: "2022-11-01", end_date: "2024-09-20" },
      { child_id: "B7", status: "CIN", start_date: "2024-06-01", end_date: "" },
    ]);
  });

  it("gives the same result whichever order the years are given in, and re-reading a file adds nothing", () => {
    const reversed = readStatutoryFiles([CLEAN[0]!, CLEAN[2]!, CLEAN[1]!, CLEAN[4]!, CLEAN[3]!].map(fixture));
    expect(strip(reversed)).toEqual(strip(extract));
    const twice = readStatutoryFiles([...CLEAN, "clean-903-episodes-2024.csv"].map(fixture).map((f, i) => (i === 5 ? { ...f, name: "again.csv" } : f)));
    expect(strip(twice).claEpisodes).toEqual(strip(extract).claEpisodes);
  });

  it("reads the same from disk through the streaming reader", async () => {
    const streamed = await readStatutoryPaths(CLEAN.map(path), { chunkBytes: 64 });
    expect(strip(streamed)).toEqual(strip(extract));
  });

  it("round trip: records → 903 CSV + CIN XML → read → identical records", () => {
    const { header, episodes } = writeSsda903Csv(extract);
    // One census a year, each holding only what was open in that year (as the DfE rules want).
    const censuses = ["2023", "2024", "2025"].map((y) => ({ name: `c${y}.xml`, text: writeCinCensusXml(extract, { referenceDate: `${y}-03-31`, censusYearOnly: true }) }));
    const again = readStatutoryFiles([{ name: "h.csv", text: header }, { name: "e.csv", text: episodes }, ...censuses]);
    expect(again.problems).toEqual(fewCodes("c2023.xml", "c2024.xml", "c2025.xml"));
    // The whole history in one census breaks the census-year rules (A1's 2022/23 modules).
    const oneFile = readStatutoryFiles([{ name: "c.xml", text: writeCinCensusXml(extract, { referenceDate: "2025-03-31" }) }]);
    expect(oneFile.problems.map((p) => p.rule).sort()).toEqual(["2887Q", "4013", "8696", "8715", "8930"]);
    expect(strip(again)).toEqual(strip(extract));
  });
});

/** Records without where they were read from (file names and rows differ between transports). */
function strip(x: TStatutoryExtract) {
  const noSource = <T extends object>(list: T[]) => list.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "source" && k !== "sources")));
  return {
    children: noSource(x.children),
    claEpisodes: noSource(x.claEpisodes),
    carePeriods: x.carePeriods,
    cinEpisodes: noSource(x.cinEpisodes),
    referrals: noSource(x.referrals),
    cinPlans: noSource(x.cinPlans),
    cpPlans: noSource(x.cpPlans),
    assessments: noSource(x.assessments),
    section47s: noSource(x.section47s),
  };
}

describe("transports and bad files", () => {
  it("recognises 903 CSVs by their exact column set in any order and case", () => {
    expect(detectStatutoryFileKind("x", "dob,child,sex,ethnic,upn,mother,mc_dob\n")).toBe("ssda903-header-csv");
    expect(detectStatutoryFileKind("x", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\n")).toBe("unknown");
    expect(detectStatutoryFileKind("x", "CHILD,DOB,REVIEW,REVIEW_CODE\n")).toBe("ssda903-reviews-csv");
    expect(detectStatutoryFileKind("x", "CHILD,DOB,REVIEW\n")).toBe("ssda903-other-csv");
    expect(detectStatutoryFileKind("x", "\uFEFF<?xml version='1.0'?>\n<EXPSSDA903>")).toBe("ssda903-xml");
    expect(detectStatutoryFileKind("x", "<?xml version='1.0'?><!-- c --><Message xmlns='x'>")).toBe("cin-census-xml");
  });

  // An XML return holds every 903 table: a child starting care this year needs its PERMANENCE (630), a review its code (167).
  it("reads the 903 XML transport (CHILDID, PL) like the CSV", () => {
    const xml = `<?xml version='1.0'?>\n<EXPSSDA903><CHILD><HEADER><CHILDID>X9</CHILDID><UPN>UN3</UPN><SEX>F</SEX><DOB>01/02/2014</DOB><ETHNIC>wbri</ETHNIC><AREVIEW><REVIEW>01/01/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW><MOTHER>0</MOTHER><MC_DOB /><PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE></HEADER>\n<EPISODE><DECOM>01/05/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /></EPISODE></CHILD></EXPSSDA903>`;
    const x = readStatutoryFiles([{ name: "f.xml", text: xml }]);
    expect(x.problems).toEqual([]);
    expect(x.claEpisodes.map((e) => [e.key, e.placement, e.end, e.source.row])).toEqual([["cla:X9:2024-05-01", "U1", null, 3]]);
    expect(x.children[0]).toMatchObject({ childId: "X9", ethnicity: "WBRI", upnUnknown: "UN3", birthDate: "2014-02-01" });
  });

  it("checks the records of a CIN child whose LAchildID is invalid (1580), then leaves the child out of the extract", () => {
    const xml = `<Message><Header><CollectionDetails><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header><Children>` +
      `<Child><ChildIdentifiers><LAchildID>BAD_ID</LAchildID><UPNunknown>UN2</UPNunknown><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>` +
      `<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode><ReasonForClosure>RC9</ReasonForClosure><ReferralNFA>false</ReferralNFA></CINdetails></Child></Children></Message>`;
    const x = readStatutoryFiles([{ name: "c.xml", text: xml }]);
    const rules = x.problems.map((p) => p.rule);
    // 1580 for the id; the episode's own fault (a reason for closure without a closure date) is still found.
    expect(rules).toContain("1580");
    expect(x.problems.filter((p) => p.field === "ReasonForClosure" || p.field === "CINclosureDate").length).toBeGreaterThan(0);
    expect([x.children.length, x.cinEpisodes.length, x.referrals.length]).toEqual([0, 0, 0]);
  });

  it("reports a malformed XML file (EV20) and an unrecognised file (EV23) without throwing", () => {
    const x = readStatutoryFiles([
      { name: "bad.xml", text: "<Message><Children><Child><ChildIdentifiers><LAchildID>A</LAchildID>\n<oops</Children>" },
      { name: "what.csv", text: "a,b,c\n1,2,3\n" },
    ]);
    expect(x.problems.map((p) => [p.file, p.rule, p.severity])).toEqual([
      ["bad.xml", "EV20", "error"],
      ["what.csv", "EV23", "error"],
    ]);
    expect(hasStatutoryErrors(x)).toBe(true);
  });

  it("reads the flattened one-CSV-per-table CIN form like the XML", () => {
    const files = [
      { name: "ChildIdentifiers.csv", text: "LAchildID,UPN,UPNunknown,PersonBirthDate,Sex\nB7,,UN2,2018-05-05,F\n" },
      { name: "ChildCharacteristics.csv", text: "LAchildID,Ethnicity\nB7,AIND\n" },
      { name: "Disabilities.csv", text: "LAchildID,Disability\nB7,NONE\n" },
      { name: "CINdetails.csv", text: "LAchildID,CINdetailsID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,DateOfInitialCPC,ReferralNFA\nB7,1,2024-04-10,3A,N2,2024-04-10,RC7,,true\nB7,2,2024-06-01,2A,N4,,,,false\n" },
      { name: "Assessments.csv", text: "LAchildID,CINdetailsID,AssessmentID,AssessmentActualStartDate,AssessmentInternalReviewDate,AssessmentAuthorisationDate\nB7,2,1,2024-06-02,,2024-06-20\n" },
      { name: "AssessmentFactorsList.csv", text: "LAchildID,CINdetailsID,AssessmentID,AssessmentFactors\nB7,2,1,21\n" },
      { name: "CINplanDates.csv", text: "LAchildID,CINdetailsID,CINPlanStartDate,CINPlanEndDate\nB7,2,2024-06-21,\n" },
    ];
    const flat = readStatutoryFiles(files, { yearEnd: "2025-03-31" });
    expect(flat.problems).toEqual(fewCodes("ChildIdentifiers.csv"));
    const xml = readStatutoryFiles([fixture("clean-cin.xml")]);
    const only = (x: TStatutoryExtract) => ({ ...strip(x), children: strip(x).children.filter((c) => c.childId === "B7") });
    const want = only(xml);
    expect(only(flat)).toEqual({
      ...want,
      cinEpisodes: want.cinEpisodes.filter((e) => e.childId === "B7"),
      referrals: want.referrals.filter((e) => e.childId === "B7"),
      cinPlans: want.cinPlans.filter((e) => e.childId === "B7"),
      assessments: want.assessments.filter((e) => e.childId === "B7"),
      cpPlans: [],
      section47s: [],
    });
  });
});

describe("property: writing then reading gives the same records", () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const code = (list: string[]) => fc.constantFrom(...list);
  const episode = fc.record({ len: fc.integer({ min: 1, max: 400 }), ls: code(["C1", "C2", "E1", "J1"]), place: code(["U1", "U4", "K2", "R1"]), rec: code(["E11", "E4A", "E8", "X1"]), open: fc.boolean() });
  const child = fc.record({ birth: day, sex: code(["M", "F", "U"]), eth: code(["WBRI", "AIND", "BAFR"]), start: day, eps: fc.array(episode, { minLength: 1, maxLength: 4 }) });

  it("for any set of 903 episodes", () => {
    fc.assert(
      fc.property(fc.array(child, { minLength: 1, maxLength: 6 }), (kids) => {
        const header = ["CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"];
        const eps = ["CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"];
        kids.forEach((k, i) => {
          header.push(`C${i},${k.sex},${dmy(k.birth)},${k.eth},,,`);
          let start = k.start;
          k.eps.forEach((e, j) => {
            const last = j === k.eps.length - 1;
            const end = last && e.open ? null : addDays(start, e.len);
            const rec = end === null ? "" : last ? (e.rec === "X1" ? "E8" : e.rec) : "X1";
            eps.push(`C${i},${dmy(start)},${j === 0 ? "S" : "P"},${e.ls},N1,${e.place},PR1,${end ? dmy(end) : ""},${rec},,,,`);
            if (end) start = end;
          });
        });
        const first = readStatutoryFiles([{ name: "h.csv", text: header.join("\n") }, { name: "e.csv", text: eps.join("\n") }], { yearEnd: "2040-03-31" });
        const written = writeSsda903Csv(first);
        const again = readStatutoryFiles([{ name: "h2.csv", text: written.header }, { name: "e2.csv", text: written.episodes }], { yearEnd: "2040-03-31" });
        expect(strip(again)).toEqual(strip(first));
        expect(again.problems.map((p) => p.rule)).toEqual(first.problems.map((p) => p.rule));
      }),
      { numRuns: 60 },
    );
  });
});

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe("stitching, linking and year-dependent codes", () => {
  const H = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
  const E = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
  const cin = (ref: string, referral: string, closure: string, dob = "2015-01-01") =>
    `<Message><Header><CollectionDetails><Year>${ref.slice(0, 4)}</Year><ReferenceDate>${ref}</ReferenceDate></CollectionDetails></Header><Children><Child><ChildIdentifiers><LAchildID>K1</LAchildID><UPNunknown>UN2</UPNunknown><PersonBirthDate>${dob}</PersonBirthDate><Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>` +
    `<CINdetails><CINreferralDate>${referral}</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>${closure ? `<CINclosureDate>${closure}</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>` : ""}<ReferralNFA>false</ReferralNFA></CINdetails></Child></Children></Message>`;

  it("a CIN episode open in one census and closed in the next is one closed episode, whichever order", () => {
    const y1 = { name: "cin-2024.xml", text: cin("2024-03-31", "2024-01-10", "") };
    const y2 = { name: "cin-2025.xml", text: cin("2025-03-31", "2024-01-10", "2024-08-01") };
    for (const files of [[y1, y2], [y2, y1]]) {
      const x = readStatutoryFiles(files);
      expect(x.problems).toEqual(fewCodes(...files.map((f) => f.name)));
      expect(x.cinEpisodes.map((e) => [e.key, e.closureDate])).toEqual([["cin:K1:2024-01-10", "2024-08-01"]]);
      expect(x.referrals).toHaveLength(1);
    }
  });

  it("does not link a CIN child whose DOB differs from the 903 child's (EV11 warning)", () => {
    const x = readStatutoryFiles([
      { name: "h.csv", text: `${H}K1,F,02/01/2015,WBRI,UN2,0,\n` },
      { name: "e.csv", text: `${E}K1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n` },
      { name: "c.xml", text: cin("2025-03-31", "2024-04-10", "") },
    ]);
    expect(x.children.map((c) => [c.childId, c.linked903Cin, c.birthDate, c.laChildId])).toEqual([["K1", false, "2015-01-02", "K1"]]);
    expect(x.problems.map((p) => [p.file, p.rule, p.severity])).toEqual([["c.xml", "2887Q", "warning"], ["c.xml", "EV11", "warning"]]);
  });

  it("checks SEX coding and PLACE codes against the collection year (rules 101 and 146)", () => {
    const read = (yearEnd: string) =>
      readStatutoryFiles([
        { name: "h.csv", text: `${H}A,1,01/01/2015,WBRI,UN2,,\nB,M,01/01/2015,WBRI,UN2,,\n` },
        { name: "e.csv", text: `${E}A,01/05/2024,S,C2,N1,H5,PR1,,,,,,\nB,01/05/2024,S,C2,N1,K3,PR1,,,,,,\n` },
      ], { yearEnd }).problems.map((p) => [p.row, p.rule, p.severity]);
    // 2023/24: the old coding (1/2) is right, M is flagged; K3 does not exist yet. (DECOM after the year end: 354.)
    expect(read("2024-03-31")).toEqual([[3, "101", "warning"], [2, "354", "error"], [3, "146", "error"], [3, "354", "error"]]);
    // 2025/26: 1 is the old coding; H5 no longer exists, K3 does.
    expect(read("2026-03-31")).toEqual([[2, "101", "warning"], [2, "146", "error"]]);
  });

  it("gives a child record to children seen only in Episodes (INT03 only when a Header was given)", () => {
    const x = readStatutoryFiles([{ name: "e.csv", text: `${E}Z9,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n` }], { yearEnd: "2025-03-31" });
    expect(x.problems).toEqual([]);
    expect(x.children.map((c) => [c.key, c.birthDate, c.sex])).toEqual([["child:Z9", null, null]]);
    const withHeader = readStatutoryFiles([{ name: "h.csv", text: `${H}A,F,01/01/2015,WBRI,,,\n` }, { name: "e.csv", text: `${E}Z9,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n` }], { yearEnd: "2025-03-31" });
    // A (Header, no episodes) is EPI, a warning; Z9 (episodes, no Header row) is INT03.
    expect(withHeader.problems.map((p) => [p.file, p.row, p.rule, p.severity])).toEqual([["h.csv", 2, "EPI", "warning"], ["e.csv", 2, "INT03", "error"]]);
  });

  it("leaves short breaks (LS V3/V4) out of periods of care", () => {
    const x = readStatutoryFiles([
      { name: "h.csv", text: `${H}A,F,01/01/2015,WBRI,UN2,0,\n` },
      { name: "e.csv", text: `${E}A,01/05/2024,S,V3,N2,U3,PR1,03/05/2024,E8,,,,\nA,01/07/2024,S,C2,N1,U1,PR1,,,,,,\n` },
    ], { yearEnd: "2025-03-31" });
    expect(x.problems).toEqual([]);
    expect(x.carePeriods.map((p) => [p.start, p.end])).toEqual([["2024-07-01", null]]);
    expect(x.claEpisodes).toHaveLength(2);
  });
});
