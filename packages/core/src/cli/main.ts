/**
 * The `evident` command line. Exit codes: 0 success, 1 unexpected failure,
 * 2 bad input or usage. Output is written only once everything has been
 * computed, so a failure never leaves partial output on stdout.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { analyse } from "../evaluation/analyse.js";
import type { TMatchingOptions } from "../evaluation/matched.js";
import { runCostBenefit } from "../evaluation/cba.js";
import { ZTariffSet, type TTariffSet } from "../evaluation/tariffs.js";
import { isDomainError } from "../errors.js";
import { parseIsoDay } from "../dates.js";
import { CsvInputError, loadDatasetDir } from "../node/load-csv.js";
import { formatAnalysis, formatCba } from "./format.js";
import { CONVERT_USAGE, ConvertUsageError, runConvert } from "./convert.js";
import { SsdConvertUsageError } from "./convert-ssd.js";
import { RULES_USAGE, RulesUsageError, runRules } from "./rules.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const USAGE = `evident — outcome and cost-benefit analysis for children's services

Usage:
  evident analyse --data DIR --as-at YYYY-MM-DD [--window-months 6] [--tariffs gmca-2019|FILE.json]
                  [--programme-cost GBP] [--bootstrap 1000] [--seed N] [--format table|json] [--threads N]
                  [--match nearest [--match-ratio 1] [--caliper 0.2|none] [--match-exact highestBefore]]
  evident cba --input FILE.json [--format table|json]
  ${CONVERT_USAGE.replace(/\n/g, "\n  ")}
  ${RULES_USAGE}
  evident help | --help
  evident --version

analyse reads DIR/children.csv (child_id, cohort, start_date, end_date[, family_id, birth_date,
ethnicity, sibling_group_size]), DIR/episodes.csv (child_id, status, start_date, end_date) and
DIR/referrals.csv (child_id, referral_date), and prints the outcome tables, transitions,
cost-benefit and difference-in-differences of the intervention cohort against the comparison cohort.
With --match nearest it also matches each intervention child to its nearest comparison child(ren) on a
propensity score (from the before window, age and any numeric x_ column of children.csv), shows the
balance before and after, and the naive and matched estimates side by side with a placebo test
(see docs/evaluation.md).
It reads the files on all cores (a file per thread; an extract under 16 MiB on one thread: starting a worker costs more than it saves); --threads N uses at most N (1 = no worker threads), e.g. on a shared machine.

cba runs the cost-benefit from published aggregates alone (see examples/aggregates/).

convert reads SSDA903 (Header/Episodes CSV or XML) and CIN census (XML or flattened CSV) returns,
several years at once, and writes DIR/episodes.csv and DIR/referrals.csv for analyse, DIR/children-profile.csv
and DIR/validation.json (every problem with its DfE rule code). It exits 2, writing no CSV, when any error is
found. CIN = CIN plan periods unless --cin-definition episode. --ssda903-table gives any other SSDA903 table as
CSV (Reviews, UASC, AD1, PlacedAdoption, PrevPerm, OC2, OC3, Missing, SWEpisodes; an XML return holds them
already): checked against the rules, never imported. See docs/statutory.md.
With --ssd FOLDER it reads a Standard Safeguarding Dataset extract (one <table>.csv per SSD table) instead;
see docs/ssd.md.

rules lists every DfE 2024/25 SSDA903 and CIN census rule (and Evident's own EV codes) with its severity
and whether Evident checks it (implemented, needs-previous-year, needs-reference-data, table-not-read, la-level,
not-implemented).

Exit codes: 0 success, 2 bad input or usage, 1 unexpected error.
`;

class UsageError extends Error {}

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${path} is not valid JSON: ${detail}`);
  }
}

function parseMoney(value: string, flag: string): number {
  const n = Number(value.replace(/[£,]/g, ""));
  if (!Number.isFinite(n) || n < 0 || value.trim() === "") throw new UsageError(`${flag} must be an amount in pounds, such as 501597 (got ${JSON.stringify(value)})`);
  return n;
}

function parseInteger(value: string, flag: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number (got ${JSON.stringify(value)})`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max} (got ${n})`);
  return n;
}

function parseFormat(value: string | undefined): "table" | "json" {
  const format = value ?? "table";
  if (format !== "table" && format !== "json") throw new UsageError(`--format must be table or json (got ${JSON.stringify(format)})`);
  return format;
}

function loadTariffs(value: string | undefined): string | TTariffSet {
  if (value === undefined) return "gmca-2019";
  if (!value.toLowerCase().endsWith(".json")) return value;
  const parsed = ZTariffSet.safeParse(readJsonFile(value, "tariff file"));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UsageError(`${value}: ${first.path.join(".") || "(top level)"}: ${first.message}`);
  }
  return parsed.data;
}

function parseMatching(values: { match?: string | undefined; "match-ratio"?: string | undefined; caliper?: string | undefined; "match-exact"?: string | undefined }): TMatchingOptions | undefined {
  if (values.match === undefined) {
    const stray = (["match-ratio", "caliper", "match-exact"] as const).find((flag) => values[flag] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --match nearest`);
    return undefined;
  }
  if (values.match !== "nearest") throw new UsageError(`--match must be nearest (got ${JSON.stringify(values.match)})`);
  const ratio = values["match-ratio"] === undefined ? 1 : parseInteger(values["match-ratio"], "--match-ratio", 1, 10);
  let caliper: number | null = 0.2;
  if (values.caliper !== undefined) {
    if (values.caliper.trim().toLowerCase() === "none") caliper = null;
    else {
      caliper = Number(values.caliper);
      if (values.caliper.trim() === "" || !Number.isFinite(caliper) || caliper <= 0 || caliper > 10) {
        throw new UsageError(`--caliper must be a number of standard deviations above 0 and at most 10, or none (got ${JSON.stringify(values.caliper)})`);
      }
    }
  }
  const exact = values["match-exact"];
  if (exact !== undefined && exact !== "highestBefore") throw new UsageError(`--match-exact must be highestBefore (got ${JSON.stringify(exact)})`);
  return { method: "nearest", ratio, caliper, exact: exact ? ["highestBefore"] : [] };
}

async function runAnalyse(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      data: { type: "string" },
      "as-at": { type: "string" },
      "window-months": { type: "string" },
      tariffs: { type: "string" },
      "programme-cost": { type: "string" },
      bootstrap: { type: "string" },
      seed: { type: "string" },
      format: { type: "string" },
      match: { type: "string" },
      "match-ratio": { type: "string" },
      caliper: { type: "string" },
      "match-exact": { type: "string" },
      threads: { type: "string" },
    },
  });
  if (!values.data) throw new UsageError("analyse needs --data DIR (a folder with children.csv, episodes.csv and referrals.csv)");
  if (!values["as-at"]) throw new UsageError("analyse needs --as-at YYYY-MM-DD (the date the data were extracted)");
  if (parseIsoDay(values["as-at"]) === undefined) throw new UsageError(`--as-at must be a real date written YYYY-MM-DD (got ${JSON.stringify(values["as-at"])})`);
  const format = parseFormat(values.format);
  const windowMonths = values["window-months"] === undefined ? 6 : parseInteger(values["window-months"], "--window-months", 1, 60);
  const programmeCost = values["programme-cost"] === undefined ? undefined : parseMoney(values["programme-cost"], "--programme-cost");
  const replicates = values.bootstrap === undefined ? 1000 : parseInteger(values.bootstrap, "--bootstrap", 0, 100_000);
  const seed = values.seed === undefined ? 20200301 : parseInteger(values.seed, "--seed", 0, 2 ** 31 - 1);
  const tariffs = loadTariffs(values.tariffs);
  const matching = parseMatching(values);
  const threads = values.threads === undefined ? undefined : parseInteger(values.threads, "--threads", 1, 256);

  const { dataset } = await loadDatasetDir(values.data, threads === undefined ? {} : { threads });
  const result = analyse(dataset, {
    asAt: values["as-at"],
    windowMonths,
    tariffs,
    ...(programmeCost === undefined ? {} : { programmeCost }),
    bootstrap: { replicates, seed },
    ...(matching ? { matching } : {}),
  });
  io.stdout(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : `${formatAnalysis(result)}\n`);
  return 0;
}

async function runCba(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { input: { type: "string" }, format: { type: "string" } } });
  if (!values.input) throw new UsageError("cba needs --input FILE.json (see examples/aggregates/ifp-report-2020.json)");
  const format = parseFormat(values.format);
  const input = readJsonFile(values.input, "input file");
  const result = runCostBenefit(input as never);
  io.stdout(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : `${formatCba(result)}\n`);
  return 0;
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "analyse":
      case "analyze":
        return await runAnalyse(rest, io);
      case "cba":
        return await runCba(rest, io);
      case "convert":
        return await runConvert(rest, io);
      case "rules":
        return runRules(rest, io);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      case "--version":
      case "-v":
        io.stdout(`${readVersion()}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; try "evident help"`);
    }
  } catch (error) {
    if (error instanceof CsvInputError) {
      io.stderr(`evident: the data cannot be analysed:\n${error.message}\n`);
      return 2;
    }
    if (isDomainError(error)) {
      const details = error.issues.map((i) => `  ${i.path?.join(".") ?? ""}: ${i.message}`).join("\n");
      io.stderr(`evident: ${error.message}${details ? `\n${details}` : ""}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof ConvertUsageError || error instanceof SsdConvertUsageError || error instanceof RulesUsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      io.stderr(`evident: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "unknown";
  }
}
