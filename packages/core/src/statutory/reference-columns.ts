/** Small helpers shared by the reference-data readers (./reference-903.ts, ./ofsted-providers.ts). */

/** Upper-case with every space removed: the form postcodes are matched in. */
export function normalisePostcode(text: string): string {
  const plain = text.indexOf(" ") < 0 && text.indexOf("\t") < 0 ? text : text.replace(/\s+/g, "");
  return plain.toUpperCase();
}

/** The index of the first of `options` among the column names (case and spaces around ignored), or -1. */
export function columnFinder(header: readonly string[]): (...options: string[]) => number {
  const names = header.map((h) => h.trim().toLowerCase());
  return (...options) => {
    for (const o of options) {
      const i = names.indexOf(o);
      if (i >= 0) return i;
    }
    return -1;
  };
}
