/**
 * Code lists of the SSDA903 and CIN census returns (see docs/statutory.md).
 * Values are upper-case, as the DfE validators compare them.
 */

export const ETHNICITY_CODES = [
  "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
  "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
] as const;

/** SSDA903 RNE: reason for new episode. */
export const RNE_CODES = ["S", "L", "P", "T", "B", "U"] as const;
/** RNE codes meaning the child was already looked after (a continuation episode). */
export const CONTINUATION_RNE = ["L", "P", "T", "B", "U"] as const;

/** SSDA903 LS: legal status. */
export const LEGAL_STATUS_CODES = ["C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"] as const;
/** Short breaks (respite): counted apart from continuous care. */
export const RESPITE_LEGAL_STATUS = ["V3", "V4"] as const;

/** SSDA903 CIN column: category of need (not CIN status). */
export const CATEGORY_OF_NEED_CODES = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"] as const;

/** SSDA903 PLACE up to 2024/25. */
export const PLACEMENT_CODES_TO_2025 = [
  "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
  "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
] as const;
/** Removed in 2025/26 (rule 146). */
export const PLACEMENT_CODES_REMOVED_2026 = ["H5", "P2", "Z1"] as const;
/** Added in 2025/26 (rule 146). */
export const PLACEMENT_CODES_ADDED_2026 = ["K3", "Z11", "Z12", "Z13", "Z14"] as const;

export const PLACE_PROVIDER_CODES = ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"] as const;

/** SSDA903 REC: reason episode ceased. */
export const REC_CODES = [
  "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47", "E48",
  "E5", "E6", "E7", "E8", "E9", "E14", "E15", "E16", "E17",
] as const;
/** Seen in tools (liia-tools episodes_fix) but not on the DfE list: reported as invalid (149). */
export const REC_CODES_NOT_DFE = ["E43", "E44", "E99"] as const;

export const REASON_PLACE_CHANGE_CODES = ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"] as const;

/** CIN ReferralSource. NB 3A–3C here are health services, unlike AssessmentFactors. */
export const REFERRAL_SOURCE_CODES = [
  "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
] as const;

/** CIN PrimaryNeedCode. */
export const PRIMARY_NEED_CODES = ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"] as const;

/** CIN ReasonForClosure. */
export const REASON_FOR_CLOSURE_CODES = ["RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"] as const;

/** CIN category of abuse. */
export const CATEGORY_OF_ABUSE_CODES = ["NEG", "PHY", "SAB", "EMO", "MUL"] as const;

/** CIN AssessmentFactors. NB 3A–3C here are domestic violence (child / parent / other household member). */
export const ASSESSMENT_FACTOR_CODES = [
  "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C",
  "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
  "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
] as const;

export const UPN_UNKNOWN_CODES = ["UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7"] as const;

/** 903 SEX / CIN Sex in the new coding (2024/25 on) and the legacy numeric codes. */
export const SEX_CODES = ["M", "F", "U"] as const;
export const LEGACY_SEX_CODES = ["0", "1", "2", "9"] as const;

/** A legacy numeric sex code (1, 2, 0 or 9) in the new coding (M, F, U); null for anything else. */
export function legacyToSex(code: string): "M" | "F" | "U" | null {
  return code === "1" ? "M" : code === "2" ? "F" : code === "0" || code === "9" ? "U" : null;
}
/** A sex code in the new coding (M, F, U) as the legacy numeric code (1, 2, 0); null for anything else. */
export function sexToLegacy(code: string): "1" | "2" | "0" | null {
  return code === "M" ? "1" : code === "F" ? "2" : code === "U" ? "0" : null;
}

/** A list of codes as a set, for membership checks. */
export const codeSet = (codes: readonly string[]): ReadonlySet<string> => new Set(codes);
