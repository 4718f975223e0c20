/**
 * The normalised result of reading any set of English statutory returns
 * (SSDA903 children-looked-after and the CIN census), whatever the transport
 * (CSV, XML, flattened CSV) and however many years were given.
 *
 * This file is the contract between the readers/validators in
 * `@evident/core` and the database import in `@evident/db`/the API: add
 * fields, never rename them. All dates are ISO `YYYY-MM-DD` strings; an end
 * date of `null` means open. Codes are kept exactly as in the returns
 * (upper-cased, trimmed). Every record carries a `key`: a natural key that
 * is the same whenever the same record is read again (from the same file, a
 * later year's file, or another transport), so re-imports are idempotent.
 *
 * See docs/statutory.md for the analyst-facing mapping, the DfE
 * specification it follows and the validation rules.
 */
import { z } from "zod";
import type { Reference903 } from "./reference-903.js";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const Code = z.string().max(16);

/** Where a record came from: the file name as given and the 1-based line (CSV: header = 1; XML: the element's start line). */
export const ZStatutorySource = z.object({ file: z.string(), row: z.number().int().nonnegative() });
export type TStatutorySource = z.infer<typeof ZStatutorySource>;

export const STATUTORY_FILE_KINDS = [
  "ssda903-header-csv",
  "ssda903-episodes-csv",
  "ssda903-xml",
  "cin-census-xml",
  "cin-child-identifiers-csv",
  "cin-child-characteristics-csv",
  "cin-details-csv",
  "cin-assessments-csv",
  "cin-assessment-factors-csv",
  "cin-plan-dates-csv",
  "cin-section47-csv",
  "cin-cpp-csv",
  "ssda903-other-csv",
  "ssda903-reviews-csv",
  "ssda903-uasc-csv",
  "ssda903-ad1-csv",
  "ssda903-placed-adoption-csv",
  "ssda903-prev-perm-csv",
  "ssda903-oc2-csv",
  "ssda903-oc3-csv",
  "ssda903-missing-csv",
  "ssda903-sw-episodes-csv",
  "cin-cpp-reviews-csv",
  "cin-disabilities-csv",
  "unknown",
] as const;
export const ZStatutoryFileKind = z.enum(STATUTORY_FILE_KINDS);
export type TStatutoryFileKind = z.infer<typeof ZStatutoryFileKind>;

export const ZStatutoryProblem = z.object({
  file: z.string(),
  /** 1-based row: the CSV line (header = 1) or the XML line where the record's element starts; 0 = the whole file. */
  row: z.number().int().nonnegative(),
  /** The column or element name as it appears in the return (e.g. "DECOM", "CINreferralDate"); "" for the whole row. */
  field: z.string(),
  /** The DfE validator rule code (e.g. "356", "8820", "INT03"), or an Evident code starting "EV" for file-level problems. */
  rule: z.string(),
  severity: z.enum(["error", "warning"]),
  /** Plain English, without personal data other than the child id. */
  message: z.string(),
});
export type TStatutoryProblem = z.infer<typeof ZStatutoryProblem>;

/** Sex in the new coding (2024/25 onwards): M, F or U. */
export const ZSexCode = z.enum(["M", "F", "U"]);
/** Sex in the old coding: 903 SEX 1/2; CIN GenderCurrent 0 (not recorded/unborn), 1, 2, 9 (indeterminate). */
export const ZLegacySexCode = z.enum(["0", "1", "2", "9"]);

export const ZStatutoryChild = z.object({
  key: z.string(),
  /** The child id as in the returns: 903 CHILD, or CIN LAchildID when the child is only in the CIN census. */
  childId: z.string().min(1).max(20),
  /** The CIN census LAchildID when the child is in the CIN census (equal to childId when linked). */
  laChildId: z.string().nullable(),
  /** True when the child is in both returns and the dates of birth agree. */
  linked903Cin: z.boolean(),
  upn: z.string().nullable(),
  formerUpn: z.string().nullable(),
  /** UN1–UN7 reason when no UPN. */
  upnUnknown: z.string().nullable(),
  birthDate: IsoDate.nullable(),
  expectedBirthDate: IsoDate.nullable(),
  deathDate: IsoDate.nullable(),
  sex: ZSexCode.nullable(),
  sexLegacy: ZLegacySexCode.nullable(),
  ethnicity: Code.nullable(),
  disabilities: z.array(Code),
  /** 903 MOTHER (0/1) and MC_DOB. */
  mother: z.enum(["0", "1"]).nullable(),
  motherChildBirthDate: IsoDate.nullable(),
  sources: z.array(ZStatutorySource),
});
export type TStatutoryChild = z.infer<typeof ZStatutoryChild>;

