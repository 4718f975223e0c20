/** Importing statutory returns (admin) and pseudonymised extracts (analyst), with axe checks. Files are made up here. */
import { expect, test } from "@playwright/test";
import { downloadedBytes, readXlsx } from "./downloads.js";
import { authFile, expectAccessible, screenshot } from "./fixtures.js";
import { fillDate } from "./records.js";

const run = Date.now().toString(36).toUpperCase().slice(-6);
const A = `E2E${run}A`;
const B = `E2E${run}B`;
const HEADER = `CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n${A},M,15/03/2012,WBRI,UN2,,\r\n${B},F,02/11/2016,BAFR,UN2,0,\r\n`;
const EPISODES_HEAD = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n";
const GOOD = `${EPISODES_HEAD}${A},10/01/2023,S,C1,N1,U4,PR1,01/06/2023,X1,,,,\r\n${A},01/06/2023,L,C2,N1,U4,PR1,,,,,,\r\n${B},05/02/2024,S,V2,N4,U1,PR1,,,,,,\r\n`;
// REC "P1" is not a reason an episode ceased: DfE rule 149.
const BAD = `${EPISODES_HEAD}${A},10/01/2023,S,C1,N1,U4,PR1,01/06/2023,P1,,,,\r\n`;
const file = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

test.describe("import statutory returns", () => {
  test.use({ storageState: authFile("admin") });

  test("[STATUTORY]: an admin sees a rule code in the dry run, then imports clean files and sees the counts", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/statutory-import");
    await expect(page.getByRole("heading", { level: 1, name: "Import statutory returns" })).toBeVisible();
    await expectAccessible(page, "statutory import");

    await page.getByLabel("Return files").setInputFiles([file("header.csv", HEADER), file("episodes-bad.csv", BAD)]);
    await fillDate(page.getByRole("group", { name: "Last day of the collection year (optional)" }), "2024-03-31");
    await page.getByRole("button", { name: "Check the files (dry run)" }).click();
    const report = page.getByTestId("dry-run-report");
    await expect(report).toBeVisible({ timeout: 60_000 });
    const problems = page.getByRole("table", { name: "Problems found in the files" });
    await expect(problems.getByRole("cell", { name: "149", exact: true })).toBeVisible();
    await expect(page.getByText("The files have errors.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Import these records" })).toHaveCount(0);
    // The problems table filters.
    await page.getByLabel("Filter problems (rule, file, field, message)").fill("REC");
    await expect(problems.getByRole("cell", { name: "REC", exact: true }).first()).toBeVisible();
    await screenshot(page, "statutory-dry-run-errors");
    await expectAccessible(page, "statutory dry run with errors");

    await page.getByLabel("Return files").setInputFiles([file("header.csv", HEADER), file("episodes.csv", GOOD)]);
    await page.getByRole("button", { name: "Check the files (dry run)" }).click();
    const counts = page.getByRole("table", { name: "What the import would do" });
    await expect(counts).toBeVisible({ timeout: 60_000 });
    await expect(counts.getByRole("row", { name: /Children/ })).toContainText("2");
    await expect(counts.getByRole("row", { name: /CLA episodes/ }).getByRole("cell").nth(0)).toHaveText("3");
    await page.getByRole("button", { name: "Import these records" }).click();
    const result = page.getByTestId("import-result");
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(result.getByText("The records were imported")).toBeVisible();
    await expect(result.getByRole("table", { name: "What was imported" }).getByRole("row", { name: /CLA episodes/ }).getByRole("cell").nth(0)).toHaveText("3");
    await expect(page.getByRole("table", { name: "Past imports" }).getByText("episodes.csv").first()).toBeVisible();
    await screenshot(page, "statutory-imported");
    await expectAccessible(page, "statutory import result");

    // The same files again: nothing to add.
    await page.getByRole("button", { name: "Check the files (dry run)" }).click();
    await expect(page.getByRole("table", { name: "What the import would do" }).getByRole("row", { name: /CLA episodes/ }).getByRole("cell").nth(2)).toHaveText("3", { timeout: 60_000 });
    // Kept: after a reload the import is listed among the past imports.
    await page.reload();
    await expect(page.getByRole("table", { name: "Past imports" }).getByText("episodes.csv").first()).toBeVisible();
  });
});

test.describe("evaluation extracts", () => {
  test.use({ storageState: authFile("analyst") });

  test("[EXTRACTS]: an analyst creates a pseudonymised extract and downloads it", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/extracts");
    await expect(page.getByRole("heading", { level: 1, name: "Evaluation extracts" })).toBeVisible();
    await expectAccessible(page, "extracts");
    await page.getByLabel("Title").fill(`E2E extract ${run}`);
    await page.getByRole("button", { name: "Create extract" }).click();
    const created = page.getByText(/Extract created: \d+ children/);
    await expect(created).toBeVisible({ timeout: 60_000 });
    const children = Number(/Extract created: (\d+) children/.exec((await created.textContent())!)![1]);
    const row = page.getByRole("row", { name: new RegExp(`E2E extract ${run}`) });
    const download = page.waitForEvent("download");
    await row.getByRole("button", { name: /XLSX/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^evident-extract-.*\.xlsx$/);
    // The workbook: one sheet per table with the allow-listed columns, one row per child, ids pseudonymised.
    const sheets = await readXlsx(await downloadedBytes(await download));
    expect(Object.keys(sheets)).toEqual(["children", "episodes", "referrals", "cohort_members"]);
    expect(sheets.children![0]).toEqual(["child_id", "family_id", "birth_month", "sex", "ethnicity"]);
    expect(sheets.episodes![0]).toEqual(["child_id", "status", "start_date", "end_date", "cp_category", "cla_legal_status", "cla_placement"]);
    expect(sheets.referrals![0]).toEqual(["child_id", "referral_date", "source", "primary_need", "factors", "domestic_abuse", "nfa", "closed_date"]);
    const rows = sheets.children!.slice(1);
    expect(rows).toHaveLength(children);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
    // One assertion over every row (thousands of children): the rows that break a rule, expected none.
    const broken = rows.filter(([childId, familyId, birthMonth]) => uuid.test(String(childId)) || uuid.test(String(familyId ?? "")) || !/^(\d{4}-\d{2})?$/.test(String(birthMonth ?? "")));
    expect(broken.slice(0, 3), "rows with a raw id or a full date of birth").toEqual([]);
    expect(new Set(rows.map((r) => r[0])).size, "one row per child, each with its own pseudonym").toBe(children);
    await screenshot(page, "extracts");
    await expectAccessible(page, "extracts after create");
  });
});
