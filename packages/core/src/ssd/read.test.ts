import { describe, expect, it } from "vitest";
import { parseAssessmentFactors, parseSsdDate } from "./codes.js";
import { readSsdFiles, type SsdProblem } from "./read.js";

const PERSON = "pers_person_id,pers_sex,pers_ethnicity,pers_dob\n007,F,WBRI,2015-01-02\n008,M,AIND,2016-02-03\n";

/** Reads an extract of ssd_person plus the given tables and returns its problems other than the missing-table notes. */
function problems(files: Record<string, string>): SsdProblem[] {
  const all = { "ssd_person.csv": PERSON, ...files };
  return readSsdFiles(Object.entries(all).map(([name, text]) => ({ name, text }))).problems.filter((p) => p.rule !== "ssd-missing-table");
}
const brief = (ps: SsdProblem[]) => ps.map((p) => `${p.file}:${p.row}:${p.field}:${p.rule}:${p.severity}`);

const CIN = "cine_referral_id,cine_person_id,cine_referral_date,cine_close_date,cine_referral_source_code,cine_cin_primary_need_code,cine_close_reason";
const PLANS = "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category";
const CLA = "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_episode_ceased_date,clae_cla_episode_ceased_reason,clae_cla_primary_need_code";

// Each rule: the files that break it (with the exact problem expected) and the same files mended (no problem).
const RULES: { rule: string; fail: Record<string, string>; expected: string[]; pass: Record<string, string> }[] = [
  {
    rule: "ssd-required (row key)",
    fail: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\n,007,2024-01-01\n" },
    expected: ["ssd_cin_plans.csv:2:cinp_cin_plan_id:ssd-required:error"],
    pass: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,007,2024-01-01\n" },
  },
  {
    rule: "ssd-required (person id)",
    fail: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,NULL,2024-01-01\n" },
    expected: ["ssd_cin_plans.csv:2:cinp_person_id:ssd-required:error"],
    pass: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,008,2024-01-01\n" },
  },
  {
    rule: "ssd-required (family id)",
    fail: { "ssd_family.csv": "fami_table_id,fami_family_id,fami_person_id\n1,,007\n" },
    expected: ["ssd_family.csv:2:fami_family_id:ssd-required:error"],
    pass: { "ssd_family.csv": "fami_table_id,fami_family_id,fami_person_id\n1,F1,007\n" },
  },
  {
    rule: "ssd-unique (row key)",
    fail: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,007,2024-01-01\nP1,008,2024-02-01\n" },
    expected: ["ssd_cin_plans.csv:3:cinp_cin_plan_id:ssd-unique:error"],
    pass: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,007,2024-01-01\nP2,008,2024-02-01\n" },
  },
  {
    rule: "ssd-unique: ssd_family is keyed on fami_table_id (fami_family_id repeats once per member)",
    fail: { "ssd_family.csv": "fami_table_id,fami_family_id,fami_person_id\n1,F1,007\n1,F1,008\n" },
    expected: ["ssd_family.csv:3:fami_table_id:ssd-unique:error"],
    pass: { "ssd_family.csv": "fami_table_id,fami_family_id,fami_person_id\n1,F1,007\n2,F1,008\n" },
  },
  {
    rule: "ssd-unique: ids are text, 007 and 7 are two people",
    fail: { "ssd_person.csv": "pers_person_id\n007\n007\n" },
    expected: ["ssd_person.csv:3:pers_person_id:ssd-unique:error"],
    pass: { "ssd_person.csv": "pers_person_id\n007\n7\n008\n" },
  },
  {
    rule: "ssd-unknown-person",
    fail: { "ssd_contacts.csv": "cont_contact_id,cont_person_id,cont_contact_date\nC1,7,2024-01-01\n" },
    expected: ["ssd_contacts.csv:2:cont_person_id:ssd-unknown-person:error"],
    pass: { "ssd_contacts.csv": "cont_contact_id,cont_person_id,cont_contact_date\nC1,007,2024-01-01\n" },
  },
  {
    rule: "ssd-unknown-person (involvements: no FK declared, still a person id)",
    fail: { "ssd_professionals.csv": "prof_professional_id\nP1\n", "ssd_involvements.csv": "invo_involvements_id,invo_professional_id,invo_person_id,invo_involvement_start_date\nI1,P1,999,2024-01-01\n" },
    expected: ["ssd_involvements.csv:2:invo_person_id:ssd-unknown-person:error"],
    pass: { "ssd_professionals.csv": "prof_professional_id\nP1\n", "ssd_involvements.csv": "invo_involvements_id,invo_professional_id,invo_person_id,invo_involvement_start_date\nI1,P1,008,2024-01-01\n" },
  },
  {
    rule: "ssd-date (not a real date)",
    fail: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-02-30 00:00:00.000,,1A,N1,\n` },
    expected: ["ssd_cin_episodes.csv:2:cine_referral_date:ssd-date:error"],
    pass: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-02-29 00:00:00.000,,1A,N1,\n` },
  },
  {
    rule: "ssd-date (a time of day out of range)",
    fail: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-03-31 24:00:00,,1A,N1,\n` },
    expected: ["ssd_cin_episodes.csv:2:cine_referral_date:ssd-date:error"],
    pass: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-03-31 23:59:00,,1A,N1,\n` },
  },
  {
    rule: "ssd-start-missing (status records: an error)",
    fail: { "ssd_cp_plans.csv": `${PLANS}\nCP1,007,NULL,,NEG\n` },
    expected: ["ssd_cp_plans.csv:2:cppl_cp_plan_start_date:ssd-start-missing:error"],
    pass: { "ssd_cp_plans.csv": `${PLANS}\nCP1,007,2024-01-05,,NEG\n` },
  },
  {
    rule: "ssd-start-missing (other records: a warning, the row left out)",
    fail: { "ssd_early_help_episodes.csv": "earl_episode_id,earl_person_id,earl_episode_start_date\nEH1,007,\n" },
    expected: ["ssd_early_help_episodes.csv:2:earl_episode_start_date:ssd-start-missing:warning"],
    pass: { "ssd_early_help_episodes.csv": "earl_episode_id,earl_person_id,earl_episode_start_date\nEH1,007,2024-01-01\n" },
  },
  {
    rule: "ssd-start-after-end",
    fail: { "ssd_cla_episodes.csv": `${CLA}\nE1,007,2024-03-01,S,2024-02-28,E11,N1\n` },
    expected: ["ssd_cla_episodes.csv:2:clae_cla_episode_ceased_date:ssd-start-after-end:error"],
    pass: { "ssd_cla_episodes.csv": `${CLA}\nE1,007,2024-03-01,S,2024-03-01,E11,N1\n` },
  },
  {
    rule: "ssd-code (sex)",
    fail: { "ssd_person.csv": "pers_person_id,pers_sex\n007,X\n" },
    expected: ["ssd_person.csv:2:pers_sex:ssd-code:error"],
    pass: { "ssd_person.csv": "pers_person_id,pers_sex\n007,u\n" },
  },
  {
    rule: "ssd-code (ethnicity: the full DfE set)",
    fail: { "ssd_person.csv": "pers_person_id,pers_ethnicity\n007,WXYZ\n" },
    expected: ["ssd_person.csv:2:pers_ethnicity:ssd-code:error"],
    pass: { "ssd_person.csv": "pers_person_id,pers_ethnicity\n007,MWAS\n" },
  },
  {
    rule: "ssd-code (referral source)",
    fail: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-01-01,,3G,N1,\n` },
    expected: ["ssd_cin_episodes.csv:2:cine_referral_source_code:ssd-code:error"],
    pass: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-01-01,,3F,N1,\n` },
  },
  {
    rule: "ssd-code (CIN primary need: N0–N9)",
    fail: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-01-01,,1A,N10,\n` },
    expected: ["ssd_cin_episodes.csv:2:cine_cin_primary_need_code:ssd-code:error"],
    pass: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-01-01,,1A,N9,\n` },
  },
  {
    rule: "ssd-code (reason for closure)",
    fail: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-01-01,2024-02-01,1A,N1,RC10\n` },
    expected: ["ssd_cin_episodes.csv:2:cine_close_reason:ssd-code:error"],
    pass: { "ssd_cin_episodes.csv": `${CIN}\nR1,007,2024-01-01,2024-02-01,1A,N1,RC9\n` },
  },
  {
    rule: "ssd-code (category of abuse)",
    fail: { "ssd_cp_plans.csv": `${PLANS}\nCP1,007,2024-01-05,,Bullying\n` },
    expected: ["ssd_cp_plans.csv:2:cppl_cp_plan_initial_category:ssd-code:error"],
    pass: { "ssd_cp_plans.csv": `${PLANS}\nCP1,007,2024-01-05,,SAB\n` },
  },
  {
    rule: "ssd-code (CLA RNE, REC, category of need)",
    fail: { "ssd_cla_episodes.csv": `${CLA}\nE1,007,2024-03-01,Q,2024-04-01,E99,N9\n` },
    expected: [
      "ssd_cla_episodes.csv:2:clae_cla_episode_start_reason:ssd-code:error",
      "ssd_cla_episodes.csv:2:clae_cla_episode_ceased_reason:ssd-code:error",
      "ssd_cla_episodes.csv:2:clae_cla_primary_need_code:ssd-code:error",
    ],
    pass: { "ssd_cla_episodes.csv": `${CLA}\nE1,007,2024-03-01,S,2024-04-01,E4A,N8\n` },
  },
  {
    rule: "ssd-code (assessment factors)",
    fail: { "ssd_cin_assessments.csv": "cina_assessment_id,cina_person_id,cina_assessment_start_date\nA1,007,2024-01-01\n", "ssd_assessment_factors.csv": 'cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A1,"[""3B"",""3D""]"\n' },
    expected: ["ssd_assessment_factors.csv:2:cinf_assessment_factors_json:ssd-code:error"],
    pass: { "ssd_cin_assessments.csv": "cina_assessment_id,cina_person_id,cina_assessment_start_date\nA1,007,2024-01-01\n", "ssd_assessment_factors.csv": 'cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A1,"[""3B"",""3C""]"\n' },
  },
  {
    rule: "ssd-factors (not a list)",
    fail: { "ssd_cin_assessments.csv": "cina_assessment_id,cina_person_id,cina_assessment_start_date\nA1,007,2024-01-01\n", "ssd_assessment_factors.csv": 'cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A1,"[""3B"""\n' },
    expected: ["ssd_assessment_factors.csv:2:cinf_assessment_factors_json:ssd-factors:error"],
    pass: { "ssd_cin_assessments.csv": "cina_assessment_id,cina_person_id,cina_assessment_start_date\nA1,007,2024-01-01\n", "ssd_assessment_factors.csv": 'cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A1,"[""3B""]"\n' },
  },
  {
    rule: "ssd-description (a description mapped to the code: a warning)",
    fail: { "ssd_person.csv": "pers_person_id,pers_sex,pers_ethnicity\n007,Female,White - British\n" },
    expected: ["ssd_person.csv:2:pers_sex:ssd-description:warning", "ssd_person.csv:2:pers_ethnicity:ssd-description:warning"],
    pass: { "ssd_person.csv": "pers_person_id,pers_sex,pers_ethnicity\n007,F,WBRI\n" },
  },
  {
    rule: "ssd-flag",
    fail: { "ssd_cin_episodes.csv": "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_nfa\nR1,007,2024-01-01,maybe\n" },
    expected: ["ssd_cin_episodes.csv:2:cine_referral_nfa:ssd-flag:warning"],
    pass: { "ssd_cin_episodes.csv": "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_nfa\nR1,007,2024-01-01,Y\n" },
  },
  {
    rule: "ssd-unknown-link (an involvement's worker, a factors row's assessment)",
    fail: {
      "ssd_involvements.csv": "invo_involvements_id,invo_professional_id,invo_person_id,invo_involvement_start_date\nI1,P9,008,2024-01-01\n",
      "ssd_assessment_factors.csv": "cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A9,3A\n",
    },
    expected: ["ssd_involvements.csv:2:invo_professional_id:ssd-unknown-link:warning", "ssd_assessment_factors.csv:2:cinf_assessment_id:ssd-unknown-link:warning"],
    pass: {
      "ssd_professionals.csv": "prof_professional_id\nP1\n", "ssd_involvements.csv": "invo_involvements_id,invo_professional_id,invo_person_id,invo_involvement_start_date\nI1,P1,008,2024-01-01\n",
      "ssd_cin_assessments.csv": "cina_assessment_id,cina_person_id,cina_assessment_start_date\nA1,007,2024-01-01\n", "ssd_assessment_factors.csv": "cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\nF1,A1,3A\n",
    },
  },
  {
    rule: "ssd-missing-column",
    fail: { "ssd_cla_episodes.csv": "clae_cla_episode_id,clae_person_id\nE1,007\n" },
    expected: ["ssd_cla_episodes.csv:1:clae_cla_episode_start_date:ssd-missing-column:error"],
    pass: { "ssd_cla_episodes.csv": "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date\nE1,007,2024-01-01\n" },
  },
  {
    rule: "an empty ssd_person: every person id is unknown",
    fail: { "ssd_person.csv": "", "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,007,2024-01-01\n" },
    expected: ["ssd_cin_plans.csv:2:cinp_person_id:ssd-unknown-person:error"],
    pass: { "ssd_cin_plans.csv": "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\nP1,007,2024-01-01\n" },
  },
];

describe("SSD validation rules: each fails on a broken fixture and passes once it is mended", () => {
  for (const r of RULES) {
    it(r.rule, () => {
      expect(brief(problems(r.fail))).toEqual(r.expected);
      expect(brief(problems(r.pass))).toEqual([]);
    });
  }

  it("a missing ssd_person is an error; every other missing table is an empty table with an information message", () => {
    const missingPerson = readSsdFiles([{ name: "ssd_cin_plans.csv", text: "cinp_cin_plan_id,cinp_person_id,cinp_cin_plan_start_date\n" }]);
    const notes = missingPerson.problems.filter((p) => p.rule === "ssd-missing-table");
    expect(notes).toHaveLength(15);
    expect(notes.filter((p) => p.severity === "error").map((p) => p.file)).toEqual(["ssd_person.csv"]);
    expect(notes.filter((p) => p.severity === "info")).toHaveLength(14);
    const onlyPerson = readSsdFiles([{ name: "ssd_person.csv", text: PERSON }]);
    expect(onlyPerson.problems.every((p) => p.severity === "info")).toBe(true);
    expect(onlyPerson.tables.ssd_cla_episodes).toEqual([]);
  });

  it("a header-only table and an empty file are empty tables", () => {
    const extract = readSsdFiles([
      { name: "ssd_person.csv", text: PERSON },
      { name: "ssd_cp_plans.csv", text: `${PLANS}\n` },
      { name: "ssd_cin_plans.csv", text: "" },
    ]);
    expect(extract.problems.filter((p) => p.severity !== "info")).toEqual([]);
    expect(extract.files.map((f) => [f.table, f.rows])).toEqual([
      ["ssd_person", 2],
      ["ssd_cin_plans", 0],
      ["ssd_cp_plans", 0],
    ]);
  });

  it("files that are not SSD tables Evident reads are listed and not read", () => {
    const extract = readSsdFiles([
      { name: "ssd_person.csv", text: PERSON },
      { name: "ssd_cla_health.csv", text: "x\n1\n" },
    ]);
    expect(brief(extract.problems.filter((p) => p.rule === "ssd-not-read"))).toEqual(["ssd_cla_health.csv:0::ssd-not-read:info"]);
  });

  it("a description repeated on many rows is one warning with the count", () => {
    const ps = problems({ "ssd_person.csv": "pers_person_id,pers_sex\n1,Male\n2,Male\n3,Female\n4,Male\n" });
    expect(ps.map((p) => [p.row, p.message])).toEqual([
      [2, 'pers_sex "Male" is a description or an older coding, read as the code M (3 rows; this is the first).'],
      [4, 'pers_sex "Female" is a description or an older coding, read as the code F.'],
    ]);
  });

  it("lists at most maxProblems problems, then says how many more (ssd-too-many)", () => {
    const extract = readSsdFiles([{ name: "ssd_person.csv", text: "pers_person_id,pers_sex\n1,X\n2,X\n3,X\n4,X\n" }], { maxProblems: 2 });
    expect(brief(extract.problems.filter((p) => p.rule !== "ssd-missing-table"))).toEqual(["ssd_person.csv:2:pers_sex:ssd-code:error", "ssd_person.csv:3:pers_sex:ssd-code:error", ":0::ssd-too-many:warning"]);
    expect(extract.problems.at(-1)!.message).toBe("17 more problems were found and not listed.");
  });

  it("keeps ids as text, leading zeros included, and reads NULL as blank", () => {
    const extract = readSsdFiles([{ name: "ssd_person.csv", text: "pers_person_id,pers_dob,pers_sex\n000123,NULL,null\n" }]);
    expect(extract.tables.ssd_person[0]).toMatchObject({ line: 2, pers_person_id: "000123", pers_dob: null, pers_sex: null });
  });

  it("rows are numbered by line with the header as line 1, blank lines counted", () => {
    const ps = problems({ "ssd_contacts.csv": "cont_contact_id,cont_person_id,cont_contact_date\n\nC1,9,2024-01-01\n" });
    expect(brief(ps)).toEqual(["ssd_contacts.csv:3:cont_person_id:ssd-unknown-person:error"]);
  });
});

describe("SSD cell values", () => {
  it("dates: ISO, ISO datetime, SQL Server and PostgreSQL datetimes, DD/MM/YYYY; only the calendar date is kept", () => {
    expect(parseSsdDate("2024-12-10")).toBe("2024-12-10");
    expect(parseSsdDate("2024-12-10T09:30:00")).toBe("2024-12-10");
    expect(parseSsdDate("2024-12-10T09:30:00.123Z")).toBe("2024-12-10");
    expect(parseSsdDate("2024-12-10 00:00:00.000")).toBe("2024-12-10");
    expect(parseSsdDate("2024-12-10 00:00:00")).toBe("2024-12-10");
    expect(parseSsdDate("2024-03-31 23:59:00")).toBe("2024-03-31");
    expect(parseSsdDate("10/12/2024")).toBe("2024-12-10");
    expect(parseSsdDate("2023-02-29")).toBeUndefined();
    expect(parseSsdDate("2024-13-01")).toBeUndefined();
    expect(parseSsdDate("20241210")).toBeUndefined();
    expect(parseSsdDate("2024-12-10 25:00:00")).toBeUndefined();
  });

  it("assessment factors: JSON array, JSON object (only Yes counts) or comma list", () => {
    expect(parseAssessmentFactors('["1B", "3A", "4B"]')).toEqual({ ok: true, codes: ["1B", "3A", "4B"], invalid: [] });
    expect(parseAssessmentFactors('{"1A": "Yes", "2B": "No", "3C": "yes"}')).toEqual({ ok: true, codes: ["1A", "3C"], invalid: [] });
    expect(parseAssessmentFactors("3b, 4B;16A,3B")).toEqual({ ok: true, codes: ["3B", "4B", "16A"], invalid: [] });
    expect(parseAssessmentFactors("[]")).toEqual({ ok: true, codes: [], invalid: [] });
    expect(parseAssessmentFactors('["3D"]')).toEqual({ ok: true, codes: [], invalid: ["3D"] });
    expect(parseAssessmentFactors("[3A")).toEqual({ ok: false });
  });
});
