/**
 * CIN census rules on a return as a whole, not on one child (the DfE's
 * "LA-level" queries): each census file is checked on the children it gives
 * (as stitched over every file read), and a problem is reported on the file (row 0).
 *
 * - 2886Q: more than 2 % of the children have no sex recorded (Sex blank or U;
 *   GenderCurrent 0 in older returns), leaving out unborn children (those with
 *   an ExpectedPersonBirthDate). An invalid code is reported by 4180 instead.
 * - 2887Q: 7 or fewer different disability codes (other than NONE) are used in
 *   the return. The DfE words it as different codes; the community validator
 *   (v0.1.9) counts the rows coded NONE instead, so on a return with many NONE
 *   rows it stays silent where the DfE rule fires (docs/statutory.md).
 * - 2888Q: every child with a disability (other than NONE) has only one
 *   disability recorded (no child has two or more). Silent when no child has one.
 */
import type { TStatutoryChild, TStatutoryExtract } from "./model.js";
import type { ValidationContext } from "./validate-common.js";

export function validateCinReturns(extract: TStatutoryExtract, ctx: ValidationContext): void {
  const cinFiles = new Set(extract.files.filter((f) => f.kind === "cin-census-xml" || f.kind === "cin-child-identifiers-csv").map((f) => f.name));
  const byFile = new Map<string, TStatutoryChild[]>();
  for (const child of extract.children) {
    if (child.laChildId === null) continue;
    for (const file of new Set(child.sources.filter((s) => cinFiles.has(s.file)).map((s) => s.file))) {
      const list = byFile.get(file);
      if (list) list.push(child);
      else byFile.set(file, [child]);
    }
  }
  for (const [file, children] of byFile) checkReturn(file, children, ctx);
}

function checkReturn(file: string, children: TStatutoryChild[], ctx: ValidationContext): void {
  // No sex recorded: Sex blank, or U (GenderCurrent 0 before 2024/25 reads as U); an invalid code is 4180's, not this rule's.
  const noSex = children.filter((c) => (!ctx.cinSexGiven.has(c.childId) || c.sex === "U") && c.expectedBirthDate === null).length;
  if (noSex / children.length > 0.02) {
    ctx.problem(file, 0, "Sex", "2886Q", "warning", `${noSex} of ${children.length} children (${((100 * noSex) / children.length).toFixed(1)} %) have no sex recorded (blank or U, unborn children left out): more than 2 %`);
  }
  const codes = new Set<string>();
  let most = 0;
  for (const c of children) {
    const real = c.disabilities.filter((d) => d !== "NONE");
    for (const d of real) codes.add(d);
    most = Math.max(most, real.length);
  }
  if (codes.size <= 7) {
    const used = codes.size === 0 ? "no disability code other than NONE is used" : `only ${codes.size} different disability code${codes.size === 1 ? " is" : "s are"} used (other than NONE)`;
    ctx.problem(file, 0, "Disability", "2887Q", "warning", `${used} in the return: a whole authority's census is expected to use 8 or more`);
  }
  if (most === 1) {
    ctx.problem(file, 0, "Disability", "2888Q", "warning", "every child with a disability has only one recorded: record each of a child's disabilities where there are several");
  }
}
