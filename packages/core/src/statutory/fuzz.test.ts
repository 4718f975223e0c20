/**
 * Whatever the files contain, reading them never throws and the extract
 * always satisfies its own schema (so an importer can trust its shape).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZStatutoryExtract } from "./model.js";
import { readStatutoryFiles } from "./read.js";

const cell = fc.oneof(
  fc.constantFrom("", "S", "X1", "C2", "N1", "U1", "PR1", "E8", "01/05/2024", "31/02/2024", "2024-05-01", "1/5/24", "M", "F", "1", "WBRI", "UN1", "\"", "a,b", "<x>", "  x  ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "123456789012345678901"),
  fc.string({ maxLength: 30 }),
);
const row = (n: number) => fc.array(cell, { minLength: n - 1, maxLength: n + 1 }).map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","));
const csv = (header: string, n: number) => fc.array(row(n), { maxLength: 8 }).map((rows) => `${header}\n${rows.join("\n")}\n`);
const xmlValue = fc.oneof(fc.constantFrom("", "2024-05-01", "2024-13-01", "K1", "true", "N1", "RC7", "21", "1A", "M", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), fc.string({ maxLength: 25 }));
const cinXml = fc
  .array(fc.record({ id: xmlValue, dob: xmlValue, ref: xmlValue, close: xmlValue, asm: xmlValue, factor: xmlValue, cpp: xmlValue, cat: xmlValue }), { maxLength: 5 })
  .map((kids) => {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const body = kids
      .map((k) => `<Child><ChildIdentifiers><LAchildID>${esc(k.id)}</LAchildID><PersonBirthDate>${esc(k.dob)}</PersonBirthDate><Sex>${esc(k.factor)}</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>${esc(k.cat)}</Ethnicity></ChildCharacteristics><CINdetails><CINreferralDate>${esc(k.ref)}</CINreferralDate><CINclosureDate>${esc(k.close)}</CINclosureDate><ReferralSource>${esc(k.factor)}</ReferralSource><Assessments><AssessmentActualStartDate>${esc(k.asm)}</AssessmentActualStartDate><FactorsIdentifiedAtAssessment><AssessmentFactors>${esc(k.factor)}</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments><ChildProtectionPlans><CPPstartDate>${esc(k.cpp)}</CPPstartDate><InitialCategoryOfAbuse>${esc(k.cat)}</InitialCategoryOfAbuse><NumberOfPreviousCPP>${esc(k.id)}</NumberOfPreviousCPP></ChildProtectionPlans><CINPlanDates><CINPlanStartDate>${esc(k.asm)}</CINPlanStartDate></CINPlanDates></CINdetails></Child>`)
      .join("");
    return `<Message><Children>${body}</Children></Message>`;
  });

describe("reading arbitrary content", () => {
  it("never throws and always gives a schema-valid extract", () => {
    fc.assert(
      fc.property(
        csv("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB", 7),
        csv("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN", 13),
        cinXml,
        fc.string({ maxLength: 200 }),
        (header, episodes, xml, junk) => {
          const x = readStatutoryFiles([
            { name: "h.csv", text: header },
            { name: "e.csv", text: episodes },
            { name: "c.xml", text: xml },
            { name: "j.txt", text: junk },
            { name: "t.xml", text: xml.slice(0, Math.floor(xml.length / 2)) },
          ]);
          const parsed = ZStatutoryExtract.safeParse(x);
          if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
          expect(x.files).toHaveLength(5);
        },
      ),
      { numRuns: 150 },
    );
  });
});
