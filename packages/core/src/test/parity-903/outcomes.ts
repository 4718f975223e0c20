/**
 * Parity cases (see ../../statutory/parity.test.ts) for the rules of
 * ../../statutory/validate-903-outcomes.ts and validate-903-care-leavers.ts:
 * for each rule, a minimal return that breaks it and one that does not,
 * written by hand from the DfE rule wording. The collection year is 2024/25
 * (1 April 2024 to 31 March 2025); the child is A, born 01/06/2015 unless said.
 */
import type { Ep, Return903, TableRow } from "../returns-903.js";

/** Looked after since 2023, still open: looked after continuously for the 12 months to 31 March 2025. */
const CLA: Ep[] = [{ decom: "01/01/2023" }];
/** Entered care on 01/05/2024 (RNE S): not looked after for the 12 months. */
const NEW: Ep[] = [{}];
const CORE: TableRow = { IMMUNISATIONS: "1", TEETH_CHECK: "1", HEALTH_ASSESSMENT: "1", SUBSTANCE_MISUSE: "0" };
/** A care leaver aged 19 at 31 March 2025, in touch, in education and in suitable accommodation. */
const LEAVER: TableRow = { DOB: "01/06/2005", IN_TOUCH: "YES", ACTIV: "F1", ACCOM: "B1" };
const oc2 = (row: TableRow, eps: Ep[] = NEW): Return903 => ({ eps, tables: { OC2: [row] } });
const oc3 = (row: TableRow, eps: Ep[] = NEW): Return903 => ({ eps, tables: { OC3: [row] } });
/** Aged 17 at 31 March 2025 (17th birthday 01/06/2024). */
const AGE17 = { DOB: "01/06/2007" };

