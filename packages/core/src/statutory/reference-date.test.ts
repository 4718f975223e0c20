/** CIN rule 100: the Header's ReferenceDate must be given and be 31 March of its collection Year. */
import { describe, expect, it } from "vitest";
import { readStatutoryFiles } from "./read.js";

const census = (details: string) =>
  `<Message>\n<Header>\n<CollectionDetails>\n<Collection>CIN</Collection>\n${details}\n</CollectionDetails>\n</Header>\n<Children></Children>\n</Message>`;
const rule100 = (details: string) => readStatutoryFiles([{ name: "c.xml", text: census(details) }]).problems.filter((p) => p.rule === "100");

describe("CIN rule 100 (reference date)", () => {
  it("passes 31 March of the Year", () => {
    expect(rule100("<Year>2025</Year>\n<ReferenceDate>2025-03-31</ReferenceDate>")).toEqual([]);
  });

  it("flags another day, on the ReferenceDate's line, naming the value and the expected date", () => {
    expect(rule100("<Year>2022</Year>\n<ReferenceDate>2022-07-21</ReferenceDate>")).toEqual([
      { file: "c.xml", row: 6, field: "ReferenceDate", rule: "100", severity: "error", message: 'ReferenceDate "2022-07-21" is not 31 March of the collection Year 2022 (2022-03-31)' },
    ]);
  });

  it("flags a missing ReferenceDate and a missing or malformed Year", () => {
    expect(rule100("<Year>2025</Year>").map((p) => p.message)).toEqual(["ReferenceDate is missing from the Header"]);
    expect(rule100("<ReferenceDate>2025-03-31</ReferenceDate>").map((p) => p.message)).toEqual([`ReferenceDate "2025-03-31" cannot be checked: the Header's Year is missing`]);
    expect(rule100("<Year>25</Year>\n<ReferenceDate>2025-03-31</ReferenceDate>").map((p) => p.message)).toEqual([`ReferenceDate "2025-03-31" cannot be checked: the Header's Year "25" is not a year`]);
  });
});
