/**
 * Hand-made reference data for the tests of the SSDA903 reference rules
 * (statutory/validate-903-reference.ts): a few made-up postcodes (no real
 * place has them) with made-up authorities and grid references, and a
 * two-provider Ofsted list. Test-only (src/test is not built).
 */
import { OfstedProviders } from "../statutory/ofsted-providers.js";
import { PostcodeReference, type Reference903 } from "../statutory/reference-903.js";

/** The authority making the return in these tests. */
export const OWN_LA = "E09000099";

/**
 * The postcode directory, in the ONS Postcode Directory's column names.
 * XA1 1AA and XA1 2BB: in the own authority, 1 km apart (0.6 miles);
 * XB2 1AA: a two-tier district (E07000099) of county E10000098, 36.1 km from XA1 1AA (22.4 miles);
 * XW3 1AA: in Wales; XN0 0AA: no authority given; XF9 9ZZ: 2,000 km east of XA1 1AA (1242.8 miles);
 * XL1 1AA and XL2 2AA: latitude and longitude only, one degree of latitude apart (69.1 miles).
 */
export const POSTCODES_CSV = `pcds,oscty,oslaua,oseast1m,osnrth1m,lat,long
XA1 1AA,E99999999,E09000099,530000,180000,51.5,-0.1
XA1 2BB,E99999999,E09000099,531000,180000,51.5,-0.09
XB2 1AA,E10000098,E07000099,560000,200000,51.7,0.3
XW3 1AA,W99999999,W06000099,320000,180000,51.5,-3.1
XN0 0AA,E99999999,,530500,180500,51.5,-0.1
XF9 9ZZ,E99999999,E09000099,2530000,180000,51.5,20
XL1 1AA,E99999999,E09000099,,,52,-1
XL2 2AA,E99999999,E09000099,,,53,-1
`;

/** Ofsted's list: 1000001 a K2 home of the authority (PR1) at XA1 2BB; 1000002 a K2 home (PR1 or PR2) at XB2 1AA, deregistered on 30 June 2024. */
export const OFSTED_CSV = `URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting address postcode
1000001,Own,K2,PR1,,XA1 2BB
1000002,Other,K2,PR1/PR2,30/06/2024,XB2 1AA
`;

function build<T extends { addRow(cell: (i: number) => string | undefined): void }>(text: string, make: (header: string[]) => T): T {
  const [head, ...rows] = text.trim().split("\n");
  const built = make(head!.split(","));
  for (const r of rows) {
    const cells = r.split(",");
    built.addRow((i) => cells[i]);
  }
  return built;
}

/** The postcodes and own authority only. */
export const REF: Reference903 = { localAuthority: OWN_LA, postcodes: build(POSTCODES_CSV, (h) => new PostcodeReference(h)) };
/** With Ofsted's list too. */
export const REF_OFSTED: Reference903 = { ...REF, providers: build(OFSTED_CSV, (h) => new OfstedProviders(h)) };
/** An empty directory, as the recorded validator results were made with. */
export const REF_EMPTY = (la = OWN_LA): Reference903 => ({ localAuthority: la, postcodes: new PostcodeReference() });
