/**
 * The seed's own deterministic pseudo-random generator (mulberry32): the same
 * seed number always produces the same trust. Not for cryptographic use.
 */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x6d2b79f5;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1]![0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  /** `n` distinct items. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(n, items.length));
  }
  /** A version-4-shaped UUID drawn from this generator (deterministic ids make re-runs idempotent). */
  uuid(): string {
    const hex = (n: number) => Math.floor(this.next() * 16 ** n).toString(16).padStart(n, "0");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(0, 3)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  }
  /** Splits `total` into `parts` positive integers, each at most `cap` (the total is reduced if it cannot fit). */
  partition(total: number, parts: number, cap = Infinity): number[] {
    if (parts <= 0) return [];
    const weights = Array.from({ length: parts }, () => 0.3 + this.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const out = weights.map((w) => Math.max(1, Math.min(cap, Math.round((w / sum) * total))));
    // move the rounding remainder onto parts with room
    let diff = Math.min(total, parts * cap) - out.reduce((a, b) => a + b, 0);
    for (let i = 0; diff !== 0 && i < parts * 4; i++) {
      const k = i % parts;
      if (diff > 0 && out[k]! < cap) {
        const add = Math.min(diff, cap - out[k]!);
        out[k]! += add;
        diff -= add;
      } else if (diff < 0 && out[k]! > 1) {
        const sub = Math.min(-diff, out[k]! - 1);
        out[k]! -= sub;
        diff += sub;
      }
    }
    return out;
  }
}

const DAY = 86_400_000;
/** A UTC date from "YYYY-MM-DD". */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
export const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY);
export const daysBetween = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / DAY);
export const atTime = (d: Date, hour: number, minute = 0): Date => new Date(d.getTime() + (hour * 60 + minute) * 60_000);
export const iso = (d: Date): string => d.toISOString().slice(0, 10);
export const minDate = (a: Date, b: Date): Date => (a < b ? a : b);
export const maxDate = (a: Date, b: Date): Date => (a > b ? a : b);
/** A random date in [from, to). */
export const between = (rng: Rng, from: Date, to: Date): Date => addDays(from, rng.int(0, Math.max(0, daysBetween(from, to) - 1)));
/** Today's date at midnight UTC. */
export const utcToday = (now = new Date()): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
