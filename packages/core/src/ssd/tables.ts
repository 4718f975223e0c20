/**
 * The Standard Safeguarding Dataset (SSD) tables Evident reads, and for each
 * the columns it uses (SSD field names, data-to-insight/ssd-data-model
 * `data/objects/ssd_*.yml`). Every other column is ignored. See docs/ssd.md.
 *
 * Column kinds:
 * - `id`     an identifier, kept as text exactly (leading zeros kept)
 * - `text`   free text
 * - `date`   a date or datetime; only the calendar date is kept (YYYY-MM-DD)
 * - `flag`   Y/N
 * - `code`   a code in one of the code sets of ./codes.ts (`codes`)
 * - `factors` assessment factors (JSON array, JSON object or comma list)
 */

export type SsdColumnKind = "id" | "text" | "date" | "flag" | "code" | "factors";
export type SsdCodeSetName =
  | "sex"
  | "gender"
  | "ethnicity"
  | "referralSource"
  | "cinPrimaryNeed"
  | "claPrimaryNeed"
  | "closeReason"
  | "categoryOfAbuse"
  | "rne"
  | "rec"
  | "legalStatus";

export interface SsdColumnSpec {
  readonly name: string;
  readonly kind: SsdColumnKind;
  /** Must be present (the column) and not blank (each cell): an error otherwise. */
  readonly required?: boolean;
  /** A person id that must be in ssd_person. */
  readonly person?: boolean;
  readonly codes?: SsdCodeSetName;
  /** Other names the same column has in some CMS scripts. */
  readonly aliases?: readonly string[];
}

export interface SsdTableSpec {
  readonly name: string;
  /** The row key: must be present and unique. */
  readonly key: string;
  readonly columns: readonly SsdColumnSpec[];
  /** The start and end date columns of the record's interval (start ≤ end is checked). */
  readonly start?: string;
  readonly end?: string;
  /**
   * What a blank start does: "error" for records the analysis statuses and
   * referrals are built from; "skip" (a warning, the row is left out) elsewhere.
   */
  readonly startMissing?: "error" | "skip";
}

type Col<N extends string> = SsdColumnSpec & { readonly name: N };
const id = <N extends string>(name: N, extra: Partial<SsdColumnSpec> = {}): Col<N> => ({ ...extra, name, kind: "id" });
const person = <N extends string>(name: N): Col<N> => ({ name, kind: "id", required: true, person: true });
const date = <N extends string>(name: N): Col<N> => ({ name, kind: "date" });
const text = <N extends string>(name: N): Col<N> => ({ name, kind: "text" });
const flag = <N extends string>(name: N): Col<N> => ({ name, kind: "flag" });
const code = <N extends string>(name: N, codes: SsdCodeSetName, extra: Partial<SsdColumnSpec> = {}): Col<N> => ({ ...extra, name, kind: "code", codes });

