/**
 * Parity cases (see ../../statutory/parity.test.ts) for the rules of
 * ../../statutory/validate-903-reference.ts, given the hand-made reference
 * data of ../reference-903.ts: for each rule, a minimal return that breaks it
 * and one that does not, written by hand from the DfE rule wording.
 */
import { REF, REF_OFSTED } from "../reference-903.js";
import type { Ep, Return903 } from "../returns-903.js";

/** Rules needing reference data that cannot fire, with the reason (the catalogue test accepts them without a case). */
export const NO_FAILING_CASE: Record<string, string> = {
  "411": "PL_LOCATION is IN exactly when PL_LA is the authority's own, both worked out from PL_POST (as the validator does), so they never disagree",
};

/** A placement in the own authority, 0.6 miles from home, in a K2 home with URN 1000001 (Ofsted: K2, PR1, at XA1 2BB). */
const here: Ep = { home: "XA1 1AA", pl: "XA1 2BB", place: "K2", prov: "PR1", urn: "1000001" };
const at = (e: Ep, more: Omit<Return903, "eps"> = {}): Return903 => ({ eps: [{ ...here, ...e }], reference: REF, ...more });
const ofsted = (e: Ep): Return903 => ({ eps: [{ ...here, ...e }], reference: REF_OFSTED });
/** With the UASC table given (so UASC status is known), empty or holding child A. */
const notUasc = { tables: { UASC: [] } };
const uasc = { tables: { UASC: [{ DUC: "01/06/2033" }] } };

export const CASES: Record<string, [fail: Return903, pass: Return903]> = {
  "169": [at({ pl: "" }), at({})],
  "179": [at({ pl: "XN0 0AA" }), at({})],
  "420": [at({ ls: "V3" }), at({ ls: "V3", pl: "", home: "" })],
  "1015": [at({ pl: "XB2 1AA" }), at({})],
  "218": [at({ urn: "" }), at({ urn: "", pl: "XW3 1AA" })],
  "392a": [at({ home: "" }, notUasc), at({}, notUasc)],
  "392b": [at({ home: "" }), at({})],
  "392c": [at({ home: "XQ9 9QQ" }), at({})],
  "406": [at({}, uasc), at({ home: "", pl: "" }, uasc)],
  "164": [at({ pl: "XF9 9ZZ" }, notUasc), at({}, notUasc)],
  "1008": [ofsted({ urn: "1000009" }), ofsted({})],
  "219": [ofsted({ place: "K1" }), ofsted({})],
  "224": [ofsted({ prov: "PR4" }), ofsted({})],
  "221": [ofsted({ pl: "XA1 1AA" }), ofsted({})],
  "227": [ofsted({ urn: "1000002", decom: "01/07/2024", pl: "XB2 1AA" }), ofsted({ urn: "1000002", dec: "01/06/2024", rec: "E8", pl: "XB2 1AA" })],
  "228": [ofsted({ urn: "1000002", pl: "XB2 1AA" }), ofsted({ urn: "1000002", dec: "30/06/2024", rec: "E8", pl: "XB2 1AA" })],
  "229": [ofsted({ urn: "1000002", pl: "XB2 1AA" }), ofsted({ urn: "1000002", prov: "PR2", pl: "XB2 1AA" })],
};
