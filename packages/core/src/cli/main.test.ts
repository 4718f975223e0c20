import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const example = join(root, "examples/ifp-like");

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "evident-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = {
  "children.csv": "child_id,cohort,start_date,end_date\nA,intervention,2018-03-01,2018-05-09\nB,comparison,2018-04-30,2018-04-30\n",
  "episodes.csv": "child_id,status,start_date,end_date\nA,CP,2017-11-01,2018-01-15\nA,CIN,2018-06-01,\n",
  "referrals.csv": "child_id,referral_date\nA,2017-10-10\n",
};

describe("evident analyse", () => {
  it("prints the documented JSON shape for the example data", async () => {
    const { code, stdout, stderr } = await run(["analyse", "--data", example, "--as-at", "2020-03-01", "--programme-cost", "501597", "--format", "json", "--bootstrap", "50"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    for (const cohort of ["intervention", "comparison"]) {
      expect(Object.keys(r.cohorts[cohort])).toEqual(expect.arrayContaining(["n", "before", "after", "costDifference", "transitions"]));
      for (const w of ["before", "after"]) {
        expect(Object.keys(r.cohorts[cohort][w])).toEqual(expect.arrayContaining(["referrals", "CIN", "CP", "CLA", "cost"]));
        expect(Object.keys(r.cohorts[cohort][w].CP)).toEqual(expect.arrayContaining(["children", "days"]));
      }
      expect(Object.keys(r.cohorts[cohort].transitions)).toEqual(["none", "CIN", "CP", "CLA"]);
    }
    expect(Object.keys(r.cohorts.comparison)).toEqual(expect.arrayContaining(["scaledCostBefore", "scaledCostAfter", "scaledCostDifference"]));
    expect(r).toHaveProperty("saving");
    expect(r.programmeCost).toBe(501597);
    expect(r.netCost).toBeCloseTo(501597 - r.saving, 6);
    expect(Array.isArray(r.warnings)).toBe(true);
    // The example data follow Tables 11-14 for children and referral counts.
    expect(r.cohorts.intervention.n).toBe(78);
    expect(r.cohorts.comparison.n).toBe(116);
    expect(r.cohorts.intervention.before.referrals).toBe(43);
    expect(r.cohorts.comparison.after.referrals).toBe(6);
    expect([r.cohorts.intervention.before.CIN.children, r.cohorts.intervention.before.CP.children, r.cohorts.intervention.before.CLA.children]).toEqual([24, 26, 2]);
    expect([r.cohorts.comparison.after.CIN.children, r.cohorts.comparison.after.CP.children, r.cohorts.comparison.after.CLA.children]).toEqual([15, 12, 1]);
  });

  it("--match nearest adds a top-level matching object in the documented shape and changes nothing else", async () => {
    const base = ["analyse", "--data", example, "--as-at", "2020-03-01", "--programme-cost", "501597", "--format", "json", "--bootstrap", "50"];
    const plain = JSON.parse((await run(base)).stdout);
    const { code, stdout, stderr } = await run([...base, "--match", "nearest"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const { matching: m, ...rest } = JSON.parse(stdout);
    expect(rest).toEqual(plain);
    expect(m).toMatchObject({ method: "nearest", ratio: 1, caliper: 0.2, replace: true, exact: [], seed: 20200301 });
    expect(m.covariates).toEqual(["cinDaysBefore", "cpDaysBefore", "claDaysBefore", "referralsBefore", "ageAtStart", "ageAtStartMissing", "highestBefore"]);
    expect(Object.keys(m.n)).toEqual(["intervention", "interventionMatched", "interventionUnmatched", "comparisonPool", "comparisonUsed", "effectiveComparison"]);
    expect(m.n.intervention).toBe(78);
    expect(m.n.comparisonPool).toBe(116);
    expect(m.n.interventionMatched + m.n.interventionUnmatched).toBe(78);
    expect(m.balance.map((b: { covariate: string }) => b.covariate)).toEqual(m.covariates);
    expect(Object.keys(m.balance[0])).toEqual(expect.arrayContaining(["covariate", "smdBefore", "smdAfter", "varianceRatioAfter"]));
    expect(Object.keys(m.overlap)).toEqual(["bins", "intervention", "comparison"]);
    expect(m.differenceInDifferences).toMatchObject({ method: "bootstrap", replicates: 50, seed: 20200301 });
    expect(Object.keys(m.differenceInDifferences.measures)).toEqual(["CIN", "CP", "CLA", "referrals", "cost"]);
    expect(Object.keys(m.differenceInDifferences.measures.CP)).toEqual(expect.arrayContaining(["estimate", "standardError", "ci95"]));
    expect(m.costBenefit.netCost).toBeCloseTo(501597 - m.costBenefit.saving, 6);
    expect(Object.keys(m.placebo.measures)).toEqual(["CIN", "CP", "CLA"]);
    expect(Array.isArray(m.warnings)).toBe(true);
    // The naive comparison was unlike the programme cohort in CP days before (0.91); matching brings it within 0.1.
    const cp = m.balance.find((b: { covariate: string }) => b.covariate === "cpDaysBefore");
    expect(cp.smdBefore).toBeCloseTo(0.91, 2);
    expect(Math.abs(cp.smdAfter)).toBeLessThan(0.1);
  });

  it("--match prints the balance table and the estimates side by side with a plain verdict", async () => {
    const { code, stdout } = await run(["analyse", "--data", example, "--as-at", "2020-03-01", "--bootstrap", "20", "--match", "nearest", "--match-ratio", "2", "--caliper", "none", "--match-exact", "highestBefore"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Matched comparison: nearest neighbour 2:1 with replacement, caliper none, exact on highestBefore");
    expect(stdout).toContain("Balance: standardised mean difference");
    expect(stdout).toContain("naive (all comparison children) and matched, side by side");
    expect(stdout).toMatch(/Rely on (the matched estimate|neither)/);
    expect(stdout).toContain("Placebo test");
  });

  it("refuses bad matching flags with exit code 2", async () => {
    const base = ["analyse", "--data", example, "--as-at", "2020-03-01"];
    for (const [args, message] of [
      [["--match", "optimal"], "--match must be nearest"],
      [["--caliper", "0.2"], "--caliper needs --match nearest"],
      [["--match", "nearest", "--caliper", "0"], "--caliper must be"],
      [["--match", "nearest", "--match-ratio", "0"], "--match-ratio must be between 1 and 10"],
      [["--match", "nearest", "--match-exact", "age"], "--match-exact must be highestBefore"],
    ] as const) {
      const r = await run([...base, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe("");
    }
  });

  it("reads numeric x_ columns of children.csv as covariates and refuses text in them", async () => {
    const children = "child_id,cohort,start_date,end_date,x_score\nA,intervention,2018-03-01,2018-05-09,3\nB,comparison,2018-04-30,2018-04-30,\nC,comparison,2018-04-30,2018-04-30,1\n";
    const ok = await run(["analyse", "--data", folder({ ...GOOD, "children.csv": children }), "--as-at", "2020-03-01", "--format", "json", "--bootstrap", "0", "--match", "nearest"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).matching.covariates).toEqual(expect.arrayContaining(["x_score", "x_scoreMissing"]));
    const bad = await run(["analyse", "--data", folder({ ...GOOD, "children.csv": children.replace(",3\n", ",high\n") }), "--as-at", "2020-03-01", "--match", "nearest"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('children.csv, line 2, column x_score: x_score "high" is not a number');
  });

  it("prints report-style tables with the warnings first", async () => {
    const { code, stdout } = await run(["analyse", "--data", example, "--as-at", "2020-03-01", "--bootstrap", "0"]);
    expect(code).toBe(0);
    expect(stdout.indexOf("Read these before the numbers")).toBeLessThan(stdout.indexOf("Statutory status, intervention"));
    expect(stdout).toMatch(/Children with CIN\s+24\s+30\.8%\s+10\s+12\.8%\s+-14/);
  });

  it("names file, line, column and reason for bad data, exits 2 and prints nothing on stdout", async () => {
    const dir = folder({ ...GOOD, "episodes.csv": "child_id,status,start_date,end_date\nA,CP,2017-11-01,2018-01-15\nA,CP,2019-02-30,\nA,XX,2018-01-01,\n" });
    const { code, stdout, stderr } = await run(["analyse", "--data", dir, "--as-at", "2020-01-01"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('episodes.csv, line 3, column start_date: start_date "2019-02-30" is not a real date');
    expect(stderr).toContain("episodes.csv, line 4, column status: status must be CIN, CP or CLA");
  });

  it("reports missing columns, unknown children and missing files", async () => {
    const noColumn = await run(["analyse", "--data", folder({ ...GOOD, "children.csv": "child_id,cohort,start_date\nA,intervention,2018-01-01\n" }), "--as-at", "2020-01-01"]);
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toContain("children.csv, line 1, column end_date: missing column end_date");
    const unknown = await run(["analyse", "--data", folder({ ...GOOD, "referrals.csv": "child_id,referral_date\nZ9,2018-01-01\n" }), "--as-at", "2020-01-01"]);
    expect(unknown.stderr).toContain('referrals.csv, line 2, column child_id: no child "Z9" in children.csv');
    const missing = await run(["analyse", "--data", folder({ "children.csv": GOOD["children.csv"] }), "--as-at", "2020-01-01"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read episodes.csv");
  });

  it("refuses bad options with exit 2", async () => {
    expect((await run(["analyse", "--data", example, "--as-at", "2020-02-30"])).stderr).toContain("--as-at must be a real date");
    expect((await run(["analyse", "--data", example, "--as-at", "2020-01-01", "--window-months", "six"])).code).toBe(2);
    expect((await run(["analyse", "--data", example, "--as-at", "2020-01-01", "--tariffs", "nope"])).stderr).toContain('unknown tariff set "nope"');
    expect((await run(["analyse", "--data", example, "--as-at", "2020-01-01", "--colour"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
  });
});

describe("evident cba", () => {
  it("reproduces Table 24's saving from the example aggregates", async () => {
    const { code, stdout } = await run(["cba", "--input", join(root, "examples/aggregates/ifp-report-2020.json"), "--format", "json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Math.abs(r.saving - 194_262)).toBeLessThan(25);
    expect(Math.abs(r.netCost - 307_335)).toBeLessThan(25);
    expect(Object.keys(r.cohorts.comparison)).toEqual(expect.arrayContaining(["scaledCostBefore", "scaledCostAfter", "scaledCostDifference"]));
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it("names the field of a bad aggregates file", async () => {
    const dir = folder({ "bad.json": JSON.stringify({ intervention: { n: 0 }, comparison: {} }) });
    const { code, stderr } = await run(["cba", "--input", join(dir, "bad.json")]);
    expect(code).toBe(2);
    expect(stderr).toContain("intervention.n");
    const notJson = folder({ "x.json": "{ nope" });
    expect((await run(["cba", "--input", join(notJson, "x.json")])).stderr).toContain("is not valid JSON");
  });
});

describe("the evident binary", () => {
  it("runs from the repository root through npx", () => {
    const out = execFileSync("npx", ["--no-install", "evident", "--version"], { cwd: root, encoding: "utf8" });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = spawnSync("npx", ["--no-install", "evident", "analyse"], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
  }, 60_000); // two npx start-ups: seconds each on a busy machine
});
