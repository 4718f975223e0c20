/**
 * The reference data some SSDA903 rules need and a return does not carry
 * (./validate-903-reference.ts): a postcode directory (postcode → local
 * authority and grid reference or latitude/longitude), the return's own local
 * authority, and optionally Ofsted's list of registered providers (URN →
 * placement codes, provider codes, deregistration date, postcode). Nothing
 * here reads a file: the CLI (src/cli/reference-files.ts) streams the files
 * the analyst gives and hands each row to the builders below.
 *
 * As the DfE community validator (csc-validator-be-903 v0.1.14, datastore.py)
 * does, the placement's local authority (PL_LA) is the upper-tier authority of
 * the placement postcode, PL_LOCATION is IN when that is the return's own
 * authority and OUT otherwise, and PL_DISTANCE is the straight-line distance in
 * miles between HOME_POST and PL_POST, to one decimal place.
 */
import type { OfstedProviders } from "./ofsted-providers.js";
import { columnFinder, normalisePostcode } from "./reference-columns.js";

export { normalisePostcode } from "./reference-columns.js";

/** What the reference says about one postcode. */
export interface PostcodePlace {
  /** The upper-tier local authority (E06…, E08…, E09…, E10…), or SCO, WAL, NIR outside England; null when the directory gives none. */
  la: string | null;
  /** OS grid easting and northing in metres (the ONS Postcode Directory's oseast1m, osnrth1m), when given. */
  east: number | null;
  north: number | null;
  /** Latitude and longitude (lat, long), when given. */
  lat: number | null;
  long: number | null;
}

const COUNTRY: Record<string, string> = { S: "SCO", W: "WAL", N: "NIR" };
/** The directory's "no such area" pseudo codes, e.g. E99999999 for a county field in a unitary area. */
const PSEUDO = /^[A-Z]99999999$/;


const num = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

/**
 * The postcode directory, built row by row. Columns (any order, case
 * ignored): the postcode `pcds` (or `pcd`, `pcd2`, `postcode`); the local
 * authority `oslaua` (or `laua`, `lad`), and `oscty` (the county, for
 * two-tier areas) — or an upper-tier code given directly as `utla`; the grid
 * reference `oseast1m`, `osnrth1m` and/or `lat`, `long`. These are the ONS
 * Postcode Directory's own column names, so its CSV can be given as it is.
 * Held compactly: the full directory (2.7 million postcodes) fits in memory.
 */
export class PostcodeReference {
  private readonly index = new Map<string, number>();
  private readonly las: string[] = [];
  private readonly laIds = new Map<string, number>();
  private laOf = new Int32Array(1024);
  private coords = new Float64Array(4096);
  private readonly col: { pc: number; la: number; cty: number; utla: number; east: number; north: number; lat: number; long: number };

  /** `header`: the CSV's column names. Throws (with a plain message) when a needed column is missing. */
  constructor(header: readonly string[] = ["pcds", "utla", "oseast1m", "osnrth1m"]) {
    const find = columnFinder(header);
    this.col = {
      pc: find("pcds", "pcd", "pcd2", "postcode"),
      la: find("oslaua", "laua", "lad"),
      cty: find("oscty", "cty"),
      utla: find("utla"),
      east: find("oseast1m", "easting"),
      north: find("osnrth1m", "northing"),
      lat: find("lat", "latitude"),
      long: find("long", "longitude"),
    };
    if (this.col.pc < 0) throw new Error("the postcode file has no postcode column (pcds, pcd or postcode)");
    if (this.col.la < 0 && this.col.utla < 0) throw new Error("the postcode file has no local authority column (oslaua, laua or utla)");
    if ((this.col.east < 0 || this.col.north < 0) && (this.col.lat < 0 || this.col.long < 0)) {
      throw new Error("the postcode file has no grid reference (oseast1m and osnrth1m) nor latitude and longitude (lat and long)");
    }
  }

  get size(): number {
    return this.index.size;
  }

  /** The columns read (a reader may skip the others). */
  get usedColumns(): number[] {
    return Object.values(this.col).filter((i) => i >= 0);
  }

