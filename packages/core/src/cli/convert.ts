/**
 * `evident convert`: SSDA903 / CIN census returns → the `evident analyse`
 * files (episodes.csv, referrals.csv), children-profile.csv and
 * validation.json. Exit 2 when any error-severity problem is found; the CSVs
 * are then not written (validation.json always is).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseIsoDay } from "../dates.js";
import { readHead, readStatutoryPaths, StatutoryFileError, type StatutoryPath } from "../node/statutory-files.js";
import { toAnalysisRows } from "../statutory/analysis.js";
import { CIN_DEFINITIONS, hasStatutoryErrors, type TCinDefinition, type TStatutoryFileKind } from "../statutory/model.js";
import { validationFlags } from "../statutory/flags.js";
import { tables903Of } from "../statutory/extract-tables.js";
import { checkPreviousYear, skippedRules } from "../statutory/previous-year.js";
import type { TSsda903Table } from "../statutory/tables-903.js";
import { skippedReferenceRules } from "../statutory/validate-903-reference.js";
import { readReferenceFiles, ReferenceFileError } from "../node/reference-files.js";
import { detectStatutoryFileKind } from "../statutory/read.js";
import { tableOfKind } from "../statutory/tables-903.js";
import { runSsdConvert } from "./convert-ssd.js";
import { writeCsv } from "./csv-out.js";

export const CONVERT_USAGE = `evident convert --out DIR [--ssda903-header FILE ...] [--ssda903-episodes FILE ...] [--cin-census FILE ...]
                [--ssda903-table FILE ...] [--ssda903-previous FILE ...] [--cin-previous FILE ...]
                [--cin-definition plan|episode] [--year-end YYYY-MM-DD]
                [--postcodes FILE.csv --la CODE [--ofsted-urns FILE.csv]]
  evident convert --out DIR --ssd FOLDER [--cin-definition plan|episode]`;

export class ConvertUsageError extends Error {}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const EXPECTED: Record<string, (kind: TStatutoryFileKind) => boolean> = {
  "--ssda903-header": (k) => k === "ssda903-header-csv" || k === "ssda903-xml",
  "--ssda903-episodes": (k) => k === "ssda903-episodes-csv" || k === "ssda903-xml",
  "--cin-census": (k) => k.startsWith("cin-"),
  // Reviews, UASC, AD1, PlacedAdoption, PrevPerm, OC2, OC3, Missing or SWEpisodes: checked, never imported.
  "--ssda903-table": (k) => tableOfKind(k) !== undefined,
  "--ssda903-previous": (k) => k.startsWith("ssda903-"),
  "--cin-previous": (k) => k.startsWith("cin-"),
};

export async function runConvert(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      out: { type: "string" },
      "ssda903-header": { type: "string", multiple: true },
      "ssda903-episodes": { type: "string", multiple: true },
      "cin-census": { type: "string", multiple: true },
      "ssda903-table": { type: "string", multiple: true },
      "ssda903-previous": { type: "string", multiple: true },
      "cin-previous": { type: "string", multiple: true },
      "cin-definition": { type: "string" },
      "year-end": { type: "string" },
      ssd: { type: "string" },
      postcodes: { type: "string" },
      la: { type: "string" },
      "ofsted-urns": { type: "string" },
    },
  });
  if (!values.out) throw new ConvertUsageError("convert needs --out DIR (the folder to write episodes.csv, referrals.csv, children-profile.csv and validation.json to)");
  const definition = (values["cin-definition"] ?? "plan") as TCinDefinition;
  if (!CIN_DEFINITIONS.includes(definition)) throw new ConvertUsageError(`--cin-definition must be plan or episode (got ${JSON.stringify(values["cin-definition"])})`);
  const yearEnd = values["year-end"];
  if (yearEnd !== undefined && parseIsoDay(yearEnd) === undefined) throw new ConvertUsageError(`--year-end must be a real date written YYYY-MM-DD (got ${JSON.stringify(yearEnd)})`);

  if ((values.postcodes === undefined) !== (values.la === undefined)) throw new ConvertUsageError("--postcodes FILE and --la CODE go together: the postcode directory and the code of the authority making the return (e.g. E09000027)");
  if (values.la !== undefined && !/^[A-Z]\d{8}$/i.test(values.la.trim())) throw new ConvertUsageError(`--la must be the authority's 9-character code, as the postcode directory writes it, e.g. E09000027 (got ${JSON.stringify(values.la)})`);
  if (values["ofsted-urns"] !== undefined && values.postcodes === undefined) throw new ConvertUsageError("--ofsted-urns needs --postcodes FILE and --la CODE too (the provider's authority is found from its postcode)");
  let reference;
  try {
    reference = values.postcodes === undefined ? undefined : readReferenceFiles(values.postcodes, values.la!, values["ofsted-urns"]);
  } catch (error) {
    if (error instanceof ReferenceFileError) throw new ConvertUsageError(error.message);
    throw error;
  }
  const given: { flag: string; path: string }[] = [];
  for (const flag of ["ssda903-header", "ssda903-episodes", "cin-census", "ssda903-table"] as const) for (const path of values[flag] ?? []) given.push({ flag: `--${flag}`, path });
  const previousGiven: { flag: string; path: string }[] = [];
  for (const flag of ["ssda903-previous", "cin-previous"] as const) for (const path of values[flag] ?? []) previousGiven.push({ flag: `--${flag}`, path });
  if (values.ssd !== undefined) return runSsdConvert({ dir: values.ssd, out: values.out, definition, statutoryInputs: given.length + previousGiven.length, yearEnd }, io);
  if (given.length === 0) throw new ConvertUsageError("convert needs at least one input: --ssda903-header FILE, --ssda903-episodes FILE, --ssda903-table FILE or --cin-census FILE (--ssda903-previous and --cin-previous only add last year's return to compare with)");
  const paths: StatutoryPath[] = [];
  const previousPaths: StatutoryPath[] = [];
  const wrongKind: { file: string; message: string }[] = [];
  for (const { flag, path } of [...given, ...previousGiven]) {
    let head: string;
    try {
      head = readHead(path, 65_536);
    } catch {
      throw new ConvertUsageError(`cannot read ${flag} ${path}`);
    }
    const kind = detectStatutoryFileKind(path, head);
    if (!EXPECTED[flag]!(kind)) wrongKind.push({ file: path, message: `given as ${flag} but ${kind === "unknown" ? "not recognised" : `recognised as ${kind}`}: check its columns or root element` });
    const into = flag.endsWith("-previous") ? previousPaths : paths;
    if (flag.endsWith("-previous") && paths.some((p) => p.path === path)) throw new ConvertUsageError(`${path} is given both as this year's return and as last year's (${flag})`);
    if (!into.some((p) => p.path === path)) into.push({ path, name: path });
  }

  let extract;
  let previous;
  try {
    extract = await readStatutoryPaths(paths, { ...(yearEnd ? { yearEnd } : {}), ...(reference ? { reference } : {}) });
    // Last year's return is read only to compare with; its own problems belong to last year's submission.
    previous = previousPaths.length > 0 ? await readStatutoryPaths(previousPaths, { ...(yearEnd ? { yearEnd: yearEndBefore(yearEnd) } : {}), ...(reference ? { reference } : {}) }) : undefined;
  } catch (error) {
    if (error instanceof StatutoryFileError) throw new ConvertUsageError(error.message);
    throw error;
  }
  const compared = previous !== undefined && values["ssda903-previous"] !== undefined ? checkPreviousYear(extract, previous, yearEnd ? { yearEnd } : {}) : [];
  extract.problems.push(...compared);
  const problems = [...wrongKind.map((w) => ({ file: w.file, row: 0, field: "", rule: "EV27", severity: "error" as const, message: w.message })), ...extract.problems];
  const kinds = extract.files.map((f) => f.kind);
  const skipped = skippedRules({
    ssda903: kinds.some((k) => k.startsWith("ssda903-")),
    cin: kinds.some((k) => k.startsWith("cin-")),
    ssda903Previous: values["ssda903-previous"] !== undefined,
    cinPrevious: values["cin-previous"] !== undefined,
    tables903: Object.keys(tables903Of(extract)) as TSsda903Table[],
  });
  const skippedRows = skipped.map((r) => ({ file: "", row: 0, field: "", rule: r.code, severity: "skipped" as const, message: `not checked: ${r.description.replace(/ \(checked with --ssda903-previous\)$/, "")}; give last year's return with --ssda903-previous` }));
  const skippedReference = skippedReferenceRules({ ssda903: kinds.some((k) => k.startsWith("ssda903-")), postcodes: reference !== undefined, providers: reference?.providers !== undefined, previous: values["ssda903-previous"] !== undefined });
  for (const r of skippedReference) {
    const how = reference === undefined ? "give the postcode directory and the authority's code with --postcodes FILE --la CODE" : "give Ofsted's provider list with --ofsted-urns FILE";
    skippedRows.push({ file: "", row: 0, field: "", rule: r.code, severity: "skipped" as const, message: `not checked: ${r.description}; ${how}` });
  }
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, "validation.json"), `${JSON.stringify([...problems, ...skippedRows], null, 1)}\n`);
  writeCsv(join(values.out, "validation.csv"), ["child_id", "file", "row", "field", "rule", "severity", "message"], validationFlags(extract, problems));
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.length - errors.length;
  const skippedNote =
    (skipped.length === 0 ? "" : ` ${skipped.length} rule${skipped.length === 1 ? "" : "s"} comparing with last year's return ${skipped.length === 1 ? "was" : "were"} skipped (${skipped.map((r) => r.code).join(", ")}): give it with --ssda903-previous.`) +
    (skippedReference.length === 0 ? "" : ` ${skippedReference.length} rule${skippedReference.length === 1 ? "" : "s"} needing reference data ${skippedReference.length === 1 ? "was" : "were"} skipped (${skippedReference.map((r) => r.code).join(", ")}): give ${reference === undefined ? "--postcodes FILE --la CODE" : "--ofsted-urns FILE"}.`);
  if (errors.length > 0 || hasStatutoryErrors(extract)) {
    io.stderr(`evident: ${errors.length} error${errors.length === 1 ? "" : "s"} and ${warnings} warning${warnings === 1 ? "" : "s"} found; the CSVs were not written. All problems are in ${join(values.out, "validation.json")}.${skippedNote} The first:\n`);
    for (const p of errors.slice(0, 20)) io.stderr(`  ${p.file}${p.row ? `, row ${p.row}` : ""}${p.field ? `, ${p.field}` : ""}: [${p.rule}] ${p.message}\n`);
    return 2;
  }
  const rows = toAnalysisRows(extract, { cinDefinition: definition });
  writeCsv(join(values.out, "episodes.csv"), ["child_id", "status", "start_date", "end_date"], rows.episodes);
  writeCsv(join(values.out, "referrals.csv"), ["child_id", "referral_date"], rows.referrals);
  writeCsv(join(values.out, "children-profile.csv"), ["child_id", "birth_date", "sex", "ethnicity"], rows.childrenProfile);
  io.stdout(
    `Converted ${extract.files.length} file${extract.files.length === 1 ? "" : "s"}: ${rows.childrenProfile.length} children, ${rows.episodes.length} episodes (CIN = ${definition === "plan" ? "CIN plan periods" : "whole CIN episodes"}), ${rows.referrals.length} referrals; ${warnings} warning${warnings === 1 ? "" : "s"} in validation.json.${skippedNote}\n`,
  );
  return 0;
}

/** The last day of the collection year before the one ending on `yearEnd`. */
function yearEndBefore(yearEnd: string): string {
  const y = String(Number(yearEnd.slice(0, 4)) - 1).padStart(4, "0");
  const md = yearEnd.slice(5) === "02-29" ? "02-28" : yearEnd.slice(5);
  return `${y}-${md}`;
}
