#!/usr/bin/env node
/**
 * Deterministic generator of benchmark data for `evident analyse`.
 *
 *   node bench/generate.mjs --children 1000000 --out bench/.data/1m [--seed 20240101]
 *
 * Writes children.csv, episodes.csv and referrals.csv (the CLI's format) and a
 * meta.json describing what was generated. The same arguments always give
 * byte-identical files: every random choice comes from the seeded generator
 * below (sfc32 seeded through splitmix32), never from Math.random.
 *
 * The shape is meant to look like a local authority's extract:
 * - about 1/3 of children in the intervention cohort, the rest comparison;
 *   intervention (or matched pseudo-intervention) start dates in 2017–2019,
 *   programmes of 1–12 months;
 * - about 3 episodes per child (0–6), CIN 50 % / CP 30 % / CLA 20 %, spread
 *   from 18 months before the start to 13 months after the end, some
 *   overlapping an earlier episode of the same status, some still open
 *   (empty end date);
 * - about 1.5 referrals per child (0–3);
 * - optional columns filled most of the time (family ids shared by
 *   siblings, DfE ethnicity codes, birth dates, sibling group sizes) and
 *   empty otherwise;
 * - as real extracts are not always tidy: about 1 % of rows with quoted
 *   fields ("C0000042","CP",…), and about 3 % of children whose row (in
 *   children.csv), episodes or referrals come later than their place in
 *   child order (up to 5,000 children later). These choices come from a
 *   second seeded generator, so the values are the same as version 1's.
 *
 * Output is streamed in ~1 MB chunks with back-pressure, so 1M children /
 * 3M episodes are written in constant memory. Files are written under a
 * temporary name and renamed at the end, then meta.json is written last: a
 * folder with meta.json is complete.
 */
import { createWriteStream, mkdirSync, renameSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { once } from "node:events";

export const GENERATOR_VERSION = 2;

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const args = { children: 10_000, out: undefined, seed: 20240101 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--children" || a === "-n") args.children = parseCount(next());
    else if (a === "--out" || a === "-o") args.out = next();
    else if (a === "--seed") args.seed = Number.parseInt(next(), 10);
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: node bench/generate.mjs --children N --out DIR [--seed S]\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.children) || args.children < 1) throw new Error("--children must be a positive whole number");
  if (!Number.isInteger(args.seed)) throw new Error("--seed must be a whole number");
  if (!args.out) args.out = `bench/.data/${sizeLabel(args.children)}`;
  return args;
}

/** Accepts 1000000, 1_000_000, 1e6, 100k, 1m. */
export function parseCount(text) {
  const t = String(text).trim().toLowerCase().replace(/_/g, "");
  const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(t);
  const n = m ? Number(m[1]) * (m[2] === "k" ? 1e3 : m[2] === "m" ? 1e6 : 1) : Number(t);
  return Math.round(n);
}