  /** One row of the directory; `cell(i)` gives the text of column i. Rows without a postcode are ignored. */
  addRow(cell: (i: number) => string | undefined): void {
    const pc = normalisePostcode(cell(this.col.pc) ?? "");
    if (pc === "") return;
    const la = this.upperTier(cell);
    let id = this.index.get(pc);
    if (id === undefined) {
      id = this.index.size;
      this.index.set(pc, id);
    }
    if (id >= this.laOf.length) {
      const grown = new Int32Array(this.laOf.length * 2);
      grown.set(this.laOf);
      this.laOf = grown;
    }
    if (id * 4 + 4 > this.coords.length) {
      const grown = new Float64Array(this.coords.length * 2);
      grown.set(this.coords);
      this.coords = grown;
    }
    this.laOf[id] = la === null ? -1 : this.laId(la);
    const east = this.col.east < 0 ? null : num(cell(this.col.east));
    const north = this.col.north < 0 ? null : num(cell(this.col.north));
    let lat = this.col.lat < 0 ? null : num(cell(this.col.lat));
    let long = this.col.long < 0 ? null : num(cell(this.col.long));
    // The directory writes 99.999999 / 0 for a postcode without a location.
    if (lat !== null && Math.abs(lat) > 90) lat = long = null;
    const c = this.coords;
    c[id * 4] = east ?? Number.NaN;
    c[id * 4 + 1] = north ?? Number.NaN;
    c[id * 4 + 2] = lat ?? Number.NaN;
    c[id * 4 + 3] = long ?? Number.NaN;
  }

  /** The place of a postcode (in any spacing or case), or undefined when the directory does not hold it. */
  get(postcode: string): PostcodePlace | undefined {
    const id = this.index.get(normalisePostcode(postcode));
    if (id === undefined) return undefined;
    const at = (k: number) => {
      const v = this.coords[id * 4 + k]!;
      return Number.isNaN(v) ? null : v;
    };
    const la = this.laOf[id]!;
    return { la: la < 0 ? null : this.las[la]!, east: at(0), north: at(1), lat: at(2), long: at(3) };
  }

  private upperTier(cell: (i: number) => string | undefined): string | null {
    const given = (i: number) => {
      const t = i < 0 ? "" : (cell(i) ?? "").trim().toUpperCase();
      return t === "" || PSEUDO.test(t) ? null : t;
    };
    const utla = given(this.col.utla);
    if (utla !== null) return COUNTRY[utla[0]!] ?? utla;
    const lower = given(this.col.la);
    if (lower === null) return null;
    if (COUNTRY[lower[0]!]) return COUNTRY[lower[0]!]!;
    return given(this.col.cty) ?? lower;
  }

  private laId(la: string): number {
    let id = this.laIds.get(la);
    if (id === undefined) {
      id = this.las.length;
      this.las.push(la);
      this.laIds.set(la, id);
    }
    return id;
  }
}

/** Miles between two places, as the DfE computes PL_DISTANCE: the grid distance in km / 1.6093, to one decimal place; from latitude and longitude (great circle) when a grid reference is missing. */
export function placementDistance(home: PostcodePlace, placement: PostcodePlace): number | null {
  let km: number;
  if (home.east !== null && home.north !== null && placement.east !== null && placement.north !== null) {
    km = Math.hypot(home.east - placement.east, home.north - placement.north) / 1000;
  } else if (home.lat !== null && home.long !== null && placement.lat !== null && placement.long !== null) {
    const rad = Math.PI / 180;
    const dLat = (placement.lat - home.lat) * rad;
    const dLong = (placement.long - home.long) * rad;
    const a = Math.sin(dLat / 2) ** 2 + Math.cos(home.lat * rad) * Math.cos(placement.lat * rad) * Math.sin(dLong / 2) ** 2;
    km = 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
  } else return null;
  return Math.round((km / 1.6093) * 10) / 10;
}

/** The reference data given for a run: the return's own authority and the postcode directory, and optionally Ofsted's provider list. */
export interface Reference903 {
  /** The return's local authority, in the directory's code (e.g. E09000027). */
  localAuthority: string;
  postcodes: PostcodeReference;
  providers?: OfstedProviders;
}