export const SSD_TABLES = [
  {
    name: "ssd_person",
    key: "pers_person_id",
    columns: [
      id("pers_person_id"),
      text("pers_forename"),
      text("pers_surname"),
      date("pers_dob"),
      date("pers_expected_dob"),
      date("pers_death_date"),
      code("pers_sex", "sex"),
      code("pers_gender", "gender"),
      code("pers_ethnicity", "ethnicity"),
      text("pers_upn"),
      text("pers_upn_unknown"),
      flag("pers_send_flag"),
      text("pers_legacy_id"),
    ],
  },
  {
    name: "ssd_family",
    key: "fami_table_id",
    columns: [id("fami_table_id"), id("fami_family_id", { required: true }), person("fami_person_id")],
  },
  {
    name: "ssd_department",
    key: "dept_team_id",
    columns: [id("dept_team_id"), text("dept_team_name"), id("dept_team_parent_id")],
  },
  {
    name: "ssd_professionals",
    key: "prof_professional_id",
    columns: [
      id("prof_professional_id"),
      text("prof_staff_id"),
      text("prof_professional_name"),
      text("prof_social_worker_registration_no"),
      text("prof_professional_job_title"),
      text("prof_professional_department"),
      flag("prof_agency_worker_flag"),
    ],
  },
  {
    name: "ssd_contacts",
    key: "cont_contact_id",
    start: "cont_contact_date",
    startMissing: "skip",
    columns: [
      id("cont_contact_id"),
      person("cont_person_id"),
      date("cont_contact_date"),
      code("cont_contact_source_code", "referralSource"),
      text("cont_contact_source_desc"),
      text("cont_contact_outcome_json"),
    ],
  },
  {
    name: "ssd_early_help_episodes",
    key: "earl_episode_id",
    start: "earl_episode_start_date",
    end: "earl_episode_end_date",
    startMissing: "skip",
    columns: [
      id("earl_episode_id"),
      person("earl_person_id"),
      date("earl_episode_start_date"),
      date("earl_episode_end_date"),
      text("earl_episode_reason"),
      text("earl_episode_end_reason"),
      text("earl_episode_organisation"),
      id("earl_episode_worker_id"),
    ],
  },
  {
    name: "ssd_cin_episodes",
    key: "cine_referral_id",
    start: "cine_referral_date",
    end: "cine_close_date",
    startMissing: "error",
    columns: [
      id("cine_referral_id"),
      person("cine_person_id"),
      date("cine_referral_date"),
      date("cine_close_date"),
      code("cine_referral_source_code", "referralSource"),
      text("cine_referral_source_desc"),
      code("cine_cin_primary_need_code", "cinPrimaryNeed"),
      flag("cine_referral_nfa"),
      text("cine_referral_outcome_json"),
      code("cine_close_reason", "closeReason"),
      id("cine_referral_team"),
      id("cine_referral_worker_id"),
    ],
  },
  {
    name: "ssd_cin_assessments",
    key: "cina_assessment_id",
    start: "cina_assessment_start_date",
    end: "cina_assessment_auth_date",
    startMissing: "skip",
    columns: [
      id("cina_assessment_id"),
      person("cina_person_id"),
      id("cina_referral_id"),
      date("cina_assessment_start_date"),
      date("cina_assessment_auth_date"),
      flag("cina_assessment_child_seen"),
      flag("cina_assessment_outcome_nfa"),
      text("cina_assessment_outcome_json"),
      id("cina_assessment_team"),
      id("cina_assessment_worker_id"),
    ],
  },
  {
    name: "ssd_assessment_factors",
    key: "cinf_table_id",
    columns: [id("cinf_table_id"), id("cinf_assessment_id", { required: true }), { name: "cinf_assessment_factors_json" as const, kind: "factors" as const }],
  },
  {
    name: "ssd_cin_plans",
    key: "cinp_cin_plan_id",
    start: "cinp_cin_plan_start_date",
    end: "cinp_cin_plan_end_date",
    startMissing: "error",
    columns: [
      id("cinp_cin_plan_id"),
      person("cinp_person_id"),
      id("cinp_referral_id"),
      date("cinp_cin_plan_start_date"),
      date("cinp_cin_plan_end_date"),
      id("cinp_cin_plan_team"),
      id("cinp_cin_plan_worker_id"),
    ],
  },
  {
    name: "ssd_s47_enquiry",
    key: "s47e_s47_enquiry_id",
    start: "s47e_s47_start_date",
    end: "s47e_s47_end_date",
    startMissing: "skip",
    columns: [
      id("s47e_s47_enquiry_id"),
      person("s47e_person_id"),
      id("s47e_referral_id"),
      date("s47e_s47_start_date"),
      date("s47e_s47_end_date"),
      flag("s47e_s47_nfa"),
      text("s47e_s47_outcome_json"),
      id("s47e_s47_completed_by_team"),
      id("s47e_s47_completed_by_worker_id"),
    ],
  },
  {
    name: "ssd_initial_cp_conference",
    key: "icpc_icpc_id",
    start: "icpc_icpc_date",
    startMissing: "skip",
    columns: [
      id("icpc_icpc_id"),
      person("icpc_person_id"),
      id("icpc_s47_enquiry_id"),
      id("icpc_referral_id"),
      id("icpc_cp_plan_id"),
      date("icpc_icpc_target_date"),
      date("icpc_icpc_date"),
      flag("icpc_icpc_transfer_in"),
      flag("icpc_icpc_outcome_cp_flag"),
      text("icpc_icpc_outcome_json"),
    ],
  },
  {
    name: "ssd_cp_plans",
    key: "cppl_cp_plan_id",
    start: "cppl_cp_plan_start_date",
    end: "cppl_cp_plan_end_date",
    startMissing: "error",
    columns: [
      id("cppl_cp_plan_id"),
      person("cppl_person_id"),
      id("cppl_referral_id"),
      id("cppl_icpc_id"),
      date("cppl_cp_plan_start_date"),
      date("cppl_cp_plan_end_date"),
      code("cppl_cp_plan_initial_category", "categoryOfAbuse"),
      code("cppl_cp_plan_latest_category", "categoryOfAbuse"),
      flag("cppl_cp_plan_ola"),
    ],
  },
  {
    name: "ssd_legal_status",
    key: "lega_legal_status_id",
    start: "lega_legal_status_start_date",
    end: "lega_legal_status_end_date",
    startMissing: "skip",
    columns: [
      id("lega_legal_status_id"),
      person("lega_person_id"),
      code("lega_legal_status", "legalStatus"),
      date("lega_legal_status_start_date"),
      date("lega_legal_status_end_date"),
    ],
  },
  {
    name: "ssd_cla_episodes",
    key: "clae_cla_episode_id",
    start: "clae_cla_episode_start_date",
    end: "clae_cla_episode_ceased_date",
    startMissing: "error",
    columns: [
      id("clae_cla_episode_id"),
      person("clae_person_id"),
      date("clae_cla_episode_start_date"),
      code("clae_cla_episode_start_reason", "rne"),
      date("clae_cla_episode_ceased_date"),
      code("clae_cla_episode_ceased_reason", "rec"),
      code("clae_cla_primary_need_code", "claPrimaryNeed", { aliases: ["clae_cla_primary_need"] }),
      id("clae_cla_id"),
      id("clae_referral_id"),
      date("clae_entered_care_date"),
    ],
  },
  {
    name: "ssd_involvements",
    key: "invo_involvements_id",
    start: "invo_involvement_start_date",
    end: "invo_involvement_end_date",
    startMissing: "skip",
    columns: [
      id("invo_involvements_id"),
      id("invo_professional_id", { required: true }),
      person("invo_person_id"),
      id("invo_referral_id"),
      text("invo_professional_role_id"),
      id("invo_professional_team"),
      date("invo_involvement_start_date"),
      date("invo_involvement_end_date"),
      text("invo_worker_change_reason"),
    ],
  },
] as const satisfies readonly SsdTableSpec[];

export type SsdTableName = (typeof SSD_TABLES)[number]["name"];
type SpecOf<T extends SsdTableName> = Extract<(typeof SSD_TABLES)[number], { name: T }>;
export type SsdColumnOf<T extends SsdTableName> = SpecOf<T>["columns"][number]["name"];

/**
 * One row of a table as read: every used column, normalised (ids and text
 * trimmed, dates `YYYY-MM-DD`, codes as codes, flags `Y`/`N`, factors as a
 * comma list of codes), `null` when blank; `line` is the CSV line (header = 1).
 */
export type SsdRecord<T extends SsdTableName> = { line: number } & { [C in SsdColumnOf<T>]: string | null };

export type SsdTables = { [T in SsdTableName]: SsdRecord<T>[] };

export const SSD_TABLE_NAMES: readonly SsdTableName[] = SSD_TABLES.map((t) => t.name);

/** The columns Evident reads from an SSD table, by the table's name. */
export function ssdTableSpec(name: SsdTableName): SsdTableSpec {
  return SSD_TABLES.find((t) => t.name === name)!;
}
