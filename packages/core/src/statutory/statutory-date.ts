/**
 * The one reading of a date in a statutory return (used by the collector,
 * ./collect.ts, and by the rules on the other 903 tables, which read their
 * dates from the raw cells). Kept apart so the rules need not import the
 * collector (which imports them).
 */
import { daysFromCivil, daysInMonth, formatIsoDay, parseIsoDay } from "../dates.js";

/**
 * Parses DD/MM/YYYY (the 903 format) or YYYY-MM-DD (the CIN format; also
 * accepted in 903 files) into an ISO date. undefined = not a real date.
 * A time part after a space or "T" (as some exports add) is ignored.
 */
export function parseStatutoryDate(text: string): string | undefined {
  const cached = dateCache.get(text);
  if (cached !== undefined) return cached === "" ? undefined : cached;
  const iso = parseDateUncached(text);
  if (dateCache.size >= 200_000) dateCache.clear();
  dateCache.set(text, iso ?? "");
  return iso;
}

// Returns hold a few thousand distinct dates repeated across a million rows: parse each once.
const dateCache = new Map<string, string>();

function parseDateUncached(text: string): string | undefined {
  let t = text.trim();
  const cut = t.search(/[ T]/);
  if (cut > 0) t = t.slice(0, cut);
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const year = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    return formatIsoDay(daysFromCivil(year, month, day));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return parseIsoDay(t) === undefined ? undefined : t;
  return undefined;
}
