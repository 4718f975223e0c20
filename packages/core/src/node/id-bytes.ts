/**
 * The analysis loader's children ids as bytes: every id one after another in
 * one buffer, with an open-addressing hash table over them. The merge of the
 * loader (load-csv.ts) finds duplicates and looks up each run of episodes and
 * referrals by comparing bytes, so it makes no string per child; the ids (and
 * family ids) become strings only when something reads them (the analysis
 * itself does not), see `lazyStrings`.
 *
 * Bytes are compared, not strings: ASCII ids are their own bytes; an id with
 * other bytes is first decoded as UTF-8 and encoded again (`canonical`), so
 * that two ids are the same bytes exactly when they are the same string.
 */

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** FNV-1a over bytes b[s, e) (for ASCII, what the range parser computes and IdIndex.hash gives). */
export function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) h = Math.imul(h ^ b[k]!, 0x01000193);
  return h | 0;
}

/** The UTF-8 bytes of the string that b[s, e) decodes to (invalid sequences become U+FFFD, as in the strings). */
export function canonical(b: Uint8Array, s: number, e: number): Uint8Array {
  return encoder.encode(decoder.decode(b.subarray(s, e)));
}

/** A byte buffer that grows. */
export class Bytes {
  buf: Uint8Array;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(capacity, 1 << 10));
  }
  length = 0;
  ascii = true;
  append(src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    if (this.length + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
    }
    const b = this.buf;
    let at = this.length;
    let or = 0;
    for (let k = s; k < e; k++) {
      const c = src[k]!;
      or |= c;
      b[at++] = c;
    }
    if (or > 127) this.ascii = false;
    this.length = at;
  }
}

/** Byte strings one after another: entry i is bytes[ends[i − 1], ends[i]). */
export class ByteColumn {
  private readonly buffer: Bytes;
  ends: Int32Array;
  count = 0;

  constructor(expected: number, bytesEach = 12) {
    this.ends = new Int32Array(Math.max(16, expected));
    this.buffer = new Bytes(expected * bytesEach);
  }

  get bytes(): Uint8Array {
    return this.buffer.buf;
  }

  start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]!;
  }

  push(src: Uint8Array, s: number, e: number): void {
    if (this.count === this.ends.length) {
      const bigger = new Int32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.buffer.append(src, s, e);
    this.ends[this.count++] = this.buffer.length;
  }

  /** Whether entry i is the bytes b[s, e). */
  same(i: number, b: Uint8Array, s: number, e: number): boolean {
    const from = this.start(i);
    const n = this.ends[i]! - from;
    if (n !== e - s) return false;
    const t = this.bytes;
    for (let k = 0; k < n; k++) if (t[from + k] !== b[s + k]) return false;
    return true;
  }

  /** Entry i as a string. */
  text(i: number): string {
    return decoder.decode(this.bytes.subarray(this.start(i), this.ends[i]!));
  }

  /**
   * Every entry as a string, `present[i] === 0` giving undefined (when given). An entry equal to the one
   * before it is the same string (siblings share a family id).
   */
  strings(present?: Uint8Array): (string | undefined)[] {
    const out: (string | undefined)[] = new Array(this.count);
    const all = this.buffer.ascii ? Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.buffer.length).toString("latin1") : undefined;
    let previous = -1;
    for (let i = 0; i < this.count; i++) {
      if (present && present[i] === 0) {
        out[i] = undefined;
        continue;
      }
      const s = this.start(i);
      const e = this.ends[i]!;
      if (previous >= 0 && this.same(previous, this.bytes, s, e)) out[i] = out[previous];
      else out[i] = all !== undefined ? all.substring(s, e) : decoder.decode(this.bytes.subarray(s, e));
      previous = i;
    }
    return out;
  }
}

/** Children ids as bytes, with a hash table: ids are added in order and numbered from 0. */
export class ByteIdIndex {
  readonly ids: ByteColumn;
  private table: Int32Array;
  private mask: number;
  private hashes: Int32Array;

  constructor(expected: number) {
    this.ids = new ByteColumn(expected);
    let slots = 1 << 12;
    while (slots < expected * 2 + 2) slots *= 2;
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.hashes = new Int32Array(Math.max(1 << 11, expected));
  }

  get size(): number {
    return this.ids.count;
  }

  /** The number of the id b[s, e) (canonical bytes, `h` = hashBytes of them), or −1. */
  find(b: Uint8Array, s: number, e: number, h: number): number {
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.table[slot]!;
      if (at < 0) return -1;
      if (this.hashes[at] === h && this.ids.same(at, b, s, e)) return at;
    }
  }

  /** The number of an id given as a string, or −1. */
  findText(id: string): number {
    const b = encoder.encode(id);
    return this.find(b, 0, b.length, hashBytes(b, 0, b.length));
  }

  /** Adds the id b[s, e) (canonical bytes, hash `h`) as the next number; false (and nothing added) if present. */
  add(b: Uint8Array, s: number, e: number, h: number): boolean {
    let slot = h & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const at = this.table[slot]!;
      if (at < 0) break;
      if (this.hashes[at] === h && this.ids.same(at, b, s, e)) return false;
    }
    const index = this.ids.count;
    this.table[slot] = index;
    if (index >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[index] = h;
    this.ids.push(b, s, e);
    if (this.ids.count * 2 > this.table.length) this.grow();
    return true;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let i = 0; i < this.ids.count; i++) {
      let slot = this.hashes[i]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = i;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * Defines `key` on `target` as a value made on first read (then kept as a plain property), in its place
 * among the object's keys.
 */
export function lazyStrings<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value: T[K]) {
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