export function sizeLabel(n) {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

// ---------------------------------------------------------------- PRNG
/** sfc32 seeded through splitmix32: small, fast, and good enough for synthetic data. */
function createRng(seed) {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const u32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  return {
    /** Float in [0, 1). */
    next: () => u32() / 4294967296,
    /** Integer in [lo, hi] inclusive. */
    int: (lo, hi) => lo + Math.floor((u32() / 4294967296) * (hi - lo + 1)),
  };
}

/** Picks an index from cumulative weights (ascending, last = 1). */
function pick(rng, cumulative) {
  const r = rng.next();
  for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return i;
  return cumulative.length - 1;
}
function cumulate(weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  let run = 0;
  return weights.map((w) => (run += w / total));
}

// ---------------------------------------------------------------- dates
const DAY_MS = 86_400_000;
const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const TABLE_FROM = dayOf("1990-01-01");
const TABLE_TO = dayOf("2040-12-31");
/** ISO strings for every day in [TABLE_FROM, TABLE_TO]: formatting becomes a lookup. */
const ISO = (() => {
  const out = new Array(TABLE_TO - TABLE_FROM + 1);
  for (let d = TABLE_FROM; d <= TABLE_TO; d++) out[d - TABLE_FROM] = new Date(d * DAY_MS).toISOString().slice(0, 10);
  return out;
})();
const iso = (day) => ISO[day - TABLE_FROM];

const PROGRAMME_FROM = dayOf("2017-01-01");
const PROGRAMME_TO = dayOf("2019-12-31");
/** The as-at date the benchmark analyses on; later episode ends are usually left open. */
export const AS_AT = "2021-03-31";
const AS_AT_DAY = dayOf(AS_AT);

// ---------------------------------------------------------------- shape
const ETHNICITIES = ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"];
const ETHNICITY_CUM = cumulate([70, 1, 0.5, 6, 0.5, 2, 1, 1.5, 2, 1.5, 3, 1.5, 1.5, 1.5, 2.5, 1, 0.5, 1.5, 0.5, 1]);
const EPISODE_COUNT_CUM = cumulate([5, 13, 20, 25, 20, 11, 6]); // 0..6 episodes, mean ≈ 3.0
const REFERRAL_COUNT_CUM = cumulate([10, 40, 35, 15]); // 0..3 referrals, mean 1.55
const STATUS_CUM = cumulate([50, 30, 20]); // CIN, CP, CLA
const STATUS = ["CIN", "CP", "CLA"];
const DURATION = [
  [14, 400], // CIN
  [45, 600], // CP
  [20, 1000], // CLA
];
const SIBLINGS_CUM = cumulate([40, 30, 15, 8, 4, 3]); // 1..6

// ---------------------------------------------------------------- output
class ChunkedWriter {
  constructor(path) {
    this.path = path;
    this.tmp = `${path}.tmp`;
    this.stream = createWriteStream(this.tmp);
    this.parts = [];
    this.size = 0;
    this.rows = 0;
    this.bytes = 0;
  }
  line(text) {
    this.parts.push(text);
    this.size += text.length;
    this.rows++;
  }
  /** Flushes when at least `threshold` characters are buffered, waiting for the stream to drain. */
  async maybeFlush(threshold = 1 << 20) {
    if (this.size < threshold) return;
    const chunk = this.parts.join("");
    this.parts = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }
  async close() {
    await this.maybeFlush(0);
    this.stream.end();
    await once(this.stream, "finish");
    renameSync(this.tmp, this.path);
  }
}

export async function generate({ children: n, out, seed = 20240101, log = () => {} }) {
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const metaPath = join(dir, "meta.json");
  if (existsSync(metaPath)) rmSync(metaPath);
  const t0 = performance.now();
  const rng = createRng(seed);
  const width = Math.max(7, String(n).length);
  const cw = new ChunkedWriter(join(dir, "children.csv"));
  const ew = new ChunkedWriter(join(dir, "episodes.csv"));
  const rw = new ChunkedWriter(join(dir, "referrals.csv"));
  cw.line("child_id,cohort,start_date,end_date,family_id,birth_date,ethnicity,sibling_group_size\n");
  ew.line("child_id,status,start_date,end_date\n");
  rw.line("child_id,referral_date\n");
  cw.rows = ew.rows = rw.rows = 0; // count data rows only
  // Untidiness (quoting, rows out of child order) draws from its own generator: the data themselves
  // are the same as without it.
  const mess = createRng(seed ^ 0x5bd1e995);
  const quoted = (text) => (text !== "" && mess.next() < 0.01 ? `"${text}"` : text);
  /** Rows held back to be written after a later child: due child index → lines. */
  const later = [new Map(), new Map(), new Map()];
  const writers = [cw, ew, rw];
  const place = (which, i, lines) => {
    if (lines.length === 0) return;
    if (mess.next() < 0.03) {
      const due = i + mess.int(1, 5000);
      const held = later[which].get(due);
      if (held) held.push(...lines);
      else later[which].set(due, lines);
    } else for (const l of lines) writers[which].line(l);
  };
  const release = (i) => {
    for (let w = 0; w < 3; w++) {
      const held = later[w].get(i);
      if (held) {
        for (const l of held) writers[w].line(l);
        later[w].delete(i);
      }
    }
  };

  let family = 0;
  let familySize = 0;
  let intervention = 0;
  let open = 0;
  const prevStart = new Int32Array(4);
  const prevEnd = new Int32Array(4);
  for (let i = 0; i < n; i++) {
    const id = `C${String(i + 1).padStart(width, "0")}`;
    const cohort = rng.next() < 1 / 3 ? "intervention" : "comparison";
    if (cohort === "intervention") intervention++;
    const start = rng.int(PROGRAMME_FROM, PROGRAMME_TO);
    const end = start + rng.int(30, 365);
    // Siblings: a quarter of children join the previous child's family (at most 5 per family).
    if (i === 0 || familySize >= 5 || rng.next() >= 0.25) {
      family++;
      familySize = 0;
    }
    familySize++;
    const familyId = rng.next() < 0.97 ? `F${String(family).padStart(width, "0")}` : "";
    const birth = rng.next() < 0.97 ? iso(start - rng.int(0, 17 * 365 + 364)) : "";
    const ethnicity = rng.next() < 0.96 ? ETHNICITIES[pick(rng, ETHNICITY_CUM)] : "";
    const siblings = rng.next() < 0.95 ? String(pick(rng, SIBLINGS_CUM) + 1) : "";
    place(0, i, [`${quoted(id)},${quoted(cohort)},${iso(start)},${iso(end)},${quoted(familyId)},${birth},${quoted(ethnicity)},${siblings}\n`]);

    const episodes = pick(rng, EPISODE_COUNT_CUM);
    prevStart.fill(0);
    prevEnd.fill(0);
    let lastStatus = 0;
    const episodeLines = [];
    for (let k = 0; k < episodes; k++) {
      let status;
      let s;
      if (lastStatus !== 0 && rng.next() < 0.2) {
        // Overlaps an earlier episode of the same status (a data-quality fact of life).
        status = lastStatus;
        s = prevStart[status] + rng.int(0, Math.max(0, prevEnd[status] - prevStart[status]));
      } else {
        status = pick(rng, STATUS_CUM) + 1;
        s = rng.int(start - 540, end + 400);
      }
      const [lo, hi] = DURATION[status - 1];
      const e = s + rng.int(lo, hi);
      // Episodes running past the as-at date are mostly still open; a few others are open by mistake.
      const isOpen = (e > AS_AT_DAY && rng.next() < 0.7) || rng.next() < 0.02;
      if (isOpen) open++;
      episodeLines.push(`${quoted(id)},${quoted(STATUS[status - 1])},${iso(s)},${isOpen ? "" : iso(e)}\n`);
      prevStart[status] = s;
      prevEnd[status] = isOpen ? AS_AT_DAY : e;
      lastStatus = status;
    }

    place(1, i, episodeLines);

    const referrals = pick(rng, REFERRAL_COUNT_CUM);
    const referralLines = [];
    for (let k = 0; k < referrals; k++) referralLines.push(`${quoted(id)},${iso(rng.int(start - 400, end + 300))}\n`);
    place(2, i, referralLines);
    release(i);

    if ((i & 1023) === 1023) {
      await cw.maybeFlush();
      await ew.maybeFlush();
      await rw.maybeFlush();
      if ((i & 0x3ffff) === 0x3ffff) log(`  ${i + 1} children…`);
    }
  }
  // Rows held back past the last child, in the order they fell due.
  for (let w = 0; w < 3; w++) for (const due of [...later[w].keys()].sort((a, b) => a - b)) for (const l of later[w].get(due)) writers[w].line(l);
  await Promise.all([cw.close(), ew.close(), rw.close()]);
  const meta = {
    generator: "bench/generate.mjs",
    version: GENERATOR_VERSION,
    seed,
    asAt: AS_AT,
    children: cw.rows,
    intervention,
    comparison: cw.rows - intervention,
    episodes: ew.rows,
    openEpisodes: open,
    referrals: rw.rows,
    bytes: { children: cw.bytes, episodes: ew.bytes, referrals: rw.bytes },
    generatedMs: Math.round(performance.now() - t0),
  };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generate: ${error.message}\nusage: node bench/generate.mjs --children N --out DIR [--seed S]\n`);
    process.exit(2);
  }
  const meta = await generate({ ...args, log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(
    `wrote ${args.out}: ${meta.children} children (${meta.intervention} intervention), ${meta.episodes} episodes (${meta.openEpisodes} open), ${meta.referrals} referrals in ${meta.generatedMs} ms\n`,
  );
}
