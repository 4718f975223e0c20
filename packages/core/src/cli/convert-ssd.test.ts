import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const small = fileURLToPath(new URL("../ssd/fixtures/small/", import.meta.url));
const expected = fileURLToPath(new URL("../ssd/fixtures/small-expected/", import.meta.url));
const header903 = fileURLToPath(new URL("../statutory/fixtures/clean-903-header.csv", import.meta.url));

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const tmp = () => mkdtempSync(join(tmpdir(), "evident-ssd-"));

describe("evident convert --ssd", () => {
  it("writes the hand-written small extract's expected files exactly", async () => {
    const out = tmp();
    const { code, stdout, stderr } = await run(["convert", "--ssd", small, "--out", out]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("4 children, 8 episodes");
    expect(stdout).toContain("5 referrals; 4 warnings");
    for (const f of ["episodes.csv", "referrals.csv", "children-profile.csv"]) expect(readFileSync(join(out, f), "utf8")).toBe(readFileSync(join(expected, f), "utf8"));
    const problems = JSON.parse(readFileSync(join(out, "validation.json"), "utf8")) as { file: string; row: number; field: string; rule: string; severity: string }[];
    expect(problems.map((p) => `${p.file}:${p.row}:${p.field}:${p.rule}:${p.severity}`)).toEqual([
      "ssd_person.csv:4:pers_sex:ssd-description:warning",
      "ssd_person.csv:4:pers_ethnicity:ssd-description:warning",
      "ssd_cp_plans.csv:2:cppl_cp_plan_initial_category:ssd-description:warning",
      "ssd_cp_plans.csv:2:cppl_cp_plan_latest_category:ssd-description:warning",
      "ssd_department.csv:0::ssd-missing-table:info",
      "ssd_cin_episodes.csv:6:cine_referral_date:ssd-same-day-referral:info",
    ]);
  });

  it("CIN as whole CIN episodes leaves out the NFA referral", async () => {
    const out = tmp();
    expect((await run(["convert", "--ssd", small, "--out", out, "--cin-definition", "episode"])).code).toBe(0);
    const cin = readFileSync(join(out, "episodes.csv"), "utf8").split("\n").filter((l) => l.includes(",CIN,"));
    // R1 [2022-11-01, 2023-01-20), R2 open, R4 and R5 (one day, both open), R6 open; R3 is NFA.
    expect(cin).toEqual(["00101,CIN,2022-11-01,2023-01-20", "00101,CIN,2023-06-05,", "0203,CIN,2024-06-01,", "0203,CIN,2024-06-01,", "0304,CIN,2024-03-31,"]);
  });

  it("an error exits 2 and writes no CSV, only validation.json", async () => {
    const dir = tmp();
    cpSync(small, dir, { recursive: true });
    writeFileSync(join(dir, "ssd_cp_plans.csv"), "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date\nPP1,00101,2023-01-10,2022-12-01\n");
    const out = tmp();
    const { code, stderr } = await run(["convert", "--ssd", dir, "--out", out]);
    expect(code).toBe(2);
    expect(stderr).toContain("ssd_cp_plans.csv, row 2, cppl_cp_plan_end_date: [ssd-start-after-end]");
    expect(existsSync(join(out, "episodes.csv"))).toBe(false);
    expect(existsSync(join(out, "referrals.csv"))).toBe(false);
    expect(existsSync(join(out, "children-profile.csv"))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, "validation.json"), "utf8")).filter((p: { severity: string }) => p.severity === "error")).toHaveLength(1);
  });

  it("refuses --ssd together with statutory returns, and a folder that does not exist", async () => {
    const both = await run(["convert", "--ssd", small, "--ssda903-header", header903, "--out", tmp()]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--ssd cannot be combined with --ssda903-header");
    const missing = await run(["convert", "--ssd", join(tmp(), "nowhere"), "--out", tmp()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the folder");
  });
});
