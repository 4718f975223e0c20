/**
 * Ofsted's list of registered social care providers (URN → placement codes,
 * provider codes, deregistration date, postcode), for the SSDA903 URN rules
 * (./validate-903-reference.ts). Built row by row; the CLI reads the file.
 */
import { columnFinder, normalisePostcode } from "./reference-columns.js";

/** One provider of Ofsted's list. */
export interface OfstedProvider {
  /** Placement codes (PLACE) the provider may take, e.g. K2, R1. */
  placeCodes: string[];
  /** Placement provider codes (PR0–PR5). */
  providerCodes: string[];
  /** Deregistration (closing) date, ISO; null while registered. */
  regEnd: string | null;
  /** Postcode, normalised; null when not given. */
  postcode: string | null;
}

/** A date written YYYY-MM-DD or DD/MM/YYYY (Ofsted's lists use either), as ISO; null when blank or not a date. */
function isoDate(text: string | undefined): string | null {
  const t = (text ?? "").trim().slice(0, 10);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return t;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return null;
}

const codes = (text: string | undefined) =>
  (text ?? "")
    .toUpperCase()
    .split(/[,/;]/)
    .map((c) => c.trim())
    .filter((c) => c !== "");

/**
 * Ofsted's provider list (its "Social care providers and children's homes"
 * list saved as CSV), built row by row. Columns (any order, case ignored):
 * `URN`; `Placement code` (or `Provider Placement Code`); `Placement provider
 * code` (or `Provider Code`); `Deregistration date` (or `Closed Date`);
 * `Setting address postcode` (or `Setting Postcode`, `Postcode`). Several
 * codes in one cell are separated by commas or slashes.
 */
export class OfstedProviders {
  private readonly byUrn = new Map<string, OfstedProvider>();
  private readonly col: { urn: number; place: number; provider: number; end: number; postcode: number };

  constructor(header: readonly string[]) {
    const find = columnFinder(header);
    this.col = {
      urn: find("urn"),
      place: find("placement code", "provider placement code", "place_codes"),
      provider: find("placement provider code", "provider code", "provider_codes"),
      end: find("deregistration date", "closed date", "reg_end"),
      postcode: find("setting address postcode", "setting postcode", "postcode"),
    };
    const missing = Object.entries({ URN: this.col.urn, "Placement code": this.col.place, "Placement provider code": this.col.provider, "Deregistration date": this.col.end, "Setting address postcode": this.col.postcode })
      .filter(([, i]) => i < 0)
      .map(([n]) => n);
    if (missing.length > 0) throw new Error(`the Ofsted provider file has no ${missing.join(", ")} column`);
  }

  get size(): number {
    return this.byUrn.size;
  }

  /** The columns read (a reader may skip the others). */
  get usedColumns(): number[] {
    return Object.values(this.col).filter((i) => i >= 0);
  }

  addRow(cell: (i: number) => string | undefined): void {
    const urn = (cell(this.col.urn) ?? "").trim().toUpperCase();
    if (urn === "") return;
    const postcode = normalisePostcode(cell(this.col.postcode) ?? "");
    this.byUrn.set(urn, {
      placeCodes: codes(cell(this.col.place)),
      providerCodes: codes(cell(this.col.provider)),
      regEnd: isoDate(cell(this.col.end)),
      postcode: postcode === "" ? null : postcode,
    });
  }

  get(urn: string): OfstedProvider | undefined {
    return this.byUrn.get(urn.trim().toUpperCase());
  }
}
