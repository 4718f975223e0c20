/**
 * Builders for minimal SSDA903 returns in tests (parity.test.ts,
 * previous-year.test.ts): one row per partial record, every field defaulted
 * to a valid value. Test-only (src/test is not built).
 */
export const HEADER_COLUMNS = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
export const EPISODE_COLUMNS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

export interface Ep {
  child?: string;
  decom?: string;
  rne?: string;
  ls?: string;
  cin?: string;
  place?: string;
  prov?: string;
  dec?: string;
  rec?: string;
  rpc?: string;
  home?: string;
  pl?: string;
  urn?: string;
}
export interface Hd {
  child?: string;
  sex?: string;
  dob?: string;
  ethnic?: string;
  upn?: string;
  mother?: string;
  mcDob?: string;
}
/** An Episodes row: child A, started 01/05/2024 (RNE S, C2, N1, U1 with PR1), open. */
export const ep = (e: Ep = {}) =>
  [e.child ?? "A", e.decom ?? "01/05/2024", e.rne ?? "S", e.ls ?? "C2", e.cin ?? "N1", e.place ?? "U1", e.prov ?? "PR1", e.dec ?? "", e.rec ?? "", e.rpc ?? "", e.home ?? "", e.pl ?? "", e.urn ?? ""].join(",");
/** A Header row: child A, a boy born 01/06/2015, WBRI, UPN unknown UN2. */
export const hd = (h: Hd = {}) => [h.child ?? "A", h.sex ?? "M", h.dob ?? "01/06/2015", h.ethnic ?? "WBRI", h.upn ?? "UN2", h.mother ?? "", h.mcDob ?? ""].join(",");
/** Header and Episodes CSV texts. */
export const csv903 = (header: Hd[], episodes: Ep[]) => ({ header: `${[HEADER_COLUMNS, ...header.map(hd)].join("\n")}\n`, episodes: `${[EPISODE_COLUMNS, ...episodes.map(ep)].join("\n")}\n` });
