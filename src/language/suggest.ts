/**
 * "Did you mean ...?" suggestions for misspelled names (rule ids, codes, inputs, built-ins):
 * one implementation, shared by the parser, binder, checker, linter and CLI.
 */

/**
 * Damerau-Levenshtein distance (unrestricted: adjacent transpositions may be combined with
 * further edits, e.g. "ca" -> "abc" is 2). Compares UTF-16 code units.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const max = a.length + b.length;
  const cols = b.length + 2;
  // d[(i + 1) * cols + (j + 1)] is the distance between a[0..i) and b[0..j); row/column 0 hold `max`.
  const d = new Array<number>((a.length + 2) * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  const set = (i: number, j: number, v: number): void => {
    d[i * cols + j] = v;
  };
  set(0, 0, max);
  for (let i = 0; i <= a.length; i++) {
    set(i + 1, 0, max);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= b.length; j++) {
    set(0, j + 1, max);
    set(1, j + 1, j);
  }
  const lastRow = new Map<string, number>(); // last row (1-based) where a character of `a` was seen
  for (let i = 1; i <= a.length; i++) {
    const ca = a[i - 1] as string;
    let lastMatchCol = 0;
    for (let j = 1; j <= b.length; j++) {
      const cb = b[j - 1] as string;
      const i1 = lastRow.get(cb) ?? 0;
      const j1 = lastMatchCol;
      const cost = ca === cb ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      set(
        i + 1,
        j + 1,
        Math.min(
          at(i, j) + cost, // substitution or match
          at(i + 1, j) + 1, // insertion
          at(i, j + 1) + 1, // deletion
          at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1), // transposition
        ),
      );
    }
    lastRow.set(ca, i);
  }
  return at(a.length + 1, b.length + 1);
}

/**
 * `damerauLevenshtein(a, b)` when it is at most `cap`, otherwise `cap + 1`, in
 * O(min(|a|, |b|) * cap) time and O(|b| * cap) memory: only cells within `cap` of the
 * diagonal can hold a distance <= cap, a transposition reaching back more than `cap`
 * rows costs more than `cap`, and the scan stops as soon as a whole band row exceeds
 * `cap`. Suggestions need cap <= 3, so two 16 KB identifiers cost microseconds, not
 * the 256-million-cell matrix (and RangeError) of the full algorithm.
 */
export function boundedDamerauLevenshtein(a: string, b: string, cap: number): number {
  const k = Math.max(0, Math.floor(cap));
  const over = k + 1;
  if (Math.abs(a.length - b.length) > k) return over;
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  const la = a.length;
  const lb = b.length;
  const ringSize = k + 3;
  const ring: Int32Array[] = Array.from({ length: ringSize }, () => new Int32Array(lb + 1));
  // D(i, j): distance between a[0..i) and b[0..j); cells off the band are "more than cap".
  const at = (i: number, j: number): number => (j < 0 || i < 0 || Math.abs(i - j) > k ? over : (ring[i % ringSize] as Int32Array)[j] as number);
  const row0 = ring[0] as Int32Array;
  for (let j = 0; j <= Math.min(lb, k); j++) row0[j] = j;
  const lastRow = new Map<string, number>(); // last row (1-based) whose character of `a` is the key
  for (let i = 1; i <= la; i++) {
    const ca = a[i - 1] as string;
    const row = ring[i % ringSize] as Int32Array;
    const from = Math.max(0, i - k);
    const to = Math.min(lb, i + k);
    let lastMatchCol = 0;
    // The last column < from where b holds ca: needed for transpositions that start before the band.
    for (let j = Math.max(1, from - k - 1); j < from; j++) if (b[j - 1] === ca) lastMatchCol = j;
    let rowMin = over;
    for (let j = from; j <= to; j++) {
      let v: number;
      if (j === 0) v = i;
      else {
        const cb = b[j - 1] as string;
        const cost = ca === cb ? 0 : 1;
        v = Math.min(at(i - 1, j - 1) + cost, at(i, j - 1) + 1, at(i - 1, j) + 1);
        const i1 = lastRow.get(cb) ?? 0;
        const j1 = lastMatchCol;
        if (i1 > 0 && j1 > 0) {
          const extra = i - i1 - 1 + 1 + (j - j1 - 1);
          if (extra <= k) v = Math.min(v, at(i1 - 1, j1 - 1) + extra);
        }
        if (cost === 0) lastMatchCol = j;
      }
      if (v > over) v = over;
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > k) return over;
    lastRow.set(ca, i);
  }
  const d = at(la, lb);
  return d > k ? over : d;
}

export interface DidYouMeanOptions {
  /** Largest distance still suggested. Default: max(1, floor(name.length / 3)), at most 3. */
  readonly maxDistance?: number;
  /** Compare case-insensitively (default true): "hir2002" suggests "HIR2002". */
  readonly ignoreCase?: boolean;
}

/**
 * The candidate closest to `name`, or undefined when none is close enough. Ties go to the
 * candidate that comes first in `candidates`, so results are deterministic. An exact match
 * (ignoring case) is returned as is.
 */
export function didYouMean(name: string, candidates: Iterable<string>, options: DidYouMeanOptions = {}): string | undefined {
  const ignoreCase = options.ignoreCase ?? true;
  const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const target = norm(name);
  const limit = options.maxDistance ?? Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Only a strictly better candidate within the limit matters: cap the distance there.
    const cap = Math.min(limit, bestDistance - 1);
    const dist = boundedDamerauLevenshtein(target, norm(c), cap);
    if (dist <= cap && dist < bestDistance) {
      best = c;
      bestDistance = dist;
      if (dist === 0) break;
    }
  }
  return best;
}

/** " Did you mean `x`?" (with the leading space) or "" when there is no suggestion. */
export function didYouMeanSuffix(name: string, candidates: Iterable<string>, options?: DidYouMeanOptions): string {
  const s = didYouMean(name, candidates, options);
  return s === undefined ? "" : ` Did you mean \`${s}\`?`;
}
