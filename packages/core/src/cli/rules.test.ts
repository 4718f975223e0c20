import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STATUTORY_RULES } from "../statutory/catalogue.js";
import { main } from "./main.js";
import { formatRulesMarkdown } from "./rules.js";

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("evident rules", () => {
  it("--format json lists every rule with code, return, severity, status and description", async () => {
    const r = await run(["rules", "--format", "json"]);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as { code: string; return: string; severity: string; status: string; description: string }[];
    expect(rules.filter((x) => x.return === "ssda903")).toHaveLength(305);
    expect(rules.filter((x) => x.return === "cin")).toHaveLength(109);
    expect(rules.find((x) => x.return === "cin" && x.code === "8640")).toEqual({ code: "8640", return: "cin", severity: "error", status: "implemented", description: "ReasonForClosure not a valid code" });
    expect(rules.find((x) => x.code === "8525Q")).toMatchObject({ severity: "warning" });
    expect(rules.find((x) => x.code === "502")).toMatchObject({ status: "needs-previous-year" });
    expect(rules.find((x) => x.code === "203")).toMatchObject({ status: "implemented" });
    expect(rules.find((x) => x.code === "205A")).toMatchObject({ status: "needs-previous-year" });
  });

  it("filters, and prints a table with the totals", async () => {
    const r = await run(["rules", "--return", "cin", "--status", "implemented"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^code\s+return\s+severity\s+status\s+description$/);
    expect(r.stdout).toContain("2887Q");
    expect(r.stdout).toContain("cin: 109 rules, 109 implemented, 0 need the previous year, 0 need reference data, 0 not applicable, 0 not implemented");
    expect((await run(["rules", "--format", "xml"])).code).toBe(2);
    expect((await run(["rules", "--status", "maybe"])).stderr).toContain("--status must be one of");
  });
});

describe("docs/statutory.md", () => {
  it("lists every rule of the catalogue with its status and the totals (the generated section is current)", () => {
    const doc = readFileSync(new URL("../../../../docs/statutory.md", import.meta.url), "utf8");
    const section = doc.slice(doc.indexOf("\n", doc.indexOf("<!-- rules:start")) + 1, doc.indexOf("<!-- rules:end -->")).trim();
    expect(section).toBe(formatRulesMarkdown(STATUTORY_RULES));
  });
});
