/**
 * `evident convert --ssd FOLDER --out DIR`: a Standard Safeguarding Dataset
 * extract → the same four files as the statutory returns (docs/ssd.md).
 * Exit 2 and no CSV when any error-severity problem is found.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readSsdDir, SsdFolderError } from "../node/ssd-files.js";
import { ssdToAnalysisRows } from "../ssd/analysis.js";
import { hasSsdErrors } from "../ssd/read.js";
import type { TCinDefinition } from "../statutory/model.js";
import { writeCsv } from "./csv-out.js";

export class SsdConvertUsageError extends Error {}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface SsdConvertArgs {
  dir: string;
  out: string;
  definition: TCinDefinition;
  /** How many statutory inputs (--ssda903-header, --ssda903-episodes, --ssda903-table, --cin-census) were also given: refused, see docs/ssd.md. */
  statutoryInputs: number;
  yearEnd: string | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function runSsdConvert(args: SsdConvertArgs, io: Io): number {
  if (args.statutoryInputs > 0) {
    throw new SsdConvertUsageError(
      "--ssd cannot be combined with --ssda903-header, --ssda903-episodes, --ssda903-table or --cin-census: the SSD extract already holds the same episodes and referrals, so the two would count them twice. Convert them in two runs, into two folders.",
    );
  }
  if (args.yearEnd !== undefined) throw new SsdConvertUsageError("--year-end applies to the statutory returns only; an SSD extract is read as it is.");
  let extract;
  try {
    extract = readSsdDir(args.dir);
  } catch (error) {
    if (error instanceof SsdFolderError) throw new SsdConvertUsageError(error.message);
    throw error;
  }
  const problems = extract.problems;
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, "validation.json"), `${JSON.stringify(problems, null, 1)}\n`);
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warning").length;
  if (hasSsdErrors(extract)) {
    io.stderr(`evident: ${plural(errors.length, "error")} and ${plural(warnings, "warning")} found in the SSD extract; the CSVs were not written. All problems are in ${join(args.out, "validation.json")}. The first:\n`);
    for (const p of errors.slice(0, 20)) io.stderr(`  ${p.file}${p.row ? `, row ${p.row}` : ""}${p.field ? `, ${p.field}` : ""}: [${p.rule}] ${p.message}\n`);
    return 2;
  }
  const rows = ssdToAnalysisRows(extract, { cinDefinition: args.definition });
  writeCsv(join(args.out, "episodes.csv"), ["child_id", "status", "start_date", "end_date"], rows.episodes);
  writeCsv(join(args.out, "referrals.csv"), ["child_id", "referral_date"], rows.referrals);
  writeCsv(join(args.out, "children-profile.csv"), ["child_id", "birth_date", "sex", "ethnicity"], rows.childrenProfile);
  const read = extract.files.reduce((n, f) => n + f.rows, 0);
  io.stdout(
    `Converted the SSD extract (${plural(extract.files.length, "table")}, ${plural(read, "row")}): ${plural(rows.childrenProfile.length, "child").replace("childs", "children")}, ${plural(rows.episodes.length, "episode")} (CIN = ${args.definition === "plan" ? "CIN plan periods" : "whole CIN episodes"}), ${plural(rows.referrals.length, "referral")}; ${plural(warnings, "warning")} in validation.json.\n`,
  );
  return 0;
}