/** One SSDA903 episode. key = `cla:{childId}:{start}`. */
export const ZClaEpisode = z.object({
  key: z.string(),
  childId: z.string(),
  /** DECOM */
  start: IsoDate,
  /** DEC (null = open at the end of the collection year) */
  end: IsoDate.nullable(),
  /** RNE: S, L, P, T, B, U */
  reasonNewEpisode: Code.nullable(),
  /** LS: C1, C2, D1, E1, V2, V3, V4, L1, L2, L3, J1, J2, J3 */
  legalStatus: Code.nullable(),
  /** The 903 CIN column: category of need N1–N8 (not CIN status). */
  categoryOfNeed: Code.nullable(),
  /** PLACE */
  placement: Code.nullable(),
  placeProvider: Code.nullable(),
  /** REC (null when open) */
  reasonEnded: Code.nullable(),
  reasonPlaceChange: Code.nullable(),
  urn: z.string().nullable(),
  source: ZStatutorySource,
});
export type TClaEpisode = z.infer<typeof ZClaEpisode>;

/** A rebuilt period of care: from an RNE=S episode to the first REC other than X1. key = `care:{childId}:{start}`. */
export const ZCarePeriod = z.object({
  key: z.string(),
  childId: z.string(),
  start: IsoDate,
  end: IsoDate.nullable(),
  reasonEnded: Code.nullable(),
  episodeKeys: z.array(z.string()),
});
export type TCarePeriod = z.infer<typeof ZCarePeriod>;

/** One CINdetails: a CIN episode from referral to closure. key = `cin:{childId}:{referralDate}`. */
export const ZCinEpisode = z.object({
  key: z.string(),
  childId: z.string(),
  referralDate: IsoDate,
  closureDate: IsoDate.nullable(),
  reasonForClosure: Code.nullable(),
  referralSource: Code.nullable(),
  primaryNeed: Code.nullable(),
  /** ReferralNFA: the referral led to no further action (a referral only, not a CIN episode for analysis). */
  nfa: z.boolean(),
  dateOfInitialCpc: IsoDate.nullable(),
  source: ZStatutorySource,
});
export type TCinEpisode = z.infer<typeof ZCinEpisode>;

/** Every CINdetails gives a referral on its CINreferralDate (NFA included). key = `ref:{childId}:{date}`. */
export const ZStatutoryReferral = z.object({
  key: z.string(),
  childId: z.string(),
  date: IsoDate,
  referralSource: Code.nullable(),
  nfa: z.boolean(),
  cinEpisodeKey: z.string(),
  source: ZStatutorySource,
});
export type TStatutoryReferral = z.infer<typeof ZStatutoryReferral>;

/** A CIN plan period (CINPlanDates). key = `cinplan:{childId}:{start}`. */
export const ZCinPlan = z.object({
  key: z.string(),
  childId: z.string(),
  cinEpisodeKey: z.string(),
  start: IsoDate,
  end: IsoDate.nullable(),
  source: ZStatutorySource,
});
export type TCinPlan = z.infer<typeof ZCinPlan>;

/** A child protection plan. key = `cp:{childId}:{start}`. */
export const ZCpPlan = z.object({
  key: z.string(),
  childId: z.string(),
  cinEpisodeKey: z.string(),
  start: IsoDate,
  end: IsoDate.nullable(),
  /** InitialCategoryOfAbuse: NEG, PHY, SAB, EMO, MUL */
  initialCategory: Code.nullable(),
  latestCategory: Code.nullable(),
  numberOfPreviousCpp: z.number().int().nonnegative().nullable(),
  reviewDates: z.array(IsoDate),
  source: ZStatutorySource,
});
export type TCpPlan = z.infer<typeof ZCpPlan>;

/** An assessment; authorisation date = completion. key = `asmt:{childId}:{start}`. */
export const ZStatutoryAssessment = z.object({
  key: z.string(),
  childId: z.string(),
  cinEpisodeKey: z.string(),
  start: IsoDate,
  authorisationDate: IsoDate.nullable(),
  internalReviewDate: IsoDate.nullable(),
  /** AssessmentFactors codes (1A … 24A; 3A–3C here mean domestic violence, unlike ReferralSource). */
  factors: z.array(Code),
  source: ZStatutorySource,
});
export type TStatutoryAssessment = z.infer<typeof ZStatutoryAssessment>;

/** A section 47 enquiry. key = `s47:{childId}:{start}`. */
export const ZSection47 = z.object({
  key: z.string(),
  childId: z.string(),
  cinEpisodeKey: z.string(),
  start: IsoDate,
  initialCpcTarget: IsoDate.nullable(),
  dateOfInitialCpc: IsoDate.nullable(),
  icpcNotRequired: z.boolean().nullable(),
  source: ZStatutorySource,
});
export type TSection47 = z.infer<typeof ZSection47>;

