/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through
 * splitmix32) so that every random choice Evident makes — one child per
 * family, bootstrap resamples — can be reproduced from a recorded seed.
 * Not for cryptographic use.
 */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n) for 0 < n ≤ 2^32. */
  nextInt(n: number): number;
}

/** A generator seeded with a 32-bit integer: the same seed always gives the same sequence. */
export function createRandom(seed: number): Random {
  // State in a typed array: V8 keeps it unboxed, which makes a draw several times cheaper
  // than closure variables (this matters for bootstraps of a million children).
  const st = new Uint32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    st[i] = (z ^ (z >>> 16)) >>> 0;
  }
  if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;
  const nextUint32 = (): number => {
    const b = st[1]!;
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    st[2]! ^= st[0]!;
    st[3]! ^= b;
    st[1]! ^= st[2]!;
    st[0]! ^= st[3]!;
    st[2]! ^= t;
    st[3] = rotl(st[3]!, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    nextInt: (n: number) => Math.floor((nextUint32() / 4294967296) * n),
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
