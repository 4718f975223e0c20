/**
 * The validation report as the community validators give it: one row per
 * flag with the child it is about (validation.csv next to validation.json).
 */
import type { TStatutoryExtract, TStatutoryProblem } from "./model.js";

export type ValidationFlag = {
  child_id: string;
  file: string;
  row: string;
  field: string;
  rule: string;
  severity: string;
  message: string;
};

/**
 * One row per problem, with the child whose record is on that file and row
 * ("" when the row's child is unknown: a file-level problem, or a record not
 * read because its id is invalid).
 */
export function validationFlags(extract: TStatutoryExtract, problems: readonly TStatutoryProblem[] = extract.problems): ValidationFlag[] {
  const at = (file: string, row: number) => `${file}\u0000${row}`;
  const wanted = new Set(problems.map((p) => at(p.file, p.row)));
  const childAt = new Map<string, string>();
  const note = (file: string, row: number, childId: string) => {
    const k = at(file, row);
    if (wanted.has(k) && !childAt.has(k)) childAt.set(k, childId);
  };
  if (wanted.size > 0) {
    for (const c of extract.children) for (const s of c.sources) note(s.file, s.row, c.childId);
    for (const list of [extract.claEpisodes, extract.cinEpisodes, extract.cinPlans, extract.cpPlans, extract.assessments, extract.section47s]) {
      for (const r of list) note(r.source.file, r.source.row, r.childId);
    }
  }
  return problems.map((p) => ({ child_id: childAt.get(at(p.file, p.row)) ?? "", file: p.file, row: String(p.row), field: p.field, rule: p.rule, severity: p.severity, message: p.message }));
}