export const ZStatutoryFileSummary = z.object({
  name: z.string(),
  kind: ZStatutoryFileKind,
  /** Data rows (CSV) or records (XML: EPISODE / Child elements) read. */
  rows: z.number().int().nonnegative(),
  /** CIN XML Header ReferenceDate, when present. */
  referenceDate: IsoDate.nullable(),
});
export type TStatutoryFileSummary = z.infer<typeof ZStatutoryFileSummary>;

export const ZStatutoryExtract = z.object({
  files: z.array(ZStatutoryFileSummary),
  children: z.array(ZStatutoryChild),
  claEpisodes: z.array(ZClaEpisode),
  carePeriods: z.array(ZCarePeriod),
  cinEpisodes: z.array(ZCinEpisode),
  referrals: z.array(ZStatutoryReferral),
  cinPlans: z.array(ZCinPlan),
  cpPlans: z.array(ZCpPlan),
  assessments: z.array(ZStatutoryAssessment),
  section47s: z.array(ZSection47),
  /** Every problem found, errors and warnings. Any error means the extract must not be imported. */
  problems: z.array(ZStatutoryProblem),
});
export type TStatutoryExtract = z.infer<typeof ZStatutoryExtract>;

export interface StatutoryInputFile {
  /** The file name as shown in problems (no directory needed). */
  name: string;
  text: string;
}

export interface ReadStatutoryOptions {
  /**
   * The last day of the collection year, e.g. "2025-03-31", used by the rules
   * on the collection year (354, 301, 8520, 8600, 8620, …) for files that do not
   * name their own: a CIN census XML is always checked against its ReferenceDate.
   * Default: 31 March on or after the latest date seen in the file.
   */
  yearEnd?: string;
  /** Force a file kind instead of detecting it from the columns / root element (by file name). */
  kinds?: Record<string, TStatutoryFileKind>;
  /** Stop adding problems after this many (default 10 000); a final EV999 warning says more were cut. */
  maxProblems?: number;
  /** Postcode directory, own local authority and Ofsted's providers: the SSDA903 rules that need them run only when given (./reference-903.ts). */
  reference?: Reference903;
}

export const CIN_DEFINITIONS = ["plan", "episode"] as const;
export type TCinDefinition = (typeof CIN_DEFINITIONS)[number];

/** Options of `toAnalysisRows`. */
export interface AnalysisRowsOptions {
  /** "plan" (default): CIN = CIN plan periods. "episode": CIN = the whole CIN episode (referral → closure), NFA referrals excluded. */
  cinDefinition?: TCinDefinition;
}

/** Rows in the `evident analyse` formats (episodes.csv, referrals.csv) plus children-profile.csv. */
export interface AnalysisRows {
  episodes: { child_id: string; status: "CIN" | "CP" | "CLA"; start_date: string; end_date: string }[];
  referrals: { child_id: string; referral_date: string }[];
  childrenProfile: { child_id: string; birth_date: string; sex: string; ethnicity: string }[];
}

/**
 * Natural keys, so that callers never assemble them by hand. (Built with join,
 * which gives a flat string: a million keys built with + would each be a chain
 * of string pieces, about twice the memory.)
 */
export const statutoryKey = {
  child: (childId: string) => ["child", childId].join(":"),
  claEpisode: (childId: string, start: string) => ["cla", childId, start].join(":"),
  carePeriod: (childId: string, start: string) => ["care", childId, start].join(":"),
  cinEpisode: (childId: string, referralDate: string) => ["cin", childId, referralDate].join(":"),
  referral: (childId: string, date: string) => ["ref", childId, date].join(":"),
  cinPlan: (childId: string, start: string) => ["cinplan", childId, start].join(":"),
  cpPlan: (childId: string, start: string) => ["cp", childId, start].join(":"),
  assessment: (childId: string, start: string) => ["asmt", childId, start].join(":"),
  section47: (childId: string, start: string) => ["s47", childId, start].join(":"),
} as const;

/** Does an extract have any error (which means it must not be imported)? Warnings do not count. */
export function hasStatutoryErrors(extract: Pick<TStatutoryExtract, "problems">): boolean {
  return extract.problems.some((p) => p.severity === "error");
}

/*
 * Entry points (implemented in ./read.ts, ./analysis.ts, ./write.ts and, for
 * files on disk, @evident/core/node statutory-files.ts):
 *
 *   readStatutoryFiles(files: StatutoryInputFile[], options?: ReadStatutoryOptions): TStatutoryExtract
 *   detectStatutoryFileKind(name: string, text: string): TStatutoryFileKind
 *   toAnalysisRows(extract, options?: AnalysisRowsOptions): AnalysisRows
 *   writeSsda903Csv(extract): { header: string; episodes: string }
 *   writeCinCensusXml(extract, options?: { referenceDate?: string }): string
 *   // node only (@evident/core/node), files streamed from disk, problems name each file by its path or given name:
 *   readStatutoryPaths(paths: (string | { path; name?; kind? })[], options?: ReadStatutoryOptions & { chunkBytes? }): Promise<TStatutoryExtract>
 */
