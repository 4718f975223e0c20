/** An SSDA903 XML return's other tables (UASC, OC3, AD1 from the child; Reviews, Missing, OC2, PrevPerm, PlacedAdoption from its HEADER), read as the DfE validator reads them. */
import { describe, expect, it } from "vitest";
import { StatutoryCollector, type RawRow } from "./collect.js";
import { StatutoryXmlReader } from "./read.js";
import type { TSsda903Table } from "./tables-903.js";

class Recorder extends StatutoryCollector {
  rows: { table: TSsda903Table; line: number; raw: RawRow }[] = [];
  begun: TSsda903Table[] = [];
  override beginTable(table: TSsda903Table): void {
    this.begun.push(table);
    super.beginTable(table);
  }
  override addSsda903TableRow(table: TSsda903Table, file: string, row: number, raw: RawRow): void {
    this.rows.push({ table, line: row, raw });
    super.addSsda903TableRow(table, file, row, raw);
  }
}

function read(xml: string, chunk = xml.length): Recorder {
  const c = new Recorder();
  const reader = new StatutoryXmlReader(c, "r.xml");
  for (let i = 0; i < xml.length; i += chunk) reader.write(xml.slice(i, i + chunk));
  reader.close();
  return c;
}

const XML = `<EXPSSDA903>
<CHILD><HEADER><CHILDID>A1</CHILDID><SEX>2</SEX><DOB>03/10/2008</DOB><UASC>1</UASC><DUC>28/09/2026</DUC>
<IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>S</ACCOM>
<AREVIEW><REVIEW>08/01/2025</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
<AREVIEW><REVIEW>09/02/2025</REVIEW><REVIEW_CODE>PN0</REVIEW_CODE></AREVIEW>
<MOTHER /><PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>
<AMISSING><MISSING>A</MISSING><MIS_START>01/05/2024</MIS_START><MIS_END /></AMISSING>
</HEADER>
<EPISODE><DECOM>01/04/2024</DECOM><PL>U1</PL></EPISODE></CHILD>
<CHILD><HEADER><CHILDID>B2</CHILDID><SEX>1</SEX><DOB>30/04/2017</DOB><UASC />
<DATE_INT>03/05/2024</DATE_INT><DATE_MATCH>04/05/2024</DATE_MATCH><FOSTER_CARE>0</FOSTER_CARE><NB_ADOPTR>1</NB_ADOPTR><SEX_ADOPTR>MM</SEX_ADOPTR><LS_ADOPTR>L0</LS_ADOPTR>
<OC2><SDQ_SCORE>12</SDQ_SCORE><CONVICTED>0</CONVICTED></OC2>
<AD_PLACED><DATE_PLACED>03/05/2024</DATE_PLACED><DATE_PLACED_CEASED /><REASON_PLACED_CEASED /></AD_PLACED>
</HEADER></CHILD>
</EXPSSDA903>`;

describe("the other SSDA903 tables in an XML return", () => {
  it("gives each child's rows with CHILD and DOB from its HEADER, on the line of the element holding them", () => {
    const c = read(XML);
    expect(c.rows).toEqual([
      { table: "UASC", line: 2, raw: { CHILD: "A1", SEX: "2", DOB: "03/10/2008", DUC: "28/09/2026" } },
      { table: "OC3", line: 2, raw: { CHILD: "A1", DOB: "03/10/2008", IN_TOUCH: "YES", ACTIV: "F2", ACCOM: "S" } },
      { table: "Reviews", line: 4, raw: { CHILD: "A1", DOB: "03/10/2008", REVIEW: "08/01/2025", REVIEW_CODE: "PN1" } },
      { table: "Reviews", line: 5, raw: { CHILD: "A1", DOB: "03/10/2008", REVIEW: "09/02/2025", REVIEW_CODE: "PN0" } },
      { table: "PrevPerm", line: 6, raw: { CHILD: "A1", DOB: "03/10/2008", PREV_PERM: "Z1", LA_PERM: "", DATE_PERM: "" } },
      { table: "Missing", line: 7, raw: { CHILD: "A1", DOB: "03/10/2008", MISSING: "A", MIS_START: "01/05/2024", MIS_END: "" } },
      { table: "AD1", line: 10, raw: { CHILD: "B2", DOB: "30/04/2017", DATE_INT: "03/05/2024", DATE_MATCH: "04/05/2024", FOSTER_CARE: "0", NB_ADOPTR: "1", SEX_ADOPTR: "MM", LS_ADOPTR: "L0" } },
      {
        table: "OC2",
        line: 12,
        raw: { CHILD: "B2", DOB: "30/04/2017", SDQ_SCORE: "12", SDQ_REASON: "", CONVICTED: "0", HEALTH_CHECK: "", IMMUNISATIONS: "", TEETH_CHECK: "", HEALTH_ASSESSMENT: "", SUBSTANCE_MISUSE: "", INTERVENTION_RECEIVED: "", INTERVENTION_OFFERED: "" },
      },
      { table: "PlacedAdoption", line: 13, raw: { CHILD: "B2", DOB: "30/04/2017", DATE_PLACED: "03/05/2024", DATE_PLACED_CEASED: "", REASON_PLACED_CEASED: "" } },
    ]);
    // Every table but the social worker episodes is given by an XML return, rows or not.
    expect(c.begun).toEqual(["Reviews", "UASC", "AD1", "PlacedAdoption", "PrevPerm", "OC2", "OC3", "Missing"]);
  });

  it("reads the same rows when the file arrives in small chunks (the streamed path)", () => {
    expect(read(XML, 7).rows).toEqual(read(XML).rows);
  });
});
