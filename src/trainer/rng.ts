/**
 * The trainer's only source of randomness: xoshiro128** (32-bit state words,
 * Math.imul arithmetic), seeded through splitmix32. Its state is four uint32s,
 * so a checkpoint can save and restore it exactly; runs never read Math.random.
 */

export type RngState = readonly [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(state: RngState) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((x) => x >>> 0) as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator seeded from any number of integers (e.g. `Rng.seeded(seed, step, 7)` for a derived stream). */
  static seeded(...parts: number[]): Rng {
    let h = 0x811c9dc5;
    for (const p of parts) {
      const lo = p >>> 0;
      const hi = Math.floor(p / 0x100000000) >>> 0;
      h = Math.imul(h ^ lo, 0x01000193) >>> 0;
      h = Math.imul(h ^ hi, 0x01000193) >>> 0;
      h = Math.imul(h ^ 0x5bd1e995, 0x01000193) >>> 0;
    }
    const sm = splitmix32(h);
    return new Rng([sm(), sm(), sm(), sm()]);
  }

  static fromState(state: RngState): Rng {
    return new Rng(state);
  }

  state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** A uniform uint32. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    if (!(n >= 1)) throw new RangeError(`Rng.int: n must be >= 1 (got ${n})`);
    return Math.floor(this.float() * n);
  }

  /** A standard normal (Box-Muller, no cached second value so the state stays four words). */
  normal(): number {
    let u = this.float();
    while (u <= 0) u = this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i] as T;
      a[i] = a[j] as T;
      a[j] = t;
    }
    return a;
  }

  /** Index drawn from unnormalised non-negative weights (the last positive one on rounding). */
  categorical(weights: ArrayLike<number>, total?: number): number {
    let sum = total ?? 0;
    if (total === undefined) for (let i = 0; i < weights.length; i++) sum += weights[i] as number;
    let r = this.float() * sum;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (w <= 0) continue;
      last = i;
      r -= w;
      if (r < 0) return i;
    }
    if (last < 0) throw new RangeError("Rng.categorical: no positive weight");
    return last;
  }
}
