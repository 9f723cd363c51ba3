/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32). The sample generator
 * never calls Math.random: every draw comes from an Rng derived from (seed, user, day, ...), so the
 * same options give the same events whatever order users are simulated in.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Index drawn from a cumulative weight table (see `cumulative`). */
  pick(cumulativeWeights: readonly number[]): number;
}

/** Mixes any number of integers into one 32-bit seed (murmur3-style finalizer per part). */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Split doubles above 2^32 so large values (e.g. seconds since epoch) still mix fully.
    const lo = part >>> 0;
    const hi = Math.floor(part / 4294967296) >>> 0;
    h = fmix(h ^ fmix(lo + 0x7f4a7c15));
    h = fmix(h ^ fmix(hi + 0x2545f491));
  }
  return h >>> 0;
}

function fmix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Running sums of weights, for `Rng.pick`. */
export function cumulative(weights: readonly number[]): readonly number[] {
  const out: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    out.push(sum);
  }
  return out;
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads one 32-bit seed over the 128-bit state.
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.step();
  }

  private step(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.step() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  pick(cumulativeWeights: readonly number[]): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
    const x = this.next() * total;
    for (let i = 0; i < cumulativeWeights.length; i++) {
      if (x < (cumulativeWeights[i] ?? 0)) return i;
    }
    return cumulativeWeights.length - 1;
  }
}

export function createRng(seed: number): Rng {
  return new Sfc32(seed);
}
