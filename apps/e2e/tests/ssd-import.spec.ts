/**
 * Importing a Standard Safeguarding Dataset extract (analyst), then an
 * evaluation whose comparison cohort comes from the imported assessment
 * factors. The extract is made up here (no real person).
 */
import { expect, test } from "@playwright/test";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";

const run = Date.now().toString(36).toUpperCase().slice(-6);
const C1 = `0${run}1`;
const C2 = `0${run}2`;
// Twelve distinct factors: more than any assessment of the demo trust, so "at least 12 factors" chooses only C1.
const FACTORS = '"[""1A"",""2A"",""3B"",""4B"",""5B"",""6B"",""7A"",""10A"",""11A"",""13A"",""15A"",""22A""]"';
const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
const EXTRACT = [
  csv("ssd_person.csv", `pers_person_id,pers_forename,pers_surname,pers_sex,pers_ethnicity,pers_dob\r\n${C1},Ava,Test,Female,White British,2012-03-15 00:00:00.000\r\n${C2},Bo,Test,M,WBRI,2014-07-01\r\n`),
  csv("ssd_family.csv", `fami_table_id,fami_family_id,fami_person_id\r\n${run}1,F${run},${C1}\r\n${run}2,F${run},${C2}\r\n`),
  csv("ssd_cin_episodes.csv", `cine_referral_id,cine_person_id,cine_referral_date,cine_referral_source_code,cine_cin_primary_need_code,cine_referral_nfa\r\nR${run},${C1},2018-05-01 10:15:00.000,5A,N1,N\r\n`),
  csv("ssd_cin_assessments.csv", `cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_auth_date\r\nA${run},${C1},R${run},2018-05-02,2018-06-01 00:00:00.000\r\n`),
  csv("ssd_assessment_factors.csv", `cinf_table_id,cinf_assessment_id,cinf_assessment_factors_json\r\nF${run},A${run},${FACTORS}\r\n`),
  csv("ssd_cp_plans.csv", `cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category\r\nP${run},${C1},2018-07-01,2018-10-01,Neglect\r\n`),
];

test.use({ storageState: authFile("analyst") });

test("[SSD]: an analyst uploads an SSD extract, imports it, and an evaluation's comparison cohort comes from its assessment factors", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/ssd-import");
  await expect(page.getByRole("heading", { level: 1, name: "Import an SSD extract" })).toBeVisible();
  await expectAccessible(page, "ssd import");

  // A file with an error first: the dry run names the file, row and field, and nothing can be imported.
  const bad = [...EXTRACT.slice(0, 5), csv("ssd_cp_plans.csv", `cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date\r\nP${run},NOBODY,2018-07-01\r\n`)];
  await page.getByLabel("Or the CSV files").setInputFiles(bad);
  await page.getByRole("button", { name: "Check the extract (dry run)" }).click();
  const problems = page.getByRole("table", { name: "Problems and notes" });
  await expect(problems).toBeVisible({ timeout: 60_000 });
  await expect(problems.getByRole("cell", { name: "ssd-unknown-person", exact: true })).toBeVisible();
  await expect(page.getByText("The extract has errors.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Import these records" })).toHaveCount(0);

  await page.getByLabel("Or the CSV files").setInputFiles(EXTRACT);
  await page.getByRole("button", { name: "Check the extract (dry run)" }).click();
  const counts = page.getByRole("table", { name: "What the import would do" });
  await expect(counts).toBeVisible({ timeout: 60_000 });
  await expect(counts.getByRole("row", { name: /^People/ }).getByRole("cell").nth(0)).toHaveText("2");
  await expect(counts.getByRole("row", { name: /Assessments/ }).getByRole("cell").nth(0)).toHaveText("1");
  // "Female", "White British" and "Neglect" are read as codes, with warnings.
  await expect(page.getByRole("table", { name: "Problems and notes" }).getByRole("cell", { name: "ssd-description", exact: true }).first()).toBeVisible();
  await screenshot(page, "ssd-dry-run");
  await expectAccessible(page, "ssd dry run");
  await page.getByRole("button", { name: "Import these records" }).click();
  const result = page.getByTestId("ssd-import-result");
  await expect(result).toBeVisible({ timeout: 90_000 });
  await expect(result.getByText("The extract was imported")).toBeVisible();
  await expect(result.getByRole("table", { name: "What was imported" }).getByRole("row", { name: /CIN, CP and CLA episodes/ }).getByRole("cell").nth(0)).toHaveText("1");
  await expect(page.getByRole("table", { name: "Past SSD imports" })).toBeVisible();
  await screenshot(page, "ssd-imported");
  // Kept: after a reload the import is listed among the past imports.
  await page.reload();
  const past = page.getByRole("table", { name: "Past SSD imports" });
  await expect(past.getByRole("row").nth(1)).toBeVisible();
  // This import's row: 6 tables, 2 people, 1 referral, 1 assessment added.
  const rows = await past.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td, th")).map((c) => c.textContent?.trim() ?? "")));
  expect(rows.some((r) => r.slice(1, 5).join("|") === "6|2|1|1"), JSON.stringify(rows.slice(0, 3))).toBe(true);

  // The evaluation: comparison = children with at least 12 factors at an assessment in the period, never in the programme.
  await page.goto("/evaluation");
  await page.getByLabel("Programme", { exact: true }).selectOption({ label: "Inspiring Families Programme" });
  await page.getByLabel("Many assessment factors, not in the programme").check();
  await page.getByLabel("Fewest assessment factors").fill("12");
  await page.getByRole("button", { name: "Run the analysis" }).click();
  const analysis = page.getByTestId("analysis");
  await expect(analysis).toBeVisible({ timeout: 90_000 });
  await expect(analysis.getByText(/Comparison cohort: 1 children\./)).toBeVisible();
  // C1's window after the assessment (completed 2018-06-01) holds its CP plan, 2018-07-01 to 2018-10-01: 92 days.
  await expect(page.getByTestId("outcome-table").getByRole("row", { name: /Days of CP/ }).getByRole("cell").nth(3)).toHaveText("92");
  await screenshot(page, "ssd-evaluation");
});
