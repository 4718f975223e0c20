/**
 * `evident rules`: the rule catalogue (every DfE 2024/25 SSDA903 and CIN
 * census rule and Evident's own codes, with whether Evident checks it).
 */
import { parseArgs } from "node:util";
import { RULE_STATUSES, STATUTORY_RULES, ruleCatalogueCounts, type StatutoryRule } from "../statutory/catalogue.js";

export const RULES_USAGE = `evident rules [--format table|json|markdown] [--return ssda903|cin|evident] [--status ${RULE_STATUSES.join("|")}]`;

export class RulesUsageError extends Error {}

export function runRules(args: string[], io: { stdout: (text: string) => void }): number {
  const { values } = parseArgs({ args, options: { format: { type: "string" }, return: { type: "string" }, status: { type: "string" } }, strict: true });
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "markdown") throw new RulesUsageError(`--format must be table, json or markdown (got ${JSON.stringify(format)})`);
  if (values.return !== undefined && !["ssda903", "cin", "evident"].includes(values.return)) throw new RulesUsageError(`--return must be ssda903, cin or evident (got ${JSON.stringify(values.return)})`);
  if (values.status !== undefined && !(RULE_STATUSES as readonly string[]).includes(values.status)) throw new RulesUsageError(`--status must be one of ${RULE_STATUSES.join(", ")} (got ${JSON.stringify(values.status)})`);
  const rules = STATUTORY_RULES.filter((r) => (values.return === undefined || r.return === values.return) && (values.status === undefined || r.status === values.status));
  if (format === "json") {
    io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${format === "markdown" ? formatRulesMarkdown(rules) : formatRulesTable(rules)}\n`);
  return 0;
}

const RETURN_NAME: Record<StatutoryRule["return"], string> = { ssda903: "SSDA903", cin: "CIN census", evident: "Evident's own codes" };

/** The catalogue as the Markdown tables in docs/statutory.md (one table per return, then the totals). */
export function formatRulesMarkdown(rules: readonly StatutoryRule[]): string {
  const out: string[] = [];
  const counts = ruleCatalogueCounts(rules);
  out.push("| return | rules | implemented | needs previous year | needs reference data | not applicable (table not read / whole return) | not implemented |", "|---|---|---|---|---|---|---|");
  for (const [ret, c] of Object.entries(counts)) {
    out.push(`| ${RETURN_NAME[ret as StatutoryRule["return"]]} | ${c.total} | ${c.implemented} | ${c["needs-previous-year"]} | ${c["needs-reference-data"]} | ${c["table-not-read"] + c["la-level"]} (${c["table-not-read"]} / ${c["la-level"]}) | ${c["not-implemented"]} |`);
  }
  for (const ret of ["ssda903", "cin", "evident"] as const) {
    const list = rules.filter((r) => r.return === ret);
    if (list.length === 0) continue;
    out.push("", `**${RETURN_NAME[ret]}** (${list.length})`, "", "| code | severity | status | description |", "|---|---|---|---|");
    for (const r of list) out.push(`| ${r.code} | ${r.severity} | ${r.status} | ${r.description} |`);
  }
  return out.join("\n");
}

export function formatRulesTable(rules: readonly StatutoryRule[]): string {
  const head = ["code", "return", "severity", "status", "description"];
  const cells = rules.map((r) => [r.code, r.return, r.severity, r.status, r.description]);
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd(width[i]!))).join("  ");
  const counts = ruleCatalogueCounts(rules);
  const totals = Object.entries(counts).map(([ret, c]) => `${ret}: ${c.total} rules, ${c.implemented} implemented, ${c["needs-previous-year"]} need the previous year, ${c["needs-reference-data"]} need reference data, ${c["table-not-read"] + c["la-level"]} not applicable, ${c["not-implemented"]} not implemented`);
  return [line(head), ...cells.map(line), "", ...totals].join("\n");
}
