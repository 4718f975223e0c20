/**
 * Pseudonymised evaluation extracts: the evaluation dataset (children,
 * status episodes, referrals, cohort membership) as tables an analyst or an
 * outside evaluator can take away. What may leave is decided here, by an
 * allow-list per table: pseudonyms instead of ids (a keyed hash whose key
 * stays on the server), birth dates reduced to the month, codes and dates;
 * never names, addresses, postcodes, contact details or free text.
 * Pure: the keyed hash is passed in (see `hmacPseudonymiser` in
 * `@evident/core/node`).
 */
import { z } from "zod";
import { text, type ReportTable } from "../reporting/tables.js";

export const ZExtractRequest = z
  .object({
    title: z.string().trim().min(3, "Enter a title of at least 3 characters").max(200),
    /** Cohorts whose members (children) are extracted; empty = every child with a status episode or referral. */
    cohortIds: z.array(z.string().uuid()).max(50).default([]),
  })
  .strict();
export type TExtractRequest = z.infer<typeof ZExtractRequest>;

export const EXTRACT_FORMATS = ["csv", "xlsx"] as const;

/** What kind of id a pseudonym stands for; each kind has its own prefix and its own hash input. */
export type PseudonymKind = "child" | "family" | "cohort";
export type Pseudonymise = (kind: PseudonymKind, id: string) => string;

export const PSEUDONYM_PREFIX: Record<PseudonymKind, string> = { child: "C", family: "F", cohort: "K" };

/** Rows as loaded for an extract: only these fields are ever read from the database. */
export interface ExtractSource {
  children: { id: string; familyId: string | null; birthDate: string | null; gender: string; ethnicity: string | null }[];
  episodes: { childId: string; status: string; startDate: string; endDate: string | null; cpCategoryOfAbuse: string | null; claLegalStatus: string | null; claPlacement: string | null }[];
  referrals: { childId: string; date: string; source: string; primaryNeed: string | null; reasons: string[]; domesticAbuse: boolean; nfa: boolean; closedAt: string | null }[];
  cohortMembers: { cohortId: string; cohortKind: string; childId: string; familyId: string | null; interventionStart: string; interventionEnd: string | null }[];
}

/** The columns of each extract table: the allow-list. Anything not named here never reaches a file. */
export const EXTRACT_COLUMNS = {
  children: ["child_id", "family_id", "birth_month", "sex", "ethnicity"],
  episodes: ["child_id", "status", "start_date", "end_date", "cp_category", "cla_legal_status", "cla_placement"],
  referrals: ["child_id", "referral_date", "source", "primary_need", "factors", "domestic_abuse", "nfa", "closed_date"],
  cohort_members: ["cohort_id", "cohort_kind", "child_id", "family_id", "intervention_start", "intervention_end"],
} as const;

/** "2014-07-23" → "2014-07" (dates of birth leave only as the month). */
export function birthMonth(date: string | null): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m ? `${m[1]}-${m[2]}` : "";
}

// Codes are short and upper-case (DfE codes, enum values); anything else is treated as free text and dropped.
const CODE = /^[A-Za-z0-9_]{1,16}$/;
const code = (v: string | null | undefined) => (v && CODE.test(v) ? v : "");
const date = (v: string | null | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
const flag = (v: boolean) => (v ? "1" : "0");

/**
 * The extract's tables. Every id is replaced by its pseudonym; records of
 * children outside `source.children` are dropped (so a cohort filter applied
 * to the children applies to everything). Rows are sorted so that the same
 * data and key give byte-identical files.
 */
export function buildExtractTables(source: ExtractSource, pseudonymise: Pseudonymise): ReportTable[] {
  const ids = new Set(source.children.map((c) => c.id));
  const child = (id: string) => pseudonymise("child", id);
  const family = (id: string | null) => (id ? pseudonymise("family", id) : "");
  const table = (id: keyof typeof EXTRACT_COLUMNS, title: string, rows: string[][]): ReportTable => ({
    id,
    title,
    columns: [...EXTRACT_COLUMNS[id]],
    rows: rows.sort(compareRows).map((r) => r.map(text)),
  });
  return [
    table(
      "children",
      "Children",
      source.children.map((c) => [child(c.id), family(c.familyId), birthMonth(c.birthDate), code(c.gender), code(c.ethnicity)]),
    ),
    table(
      "episodes",
      "Status episodes",
      source.episodes.filter((e) => ids.has(e.childId)).map((e) => [child(e.childId), code(e.status), date(e.startDate), date(e.endDate), code(e.cpCategoryOfAbuse), code(e.claLegalStatus), code(e.claPlacement)]),
    ),
    table(
      "referrals",
      "Referrals",
      source.referrals
        .filter((r) => ids.has(r.childId))
        .map((r) => [child(r.childId), date(r.date), code(r.source), code(r.primaryNeed), r.reasons.map(code).filter(Boolean).join(";"), flag(r.domesticAbuse), flag(r.nfa), date(r.closedAt)]),
    ),
    table(
      "cohort_members",
      "Cohort membership",
      source.cohortMembers
        .filter((m) => ids.has(m.childId))
        .map((m) => [pseudonymise("cohort", m.cohortId), code(m.cohortKind), child(m.childId), family(m.familyId), date(m.interventionStart), date(m.interventionEnd)]),
    ),
  ];
}

function compareRows(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Row counts per table, for the extract record and the audit. */
export function extractCounts(tables: ReportTable[]): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t.id, t.rows.length]));
}