export const CASES: Record<string, [fail: Return903, pass: Return903]> = {
  // OC2 on its own
  "158": [oc2({ SUBSTANCE_MISUSE: "1", INTERVENTION_RECEIVED: "1", INTERVENTION_OFFERED: "0" }), oc2({ SUBSTANCE_MISUSE: "1", INTERVENTION_RECEIVED: "1" })],
  "159": [oc2({ SUBSTANCE_MISUSE: "1", INTERVENTION_RECEIVED: "0" }), oc2({ SUBSTANCE_MISUSE: "1", INTERVENTION_RECEIVED: "0", INTERVENTION_OFFERED: "1" })],
  "180": [oc2({ SDQ_SCORE: "41" }), oc2({ SDQ_SCORE: "40" })],
  "181": [oc2({ CONVICTED: "2" }), oc2({ CONVICTED: "0" })],
  "182": [oc2({ CONVICTED: "0", IMMUNISATIONS: "1" }), oc2({ CONVICTED: "0", ...CORE })],
  "188": [oc2({ DOB: "01/06/2021", SDQ_REASON: "SDQ1" }), oc2({ DOB: "01/03/2021", SDQ_REASON: "SDQ1" })],
  "189": [oc2({ DOB: "31/03/2007", SDQ_SCORE: "12" }), oc2({ DOB: "01/04/2007", SDQ_SCORE: "12" })],
  "192": [oc2({ SUBSTANCE_MISUSE: "1" }), oc2({ SUBSTANCE_MISUSE: "1", INTERVENTION_RECEIVED: "1" })],
  "193": [oc2({ SUBSTANCE_MISUSE: "0", INTERVENTION_OFFERED: "1" }), oc2({ SUBSTANCE_MISUSE: "1", INTERVENTION_RECEIVED: "0", INTERVENTION_OFFERED: "1" })],
  "196": [oc2({ SDQ_REASON: "SDQ6" }), oc2({ SDQ_REASON: "SDQ5" })],
  "197a": [oc2({ SDQ_SCORE: "12", SDQ_REASON: "SDQ2" }), oc2({ SDQ_SCORE: "12" })],
  "542": [oc2({ DOB: "01/04/2015", CONVICTED: "0" }), oc2({ DOB: "31/03/2015", CONVICTED: "0" })],
  "544": [oc2({ CONVICTED: "1", IMMUNISATIONS: "1", TEETH_CHECK: "1", HEALTH_ASSESSMENT: "1" }), oc2({ CONVICTED: "1", ...CORE })],
  "547": [oc2({ HEALTH_CHECK: "1", TEETH_CHECK: "1" }), oc2({ HEALTH_CHECK: "1", ...CORE })],
  // OC2 with the episodes: looked after continuously for 12 months or not
  "157": [oc2({ SDQ_REASON: "SDQ1", ...CORE }, CLA), oc2({ SDQ_REASON: "SDQ2", ...CORE }, CLA)],
  "185": [oc2({ SDQ_SCORE: "12" }, NEW), oc2({ SDQ_SCORE: "12", ...CORE }, CLA)],
  "186": [oc2({ ...CORE }, CLA), oc2({ SDQ_SCORE: "12", ...CORE }, CLA)],
  "190": [oc2({ ...CORE }, NEW), oc2({ ...CORE }, CLA)],
  "191": [oc2({ SDQ_SCORE: "12", IMMUNISATIONS: "1" }, CLA), oc2({ SDQ_SCORE: "12", ...CORE }, CLA)],
  // 4th birthday on 01/06/2024, in the year
  "197B": [oc2({ DOB: "01/06/2020", HEALTH_CHECK: "1", ...CORE }, CLA), oc2({ DOB: "01/06/2020", SDQ_REASON: "SDQ1", HEALTH_CHECK: "1", ...CORE }, CLA)],
  "198": [oc2({ SDQ_REASON: "SDQ2" }, NEW), oc2({ SDQ_REASON: "SDQ2", ...CORE }, CLA)],
  "543": [oc2({ DOB: "01/06/2010", SDQ_SCORE: "12", ...CORE }, CLA), oc2({ DOB: "01/06/2010", SDQ_SCORE: "12", CONVICTED: "0", ...CORE }, CLA)],
  "545": [oc2({ DOB: "01/06/2021", ...CORE }, CLA), oc2({ DOB: "01/06/2021", HEALTH_CHECK: "1", ...CORE }, CLA)],
  "546": [oc2({ DOB: "31/03/2020", SDQ_SCORE: "12", HEALTH_CHECK: "1", ...CORE }, CLA), oc2({ DOB: "01/04/2020", SDQ_SCORE: "12", HEALTH_CHECK: "1", ...CORE }, CLA)],
  "1012": [{ eps: [{}], tables: { OC2: [{ CHILD: "B" }] } }, { eps: [{}], tables: { OC2: [{ CHILD: "A" }] } }],
  // OC3 on its own
  "131": [oc3({ ...LEAVER, IN_TOUCH: "MAYBE" }), oc3(LEAVER)],
  "132": [oc3({ ...LEAVER, ACTIV: "F3" }), oc3(LEAVER)],
  "133": [oc3({ ...LEAVER, ACCOM: "S1" }), oc3(LEAVER)],
  "153": [oc3({ DOB: "01/06/2005", IN_TOUCH: "YES", ACTIV: "F1" }), oc3(LEAVER)],
  "344": [oc3({ ...LEAVER, IN_TOUCH: "RHOM", ACTIV: "0" }), oc3({ ...LEAVER, IN_TOUCH: "RHOM", ACTIV: "0", ACCOM: "0" })],
  "345": [oc3({ ...LEAVER, ACCOM: "0" }), oc3(LEAVER)],
  "347": [oc3({ ...LEAVER, DOB: "02/04/2006", ACCOM: "T" }), oc3({ ...LEAVER, DOB: "01/04/2006", ACCOM: "T" })],
  "391": [oc3({ ...LEAVER, DOB: "01/04/2008" }), oc3({ ...LEAVER, DOB: "31/03/2008" })],
  "3001": [
    { eps: NEW, header: [{ dob: "01/06/2007" }], tables: { OC3: [{ ...LEAVER, ...AGE17, ACCOM: "Z1" }] } },
    { eps: NEW, header: [{ dob: "01/06/2006" }], tables: { OC3: [{ ...LEAVER, DOB: "01/06/2006", ACCOM: "Z1" }] } },
  ],
  // OC3 with the episodes: still looked after on, or leaving after, the 17th birthday; last episode a transfer
  "1007": [oc3({ ...LEAVER, ...AGE17 }, [{ dec: "02/06/2024", rec: "E8" }]), oc3({ ...LEAVER, ...AGE17 }, [{ dec: "31/05/2024", rec: "E8" }])],
  "1016": [oc3({ ...LEAVER, ...AGE17 }, [{ dec: "01/06/2024", rec: "E8" }]), oc3({ ...LEAVER, ...AGE17 }, [{ dec: "31/05/2024", rec: "E8" }])],
  "1000": [oc3({ ...LEAVER, IN_TOUCH: "DIED", ACTIV: "0", ACCOM: "0" }, [{ dec: "01/06/2024", rec: "E2" }]), oc3({ ...LEAVER, IN_TOUCH: "DIED", ACTIV: "0", ACCOM: "0" }, [{ dec: "01/06/2024", rec: "E8" }])],
  "1011": [oc3(LEAVER, [{ dec: "01/06/2024", rec: "E3" }]), oc3(LEAVER, [{ dec: "01/06/2024", rec: "E8" }])],
  // UASC child whose episodes all ended before the year
  "1014": [
    { eps: [{ decom: "01/01/2022", dec: "31/03/2024", rec: "E8" }], tables: { OC3: [LEAVER], UASC: [{ SEX: "M", DUC: "01/06/2023" }] } },
    { eps: [{ decom: "01/01/2022", dec: "01/04/2024", rec: "E8" }], tables: { OC3: [LEAVER], UASC: [{ SEX: "M", DUC: "01/06/2023" }] } },
  ],
  // OC3 with OC2 and AD1
  "215": [{ eps: NEW, tables: { OC3: [LEAVER], OC2: [{ CONVICTED: "0" }] } }, { eps: NEW, tables: { OC3: [LEAVER], OC2: [{}] } }],
  "134": [{ eps: NEW, tables: { OC3: [LEAVER], AD1: [{ DATE_INT: "01/01/2024" }] } }, { eps: NEW, tables: { OC3: [{}], AD1: [{ DATE_INT: "01/01/2024" }] } }],
  "187": [{ eps: CLA, tables: { OC3: [LEAVER], AD1: [] } }, { eps: NEW, tables: { OC3: [LEAVER], AD1: [] } }],
  // OC3 with the Header's MOTHER
  "165": [{ eps: NEW, header: [{ mother: "2" }], tables: { OC3: [] } }, { eps: NEW, header: [{ mother: "0" }], tables: { OC3: [] } }],
  "628": [
    { eps: [{ child: "B" }], header: [{ sex: "F", dob: "01/06/2005", mother: "0" }], tables: { OC3: [LEAVER] } },
    { eps: [{ child: "B" }], header: [{ sex: "F", dob: "01/06/2005" }], tables: { OC3: [LEAVER] } },
  ],
};
