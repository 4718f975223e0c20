/**
 * The analysis loader's merge of parsed ranges (see load-csv.ts), range by
 * range in file order: the children's ids into the index (finding duplicates),
 * then each run of episodes and referrals looked up once. Plain functions
 * called once per range, not loops inside the loader's async function: V8
 * optimises a loop of a function called again and again (and replaces a long
 * running one while it runs), not that of an async function run once.
 */
import { growableUint8 } from "../evaluation/growable.js";
import { ByteColumn, ByteIdIndex, canonical, hashBytes } from "./id-bytes.js";
import { quote, type RangeResult } from "./load-ranges.js";

export interface CsvProblem {
  file: string;
  line: number;
  column: string;
  reason: string;
}

const decoder = new TextDecoder();

/** The text of a range, for substrings: one latin1 string when it is all ASCII (bytes = characters). */
export function textOf(r: RangeResult): (s: number, e: number) => string {
  if (r.ascii) {
    // Made on first use: the ids of most runs are matched as bytes and never need it.
    let all: string | undefined;
    return (s, e) => (all ??= Buffer.from(r.text.buffer, r.text.byteOffset, r.text.length).toString("latin1")).substring(s, e);
  }
  return (s, e) => decoder.decode(r.text.subarray(s, e));
}

/** The children merged so far: ids and family ids as bytes, ethnicities as strings (most from the ranges' pools). */
export class ChildMerge {
  readonly index: ByteIdIndex;
  readonly family: ByteColumn;
  readonly hasFamily = growableUint8(1 << 16);
  readonly ethnicity: (string | undefined)[] = [];
  readonly problems: CsvProblem[] = [];
  /** The line before the next range's first line. */
  base: number;
  rows = 0;

  constructor(headerLine: number, expected: number, private readonly maxProblems: number) {
    this.base = headerLine;
    this.index = new ByteIdIndex(expected);
    this.family = new ByteColumn(expected, 8);
  }

  /** Adds the next range's children, in order. */
  add(r: RangeResult): void {
    const { index, family, hasFamily, ethnicity, problems, base, maxProblems } = this;
    for (const p of r.problems) problems.push({ file: "children.csv", line: base + p.line, column: p.column, reason: p.reason });
    const text = textOf(r);
    const { text: b, cuts, ascii, hash, flags, ref, pool } = r;
    let duplicates = 0;
    let a = 0;
    for (let i = 0; i < r.count; i++) {
      const idEnd = cuts[3 * i]!;
      const famEnd = cuts[3 * i + 1]!;
      const ethEnd = cuts[3 * i + 2]!;
      let added: boolean;
      if (ascii) added = index.add(b, a, idEnd, hash[i]!);
      else {
        const id = canonical(b, a, idEnd);
        added = index.add(id, 0, id.length, hashBytes(id, 0, id.length));
      }
      if (!added) {
        // Rows come in line order: a range's first maxProblems duplicates are all that can be reported.
        if (duplicates++ < maxProblems) problems.push({ file: "children.csv", line: base + r.line[i]!, column: "child_id", reason: `child ${quote(text(a, idEnd))} appears more than once` });
        a = ethEnd;
        continue;
      }
      family.push(b, idEnd, famEnd);
      hasFamily.push(flags[i]!);
      const eth = ref[i]!;
      ethnicity.push(eth >= 0 ? pool[eth] : eth === -2 ? text(famEnd, ethEnd) : undefined);
      a = ethEnd;
    }
    this.base += r.lines;
    this.rows += r.rows;
  }
}

/**
 * Looks up each run of an episodes or referrals range among the children and puts each row's child in
 * place of its run in `r.run`; unknown children and the range's own problems go to `problems` (line =
 * `base` + line in the range). Returns the child of the range's last run (where the next range's lookups start).
 */
export function resolveRuns(r: RangeResult, index: ByteIdIndex, last: number, file: string, base: number, maxProblems: number, problems: CsvProblem[]): number {
  const ids = index.ids;
  const n = index.size;
  const text = textOf(r);
  const { text: bytes, cuts, ascii, hash, runs } = r;
  const global = new Int32Array(runs);
  let unknown = 0;
  let a = 0;
  for (let j = 0; j < runs; j++) {
    const e = cuts[j]!;
    const from = a;
    a = e;
    // Extracts mostly list children in order: try the next children and the same one (comparing bytes,
    // without making a string) before the hash table.
    let g = -1;
    if (ascii) {
      if (last + 1 < n && ids.same(last + 1, bytes, from, e)) g = last + 1;
      else if (last >= 0 && ids.same(last, bytes, from, e)) g = last;
      else if (last + 2 < n && ids.same(last + 2, bytes, from, e)) g = last + 2;
      else g = index.find(bytes, from, e, hash[j]!);
    } else {
      const id = canonical(bytes, from, e);
      g = index.find(id, 0, id.length, hashBytes(id, 0, id.length));
    }
    global[j] = g;
    if (g >= 0) {
      last = g;
      continue;
    }
    const id = text(from, e);
    // Runs come in line order: the range's first maxProblems unknown rows are all that can be reported.
    const rowsInRun = Math.min((j + 1 < r.runs ? r.ref[j + 1]! : r.count) - r.ref[j]!, maxProblems - unknown);
    for (let k = 0; k < rowsInRun; k++) problems.push({ file, line: base + r.line[j]! + k, column: "child_id", reason: `no child ${quote(id)} in children.csv` });
    unknown += rowsInRun;
  }
  for (const p of r.problems) {
    const unknown = p.childId !== undefined && index.findText(p.childId) < 0;
    problems.push(unknown ? { file, line: base + p.line, column: "child_id", reason: `no child ${quote(p.childId!)} in children.csv` } : { file, line: base + p.line, column: p.column, reason: p.reason });
  }
  // The range's rows' children, in place of their runs (each entry is read before it is overwritten).
  const run = r.run;
  for (let i = 0; i < r.count; i++) run[i] = global[run[i]!]!;
  return last;
}
