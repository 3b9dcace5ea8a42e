/**
 * Sets of characters as sorted, disjoint, inclusive code-unit ranges. Used by the
 * backtracking-hazard analysis to ask "can these two parts start with the same
 * character?"; precision matters less than never being wrong about disjointness
 * of the simple classes (`\d` vs `\s`, `a` vs `b`).
 */
export const MAX_CHAR = 0x10ffff;

export type CharRange = readonly [number, number];

export class CharSet {
  private constructor(readonly ranges: readonly CharRange[]) {}

  static readonly EMPTY = new CharSet([]);
  static readonly ANY = new CharSet([[0, MAX_CHAR]]);

  static of(ranges: readonly CharRange[]): CharSet {
    const sorted = ranges
      .map(([a, b]): CharRange => [Math.max(0, Math.min(a, b)), Math.min(MAX_CHAR, Math.max(a, b))])
      .sort((x, y) => x[0] - y[0]);
    const out: [number, number][] = [];
    for (const [a, b] of sorted) {
      const last = out[out.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else out.push([a, b]);
    }
    return new CharSet(out);
  }

  static char(c: number): CharSet {
    return CharSet.of([[c, c]]);
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  union(other: CharSet): CharSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return CharSet.of([...this.ranges, ...other.ranges]);
  }

  complement(): CharSet {
    const out: CharRange[] = [];
    let next = 0;
    for (const [a, b] of this.ranges) {
      if (a > next) out.push([next, a - 1]);
      next = b + 1;
    }
    if (next <= MAX_CHAR) out.push([next, MAX_CHAR]);
    return new CharSet(out);
  }

  intersects(other: CharSet): boolean {
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a1, b1] = this.ranges[i] as CharRange;
      const [a2, b2] = other.ranges[j] as CharRange;
      if (a1 <= b2 && a2 <= b1) return true;
      if (b1 < b2) i++;
      else j++;
    }
    return false;
  }

  /** Adds the other case of ASCII letters (enough for the `i` flag in an approximation). */
  foldCase(): CharSet {
    const extra: CharRange[] = [];
    const A = 65, Z = 90, a = 97, z = 122;
    for (const [lo, hi] of this.ranges) {
      const ulo = Math.max(lo, A), uhi = Math.min(hi, Z);
      if (ulo <= uhi) extra.push([ulo + 32, uhi + 32]);
      const llo = Math.max(lo, a), lhi = Math.min(hi, z);
      if (llo <= lhi) extra.push([llo - 32, lhi - 32]);
    }
    return extra.length ? CharSet.of([...this.ranges, ...extra]) : this;
  }
}
