/**
 * A small seeded PRNG (xoshiro128**, seeded by splitmix32) with the draws the market generator
 * needs. Its state is four uint32 words, so it can be carried between sessions as JSON.
 * @module
 */

/** Serialisable RNG state. */
export type RngState = [number, number, number, number];

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** Seeded random numbers: uniform, normal, exponential, Poisson, lognormal. */
export class Rng {
  #s: Uint32Array;
  #spare = NaN;

  /** From an integer seed, or from a carried state. */
  constructor(seed: number | RngState) {
    this.#s = new Uint32Array(4);
    if (Array.isArray(seed)) this.#s.set(seed);
    else {
      const sm = splitmix32(seed >>> 0 ^ Math.floor(seed / 2 ** 32));
      for (let i = 0; i < 4; i++) this.#s[i] = sm();
    }
  }

  /** The state (to resume exactly where this generator is). */
  state(): RngState {
    return [this.#s[0]!, this.#s[1]!, this.#s[2]!, this.#s[3]!];
  }

  /** A fresh generator whose stream is independent of this one (keyed by `salt`). */
  fork(salt: number): Rng {
    return new Rng((this.u32() ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0);
  }

  /** Uniform uint32. */
  u32(): number {
    const s = this.#s;
    const r = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (!Number.isNaN(this.#spare)) {
      const v = this.#spare;
      this.#spare = NaN;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt(-2 * Math.log(s) / s);
    this.#spare = v * m;
    return u * m;
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Lognormal: exp(mu + sigma·N). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Poisson count with mean `lambda` (inversion; lambda is small here). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > l) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
