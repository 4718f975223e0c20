/**
 * Canonical JSON: keys sorted at every level, `undefined` dropped, -0 as 0,
 * non-finite numbers as null — what a value looks like after a round trip
 * through a JSON column (PostgreSQL's jsonb reorders keys), so that two
 * results can be compared for equality. With `significantDigits`, numbers
 * are rounded first (some JSON columns keep only 15 significant digits).
 */
export function canonicalJson(value: unknown, significantDigits?: number): string {
  return JSON.stringify(normalise(value, significantDigits));
}

function normalise(value: unknown, digits?: number): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const rounded = digits === undefined ? value : Number(value.toPrecision(digits));
    return Object.is(rounded, -0) ? 0 : rounded;
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalise(v, digits)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v, digits);
    }
    return out;
  }
  return value;
}
