import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const fixtures = fileURLToPath(new URL("../statutory/fixtures/", import.meta.url));
const f = (name: string) => join(fixtures, name);

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const out = () => mkdtempSync(join(tmpdir(), "evident-convert-"));
const CLEAN_ARGS = [
  "--ssda903-header", f("clean-903-header.csv"),
  "--ssda903-episodes", f("clean-903-episodes-2023.csv"),
  "--ssda903-episodes", f("clean-903-episodes-2024.csv"),
  "--cin-census", f("clean-cin-2023.xml"),
  "--cin-census", f("clean-cin.xml"),
];

describe("evident convert", () => {
  it("writes the analyse files for the hand-made two-year case (exact rows)", async () => {
    const dir = out();
    const { code, stdout, stderr } = await run(["convert", "--out", dir, ...CLEAN_ARGS]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("3 children, 6 episodes");
    expect(readFileSync(join(dir, "episodes.csv"), "utf8")).toBe(
      "child_id,status,start_date,end_date\nA1,CIN,2022-11-21,2022-12-01\nA1,CP,2022-12-01,2023-01-10\nA1,CLA,2023-01-10,2025-01-15\nA2,CLA,2024-02-05,2024-04-30\nA2,CLA,2025-02-01,\nB7,CIN,2024-06-21,\n",
    );
    expect(readFileSync(join(dir, "referrals.csv"), "utf8")).toBe("child_id,referral_date\nA1,2022-11-01\nB7,2024-04-10\nB7,2024-06-01\n");
    expect(readFileSync(join(dir, "children-profile.csv"), "utf8")).toBe("child_id,birth_date,sex,ethnicity\nA1,2012-03-15,M,WBRI\nA2,2016-11-02,F,BAFR\nB7,2018-05-05,F,AIND\n");
    // No problem but the small-census query 2887Q on each census (fewer than 8 disability codes used); the rules
    // comparing with last year's 903 return are listed as skipped (no --ssda903-previous), and so are those
    // needing reference data (no --postcodes; see convert-reference.test.ts).
    const listed = JSON.parse(readFileSync(join(dir, "validation.json"), "utf8")) as { file: string; rule: string; severity: string; message: string }[];
    expect(listed.filter((p) => p.severity !== "skipped").map((p) => [basename(p.file), p.rule, p.severity])).toEqual([
      ["clean-cin-2023.xml", "2887Q", "warning"],
      ["clean-cin.xml", "2887Q", "warning"],
    ]);
    const previousYear = listed.filter((p) => p.severity === "skipped" && p.message.includes("--ssda903-previous"));
    expect(previousYear.map((p) => p.rule).sort()).toEqual(["205D", "207", "452", "453", "502", "503A", "503B", "503C", "503D", "503E", "503F", "503G", "503H", "503J", "562", "624", "626", "NoE"]);
    expect(listed.filter((p) => p.severity === "skipped").length - previousYear.length).toBe(18);
    expect(stdout).toContain("18 rules comparing with last year's return were skipped");
  });

  it("compares with last year's 903 return given with --ssda903-previous (502: last year's open episode started on another day)", async () => {
    const dir = out();
    const last = join(dir, "last-episodes.csv");
    const lastHeader = join(dir, "last-header.csv");
    writeFileSync(lastHeader, readFileSync(f("clean-903-header.csv")));
    writeFileSync(last, "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nA1,02/01/2023,S,C1,N1,U4,PR1,,,,,,\n");
    const { code, stderr } = await run(["convert", "--out", dir, "--year-end", "2025-03-31", "--ssda903-previous", lastHeader, "--ssda903-previous", last, ...CLEAN_ARGS]);
    expect(code).toBe(2);
    const listed = JSON.parse(readFileSync(join(dir, "validation.json"), "utf8")) as { file: string; row: number; rule: string; severity: string; message: string }[];
    expect(listed.filter((p) => p.severity === "skipped" && !p.message.includes("--postcodes"))).toEqual([]);
    // This year's first episode of A1 (clean-903-episodes-2023.csv, line 2) starts on 10/01/2023, last year's open one on 02/01/2023.
    expect(listed.map((p) => [p.file, p.row, p.rule]).filter(([, , r]) => r === "502" || r === "562")).toEqual([
      [f("clean-903-episodes-2023.csv"), 2, "502"],
      [f("clean-903-episodes-2023.csv"), 2, "562"],
      // A2 started on 05/02/2024, before this year, but has no episode in last year's file: 562 and NoE, on the
      // row of the later of the two files giving that episode (clean-903-episodes-2024.csv, line 4).
      [f("clean-903-episodes-2024.csv"), 4, "562"],
    ]);
    expect(listed.filter((p) => p.rule === "NoE").map((p) => p.row)).toEqual([4]);
    expect(stderr).not.toContain("comparing with last year's return");
    const same = await run(["convert", "--out", out(), "--ssda903-previous", f("clean-903-header.csv"), ...CLEAN_ARGS]);
    expect(same.stderr).toContain("both as this year's return and as last year's");
  });

  it("takes --cin-definition episode", async () => {
    const dir = out();
    expect((await run(["convert", "--out", dir, "--cin-definition", "episode", ...CLEAN_ARGS])).code).toBe(0);
    const cin = readFileSync(join(dir, "episodes.csv"), "utf8").split("\n").filter((l) => l.includes(",CIN,"));
    expect(cin).toEqual(["A1,CIN,2022-11-01,2024-09-20", "B7,CIN,2024-06-01,"]);
  });

  it("its output is accepted by evident analyse", async () => {
    const dir = out();
    expect((await run(["convert", "--out", dir, ...CLEAN_ARGS])).code).toBe(0);
    writeFileSync(join(dir, "children.csv"), "child_id,cohort,start_date,end_date\nA1,intervention,2022-11-01,2022-11-01\nA2,comparison,2024-02-01,2024-02-01\nB7,comparison,2024-06-01,2024-06-01\n");
    const r = await run(["analyse", "--data", dir, "--as-at", "2025-03-31", "--format", "json", "--bootstrap", "0"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cohorts.intervention.n).toBe(1);
  });

  it("exits 2 on error-severity problems, writes validation.json and no CSV", async () => {
    const dir = out();
    const { code, stderr } = await run(["convert", "--out", dir, "--year-end", "2025-03-31", "--ssda903-header", f("rules-903-header.csv"), "--ssda903-episodes", f("rules-903-episodes.csv")]);
    expect(code).toBe(2);
    expect(stderr).toContain("the CSVs were not written");
    expect(existsSync(join(dir, "episodes.csv"))).toBe(false);
    expect(existsSync(join(dir, "referrals.csv"))).toBe(false);
    const problems = JSON.parse(readFileSync(join(dir, "validation.json"), "utf8")) as { file: string; row: number; field: string; rule: string; severity: string; message: string }[];
    expect(Object.keys(problems[0]!)).toEqual(["file", "row", "field", "rule", "severity", "message"]);
    expect(problems.find((p) => p.rule === "356")).toEqual({ file: f("rules-903-episodes.csv"), row: 11, field: "DEC", rule: "356", severity: "error", message: "DEC 2024-05-01 is before DECOM 2024-05-10" });
    // validation.csv: the same problems, one row each, with the child (as the community validators report them).
    const csv = readFileSync(join(dir, "validation.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("child_id,file,row,field,rule,severity,message");
    expect(csv).toHaveLength(problems.filter((p) => p.severity !== "skipped").length + 1);
    expect(csv).toContain(`R356,${f("rules-903-episodes.csv")},11,DEC,356,error,DEC 2024-05-01 is before DECOM 2024-05-10`);
    expect(csv).toContain(`R103,${f("rules-903-header.csv")},5,ETHNIC,103,error,"ETHNIC ""XXXX"" is not a DfE ethnicity code"`);
  });

  it("reports a file given under the wrong flag (EV27) and refuses bad usage", async () => {
    const dir = out();
    const r = await run(["convert", "--out", dir, "--ssda903-header", f("clean-903-episodes-2023.csv")]);
    expect(r.code).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, "validation.json"), "utf8"))[0]).toMatchObject({ rule: "EV27", severity: "error" });
    expect((await run(["convert", "--ssda903-header", f("clean-903-header.csv")])).stderr).toContain("--out");
    expect((await run(["convert", "--out", dir])).stderr).toContain("at least one input");
    expect((await run(["convert", "--out", dir, "--cin-definition", "plans", ...CLEAN_ARGS])).code).toBe(2);
    expect((await run(["convert", "--out", dir, "--ssda903-header", "/nonexistent.csv"])).stderr).toContain("cannot read");
  });

  it("runs as a real process from the built CLI", () => {
    const bin = fileURLToPath(new URL("../../bin/evident.js", import.meta.url));
    if (!existsSync(fileURLToPath(new URL("../../dist/cli/convert.js", import.meta.url)))) return;
    const dir = out();
    const r = spawnSync(process.execPath, [bin, "convert", "--out", dir, ...CLEAN_ARGS], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, "referrals.csv"), "utf8").split("\n")).toHaveLength(5);
  });
});
